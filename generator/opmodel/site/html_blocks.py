"""Raw HTML blocks in a generated page, set aside so that Python-Markdown parses only the
Markdown around them.

Entity pages are headings (Markdown: MkDocs gives them ids, permalinks and the table of
contents) and blocks of HTML: tables, lists and paragraphs of links, often most of the page.
Python-Markdown passes such a block through unchanged, but only after feeding it to its HTML
parser, which costs more than the rest of the page (about 3 ms a page; a minute of CPU for
10,000 roles). So each block that Python-Markdown would pass through unchanged is replaced by
a slot, a one-line HTML comment, and put back in the rendered HTML (`GeneratedPage.filled`).

A block is set aside only when that is sure to change nothing: it stands alone between blank
lines, starts at the margin with a block-level tag and ends with that tag's end tag, and
does not ask md_in_html to parse it (`markdown` other than `markdown="0"`). A page with a
fenced code block or a `markdown` attribute anywhere keeps every block: a blank line there
need not end one. `tests/site/test_html_blocks.py` renders every page both ways.
"""

from __future__ import annotations

import re

from markdown.util import BLOCK_LEVEL_ELEMENTS

SLOT = "<!-- opmodel {} {} -->"
"""A slot's text: what goes there ("block" or "figure") and its index."""
SLOTS = re.compile(r"<!-- opmodel (block|figure) (\d+) -->")

_BLANK_LINES = re.compile(r"(\n[ \t]*\n(?:[ \t]*\n)*)")
"""A run of blank lines: what separates blocks (the next one starts at its first text)."""
_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>]")
_MARKDOWN_ATTRIBUTE = re.compile(r"""\smarkdown(?:\s*=\s*(["']?)([^"'\s>]*)\1)?""", re.I)
_BLOCK_LEVEL = frozenset(BLOCK_LEVEL_ELEMENTS)


def set_aside(markdown: str) -> tuple[str, tuple[str, ...]]:
    """`markdown` with each raw HTML block that Python-Markdown would pass through unchanged
    replaced by a block slot, and those blocks, in order."""
    if "```" in markdown or "~~~" in markdown or _asks_for_markdown(markdown):
        return markdown, ()
    parts = _BLANK_LINES.split(markdown)
    blocks: list[str] = []
    for index in range(0, len(parts), 2):  # odd parts are the blank lines between
        chunk = parts[index]
        if _passes_through(chunk):
            block = chunk.rstrip()
            parts[index] = SLOT.format("block", len(blocks)) + chunk[len(block) :]
            blocks.append(block)
    return "".join(parts), tuple(blocks)


def _passes_through(chunk: str) -> bool:
    """Whether `chunk` is one HTML element, from its start tag at the margin to its end tag
    at the chunk's end."""
    start = _START_TAG.match(chunk)
    if start is None or start[1].lower() not in _BLOCK_LEVEL:
        return False
    tag = start[1]
    element = chunk.rstrip()
    if not element.endswith(f"</{tag}>"):
        return False
    depth = 0
    for match in re.finditer(rf"<(/?){tag}(?=[\s>/])", element):
        depth += -1 if match[1] else 1
        if depth == 0:
            return match.end() + 1 == len(element)  # the element closes last
    return False


def _asks_for_markdown(markdown: str) -> bool:
    """Whether a tag may ask md_in_html to parse its content as Markdown (the word
    "markdown" in text counts too: the page then renders as it is, which is always right)."""
    return any(match[2] != "0" for match in _MARKDOWN_ATTRIBUTE.finditer(markdown))
