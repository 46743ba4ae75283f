"""The model in The Open Group's ArchiMate Model Exchange File Format 3.x
(`opmodel export --format archimate`), for Archi and other EA tools.

How the operating model maps onto ArchiMate:

| opmodel          | ArchiMate element           |
|------------------|-----------------------------|
| unit             | BusinessActor               |
| role             | BusinessRole                |
| person           | BusinessActor               |
| forum            | BusinessCollaboration       |
| decision         | BusinessProcess (deciding)  |
| capability       | Capability                  |
| flow / stage     | ValueStream / ValueStream   |
| outcome          | Outcome                     |
| change           | WorkPackage                 |
| principle        | Principle                   |

and each reference becomes the relationship ArchiMate allows between those two element
types (ArchiMate 3.2's relationship table, which tools such as Archi enforce on import):
a unit is *assigned* to its roles and *composed* of its child units; a person is assigned
to the roles they hold; a forum *aggregates* its chair, secretary and members; the A and R
of a decision are assigned to it, C is associated and I is *served*; a flow is composed of
its stages, which *flow* into each other and are served by their capabilities; a flow and a
change *realise* their outcome. Where ArchiMate has no closer fit (reporting lines, owners,
escalation) the relationship is a named, directed Association.

Identifiers are derived from ids (`id-role-chief-data-officer`,
`id-rel-forum-board--members--role-cdo`), so the same model gives the same file and a tool
can match elements across exports. Text is escaped, and characters that XML 1.0 cannot
carry (most control characters) are replaced with U+FFFD.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from opmodel.export.archimate_xml import Element, Relationship, Writer
from opmodel.kinds import ENTITY_KINDS
from opmodel.model.model import Model
from opmodel.model.refs import Ref
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

ELEMENT_TYPES: dict[str, str] = {
    "unit": "BusinessActor",
    "role": "BusinessRole",
    "person": "BusinessActor",
    "forum": "BusinessCollaboration",
    "decision": "BusinessProcess",
    "capability": "Capability",
    "flow": "ValueStream",
    "stage": "ValueStream",
    "outcome": "Outcome",
    "change": "WorkPackage",
    "principle": "Principle",
}


def element_id(kind: str, ident: str) -> str:
    return f"id-{kind}-{ident}"


def stage_id(flow: Flow, stage: Stage) -> str:
    # Ids never hold "--", so the flow and stage parts cannot run into each other.
    return f"id-stage-{flow.id}--{stage.id}"


def archimate_xml(model: Model) -> str:
    """The exchange file's text (UTF-8 when encoded)."""
    elements = list(_elements(model))
    relationships = sorted({r.identifier: r for r in _relationships(model)}.values())
    return Writer().document(model, elements, relationships)


# --- elements -------------------------------------------------------------------------------


def _elements(model: Model) -> Iterator[Element]:
    for index, principle in enumerate(model.organisation.principles, start=1):
        yield Element(
            f"id-principle-{index}", "Principle", principle.title, principle.description or ""
        )
    for kind in ENTITY_KINDS:
        for entity in model.of_kind(kind.name):
            yield _element(entity)
            if isinstance(entity, Flow):
                for number, stage in enumerate(entity.stages, start=1):
                    props = [("opmodel reference", f"{entity.ref}#{stage.id}")]
                    props += _props(lead_time_days=stage.lead_time_days, pain=stage.pain)
                    yield Element(
                        stage_id(entity, stage),
                        "ValueStream",
                        stage.label,
                        f"Stage {number} of {entity.label}.",
                        props,
                    )


def _element(entity: Entity) -> Element:
    return Element(
        element_id(entity.kind, entity.id),
        ELEMENT_TYPES[entity.kind],
        entity.label,
        _documentation(entity),
        _properties(entity),
    )


def _documentation(entity: Entity) -> str:
    parts = [entity.summary, getattr(entity, "purpose", None), entity.description]
    if isinstance(entity, Role) and entity.accountabilities:
        parts.append("Accountabilities:\n" + "\n".join(f"- {a}" for a in entity.accountabilities))
    if isinstance(entity, Change):
        parts.append(entity.hypothesis)
    if isinstance(entity, Outcome):
        parts += [_measure(m.name, m.current, m.target, m.unit) for m in entity.measures]
    parts.append(entity.body.strip())
    return "\n\n".join(part for part in parts if part)


def _measure(name: str, current: Any, target: Any, unit: str | None) -> str:
    suffix = f" {unit}" if unit else ""
    now = f"{current}{suffix}" if current is not None else "?"
    goal = f"{target}{suffix}" if target is not None else "?"
    return f"{name}: {now} now, target {goal}"


