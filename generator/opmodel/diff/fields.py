"""An entity's content as plain values, and the field-level differences between two.

Which lists are compared how is decided here, once:

- as sets (order does not matter): the parties of a decision, a forum's members, a role's
  holders and accountabilities, tags, links, capabilities, `affects`, inputs, outputs,
  constraints. Duplicates count once.
- by key, in order: flow `stages` (by stage id), outcome `measures` (by name) and the
  organisation's `principles` (by title): an item is added, removed or changed field by
  field, and a change of order among the items kept is reported as `reordered`.
- any other list as a sequence: any difference is a change of the whole value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from typing import Any

from pydantic import BaseModel

from opmodel.diff.items import FieldChange
from opmodel.model.model import Model
from opmodel.model.refs import Ref
from opmodel.model.schema import Entity

IGNORED = frozenset({"id", "path", "positions"})
"""Not content: the id is the file name (a new id is a rename), the path and positions
say where the content sits. The Markdown `body` is content (a forum's charter)."""

SET_FIELDS = frozenset(
    {
        "accountabilities",
        "affects",
        "capabilities",
        "consulted",
        "constraints",
        "holders",
        "informed",
        "inputs",
        "links",
        "members",
        "outputs",
        "responsible",
        "tags",
    }
)
KEYED_FIELDS: Mapping[str, str] = {"stages": "id", "measures": "name", "principles": "title"}

Plain = Any
"""Ref | str | int | float | bool | date | None | tuple[Plain, ...] | dict[str, Plain]."""


def plain(value: Any) -> Plain:
    """A field's value with nested records as dicts (by the names users write)."""
    if isinstance(value, BaseModel):
        return {name: plain(item) for name, item in _items(value)}
    if isinstance(value, tuple | list):
        return tuple(plain(item) for item in value)
    return value


def _items(model: BaseModel) -> list[tuple[str, Any]]:
    cls = type(model)
    is_entity = isinstance(model, Entity)
    items = [
        (info.alias or name, getattr(model, name))
        for name, info in cls.model_fields.items()
        if not (is_entity and name in IGNORED | {"body"})
    ]
    extra = model.model_extra or {}  # a guide page's own front matter (`hide:`, `icon:`)
    body = [("body", model.body)] if isinstance(model, Entity) else []  # prose, after fields
    return items + sorted(extra.items()) + body


def all_entities(model: Model) -> dict[Ref, Entity]:
    """Every entity by ref, the organisation (`organisation:organisation`) and the guide
    pages (`page:<id>`) included: all of them can change."""
    found: dict[Ref, Entity] = {model.organisation.ref: model.organisation}
    for entity in model.all_entities():
        found[entity.ref] = entity
    for page in model.pages:
        found[page.ref] = page
    return found


def entity_fields(entity: Entity, renames: Mapping[Ref, Ref] | None = None) -> dict[str, Plain]:
    """The entity's content by field name; references mapped through `renames` (old ref ->
    new ref) so that an old entity compares with a new one."""
    fields = plain(entity)
    assert isinstance(fields, dict)
    return mapped(fields, renames) if renames else fields


def same_content(old: Entity, new: Entity) -> bool:
    """A shortcut for the common case, on the raw fields: True only when nothing differs
    (references to renamed entities differ here; `compare` then finds them equal)."""
    if type(old) is not type(new) or old.model_extra != new.model_extra:
        return False
    before, after = old.__dict__, new.__dict__
    return all(before[name] == after[name] for name in _content_names(type(old)))


@cache
def _content_names(cls: type[Entity]) -> tuple[str, ...]:
    return tuple(name for name in cls.model_fields if name not in IGNORED)


def mapped(value: Plain, renames: Mapping[Ref, Ref]) -> Plain:
    if isinstance(value, Ref):
        return renames.get(value, value)
    if isinstance(value, tuple):
        return tuple(mapped(item, renames) for item in value)
    if isinstance(value, dict):
        return {key: mapped(item, renames) for key, item in value.items()}
    return value


@cache
def defaults(cls: type[Entity]) -> Mapping[str, Plain]:
    """Each field's value when the file does not set it."""
    found: dict[str, Plain] = {}
    for name, info in cls.model_fields.items():
        if name in IGNORED:
            continue
        default = info.get_default(call_default_factory=True) if not info.is_required() else None
        found[info.alias or name] = plain(default)
    return found


def similarity(old: Mapping[str, Plain], new: Mapping[str, Plain], cls: type[Entity]) -> float:
    """The share of fields set in either entity (not at their default) that are equal.

    1.0 means the same content; two entities that set nothing are the same content too.
    """
    base = defaults(cls)
    counted = equal = 0
    for key in old.keys() | new.keys():
        before, after = old.get(key, base.get(key)), new.get(key, base.get(key))
        if before == base.get(key) and after == base.get(key):
            continue
        counted += 1
        equal += before == after
    return equal / counted if counted else 1.0


def compare(old: Mapping[str, Plain], new: Mapping[str, Plain]) -> tuple[FieldChange, ...]:
    """The fields that differ, in the order the schema declares them."""
    out: list[FieldChange] = []
    keys = list(new) + [key for key in old if key not in new]
    for key in keys:
        _compare(key, key, old.get(key), new.get(key), out)
    return tuple(out)


def _compare(path: str, name: str, old: Plain, new: Plain, out: list[FieldChange]) -> None:
    if old == new and type(old) is type(new):
        return
    if _absent(old) and _absent(new):
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in list(new) + [key for key in old if key not in new]:
            _compare(f"{path}.{key}", key, old.get(key), new.get(key), out)
    elif old is None:
        out.append(FieldChange(path, "added", None, new))
    elif new is None:
        out.append(FieldChange(path, "removed", old, None))
    elif (
        name in KEYED_FIELDS and _keyed(old, KEYED_FIELDS[name]) and _keyed(new, KEYED_FIELDS[name])
    ):
        _compare_keyed(path, KEYED_FIELDS[name], old, new, out)
    elif name in SET_FIELDS and isinstance(old, tuple) and isinstance(new, tuple):
        added = _unique(item for item in new if item not in old)
        removed = _unique(item for item in old if item not in new)
        if added or removed:
            out.append(FieldChange(path, "changed", old, new, added, removed))
    elif old != new or not _same_scalar(old, new):
        out.append(FieldChange(path, "changed", old, new))


def _absent(value: Plain) -> bool:
    return value is None


def _same_scalar(old: Plain, new: Plain) -> bool:
    """`1` and `1.0` are the same number; `True` and `1` are not the same answer."""
    return isinstance(old, bool) == isinstance(new, bool)


def _keyed(items: Plain, key: str) -> bool:
    if not isinstance(items, tuple) or not all(isinstance(i, dict) for i in items):
        return False
    keys = [item.get(key) for item in items]
    return None not in keys and len(set(keys)) == len(keys)


def _compare_keyed(
    path: str,
    key: str,
    old: tuple[dict[str, Plain], ...],
    new: tuple[dict[str, Plain], ...],
    out: list[FieldChange],
) -> None:
    before = {item[key]: item for item in old}
    after = {item[key]: item for item in new}
    for name, item in before.items():
        if name not in after:
            out.append(FieldChange(f"{path}[{name}]", "removed", item, None))
    for name, item in after.items():
        if name not in before:
            out.append(FieldChange(f"{path}[{name}]", "added", None, item))
        else:
            _compare(f"{path}[{name}]", "", before[name], item, out)
    kept_before = tuple(name for name in before if name in after)
    kept_after = tuple(name for name in after if name in before)
    if kept_before != kept_after:
        out.append(FieldChange(path, "reordered", kept_before, kept_after))


def _unique(items: Any) -> tuple[Plain, ...]:
    found: list[Plain] = []
    for item in items:
        if item not in found:
            found.append(item)
    return tuple(found)


def is_text_block(value: Plain) -> bool:
    """Prose (a body, a description) rather than a short value."""
    return isinstance(value, str) and ("\n" in value.strip() or len(value) > 80)


def json_value(value: Plain) -> Any:
    """A plain value as JSON data: refs as `kind:id`, dates as ISO text, tuples as lists."""
    if isinstance(value, Ref):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [json_value(item) for item in value]
    if isinstance(value, dict):
        return {key: json_value(item) for key, item in value.items() if item not in (None, ())}
    return value
