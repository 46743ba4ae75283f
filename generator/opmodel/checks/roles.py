"""Roles: filled, with accountabilities, in a unit, a sane span of control and meeting load."""

from __future__ import annotations

from collections.abc import Iterator

from opmodel.checks.base import Context, Finding
from opmodel.codes import (
    MEETING_LOAD,
    ROLE_NO_ACCOUNTABILITIES,
    ROLE_NO_UNIT,
    ROLE_UNFILLED,
    SPAN_OF_CONTROL,
)
from opmodel.model.relations import meeting_hours, report_count, seats


def unfilled_roles(ctx: Context) -> Iterator[Finding]:
    """OPM401: a role with no holders is a gap in who does the work. A proposed role (being
    recruited, as the hint suggests) and a retired one are expected to be empty."""
    for role in ctx.model.roles:
        if not role.holders and role.status not in ("proposed", "retired"):
            yield Finding(
                ROLE_UNFILLED,
                role.ref,
                f"role '{role.label}' has no holders",
                "holders",
                "name the holder, or mark the role proposed while it is recruited",
            )


def roles_without_accountabilities(ctx: Context) -> Iterator[Finding]:
    """OPM402: a role nobody can hold to account for anything."""
    for role in ctx.model.roles:
        if not role.accountabilities:
            yield Finding(
                ROLE_NO_ACCOUNTABILITIES,
                role.ref,
                f"role '{role.label}' lists no accountabilities",
                "accountabilities",
            )


def roles_without_unit(ctx: Context) -> Iterator[Finding]:
    """OPM403: a role that sits in no unit does not appear in the structure."""
    for role in ctx.model.roles:
        if role.unit is None:
            yield Finding(
                ROLE_NO_UNIT,
                role.ref,
                f"role '{role.label}' belongs to no unit",
                None,
                "add `unit: <unit-id>`",
            )


def span_of_control(ctx: Context) -> Iterator[Finding]:
    """OPM410: more direct reports than `settings.max_span_of_control`."""
    limit = ctx.settings.max_span_of_control
    for role in ctx.model.roles:
        count = report_count(ctx.model, role)
        if count > limit:
            yield Finding(
                SPAN_OF_CONTROL,
                role.ref,
                f"role '{role.label}' has {count} direct reports (limit {limit})",
            )


def meeting_load(ctx: Context) -> Iterator[Finding]:
    """OPM411: weekly hours in forums chaired, clerked or attended over the limit."""
    limit = ctx.settings.max_meeting_hours_per_week
    for role in ctx.model.roles:
        hours = meeting_hours(ctx.model, role)
        if hours > limit + 1e-9:
            forums = len(seats(ctx.model, role))
            yield Finding(
                MEETING_LOAD,
                role.ref,
                f"role '{role.label}' spends {hours:.1f} h a week in {forums} forums "
                f"(limit {limit:g} h)",
                None,
                "send a delegate, or merge forums with overlapping remits",
            )
