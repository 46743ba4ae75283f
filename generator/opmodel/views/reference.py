"""The content reference: every field of every kind, read from the schema itself.

The schema's docstrings, value meanings (`Meanings`), examples, defaults and types are the
one source; editors read the same through the JSON Schema (`opmodel schema`). The checks a
field can fail come from its type (a required field, a fixed set, a reference) and from
`codes.CODE_FIELDS`, so nothing here is written twice and a new field appears by itself.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, TypeAdapter
from pydantic.fields import FieldInfo

from opmodel.codes import (
    CODE_FIELDS,
    CODES,
    INVALID_VALUE,
    MISSING_FIELD,
    UNKNOWN_FIELD,
    UNKNOWN_REFERENCE,
    WRONG_KIND,
    WRONG_TYPE,
    Code,
)
from opmodel.kinds import ALL_KINDS
from opmodel.model.schema import ENTITY_CLASSES, LOADER_FIELDS, Entity

KIND_ORDER = tuple(kind.name for kind in ALL_KINDS)
FOLDERS = {
    kind.name: f"content/{kind.folder}/" if kind.folder else f"content/{kind.name}.yml"
    for kind in ALL_KINDS
}
EVERY_FIELD_CODES = (UNKNOWN_FIELD, WRONG_TYPE)
"""Codes any field can raise (an unknown field, a value of the wrong type): said once."""


@dataclass(frozen=True)
class FieldDoc:
    name: str
    """As written in a file (`for`, not `for_`)."""
    type: str
    model: str | None
    """The nested model the value is (or is a list of), whose section describes it."""
    required: bool
    default: str | None
    """The default as YAML (`active`, `3`, `[]`); None for an optional field with none."""
    description: str
    """Text with `code` spans, as written in the schema."""
    values: tuple[tuple[str, str], ...]
    """For a fixed set: each value and what it means."""
    examples: tuple[str, ...]
    """Each as a line of YAML (`chair: head-of-data`)."""
    codes: tuple[Code, ...]


@dataclass(frozen=True)
class Section:
    title: str
    anchor: str
    description: str
    where: str
    """Where it is written (`content/roles/`, or the fields that hold a nested model)."""
    fields: tuple[FieldDoc, ...]


@dataclass(frozen=True)
class Reference:
    common: Section
    kinds: tuple[Section, ...]
    nested: tuple[Section, ...]
    every_field_codes: tuple[Code, ...]
    codes: tuple[Code, ...]
    """Every code, in order."""


@functools.cache
def content_reference() -> Reference:
    """The reference, the same on every call (the schema does not change while running)."""
    usages: dict[type[BaseModel], list[tuple[str, str]]] = {}
    common_names = _own_fields(Entity)
    common = _section(
        "Fields every kind has",
        "common-fields",
        "Every kind below also takes these fields (a change has its own `status`).",
        "every file",
        [(name, info, [("*", info.alias or name)]) for name, info in common_names.items()],
        usages,
    )
    kinds = []
    for kind in KIND_ORDER:
        cls = ENTITY_CLASSES[kind]
        own = [
            (name, info, [(kind, info.alias or name)])
            for name, info in _own_fields(cls).items()
            if name not in common_names or not _same_field(info, common_names[name])
        ]
        kinds.append(
            _section(kind.capitalize(), kind, _doc(cls), f"`{FOLDERS[kind]}`", own, usages)
        )
    nested = []
    seen: set[type[BaseModel]] = set()
    while pending := [m for m in usages if m not in seen]:
        for model in sorted(pending, key=lambda m: m.__name__):
            seen.add(model)
            places = usages[model]
            where = ", ".join(sorted({_place(kind, path) for kind, path in places}))
            fields = [
                (name, info, [(k, f"{p}.{info.alias or name}") for k, p in places])
                for name, info in _own_fields(model).items()
            ]
            nested.append(
                _section(model.__name__, model.__name__.lower(), _doc(model), where, fields, usages)
            )
    return Reference(
        common=common,
        kinds=tuple(kinds),
        nested=tuple(sorted(nested, key=lambda s: s.title)),
        every_field_codes=tuple(CODES[code] for code in EVERY_FIELD_CODES),
        codes=tuple(CODES[code] for code in sorted(CODES)),
    )


def _section(
    title: str,
    anchor: str,
    description: str,
    where: str,
    fields: list[tuple[str, FieldInfo, list[tuple[str, str]]]],
    usages: dict[type[BaseModel], list[tuple[str, str]]],
) -> Section:
    """`fields`: each field with the places it sits, as (kind or `*`, dotted path)."""
    docs = [_field(info.alias or name, info, at, usages) for name, info, at in fields]
    return Section(title, anchor, description, where, tuple(docs))


def _place(kind: str, path: str) -> str:
    return f"`{path}` of every kind" if kind == "*" else f"`{kind}.{path}`"


def _field(
    name: str,
    info: FieldInfo,
    at: list[tuple[str, str]],
    usages: dict[type[BaseModel], list[tuple[str, str]]],
) -> FieldDoc:
    schema = _field_schema(info)
    model = _nested_model(info.annotation)
    if model is not None:
        usages.setdefault(model, [])
        for place in at:
            if place not in usages[model]:
                usages[model].append(place)
    enum = _find(schema, "enum")
    meanings = _find(schema, "enumDescriptions") or []
    values = tuple(zip(enum or [], meanings, strict=False))
    return FieldDoc(
        name=name,
        type=_type_text(schema),
        model=model.__name__ if model else None,
        required=info.is_required(),
        default=None if info.is_required() else _default_text(info),
        description=info.description or "",
        values=values,
        examples=tuple(_yaml_line(name, example) for example in info.examples or ()),
        codes=_codes(schema, info, at),
    )


def _codes(schema: dict[str, Any], info: FieldInfo, at: list[tuple[str, str]]) -> tuple[Code, ...]:
    found: set[str] = set()
    if info.is_required():
        found.add(MISSING_FIELD)
    if _is_reference(schema):
        found |= {INVALID_VALUE, UNKNOWN_REFERENCE, WRONG_KIND}
    if _constrained(schema):
        found.add(INVALID_VALUE)
    for kind, path in at:
        for code, fields in CODE_FIELDS.items():
            if f"{kind}.{path}" in fields or f"*.{path}" in fields:
                found.add(code)
    return tuple(CODES[code] for code in sorted(found))


# --- reading the schema --------------------------------------------------------------------


def _own_fields(cls: type[BaseModel]) -> dict[str, FieldInfo]:
    """The fields a file may set (not those the loader fills in on an entity)."""
    hidden = LOADER_FIELDS if issubclass(cls, Entity) else frozenset()
    return {n: f for n, f in cls.model_fields.items() if n not in hidden}


def _same_field(one: FieldInfo, other: FieldInfo) -> bool:
    return one.annotation == other.annotation and one.default == other.default


def _doc(cls: type[BaseModel]) -> str:
    doc = cls.__dict__.get("__doc__") or ""
    return " ".join(doc.split())


def _field_schema(info: FieldInfo) -> dict[str, Any]:
    """The JSON Schema of the field's type alone (a reference keeps its own description,
    which the field's replaces in the kind's schema)."""
    annotation = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    return TypeAdapter[Any](annotation).json_schema(by_alias=True)  # type: ignore[arg-type]


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _nested_model(arg)
        if found is not None:
            return found
    return None


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for key, value in node.items():
            if key != "$defs":
                yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _find(schema: dict[str, Any], key: str) -> Any:
    return next((node[key] for node in _walk(schema) if key in node), None)


def _is_reference(schema: dict[str, Any]) -> bool:
    return any(
        str(node.get("description", "")).startswith("A reference:") for node in _walk(schema)
    )


def _constrained(schema: dict[str, Any]) -> bool:
    keys = {"enum", "minimum", "maximum", "pattern", "minLength"}
    return any(keys & set(node) for node in _walk(schema))


def _type_text(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "properties" in schema:  # a nested model, given alone
        return str(schema.get("title", "mapping"))
    if "anyOf" in schema:
        parts = [_type_text(s) for s in schema["anyOf"] if s.get("type") != "null"]
        if "number" in parts:  # `int | float`
            parts = [part for part in parts if part != "whole number"]
        return " or ".join(dict.fromkeys(parts))
    kind = schema.get("type")
    if "enum" in schema:
        return "one of the values below"
    if kind == "array":
        return "list of " + _plural(_type_text(schema.get("items", {})))
    if kind == "string":
        description = str(schema.get("description", ""))
        if description.startswith("A reference:"):
            return "reference: " + description.removeprefix("A reference:").strip().rstrip(".")
        if description:
            return "text: " + description[0].lower() + description[1:].rstrip(".")
        if schema.get("format") == "date":
            return "date"
        if "pattern" in schema:
            return "id (a lower-case slug)"
        return "text"
    if kind in ("integer", "number"):
        word = "whole number" if kind == "integer" else "number"
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is not None and high is not None:
            return f"{word}, {low:g} to {high:g}"
        if low is not None:
            return f"{word}, at least {low:g}"
        return word
    if kind == "boolean":
        return "true or false"
    return "value"


def _plural(text: str) -> str:
    if text.startswith(("reference", "text", "one of")) or text[:1].isupper():
        return text
    return text + "s"


def _default_text(info: FieldInfo) -> str | None:
    default = info.get_default(call_default_factory=True)
    if default is None:
        return None
    if isinstance(default, BaseModel):
        return "each as below"
    if isinstance(default, tuple):
        default = list(default)
    return _yaml(default)


def _yaml(value: Any) -> str:
    text = yaml.safe_dump(
        value, default_flow_style=True, sort_keys=False, allow_unicode=True, width=10_000
    )
    return text.removesuffix("\n...\n").strip()


def _yaml_line(name: str, value: Any) -> str:
    return f"{name}: {_yaml(value)}"