def _properties(entity: Entity) -> list[tuple[str, str]]:
    props = [("opmodel reference", str(entity.ref))]
    props += _props(
        status=entity.status,
        stability=entity.stability,
        review_by=entity.review_by,
        tags="; ".join(entity.tags) or None,
    )
    if isinstance(entity, Unit):
        props += _props(
            type=entity.type,
            team_type=entity.team_type,
            external=entity.external or None,
            supplier_tier=entity.supplier_tier,
        )
    elif isinstance(entity, Role):
        names = [h for h in entity.holders if isinstance(h, str)]
        props += _props(
            profession=entity.profession,
            headcount=entity.headcount,
            holders="; ".join(names) or None,
        )
    elif isinstance(entity, Person):
        props += _props(email=entity.email, handle=entity.handle)
    elif isinstance(entity, Forum):
        props += _props(
            type=entity.type,
            cadence=entity.cadence,
            duration_minutes=entity.duration_minutes,
            quorum=entity.quorum,
        )
    elif isinstance(entity, Decision):
        props += _props(category=entity.category, threshold=entity.threshold)
    elif isinstance(entity, Capability) and entity.maturity is not None:
        props += _props(
            maturity_current=entity.maturity.current, maturity_target=entity.maturity.target
        )
    elif isinstance(entity, Flow):
        props += _props(trigger=entity.trigger, result=entity.result)
    elif isinstance(entity, Outcome):
        props += _props(**{"for": entity.for_})
    elif isinstance(entity, Change):
        props += _props(start=entity.start, review=entity.review)
    return props


def _props(**values: Any) -> list[tuple[str, str]]:
    found = []
    for key, value in values.items():
        if value is None or value == "":
            continue
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        found.append((key.replace("_", " "), text))
    return found


# --- relationships ------------------------------------------------------------------------


def _rel(
    kind: str, source: str, tag: str, target: str, name: str | None = None, directed: bool = False
) -> Relationship:
    identifier = f"id-rel-{source.removeprefix('id-')}--{tag}--{target.removeprefix('id-')}"
    return Relationship(identifier, kind, source, target, name, directed)


def _ref_id(ref: Ref) -> str:
    return element_id(ref.kind, ref.id)


def _association(source: str, tag: str, target: str, name: str) -> Relationship:
    return _rel("Association", source, tag, target, name, directed=True)


def _relationships(model: Model) -> Iterator[Relationship]:
    for unit in model.units:
        me = _ref_id(unit.ref)
        if unit.parent is not None:
            yield _rel("Composition", _ref_id(unit.parent), "parent", me)
        if unit.lead is not None:
            yield _association(me, "lead", _ref_id(unit.lead), "lead")
        for provided in unit.capabilities:
            yield _rel("Realization", me, "capabilities", _ref_id(provided), "provides")
    for role in model.roles:
        me = _ref_id(role.ref)
        if role.unit is not None:
            yield _rel("Assignment", _ref_id(role.unit), "unit", me)
        if role.reports_to is not None:
            yield _association(me, "reports-to", _ref_id(role.reports_to), "reports to")
        for holder in role.holders:
            if isinstance(holder, Ref):
                yield _rel("Assignment", _ref_id(holder), "holders", me, "holds")
    for forum in model.forums:
        me = _ref_id(forum.ref)
        seats = [("chair", forum.chair), ("secretary", forum.secretary)]
        seats += [("members", member) for member in forum.members]
        for tag, role_ref in seats:
            if role_ref is not None:
                name = "member" if tag == "members" else tag
                yield _rel("Aggregation", me, tag, _ref_id(role_ref), name)
        if forum.reports_to is not None:
            yield _association(me, "reports-to", _ref_id(forum.reports_to), "reports to")
    for decision in model.decisions:
        yield from _raci(decision)
    for capability in model.capabilities:
        me = _ref_id(capability.ref)
        if capability.parent is not None:
            yield _rel("Composition", _ref_id(capability.parent), "parent", me)
        if capability.owner is not None:
            yield _association(_ref_id(capability.owner), "owner", me, "owns")
    for flow in model.flows:
        yield from _flow(flow)
    for change in model.changes:
        me = _ref_id(change.ref)
        for target in change.affects:
            yield _association(me, "affects", _ref_id(target), "affects")
        if change.outcome is not None:
            yield _rel("Realization", me, "outcome", _ref_id(change.outcome))
        if change.decided_by is not None:
            yield _rel("Assignment", _ref_id(change.decided_by), "decided-by", me, "decides")


def _raci(decision: Decision) -> Iterator[Relationship]:
    me = _ref_id(decision.ref)
    yield _rel("Assignment", _ref_id(decision.accountable), "accountable", me, "Accountable")
    for party in decision.responsible:
        yield _rel("Assignment", _ref_id(party), "responsible", me, "Responsible")
    for party in decision.consulted:
        yield _association(_ref_id(party), "consulted", me, "Consulted")
    for party in decision.informed:
        yield _rel("Serving", me, "informed", _ref_id(party), "Informed")
    if decision.escalates_to is not None:
        yield _association(me, "escalates-to", _ref_id(decision.escalates_to), "escalates to")


def _flow(flow: Flow) -> Iterator[Relationship]:
    me = _ref_id(flow.ref)
    if flow.outcome is not None:
        yield _rel("Realization", me, "outcome", _ref_id(flow.outcome))
    previous: str | None = None
    for stage in flow.stages:
        here = stage_id(flow, stage)
        yield _rel("Composition", me, "stages", here)
        if previous is not None:
            yield _rel("Flow", previous, "next", here)
        if stage.owner is not None:
            yield _association(_ref_id(stage.owner), "owner", here, "owns")
        for capability in stage.capabilities:
            yield _rel("Serving", _ref_id(capability), "capabilities", here)
        previous = here
