"""The views behind entity pages: one typed view per kind (`RolePage`, `ForumPage`, ...),
each holding everything its template (`<kind>.md.j2`) shows; `site/pages.py` says which
view and template make each kind's pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Generic, TypeVar

from opmodel.model.model import Model
from opmodel.model.refs import Ref
from opmodel.model.relations import (
    ForumSeat,
    Holder,
    RoleSeat,
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
    Change,
    Decision,
    Entity,
    Flow,
    Forum,
    Outcome,
    Person,
    Role,
    Stage,
    Unit,
)
from opmodel.views.common import BacklinkGroup, Involvement, backlink_groups, involvement
from opmodel.views.contact import ContactLine, contact_lines

E = TypeVar("E", bound=Entity)

FRAME_FIELDS = ("entity", "backlinks", "referenced", "involvement", "contact")
"""What every entity page shows (`entity.md.j2`); each kind's page adds its own facts."""


@dataclass(frozen=True)
class EntityPage(Generic[E]):
    """The frame every entity page shares. Each kind has its own subclass (`RolePage`,
    ...) with the facts its template (`<kind>.md.j2`) shows, named as the template reads
    them: `view.holders`, `view.seats`."""

    entity: E
    backlinks: tuple[BacklinkGroup, ...]
    """What refers to it, but for what the page's own sections already list."""
    referenced: bool
    """Whether anything refers to it at all."""
    involvement: Involvement
    contact: tuple[ContactLine, ...]
    """How to reach them: e-mail, chat, mailing list, meeting link, web page."""

    @property
    def extra(self) -> Mapping[str, object]:
        """The kind's own facts by name, as templates written before the typed views read
        them (`view.extra.holders`): an organisation's own templates keep working."""
        return MappingProxyType(
            {f.name: getattr(self, f.name) for f in fields(self) if f.name not in FRAME_FIELDS}
        )


