"""The views behind entity pages: one builder per kind, each returning what its template
(`<kind>.md.j2`) shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from opmodel.model.model import Model
from opmodel.model.refs import Ref
from opmodel.model.relations import (
    Holder,
    ancestors,
    capabilities_owned,
    child_capabilities,
    child_units,
    direct_reports,
    forum_unit,
    forums_chaired_in,
    forums_of,
    holders,
    managers,
    reports,
    roles_in,
    seats,
    units_below,
    weekly_hours,
)
from opmodel.model.schedule import regular, when
from opmodel.model.schema import (
    Capability,
    Decision,
    Entity,
    Flow,
    Forum,
    Person,
    Role,
    Unit,
)
from opmodel.views.common import BacklinkGroup, Involvement, backlink_groups, involvement
from opmodel.views.contact import ContactLine, contact_lines


@dataclass(frozen=True)
class EntityPage:
    entity: Entity
    backlinks: list[BacklinkGroup]
    """What refers to it, but for what the page's own sections already list."""
    referenced: bool
    """Whether anything refers to it at all."""
    involvement: Involvement
    extra: dict[str, Any]
    """Kind-specific facts, named as the template uses them."""
    contact: tuple[ContactLine, ...] = ()
    """How to reach them: e-mail, chat, mailing list, meeting link, web page."""


def entity_page(model: Model, entity: Entity) -> EntityPage:
    builder = _BUILDERS.get(entity.kind)
    extra = builder(model, entity) if builder else {}
    shown = SHOWN_ABOVE.get(entity.kind, frozenset()) | INVOLVEMENT_FIELDS
    return EntityPage(
        entity,
        backlink_groups(model, entity, shown),
        bool(model.referrers(entity.ref)),
        involvement(model, entity.ref),
        extra,
        contact_lines(entity, model.organisation.settings),
    )


INVOLVEMENT_FIELDS = frozenset(
    {("decision", f) for f in ("accountable", "responsible", "consulted", "informed")}
    | {("flow", "stages.owner")}
)
"""Backlinks every entity page lists in its involvement sections (RACI, flow stages)."""

SHOWN_ABOVE: dict[str, frozenset[tuple[str, str]]] = {
    "unit": frozenset({("unit", "parent"), ("role", "unit"), ("capability", "owner")}),
    "role": frozenset(
        {
            ("role", "reports_to"),
            ("unit", "lead"),
            ("forum", "chair"),
            ("forum", "secretary"),
            ("forum", "members"),
            ("capability", "owner"),
        }
    ),
    "person": frozenset({("role", "holders")}),
    "forum": frozenset({("forum", "reports_to")}),
    "capability": frozenset({("capability", "parent")}),
}
"""(referring kind, field) of the backlinks each kind's template lists in a section of its
own, all of them: "Referenced by" leaves those out instead of listing them twice."""


def _role(model: Model, role: Entity) -> dict[str, Any]:
    assert isinstance(role, Role)
    role_seats = seats(model, role)
    return {
        "holders": holders(model, role),
        "direct_reports": direct_reports(model, role),
        "seats": role_seats,
        "meeting_hours": sum(s.weekly_hours for s in role_seats),
        "capabilities": capabilities_owned(model, role.ref),
        "units_led": model.referrers(role.ref, "lead", "unit"),
        "chain": _reporting_chain(model, role),
    }


def _reporting_chain(model: Model, role: Role) -> list[Role]:
    chain = []
    current = role
    while current.reports_to is not None:
        parent = model.shown(current.reports_to)
        assert isinstance(parent, Role)
        chain.append(parent)
        current = parent
    return chain


def _forum(model: Model, forum: Entity) -> dict[str, Any]:
    assert isinstance(forum, Forum)
    return {
        "weekly_hours": weekly_hours(forum),
        "when": when(forum),
        "has_feed": regular(forum) is not None,
        "reporting_forums": model.referrers(forum.ref, "reports_to", "forum"),
        "escalation_for": model.referrers(forum.ref, "escalates_to", "decision"),
        "unit": forum_unit(model, forum),
        "chair_holders": _holders_of(model, forum.chair),
        "secretary_holders": _holders_of(model, forum.secretary),
        "member_holders": {m: _holders_of(model, m) for m in forum.members},
    }


def _holders_of(model: Model, ref: Ref | None) -> list[Holder]:
    role = model.shown(ref) if ref is not None else None
    return holders(model, role) if isinstance(role, Role) else []


