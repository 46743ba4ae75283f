"""Files -> Model: validate every document, resolve references, refuse cycles, index backlinks.

Every problem is reported (not just the first); a model is returned only when there are no
errors, so checks and views never see a half-valid model.
"""

from __future__ import annotations

import functools
import re
import typing
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from opmodel.diagnostics import Diagnostic, Diagnostics, Position, did_you_mean, display_path
from opmodel.fork_map import fork_map
from opmodel.gc_pause import gc_paused
from opmodel.load.documents import Document, empty_map, read_document
from opmodel.load.files import SourceFile, discover
from opmodel.load.yaml import LocatedList, LocatedMap, YamlProblem
from opmodel.model import prose_links
from opmodel.model.cache import EntityCache
from opmodel.model.model import Backlink, Model, freeze_tables
from opmodel.model.refs import Ref, RefTo, describe_value
from opmodel.model.schedule import schedule_problems
from opmodel.model.schema import (
    ENTITY_CLASSES,
    LOADER_FIELDS,
    Entity,
    Flow,
    Forum,
    Organisation,
    Page,
)

CYCLE_FIELDS = (
    ("unit", "parent"),
    ("capability", "parent"),
    ("role", "reports_to"),
    ("forum", "reports_to"),
)


@dataclass(frozen=True)
class LoadResult:
    model: Model | None
    diagnostics: Diagnostics
    entities: tuple[Entity, ...] = ()
    """Every entity that validated, with the organisation and guide pages, also when the
    model did not load (a file with errors keeps the fields that validated), for the
    checks that read one entity alone (`checks.findings_of`)."""


def load_model(
    content: Path, *, cache_dir: Path | None = None, workers: int = 1, cache_at_exit: bool = False
) -> LoadResult:
    """Load and validate the model in `content`; `model` is None when there are errors.

    With `cache_dir`, files unchanged since the last load are not read again (`cache.py`);
    with `workers`, the others are read on that many cores (`fork_map`); `cache_at_exit`:
    write the cache when the process ends, not now (a server loading after every edit).
    """
    with gc_paused():
        return _load(content, cache_dir, workers, cache_at_exit)


def _load(content: Path, cache_dir: Path | None, workers: int, cache_at_exit: bool) -> LoadResult:
    diagnostics = Diagnostics()
    if not content.is_dir():
        diagnostics.add(
            display_path(content),
            Position(),
            "OPM115",
            "content folder not found",
            "pass the folder with --content",
        )
        return LoadResult(None, diagnostics)
    sources = discover(content, diagnostics)
    cache = EntityCache.open(cache_dir, content, display_path(content))
    unique = list(_unique(sources, diagnostics))
    entities = {source.display: cache.get(source) for source in unique}
    to_read = [source for source in unique if entities[source.display] is None]
    for source, (entity, found) in zip(
        to_read, fork_map(_read_one, to_read, workers=workers), strict=True
    ):
        diagnostics.extend(found)
        if entity is not None and not found:
            cache.put(source, entity)
        entities[source.display] = entity
    cache.save(at_exit=cache_at_exit)
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


# --- schema -----------------------------------------------------------------------------


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
                "OPM108",
                f"duplicate {source.kind} id '{source.id}' (also {seen[key].display})",
                "ids are file names and must be unique within a kind; rename one",
            )
            continue
        seen[key] = source
        yield source


def _read_one(source: SourceFile) -> tuple[Entity | None, list[Diagnostic]]:
    """One file's entity and messages (in a worker process, when there are many files)."""
    found = Diagnostics()
    entity = _load_one(source, found)
    return entity, list(found)


def _load_one(source: SourceFile, diagnostics: Diagnostics) -> Entity | None:
    try:
        document = read_document(source)
    except YamlProblem as stop:
        for problem in stop.every():
            diagnostics.add(
                source.display, problem.position, problem.code, problem.message, problem.hint
            )
        return None
    return _validate_one(document, diagnostics)


