"""The model as CSV tables for spreadsheets (`opmodel export --format csv`).

One file per kind (`roles.csv`, ...): a row per entity, a column per field. Lists are
joined with "; ", references are `kind:id`, a nested record (`contact`, `maturity`) gets a
column per part (`contact.email`), and a list of records (a flow's `stages`, an outcome's
`measures`, `links`, the organisation's `principles`) gets a table of its own whose `entity`
column says whose row it is. `raci.csv` is the RACI matrix: a row per role, unit or forum
named in any decision, a column per decision, cells like `A` or `RC`.

Spreadsheets run formulas: a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage
return is prefixed with `'` (OWASP's advice on CSV injection), so a name like
`=HYPERLINK(...)` shows as text. Files are UTF-8 with a byte-order mark, which is how Excel
recognises UTF-8; the csv module quotes commas, quotes and newlines.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from opmodel.export.values import field_names, nested_model
from opmodel.kinds import ALL_KINDS, ENTITY_KINDS
from opmodel.model.model import Model
from opmodel.model.refs import Ref
from opmodel.model.relations import RACI_FIELDS
from opmodel.model.schema import ENTITY_CLASSES, Entity

Table = list[list[str]]
"""Rows of cells, the header first."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "
FILE_NAMES = {kind.name: kind.folder or kind.name for kind in ALL_KINDS}
"""kind -> file stem: the content folder's name (`roles`, `people`, ...)."""


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def csv_tables(model: Model) -> dict[str, Table]:
    """file name -> table, for every kind that has entities, the record tables and RACI."""
    tables: dict[str, Table] = {}
    children: dict[str, Table] = {}
    kinds: list[tuple[str, list[Entity]]] = [
        ("organisation", [model.organisation]),
        *((kind.name, list(model.of_kind(kind.name))) for kind in ENTITY_KINDS),
        ("page", list(model.pages)),
    ]
    for kind, entities in kinds:
        if entities:
            tables[f"{FILE_NAMES[kind]}.csv"] = _kind_table(kind, entities, children)
    tables.update(sorted(children.items()))
    tables["raci.csv"] = raci_table(model)
    return tables


def write_csv(model: Model, folder: Path) -> list[Path]:
    """Write every table into `folder` (created if needed); returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in csv_tables(model).items():
        path = folder / name
        path.write_bytes(table_bytes(table))
        written.append(path)
    return written


def table_bytes(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([[neutralise(cell) for cell in row] for row in table])
    return buffer.getvalue().encode("utf-8-sig")


# --- one table per kind -------------------------------------------------------------------


def _kind_table(kind: str, entities: list[Entity], children: dict[str, Table]) -> Table:
    cls = ENTITY_CLASSES[kind]
    columns: list[tuple[str, Any]] = [("id", lambda e: e.id)]
    # The kind's own fields (title, unit, ...) before those every entity has (summary, ...).
    common = Entity.model_fields.keys()
    ordered = sorted(field_names(cls), key=lambda names: names[0] in common)
    for name, written in ordered:
        record, is_list = nested_model(cls, name)
        if record is None:
            columns.append((written, _getter(name)))
        elif is_list:
            # The list's labels here; the records themselves in a table of their own.
            columns.append((written, _labels_getter(name)))
            _child_rows(written, record, name, entities, children)
        else:
            for part, part_written in field_names(record):
                columns.append((f"{written}.{part_written}", _part_getter(name, part)))
    columns += [("body", lambda e: e.body), ("path", lambda e: e.path)]
    rows: Table = [[header for header, _ in columns]]
    for entity in entities:
        rows.append([cell(get(entity)) for _, get in columns])
    return rows


def _getter(name: str) -> Any:
    return lambda entity: getattr(entity, name)


def _part_getter(name: str, part: str) -> Any:
    def get(entity: Entity) -> Any:
        record = getattr(entity, name)
        return None if record is None else getattr(record, part)

    return get


def _labels_getter(name: str) -> Any:
    def get(entity: Entity) -> Any:
        return tuple(_label(record) for record in getattr(entity, name))

    return get


def _label(record: BaseModel) -> str:
    for attr in ("id", "title", "name", "url"):
        value = getattr(record, attr, None)
        if value:
            return str(value)
    return ""


def _child_rows(
    written: str,
    record: type[BaseModel],
    name: str,
    entities: list[Entity],
    children: dict[str, Table],
) -> None:
    """Rows of `links.csv`, `stages.csv`, ...: one per record, led by whose it is."""
    parts = list(field_names(record))
    table = children.setdefault(f"{written}.csv", [["entity", "position", *(w for _, w in parts)]])
    for entity in entities:
        for position, item in enumerate(getattr(entity, name), start=1):
            owner = "organisation" if entity.kind == "organisation" else str(entity.ref)
            table.append([owner, str(position), *(cell(getattr(item, attr)) for attr, _ in parts)])


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(cell(item) for item in value)
    return str(value)  # text, numbers and references (kind:id)


# --- RACI ---------------------------------------------------------------------------------


def raci_table(model: Model) -> Table:
    """Parties (role, unit or forum named in any decision) x decisions: `A`, `R`, `C`, `I`."""
    letters: dict[Ref, dict[str, str]] = {}
    decisions = model.decisions
    for decision in decisions:
        for field, letter in RACI_FIELDS.items():
            value = getattr(decision, field)
            for party in value if isinstance(value, tuple) else (value,):
                if isinstance(party, Ref):
                    row = letters.setdefault(party, {})
                    row[decision.id] = _ordered(row.get(decision.id, "") + letter)
    header = ["party", "name", *(d.id for d in decisions)]
    rows: Table = [header]
    for party in sorted(letters):
        entity = model.find(party)
        label = entity.label if entity is not None else party.id
        rows.append([str(party), label, *(letters[party].get(d.id, "") for d in decisions)])
    return rows


def _ordered(letters: Iterable[str]) -> str:
    found = set(letters)
    return "".join(letter for letter in "ARCI" if letter in found)
