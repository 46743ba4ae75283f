"""A flow (value stream): stages left to right, in swimlanes by owning unit.

A stage's lane is its owning unit (a role-owned stage sits in its role's unit). A change of
lane between consecutive stages is a handoff, where work waits and context is lost: those
edges are bold, orange and labelled. Each stage is filled by its pain (0-3) and shows its
lead time.
"""

from __future__ import annotations

import itertools

from opmodel.diagrams.dot import (
    GREEN,
    INK,
    ORANGE,
    RED,
    WHITE,
    YELLOW,
    Canvas,
    LinkFn,
    count,
    graph_id,
    label,
    node_id,
)
from opmodel.diagrams.writer import DotGraph
from opmodel.model.model import Model
from opmodel.model.refs import Ref
from opmodel.model.schema import Flow, Role, Stage

PAIN_FILLS = (GREEN, YELLOW, ORANGE, RED)
PAIN_WORDS = ("no pain", "some pain", "painful", "very painful")
HANDOFF = "#dd6b20"
"""Handoff edges: an orange that reads on white and on dark slate."""
LANE_FILL = "#f6f8fa"
NARROW = 20
"""Stages stand side by side: narrower labels keep a long flow within reach of a page."""


def build(model: Model, flow: Flow, link: LinkFn) -> DotGraph:
    canvas = Canvas.new(graph_id("flow", flow.id), rankdir="LR", nodesep="0.3", ranksep="0.35")
    names = [f"stage__{node_id(flow.ref)}__{i}" for i in range(len(flow.stages))]
    lanes = [lane(model, stage) for stage in flow.stages]
    for lane_ref in dict.fromkeys(lanes):  # lanes in order of first appearance
        members = [i for i, found in enumerate(lanes) if found == lane_ref]
        if lane_ref is None:
            for i in members:
                _stage(canvas, model, flow, i, names[i], link)
            continue
        owner = model.shown(lane_ref)
        with canvas.cluster(
            label(owner.label),
            url=link(lane_ref),
            tooltip=label(f"Lane: {owner.label}"),
            style="rounded,filled",
            fillcolor=LANE_FILL,
            fontcolor=INK,
            labeljust="l",
        ) as box:
            for i in members:
                _stage(canvas=box, model=model, flow=flow, index=i, name=names[i], link=link)
    start = canvas.node(
        "trigger",
        label("Trigger:", flow.trigger or flow.label, wrap=NARROW),
        url=link(flow.ref),
        tooltip=label(flow.trigger or flow.label, wrap=None),
        fillcolor=WHITE,
    )
    end_ref = flow.outcome or flow.ref
    total = sum(stage.lead_time_days or 0 for stage in flow.stages)
    end = canvas.node(
        "result",
        label(
            "Result:",
            flow.result or model.shown(end_ref).label,
            _duration(total, "in all"),
            wrap=NARROW,
        ),
        url=link(end_ref),
        tooltip=label(flow.result or model.shown(end_ref).label, wrap=None),
        fillcolor=WHITE,
    )
    chain = [start, *names, end]
    for i, (tail, head) in enumerate(itertools.pairwise(chain)):
        if 0 < i < len(names) and lanes[i - 1] != lanes[i]:
            canvas.edge(
                tail,
                head,
                label("handoff"),
                color=HANDOFF,
                fontcolor=HANDOFF,
                penwidth="2.5",
                style="bold",
            )
        else:
            canvas.edge(tail, head)
    if flow.stages:
        canvas.legend(
            "Pain",
            [(f"{n}: {PAIN_WORDS[n]}", {"fillcolor": PAIN_FILLS[n]}) for n in range(4)],
        )
    return canvas.graph


def lane(model: Model, stage: Stage) -> Ref | None:
    """The stage's owning unit: its owner, or its owner role's unit (else the role)."""
    if stage.owner is None or stage.owner.kind == "unit":
        return stage.owner
    role = model.shown(stage.owner)
    assert isinstance(role, Role)
    return role.unit or role.ref


def handoffs(model: Model, flow: Flow) -> int:
    lanes = [lane(model, stage) for stage in flow.stages]
    return sum(1 for a, b in itertools.pairwise(lanes) if a != b)


def describe(model: Model, flow: Flow) -> str:
    return (
        f"Flow '{flow.label}': {count(len(flow.stages), 'stage')} from trigger to result, "
        f"with {count(handoffs(model, flow), 'handoff')} between units."
    )


def _stage(canvas: Canvas, model: Model, flow: Flow, index: int, name: str, link: LinkFn) -> None:
    stage = flow.stages[index]
    owner = model.shown(stage.owner) if stage.owner is not None else None
    by_role = owner.label if isinstance(owner, Role) else None
    canvas.node(
        name,
        label(
            f"{index + 1}. {stage.label}",
            f"by {by_role}" if by_role else None,
            _duration(stage.lead_time_days),
            f"pain {stage.pain}/3",
            wrap=NARROW,
        ),
        url=link(stage.owner) if stage.owner is not None else link(flow.ref),
        tooltip=label(
            f"Stage {index + 1}: {stage.label}",
            f"Owner: {owner.label}" if owner is not None else "No owner",
            PAIN_WORDS[stage.pain],
            wrap=None,
        ),
        fillcolor=PAIN_FILLS[stage.pain],
    )


def _duration(days: float | None, suffix: str = "") -> str | None:
    """'10 days', '2.9 hours', '15 min': incident stages last minutes, not 0.01 days."""
    if days is None:
        return None
    if days >= 1 or days == 0:
        text = _number(days) + (" day" if days == 1 else " days")
    elif days * 24 >= 1:
        hours = days * 24
        text = _number(hours) + (" hour" if _number(hours) == "1" else " hours")
    else:
        text = f"{max(1, round(days * 24 * 60))} min"
    return f"{text} {suffix}".strip()


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")
