"""Where the URLs in Markdown are (descriptions, bodies), as a browser would read them.

The scan reads the Markdown source as a browser would read the HTML it becomes: character
references decoded, and tabs, newlines and control characters removed from a URL
(`java&#9;script:` is `javascript:` to a browser). Code spans, fenced code and HTML
comments are text, not markup, and are not scanned. The checks (remote resources, unsafe
URLs), the model's prose links (`prose_links.py`) and the site's sanitiser share it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from opmodel.model.schema import Entity

UNSAFE_SCHEMES = ("javascript", "vbscript", "data")
MARKDOWN_FIELDS = ("description", "body")
"""The fields rendered as Markdown on the site (`prose` in the templates)."""

IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_REMOTE_PREFIXES = ("//", "\\\\", "/\\", "\\/")

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)

_DESTINATION = r"\(\s*<?(?P<url>(?:[^()>\n]|\([^()\n]*\))*)"
"""A link's `(url "title")`, with one level of balanced parentheses, as Markdown reads it."""
_MD_IMAGE = re.compile(r"!\[(?P<text>[^\]\n]*)\]" + _DESTINATION)
_MD_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n]*)\]" + _DESTINATION)
_MD_REFERENCE_IMAGE = re.compile(r"!\[(?P<text>[^\]\n]*)\](?:\[(?P<ref>[^\]\n]*)\])?")
_MD_DEFINITION = re.compile(r"^ {0,3}\[(?P<ref>[^\]\n]+)\]:[ \t]*<?(?P<url>[^\s>]+)", re.M)
_TAG = re.compile(r"<(?P<tag>[a-zA-Z][\w:-]*)(?P<attrs>(?:\s[^>]*)?)>")
_ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s"'<>/=]+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'>]+)))?"""
)
_CSS_URL = re.compile(r"url\(\s*['\"]?(?P<url>[^'\")]*)", re.I)

URL_ATTRIBUTES = frozenset(
    {"href", "src", "srcset", "action", "formaction", "data", "poster", "background"}
    | {"xlink:href", "cite", "longdesc", "lowsrc", "dynsrc", "codebase", "ping", "manifest"}
)
LOADING_ATTRIBUTES = frozenset(
    {"src", "srcset", "data", "poster", "background", "lowsrc", "dynsrc", "codebase", "ping"}
)
"""Attributes whose URL the browser fetches as the page loads (`href` only on the tags
below)."""
LOADING_HREF_TAGS = frozenset({"link", "image", "use", "feimage", "base"})


@dataclass(frozen=True)
class FoundUrl:
    url: str
    offset: int
    """Where the URL starts in the scanned text."""
    what: str
    """What holds it, for the message: "image", "iframe", "link", "style"."""
    loads: bool
    """The browser fetches it as the page loads (an image), not when it is followed."""


def unsafe_scheme(url: str) -> str | None:
    """`javascript`, `vbscript` or `data` when the URL has that scheme as a browser reads
    it (any case, whitespace and control characters removed), else None."""
    match = SCHEME.match(IGNORED_IN_URLS.sub("", url).lower())
    scheme = match[1] if match else None
    return scheme if scheme in UNSAFE_SCHEMES else None


def shortened(url: str) -> str:
    """`url` as a message quotes it: at most 80 characters, the rest as `...`."""
    return url if len(url) <= 80 else url[:77] + "..."


def is_remote(url: str) -> bool:
    """The URL names another machine: a scheme (`https:`, `ftp:`, `file:`) or `//host/x`.
    Unsafe schemes are not remote: they are OPM208's."""
    cleaned = IGNORED_IN_URLS.sub("", url)
    if cleaned.startswith(_REMOTE_PREFIXES):
        return True
    match = SCHEME.match(cleaned.lower())
    return match is not None and match[1] not in UNSAFE_SCHEMES


def scan_markdown(text: str) -> Iterator[FoundUrl]:
    """Every URL in Markdown (with raw HTML inside it), in order of place."""
    return iter(_scanned(text))


