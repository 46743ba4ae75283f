"""A decision's escalation path: who is accountable, and where it goes when it escalates.

Read bottom to top: the decision, its accountable role or forum, then `escalates_to`, then
on up through each forum's `reports_to` (or each role's line manager) to the top. Without
`escalates_to` the path follows the accountable's own reporting line.
"""

from __future__ import annotations

from opmodel.diagrams.dot import YELLOW, Canvas, LinkFn, graph_id, label
from opmodel.diagrams.governance import forum_node
from opmodel.diagrams.roles import role_node
from opmodel.diagrams.writer import DotGraph
from opmodel.model.model import Model
from opmodel.model.refs import Ref
from opmodel.model.schema import Decision, Entity, Forum, Role

MAX_STEPS = 12
"""A path longer than this is cut: nobody reads a twelve-step escalation."""


def build(model: Model, decision: Decision, link: LinkFn) -> DotGraph:
    canvas = Canvas.new(graph_id("escalation", decision.id), rankdir="BT", ranksep="0.35")
    below = canvas.entity(
        decision,
        link,
        f"Category: {decision.category}" if decision.category else None,
        f"Threshold: {decision.threshold}" if decision.threshold else None,
        subject=True,
        fillcolor=YELLOW,
        shape="note",
        style="filled",
    )
    for entity, how in path(model, decision):
        here = _node(canvas, model, entity, link)
        canvas.edge(below, here, label(how))
        below = here
    return canvas.graph


def path(model: Model, decision: Decision) -> list[tuple[Entity, str]]:
    """The steps above the decision, each with how it is reached."""
    accountable = model.shown(decision.accountable)
    steps: list[tuple[Entity, str]] = [(accountable, "accountable")]
    seen = {accountable.ref}
    ref, how = decision.escalates_to, "escalates to"
    if ref is None:
        ref, how = _above(accountable), "reports to"
    # Cycles in reports_to are refused at load, but escalates_to may point back down.
    while ref is not None and ref not in seen and len(steps) < MAX_STEPS:
        seen.add(ref)
        entity = model.shown(ref)
        steps.append((entity, how))
        ref, how = _above(entity), "reports to"
    return steps


def describe(model: Model, decision: Decision) -> str:
    names = " then ".join(entity.label for entity, _ in path(model, decision))
    return f"Escalation path for '{decision.label}': {names}."


def _above(entity: Entity) -> Ref | None:
    if isinstance(entity, Forum | Role):
        return entity.reports_to
    return None


def _node(canvas: Canvas, model: Model, entity: Entity, link: LinkFn) -> str:
    if isinstance(entity, Forum):
        return forum_node(canvas, model, entity, link)
    if isinstance(entity, Role):
        return role_node(canvas, model, entity, link)
    return canvas.entity(entity, link)