def _validate_one(doc: Document, diagnostics: Diagnostics) -> Entity | None:
    source = doc.source
    data = {k: v for k, v in doc.data.items() if v is not None and k != "$schema"}
    for reserved in sorted(LOADER_FIELDS & data.keys()):
        diagnostics.add(
            source.display,
            doc.data.key_positions[reserved],
            "OPM114",
            f"'{reserved}' is set by opmodel" + (" from the file name" if reserved == "id" else ""),
            "remove this field",
        )
        del data[reserved]
    cls = ENTITY_CLASSES[source.kind]
    body = doc.body
    if cls is Page and "title" not in data:
        data["title"] = _first_heading(body) or source.id
    loader_fields = {
        "id": source.id,
        "body": body,
        "path": source.display,
        "positions": _field_positions(doc),
    }
    try:
        entity = cls.model_validate(data | loader_fields)
    except ValidationError as exc:
        _report_schema_errors(exc, doc, cls, diagnostics)
        return _without_bad_fields(cls, data, loader_fields, exc)
    if isinstance(entity, Flow):
        _check_stage_ids(entity, doc, diagnostics)
    if isinstance(entity, Forum):
        for loc, message, hint in schedule_problems(entity):
            diagnostics.add(source.display, position_of(doc.data, loc), "OPM210", message, hint)
    return entity


def _without_bad_fields(
    cls: type[Entity], data: dict[str, Any], loader_fields: dict[str, Any], exc: ValidationError
) -> Entity | None:
    """The entity without the fields that failed, so that the references in the rest of the
    file are checked in the same run (a role with an unknown field and an unknown
    `reports_to` gets both messages). The file has errors, so this entity never reaches a
    model: it only takes part in checking references. None when the rest does not validate
    either (a required field is missing, or an error is about no one field)."""
    bad = {error["loc"][0] if error["loc"] else None for error in exc.errors()}
    if not bad <= data.keys():
        return None
    # Whole fields go, not single list items: positions of what stays keep their indices.
    try:
        return cls.model_validate({k: v for k, v in data.items() if k not in bad} | loader_fields)
    except ValidationError:
        return None


TEXT_SUFFIX = ":text"
"""`positions["description:text"]`: where the text of a field starts (`Entity.text_position`)."""


def _field_positions(doc: Document) -> dict[str, tuple[int, int]]:
    data = doc.data
    where = {"": (data.position.line, data.position.column)}
    for key, pos in data.key_positions.items():
        where[key] = (pos.line, pos.column)
    for key, pos in data.text_positions.items():
        where[key + TEXT_SUFFIX] = (pos.line, pos.column)
    if doc.body_line:
        where["body" + TEXT_SUFFIX] = (doc.body_line, 1)
    # The URLs of `links` and `contact`, for messages about them (`links[0].url:text`,
    # `contact.chat:text`).
    links = data.get("links")
    for index, item in enumerate(links if isinstance(links, LocatedList) else ()):
        if isinstance(item, LocatedMap) and "url" in item.text_positions:
            pos = item.text_positions["url"]
            where[f"links[{index}].url" + TEXT_SUFFIX] = (pos.line, pos.column)
    contact = data.get("contact")
    if isinstance(contact, LocatedMap):
        for key, pos in contact.text_positions.items():
            where[f"contact.{key}" + TEXT_SUFFIX] = (pos.line, pos.column)
    return where


def _first_heading(body: str) -> str | None:
    match = re.search(r"^#\s+(.+?)\s*#*\s*$", body, re.MULTILINE)
    return match[1] if match else None


def _check_stage_ids(flow: Flow, doc: Document, diagnostics: Diagnostics) -> None:
    seen: set[str] = set()
    for index, stage in enumerate(flow.stages):
        if stage.id in seen:
            diagnostics.add(
                doc.source.display,
                position_of(doc.data, ("stages", index, "id")),
                "OPM206",
                f"two stages of this flow have the id '{stage.id}'",
                "stage ids are unique within a flow",
            )
        seen.add(stage.id)


_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "tuple_type": "a list",
    "list_type": "a list",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "dict_type": "a mapping of fields",
}
_CODES = {
    "extra_forbidden": "OPM201",
    "missing": "OPM204",
    "literal_error": "OPM202",
    "enum": "OPM202",
    "greater_than_equal": "OPM202",
    "less_than_equal": "OPM202",
    "greater_than": "OPM202",
    "less_than": "OPM202",
    "string_too_short": "OPM202",
    "string_pattern_mismatch": "OPM202",
    "wrong_kind": "OPM302",
    "one_accountable": "OPM205",
    "reference_kind": "OPM202",
    "reference_id": "OPM202",
    "reference_needs_kind": "OPM202",
    "time_of_day": "OPM202",
    "time_zone": "OPM202",
    "week_of_month": "OPM202",
    "email": "OPM202",
    "url": "OPM202",
    "contact_empty": "OPM202",
}


