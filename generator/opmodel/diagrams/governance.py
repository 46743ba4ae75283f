"""Governance map: forums and where each reports, governance apart from management.

Governance forums (set direction, monitor) are double-bordered boxes on lavender;
management forums (plan, build, run) are rounded boxes on teal. An arrow points from a
forum to the forum it reports to.
"""

from __future__ import annotations

import graphviz

from opmodel.diagrams.dot import (
    GREY,
    PURPLE,
    TEAL,
    Canvas,
    LinkFn,
    by_label,
    count,
    graph_id,
    label,
)
from opmodel.diagrams.layout import Tree, draw_tree
from opmodel.model.model import Model
from opmodel.model.schema import Forum

MAX_CHILDREN = 10


def build(model: Model, link: LinkFn, *, max_children: int = MAX_CHILDREN) -> graphviz.Digraph:
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
        with canvas.cluster(label("Reporting to no other forum")) as box:
            box.stack([forum_node(box, model, f, link) for f in alone], rows=10)
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
