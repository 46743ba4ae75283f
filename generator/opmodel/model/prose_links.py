"""Where the links in prose lead: another entity's page, an address outside the site, or
nowhere (OPM310).

Charters copied from a project's repository link the folders and files of that repository:
`../sig-network` (another group's folder), `../sig-network/charter.md`, `./charter.md`,
`/contributors/guide.md` (a path from the repository's root). The model's files are not
that repository, so a link is read for what it names:

1. `kind:id` (`[the board](forum:ddat-board)`, any kind of `refs.KINDS`) names that entity,
   as a reference field does: it must exist.
2. A path from the repository's root (`/contributors/guide.md`) goes to
   `settings.prose_base_url` + the path when that is set; else it leads nowhere.
3. A relative path is first read as a path in content/ (`../roles/head-of-data.md` from a
   unit), then by the last name in it, without `.md`/`.yml`/`.yaml` or a trailing `/`: an
   entity's id (its file's name), or the name of the folder its file is in
   (`content/units/sig-network/charter.md`). `charter`, `readme` and `index` name the
   folder they are in, so `../sig-network/charter.md` is `sig-network`, and `./charter.md`
   the entity itself (or the entity whose folder it is in).

A `#fragment` is kept. Links that are only a fragment, or that have a scheme (`https:`,
`mailto:`), are not prose links. The site rewrites each link to the page's URL
(`site/markdown.py`); a resolved link is a backlink on its target ("Linked from the text
of ..."), so the target's page lists who mentions it.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from opmodel.diagnostics import did_you_mean
from opmodel.load.files import FOLDER_KINDS
from opmodel.model.markdown_urls import (
    IGNORED_IN_URLS,
    MARKDOWN_FIELDS,
    SCHEME,
    scan_markdown,
    shortened,
)
from opmodel.model.refs import KINDS, Ref
from opmodel.model.schema import Entity, Organisation, Page

FIELD = "prose"
"""The backlinks' field: `Backlink(source, "prose")`."""

KIND_FOLDERS = {kind: folder for folder, kind in FOLDER_KINDS.items()}
"""kind -> its folder in content/."""
DOCUMENT_NAMES = frozenset({"charter", "readme", "index"})
"""File names that stand for the folder they are in (a group's charter, its README)."""
SUFFIXES = (".md", ".yml", ".yaml")
_ENTITY_LINK = re.compile(rf"^(?P<kind>{'|'.join(KINDS)}):(?P<id>[^/?#\s]*)(?P<fragment>#.*)?$")
LINK_KINDS = ("link", "a")
"""What `scan_markdown` calls a Markdown link and an HTML `<a>`; images are not pages."""


@dataclass(frozen=True, order=True)
class ProseLink:
    """One link in an entity's prose (`field`: `body` or `description`), as written."""

    field: str
    offset: int
    """Where the URL starts in the field's text."""
    url: str
    target: Ref | None = None
    """The entity (or guide page, kind `page`) it leads to."""
    fragment: str = ""
    """`#section`, kept on the rewritten link."""
    href: str | None = None
    """An address outside the site: `settings.prose_base_url` + a root path."""
    problem: str | None = None
    """Why it leads nowhere, for OPM310; None when it leads somewhere."""
    hint: str | None = None


@dataclass(frozen=True)
class _Names:
    """What a link may name: content paths, ids and folder names."""

    paths: Mapping[str, Ref]
    """`units/sig-network` (the file's path in content/, without its suffix) -> entity."""
    ids: Mapping[str, tuple[Ref, ...]]
    """id -> the entities with it, in `KINDS` order (guide pages last)."""
    folders: Mapping[str, Ref]
    """The name of a folder inside a kind folder -> the entity whose file is in it (the
    first by id, when several are)."""
    every: Mapping[str, Mapping[str, Entity]]


def resolve_model(
    organisation: Organisation,
    tables: Mapping[str, Mapping[str, Entity]],
    pages: Iterable[Page] = (),
    names: _Names | None = None,
) -> dict[Ref, tuple[ProseLink, ...]]:
    """Every entity's (and the organisation's) prose links, by the entity's ref (`names`:
    the index of `tables` and `pages`, made already)."""
    names = names or _index(tables, tuple(pages))
    base_url = organisation.settings.prose_base_url
    found: dict[Ref, tuple[ProseLink, ...]] = {}
    for entity in _in_order(organisation, tables):
        links = links_of(entity, names, base_url)
        if links:
            found[entity.ref] = links
    return found