def _report_schema_errors(
    exc: ValidationError, doc: Document, cls: type[Entity], diagnostics: Diagnostics
) -> None:
    reported: set[tuple[Any, ...]] = set()
    for error in exc.errors():
        loc = _data_loc(doc.data, error["loc"])
        if loc in reported:  # a union reports once per member; the first says enough
            continue
        reported.add(loc)
        code, message, hint = _explain(error, loc, cls)
        at_key = error["type"] == "extra_forbidden"
        diagnostics.add(
            doc.source.display, position_of(doc.data, loc, at_key=at_key), code, message, hint
        )


def _data_loc(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The part of pydantic's `loc` that names places in the data (it adds union members)."""
    walked: list[Any] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str):
            walked.append(part)
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            walked.append(part)
            current = current[part]
        else:
            if not walked or isinstance(current, dict):
                walked.append(part)  # a missing field: keep its name
            break
    return tuple(walked)


def _explain(error: Any, loc: tuple[Any, ...], cls: type[Entity]) -> tuple[str, str, str | None]:
    kind_type = error["type"]
    code = _CODES.get(kind_type, "OPM203")
    name = _field_name(loc)
    value = error.get("input")
    if kind_type == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_fields(cls, loc[:-1])
        return (
            code,
            f"unknown field '{key}' "
            + (f"in {_field_name(loc[:-1])}" if loc[:-1] else f"for {_a(cls.kind)}"),
            (did_you_mean(key, allowed) or f"allowed: {', '.join(sorted(allowed))}"),
        )
    if kind_type == "missing":
        if loc == ("accountable",):
            return (
                "OPM205",
                "a decision needs exactly one accountable (a role or forum)",
                "add `accountable: <role-id>` or `accountable: forum:<forum-id>`",
            )
        return code, f"missing required field '{name}'", None
    if kind_type == "literal_error":
        expected = re.findall(r"'([^']*)'", error["ctx"]["expected"])
        return (
            code,
            f"'{value}' is not a valid {name}: expected {_or(expected)}",
            (did_you_mean(str(value), expected)),
        )
    if kind_type in _TYPE_WORDS:
        hint = (
            "write it as a list: `- item` lines or [a, b]"
            if _TYPE_WORDS[kind_type] == ("a list")
            else None
        )
        return code, f"{name}: expected {_TYPE_WORDS[kind_type]}, got {describe_value(value)}", hint
    message = error["msg"]
    if kind_type in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        message = f"{name}: {value!r} is out of range ({message[0].lower()}{message[1:]})"
    elif kind_type == "string_pattern_mismatch":
        message = f"{name}: '{value}' is not an id (lower-case letters, digits, hyphens)"
    elif kind_type == "string_too_short":
        message = f"{name}: must not be empty"
    else:
        message = f"{name}: {message}"
    return code, message, (error.get("ctx") or {}).get("hint")


def _a(kind: str) -> str:
    return ("an " if kind[0] in "aeio" else "a ") + kind  # "a unit", "an outcome"


