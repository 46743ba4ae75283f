"""writer.py writes what the `graphviz` package wrote, byte for byte.

The diagrams drew through `graphviz.Digraph` until it cost 7 s of the 10,000-role build.
Its DOT text is what the SVG cache is keyed by and what `dot` lays out, so the writer that
replaced it must not change a byte: every diagram of the example, of the hostile corpus and
of a model named like DOT's own syntax is drawn both ways here and compared. The package is
a test dependency only, for this.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import graphviz
import pytest

from opmodel import Model, load_model
from opmodel.diagrams import dot, writer
from opmodel.diagrams.writer import Escaped, escape, quote, quote_edge
from opmodel.site.figures import page_diagrams

TESTS = Path(__file__).resolve().parents[1]
EXAMPLE = TESTS.parent / "content"
HOSTILE = TESTS / "hostile" / "corpus" / "content"

TRICKY = [
    "",
    "spam",
    "spam spam",
    "_x9",
    "9x",
    "-4.2",
    ".42",
    "42.",
    "-.5",
    "--1",
    "1e5",
    "node",
    "Node",
    "EDGE",
    "graph",
    "digraph",
    "subgraph",
    "strict",
    "Strict ",
    "n",
    "abc\n",
    "abc\n\n",
    "<b>bold</b>",
    "<b>\n",
    "<b>\n\n",
    "<",
    "<>",
    "<a",
    "a>",
    " <b>",
    '"',
    '\\"',
    '\\\\"',
    '\\\\\\"',
    'say "hi"',
    "back\\slash",
    "back\\",
    "\\l\\n\\r",
    "{x}; a -> b [URL=y]",
    "#1f2328",
    "rounded,filled",
    "Mønti Pythøn",
    "日本語",
    "🧑‍🚀",
    "\u202eevil\u202c",
    "a:b",
    "a:b:c",
    "a:b:c:d",
    ":b",
    "a:",
    "&amp; &lt;",
]


def _graphviz_quote(text: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "expect syntax error": the text is still written
        return str(graphviz.quoting.quote(text))


@pytest.mark.parametrize("text", TRICKY)
def test_quote_writes_what_the_package_writes(text: str) -> None:
    assert quote(text) == _graphviz_quote(text)
    assert quote(Escaped(text)) == _graphviz_quote(graphviz.nohtml(text))
    assert quote(text) == _graphviz_quote(text)  # again: now from the cache


@pytest.mark.parametrize("text", TRICKY)
def test_escape_and_edge_ends_match_the_package(text: str) -> None:
    assert escape(text) == graphviz.escape(text)
    assert quote(escape(text)) == _graphviz_quote(graphviz.escape(text))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert quote_edge(text) == graphviz.quoting.quote_edge(text)


def test_a_string_quoted_as_escaped_text_is_still_html_when_it_is_not() -> None:
    writer.clear_cache()
    assert quote(Escaped("<b>x</b>")) == '"<b>x</b>"'
    assert quote("<b>x</b>") == "<b>x</b>"


def _package(value: Any) -> Any:
    """What the builders gave the package: escaped text marked `nohtml`."""
    return graphviz.nohtml(str(value)) if isinstance(value, Escaped) else value


def _packaged(attrs: Mapping[str, Any] | None) -> dict[str, Any] | None:
    return None if attrs is None else {k: _package(v) for k, v in attrs.items()}


class ViaGraphviz:
    """`DotGraph`'s interface, written by `graphviz.Digraph` as the diagrams did before."""

    def __init__(
        self,
        name: str | None = None,
        *,
        graph_attr: Mapping[str, str] | None = None,
        node_attr: Mapping[str, str] | None = None,
        edge_attr: Mapping[str, str] | None = None,
        of: Any = None,
    ) -> None:
        self.graph = of or graphviz.Digraph(
            name=name,
            graph_attr=_packaged(graph_attr),
            node_attr=_packaged(node_attr),
            edge_attr=_packaged(edge_attr),
        )

    def node(self, name: str, label: str | None = None, **attrs: str) -> None:
        self.graph.node(name, _package(label), **_packaged(attrs) or {})

    def edge(self, tail: str, head: str, label: str | None = None, **attrs: str) -> None:
        self.graph.edge(tail, head, _package(label), **_packaged(attrs) or {})

    def attr(self, **attrs: str) -> None:
        self.graph.attr(**_packaged(attrs) or {})

    @contextmanager
    def subgraph(self, name: str | None = None) -> Iterator[ViaGraphviz]:
        with self.graph.subgraph(name=name) as sub:
            yield ViaGraphviz(of=sub)

    @property
    def source(self) -> str:
        return str(self.graph.source)


