"""References between entities: `id` (the field's default kind) or `kind:id`.

A reference field is declared as `Annotated[Ref, RefTo("role", "forum")]`: the first kind
is the default for a bare id. Parsing happens during schema validation, so a reference to a
kind the field does not accept is reported with the other schema errors; whether the id
exists is checked once every file is loaded (`resolve.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from opmodel.diagnostics import did_you_mean
from opmodel.ids import ID_PATTERN, ID_RE, slugify
from opmodel.kinds import ENTITY_KINDS

KINDS = tuple(kind.name for kind in ENTITY_KINDS)
"""The kinds an entity reference may name (the organisation and guide pages are not)."""


def _a(kind: str) -> str:
    return ("an " if kind[0] in "aeio" else "a ") + kind  # "a unit", "an outcome"


@dataclass(frozen=True, order=True, slots=True)
class Ref:
    kind: str
    id: str
    _hash: int = field(init=False, repr=False, compare=False)
    """Kept: references are the keys of the model's tables, looked up a million times in
    one build of a large model (a dataclass's own hash makes a tuple each time)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.kind, self.id)))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[type[Ref], tuple[str, str]]:
        # not the kept hash: another process hashes text differently (PYTHONHASHSEED)
        return (Ref, (self.kind, self.id))

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


def describe_value(value: Any) -> str:
    """A value as a message names it: 'a list', "text 'x'", 'nothing'."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, str):
        return f"text '{value[:40]}'"
    return f"{type(value).__name__} {value!r}"


@dataclass(frozen=True)
class RefTo:
    """Pydantic metadata: this field holds a reference to one of `kinds`."""

    kinds: tuple[str, ...]
    require_kind: bool = False

    def __init__(self, *kinds: str, require_kind: bool = False) -> None:
        object.__setattr__(self, "kinds", kinds or KINDS)
        object.__setattr__(self, "require_kind", require_kind)

    def parse(self, value: Any) -> Ref:
        if isinstance(value, Ref):
            return value
        if not isinstance(value, str):
            raise PydanticCustomError(
                "reference_type",
                "expected a reference ({expected}), got {got}",
                {"expected": self.describe(), "got": describe_value(value)},
            )
        text = value.strip()
        kind, sep, ident = text.partition(":")
        if not sep:
            if self.require_kind:
                raise PydanticCustomError(
                    "reference_needs_kind",
                    "'{value}' needs its kind here, as kind:id (for example role:{value})",
                    {"value": text},
                )
            kind, ident = self.kinds[0], text
        elif kind not in KINDS:
            hint = did_you_mean(kind, KINDS)
            raise PydanticCustomError(
                "reference_kind",
                "unknown kind '{kind}' in '{value}'" + (f" ({hint})" if hint else ""),
                {"kind": kind, "value": text},
            )
        elif kind not in self.kinds:
            raise PydanticCustomError(
                "wrong_kind",
                "'{value}' names a {kind}; this field takes {expected}",
                {"value": text, "kind": kind, "expected": " or ".join(map(_a, self.kinds))},
            )
        if not ID_PATTERN.match(ident):
            raise PydanticCustomError(
                "reference_id",
                "'{value}' is not an id (did you mean '{slug}'?)",
                {"value": ident, "slug": slugify(ident)},
            )
        return Ref(kind, ident)

    @staticmethod
    def _looks_like_id(value: str) -> bool:
        return bool(ID_PATTERN.match(value))

    def describe(self) -> str:
        if self.require_kind:
            return "kind:id"
        head, *rest = self.kinds
        return f"{_a(head)} id" + (f", or {' / '.join(rest)}:id" if rest else "")

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(
            self.parse, serialization=core_schema.to_string_ser_schema()
        )

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        kinds = "|".join(self.kinds)
        prefix = f"(?:{kinds}):" if self.require_kind else f"(?:(?:{kinds}):)?"
        return {
            "type": "string",
            "pattern": f"^{prefix}{ID_RE}$",
            "description": f"A reference: {self.describe()}.",
        }
