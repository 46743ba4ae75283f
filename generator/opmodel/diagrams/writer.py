"""DOT text: the writer behind `Canvas` (dot.py), and its quoting.

It writes, byte for byte, what the `graphviz` package (0.20, 0.21) writes for the
statements the diagrams use, so the SVG cache (keyed by DOT source) and the layouts stay
as they were; `tests/diagrams/test_diagrams_writer.py` compares the two on every diagram of
the example and of a hostile model. The package cost 7 s of the 10,000-role benchmark's
build: each `quote()` went through a deprecation wrapper and three regular expressions,
1.7 million times, for names and attribute values that repeat from node to node. Here a
string is quoted once and looked up after that.

The rules, from `graphviz/quoting.py`:

- A string is written as is if it is a DOT ID (`[a-zA-Z_][a-zA-Z0-9_]*` or a numeral) and
  not a keyword (`node`, `edge`, `graph`, `digraph`, `subgraph`, `strict`, any case);
  otherwise it is put in double quotes, with each `"` (or `\\"`, read the same) after an even
  run of backslashes written `\\"`. Backslashes are left alone: DOT's `\\n`, `\\l` stay
  escapes, so model text must go through `escape()` first.
- A string that looks like `<...>` is an HTML-like label and written as is, unless it is
  `Escaped` (the package's `nohtml`): model text always is.
- The regular expressions end in `$`, which also matches before a final newline: kept, to
  write what the package writes.
- Attributes are written sorted by name, after `label` when it is given as its own argument;
  subgraph lines are indented by one tab for each level.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})
"""DOT's keywords (case-insensitive): a name or value spelled like one must be quoted."""

_HTML = re.compile(r"<.*>$", re.DOTALL).match
_ID = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?))$").match
_QUOTE = re.compile(r'(?P<backslashes>(?:\\{2})*)\\?(?P<quote>")')

CACHE_SIZE = 1 << 16
"""Quoted strings kept (each is kept once, however often it is written); past this many the
cache starts again, so a long `opmodel serve` session does not grow it without end."""
_quoted: dict[str, str] = {}
_pairs: dict[tuple[str, str], str] = {}
"""`name=value` as written, by (name, value): most attributes repeat (fills, styles, fonts).
Neither cache holds text starting with `<`, the one case where `str` and `Escaped` differ."""


class Escaped(str):
    """Text made safe for DOT (`escape()`, `label()`): quoted, never taken as HTML."""

    __slots__ = ()


def escape(text: str) -> Escaped:
    """`text` with its backslashes doubled, so DOT shows them (the package's `escape`)."""
    return Escaped(text.replace("\\", "\\\\"))


def quote(text: str) -> str:
    """`text` as a DOT ID: as is if it is one, else in double quotes (see the module)."""
    if text[:1] == "<" and not isinstance(text, Escaped) and _HTML(text) is not None:
        return text  # an HTML-like label; the cache below cannot tell str from Escaped
    found = _quoted.get(text)
    if found is None:
        found = text
        if _ID(text) is None or text.lower() in KEYWORDS:
            inner = _QUOTE.sub(r"\g<backslashes>\\\g<quote>", text) if '"' in text else text
            found = f'"{inner}"'
        if len(_quoted) >= CACHE_SIZE:
            _quoted.clear()
        _quoted[text] = found
    return found


def clear_cache() -> None:
    _quoted.clear()
    _pairs.clear()


def quote_edge(name: str) -> str:
    """An edge's end, `node[:port[:compass]]`: each part quoted, the compass point as is."""
    if ":" not in name:
        return quote(name)
    node, _, rest = name.partition(":")
    port, _, compass = rest.partition(":")
    parts = [quote(node), quote(port)] if rest else [quote(node)]
    if rest and compass:
        parts.append(compass)
    return ":".join(parts)


def a_list(label: str | None, attrs: Mapping[str, str | None]) -> str:
    """`label=… name=value …`: label first, then by name; None values left out."""
    items = [f"label={quote(label)}"] if label is not None else []
    for key in sorted(attrs):
        value = attrs[key]
        if value is None:
            continue
        pair = _pairs.get((key, value))
        if pair is None:
            pair = f"{quote(key)}={quote(value)}"
            if key[:1] != "<" and value[:1] != "<":  # never found: `<...` is not kept
                if len(_pairs) >= CACHE_SIZE:
                    _pairs.clear()
                _pairs[key, value] = pair
        items.append(pair)
    return " ".join(items)


def attr_list(label: str | None, attrs: Mapping[str, str | None]) -> str:
    """` [label=… name=value …]`, or nothing when there is nothing to say."""
    if label is None and not attrs:
        return ""
    content = a_list(label, attrs)
    return f" [{content}]" if content else ""


class DotGraph:
    """A directed graph's DOT source, written statement by statement as it is built."""

    __slots__ = ("_subgraph", "body", "edge_attr", "graph_attr", "name", "node_attr")

    def __init__(
        self,
        name: str | None = None,
        *,
        graph_attr: Mapping[str, str] | None = None,
        node_attr: Mapping[str, str] | None = None,
        edge_attr: Mapping[str, str] | None = None,
        subgraph: bool = False,
    ) -> None:
        self.name = name
        self.graph_attr = dict(graph_attr or {})
        self.node_attr = dict(node_attr or {})
        self.edge_attr = dict(edge_attr or {})
        self.body: list[str] = []
        """The statements, one line each (with its newline), as written."""
        self._subgraph = subgraph

    def node(self, name: str, label: str | None = None, **attrs: str) -> None:
        self.body.append(f"\t{quote(name)}{attr_list(label, attrs)}\n")

    def edge(self, tail: str, head: str, label: str | None = None, **attrs: str) -> None:
        end = attr_list(label, attrs)
        self.body.append(f"\t{quote_edge(tail)} -> {quote_edge(head)}{end}\n")

    def attr(self, **attrs: str) -> None:
        """Attributes of this graph or subgraph, as a bare `name=value …` statement."""
        if attrs:
            self.body.append(f"\t{a_list(None, attrs)}\n")

    @contextmanager
    def subgraph(self, name: str | None = None) -> Iterator[DotGraph]:
        """A subgraph (a cluster if `name` starts with `cluster`), added when the block ends."""
        sub = DotGraph(name, subgraph=True)
        yield sub
        self.body.extend([f"\t{line}" for line in sub.lines()])

    def lines(self) -> Iterator[str]:
        head = "subgraph " if self._subgraph else "digraph "
        if self.name:
            yield f"{head}{quote(self.name)} {{\n"
        else:
            yield "{\n" if self._subgraph else "digraph {\n"
        for kind, attrs in (
            ("graph", self.graph_attr),
            ("node", self.node_attr),
            ("edge", self.edge_attr),
        ):
            if attrs:
                yield f"\t{kind}{attr_list(None, attrs)}\n"
        yield from self.body
        yield "}\n"

    @property
    def source(self) -> str:
        """The DOT source, as `dot` reads it."""
        return "".join(self.lines())