def _sources(model: Model) -> dict[str, str]:
    dot.label.cache_clear()
    return {diagram.key: diagram.dot_source for _, diagram in page_diagrams(model, True)}


def _both_ways(model: Model, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, str], ...]:
    writer.clear_cache()
    ours = _sources(model)
    with monkeypatch.context() as patch:
        patch.setattr(dot, "DotGraph", ViaGraphviz)
        assert isinstance(dot.Canvas.new("opm_t").graph, ViaGraphviz)
        theirs = _sources(model)
    return ours, theirs


def _loaded(content: Path) -> Model:
    result = load_model(content)
    assert result.model is not None, "\n".join(d.format() for d in result.diagnostics)
    return result.model


@pytest.mark.parametrize("content", [EXAMPLE, HOSTILE], ids=["example", "hostile-corpus"])
def test_every_diagram_is_written_as_the_package_wrote_it(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours, theirs = _both_ways(_loaded(content), monkeypatch)

    assert len(ours) > 10
    assert list(ours) == list(theirs)
    assert [key for key in ours if ours[key] != theirs[key]] == []


DOT_LOOKALIKES = [
    "node",
    "Graph",
    "STRICT",
    "-4.2",
    ".5",
    "42",
    "<b>x</b>",
    "<<b>y</b>>",
    "a:b:c",
    'q"uote\\"d \\',
    "\\l\\n{x}; a -> b [URL=y]",
    "Mønti & Pythøn &amp;",
    "line\u2028break\nnext",
]
"""Names DOT would read as its own syntax if they were written as they are."""


def test_names_that_look_like_dot_are_written_as_the_package_wrote_them(
    build_model: Callable[[dict[str, str]], Model], monkeypatch: pytest.MonkeyPatch
) -> None:
    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    files = {
        f"units/u{i}.yml": f"name: {q(name)}\nparent: u0\nlead: r{i}\n" if i else "name: x\n"
        for i, name in enumerate(DOT_LOOKALIKES)
    }
    files |= {
        f"roles/r{i}.yml": f"title: {q(name)}\nunit: u{i}\nsummary: {q(name)}\n"
        + ("reports_to: r0\n" if i else "")
        for i, name in enumerate(DOT_LOOKALIKES)
    }
    files["forums/f.yml"] = (
        f"name: {q(DOT_LOOKALIKES[0])}\ntype: governance\nchair: r1\nmembers: [r2, r3]\n"
    )
    files["decisions/d.yml"] = f"title: {q(DOT_LOOKALIKES[6])}\naccountable: forum:f\n"
    files["capabilities/c.yml"] = f"name: {q(DOT_LOOKALIKES[7])}\nowner: u1\n"
    files["capabilities/c2.yml"] = f"name: {q(DOT_LOOKALIKES[9])}\nparent: c\n"
    files["flows/fl.yml"] = (
        f"name: {q(DOT_LOOKALIKES[10])}\ntrigger: {q(DOT_LOOKALIKES[8])}\nstages:\n"
        f"  - {{id: a, name: {q(DOT_LOOKALIKES[11])}, owner: u2, pain: 2}}\n"
        f"  - {{id: b, name: {q(DOT_LOOKALIKES[12])}, owner: role:r3}}\n"
    )
    ours, theirs = _both_ways(build_model(files), monkeypatch)

    assert {"unit-u1", "role-r1", "decision-d", "flow-fl", "capabilities"} <= set(ours)
    assert [key for key in ours if ours[key] != theirs[key]] == []


def test_subgraphs_and_bare_statements_are_written_as_the_package_wrote_them() -> None:
    """Constructs the builders do not use (yet): unnamed graphs, ports, HTML values."""
    ours, theirs = writer.DotGraph(), ViaGraphviz()
    for graph in (ours, theirs):
        graph.node("a")
        graph.node("b", tooltip=Escaped("<t>"))  # quoted, and then kept quoted...
        graph.node("c", tooltip="<t>")  # ...but not for an HTML-like value
        graph.attr(rank="same")
        graph.edge("a:p:n", "b c", label=Escaped("<x>"), weight="0")
        with graph.subgraph() as row, row.subgraph("cluster 1") as box:
            box.node("x", Escaped(""), shape="<plain>")
            box.attr(label="")

    assert ours.source == theirs.source
    assert '\t\t\tx [label="" shape=<plain>]\n' in ours.source
    assert '\tb [tooltip="<t>"]\n\tc [tooltip=<t>]\n' in ours.source
