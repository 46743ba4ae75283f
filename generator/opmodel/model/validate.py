"""One file -> one entity: read its document, validate it against the schema, and report
every problem of that file alone (fields set by the loader, schema errors, duplicate stage
ids, a forum's meeting time). References between files are `references.py`'s."""

from __future__ import annotations

import functools
import re
from typing import Any

from pydantic import ValidationError

from opmodel.codes import DUPLICATE_STAGE, RESERVED_FIELD, SCHEDULE_MISMATCH
from opmodel.diagnostics import Diagnostic, Diagnostics
from opmodel.load.documents import Document, read_document
from opmodel.load.files import SourceFile
from opmodel.load.yaml import LocatedList, LocatedMap, YamlProblem
from opmodel.model.schedule import schedule_problems
from opmodel.model.schema import ENTITY_CLASSES, LOADER_FIELDS, Entity, Flow, Forum, Page
from opmodel.model.schema_errors import position_of, report_schema_errors


def read_one(source: SourceFile) -> tuple[Entity | None, list[Diagnostic]]:
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
            RESERVED_FIELD,
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
        report_schema_errors(exc, doc, cls, diagnostics)
        return _without_bad_fields(cls, data, loader_fields, exc)
    if isinstance(entity, Flow):
        _check_stage_ids(entity, doc, diagnostics)
    if isinstance(entity, Forum):
        for loc, message, hint in schedule_problems(entity):
            diagnostics.add(
                source.display, position_of(doc.data, loc), SCHEDULE_MISMATCH, message, hint
            )
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
        where[_text_key(key)] = (pos.line, pos.column)
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


@functools.lru_cache(maxsize=1024)
def _text_key(field: str) -> str:
    """`description:text`, one string for every entity (`sys.intern` in `yaml_values`)."""
    return field + TEXT_SUFFIX


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
                DUPLICATE_STAGE,
                f"two stages of this flow have the id '{stage.id}'",
                "stage ids are unique within a flow",
            )
        seen.add(stage.id)