def _or(words: list[str]) -> str:
    quoted = [f"'{w}'" for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _field_name(loc: tuple[Any, ...]) -> str:
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "value"


def _allowed_fields(cls: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names at `loc` inside `cls`, following nested models and lists."""
    current: Any = cls
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        info = fields.get(part)
        if info is None:
            return []
        current = _model_in(info.annotation)
    if not (isinstance(current, type) and issubclass(current, BaseModel)):
        return []
    return [
        (info.alias or name)
        for name, info in current.model_fields.items()
        if name not in LOADER_FIELDS
    ]


def _accepted_kinds(cls: type[BaseModel], loc: tuple[Any, ...]) -> tuple[str, ...]:
    """The kinds that the reference field at `loc` accepts; () when it declares none."""
    current: Any = cls
    info: Any = None
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return ()
        by_alias = {(f.alias or name): f for name, f in current.model_fields.items()}
        info = by_alias.get(part)
        if info is None:
            return ()
        current = _model_in(info.annotation)
    if info is None:
        return ()
    for meta in info.metadata:
        if isinstance(meta, RefTo):
            return meta.kinds
    return _ref_kinds_in(info.annotation)


def _ref_kinds_in(annotation: Any) -> tuple[str, ...]:
    for arg in typing.get_args(annotation):
        if isinstance(arg, RefTo):
            return arg.kinds
        if found := _ref_kinds_in(arg):
            return found
    return ()


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def position_of(data: Any, loc: tuple[Any, ...], at_key: bool = False) -> Position:
    """Where `loc` stands in a located document; the nearest enclosing place if not found."""
    current = data
    position: Position = getattr(data, "position", Position())
    for depth, part in enumerate(loc):
        last = depth == len(loc) - 1
        if isinstance(current, LocatedMap) and part in current:
            positions = current.key_positions if (last and at_key) else current.value_positions
            position = positions[part]
            current = current[part]
        elif isinstance(current, LocatedList) and isinstance(part, int) and part < len(current):
            position = current.item_positions[part]
            current = current[part]
        else:
            break
    return position


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
    documents = _Documents()
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
                _report_unknown(target, tables, documents[ref], loc, diagnostics)
    _report_cycles(tables, documents, diagnostics)
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
            ref: tuple(sorted(set(links), key=_backlink_order))
            for ref, links in sorted(backlinks.items(), key=lambda item: _ref_order(item[0]))
        },
        prose_links=prose,
    )


def _ref_order(ref: Ref) -> tuple[str, str]:
    """Refs' own order as a plain tuple: a sort key is built once per item, where the
    dataclass comparison runs Python code for each of n log n comparisons."""
    return (ref.kind, ref.id)


def _backlink_order(link: Backlink) -> tuple[str, str, str, bool, str]:
    detail = link.detail
    return (link.source.kind, link.source.id, link.field, detail is not None, detail or "")


def _detail(entity: Entity, loc: tuple[Any, ...]) -> str | None:
    if isinstance(entity, Flow) and len(loc) > 2 and loc[0] == "stages":
        return entity.stages[loc[1]].label
    return None


def _report_unknown(
    target: Ref,
    tables: dict[str, dict[str, Entity]],
    doc: Document,
    loc: tuple[Any, ...],
    diagnostics: Diagnostics,
) -> None:
    elsewhere = [kind for kind, by_id in sorted(tables.items()) if target.id in by_id]
    accepted = _accepted_kinds(ENTITY_CLASSES[doc.source.kind], loc) or (target.kind,)
    usable = [kind for kind in elsewhere if kind in accepted]
    hint: str | None
    if usable:
        hint = f"there is a {usable[0]} '{target.id}': write {usable[0]}:{target.id}"
    else:
        hint = did_you_mean(target.id, tables.get(target.kind, {}))
        if hint is None and elsewhere:
            # `kind:id` would only trade this error for a wrong-kind one: say what fits.
            takes = " or ".join(_a(kind) for kind in accepted)
            hint = f"there is a {elsewhere[0]} '{target.id}', but {_field_name(loc)} takes {takes}"
        elif hint is None and not tables.get(target.kind):
            hint = f"there are no {target.kind} files yet"
    diagnostics.add(
        doc.source.display,
        position_of(doc.data, loc),
        "OPM301",
        f"unknown {target.kind} '{target.id}'",
        hint,
    )


class _Documents:
    """The located document of each entity, read again only for the few that need a
    message: a valid entity may come from the cache, and positions cost memory."""

    def __init__(self) -> None:
        self.sources: dict[Ref, SourceFile] = {}
        self._read: dict[Ref, Document] = {}

    def __getitem__(self, ref: Ref) -> Document:
        if ref not in self._read:
            source = self.sources[ref]
            try:
                self._read[ref] = read_document(source)
            except (OSError, YamlProblem):  # changed since it was loaded: place at the top
                self._read[ref] = Document(source, empty_map(), "", 0)
        return self._read[ref]


def _report_cycles(
    tables: dict[str, dict[str, Entity]],
    documents: _Documents,
    diagnostics: Diagnostics,
) -> None:
    for kind, field in CYCLE_FIELDS:
        entities = tables.get(kind, {})
        reported: set[str] = set()
        for start in sorted(entities):
            path: list[str] = []
            current: str | None = start
            while current is not None and current in entities and current not in path:
                if current in reported:
                    break
                path.append(current)
                target = getattr(entities[current], field)
                current = target.id if isinstance(target, Ref) and target.kind == kind else None
            if current is None or current not in path or current in reported:
                reported.update(path)
                continue
            cycle = path[path.index(current) :]
            reported.update(path)
            first = min(cycle)
            ordered = cycle[cycle.index(first) :] + cycle[: cycle.index(first)] + [first]
            doc = documents[Ref(kind, first)]
            diagnostics.add(
                doc.source.display,
                position_of(doc.data, (field,)),
                "OPM304",
                f"cycle in {field}: {' -> '.join(ordered)}",
                f"one of these {kind}s must not point back up the chain",
            )
