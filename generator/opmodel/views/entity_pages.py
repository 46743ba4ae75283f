"""The views behind entity pages: one builder per kind, each returning what its template
(`<kind>.md.j2`) shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from opmodel.model.model import Model
from opmodel.model.refs import Ref
from opmodel.model.relations import (
    ancestors,
    capabilities_owned,
    child_capabilities,
    child_units,
    direct_reports,
    roles_in,
    seats,
    weekly_hours,
)
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


@dataclass(frozen=True)
class EntityPage:
    entity: Entity
    backlinks: list[BacklinkGroup]
    involvement: Involvement
    extra: dict[str, Any]
    """Kind-specific facts, named as the template uses them."""


def entity_page(model: Model, entity: Entity) -> EntityPage:
    builder = _BUILDERS.get(entity.kind)
    extra = builder(model, entity) if builder else {}
    return EntityPage(entity, backlink_groups(model, entity), involvement(model, entity.ref), extra)


def _role(model: Model, role: Entity) -> dict[str, Any]:
    assert isinstance(role, Role)
    role_seats = seats(model, role)
    holders: list[tuple[Ref | None, str]] = []
    for holder in role.holders:
        if isinstance(holder, Ref):
            person = model.get(holder)
            holders.append((holder, person.label))
        else:
            holders.append((None, holder))
    return {
        "holders": holders,
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
        "reporting_forums": model.referrers(forum.ref, "reports_to", "forum"),
        "escalation_for": model.referrers(forum.ref, "escalates_to", "decision"),
    }


def _unit(model: Model, unit: Entity) -> dict[str, Any]:
    assert isinstance(unit, Unit)
    return {
        "ancestors": list(reversed(ancestors(model, unit))),
        "children": child_units(model, unit),
        "roles": roles_in(model, unit),
        "owned_capabilities": capabilities_owned(model, unit.ref),
    }


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
    return {"roles": model.referrers(person.ref, "holders", "role")}


_BUILDERS = {
    "role": _role,
    "forum": _forum,
    "unit": _unit,
    "decision": _decision,
    "capability": _capability,
    "flow": _flow,
    "person": _person,
}
