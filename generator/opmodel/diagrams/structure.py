"""Structure: the org chart (units as a tree, each with its lead role).

Three views of one tree: `build` (all of it), `overview` (the home page: two levels; a
level too wide to sit side by side wraps into rows of boxes, so it stays legible for a
very large organisation) and `unit_neighbourhood` (a unit page: parent, the unit, its
children and its roles).

Siblings are ordered by their `order` if they have one, then by size, biggest first (units
beneath, then roles), then by name: the reader meets the bulk of the organisation first,
and a cut, if one is ever needed, drops the smallest units, never the end of the alphabet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from opmodel.diagrams.dot import (
    BLUE,
    GREY,
    INK,
    SAND,
    WHITE,
    Canvas,
    LinkFn,
    by_label,
    count,
    graph_id,
    label,
)
from opmodel.diagrams.layout import Tree, draw_tree
from opmodel.diagrams.writer import DotGraph
from opmodel.model.model import Model
from opmodel.model.relations import child_units, direct_reports, roles_in, unit_sizes
from opmodel.model.schema import Role, Unit

MAX_CHILDREN = 60
"""Siblings drawn in the overview before the rest (the smallest) fold into "+N more units",
which leads to the page of their parent: 12 rows of `OVERVIEW_COLUMNS`."""
OVERVIEW_COLUMNS = 5
"""Columns of nodes the overview may put side by side: at 11 pt, five unit boxes fit a
Material content column (about 940 px at 1280 px) without shrinking text under 10 px."""


def build(
    model: Model,
    link: LinkFn,
    *,
    max_depth: int | None = None,
    max_children: int | None = None,
    more_link: str | None = None,
) -> DotGraph:
    """The whole unit tree (or `max_depth` levels of it), top-level units first."""
    canvas = Canvas.new(graph_id("structure"))
    _draw_units(canvas, model, link, max_depth, max_children, more_link)
    return canvas.graph


def overview(
    model: Model,
    link: LinkFn,
    max_depth: int = 2,
    *,
    max_children: int = MAX_CHILDREN,
    more_link: str | None = None,
) -> DotGraph:
    """The home page's org chart: `max_depth` levels, at most `max_children` siblings,
    never wider than `OVERVIEW_COLUMNS` boxes: a wider level wraps into rows instead.

    "+N more units" leads to the page of the unit whose children were cut, which lists
    them all; `more_link` is where it leads at the top level (the units index).
    """
    canvas = Canvas.new(graph_id("structure", "overview"))
    _draw_units(canvas, model, link, max_depth, max_children, more_link, OVERVIEW_COLUMNS)
    return canvas.graph


def unit_neighbourhood(model: Model, unit: Unit, link: LinkFn, *, max_items: int = 12) -> DotGraph:
    """A unit with its parent above, its child units below (all of them, in rows, up to
    `MAX_CHILDREN`) and its roles beside it (up to `max_items`)."""
    canvas = Canvas.new(graph_id("unit", unit.id))
    here = _unit_node(canvas, model, unit, link, subject=True)
    if unit.parent is not None:
        parent = model.shown(unit.parent)
        assert isinstance(parent, Unit)
        canvas.edge(_unit_node(canvas, model, parent, link), here)
    order = _sibling_order(model)
    children = order(child_units(model, unit))
    if children:
        tree = _tree(
            model, link, 1, MAX_CHILDREN, None, order=order, max_width=OVERVIEW_COLUMNS, here=unit
        )
        draw_tree(canvas, tree, children, parent=here, parent_item=unit)
    roles = _sorted_roles(unit, roles_in(model, unit))
    if roles:
        _draw_roles(canvas, model, unit, roles, here, link, max_items)
    return canvas.graph


def describe(model: Model) -> str:
    """A text alternative for the org chart."""
    top = [u for u in model.units if u.parent is None]
    return (
        f"Organisation chart of {model.organisation.label}: "
        f"{count(len(model.units), 'unit')}, {count(len(top), 'top-level unit')}."
    )


def describe_unit(model: Model, unit: Unit) -> str:
    """A text alternative for a unit's neighbourhood."""
    parts = [f"Where '{unit.label}' sits"]
    if unit.parent is not None:
        parts.append(f"under {model.shown(unit.parent).label}")
    parts.append(count(len(child_units(model, unit)), "unit") + " below it")
    parts.append(count(len(roles_in(model, unit)), "role") + " in it")
    return ", ".join(parts) + "."


# --- drawing ----------------------------------------------------------------------------


