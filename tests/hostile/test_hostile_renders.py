"""The hostile corpus renders as the text it is: every name is the literal heading of its
page and the literal text of its diagram node, escaped in the HTML and the SVG, and no
markup from the model survives as markup (no script, event handler, javascript: or data:
URL, iframe), in HTML or in inline SVG. The browser half (no script runs) is in
tests/browser/test_browser_hostile.py."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from opmodel.diagrams import dot
from opmodel.model.schema import Decision, Flow, Role, Unit
from opmodel.site import urls

PAYLOAD = "window.__pwned"
"""What every hostile script in the corpus would run."""
DIAGRAM_KINDS = (Unit, Role, Decision, Flow)
"""Kinds whose own page draws a diagram naming them."""
UNSAFE_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)
ACTIVE_TAGS = frozenset({"iframe", "object", "embed", "frame", "frameset", "base"})
LOADING_ATTRIBUTES = ("src", "srcset", "poster", "data", "background")
REMOTE = re.compile(r"^\s*([a-z][a-z0-9+.-]*:|//|\\\\)", re.IGNORECASE)
TRACKER = "tracker.example"
"""The host of every remote image, frame, media and style in the corpus."""


def _flat(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Node:
    href: str
    texts: list[str] = field(default_factory=list)


@dataclass
class Figure:
    label: str
    nodes: list[Node] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    """Every <text> of the diagram, in order."""


class Walk(HTMLParser):
    """Every tag and attribute of a page (inline SVG included), its article's <h1> and
    <title>, and each diagram's label and linked node texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.title = self.h1 = ""
        self.figures: list[Figure] = []
        self._stack: list[str] = []
        self._node: Node | None = None
        self._in_text = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append((tag, values))
        if tag == "svg" and "opm-diagram" in values.get("class", ""):
            self.figures.append(Figure(values.get("aria-label", "")))
        if tag == "a" and self.figures and "svg" in self._stack:
            self._node = Node(values.get("xlink:href") or values.get("href", ""))
            self.figures[-1].nodes.append(self._node)
        self._in_text = tag == "text"
        if tag not in ("meta", "link", "img", "input", "br", "hr", "path", "polygon"):
            self._stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass
        if tag == "a" and "svg" in self._stack:
            self._node = None
        if tag == "text":
            self._in_text = False

    def handle_data(self, data: str) -> None:
        if self._stack and self._stack[-1] == "script":
            self.scripts.append(data)
        if self._stack[-1:] == ["title"] and "svg" not in self._stack:
            self.title += data
        if "h1" in self._stack and "article" in self._stack:
            self.h1 += data
        if self._in_text and self.figures:
            self.figures[-1].texts.append(data)
            if self._node is not None:
                self._node.texts.append(data)


WRITTEN = re.compile(
    r"<script>\(function\(\)\{var top=.*?document\.write\(.*?'\">'\+"
    r'("(?:[^"\\]|\\.)*")\)\}\)\(\)</script>',
    re.S,
)
"""The 404 page writes itself after a `<base>` (site/not_found.py): walk what it writes."""


def _walk(source: str) -> Walk:
    written = WRITTEN.search(source)
    if written is not None:  # the script, replaced by what it writes
        source = source[: written.start()] + json.loads(written[1]) + source[written.end() :]
    walk = Walk()
    walk.feed(source)
    walk.close()
    return walk


def _page_of(entity: Any) -> str:
    return urls.url_of(urls.page_path(entity.ref), False)


def test_the_corpus_checks_and_builds_without_a_traceback(hostile_site: Any) -> None:
    for run in (hostile_site.check, hostile_site.build):
        assert "Traceback" not in run.output, run.output
        assert run.status == 0, run.output
    assert "0 error(s)" in hostile_site.check.output


def test_every_hostile_name_is_the_literal_heading_and_title_of_its_page(
    hostile_site: Any,
) -> None:
    wrong = []
    for entity in hostile_site.model.all_entities():
        walk = _walk(hostile_site.pages[_page_of(entity)])
        label = _flat(entity.label)
        if label not in _flat(walk.h1):
            wrong.append(f"{entity.ref}: <h1> reads {_flat(walk.h1)[:120]!r}")
        if not _flat(walk.title).startswith(label):
            wrong.append(f"{entity.ref}: <title> reads {_flat(walk.title)[:120]!r}")
    assert not wrong, "\n".join(wrong)
    assert len(list(hostile_site.model.all_entities())) >= 15


def test_hostile_names_are_escaped_in_the_html_source(hostile_site: Any) -> None:
    """The raw source holds the markup only as entities: `&lt;script&gt;`, never `<script>`
    followed by the payload."""
    raw_script = re.compile(r"<script[^>]*>\s*" + re.escape(PAYLOAD))
    raw_img = re.compile(r"<img[^>]*onerror", re.IGNORECASE)
    for path, source in hostile_site.pages.items():
        assert not raw_script.search(source), f"{path}: a raw <script> with the payload"
        assert not raw_img.search(source), f"{path}: a raw <img onerror>"
    escaped = re.compile(r"(&lt;|&#60;|&#x3c;)(img src|script&gt;|script&#62;)", re.IGNORECASE)
    assert escaped.search(hostile_site.pages["roles/chief.html"]), "the escaped name is missing"