def in_model_order(
    prose: Mapping[Ref, tuple[ProseLink, ...]],
    organisation: Organisation,
    tables: Mapping[str, Mapping[str, Entity]],
) -> dict[Ref, tuple[ProseLink, ...]]:
    """`prose` in the order `resolve_model` gives it."""
    return {e.ref: prose[e.ref] for e in _in_order(organisation, tables) if e.ref in prose}


def _in_order(
    organisation: Organisation, tables: Mapping[str, Mapping[str, Entity]]
) -> Iterator[Entity]:
    yield organisation
    for kind in KINDS:
        yield from tables.get(kind, {}).values()


def backlinks(prose_links: Mapping[Ref, tuple[ProseLink, ...]]) -> Iterator[tuple[Ref, Ref]]:
    """(target, source) for each entity that another entity's prose links to (once each;
    not the organisation's text, which is the home page, nor a link to itself)."""
    for source, links in prose_links.items():
        if source.kind not in KINDS:
            continue
        for target in sorted({link.target for link in links if link.target is not None}):
            if target.kind in KINDS and target != source:
                yield target, source


def links_of(entity: Entity, names: _Names, base_url: str | None) -> tuple[ProseLink, ...]:
    """The prose links of one entity, resolved against `names` (`names_of`)."""
    return tuple(_links_in(entity, names, base_url))


def _links_in(entity: Entity, names: _Names, base_url: str | None) -> Iterator[ProseLink]:
    for field in MARKDOWN_FIELDS:
        text = getattr(entity, field, None)
        if not isinstance(text, str) or not text:
            continue
        for found in scan_markdown(text):
            if found.what in LINK_KINDS:
                link = resolve(found.url, entity, names, base_url, field, found.offset)
                if link is not None:
                    yield link


def resolve(
    url: str,
    source: Entity,
    names: _Names,
    base_url: str | None,
    field: str = "body",
    offset: int = 0,
) -> ProseLink | None:
    """Where `url`, written in `source`'s prose, leads; None when it is not a prose link
    (an http(s) or mailto URL, a `#fragment` on the same page)."""
    written = url.strip()
    entity_link = _ENTITY_LINK.match(written)
    if entity_link:
        return _entity_link(entity_link, names, field, offset, written)
    # A scheme as a browser reads it (`java&#9;script:` is `javascript:`): not a path here,
    # and an unsafe one is OPM208's.
    cleaned = IGNORED_IN_URLS.sub("", written)
    if not cleaned or cleaned.startswith(("#", "//", "?", "\\", "/\\")):
        return None
    if SCHEME.match(cleaned.lower()):
        return None
    path, _, fragment = written.partition("#")
    fragment = f"#{fragment}" if fragment else ""
    path = path.split("?", 1)[0]
    if path.startswith("/"):
        if base_url:
            return ProseLink(field, offset, written, href=base_url.rstrip("/") + written)
        return ProseLink(
            field,
            offset,
            written,
            problem=f"link '{shortened(written)}' is a path from a repository's root: it leads "
            "nowhere on the site",
            hint="set settings.prose_base_url in organisation.yml to the repository's web "
            "address (https://github.com/org/repo/blob/main), or link an entity as kind:id",
        )
    target = _by_path(path, source, names) or _by_name(path, source, names)
    if target is not None:
        return ProseLink(field, offset, written, target, fragment)
    name = _last_name(path)
    suggestion = did_you_mean(name, names.ids) if name else None
    return ProseLink(
        field,
        offset,
        written,
        problem=f"link '{shortened(written)}' leads to no page: no entity has that id, file "
        "or folder name",
        hint=suggestion or "link an entity by its id, or as kind:id (forum:board)",
    )


