"""Which CSV columns become which fields: the fields an import fills for each kind, their
types, and the headers spreadsheets use for them (`Role title`, `Team`, `Reports to`, ...)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

IMPORT_KINDS = {"roles": "role", "units": "unit"}
"""--kind value -> entity kind."""

FieldType = Literal["text", "id", "ref", "refs", "holders", "list", "int", "bool", "date", "choice"]


@dataclass(frozen=True)
class FieldSpec:
    type: FieldType
    target: str | None = None
    """The kind a reference names."""


COMMON: dict[str, FieldSpec] = {
    "id": FieldSpec("id"),
    "summary": FieldSpec("text"),
    "description": FieldSpec("text"),
    "status": FieldSpec("choice"),
    "stability": FieldSpec("choice"),
    "review_by": FieldSpec("date"),
    "tags": FieldSpec("list"),
}
FIELDS: dict[str, dict[str, FieldSpec]] = {
    "role": {
        "title": FieldSpec("text"),
        "unit": FieldSpec("ref", "unit"),
        "reports_to": FieldSpec("ref", "role"),
        "purpose": FieldSpec("text"),
        "accountabilities": FieldSpec("list"),
        "holders": FieldSpec("holders", "person"),
        "headcount": FieldSpec("int"),
        "profession": FieldSpec("text"),
        **COMMON,
    },
    "unit": {
        "name": FieldSpec("text"),
        "type": FieldSpec("text"),
        "parent": FieldSpec("ref", "unit"),
        "lead": FieldSpec("ref", "role"),
        "purpose": FieldSpec("text"),
        "team_type": FieldSpec("choice"),
        "external": FieldSpec("bool"),
        "supplier_tier": FieldSpec("int"),
        "capabilities": FieldSpec("refs", "capability"),
        **COMMON,
    },
}
LABEL_FIELD = {"role": "title", "unit": "name"}

ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "role": {
        "title": ("Role title", "Title", "Role", "Role name", "Job title", "Post", "Position"),
        "unit": ("Unit", "Team", "Unit name", "Team name", "Department", "Directorate"),
        "reports_to": ("Reports to", "Manager role", "Line manager role", "Reports to role"),
        "holders": ("Holder(s)", "Holders", "Holder", "Post holder(s)", "Incumbent(s)"),
        "purpose": ("Purpose", "Role purpose"),
        "accountabilities": ("Accountabilities", "Responsibilities", "Key accountabilities"),
        "headcount": ("Headcount", "Number of posts", "Posts"),
        "profession": ("Profession", "Job family", "Discipline"),
        "id": ("Id", "Role id", "Slug"),
    },
    "unit": {
        "name": ("Unit", "Name", "Unit name", "Team", "Team name", "Title"),
        "type": ("Type", "Unit type", "Level"),
        "parent": ("Parent", "Parent unit", "Part of", "Parent team"),
        "lead": ("Lead", "Lead role", "Head", "Led by"),
        "purpose": ("Purpose",),
        "team_type": ("Team type", "Team topology"),
        "external": ("External", "Is external"),
        "supplier_tier": ("Supplier tier", "Tier"),
        "capabilities": ("Capabilities", "Capability"),
        "id": ("Id", "Unit id", "Slug"),
    },
}
COMMON_ALIASES = {"review_by": ("Review by", "Review date", "Next review")}
LIST_SPLIT = re.compile(r"\s*[;|\n]\s*")
TRUE_WORDS = {"true", "yes", "y", "1"}
FALSE_WORDS = {"false", "no", "n", "0"}


def normal(header: str) -> str:
    """A header as it is matched: case, spaces and punctuation do not count."""
    return re.sub(r"[^a-z0-9]", "", header.casefold())


def alias_table(kind: str) -> dict[str, str]:
    """Normalised header -> field, for one kind: each field's own name, then its aliases."""
    table: dict[str, str] = {}
    for name in FIELDS[kind]:
        table[normal(name)] = name
    for name, aliases in (ALIASES[kind] | COMMON_ALIASES).items():
        for alias in aliases:
            table.setdefault(normal(alias), name)
    return table
