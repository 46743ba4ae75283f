"""Facts derived from the model that several checks and views need, computed in one place.

All of them read the backlinks index built while resolving references, so none of them
scans the whole model per question.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

from opmodel.model.model import Model
from opmodel.model.refs import Ref
from opmodel.model.schedule import meetings_per_period
from opmodel.model.schema import Capability, Decision, Entity, Flow, Forum, Role, Stage, Unit

T = TypeVar("T", bound=Entity)

MEETINGS_PER_WEEK: dict[str, float] = {
    "weekly": 1.0,
    "fortnightly": 0.5,
    "monthly": 12 / 52,
    "quarterly": 4 / 52,
    "annually": 1 / 52,
    "ad hoc": 0.0,
}
"""Ad hoc forums meet when needed; they count as no standing load."""

Seat = Literal["chair", "secretary", "member"]
Letter = Literal["A", "R", "C", "I"]
RACI_FIELDS: dict[str, Letter] = {
    "accountable": "A",
    "responsible": "R",
    "consulted": "C",
    "informed": "I",
}


def weekly_hours(forum: Forum) -> float:
    """Hours a week one seat in this forum costs: cadence x duration (x the meetings in
    each period, when `meets` names two days or two weeks of the month)."""
    if forum.cadence is None or forum.duration_minutes is None:
        return 0.0
    per_period = meetings_per_period(forum)
    return MEETINGS_PER_WEEK[forum.cadence] * per_period * forum.duration_minutes / 60


@dataclass(frozen=True)
class ForumSeat:
    forum: Forum
    seat: Seat

    @property
    def weekly_hours(self) -> float:
        return weekly_hours(self.forum)


SEAT_FIELDS: dict[str, Seat] = {"chair": "chair", "secretary": "secretary", "members": "member"}
"""The forum fields that seat a role, the most senior first."""
_SENIORITY = {field: rank for rank, field in enumerate(SEAT_FIELDS)}


def seats(model: Model, role: Role) -> list[ForumSeat]:
    """The forums a role chairs, clerks or sits in (one seat per forum, the senior one),
    from one look at its backlinks (a check asks it of every role)."""
    senior: dict[str, tuple[int, Ref, str]] = {}
    for link in model.backlinks.get(role.ref, ()):
        rank = _SENIORITY.get(link.field)
        if rank is None or link.source.kind != "forum":
            continue
        was = senior.get(link.source.id)
        if was is None or rank < was[0]:
            senior[link.source.id] = (rank, link.source, link.field)
    found = []
    for _, (_, ref, field) in sorted(senior.items()):
        forum = model.shown(ref)
        assert isinstance(forum, Forum)
        found.append(ForumSeat(forum, SEAT_FIELDS[field]))
    return found


def meeting_hours(model: Model, role: Role) -> float:
    return sum(seat.weekly_hours for seat in seats(model, role))


def direct_reports(model: Model, role: Role) -> list[Role]:
    return _typed(model, _reports_of(model, role), Role)


def report_count(model: Model, role: Role) -> int:
    """How many roles report to `role` directly, without looking each up (a check counts
    them for every role)."""
    return len(_reports_of(model, role))


def _reports_of(model: Model, role: Role) -> list[Ref]:
    return model.referrers(role.ref, "reports_to", "role")


def roles_in(model: Model, unit: Unit) -> list[Role]:
    return _typed(model, model.referrers(unit.ref, "unit", "role"), Role)


def child_units(model: Model, unit: Unit) -> list[Unit]:
    return _typed(model, model.referrers(unit.ref, "parent", "unit"), Unit)


@dataclass(frozen=True, order=True)
class UnitSize:
    """How much of the organisation sits in a unit: what an org chart orders siblings by."""

    units: int
    """Units beneath it, at any depth."""
    roles: int
    """Roles in it and in the units beneath it."""


def unit_sizes(model: Model) -> Callable[[Unit], UnitSize]:
    """The size of a unit: the units beneath it and the roles in all of them. Each unit
    is counted once however many are asked for (an org chart asks for every one, and a
    top unit's size is its children's), without recursion: a chain of units may be as
    deep as a model makes it (cycles are refused at load)."""
    sizes: dict[str, UnitSize] = {}

    def size(unit: Unit) -> UnitSize:
        if unit.id not in sizes:
            order, children, stack = [], {}, [unit]
            while stack:  # every unit beneath not sized yet, each before those below it
                here = stack.pop()
                order.append(here)
                children[here.id] = below = child_units(model, here)
                stack.extend(child for child in below if child.id not in sizes)
            for here in reversed(order):  # those below first
                parts = [sizes[child.id] for child in children[here.id]]
                sizes[here.id] = UnitSize(
                    len(parts) + sum(part.units for part in parts),
                    len(roles_in(model, here)) + sum(part.roles for part in parts),
                )
        return sizes[unit.id]

    return size


def child_capabilities(model: Model, capability: Capability) -> list[Capability]:
    return _typed(model, model.referrers(capability.ref, "parent", "capability"), Capability)


def unit_depth(model: Model, unit: Unit) -> int:
    """1 for a top-level unit. Cycles are refused at load, so this terminates."""
    depth = 1
    while unit.parent is not None:
        parent = model.shown(unit.parent)
        assert isinstance(parent, Unit)
        unit, depth = parent, depth + 1
    return depth


def ancestors(model: Model, entity: Unit | Capability) -> list[Entity]:
    """Parents from the nearest up to the top."""
    chain: list[Entity] = []
    current: Entity = entity
    while (parent := getattr(current, "parent", None)) is not None:
        current = model.shown(parent)
        chain.append(current)
    return chain


@dataclass(frozen=True)
class RaciEntry:
    decision: Decision
    letters: tuple[Letter, ...]


def raci_for(model: Model, ref: Ref) -> list[RaciEntry]:
    """The decisions in which `ref` is A, R, C or I, with its letters in each."""
    letters: dict[str, list[Letter]] = {}
    for link in model.backlinks.get(ref, ()):
        if link.source.kind == "decision" and link.field in RACI_FIELDS:
            letters.setdefault(link.source.id, []).append(RACI_FIELDS[link.field])
    entries = []
    for decision_id, found in sorted(letters.items()):
        decision = model.get(Ref("decision", decision_id))
        assert isinstance(decision, Decision)
        order: list[Letter] = [letter for letter in "ARCI" if letter in found]
        entries.append(RaciEntry(decision, tuple(order)))
    return entries


def decisions_held(model: Model, ref: Ref) -> list[Decision]:
    """Decisions where `ref` is accountable or responsible: what it actually decides."""
    return [e.decision for e in raci_for(model, ref) if {"A", "R"} & set(e.letters)]


@dataclass(frozen=True)
class OwnedStage:
    flow: Flow
    index: int
    stage: Stage


def stages_owned(model: Model, ref: Ref) -> list[OwnedStage]:
    owned: list[OwnedStage] = []
    for flow_ref in model.referrers(ref, "stages.owner", "flow"):
        flow = model.get(flow_ref)
        assert isinstance(flow, Flow)
        owned.extend(
            OwnedStage(flow, i, stage) for i, stage in enumerate(flow.stages) if stage.owner == ref
        )
    return owned


def capabilities_owned(model: Model, ref: Ref) -> list[Capability]:
    return _typed(model, model.referrers(ref, "owner", "capability"), Capability)


def _typed(model: Model, refs: list[Ref], cls: type[T]) -> list[T]:
    """The related entities, for lists and counts: their facts, not their prose."""
    return [e for e in (model.shown(r) for r in refs) if isinstance(e, cls)]


@dataclass(frozen=True)
class Holder:
    """Who holds a role: a person (`ref` set, linked to their page) or a name written inline."""

    ref: Ref | None
    name: str


def holders(model: Model, role: Role) -> list[Holder]:
    """A role's holders in the order written, each with what people call them."""
    found = []
    for holder in role.holders:
        if isinstance(holder, Ref):
            found.append(Holder(holder, model.shown(holder).label))
        else:
            found.append(Holder(None, holder))
    return found