def _entity_link(
    match: re.Match[str], names: _Names, field: str, offset: int, written: str
) -> ProseLink:
    kind, ident = match["kind"], match["id"]
    table = names.every.get(kind, {})
    if ident in table:
        return ProseLink(field, offset, written, Ref(kind, ident), match["fragment"] or "")
    hint = did_you_mean(ident, table)
    if hint is None:
        elsewhere = [ref for ref in names.ids.get(ident, ()) if ref.kind in KINDS]
        hint = (
            f"there is a {elsewhere[0].kind} '{ident}': write {elsewhere[0]}"
            if elsewhere
            else (f"there are no {kind} files yet" if not table else None)
        )
    return ProseLink(
        field, offset, written, problem=f"link to unknown {kind} '{shortened(ident)}'", hint=hint
    )


def _by_path(path: str, source: Entity, names: _Names) -> Ref | None:
    """The entity whose file `path` names, read from `source`'s folder in content/."""
    here = posixpath.dirname(_content_path(source) or "")
    joined = posixpath.normpath(posixpath.join(here, path))
    return names.paths.get(_without_suffix(joined))


def _by_name(path: str, source: Entity, names: _Names) -> Ref | None:
    parts = [p for p in path.split("/") if p not in ("", ".", "..")]
    if parts and _without_suffix(parts[-1]).lower() in DOCUMENT_NAMES:
        parts.pop()
    if not parts:
        # `./charter.md`, `.`: the folder the source's file is in. That is the entity
        # itself, unless its file is in a named folder (`units/sig-network/x.md`).
        here = posixpath.dirname(_content_path(source) or "")
        folder = posixpath.normpath(posixpath.join(here, posixpath.dirname(path) or "."))
        if folder == here:
            named = names.folders.get(posixpath.basename(here)) if "/" in here else None
            return named or (None if isinstance(source, Organisation) else source.ref)
        return names.folders.get(posixpath.basename(folder)) if "/" in folder else None
    name = _without_suffix(parts[-1])
    candidates = names.ids.get(name, ())
    if candidates:
        named_kinds = {kind for kind, folder in KIND_FOLDERS.items() if folder in parts[:-1]}
        for preferred in (named_kinds, {source.kind}):
            for ref in candidates:
                if ref.kind in preferred:
                    return ref
        return candidates[0]
    return names.folders.get(name)


def _last_name(path: str) -> str:
    parts = [p for p in path.split("/") if p not in ("", ".", "..")]
    return _without_suffix(parts[-1]) if parts else ""


def _without_suffix(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name.rstrip("/")


def _content_path(entity: Entity) -> str | None:
    """`units/sig-network/charter.md` for `content/units/sig-network/charter.md`: the path
    from the kind's folder on (the content folder's own name is not known here)."""
    if isinstance(entity, Organisation):
        return posixpath.basename(entity.path or "")
    folder = KIND_FOLDERS.get(entity.kind)
    parts = (entity.path or "").replace("\\", "/").split("/")
    if folder is None or folder not in parts[:-1]:
        return None
    last = len(parts) - 2 - parts[-2::-1].index(folder)
    return "/".join(parts[last:])


def _index(tables: Mapping[str, Mapping[str, Entity]], pages: tuple[Page, ...]) -> _Names:
    paths: dict[str, Ref] = {}
    ids: dict[str, list[Ref]] = defaultdict(list)
    folders: dict[str, Ref] = {}
    every: dict[str, Mapping[str, Entity]] = dict(tables)
    every["page"] = {page.id: page for page in pages}
    for kind in (*KINDS, "page"):
        for entity_id, entity in sorted(every.get(kind, {}).items()):
            ref = Ref(kind, entity_id)
            ids[entity_id].append(ref)
            path = _content_path(entity)
            if path is None:
                continue
            paths.setdefault(_without_suffix(path), ref)
            folder = posixpath.dirname(path)
            if "/" in folder:  # inside a kind folder: `units/sig-network`
                folders.setdefault(posixpath.basename(folder), ref)
    return _Names(paths, {k: tuple(v) for k, v in ids.items()}, folders, every)


def names_of(tables: Mapping[str, Mapping[str, Entity]], pages: Iterable[Page] = ()) -> _Names:
    """The index a link is resolved against (for `resolve` in tests)."""
    return _index(tables, tuple(pages))