def test_no_markup_from_the_model_survives_as_markup(hostile_site: Any) -> None:
    found = []
    for path, source in hostile_site.pages.items():
        walk = _walk(source)
        for tag, attrs in walk.tags:
            for name, value in attrs.items():
                if name.startswith("on"):
                    found.append(f"{path}: <{tag} {name}={value!r}>")
                unsafe = UNSAFE_URL.match(value) or value.strip().startswith("//")
                if name in ("href", "src", "xlink:href", "action", "formaction") and unsafe:
                    found.append(f"{path}: <{tag} {name}={value!r}>")
                if name in LOADING_ATTRIBUTES and REMOTE.match(value):
                    found.append(f"{path}: <{tag} {name}={value!r}> loads from another machine")
                if name == "style" and "url(" in value.lower():
                    found.append(f"{path}: <{tag} style={value!r}>")
            if tag in ACTIVE_TAGS:
                found.append(f"{path}: <{tag}>")
        found += [f"{path}: a script runs {PAYLOAD}" for s in walk.scripts if PAYLOAD in s]
    assert not found, "hostile markup survived:\n" + "\n".join(found[:40])


def test_remote_resources_become_links_and_check_warns_at_each(hostile_site: Any) -> None:
    """Remote images (Markdown and `<img>`, `srcset`), frames, media, `<link>` and CSS
    `url()` in a description, a forum's charter and a guide: no page loads them (not even
    a stylesheet link: Material's own `<link>`s are local), each http(s) one is a link on
    its page, and `check` warns about each at its place."""
    loads, links = [], set()
    for path, source in hostile_site.pages.items():
        for tag, attrs in _walk(source).tags:
            href = attrs.get("href", "")
            if tag == "link" and REMOTE.match(href):
                loads.append(f"{path}: <link href={href!r}>")
            if tag == "a" and TRACKER in href:
                links.add(href)
    assert not loads, "\n".join(loads)
    expected = {"logo.png", "change.gif", "pixel.gif", "md.png", "frame", "guide.gif", "s.css"}
    assert {href.rsplit("/", 1)[1] for href in links} >= expected
    warned = re.findall(
        r"^(\S+:\d+:\d+): warning: remote .*\[OPM207\]$", hostile_site.check.output, re.M
    )
    assert "content/organisation.yml:6:21" in warned
    assert "content/forums/board.md:19:51" in warned  # an <img> in a forum's charter
    assert "content/pages/hostile-guide.md:5:80" in warned
    assert len(warned) == 16, warned


def test_hostile_names_are_the_literal_text_of_their_diagrams(hostile_site: Any) -> None:
    """The diagram on an entity's page shows its name (a flow's: its stages' names) as text,
    wrapped over lines and shortened past `dot.MAX_LINE` characters, never as DOT or markup;
    its aria-label names it in full."""
    checked, wrong = 0, []
    for entity in hostile_site.model.all_entities():
        if not isinstance(entity, DIAGRAM_KINDS):
            continue
        page = _page_of(entity)
        walk = _walk(hostile_site.pages[page])
        assert walk.figures, f"{page}: no diagram"
        shown = "".join("".join(walk.figures[0].texts).split())
        names = [s.name for s in entity.stages] if isinstance(entity, Flow) else [entity.label]
        for name in names:
            wanted = "".join(_flat(name)[: dot.MAX_LINE - 1].split())[:200]
            if wanted not in shown:
                wrong.append(f"{page}: the diagram lacks {wanted[:80]!r}; it reads {shown[:300]!r}")
            checked += 1
        alt = _flat(walk.figures[0].label)
        if _flat(entity.label) not in alt:
            wrong.append(f"{page}: the diagram's aria-label {alt[:100]!r} lacks the name")
    assert not wrong, "\n".join(wrong)
    assert checked >= 8


def test_a_ten_thousand_character_name_is_whole_on_its_page_and_short_in_diagrams(
    hostile_site: Any,
) -> None:
    long_ones = [e for e in hostile_site.model.all_entities() if len(e.label) >= 10_000]
    assert len(long_ones) >= 2, "the corpus should hold 10,000-character names"
    for entity in long_ones:
        walk = _walk(hostile_site.pages[_page_of(entity)])
        assert _flat(entity.label) in _flat(walk.h1)
        for figure in walk.figures:
            for node in figure.nodes:
                assert len("".join(node.texts)) <= dot.MAX_TEXT, "a diagram node is unbounded"
    assert len(dot.label("x" * 50_000).encode()) < 16_384, "dot refuses longer strings"


def test_unsafe_link_urls_render_as_text_and_safe_ones_as_links(hostile_site: Any) -> None:
    change = next(c for c in hostile_site.model.changes if c.links)
    walk = _walk(hostile_site.pages[_page_of(change)])
    hrefs = [attrs.get("href", "") for tag, attrs in walk.tags if tag == "a"]
    assert 'https://example.org/?a="b"&c=<d>' in hrefs, "the safe link lost its URL"
    unsafe = [h for h in hrefs if UNSAFE_URL.match(h) or "evil.example" in h or "\t" in h]
    assert not unsafe, unsafe
    text = " ".join(walk.h1.split())
    assert text, "the change page has no heading"


def test_right_to_left_overrides_and_emoji_are_kept(hostile_site: Any) -> None:
    texts = "".join(hostile_site.pages.values())
    assert "\u202e" in texts and "🚀" in texts and "👩🏽‍💻" in texts


def test_pipes_in_names_do_not_split_table_cells(hostile_site: Any) -> None:
    ragged = []
    for path, source in hostile_site.pages.items():
        for table in re.findall(r"<table.*?</table>", source, re.DOTALL):
            rows = re.findall(r"<tr.*?</tr>", table, re.DOTALL)
            widths = {len(re.findall(r"<t[hd][\s>]", row)) for row in rows}
            if len(widths) > 1:
                ragged.append(f"{path}: rows of {sorted(widths)} cells")
    assert not ragged, "\n".join(ragged)
