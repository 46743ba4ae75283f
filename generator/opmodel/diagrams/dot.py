"""The only way into DOT: every diagram builds its graph through `Canvas`, which escapes.

Why a wrapper and not the DOT writer (`writer.DotGraph`) directly:

- **Escaping in one place.** Model text reaches DOT only through `label()`, which doubles
  backslashes (`writer.escape`), turns `&` into `&amp;` (Graphviz reads `&name;` in labels
  as an entity, so `&lt;` would otherwise show as `<`) and turns line breaks into DOT's
  `\\n`. The result is `Escaped`: quoted when written, never taken as an HTML label even
  when it looks like `<...>`.
- **Only safe links.** `safe_url` lets through relative, http(s) and mailto URLs; a DOT
  `URL="javascript:..."` would land in the SVG as is.
- **Unique element ids.** Graphviz prefixes node and edge ids with the graph's `id`, but
  gives every cluster the graph's id itself (2.43), so several diagrams on one page, or
  several clusters in one diagram, would share ids. Clusters get their own ids here.
- **One look.** Pastel fills with dark text, mid-grey lines and a transparent background
  read on Material's light and dark palettes alike; class names (`opm-…`) let the site's
  CSS restyle text that sits on the page background (edge and cluster labels).
"""

from __future__ import annotations

import functools
import itertools
import re
import textwrap
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from opmodel.diagrams.writer import DotGraph, Escaped, escape
from opmodel.model.refs import Ref
from opmodel.model.schema import Entity

E = TypeVar("E", bound=Entity)
T = TypeVar("T")

LinkFn = Callable[[Ref], str]
"""Where an entity's page is, relative to the page that shows the diagram."""

FONT = "Helvetica,Arial,sans-serif"
INK = "#1f2328"
"""Text on pastel fills: dark on light in both page palettes."""
LINE = "#8c8c8c"
"""Edges and borders: mid-grey shows on white and on Material's dark slate."""
LINE_INK = "#808080"
"""Text on the page background (edge labels): the grey that contrasts with both palettes."""
HIGHLIGHT = "#d97706"
"""The diagram's subject: an amber border, visible on both backgrounds."""

WHITE = "#ffffff"
GREY = "#e5e7eb"
BLUE = "#dbeafe"
INDIGO = "#e0e7ff"
PURPLE = "#ede9fe"
TEAL = "#ccfbf1"
GREEN = "#dcfce7"
YELLOW = "#fef9c3"
ORANGE = "#fed7aa"
RED = "#fecaca"
SAND = "#f5f0e6"

WRAP = 26
"""Characters per label line: long names wrap instead of making wide nodes."""
MAX_LINE = 300
"""Characters kept of one line of model text: a node summarises, its page has the rest."""
MAX_TEXT = 1_000
"""Characters kept of a whole label or tooltip. `dot` refuses a quoted string over 16 KB
(of UTF-8, after escaping), so a 10,000-character name would otherwise stop the build."""

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_]+")
_DIGITS = re.compile(r"(\d+)")

_STATUS_NOTE = {
    "proposed": "proposed",
    "trial": "on trial",
    "retiring": "retiring",
    "retired": "retired",
}


@functools.lru_cache(maxsize=1 << 16)
def label(*lines: str | None, wrap: int | None = WRAP) -> str:
    """DOT label text: each line escaped, wrapped at `wrap` characters; None lines skipped.
    (Kept: an entity is drawn, with the same label, in each of its neighbours' diagrams.)"""
    pieces: list[str] = []
    budget = MAX_TEXT
    for line in lines:
        if line is None:
            continue
        for part in _LINE_BREAK.split(line):
            if budget <= 0:
                break
            part = _shorten(" ".join(_CONTROL.sub(" ", part).split()), min(MAX_LINE, budget))
            budget -= len(part)
            if not wrap or len(part) <= wrap:
                pieces.append(part)  # what `textwrap` gives back for a line that fits
            else:
                pieces.extend(textwrap.wrap(part, wrap))
    escaped = (escape(_encodable(p).replace("&", "&amp;")) for p in pieces)
    return Escaped("\\n".join(escaped))


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 0)].rstrip() + "…"


def _escaped(text: str) -> str:
    """`text` as given, after checking it came from `label()`: the one way into DOT."""
    if not isinstance(text, Escaped):
        raise TypeError(f"diagram text must come from label(), got {text!r}")
    return text


