"""The whole model as one JSON document, and back (`opmodel export --format json`).

The document carries every entity (with its `kind`, `id`, Markdown `body` and source
`path`), references as `kind:id` strings, the backlinks index, and its own JSON Schema, so
another tool can read it without opmodel. Output is deterministic: sorted keys, entities in
id order, a trailing newline.

`load_json` reads a document back into a `Model` equal to the one exported: the same
entities field for field, and backlinks rebuilt exactly as the loader builds them (the
exported index is for readers; it is derived data, so it is never trusted on the way in).
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from opmodel.export.values import fields_of, plain
from opmodel.ids import ID_PATTERN, ID_RE
from opmodel.kinds import KIND
from opmodel.model import prose_links
from opmodel.model.assemble import iter_refs
from opmodel.model.model import Backlink, Model, freeze_tables
from opmodel.model.refs import KINDS, Ref
from opmodel.model.schema import ENTITY_CLASSES, Entity, Flow, Organisation, Page
from opmodel.schema_files import SCHEMA_DIALECT, schema_for

FORMAT = "opmodel-model"
FORMAT_VERSION = 1
SCHEMA_ID = "opmodel-model.schema.json"
LOADER_KEYS = ("kind", "id", "body", "path", "extra")
"""Keys an exported entity has besides its fields. `extra` holds a guide page's other
front matter (Material's `hide:`, `icon:`)."""


class ModelJsonError(ValueError):
    """The text is not an opmodel model document, or its model is not valid."""


# --- export -----------------------------------------------------------------------------


def model_json(model: Model, kept: JsonPieces | None = None) -> str:
    """The model as deterministic JSON text (what `opmodel export --format json` writes and
    what the site publishes as model.json). `kept`: each entity's and backlink list's JSON
    from an earlier call, updated in place; what is unchanged is not encoded again."""
    pieces = _Pieces(kept if kept is not None else JsonPieces())
    skeleton = json.dumps(
        _document(model, pieces.entity, pieces.backlinks),
        indent=2,
        sort_keys=True,
        ensure_ascii=False,
    )
    return pieces.fill(skeleton) + "\n"


def model_document(model: Model) -> dict[str, Any]:
    return _document(model, lambda entity, depth: entity_data(entity), _links_data)


def _document(
    model: Model,
    entity: Callable[[Entity, int], Any],
    backlinks: Callable[[Ref, tuple[Backlink, ...]], Any],
) -> dict[str, Any]:
    """The document; `entity` and `backlinks` give the value for one of each, at its depth
    in the document (the number of enclosing objects and arrays)."""
    return {
        "$schema": SCHEMA_ID,
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema": _schema(),
        "organisation": entity(model.organisation, 1),
        "entities": {
            kind: [entity(e, 3) for e in model.of_kind(kind)]
            for kind in KINDS
            if model.of_kind(kind)
        },
        "pages": [entity(page, 2) for page in model.pages],
        "backlinks": {str(ref): backlinks(ref, links) for ref, links in model.backlinks.items()},
    }


def _links_data(ref: Ref, links: tuple[Backlink, ...]) -> list[dict[str, Any]]:
    return [
        {"source": str(link.source), "field": link.field, "detail": link.detail} for link in links
    ]


@dataclass
class JsonPieces:
    """Encoded parts of the document, kept between calls (`model_json`)."""

    entities: dict[tuple[str, str], tuple[Entity, str]] = field(default_factory=dict)
    """(kind, id) -> (the entity, its JSON)"""
    backlinks: dict[Ref, tuple[tuple[Backlink, ...], str]] = field(default_factory=dict)


_PLACEHOLDER = "\0opmodel-piece:{}"
"""A string no model can hold (YAML refuses NUL), where an encoded piece goes."""
_PLACEHOLDER_JSON = re.compile(r'"\\u0000opmodel-piece:(\d+)"')


class _Pieces:
    """Encodes each entity and backlink list on its own (or takes it from `kept`) and puts
    a placeholder in the document; `fill` puts the pieces in, indented for their depth.
    The text is the one `json.dumps(model_document(model), indent=2, sort_keys=True)`
    gives, byte for byte."""

    def __init__(self, kept: JsonPieces) -> None:
        self._kept = kept
        self._used = JsonPieces()
        self._placed: list[tuple[str, int]] = []

    def entity(self, entity: Entity, depth: int) -> str:
        key = (entity.kind, entity.id)
        found = self._kept.entities.get(key)
        if found is None or not (found[0] is entity or found[0] == entity):
            found = (entity, _encode(entity_data(entity)))
        self._used.entities[key] = found
        return self._place(found[1], depth)

    def backlinks(self, ref: Ref, links: tuple[Backlink, ...]) -> str:
        found = self._kept.backlinks.get(ref)
        if found is None or found[0] != links:
            found = (links, _encode(_links_data(ref, links)))
        self._used.backlinks[ref] = found
        return self._place(found[1], 2)

    def _place(self, text: str, depth: int) -> str:
        self._placed.append((text, depth))
        return _PLACEHOLDER.format(len(self._placed) - 1)

    def fill(self, skeleton: str) -> str:
        self._kept.entities, self._kept.backlinks = self._used.entities, self._used.backlinks

        def piece(match: re.Match[str]) -> str:
            text, depth = self._placed[int(match[1])]
            return text.replace("\n", "\n" + "  " * depth)

        return _PLACEHOLDER_JSON.sub(piece, skeleton)


def _encode(value: Any) -> str:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


def entity_data(entity: Entity) -> dict[str, Any]:
    data = fields_of(entity)
    data.update(kind=entity.kind, id=entity.id, body=entity.body, path=entity.path)
    if entity.model_extra:
        data["extra"] = plain(dict(entity.model_extra))
    return data


def export_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of the exported document. Each kind's schema is the one editors
    use for content files (`opmodel schema`), embedded as its own resource and extended with
    the keys an exported entity adds."""
    return copy.deepcopy(_schema())


@functools.cache
def _schema() -> dict[str, Any]:
    """Built once per process: pydantic takes ~0.1 s to generate the kinds' schemas.
    Callers must not mutate it (json.dumps does not)."""
    defs: dict[str, Any] = {}
    for kind in KIND:
        schema = copy.deepcopy(schema_for(kind))
        schema.pop("$schema", None)
        properties = schema.setdefault("properties", {})
        properties.pop("$schema", None)
        properties.update(
            kind={"const": kind},
            id={"type": "string", "pattern": f"^{ID_RE}$"},
            body={"type": "string", "description": "The Markdown after the front matter."},
            path={"type": "string", "description": "The file the entity was read from."},
        )
        if kind == "page":
            properties["extra"] = {"type": "object", "description": "Other front matter."}
        schema["required"] = sorted({*schema.get("required", ()), "kind", "id", "body", "path"})
        defs[kind] = schema
    backlink = {
        "type": "object",
        "additionalProperties": False,
        "required": ["source", "field", "detail"],
        "properties": {
            "source": {"type": "string", "description": "The referring entity, kind:id."},
            "field": {"type": "string", "description": "Its field: members, stages.owner."},
            "detail": {"type": ["string", "null"], "description": "A flow stage's name."},
        },
    }
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": "opmodel model export",
        "type": "object",
        "additionalProperties": False,
        "required": [
            "$schema",
            "format",
            "format_version",
            "schema",
            "organisation",
            "entities",
            "pages",
            "backlinks",
        ],
        "properties": {
            "$schema": {"const": SCHEMA_ID},
            "format": {"const": FORMAT},
            "format_version": {"const": FORMAT_VERSION},
            "schema": {"type": "object", "description": "This JSON Schema."},
            "organisation": {"$ref": "organisation.schema.json"},
            "entities": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    kind: {"type": "array", "items": {"$ref": f"{kind}.schema.json"}}
                    for kind in KINDS
                },
            },
            "pages": {"type": "array", "items": {"$ref": "page.schema.json"}},
            "backlinks": {
                "type": "object",
                "description": "kind:id -> the places that refer to it.",
                "additionalProperties": {"type": "array", "items": backlink},
            },
        },
        "$defs": defs,
    }


# --- import -----------------------------------------------------------------------------


def load_json(text: str) -> Model:
    """Read a document written by `model_json` back into a Model; raises ModelJsonError
    with every problem found."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ModelJsonError(f"not JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelJsonError(f"not an opmodel model document (expected format '{FORMAT}')")
    if data.get("format_version") != FORMAT_VERSION:
        raise ModelJsonError(
            f"format_version {data.get('format_version')!r} is not supported "
            f"(this opmodel reads {FORMAT_VERSION})"
        )
    problems: list[str] = []
    organisation = _entity("organisation", data.get("organisation"), "organisation", problems)
    tables: dict[str, dict[str, Entity]] = {}
    entities = data.get("entities", {})
    if not isinstance(entities, dict):
        raise ModelJsonError("entities: expected an object of kind -> list")
    for kind, items in sorted(entities.items()):
        if kind not in KINDS or not isinstance(items, list):
            problems.append(f"entities.{kind}: not a list of {kind}s")
            continue
        table = tables.setdefault(kind, {})
        for index, item in enumerate(items):
            entity = _entity(kind, item, f"entities.{kind}[{index}]", problems)
            if entity is None:
                continue
            if entity.id in table:
                problems.append(f"entities.{kind}[{index}]: duplicate id '{entity.id}'")
            table[entity.id] = entity
    pages = [
        page
        for index, item in enumerate(data.get("pages", []))
        if isinstance(page := _entity("page", item, f"pages[{index}]", problems), Page)
    ]
    backlinks = index_backlinks(tables, problems)
    if problems or not isinstance(organisation, Organisation):
        raise ModelJsonError("\n".join(problems or ["organisation: missing"]))
    # Prose links are found again from the text, as the loader finds them.
    prose = prose_links.resolve_model(organisation, tables, pages)
    found: dict[Ref, list[Backlink]] = {ref: list(links) for ref, links in backlinks.items()}
    for target, source in prose_links.backlinks(prose):
        found.setdefault(target, []).append(Backlink(source, prose_links.FIELD))
    return Model(
        organisation=organisation,
        entities=freeze_tables(tables),
        pages=tuple(sorted(pages, key=lambda p: p.id)),
        backlinks={ref: tuple(sorted(set(links))) for ref, links in sorted(found.items())},
        prose_links=prose,
    )


def _entity(kind: str, item: Any, where: str, problems: list[str]) -> Entity | None:
    if not isinstance(item, dict):
        problems.append(f"{where}: expected an object")
        return None
    fields = {k: v for k, v in item.items() if k not in LOADER_KEYS}
    if item.get("kind") != kind:
        problems.append(f"{where}: kind is {item.get('kind')!r}, expected '{kind}'")
        return None
    ident = item.get("id")
    if not isinstance(ident, str) or not ID_PATTERN.match(ident):
        problems.append(f"{where}: id {ident!r} is not a valid id")
        return None
    extra = item.get("extra") or {}
    if not isinstance(extra, dict):
        problems.append(f"{where}.extra: expected an object")
        return None
    try:
        return ENTITY_CLASSES[kind].model_validate(
            {
                **extra,
                **_without_nulls(fields),
                "id": ident,
                "body": item.get("body") or "",
                "path": item.get("path") or "",
            }
        )
    except ValidationError as exc:
        for error in exc.errors():
            loc = ".".join(str(part) for part in error["loc"])
            problems.append(f"{where} ({kind}:{ident}): {loc}: {error['msg']}")
        return None


def _without_nulls(value: Any) -> Any:
    """The fields as written: `model.json` writes a field left out as null, which the
    loader refuses where it was written empty (`contact: {chat: }`, a lost value)."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def index_backlinks(
    tables: Mapping[str, Mapping[str, Entity]], problems: list[str] | None = None
) -> dict[Ref, tuple[Backlink, ...]]:
    """Backlinks as the loader builds them: target -> sorted, distinct (source, field,
    detail). References to entities that do not exist go to `problems`."""
    found: dict[Ref, list[Backlink]] = defaultdict(list)
    for kind in sorted(tables):
        for entity in tables[kind].values():
            for loc, target in iter_refs(entity):
                if target.id in tables.get(target.kind, {}):
                    field = ".".join(str(p) for p in loc if isinstance(p, str))
                    found[target].append(Backlink(entity.ref, field, _detail(entity, loc)))
                elif problems is not None:
                    problems.append(f"{entity.ref}: unknown {target.kind} '{target.id}'")
    return {ref: tuple(sorted(set(links))) for ref, links in sorted(found.items())}


def _detail(entity: Entity, loc: tuple[Any, ...]) -> str | None:
    if isinstance(entity, Flow) and len(loc) > 2 and loc[0] == "stages":
        return entity.stages[loc[1]].label
    return None
