"""Validated entities -> Model: the tables, every reference checked, cycles refused, the
backlinks index and the prose links; and the same again after an edit, from the last
assembly (`opmodel serve`).

A server loads the model after every edit, and the entity cache hands back the very
objects the last load had for the files that did not change. When the edit changed
entities and nothing else (the same files, the same ids, no errors before or now), the
references and prose links of the other entities are what they were: only the changed
entities' are found again, and only their targets' backlinks are put together again. The
model is the one a full assembly gives (a test compares them on random edits).
"""

from __future__ import annotations

import functools
import typing
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from opmodel.diagnostics import Diagnostics
from opmodel.load.files import SourceFile
from opmodel.model import prose_links
from opmodel.model.cycles import report_cycles
from opmodel.model.model import Backlink, Model, freeze_tables
from opmodel.model.prose_links import ProseLink
from opmodel.model.references import Documents, report_unknown
from opmodel.model.refs import Ref
from opmodel.model.schema import LOADER_FIELDS, Entity, Flow, Organisation, Page

Edges = tuple[tuple[Ref, Backlink], ...]
"""An entity's references to existing entities: (target, the target's backlink)."""
MOST_CHANGED = 500
"""Past this many changed entities, assembling the whole model again is as quick."""


@dataclass(frozen=True)
class Loaded:
    entity: Entity
    source: SourceFile


@dataclass(frozen=True)
class Assembly:
    """A model, and what assembling it again after an edit starts from."""

    model: Model | None
    entities: Mapping[Ref, Entity]
    """Each entity in the tables, by ref: those the next load hands back are unchanged."""
    edges: Mapping[Ref, Edges]
    prose: Mapping[Ref, tuple[ProseLink, ...]]
    names: Any
    """The index prose links were resolved against (`prose_links.names_of`)."""
    sources: tuple[str, ...]
    """Every entity's file, in load order."""
    again: bool
    """Whether an edit can start from this: it has a model and nothing was reported."""


def assemble(
    loaded: list[Loaded],
    invalid: set[Ref],
    diagnostics: Diagnostics,
    last: Assembly | None = None,
) -> Assembly:
    """`invalid`: entities whose files failed to validate; references to them are not
    reported again as unknown. `last`: the assembly of the load before (a server's)."""
    organisation, pages, tables, documents = _tables(loaded)
    entities = {ref: tables[ref.kind][ref.id] for ref in documents.sources}
    sources = tuple(item.source.display for item in loaded)
    if last is not None and last.again and not invalid and not diagnostics.errors:
        changed = _changed(last, entities, sources, organisation, pages)
        again = changed is not None and _again(
            last, changed, tables, documents, entities, organisation, pages, sources
        )
        if again:
            return again
    return _whole(organisation, pages, tables, documents, entities, sources, invalid, diagnostics)


def _tables(
    loaded: list[Loaded],
) -> tuple[Organisation | None, list[Page], dict[str, dict[str, Entity]], Documents]:
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
    return organisation, pages, tables, documents


def _whole(
    organisation: Organisation | None,
    pages: list[Page],
    tables: dict[str, dict[str, Entity]],
    documents: Documents,
    entities: dict[Ref, Entity],
    sources: tuple[str, ...],
    invalid: set[Ref],
    diagnostics: Diagnostics,
) -> Assembly:
    errors = len(diagnostics)
    edges: dict[Ref, Edges] = {}
    field_names: dict[tuple[Any, ...], str] = {}
    for ref in sorted(documents.sources, key=_ref_order):
        found, unknown = _edges_of(tables[ref.kind][ref.id], tables, field_names)
        edges[ref] = found
        for loc, target in unknown:
            if target not in invalid:
                report_unknown(target, tables, documents[ref], loc, diagnostics)
    report_cycles(tables, documents, diagnostics)
    if organisation is None:
        return Assembly(None, entities, edges, {}, None, sources, again=False)
    names = prose_links.names_of(tables, pages)
    prose = prose_links.resolve_model(organisation, tables, pages, names)
    model = _model(organisation, pages, tables, _backlinks(edges, prose), prose)
    again = len(diagnostics) == errors and not invalid
    return Assembly(model, entities, edges, prose, names, sources, again)


def _changed(
    last: Assembly,
    entities: dict[Ref, Entity],
    sources: tuple[str, ...],
    organisation: Organisation | None,
    pages: list[Page],
) -> list[Ref] | None:
    """The entities not handed back as they were; None where more than entities changed."""
    model = last.model
    if model is None or sources != last.sources or organisation is not model.organisation:
        return None
    if [id(page) for page in sorted(pages, key=lambda p: p.id)] != list(map(id, model.pages)):
        return None  # a guide changed
    if entities.keys() != last.entities.keys():
        return None
    changed = [ref for ref, entity in entities.items() if entity is not last.entities[ref]]
    return changed if len(changed) <= MOST_CHANGED else None


