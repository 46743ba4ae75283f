"""Tree layout shared by the org chart and the governance map, built to stay narrow.

Graphviz puts siblings side by side, so a plain tree of a large organisation is metres
wide (DESIGN.md: a 1,000-node org chart is about 32 m). Three rules keep it legible:

- **Depth limit**: below `max_depth` a node says how much is under it instead of drawing it.
- **Width limit**: more than `max_children` siblings collapse into a "+N more" node that
  links to a page listing them all.
- **Wrap, don't widen** (`max_width`, off unless set): a level whose branches would need
  more than `max_width` columns side by side is not expanded; its items go into one box
  of `row_max` columns, each drawn and linked, saying how much is under it. The chart
  grows downwards in rows instead of shrinking to fit the page.
- **Leaves stack**: siblings that have nothing drawn under them go into one box, in
  columns `rows` high, joined to their parent by one edge; only branching nodes sit side
  by side. A lone branch with at most `row_max` leaves keeps them in a row, the usual
  org-chart look, because nothing else competes for the width (with more, they fill
  `row_max` columns).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from opmodel.diagrams.dot import GREY, Canvas, count, label

T = TypeVar("T")


@dataclass(frozen=True)
class Tree(Generic[T]):
    """How to draw one kind of tree; `draw` adds an item's node and returns its name."""

    children: Callable[[T], Sequence[T]]
    draw: Callable[[Canvas, T, bool], str]
    """(canvas, item, collapsed): `collapsed` when the item has children not drawn."""
    more_url: Callable[[T | None], str | None]
    """Where "+N more" under an item (None: the top level) leads."""
    noun: str
    max_depth: int | None = None
    max_children: int | None = None
    rows: int = 8
    row_max: int = 5
    edge: dict[str, str] = field(default_factory=dict)
    max_width: int | None = None
    """Most columns a level's branches may take side by side (each branch counted at its
    narrowest: its children boxed); a wider level is drawn unexpanded, in a box."""


def draw_tree(
    canvas: Canvas,
    tree: Tree[T],
    roots: Sequence[T],
    *,
    parent: str | None = None,
    parent_item: T | None = None,
) -> list[str]:
    """Draw `roots` and what is under them, joined to node `parent` if given.

    Returns the node names of the top level drawn (the first is the one to aim an edge
    at when the level went into a box).
    """
    return _level(canvas, tree, parent, parent_item, roots, 1, alone=True)


def _level(
    canvas: Canvas,
    tree: Tree[T],
    parent: str | None,
    parent_item: T | None,
    items: Sequence[T],
    depth: int,
    *,
    alone: bool,
) -> list[str]:
    shown, hidden = _limit(items, tree.max_children)
    expand = [_expands(tree, item, depth) for item in shown]
    width = len(shown) + (1 if hidden else 0)
    if tree.max_width is not None and _columns(tree, shown, expand) > tree.max_width:
        expand = [False] * len(shown)
        alone = True  # the box takes the width the branches would have: `row_max` columns
    if width >= 2 and not any(expand) and (not alone or width > tree.row_max):
        with canvas.cluster() as box:
            names = [tree.draw(box, item, bool(tree.children(item))) for item in shown]
            if hidden:
                names.append(_more(box, tree, parent, parent_item, len(hidden)))
            # Alone, the box may be as wide as a row could have been: `row_max` columns.
            box.stack(names, -(-len(names) // tree.row_max) if alone else tree.rows)
        if parent is not None:
            canvas.edge(parent, names[0], lhead=box.name, **tree.edge)
        return names
    names = []
    for item, expands in zip(shown, expand, strict=True):
        name = tree.draw(canvas, item, not expands and bool(tree.children(item)))
        names.append(name)
        if parent is not None:
            canvas.edge(parent, name, **tree.edge)
        if expands:
            children = tree.children(item)
            _level(canvas, tree, name, item, children, depth + 1, alone=sum(expand) == 1)
    if hidden:
        more = _more(canvas, tree, parent, parent_item, len(hidden))
        names.append(more)
        if parent is not None:
            canvas.edge(parent, more, **tree.edge)
    return names


def _limit(items: Sequence[T], most: int | None) -> tuple[Sequence[T], Sequence[T]]:
    if most is None or len(items) <= most:
        return items, ()
    keep = max(1, most - 1)  # the "+N more" node takes the last place
    return items[:keep], items[keep:]


def _columns(tree: Tree[T], items: Sequence[T], expand: Sequence[bool]) -> int:
    """The fewest columns `items` take side by side: one each, or, for one that expands,
    as many as the box of its children (below it, a level may box itself the same way)."""
    branches = sum(expand)
    total = 0
    for item, expands in zip(items, expand, strict=True):
        n = len(_limit(tree.children(item), tree.max_children)[0]) if expands else 1
        if branches == 1:
            total += n if n <= tree.row_max else tree.row_max
        else:
            total += -(-n // tree.rows)
    return total


def _expands(tree: Tree[T], item: T, depth: int) -> bool:
    return (tree.max_depth is None or depth < tree.max_depth) and bool(tree.children(item))


def _more(
    canvas: Canvas, tree: Tree[T], parent: str | None, parent_item: T | None, hidden: int
) -> str:
    text = f"+{count(hidden, f'more {tree.noun}')}"
    return canvas.node(
        f"more__{parent or canvas.name or 'top'}",
        label(text),
        url=tree.more_url(parent_item),
        tooltip=label(text),
        fillcolor=GREY,
        style="rounded,filled,dashed",
    )
