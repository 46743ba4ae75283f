"""Entity pages whose Markdown is only headings and slots, converted without Python-Markdown
once a page of the same shape has been.

With its HTML blocks and diagrams set aside (`site/html_blocks.py`) an entity page's
Markdown is a skeleton: headings, and a slot for each block between them. Python-Markdown
still takes about a millisecond for each, nearly all of it the same thirty steps whatever
the text; on a large model that was half of rendering an entity page. Pages of one kind
mostly share a skeleton but for their headings' words. So a shape (the Markdown with
every heading's text left out) is converted once with stand-ins for the headings, on its
second page, and every page of that shape after it gets that conversion with its own
headings' text and ids put in place of the stand-ins: HTML, table of contents, title,
anchors and links to its own anchors, as `convert.render` would give them. (A shape of
one page is converted once, as before.)

Ids are made as the `toc` extension makes them, with its own `slugify`, separator and
`unique`, in the same order. Only plain headings take part: no character that Markdown or
an extension reads (emphasis, code, links, escapes, attributes, named entities; numeric
character references pass through), so the words come out as they went in; any other page
is converted as usual. The page a shape is learned on is converted both ways and compared:
a shape whose two results differ (an extension's setting this module does not foresee) is
converted as usual from then on.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markdown import Markdown
from markdown.extensions.toc import unique

from opmodel.site.html_blocks import SLOTS

_LINES = re.compile(r"(\n+)")
_HEADING = re.compile(r"(#{1,6}) (\S(?:[^\n]*\S)?)")
_NOT_PLAIN = re.compile(r"""[\\`*_{}\[\]<>&#|!~^="'\x00-\x1f\x7f]|\s\s""")
"""What Markdown or an extension may read in a heading's text: such a page is converted
as usual."""
_CHARACTER_REFERENCE = re.compile(r"&#(?:[0-9]+|[xX][0-9a-fA-F]+);")
"""How the templates write a character Markdown would read (`&#40;` for `(`): Markdown
passes it through as it is, and the id is made from the character."""
_STAND_IN = "Opmodelheading{}z"
_STAND_INS = re.compile(r"(?i)opmodelheading(\d+)z")


@dataclass(frozen=True)
class Converted:
    """What converting a page's Markdown gives MkDocs' page."""

    html: str
    toc_tokens: list[dict[str, Any]]
    title: str | None
    anchors: frozenset[str]
    links_to_anchors: dict[Any, dict[str, str]] | None
    """Links to anchors, by the file they are in and the anchor (MkDocs'
    `_RelativePathTreeprocessor`); None: not collected."""


Convert = Callable[[str], Converted]
"""Converts Markdown exactly as MkDocs' page would be (the page's own file and files)."""


class Skeletons:
    """One converter's shapes: each one's conversion with stand-ins for its headings, or
    None where it is converted as usual."""

    def __init__(self, md: Markdown) -> None:
        registry = md.treeprocessors  # a Registry: no `get`
        toc = registry["toc"] if "toc" in registry else None  # noqa: SIM401
        self._slugify: Callable[[str, str], str] | None = getattr(toc, "slugify", None)
        self._sep: str = getattr(toc, "sep", "-")
        self._shapes: dict[str, Converted | None] = {}
        self._seen: set[str] = set()
        """Shapes met once: a shape is learned on its second page (learning costs two
        conversions, so a shape of one page costs just its own)."""

    def convert(self, markdown: str, file: object, convert: Convert) -> Converted:
        """`convert(markdown)` for the page of `file`, from its shape's conversion where
        there is one."""
        split = _split(markdown) if self._slugify is not None else None
        if split is None:
            return convert(markdown)
        shape, texts = split
        if shape not in self._shapes:
            if shape not in self._seen:
                self._seen.add(shape)
                return convert(markdown)
            return self._learn(shape, texts, markdown, file, convert)
        learned = self._shapes[shape]
        if learned is None:
            return convert(markdown)
        return self._filled(learned, texts, file)

    def _learn(
        self, shape: str, texts: list[str], markdown: str, file: object, convert: Convert
    ) -> Converted:
        """Convert a page of `shape` with stand-ins and as it is, and keep the stand-ins'
        conversion if it gives the page's."""
        stand_ins = [_STAND_IN.format(index) for index in range(len(texts))]
        learned = convert(_with_texts(shape, stand_ins))
        links = learned.links_to_anchors
        usable = self._ids(stand_ins) == [s.lower() for s in stand_ins] and (
            links is None or set(links) <= {file}  # links to its own anchors only
        )
        converted = convert(markdown)
        keep = usable and self._filled(learned, texts, file) == converted
        self._shapes[shape] = learned if keep else None
        return converted

    def _ids(self, texts: list[str]) -> list[str]:
        """The headings' ids, as `toc` makes them for headings in this order."""
        assert self._slugify is not None
        used: set[str] = set()
        counters: dict[str, int] = {}
        slugify, sep = self._slugify, self._sep
        return [unique(slugify(html.unescape(text), sep), used, counters) for text in texts]

    def _filled(self, learned: Converted, texts: list[str], file: object) -> Converted:
        ids = self._ids(texts)

        def put(value: str) -> str:
            return _STAND_INS.sub(
                lambda m: texts[int(m[1])] if m[0][0] == "O" else ids[int(m[1])], value
            )

        links = learned.links_to_anchors
        own = None if links is None else next(iter(links.values()), None)
        return Converted(
            put(learned.html),
            [_token(token, put) for token in learned.toc_tokens],
            None if learned.title is None else put(learned.title),
            frozenset(put(anchor) for anchor in learned.anchors),
            None if links is None else {} if own is None else {file: _put_all(own, put)},
        )


def _split(markdown: str) -> tuple[str, list[str]] | None:
    """The page's shape (its Markdown with each heading's text left out) and its headings'
    texts; None: it holds more than plain headings and slots, each on a line of its own."""
    parts = _LINES.split(markdown)
    texts: list[str] = []
    for index in range(0, len(parts), 2):  # odd parts are the line breaks between
        line = parts[index]
        if not line or SLOTS.fullmatch(line):
            continue
        heading = _HEADING.fullmatch(line)
        if heading is None or _NOT_PLAIN.search(_CHARACTER_REFERENCE.sub("0", heading[2])):
            return None
        parts[index] = heading[1] + " \0"
        texts.append(heading[2])
    return "".join(parts), texts


def _with_texts(shape: str, texts: list[str]) -> str:
    found = iter(texts)
    return re.sub("\0", lambda _: next(found), shape)


def _put_all(links: dict[str, str], put: Callable[[str], str]) -> dict[str, str]:
    return {put(anchor): put(url) for anchor, url in links.items()}


def _token(token: dict[str, Any], put: Callable[[str], str]) -> dict[str, Any]:
    return {
        key: [_token(child, put) for child in value]
        if key == "children"
        else put(value)
        if isinstance(value, str)
        else value
        for key, value in token.items()
    }
