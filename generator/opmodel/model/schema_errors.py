"""Pydantic's validation errors as our messages, at their place in the YAML file: the code,
a message in the model's words, a did-you-mean, and the position of the key or value.

Pydantic's `loc` names fields by their Python names and adds the members of a union;
`_data_loc` maps it back to the keys written in the file, which `position_of` finds.
"""

from __future__ import annotations

import re
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from opmodel.codes import (
    INVALID_VALUE,
    MISSING_FIELD,
    ONE_ACCOUNTABLE,
    UNKNOWN_FIELD,
    WRONG_KIND,
    WRONG_TYPE,
)
from opmodel.diagnostics import Diagnostics, Position, did_you_mean
from opmodel.load.documents import Document
from opmodel.load.yaml import LocatedList, LocatedMap
from opmodel.model.refs import RefTo, describe_value
from opmodel.model.schema import LOADER_FIELDS, Entity

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
    "extra_forbidden": UNKNOWN_FIELD,
    "missing": MISSING_FIELD,
    "literal_error": INVALID_VALUE,
    "enum": INVALID_VALUE,
    "greater_than_equal": INVALID_VALUE,
    "less_than_equal": INVALID_VALUE,
    "greater_than": INVALID_VALUE,
    "less_than": INVALID_VALUE,
    "string_too_short": INVALID_VALUE,
    "string_pattern_mismatch": INVALID_VALUE,
    "wrong_kind": WRONG_KIND,
    "one_accountable": ONE_ACCOUNTABLE,
    "reference_kind": INVALID_VALUE,
    "reference_id": INVALID_VALUE,
    "reference_needs_kind": INVALID_VALUE,
    "time_of_day": INVALID_VALUE,
    "time_zone": INVALID_VALUE,
    "week_of_month": INVALID_VALUE,
    "email": INVALID_VALUE,
    "url": INVALID_VALUE,
    "contact_empty": INVALID_VALUE,
}


def report_schema_errors(
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
    code = _CODES.get(kind_type, WRONG_TYPE)
    name = field_name(loc)
    value = error.get("input")
    if kind_type == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_fields(cls, loc[:-1])
        return (
            code,
            f"unknown field '{key}' "
            + (f"in {field_name(loc[:-1])}" if loc[:-1] else f"for {a_kind(cls.kind)}"),
            (did_you_mean(key, allowed) or f"allowed: {', '.join(sorted(allowed))}"),
        )
    if kind_type == "missing":
        if loc == ("accountable",):
            return (
                ONE_ACCOUNTABLE,
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


def a_kind(kind: str) -> str:
    return ("an " if kind[0] in "aeio" else "a ") + kind  # "a unit", "an outcome"


def _or(words: list[str]) -> str:
    quoted = [f"'{w}'" for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def field_name(loc: tuple[Any, ...]) -> str:
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


def accepted_kinds(cls: type[BaseModel], loc: tuple[Any, ...]) -> tuple[str, ...]:
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