def _draw_units(
    canvas: Canvas,
    model: Model,
    link: LinkFn,
    max_depth: int | None,
    max_children: int | None,
    more_link: str | None,
    max_width: int | None = None,
) -> None:
    order = _sibling_order(model)
    tree = _tree(model, link, max_depth, max_children, more_link, order=order, max_width=max_width)
    roots = order(u for u in model.units if u.parent is None)
    internal = [u for u in roots if not u.external]
    external = [u for u in roots if u.external]
    draw_tree(canvas, tree, internal)
    if external:
        # Partners are not part of the hierarchy: a separate box keeps them from widening it.
        with canvas.cluster(label("External partners")) as box:
            draw_tree(box, tree, external)


def _tree(
    model: Model,
    link: LinkFn,
    max_depth: int | None,
    max_children: int | None,
    more_link: str | None,
    *,
    order: Callable[[Iterable[Unit]], list[Unit]],
    max_width: int | None = None,
    here: Unit | None = None,
) -> Tree[Unit]:
    """`here`: the unit whose page shows the diagram; a "+N more" never links back to it
    (its page lists its children below the diagram)."""

    def draw(canvas: Canvas, unit: Unit, collapsed: bool) -> str:
        return _unit_node(canvas, model, unit, link, collapsed=collapsed)

    def more_url(parent: Unit | None) -> str | None:
        # The parent's page lists all its child units: the ones cut here are there.
        if parent is None or (here is not None and parent.ref == here.ref):
            return more_link
        return link(parent.ref)

    return Tree(
        children=lambda unit: order(child_units(model, unit)),
        draw=draw,
        more_url=more_url,
        noun="unit",
        max_depth=max_depth,
        max_children=max_children,
        max_width=max_width,
    )


def _sibling_order(model: Model) -> Callable[[Iterable[Unit]], list[Unit]]:
    """Units with an `order` first, lowest first; then the biggest (units beneath, then
    roles); then by name. Sizes are kept for one drawing."""
    size = unit_sizes(model)

    def order(units: Iterable[Unit]) -> list[Unit]:
        biggest_first = sorted(by_label(units), key=size, reverse=True)
        return sorted(biggest_first, key=lambda unit: (unit.order is None, unit.order or 0))

    return order


def _unit_node(
    canvas: Canvas,
    model: Model,
    unit: Unit,
    link: LinkFn,
    *,
    collapsed: bool = False,
    subject: bool = False,
) -> str:
    kind = " · ".join(part for part in (unit.type, unit.team_type) if part)
    if unit.external:
        tier = f"tier {unit.supplier_tier}" if unit.supplier_tier else None
        kind = " · ".join(part for part in (kind or "external", tier) if part)
    lead = model.shown(unit.lead) if unit.lead is not None else None
    below = len(child_units(model, unit)) if collapsed else 0
    return canvas.entity(
        unit,
        link,
        kind or None,
        f"Lead: {lead.label}" if lead is not None else None,
        f"+{count(below, 'unit')} below" if below else None,
        subject=subject,
        fillcolor=SAND if unit.external else BLUE,
    )


def _draw_roles(
    canvas: Canvas,
    model: Model,
    unit: Unit,
    roles: list[Role],
    here: str,
    link: LinkFn,
    max_items: int,
) -> None:
    """The unit's roles as their own small tree of who reports to whom."""
    in_unit = {role.ref for role in roles}

    def reports(role: Role) -> list[Role]:
        return [r for r in _sorted_roles(unit, direct_reports(model, role)) if r.ref in in_unit]

    def draw(box: Canvas, role: Role, collapsed: bool) -> str:
        lead = role.ref == unit.lead
        return box.entity(role, link, "lead" if lead else None, fillcolor=GREY if lead else WHITE)

    tree = Tree(
        children=reports,
        draw=draw,
        more_url=lambda _: link(unit.ref),
        noun="role",
        max_children=max_items,
        rows=6,
    )
    top = [r for r in roles if r.reports_to not in in_unit]
    with canvas.cluster(
        label(f"Roles in {unit.label}"), style="rounded,filled", fillcolor=WHITE, fontcolor=INK
    ) as box:
        names = draw_tree(box, tree, top)
    canvas.edge(here, names[0], lhead=box.name, style="dashed", arrowhead="none")


def _sorted_roles(unit: Unit, roles: Iterable[Role]) -> list[Role]:
    """The lead first, then by title."""
    return sorted(by_label(roles), key=lambda role: role.ref != unit.lead)