def _again(
    last: Assembly,
    changed: list[Ref],
    tables: dict[str, dict[str, Entity]],
    documents: Documents,
    entities: dict[Ref, Entity],
    organisation: Organisation | None,
    pages: list[Page],
    sources: tuple[str, ...],
) -> Assembly | None:
    """`last` with the `changed` entities' references and prose links found again; None
    where one of them now reports something (the whole model is assembled, to say it)."""
    assert organisation is not None and last.model is not None
    edges = dict(last.edges)
    prose = dict(last.prose)
    field_names: dict[tuple[Any, ...], str] = {}
    touched: set[Ref] = set()
    base_url = organisation.settings.prose_base_url
    for ref in changed:
        found, unknown = _edges_of(entities[ref], tables, field_names)
        if unknown:
            return None
        touched.update(target for target, _ in last.edges[ref])
        touched.update(target for target, _ in found)
        edges[ref] = found
        links = prose_links.links_of(entities[ref], last.names, base_url)
        touched.update(link.target for link in prose.get(ref, ()) if link.target is not None)
        touched.update(link.target for link in links if link.target is not None)
        if links:
            prose[ref] = links
        else:
            prose.pop(ref, None)
    scratch = Diagnostics()
    report_cycles(tables, documents, scratch)
    if len(scratch):
        return None
    ordered = prose_links.in_model_order(prose, organisation, tables)
    backlinks = _backlinks_again(last.model.backlinks, edges, prose, set(changed), touched)
    model = _model(organisation, pages, tables, backlinks, ordered)
    return Assembly(model, entities, edges, ordered, last.names, sources, again=True)


def _model(
    organisation: Organisation,
    pages: list[Page],
    tables: dict[str, dict[str, Entity]],
    backlinks: dict[Ref, tuple[Backlink, ...]],
    prose: dict[Ref, tuple[ProseLink, ...]],
) -> Model:
    return Model(
        organisation=organisation,
        entities=freeze_tables(tables),
        pages=tuple(sorted(pages, key=lambda p: p.id)),
        backlinks={ref: backlinks[ref] for ref in sorted(backlinks, key=_ref_order)},
        prose_links=prose,
    )


def _backlinks(
    edges: Mapping[Ref, Edges], prose: Mapping[Ref, tuple[ProseLink, ...]]
) -> dict[Ref, tuple[Backlink, ...]]:
    """Every target's backlinks, from every source's edges and prose links."""
    links: dict[Ref, list[Backlink]] = defaultdict(list)
    for edge in edges.values():
        for target, backlink in edge:
            links[target].append(backlink)
    return _in_order(links, prose)


def _backlinks_again(
    kept: Mapping[Ref, tuple[Backlink, ...]],
    edges: Mapping[Ref, Edges],
    prose: Mapping[Ref, tuple[ProseLink, ...]],
    changed: set[Ref],
    touched: set[Ref],
) -> dict[Ref, tuple[Backlink, ...]]:
    """`kept` (the last model's backlinks) with the `touched` targets' put together again:
    their kept backlinks from sources that did not change, and the `changed` sources'
    edges and prose links to them."""
    links: dict[Ref, list[Backlink]] = defaultdict(list)
    for target in touched:
        links[target].extend(b for b in kept.get(target, ()) if b.source not in changed)
    for ref in changed:
        for target, backlink in edges[ref]:
            links[target].append(backlink)
    changed_prose = {ref: prose[ref] for ref in changed if ref in prose}
    backlinks = {ref: found for ref, found in kept.items() if ref not in touched}
    backlinks.update(_in_order(links, changed_prose))  # (their targets are all touched)
    return backlinks


def _in_order(
    links: dict[Ref, list[Backlink]], prose: Mapping[Ref, tuple[ProseLink, ...]]
) -> dict[Ref, tuple[Backlink, ...]]:
    """`links` with `prose`'s backlinks added, each target's in order, once each; targets
    left with none are left out."""
    for target, source in prose_links.backlinks(prose):
        links[target].append(Backlink(source, prose_links.FIELD))
    return {target: _unique_in_order(found) for target, found in links.items() if found}


def _edges_of(
    entity: Entity, tables: dict[str, dict[str, Entity]], field_names: dict[tuple[Any, ...], str]
) -> tuple[Edges, list[tuple[tuple[Any, ...], Ref]]]:
    """The entity's references to entities that exist, and (place, target) of the others."""
    found: list[tuple[Ref, Backlink]] = []
    unknown: list[tuple[tuple[Any, ...], Ref]] = []
    ref = entity.ref
    for loc, target in iter_refs(entity):
        if target.id in tables.get(target.kind, ()):
            field = field_names.get(loc)
            if field is None:
                field = field_names[loc] = ".".join(p for p in loc if isinstance(p, str))
            detail = _detail(entity, loc) if len(loc) > 2 else None
            found.append((target, Backlink(ref, field, detail)))
        else:
            unknown.append((loc, target))
    return tuple(found), unknown


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


# --- references inside an entity ---------------------------------------------------------


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