def forum_unit(model: Model, forum: Forum) -> Unit | None:
    """The unit a forum belongs to: its chair role's unit or, with no chair in a unit, the
    unit most of its members' roles are in (ties go to the unit first by label: a forum
    of equals from two units is not claimed by the one listed first in the file)."""
    chair = _role_unit(model, forum.chair)
    if chair is not None:
        return chair
    found: dict[str, tuple[int, Unit]] = {}
    for member in forum.members:
        unit = _role_unit(model, member)
        if unit is not None:
            found[unit.id] = (found.get(unit.id, (0, unit))[0] + 1, unit)
    if not found:
        return None
    return min(found.values(), key=lambda seen: (-seen[0], seen[1].label, seen[1].id))[1]


def _role_unit(model: Model, ref: Ref | None) -> Unit | None:
    role = model.shown(ref) if ref is not None else None
    if not isinstance(role, Role) or role.unit is None:
        return None
    unit = model.shown(role.unit)
    return unit if isinstance(unit, Unit) else None


def forums_chaired_in(model: Model, unit: Unit) -> list[Forum]:
    """The forums whose chair is a role in `unit`: the forums `forum_unit` gives to it."""
    found: dict[str, Forum] = {}
    for role in roles_in(model, unit):
        for ref in model.referrers(role.ref, "chair", "forum"):
            forum = model.shown(ref)
            if isinstance(forum, Forum):
                found[forum.id] = forum
    return [found[i] for i in sorted(found)]