def _encodable(text: str) -> str:
    """Lone surrogates (YAML's "\\ud800") cannot be written as UTF-8 for `dot`."""
    return text.encode("utf-8", "replace").decode("utf-8")


def safe_url(url: str | None) -> str | None:
    """The URL if it is relative, http(s) or mailto; None for anything else.

    Browsers ignore tabs and newlines inside URLs (`java\\tscript:` runs), and read `\\` as
    `/` (`/\\evil.example` leaves the site): URLs with either are refused outright.
    """
    if not url:
        return None
    url = url.strip()
    if not url or _CONTROL.search(url) or "\\" in url or " " in url:
        return None
    scheme = _SCHEME.match(url)
    if scheme:
        return url if scheme[1].lower() in SAFE_SCHEMES else None
    if url.startswith("//"):
        return None  # protocol-relative: another site
    return url


def node_id(ref: Ref) -> str:
    """A DOT node name for an entity: `role__head_of_data`.

    Ids never contain `_`, so the mapping is one-to-one; a name without `:` matters because
    DOT reads `a:b` in an edge as node `a`, port `b`.
    """
    return f"{ref.kind}__{ref.id.replace('-', '_')}"


def graph_id(*parts: str) -> str:
    """An SVG-safe id prefix for one diagram (`opm_role_head_of_data`)."""
    return "_".join(["opm", *(_UNSAFE_ID.sub("_", p).strip("_") for p in parts if p)])


def status_note(entity: Entity) -> str | None:
    """'(on trial)' for an entity that is not simply active: changes stay visible."""
    note = _STATUS_NOTE.get(entity.status)
    return f"({note})" if note else None


def status_style(entity: Entity, style: str) -> str:
    """`style` plus a dashed border while proposed or on trial, dotted when retiring."""
    if entity.status in ("proposed", "trial"):
        return f"{style},dashed"
    if entity.status in ("retiring", "retired"):
        return f"{style},dotted"
    return style


