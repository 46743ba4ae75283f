"""Governance map: forums and where each reports, governance apart from management.

Governance forums (set direction, monitor) are double-bordered boxes on lavender;
management forums (plan, build, run) are rounded boxes on teal. An arrow points from a
forum to the forum it reports to.

Forums that report to no other forum and have none reporting to them carry no structure
of their own: an open-source project's 72 group meetings would otherwise be one grid of
look-alike boxes, shrunk to unreadable text. They are grouped instead by the unit they
belong to (`relations.forum_unit`: the chair's unit, else the members'), one box per unit,
the boxes `UNIT_COLUMNS` across; with no unit known either, they fall back to a grid
`GRID_COLUMNS` across, which stays narrow enough to read at the page's width.
"""

from __future__ import annotations

from contextlib import nullcontext

from opmodel.diagrams.dot import (
    GREY,
    PURPLE,
    TEAL,
    Canvas,
    LinkFn,
    by_label,
    columns,
    count,
    graph_id,
    label,
)
from opmodel.diagrams.layout import Tree, draw_tree
from opmodel.diagrams.writer import DotGraph
from opmodel.model.model import Model
from opmodel.model.relations import forum_unit
from opmodel.model.schema import Forum, Unit

MAX_CHILDREN = 10
UNIT_COLUMNS = 4
"""Unit boxes side by side: four boxes of one column each, plus the key, fit a page's
column with the text at its natural size."""
UNIT_ROWS = 6
"""Forums in one column of a unit's box before a second column starts."""
GRID_COLUMNS = 4
"""Columns of the grid of forums that neither a reporting line nor a unit groups."""


def build(model: Model, link: LinkFn, *, max_children: int = MAX_CHILDREN) -> DotGraph:
    """Every forum, as trees of reporting lines; forums that stand alone share one box."""
    canvas = Canvas.new(graph_id("governance"))
    tree = Tree(
        children=lambda forum: by_label(_reporting_to(model, forum)),
        draw=lambda box, forum, collapsed: forum_node(box, model, forum, link),
        more_url=lambda forum: link(forum.ref) if forum is not None else None,
        noun="forum",
        max_children=max_children,
        rows=10,
        edge={"dir": "back"},  # drawn parent -> child, read "reports to" upwards
    )
    roots = by_label(f for f in model.forums if f.reports_to is None)
    branching = [f for f in roots if _reporting_to(model, f)]
    alone = [f for f in roots if not _reporting_to(model, f)]
    draw_tree(canvas, tree, branching)
    if alone:
        outer = canvas.cluster(label("Reporting to no other forum")) if branching else None
        with outer or nullcontext(canvas) as area:
            _draw_standalone(area, model, alone, link)
    if model.forums:
        canvas.legend("Key", LEGEND)
    return canvas.graph


def describe(model: Model) -> str:
    governance = sum(1 for f in model.forums if f.type == "governance")
    management = sum(1 for f in model.forums if f.type == "management")
    types = [
        f"{n} {name}" for n, name in ((governance, "governance"), (management, "management")) if n
    ]
    return (
        f"Governance map: {count(len(model.forums), 'forum')}"
        + (f" ({', '.join(types)})" if types else "")
        + ", with arrows to the forum each reports to."
    )


def forum_style(forum: Forum) -> dict[str, str]:
    """Governance and management differ in shape and fill, not only in colour."""
    if forum.type == "governance":
        return {"fillcolor": PURPLE, "style": "filled", "peripheries": "2"}
    if forum.type == "management":
        return {"fillcolor": TEAL, "style": "rounded,filled"}
    return {"fillcolor": GREY, "style": "rounded,filled"}


def cadence_text(forum: Forum) -> str | None:
    """'monthly · 90 min' (the meeting load is the cadence times the duration)."""
    parts = [forum.cadence, f"{forum.duration_minutes} min" if forum.duration_minutes else None]
    text = " · ".join(p for p in parts if p)
    return text or None


def forum_node(
    canvas: Canvas,
    model: Model,
    forum: Forum,
    link: LinkFn,
    *extra: str | None,
    subject: bool = False,
) -> str:
    chair = model.shown(forum.chair) if forum.chair is not None else None
    return canvas.entity(
        forum,
        link,
        cadence_text(forum),
        f"Chair: {chair.label}" if chair is not None else None,
        *extra,
        subject=subject,
        **forum_style(forum),
    )


def by_unit(model: Model, forums: list[Forum]) -> list[tuple[Unit | None, list[Forum]]]:
    """`forums` grouped by the unit each belongs to, units by label, the unitless last."""
    groups: dict[str, tuple[Unit, list[Forum]]] = {}
    unitless: list[Forum] = []
    for forum in forums:
        unit = forum_unit(model, forum)
        if unit is None:
            unitless.append(forum)
        else:
            groups.setdefault(unit.id, (unit, []))[1].append(forum)
    found: list[tuple[Unit | None, list[Forum]]] = [
        (unit, groups[unit.id][1]) for unit in by_label(u for u, _ in groups.values())
    ]
    return found + ([(None, unitless)] if unitless else [])


def _draw_standalone(canvas: Canvas, model: Model, forums: list[Forum], link: LinkFn) -> None:
    """Forums with no reporting line, in a box per unit, the boxes in a grid."""
    groups = by_unit(model, forums)
    if len(groups) == 1 and groups[0][0] is None:
        names = [forum_node(canvas, model, f, link) for f in forums]
        canvas.stack(names, rows=-(-len(names) // GRID_COLUMNS))
        return
    tops: list[str] = []
    bottoms: list[str] = []
    for unit, members in groups:
        text = label(unit.label if unit is not None else "In no unit")
        with canvas.cluster(
            text,
            url=link(unit.ref) if unit is not None else None,
            tooltip=label(unit.label, unit.summary, wrap=None) if unit is not None else text,
        ) as box:
            names = [forum_node(box, model, f, link) for f in members]
            box.stack(names, rows=UNIT_ROWS)
        tops.append(names[0])
        bottoms.append(columns(names, UNIT_ROWS)[0][-1])
    # A grid of boxes: each row's first forums share a rank, and each box sits under the
    # one above it (edges between clusters belong to the canvas that holds them both).
    for start in range(0, len(tops), UNIT_COLUMNS):
        row = tops[start : start + UNIT_COLUMNS]
        if len(row) > 1:
            canvas.row(row)
    for above, below in zip(bottoms, tops[UNIT_COLUMNS:], strict=False):
        canvas.invisible(above, below)


def _reporting_to(model: Model, forum: Forum) -> list[Forum]:
    found = (model.shown(r) for r in model.referrers(forum.ref, "reports_to", "forum"))
    return [f for f in found if isinstance(f, Forum)]


LEGEND: list[tuple[str, dict[str, str]]] = [
    ("Governance: sets direction, monitors", forum_style(Forum(name="g", type="governance"))),
    ("Management: plans, builds, runs", forum_style(Forum(name="m", type="management"))),
    ("Dashed: proposed or on trial", {"fillcolor": GREY, "style": "rounded,filled,dashed"}),
    ("Dotted: retiring", {"fillcolor": GREY, "style": "rounded,filled,dotted"}),
    ("Arrows point to the forum\nit reports to", {"shape": "plain", "style": ""}),
]