def units_below(model: Model, unit: Unit) -> list[Unit]:
    """Every unit under `unit`, at any depth, nearest first (cycles are refused at load)."""
    found: list[Unit] = []
    level = child_units(model, unit)
    while level:
        found.extend(level)
        level = [c for u in level for c in child_units(model, u)]
    return found


@dataclass(frozen=True)
class RoleSeat:
    """One forum and the seats some roles (a unit's, a person's) hold in it."""

    forum: Forum
    seats: tuple[tuple[Role, Seat], ...]

    @property
    def weekly_hours(self) -> float:
        return weekly_hours(self.forum)


def forums_of(model: Model, roles: list[Role]) -> list[RoleSeat]:
    """The forums any of `roles` chairs, clerks or sits in, by forum id, each with the
    roles' seats in it (the senior seat first)."""
    order = {"chair": 0, "secretary": 1, "member": 2}
    by_forum: dict[str, list[tuple[Role, Seat]]] = {}
    forums: dict[str, Forum] = {}
    for role in roles:
        for seat in seats(model, role):
            forums[seat.forum.id] = seat.forum
            by_forum.setdefault(seat.forum.id, []).append((role, seat.seat))
    return [
        RoleSeat(forums[i], tuple(sorted(by_forum[i], key=lambda s: (order[s[1]], s[0].id))))
        for i in sorted(by_forum)
    ]


def managers(model: Model, roles: list[Role]) -> list[tuple[Role, list[Holder]]]:
    """The roles that `roles` report to (outside `roles`), each with its holders."""
    own = {r.id for r in roles}
    found: dict[str, Role] = {}
    for role in roles:
        if role.reports_to is not None and role.reports_to.id not in own:
            parent = model.shown(role.reports_to)
            if isinstance(parent, Role):
                found.setdefault(parent.id, parent)
    return [(r, holders(model, r)) for _, r in sorted(found.items())]


def reports(model: Model, roles: list[Role]) -> list[tuple[Role, list[Holder]]]:
    """The roles reporting to any of `roles` (outside `roles`), each with its holders."""
    own = {r.id for r in roles}
    found: dict[str, Role] = {}
    for role in roles:
        for report in direct_reports(model, role):
            if report.id not in own:
                found.setdefault(report.id, report)
    return [(r, holders(model, r)) for _, r in sorted(found.items())]
