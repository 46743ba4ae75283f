"""A role's neighbourhood: its line manager, its direct reports, and its forum seats.

The onboarding question "where does this role sit?" in one picture: manager above,
reports below, and beside it the forums it chairs, clerks or attends, with the seat and
the meeting load (cadence x duration).
"""

from __future__ import annotations

from opmodel.diagrams.dot import (
    INDIGO,
    INK,
    WHITE,
    Canvas,
    LinkFn,
    by_label,
    count,
    graph_id,
    label,
)
from opmodel.diagrams.governance import forum_node
from opmodel.diagrams.layout import Tree, draw_tree
from opmodel.diagrams.writer import DotGraph
from opmodel.model.model import Model
from opmodel.model.relations import ForumSeat, direct_reports, seats
from opmodel.model.schema import Role

MAX_REPORTS = 12


def build(model: Model, role: Role, link: LinkFn, *, max_reports: int = MAX_REPORTS) -> DotGraph:
    canvas = Canvas.new(graph_id("role", role.id))
    unit = model.shown(role.unit) if role.unit is not None else None
    here = role_node(
        canvas, model, role, link, unit.label if unit is not None else None, subject=True
    )
    if role.reports_to is not None:
        manager = model.shown(role.reports_to)
        assert isinstance(manager, Role)
        canvas.edge(role_node(canvas, model, manager, link), here, dir="back")
    reports = by_label(direct_reports(model, role))
    if reports:
        tree: Tree[Role] = Tree(
            children=lambda r: (),
            draw=lambda box, r, collapsed: role_node(box, model, r, link),
            more_url=lambda r: link(role.ref),
            noun="role",
            max_children=max_reports,
            rows=6,
            edge={"dir": "back"},
        )
        draw_tree(canvas, tree, reports, parent=here, parent_item=role)
    places = seats(model, role)
    if places:
        # One edge to a box of forums: an edge per forum would loop around the chart.
        with canvas.cluster(
            label("Forums it sits in"), style="rounded,filled", fillcolor=WHITE, fontcolor=INK
        ) as box:
            names = [forum_node(box, model, seat.forum, link, _seat_text(seat)) for seat in places]
            box.stack(names, rows=4)
        canvas.same_rank([here, names[0]])
        canvas.edge(here, names[0], lhead=box.name, style="dashed", arrowhead="none")
    return canvas.graph


def describe(model: Model, role: Role) -> str:
    parts = [f"Where the role '{role.label}' sits"]
    if role.reports_to is not None:
        parts.append(f"reports to {model.shown(role.reports_to).label}")
    parts.append(f"{count(len(direct_reports(model, role)), 'direct report')}")
    parts.append(f"sits in {count(len(seats(model, role)), 'forum')}")
    return ", ".join(parts) + "."


def role_node(
    canvas: Canvas,
    model: Model,
    role: Role,
    link: LinkFn,
    *lines: str | None,
    subject: bool = False,
) -> str:
    holders = [model.find(h) if not isinstance(h, str) else None for h in role.holders]
    names = [
        h if isinstance(h, str) else (found.label if found is not None else h.id)
        for h, found in zip(role.holders, holders, strict=True)
    ]
    held = ", ".join(names) if len(names) <= 2 else count(len(names), "holder")
    vacant = "vacant" if not role.holders and role.headcount != 0 else None
    return canvas.entity(role, link, *lines, held or vacant, subject=subject, fillcolor=INDIGO)


def _seat_text(seat: ForumSeat) -> str:
    """'member · 1.5 h a week': the seat, and what it costs in meetings."""
    hours = seat.weekly_hours
    if not hours:
        return seat.seat
    return f"{seat.seat} · {hours:.1f}".removesuffix(".0") + " h a week"
