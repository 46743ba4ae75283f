"""Files -> Model: validate every document, resolve references, refuse cycles, index backlinks.

Every problem is reported (not just the first); a model is returned only when there are no
errors, so checks and views never see a half-valid model. This module runs the stages and
assembles the model; one file's validation is `validate.py` (its messages from pydantic's
errors, `schema_errors.py`), unknown references `references.py`, cycles `cycles.py`.
"""

from __future__ import annotations

import functools
import typing
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from opmodel.codes import DUPLICATE_ID, NO_CONTENT
from opmodel.diagnostics import Diagnostics, Position, display_path
from opmodel.load.files import SourceFile, discover, rediscover
from opmodel.model import prose_links
from opmodel.model.cache import EntityCache
from opmodel.model.cycles import report_cycles
from opmodel.model.model import Backlink, Model, freeze_tables
from opmodel.model.references import Documents, report_unknown
from opmodel.model.refs import Ref
from opmodel.model.schema import LOADER_FIELDS, Entity, Flow, Organisation, Page
from opmodel.model.validate import read_one
from opmodel.speed import Speed


@dataclass(frozen=True)
class LoadResult:
    model: Model | None
    diagnostics: Diagnostics
    entities: tuple[Entity, ...] = ()
    """Every entity that validated, with the organisation and guide pages, also when the
    model did not load (a file with errors keeps the fields that validated), for the
    checks that read one entity alone (`checks.findings_of`)."""


Found = tuple[list[SourceFile], Diagnostics]
"""What `discover` found in a content folder: its files, and the problems with its names."""


def load_model(
    content: Path, speed: Speed | None = None, *, discovered: Found | None = None
) -> LoadResult:
    """Load and validate the model in `content`; `model` is None when there are errors.

    `speed`: where to keep validated entities (files unchanged since the last load are not
    read again, `cache.py`) and how many cores read the others; default one core, no cache.
    `discovered`: what `discover(content, ...)` gave the caller, who walked the folder already
    (`opmodel check`, to see whether anything changed).
    """
    speed = speed or Speed.plain()
    with speed.gc_paused():
        return _load(content, speed, discovered)


def _load(content: Path, speed: Speed, discovered: Found | None) -> LoadResult:
    diagnostics = Diagnostics()
    if not content.is_dir():
        diagnostics.add(
            display_path(content),
            Position(),
            NO_CONTENT,
            "content folder not found",
            "pass the folder with --content",
        )
        return LoadResult(None, diagnostics)
    sources, named = discovered or _discovered(content, speed)
    diagnostics.extend(named)
    cache = EntityCache.open(speed.cache_dir, content, display_path(content))
    unique = list(_unique(sources, diagnostics))
    entities = {source.display: cache.get(source) for source in unique}
    to_read = [source for source in unique if entities[source.display] is None]
    for source, (entity, found) in zip(to_read, speed.map(read_one, to_read), strict=True):
        diagnostics.extend(found)
        if entity is not None and not found:
            cache.put(source, entity)
        entities[source.display] = entity
    cache.save(at_exit=speed.cache_at_exit)
    loaded = [
        _Loaded(entity, source)
        for source in unique
        if (entity := entities[source.display]) is not None
    ]
    # Files that exist but did not load are already reported; references to them are not
    # "unknown" as well.
    valid = {(item.entity.kind, item.entity.id) for item in loaded}
    invalid = {Ref(s.kind, s.id) for s in sources if (s.kind, s.id) not in valid}
    model = _assemble(loaded, invalid, diagnostics)
    return LoadResult(
        model if not diagnostics.errors else None,
        diagnostics,
        tuple(item.entity for item in loaded),
    )


# --- files ------------------------------------------------------------------------------


def _discovered(content: Path, speed: Speed) -> Found:
    """What `discover` finds in `content`; under a server that knows which files changed
    since its last build, without walking the folder where only known files changed."""

    def walk(last: tuple[Path, Found] | None) -> tuple[Path, Found]:
        if last is not None and last[0] == content and speed.changed is not None:
            sources = rediscover(last[1][0], speed.changed)
            if sources is not None:
                return content, (sources, last[1][1])
        diagnostics = Diagnostics()
        return content, (discover(content, diagnostics), diagnostics)

    return speed.carried("discovered", walk)[1]


@dataclass(frozen=True)
class _Loaded:
    entity: Entity
    source: SourceFile


def _unique(sources: list[SourceFile], diagnostics: Diagnostics) -> Iterator[SourceFile]:
    """The sources with a kind and id not seen before; a second one is reported."""
    seen: dict[tuple[str, str], SourceFile] = {}
    for source in sources:
        key = (source.kind, source.id)
        if key in seen:
            diagnostics.add(
                source.display,
                Position(),
                DUPLICATE_ID,
                f"duplicate {source.kind} id '{source.id}' (also {seen[key].display})",
                "ids are file names and must be unique within a kind; rename one",
            )
            continue
        seen[key] = source
        yield source


