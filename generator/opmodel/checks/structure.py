"""Structure: depth of the unit tree, and capabilities with an owner."""

from __future__ import annotations

from collections.abc import Iterator

from opmodel.checks.base import Context, Finding
from opmodel.codes import CAPABILITY_NO_OWNER, UNIT_TOO_DEEP
from opmodel.model.relations import unit_depth


def units_too_deep(ctx: Context) -> Iterator[Finding]:
    """OPM409: units deeper than `settings.max_depth` (a top-level unit is depth 1)."""
    limit = ctx.settings.max_depth
    for unit in ctx.model.units:
        depth = unit_depth(ctx.model, unit)
        if depth > limit:
            yield Finding(
                UNIT_TOO_DEEP,
                unit.ref,
                f"unit '{unit.label}' is {depth} levels deep (limit {limit})",
                "parent",
            )


def capabilities_without_owner(ctx: Context) -> Iterator[Finding]:
    """OPM413: a capability nobody owns does not get better."""
    for capability in ctx.model.capabilities:
        if capability.owner is None:
            yield Finding(
                CAPABILITY_NO_OWNER,
                capability.ref,
                f"capability '{capability.label}' has no owner",
                None,
                "add `owner: <unit-id>` or `owner: role:<role-id>`",
            )
