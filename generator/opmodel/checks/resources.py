"""URLs in model text: remote resources (OPM207) and script or data URLs (OPM208).

An intranet page must load nothing from another machine, whatever the model says: the site
shows a remote image, frame or media as a link to it (`site/markdown.py`), and `check`
says where each one is. `javascript:`, `vbscript:` and `data:` URLs are dropped by the site
too, but a link that silently does nothing hides a mistake or an attack: they are errors.

The scan reads the Markdown source (descriptions, bodies) as a browser would read the HTML
it becomes: character references decoded, and tabs, newlines and control characters
removed from a URL (`java&#9;script:` is `javascript:` to a browser). Code spans, fenced
code and HTML comments are text, not markup, and are not scanned.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from opmodel.checks.base import Context, Finding
from opmodel.codes import REMOTE_RESOURCE, UNLINKED_URL, UNSAFE_URL
from opmodel.model.schema import Entity, Organisation, Page

UNSAFE_SCHEMES = ("javascript", "vbscript", "data")
MARKDOWN_FIELDS = ("description", "body")
"""The fields rendered as Markdown on the site (`prose` in the templates)."""

_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
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
    match = _SCHEME.match(_IGNORED_IN_URLS.sub("", url).lower())
    scheme = match[1] if match else None
    return scheme if scheme in UNSAFE_SCHEMES else None


def is_remote(url: str) -> bool:
    """The URL names another machine: a scheme (`https:`, `ftp:`, `file:`) or `//host/x`.
    Unsafe schemes are not remote: they are OPM208's."""
    cleaned = _IGNORED_IN_URLS.sub("", url)
    if cleaned.startswith(_REMOTE_PREFIXES):
        return True
    match = _SCHEME.match(cleaned.lower())
    return match is not None and match[1] not in UNSAFE_SCHEMES


def scan_markdown(text: str) -> Iterator[FoundUrl]:
    """Every URL in Markdown (with raw HTML inside it), in order of place."""
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
    return iter(by_offset.values())


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


# --- the checks ----------------------------------------------------------------------------


def text_findings(entities: Iterable[Entity]) -> Iterator[Finding]:
    """OPM207 and OPM208 in these entities: each reads only its own entity's text, so they
    also run over the files of a model that did not load (`checks.findings_of`)."""
    yield from _remote_in(entities)
    yield from _unsafe_in(entities)


def remote_resources(ctx: Context) -> Iterator[Finding]:
    """OPM207: an image, frame, media or style in Markdown that the browser would load from
    another machine. The site shows it as a link instead; a copy on the site keeps it."""
    return _remote_in(_entities(ctx))


def _remote_in(entities: Iterable[Entity]) -> Iterator[Finding]:
    for entity, field, found in _markdown_urls(entities):
        if found.loads and is_remote(found.url) and unsafe_scheme(found.url) is None:
            yield _finding(
                entity,
                REMOTE_RESOURCE,
                f"remote {found.what} '{_short(found.url)}' would load from another machine; "
                "the site shows it as a link",
                field,
                "keep a copy on the site, under a relative path",
                at=_at(entity, field, found.offset),
            )


def unsafe_urls(ctx: Context) -> Iterator[Finding]:
    """OPM208: a `javascript:`, `vbscript:` or `data:` URL in `links`, `contact` (its web
    page, chat, mailing list or meeting link) or Markdown. The site drops it; the author
    meant something else, or someone meant harm."""
    return _unsafe_in(_entities(ctx))


def _unsafe_in(entities: Iterable[Entity]) -> Iterator[Finding]:
    entities = list(entities)
    for entity, field, found in _markdown_urls(entities):
        scheme = unsafe_scheme(found.url)
        if scheme is not None:
            yield _unsafe(entity, field, found.url, scheme, _at(entity, field, found.offset))
    for entity in entities:
        for field, url in _url_fields(entity):
            scheme = unsafe_scheme(url)
            if scheme is not None:
                yield _unsafe(entity, field, url, scheme, entity.text_position(field))