# --- references, cycles, backlinks -------------------------------------------------------


def iter_refs(value: Any, loc: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Ref]]:
    """Every reference inside an entity, with its place (`("stages", 2, "owner")`), in
    field order. (A loop over a stack: recursive generators made this the slowest part of
    loading a large model.)"""
    found: list[tuple[tuple[Any, ...], Ref]] = []
    pending: list[tuple[tuple[Any, ...], Any]] = [(loc, value)]
    while pending:
        loc, value = pending.pop()
        if isinstance(value, Ref):
            found.append((loc, value))
        elif isinstance(value, tuple):
            for index in range(len(value) - 1, -1, -1):
                pending.append(((*loc, index), value[index]))
        elif isinstance(value, BaseModel):
            for name, alias in reversed(_fields_with_refs(type(value))):
                item = getattr(value, name)
                if item is not None:
                    pending.append(((*loc, alias), item))
    return found


@functools.cache
def _fields_with_refs(cls: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(attribute, name in the file) of each field of `cls` whose type can hold a reference:
    walking only those is most of what makes indexing a large model quick."""
    return tuple(
        (name, info.alias or name)
        for name, info in cls.model_fields.items()
        if name not in LOADER_FIELDS and _can_hold_ref(info.annotation)
    )


def _can_hold_ref(annotation: Any) -> bool:
    if annotation is Ref:
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return bool(_fields_with_refs(annotation))
    return any(_can_hold_ref(arg) for arg in typing.get_args(annotation))


def _assemble(loaded: list[_Loaded], invalid: set[Ref], diagnostics: Diagnostics) -> Model | None:
    """`invalid`: entities whose files failed to validate; references to them are not
    reported again as unknown."""
    tables: dict[str, dict[str, Entity]] = defaultdict(dict)
    documents = Documents()
    organisation: Organisation | None = None
    pages: list[Page] = []
    for item in loaded:
        entity = item.entity
        if isinstance(entity, Organisation):
            organisation = entity
        elif isinstance(entity, Page):
            pages.append(entity)
        else:
            tables[entity.kind][entity.id] = entity
            documents.sources[entity.ref] = item.source
    backlinks: dict[Ref, list[Backlink]] = defaultdict(list)
    field_names: dict[tuple[Any, ...], str] = {}
    for ref in sorted(documents.sources, key=_ref_order):
        entity = tables[ref.kind][ref.id]
        for loc, target in iter_refs(entity):
            if target.id in tables.get(target.kind, ()):
                field = field_names.get(loc)
                if field is None:
                    field = field_names[loc] = ".".join(p for p in loc if isinstance(p, str))
                detail = _detail(entity, loc) if len(loc) > 2 else None
                backlinks[target].append(Backlink(ref, field, detail))
            elif target not in invalid:
                report_unknown(target, tables, documents[ref], loc, diagnostics)
    report_cycles(tables, documents, diagnostics)
    if organisation is None:
        return None
    prose = prose_links.resolve_model(organisation, tables, pages)
    for target, source in prose_links.backlinks(prose):
        backlinks[target].append(Backlink(source, prose_links.FIELD))
    return Model(
        organisation=organisation,
        entities=freeze_tables(tables),
        pages=tuple(sorted(pages, key=lambda p: p.id)),
        backlinks={
            ref: _unique_in_order(links)
            for ref, links in sorted(backlinks.items(), key=lambda item: _ref_order(item[0]))
        },
        prose_links=prose,
    )


def _ref_order(ref: Ref) -> tuple[str, str]:
    """Refs' own order as a plain tuple: a sort key is built once per item, where the
    dataclass comparison runs Python code for each of n log n comparisons."""
    return (ref.kind, ref.id)


def _unique_in_order(links: list[Backlink]) -> tuple[Backlink, ...]:
    """`sorted(set(links))` in the backlinks' order, by their order key alone (which
    tells equal ones apart as well as their generated `__hash__`, called 150,000 times on
    a large model, did)."""
    by_order = {_backlink_order(link): link for link in links}
    return tuple(by_order[key] for key in sorted(by_order))


def _backlink_order(link: Backlink) -> tuple[str, str, str, bool, str]:
    detail = link.detail
    return (link.source.kind, link.source.id, link.field, detail is not None, detail or "")


def _detail(entity: Entity, loc: tuple[Any, ...]) -> str | None:
    if isinstance(entity, Flow) and len(loc) > 2 and loc[0] == "stages":
        return entity.stages[loc[1]].label
    return None
