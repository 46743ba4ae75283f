"""dot.py: model text and URLs reach DOT only escaped and filtered."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opmodel import Ref
from opmodel.diagrams.dot import (
    _CONTROL,
    _LINE_BREAK,
    Canvas,
    by_label,
    columns,
    graph_id,
    label,
    node_id,
    safe_url,
)


def test_label_escapes_quotes_and_backslashes_when_written_to_dot() -> None:
    canvas = Canvas.new("opm_t")
    canvas.node("n", label('say "hi" \\ bye\\'))
    assert 'label="say \\"hi\\" \\\\ bye\\\\"' in canvas.graph.source


def test_label_turns_line_breaks_into_dot_newlines() -> None:
    assert label("one\ntwo\r\nthree") == "one\\ntwo\\nthree"


def test_label_wraps_long_text_into_lines() -> None:
    assert label("a fairly long name that would make a wide box", wrap=20) == (
        "a fairly long name\\nthat would make a\\nwide box"
    )


SPACES = " \t\n\r\x0b\x0c\x1c\x85\xa0\u1680\u2000\u2028\u3000\ufeff\u200b-–"


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(st.sampled_from([*SPACES, "a", "é", "😀", "&", "\\"]), max_size=200),
    wrap=st.integers(1, 30),
)
def test_label_wraps_as_textwrap_does(text: str, wrap: int) -> None:
    """A line that fits is not handed to `textwrap` (a third of `label()`'s time): the same."""
    lines = [
        piece
        for part in _LINE_BREAK.split(text)
        for piece in (textwrap.wrap(" ".join(_CONTROL.sub(" ", part).split()), wrap) or [""])
    ]
    assert label(text, wrap=wrap).split("\\n") == [
        line.replace("&", "&amp;").replace("\\", "\\\\") for line in lines
    ]


def test_label_skips_missing_lines() -> None:
    assert label("a", None, "b") == "a\\nb"


def test_label_is_never_read_as_an_html_label() -> None:
    canvas = Canvas.new("opm_t")
    canvas.node("a", label("<b>bold</b>"))
    canvas.node("b", label("<b\nbold>"))  # joined lines must stay plain text too
    assert 'a [label="<b>bold</b>"]' in canvas.graph.source
    assert 'b [label="<b\\nbold>"]' in canvas.graph.source


def test_label_keeps_entity_lookalikes_literal() -> None:
    """Graphviz reads `&lt;` in a label as `<`; the user wrote four characters."""
    assert label("&lt; & &amp;") == "&amp;lt; &amp; &amp;amp;"


def test_label_turns_control_characters_into_spaces() -> None:
    assert label("tab\there\x00nul") == "tab here nul"


@pytest.mark.parametrize(
    "url",
    [
        "../../roles/cdo/",
        "./",
        "roles/cdo/#section",
        "https://example.org/a?b=c&d=e",
        "HTTP://EXAMPLE.ORG",
        "mailto:someone@example.org",
    ],
)
def test_safe_url_allows_relative_http_and_mailto(url: str) -> None:
    assert safe_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "  javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "file:///etc/passwd",
        "//evil.example/",
        "/\\evil.example/",
        "",
        None,
    ],
)
def test_safe_url_refuses_scripts_and_other_sites(url: str | None) -> None:
    assert safe_url(url) is None


def test_node_with_an_unsafe_url_has_no_link() -> None:
    canvas = Canvas.new("opm_t")
    canvas.node("n", label("x"), url="javascript:alert(1)")
    assert "javascript" not in canvas.graph.source
    assert "URL" not in canvas.graph.source


def test_node_ids_are_dot_identifiers_and_one_to_one() -> None:
    assert node_id(Ref("role", "head-of-data")) == "role__head_of_data"
    assert node_id(Ref("unit", "a-b")) != node_id(Ref("unit", "ab"))


def test_graph_id_is_safe_for_svg_ids() -> None:
    assert graph_id("role", "head-of-data") == "opm_role_head_of_data"


def test_every_cluster_gets_its_own_id() -> None:
    """Graphviz 2.43 gives each cluster the graph's id unless told otherwise."""
    canvas = Canvas.new("opm_t")
    with canvas.cluster(label("A")) as outer, outer.cluster(label("B")) as inner:
        inner.node("x", label("x"))
    assert "id=opm_t_cluster1" in canvas.graph.source
    assert "id=opm_t_cluster2" in canvas.graph.source


def test_columns_are_balanced() -> None:
    assert [len(c) for c in columns(list("abcdefg"), 6)] == [4, 3]
    assert [len(c) for c in columns(list("abc"), 6)] == [3]
    assert columns([], 6) == []


def test_text_that_did_not_come_from_label_is_refused() -> None:
    canvas = Canvas.new("opm_t")
    with pytest.raises(TypeError, match=r"label\(\)"):
        canvas.node("n", "<b>raw</b>")


def test_entities_sort_by_label_with_numbers_in_numeric_order() -> None:
    from opmodel.model.schema import Unit

    units = [Unit(id=f"u{n}", name=f"Team {n}") for n in (10, 2, 1)] + [Unit(id="a", name="alpha")]
    assert [u.label for u in by_label(units)] == ["alpha", "Team 1", "Team 2", "Team 10"]
