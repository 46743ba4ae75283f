"""URLs in model text: remote resources (OPM207) and script or data URLs (OPM208).

An intranet page must load nothing from another machine, whatever the model says: the site
shows a remote image, frame or media as a link to it (`site/markdown.py`), and `check`
says where each one is. `javascript:`, `vbscript:` and `data:` URLs are dropped by the site
too, but a link that silently does nothing hides a mistake or an attack: they are errors.

The URLs come from `model/markdown_urls.py`, which reads Markdown as a browser reads the
HTML it becomes. Links in prose that do not lead anywhere (OPM310) are found while the
model is built (`model/prose_links.py`) and reported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from opmodel.checks.base import Context, Finding
from opmodel.codes import BROKEN_PROSE_LINK, REMOTE_RESOURCE, UNLINKED_URL, UNSAFE_URL
from opmodel.model.markdown_urls import (
    IGNORED_IN_URLS,
    MARKDOWN_FIELDS,
    SCHEME,
    UNSAFE_SCHEMES,
    FoundUrl,
    is_remote,
    scan_markdown,
    shortened,
    text_at,
    unsafe_scheme,
)
from opmodel.model.schema import Entity, Organisation, Page

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
                f"remote {found.what} '{shortened(found.url)}' would load from another machine; "
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
        f"{scheme}: URL '{shortened(url)}' in {'the text' if field == 'body' else field}; "
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
                f"{scheme}: URL '{shortened(url)}' in {field} shows as text, not as a link",
                field,
                hint,
                at=entity.text_position(field),
            )
        chat = entity.contact.chat if entity.contact is not None else None
        if chat is not None and chat.startswith("#") and chat_url is None:
            yield _finding(
                entity,
                UNLINKED_URL,
                f"chat channel '{shortened(chat)}' shows as text, not as a link",
                "contact.chat",
                "set settings.chat_url in organisation.yml to where channels live "
                "(https://example.slack.com/app_redirect?channel={channel}), or give the "
                "channel's URL",
                at=entity.text_position("contact.chat"),
            )


LINKED_SCHEMES = ("http", "https", "mailto")
"""The schemes the site links (`site/markdown.py`'s SAFE_SCHEMES)."""


def _scheme(url: str) -> str | None:
    match = SCHEME.match(IGNORED_IN_URLS.sub("", url).lower())
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


_at = text_at


def broken_prose_links(ctx: Context) -> Iterator[Finding]:
    """OPM310: a link in prose that leads to no page: a relative path that names no
    entity's id, file or folder (`../sig-netwrok`), a path from a repository's root
    (`/contributors/guide.md`) without `settings.prose_base_url`, or `kind:id` naming no
    entity (`forum:bord`). The site shows its text without a link (`model/prose_links.py`
    says what a link may name)."""
    model = ctx.model
    for ref, links in model.prose_links.items():
        entity = model.organisation if ref == model.organisation.ref else model.find(ref)
        if entity is None:
            continue
        for link in links:
            if link.problem is not None:
                yield _finding(
                    entity,
                    BROKEN_PROSE_LINK,
                    link.problem,
                    link.field,
                    link.hint or "",
                    at=_at(entity, link.field, link.offset),
                )
