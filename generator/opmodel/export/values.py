"""Model values as plain data (str, numbers, bools, None, lists, dicts), for every export.

References become `kind:id` strings everywhere, including inside a role's `holders` (where
pydantic on its own would write a reference as `{"kind": ..., "id": ...}`), and dates
become ISO text. Fields are named as users write them (`for`, not `for_`).
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from opmodel.model.refs import Ref
from opmodel.model.schema import LOADER_FIELDS, Entity

Plain = None | bool | int | float | str | list[Any] | dict[str, Any]


def plain(value: Any) -> Plain:
    if isinstance(value, Ref):
        return str(value)
    if isinstance(value, BaseModel):
        return fields_of(value)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def fields_of(obj: BaseModel) -> dict[str, Any]:
    """The declared fields of `obj` by their written names; an entity's loader fields (id,
    body, path, positions) are left to the caller, which places them explicitly."""
    return {alias: plain(getattr(obj, name)) for name, alias in field_names(type(obj))}


def field_names(cls: type[BaseModel]) -> Iterator[tuple[str, str]]:
    """(attribute, written name) for each declared field, in declaration order."""
    skip = LOADER_FIELDS if issubclass(cls, Entity) else frozenset()
    for name, info in cls.model_fields.items():
        if name not in skip:
            yield name, info.alias or name


def nested_model(cls: type[BaseModel], name: str) -> tuple[type[BaseModel] | None, bool]:
    """The model class inside field `name` (Contact, Stage, ...) and whether the field is a
    list of them; (None, False) for fields of plain values and references."""
    annotation = cls.model_fields[name].annotation
    found = _model_in(annotation)
    return found, found is not None and _is_sequence(annotation)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _is_sequence(annotation: Any) -> bool:
    if typing.get_origin(annotation) in (tuple, list):
        return True
    return any(_is_sequence(arg) for arg in typing.get_args(annotation))
