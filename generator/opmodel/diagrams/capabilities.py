"""The capability map: level 1 contains level 2 contains level 3, coloured by maturity gap.

The gap is target minus current maturity: the bigger it is, the warmer the fill. Each
level-1 capability is a band; bands stack top to bottom and level-2 boxes sit side by
side within a band, so the map grows downwards rather than sideways. Capabilities deeper
than level 3 are counted on their level-3 ancestor instead of drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

from opmodel.diagrams.dot import (
    GREEN,
    GREY,
    INK,
    ORANGE,
    RED,
    YELLOW,
    Canvas,
    LinkFn,
    by_label,
    columns,
    count,
    graph_id,
    label,
)
from opmodel.diagrams.writer import DotGraph
from opmodel.model.model import Model
from opmodel.model.relations import child_capabilities
from opmodel.model.schema import Capability

ROWS = 6
"""Capabilities per column inside a box."""
WIDTH = 6
"""Columns per row of level-1 capabilities: the map grows down, not sideways."""

LEGEND: list[tuple[str, dict[str, str]]] = [
    ("At target", {"fillcolor": GREEN}),
    ("1 level below target", {"fillcolor": YELLOW}),
    ("2 levels below target", {"fillcolor": ORANGE}),
    ("3 or more below target", {"fillcolor": RED}),
    ("Not assessed", {"fillcolor": GREY}),
]


def build(model: Model, link: LinkFn) -> DotGraph:
    canvas = Canvas.new(graph_id("capabilities"), nodesep="0.2", ranksep="0.25")
    previous: Piece = Piece([], [])
    for group in _rows(model, by_label(c for c in model.capabilities if c.parent is None)):
        pieces = [piece for top in group for piece in _block(canvas, model, top, link)]
        for line in _lines(pieces):
            canvas.same_rank(line.heads)
            _below(canvas, previous.tails, line.heads)
            previous = line
    if model.capabilities:
        names = canvas.legend("Maturity gap (target − current)", LEGEND, across=True)
        _below(canvas, previous.tails, names)
    return canvas.graph


def gap_fill(capability: Capability) -> str:
    gap = capability.maturity.gap if capability.maturity is not None else None
    if gap is None:
        return GREY
    if gap <= 0:
        return GREEN
    return (YELLOW, ORANGE, RED)[min(gap, 3) - 1]


def maturity_text(capability: Capability) -> str | None:
    maturity = capability.maturity
    if maturity is None or (maturity.current is None and maturity.target is None):
        return None
    parts = [
        f"now {maturity.current}" if maturity.current is not None else None,
        f"target {maturity.target}" if maturity.target is not None else None,
    ]
    return "maturity " + " · ".join(p for p in parts if p)


def describe(model: Model) -> str:
    gaps = [c for c in model.capabilities if gap_fill(c) in (ORANGE, RED)]
    return (
        f"Capability map: {count(len(model.capabilities), 'capability', 'capabilities')}, "
        f"{len(gaps) or 'none'} of them two or more maturity levels below target."
    )


def _rows(model: Model, tops: list[Capability]) -> list[list[Capability]]:
    """Level-1 capabilities in rows of at most `WIDTH` columns (at least one per row)."""
    rows: list[list[Capability]] = []
    width = 0
    for top in tops:
        needed = _width(model, top)
        if rows and width + needed <= WIDTH:
            rows[-1].append(top)
            width += needed
        else:
            rows.append([top])
            width = needed
    return rows


def _width(model: Model, top: Capability) -> int:
    """How many columns a level-1 capability takes."""
    children = child_capabilities(model, top)
    if not children:
        return 1
    leaves = [c for c in children if not child_capabilities(model, c)]
    inner = sum(len(columns(child_capabilities(model, c), ROWS)) for c in children)
    return len(columns(leaves, ROWS)) + inner


@dataclass(frozen=True)
class Piece:
    """Columns drawn side by side: the top and the bottom node of each."""

    heads: list[str]
    tails: list[str]


def _lines(pieces: list[Piece]) -> list[Piece]:
    """Pieces in lines of at most `WIDTH` columns; a level-1 box that is wider than that
    wraps its level-2 boxes onto several lines instead of growing sideways."""
    lines: list[Piece] = []
    for piece in pieces:
        if lines and len(lines[-1].heads) + len(piece.heads) <= WIDTH:
            lines[-1].heads.extend(piece.heads)
            lines[-1].tails.extend(piece.tails)
        else:
            lines.append(Piece(list(piece.heads), list(piece.tails)))
    return lines


def _block(canvas: Canvas, model: Model, top: Capability, link: LinkFn) -> list[Piece]:
    """Draw a level-1 capability: a piece per column of leaves and per level-2 box."""
    children = by_label(child_capabilities(model, top))
    if not children:
        name = _leaf(canvas, model, top, link)
        return [Piece([name], [name])]
    pieces: list[Piece] = []
    with _box(canvas, top, link) as band:
        leaves = [c for c in children if not child_capabilities(model, c)]
        names = [_leaf(band, model, c, link) for c in leaves]
        pieces += [_stack(band, column) for column in columns(names, ROWS)]
        for child in children:
            grandchildren = by_label(child_capabilities(model, child))
            if grandchildren:
                with _box(band, child, link) as box:
                    names = [_leaf(box, model, c, link) for c in grandchildren]
                    laid = [_stack(box, column) for column in columns(names, ROWS)]
                    box.row([piece.heads[0] for piece in laid])
                pieces.append(Piece([p.heads[0] for p in laid], [p.tails[0] for p in laid]))
    return pieces


def _stack(canvas: Canvas, column: Sequence[str]) -> Piece:
    canvas.stack(column, len(column))
    return Piece([column[0]], [column[-1]])


def _box(canvas: Canvas, capability: Capability, link: LinkFn) -> AbstractContextManager[Canvas]:
    return canvas.cluster(
        label(capability.label, maturity_text(capability)),
        url=link(capability.ref),
        tooltip=label(capability.label, capability.summary, wrap=None),
        style="rounded,filled",
        fillcolor=gap_fill(capability),
        fontcolor=INK,
    )


def _leaf(canvas: Canvas, model: Model, capability: Capability, link: LinkFn) -> str:
    below = _descendants(model, capability)
    return canvas.entity(
        capability,
        link,
        maturity_text(capability),
        f"+{count(below, 'capability', 'capabilities')} below" if below else None,
        fillcolor=gap_fill(capability),
    )


def _below(canvas: Canvas, above: Sequence[str], heads: Sequence[str]) -> None:
    """Start a row under the previous one: every column above ends before it starts.

    `weight=0`: the edges order the rows but do not pull columns sideways, which would
    shift each row against the one above.
    """
    if heads:
        for tail in above:
            canvas.graph.edge(tail, heads[0], style="invis", weight="0")


def _descendants(model: Model, capability: Capability) -> int:
    children = child_capabilities(model, capability)
    return len(children) + sum(_descendants(model, c) for c in children)