def _unit(model: Model, unit: Entity) -> dict[str, Any]:
    assert isinstance(unit, Unit)
    roles = roles_in(model, unit)
    children = child_units(model, unit)
    forums = forums_of(model, roles)
    child_forums, deeper = _forums_below(model, children, {s.forum.id for s in forums})
    return {
        "ancestors": list(reversed(ancestors(model, unit))),
        "children": children,
        "roles": [(r, holders(model, r)) for r in roles],
        "lead_holders": _holders_of(model, unit.lead),
        "forums": forums,
        "child_forums": child_forums,
        "deeper_forums": deeper,
        "owned_capabilities": capabilities_owned(model, unit.ref),
    }


def _forums_below(
    model: Model, children: list[Unit], listed: set[str]
) -> tuple[list[tuple[Unit, list[Forum]]], int]:
    """The forums of the units directly within a unit (chaired by their roles), each unit
    with its own, leaving out those in `listed`; and how many more the units further down
    chair. A new hire on a unit's page sees the forums one level down, and how many lie
    deeper: for the root of a 300-unit project that is one row per group, not every
    meeting of every subproject."""
    seen = set(listed)
    by_child = []
    for child in children:
        forums = [f for f in forums_chaired_in(model, child) if f.id not in seen]
        seen.update(f.id for f in forums)
        if forums:
            by_child.append((child, forums))
    deeper = {
        forum.id
        for child in children
        for unit in units_below(model, child)
        for forum in forums_chaired_in(model, unit)
    }
    return by_child, len(deeper - seen)


def _decision(model: Model, decision: Entity) -> dict[str, Any]:
    assert isinstance(decision, Decision)
    return {"escalation": escalation_path(model, decision)}


def escalation_path(model: Model, decision: Decision) -> list[Ref]:
    """Accountable, then `escalates_to`, then on up the reporting lines of the last step."""
    path = [decision.accountable]
    if decision.escalates_to is not None and decision.escalates_to != decision.accountable:
        path.append(decision.escalates_to)
    while True:
        upward = getattr(model.shown(path[-1]), "reports_to", None)
        if upward is None or upward in path:
            return path
        path.append(upward)


def _capability(model: Model, capability: Entity) -> dict[str, Any]:
    assert isinstance(capability, Capability)
    return {
        "ancestors": list(reversed(ancestors(model, capability))),
        "children": child_capabilities(model, capability),
    }


@dataclass(frozen=True)
class StageRow:
    number: int
    stage: Any
    handoff: bool
    """The owning unit differs from the previous stage's."""


def _flow(model: Model, flow: Entity) -> dict[str, Any]:
    assert isinstance(flow, Flow)
    rows = []
    previous_unit: Ref | None = None
    for number, stage in enumerate(flow.stages, start=1):
        unit = owning_unit(model, stage.owner)
        rows.append(StageRow(number, stage, number > 1 and unit != previous_unit))
        previous_unit = unit
    lead_times = [s.lead_time_days for s in flow.stages if s.lead_time_days is not None]
    return {
        "rows": rows,
        "total_lead_time": sum(lead_times) if lead_times else None,
        "handoffs": sum(r.handoff for r in rows),
        "pain_points": sum(1 for s in flow.stages if s.pain >= 2),
    }


def owning_unit(model: Model, owner: Ref | None) -> Ref | None:
    """The unit behind a stage owner: the unit itself, or a role's unit."""
    if owner is None or owner.kind == "unit":
        return owner
    role = model.get(owner)
    return role.unit if isinstance(role, Role) else None


def _person(model: Model, person: Entity) -> dict[str, Any]:
    assert isinstance(person, Person)
    roles = [
        r
        for r in (model.shown(ref) for ref in model.referrers(person.ref, "holders", "role"))
        if isinstance(r, Role)
    ]
    return {
        "roles": roles,
        "forums": forums_of(model, roles),
        "managers": _others(managers(model, roles), person.ref),
        "reports": _others(reports(model, roles), person.ref),
    }


def _others(found: list[tuple[Role, list[Holder]]], person: Ref) -> list[tuple[Role, list[Holder]]]:
    """Each role with its holders other than `person`: someone who holds both a role and
    the role above it is not their own manager."""
    return [(role, [h for h in hs if h.ref != person]) for role, hs in found]


_BUILDERS = {
    "role": _role,
    "forum": _forum,
    "unit": _unit,
    "decision": _decision,
    "capability": _capability,
    "flow": _flow,
    "person": _person,
}