@lru_cache(maxsize=1 << 18)
def _scanned(text: str) -> tuple[FoundUrl, ...]:
    """Kept by text: every build reads each text three times (its prose links, the remote
    and the unsafe URL checks), and a server's builds read the same texts again."""
    masked = _masked(text)
    definitions = {m["ref"].strip().lower(): m for m in _MD_DEFINITION.finditer(masked) if m["ref"]}
    found: list[FoundUrl] = []
    for match in _MD_IMAGE.finditer(masked):
        found.append(_md_url(match, "image", True))
    for match in _MD_LINK.finditer(masked):
        found.append(_md_url(match, "link", False))
    images_by_ref = set()
    for match in _MD_REFERENCE_IMAGE.finditer(masked):
        if masked[match.end() : match.end() + 1] == "(":
            continue  # an inline image, above
        ref = (match["ref"] or match["text"]).strip().lower()
        images_by_ref.add(ref)
    for ref, match in definitions.items():
        found.append(
            _md_url(match, "image" if ref in images_by_ref else "link", ref in images_by_ref)
        )
    for match in _TAG.finditer(masked):
        base = match.start("attrs")
        for item in loaded_urls(match["tag"], match["attrs"]):
            found.append(FoundUrl(item.url, base + item.offset, item.what, item.loads))
    # `[![x](a)](b)` reads `a` as an image and as the start of a link's text: one place,
    # one URL, the loading reading first.
    by_offset: dict[int, FoundUrl] = {}
    for item in sorted(found, key=lambda f: (f.offset, not f.loads)):
        by_offset.setdefault(item.offset, item)
    return tuple(by_offset.values())


def _masked(text: str) -> str:
    """The text with code and comments blanked out (same length, newlines kept)."""
    for pattern in (_FENCE, _COMMENT, _CODE_SPAN):
        text = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)
    return text


def _md_url(match: re.Match[str], what: str, loads: bool) -> FoundUrl:
    url = html.unescape(match["url"]).strip()
    if not re.search(r"[\t\n]", match["url"]):
        url = url.split(" ", 1)[0]  # `(url "title")`
    return FoundUrl(url, match.start("url"), what, loads)


def attributes(markup: str) -> Iterator[tuple[str, str, int]]:
    """(name in lower case, raw value, offset of the value) of each attribute with a value
    in the attribute text of an HTML tag."""
    for attribute in _ATTRIBUTE.finditer(markup):
        group = next((g for g in ("dq", "sq", "bare") if attribute[g] is not None), None)
        if group is not None:
            yield attribute["name"].lower(), attribute[group], attribute.start(group)


def loaded_urls(tag: str, markup: str) -> Iterator[FoundUrl]:
    """The URLs in one HTML tag's attribute text, offsets within `markup`."""
    tag = tag.lower()
    what = "image" if tag == "img" else tag
    for name, raw, start in attributes(markup):
        if name == "style":
            for css in _CSS_URL.finditer(raw):
                yield FoundUrl(
                    html.unescape(css["url"]).strip(), start + css.start("url"), "style", True
                )
        elif name == "srcset":
            for candidate in re.finditer(r"[^,\s][^,]*", raw):
                url = html.unescape(candidate[0]).strip().split(" ", 1)[0]
                yield FoundUrl(url, start + candidate.start(), what, True)
        elif name in URL_ATTRIBUTES:
            loads = name in LOADING_ATTRIBUTES or (name == "href" and tag in LOADING_HREF_TAGS)
            yield FoundUrl(html.unescape(raw).strip(), start, what, loads)


def text_at(entity: Entity, field: str, offset: int) -> tuple[int, int]:
    """The file position of `offset` in the text of `field`: its text's start, plus the
    lines and columns before it (exact for bodies, block scalars and one-line values)."""
    text: str = getattr(entity, field)
    line, column = entity.text_position(field)
    before = text[:offset]
    lines = before.count("\n")
    if lines == 0:
        return line, column + len(before)
    indent = column - 1 if field != "body" else 0
    return line + lines, indent + len(before) - before.rfind("\n")