def _unsafe(entity: Entity, field: str, url: str, scheme: str, at: tuple[int, int]) -> Finding:
    return _finding(
        entity,
        UNSAFE_URL,
        f"{scheme}: URL '{_short(url)}' in {'the text' if field == 'body' else field}; "
        "the site drops it",
        field,
        "a link takes an http(s), mailto or relative URL",
        at=at,
        error=True,
    )


def _finding(
    entity: Entity, code: str, message: str, field: str, hint: str, **more: Any
) -> Finding:
    """A finding about `entity`; the organisation and guide pages are not in the model's
    tables (nor on the health page's links): they are named by their file."""
    subject = None if isinstance(entity, Organisation | Page) else entity.ref
    return Finding(code, subject, message, field, hint, path=entity.path, **more)


def _entities(ctx: Context) -> list[Entity]:
    return [ctx.model.organisation, *ctx.model.all_entities(), *ctx.model.pages]


def _markdown_urls(entities: Iterable[Entity]) -> Iterator[tuple[Entity, str, FoundUrl]]:
    for entity in entities:
        for field in MARKDOWN_FIELDS:
            text = getattr(entity, field, None)
            if isinstance(text, str) and text:
                for found in scan_markdown(text):
                    yield entity, field, found


def unlinked_urls(ctx: Context) -> Iterator[Finding]:
    """OPM211: a URL in `links` or `contact` that the site shows as text, not as a link:
    a `file:` URL (browsers do not open one from a web page), another scheme than http(s)
    or mailto (`tel:`, `slack:`), or a chat channel named by `#name` when
    `settings.chat_url` does not say where channels live. A reader finds words where they
    expected a link."""
    chat_url = ctx.settings.chat_url
    for entity in _entities(ctx):
        for field, url in _url_fields(entity):
            scheme = _scheme(url)
            if scheme is None or scheme in LINKED_SCHEMES or scheme in UNSAFE_SCHEMES:
                continue
            hint = (
                "browsers do not follow file: links from a web page: link to an http(s) "
                "address of the file (an intranet page, a document library)"
                if scheme == "file"
                else "the site links http(s) and mailto URLs only: give a web address"
            )
            yield _finding(
                entity,
                UNLINKED_URL,
                f"{scheme}: URL '{_short(url)}' in {field} shows as text, not as a link",
                field,
                hint,
                at=entity.text_position(field),
            )
        chat = entity.contact.chat if entity.contact is not None else None
        if chat is not None and chat.startswith("#") and chat_url is None:
            yield _finding(
                entity,
                UNLINKED_URL,
                f"chat channel '{_short(chat)}' shows as text, not as a link",
                "contact.chat",
                "set settings.chat_url in organisation.yml to where channels live "
                "(https://example.slack.com/app_redirect?channel={channel}), or give the "
                "channel's URL",
                at=entity.text_position("contact.chat"),
            )


LINKED_SCHEMES = ("http", "https", "mailto")
"""The schemes the site links (`site/markdown.py`'s SAFE_SCHEMES)."""


def _scheme(url: str) -> str | None:
    match = _SCHEME.match(_IGNORED_IN_URLS.sub("", url).lower())
    return match[1] if match else None


CONTACT_URL_FIELDS = ("url", "meeting", "chat", "mailing_list")
"""The contact fields that may hold a URL (chat may be a channel's name, a mailing list an
e-mail address: those have no scheme)."""


def _url_fields(entity: Entity) -> Iterator[tuple[str, str]]:
    for index, link in enumerate(entity.links):
        yield f"links[{index}].url", link.url
    if entity.contact is not None:
        for name in CONTACT_URL_FIELDS:
            value = getattr(entity.contact, name)
            if value is not None and _scheme(value) is not None:
                yield f"contact.{name}", value


def _at(entity: Entity, field: str, offset: int) -> tuple[int, int]:
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


def _short(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "..."