def columns(names: Sequence[T], rows: int) -> list[Sequence[T]]:
    """Split into the fewest columns of at most `rows`, as even as possible (4+3, not 6+1)."""
    if not names:
        return []
    wanted = -(-len(names) // max(1, rows))
    per = -(-len(names) // wanted)
    return [names[i : i + per] for i in range(0, len(names), per)]


def by_label(entities: Iterable[E]) -> list[E]:
    """Readers scan by name: sort by label ("Team 2" before "Team 10"), then id."""
    return sorted(entities, key=lambda e: (_natural(e.label), e.id))


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in _DIGITS.split(text.casefold())
        if part
    )


def count(n: int, noun: str, plural: str | None = None) -> str:
    """`3 forums`, `1 forum`, and `no forums`: a description never counts zero things."""
    return f"{n or 'no'} {noun if n == 1 else plural or noun + 's'}"


class Canvas:
    """A graph (or a cluster inside one) that only accepts escaped text and safe URLs."""

    def __init__(self, gid: str, graph: DotGraph, clusters: list[int], name: str = "") -> None:
        self.gid = gid
        self.graph = graph
        self.name = name
        """The cluster's DOT name, for an edge's `lhead`/`ltail`; empty for the graph."""
        self._clusters = clusters  # shared counter: cluster ids are unique per diagram

    @classmethod
    def new(cls, gid: str, *, rankdir: str = "TB", **graph_attrs: str) -> Canvas:
        graph = DotGraph(
            gid,
            graph_attr={
                "id": gid,
                "rankdir": rankdir,
                "bgcolor": "transparent",
                "fontname": FONT,
                "fontsize": "11",
                "fontcolor": INK,
                "newrank": "true",
                "compound": "true",
                "nodesep": "0.25",
                "ranksep": "0.45",
                "pad": "0.1",
                **graph_attrs,
            },
            node_attr={
                "shape": "box",
                "style": "rounded,filled",
                "fillcolor": BLUE,
                "color": LINE,
                "fontname": FONT,
                "fontsize": "11",
                "fontcolor": INK,
                "margin": "0.12,0.06",
                "target": "_top",
            },
            edge_attr={
                "color": LINE,
                "fontname": FONT,
                "fontsize": "9",
                "fontcolor": LINE_INK,
                "arrowsize": "0.7",
                "class": "opm-edge",
            },
        )
        return cls(gid, graph, [0])

    def node(
        self,
        name: str,
        text: str,
        *,
        url: str | None = None,
        tooltip: str | None = None,
        **attrs: str,
    ) -> str:
        """Add a node; `text` and `tooltip` must come from `label()`. Returns its name."""
        extra = dict(attrs)
        href = safe_url(url)
        if href is not None:
            extra["URL"] = escape(href)
        if tooltip is not None:
            extra["tooltip"] = _escaped(tooltip)
        self.graph.node(name, _escaped(text), **extra)
        return name

    def entity(
        self,
        entity: Entity,
        link: LinkFn,
        *lines: str | None,
        subject: bool = False,
        name: str | None = None,
        **attrs: str,
    ) -> str:
        """A node for an entity: its label, `lines` below, linked to its page."""
        style = {**attrs, "style": status_style(entity, attrs.get("style", "rounded,filled"))}
        if subject:
            style.update(color=HIGHLIGHT, penwidth="2.5")
        text = label(entity.label, *lines, status_note(entity))
        tooltip = label(entity.label, entity.summary, wrap=None)
        return self.node(
            name or node_id(entity.ref), text, url=link(entity.ref), tooltip=tooltip, **style
        )

    def edge(self, tail: str, head: str, text: str | None = None, **attrs: str) -> None:
        """An edge; `text` must come from `label()`."""
        if text is not None:
            attrs["label"] = _escaped(text)
        self.graph.edge(tail, head, **attrs)

    def invisible(self, tail: str, head: str) -> None:
        self.graph.edge(tail, head, style="invis")

    def same_rank(self, names: Iterable[str]) -> None:
        """Keep `names` on one rank (across clusters: the graph sets `newrank`)."""
        with self.graph.subgraph() as row:
            row.attr(rank="same")
            for name in names:
                row.node(name)

    def stack(self, names: Sequence[str], rows: int = 8) -> None:
        """Lay `names` out top-down in balanced columns of at most `rows`, left to right.

        A row of siblings is what makes org charts metres wide; columns in a box keep a
        level as narrow as its widest branch. Invisible edges chain each column (`group`
        keeps it straight) and `rank=same` lines the columns up. The nodes must belong to
        this canvas: naming a node in another cluster would move it there.
        """
        for column in columns(names, rows):
            for name in column:
                self.graph.node(name, group=f"{column[0]}_col")
            for upper, lower in itertools.pairwise(column):
                self.invisible(upper, lower)
        laid = columns(names, rows)
        if len(laid) > 1:
            for r in range(len(laid[0])):
                self.row([column[r] for column in laid if r < len(column)])

    def row(self, names: Sequence[str]) -> None:
        """Keep `names` on one rank, in this order, left to right."""
        self.same_rank(names)
        for left, right in itertools.pairwise(names):
            self.graph.edge(left, right, style="invis")

    @contextmanager
    def cluster(
        self,
        text: str | None = None,
        *,
        url: str | None = None,
        tooltip: str | None = None,
        **attrs: str,
    ) -> Iterator[Canvas]:
        """A cluster (a box of nodes); `text` and `tooltip` must come from `label()`."""
        self._clusters[0] += 1
        number = self._clusters[0]
        options: dict[str, Any] = {
            "id": f"{self.gid}_cluster{number}",
            "style": "rounded",
            "color": LINE,
            "fontcolor": LINE_INK,
            "class": "opm-cluster",
            **attrs,
        }
        options["label"] = _escaped(text) if text is not None else ""
        href = safe_url(url)
        if href is not None:
            options.update(URL=escape(href), target="_top")
        if tooltip is not None:
            options["tooltip"] = _escaped(tooltip)
        name = f"cluster_{number}"
        with self.graph.subgraph(name=name) as sub:
            sub.attr(**options)
            yield Canvas(self.gid, sub, self._clusters, name)

    def legend(
        self, title: str, entries: Sequence[tuple[str, dict[str, str]]], *, across: bool = False
    ) -> list[str]:
        """A boxed key: one unlinked node per (text, node style), in a column or a row."""
        with self.cluster(
            label(title, wrap=40), fontcolor=INK, style="rounded,filled", fillcolor=WHITE
        ) as box:
            names = [
                box.node(f"legend__{i}", label(text), **{"class": "opm-legend", **style})
                for i, (text, style) in enumerate(entries)
            ]
            if across:
                box.row(names)
            else:
                box.stack(names, rows=len(names))
        return names