def _frame(
    model: Model, entity: E
) -> tuple[E, tuple[BacklinkGroup, ...], bool, Involvement, tuple[ContactLine, ...]]:
    """The shared fields of `entity`'s page, in `EntityPage`'s order."""
    shown = SHOWN_ABOVE.get(entity.kind, frozenset()) | INVOLVEMENT_FIELDS
    return (
        entity,
        tuple(backlink_groups(model, entity, shown)),
        bool(model.referrers(entity.ref)),
        involvement(model, entity.ref),
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


@dataclass(frozen=True)
class RolePage(EntityPage[Role]):
    holders: tuple[Holder, ...]
    direct_reports: tuple[Role, ...]
    seats: tuple[ForumSeat, ...]
    """The forums it chairs, clerks or sits in, one seat each."""
    meeting_hours: float
    """Hours a week its seats cost."""
    capabilities: tuple[Capability, ...]
    """The capabilities it owns."""
    units_led: tuple[Ref, ...]
    chain: tuple[Role, ...]
    """Its reporting line upwards: the role it reports to first."""


def role_page(model: Model, role: Role) -> RolePage:
    role_seats = tuple(seats(model, role))
    return RolePage(
        *_frame(model, role),
        holders=tuple(holders(model, role)),
        direct_reports=tuple(direct_reports(model, role)),
        seats=role_seats,
        meeting_hours=sum(s.weekly_hours for s in role_seats),
        capabilities=tuple(capabilities_owned(model, role.ref)),
        units_led=tuple(model.referrers(role.ref, "lead", "unit")),
        chain=_reporting_chain(model, role),
    )


def _reporting_chain(model: Model, role: Role) -> tuple[Role, ...]:
    chain = []
    current = role
    while current.reports_to is not None:
        parent = model.shown(current.reports_to)
        assert isinstance(parent, Role)
        chain.append(parent)
        current = parent
    return tuple(chain)


@dataclass(frozen=True)
class ForumPage(EntityPage[Forum]):
    weekly_hours: float
    """Hours a week one seat in it costs."""
    when: str | None
    """Its schedule in words (`meets`); None without one."""
    has_feed: bool
    """It meets regularly: it has an iCalendar feed."""
    reporting_forums: tuple[Ref, ...]
    escalation_for: tuple[Ref, ...]
    """The decisions that escalate to it."""
    unit: Unit | None
    """The unit it belongs to (`relations.forum_unit`)."""
    chair_holders: tuple[Holder, ...]
    secretary_holders: tuple[Holder, ...]
    member_holders: Mapping[Ref, tuple[Holder, ...]]
    """Each member role's holders."""


def forum_page(model: Model, forum: Forum) -> ForumPage:
    return ForumPage(
        *_frame(model, forum),
        weekly_hours=weekly_hours(forum),
        when=when(forum),
        has_feed=regular(forum) is not None,
        reporting_forums=tuple(model.referrers(forum.ref, "reports_to", "forum")),
        escalation_for=tuple(model.referrers(forum.ref, "escalates_to", "decision")),
        unit=forum_unit(model, forum),
        chair_holders=_holders_of(model, forum.chair),
        secretary_holders=_holders_of(model, forum.secretary),
        member_holders=MappingProxyType({m: _holders_of(model, m) for m in forum.members}),
    )


def _holders_of(model: Model, ref: Ref | None) -> tuple[Holder, ...]:
    role = model.shown(ref) if ref is not None else None
    return tuple(holders(model, role)) if isinstance(role, Role) else ()


@dataclass(frozen=True)
class UnitPage(EntityPage[Unit]):
    ancestors: tuple[Entity, ...]
    """The units it is part of, the top one first."""
    children: tuple[Unit, ...]
    roles: tuple[tuple[Role, tuple[Holder, ...]], ...]
    """The roles directly in it, each with its holders."""
    lead_holders: tuple[Holder, ...]
    forums: tuple[RoleSeat, ...]
    """The forums its roles sit in."""
    child_forums: tuple[tuple[Unit, tuple[Forum, ...]], ...]
    """The forums the units directly within it chair (`_forums_below`)."""
    deeper_forums: int
    """How many more forums the units further down chair."""
    owned_capabilities: tuple[Capability, ...]


def unit_page(model: Model, unit: Unit) -> UnitPage:
    roles = roles_in(model, unit)
    children = child_units(model, unit)
    forums = forums_of(model, roles)
    child_forums, deeper = _forums_below(model, children, {s.forum.id for s in forums})
    return UnitPage(
        *_frame(model, unit),
        ancestors=tuple(reversed(ancestors(model, unit))),
        children=tuple(children),
        roles=tuple((r, tuple(holders(model, r))) for r in roles),
        lead_holders=_holders_of(model, unit.lead),
        forums=tuple(forums),
        child_forums=child_forums,
        deeper_forums=deeper,
        owned_capabilities=tuple(capabilities_owned(model, unit.ref)),
    )


def _forums_below(
    model: Model, children: list[Unit], listed: set[str]
) -> tuple[tuple[tuple[Unit, tuple[Forum, ...]], ...], int]:
    """The forums of the units directly within a unit (chaired by their roles), each unit
    with its own, leaving out those in `listed`; and how many more the units further down
    chair. A new hire on a unit's page sees the forums one level down, and how many lie
    deeper: for the root of a 300-unit project that is one row per group, not every
    meeting of every subproject."""
    seen = set(listed)
    by_child = []
    for child in children:
        forums = tuple(f for f in forums_chaired_in(model, child) if f.id not in seen)
        seen.update(f.id for f in forums)
        if forums:
            by_child.append((child, forums))
    deeper = {
        forum.id
        for child in children
        for unit in units_below(model, child)
        for forum in forums_chaired_in(model, unit)
    }
    return tuple(by_child), len(deeper - seen)


@dataclass(frozen=True)
class DecisionPage(EntityPage[Decision]):
    escalation: tuple[Ref, ...]
    """Where it goes when it escalates (`escalation_path`)."""


def decision_page(model: Model, decision: Decision) -> DecisionPage:
    return DecisionPage(
        *_frame(model, decision), escalation=tuple(escalation_path(model, decision))
    )


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


@dataclass(frozen=True)
class CapabilityPage(EntityPage[Capability]):
    ancestors: tuple[Entity, ...]
    """The capabilities it is part of, the top one first."""
    children: tuple[Capability, ...]


def capability_page(model: Model, capability: Capability) -> CapabilityPage:
    return CapabilityPage(
        *_frame(model, capability),
        ancestors=tuple(reversed(ancestors(model, capability))),
        children=tuple(child_capabilities(model, capability)),
    )


@dataclass(frozen=True)
class StageRow:
    number: int
    stage: Stage
    handoff: bool
    """The owning unit differs from the previous stage's."""


@dataclass(frozen=True)
class FlowPage(EntityPage[Flow]):
    rows: tuple[StageRow, ...]
    total_lead_time: float | None
    """Days end to end, from the stages that give one; None when none does."""
    handoffs: int
    """How many times the owning unit changes from one stage to the next."""
    pain_points: int
    """Stages with high pain (2 or more)."""


def flow_page(model: Model, flow: Flow) -> FlowPage:
    rows = []
    previous_unit: Ref | None = None
    for number, stage in enumerate(flow.stages, start=1):
        unit = owning_unit(model, stage.owner)
        rows.append(StageRow(number, stage, number > 1 and unit != previous_unit))
        previous_unit = unit
    lead_times = [s.lead_time_days for s in flow.stages if s.lead_time_days is not None]
    return FlowPage(
        *_frame(model, flow),
        rows=tuple(rows),
        total_lead_time=sum(lead_times) if lead_times else None,
        handoffs=sum(r.handoff for r in rows),
        pain_points=sum(1 for s in flow.stages if s.pain >= 2),
    )


def owning_unit(model: Model, owner: Ref | None) -> Ref | None:
    """The unit behind a stage owner: the unit itself, or a role's unit."""
    if owner is None or owner.kind == "unit":
        return owner
    role = model.get(owner)
    return role.unit if isinstance(role, Role) else None


RolesAndHolders = tuple[tuple[Role, tuple[Holder, ...]], ...]


@dataclass(frozen=True)
class PersonPage(EntityPage[Person]):
    roles: tuple[Role, ...]
    """The roles they hold."""
    forums: tuple[RoleSeat, ...]
    managers: RolesAndHolders
    """The roles theirs report to, with their holders (themselves left out)."""
    reports: RolesAndHolders
    """The roles reporting to theirs, with their holders (themselves left out)."""


def person_page(model: Model, person: Person) -> PersonPage:
    roles = [
        r
        for r in (model.shown(ref) for ref in model.referrers(person.ref, "holders", "role"))
        if isinstance(r, Role)
    ]
    return PersonPage(
        *_frame(model, person),
        roles=tuple(roles),
        forums=tuple(forums_of(model, roles)),
        managers=_others(managers(model, roles), person.ref),
        reports=_others(reports(model, roles), person.ref),
    )


def _others(found: list[tuple[Role, list[Holder]]], person: Ref) -> RolesAndHolders:
    """Each role with its holders other than `person`: someone who holds both a role and
    the role above it is not their own manager."""
    return tuple((role, tuple(h for h in hs if h.ref != person)) for role, hs in found)


@dataclass(frozen=True)
class OutcomePage(EntityPage[Outcome]):
    """An outcome's page shows its own fields only: the frame is all it needs."""


def outcome_page(model: Model, outcome: Outcome) -> OutcomePage:
    return OutcomePage(*_frame(model, outcome))


@dataclass(frozen=True)
class ChangePage(EntityPage[Change]):
    """A change's page shows its own fields only: the frame is all it needs."""


def change_page(model: Model, change: Change) -> ChangePage:
    return ChangePage(*_frame(model, change))
