"""`opmodel import csv`: roles or units from a spreadsheet export, as entity files.

Columns are matched to fields by their header (`Role title`, `Team`, `Reports to`,
`Holder(s)`, ... see ALIASES), or explicitly with `--map 'Header=field'` (`=-` skips a
column). Each row becomes one file whose id is the row's `id` column or a slug of its title
or name; rows whose slugs collide get `-2`, `-3`. References may be written as ids or as
names, and resolve against the existing model and the rows being imported. Every problem is
reported as `FILE:LINE:COL: error: ...` (line 1 is the header; a row starts on the line
given, even after a cell of several lines; COL is the CSV column number), and nothing is
written unless the whole file is clean: a byte that is not UTF-8, or a cell beyond the
header's columns (which would be lost), is an error at its place (OPM209). An existing
entity file is replaced only with `force` (a Markdown file keeps its body).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from opmodel.diagnostics import display_path
from opmodel.ids import ID_PATTERN, slugify
from opmodel.importer.existing import Existing, read_existing
from opmodel.importer.fields import FIELDS, IMPORT_KINDS, LABEL_FIELD
from opmodel.importer.problems import Problem, Problems
from opmodel.importer.sheet import Row, match_columns, read_records, refuse_extra_cells, rows_of
from opmodel.importer.values import CellValues
from opmodel.importer.yaml_out import RoundTripError, dump_yaml, markdown_file
from opmodel.load.files import FOLDER_KINDS
from opmodel.model.schema import ENTITY_CLASSES


@dataclass(frozen=True)
class PlannedFile:
    path: Path
    text: str
    row: int
    replaces: bool
    """An existing file is overwritten (only with force)."""


@dataclass
class ImportPlan:
    files: list[PlannedFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


class MappingError(ValueError):
    """A `--map` argument is not `Header=field`."""


def parse_mappings(items: Iterable[str]) -> dict[str, str]:
    """`["Post=title", "Cost centre=-"]` -> {header: field}."""
    mapping: dict[str, str] = {}
    for item in items:
        header, sep, target = item.rpartition("=")
        if not sep or not header.strip() or not target.strip():
            raise MappingError(f"--map '{item}': expected HEADER=FIELD (or HEADER=- to skip)")
        mapping[header.strip()] = target.strip()
    return mapping


def plan_import(
    csv_path: Path,
    kind_folder: str,
    content: Path,
    mappings: dict[str, str] | None = None,
    *,
    force: bool = False,
) -> ImportPlan:
    """Read `csv_path` and work out every file to write; nothing is written here."""
    return _Planner(csv_path, IMPORT_KINDS[kind_folder], content, mappings or {}, force).plan()


def write_plan(plan: ImportPlan) -> list[Path]:
    """Write a clean plan's files. Refuses a plan with errors."""
    if plan.errors:
        raise ValueError("the import has errors; nothing was written")
    written = []
    for planned in plan.files:
        planned.path.parent.mkdir(parents=True, exist_ok=True)
        planned.path.write_text(planned.text, encoding="utf-8")
        written.append(planned.path)
    return written


# --- the planner ----------------------------------------------------------------------------


class _Planner:
    """One import from reading to the files it would write: the sheet (`sheet.py`), the ids,
    each row's values (`values.py`) as one file, and cycles through the rows."""

    def __init__(
        self, path: Path, kind: str, content: Path, mappings: dict[str, str], force: bool
    ) -> None:
        self.path = path
        self.kind = kind
        self.content = content
        self.mappings = mappings
        self.force = force
        self.fields = FIELDS[kind]
        self.problems = Problems(display_path(path))

    def plan(self) -> ImportPlan:
        if not self.content.is_dir():
            self.problems.error(
                1,
                1,
                f"content folder {display_path(self.content)} not found (pass it with --content)",
            )
            return ImportPlan([], self.problems.items)
        records = read_records(self.path, self.kind, self.problems)
        if not records:
            return ImportPlan([], sorted(self.problems.items))
        columns = match_columns(records[0][1], self.kind, self.mappings, self.problems)
        if columns is None:
            return ImportPlan([], sorted(self.problems.items))
        refuse_extra_cells(records, self.problems)
        rows = rows_of(records[1:], columns)
        existing = read_existing(self.content)
        self._assign_ids(rows, columns)
        values = CellValues(self.kind, rows, existing, self.problems)
        files = [
            planned
            for row in rows
            if (planned := self._file(row, values, existing, columns)) is not None
        ]
        self._check_cycles(rows, existing)
        problems = sorted(self.problems.items)
        return ImportPlan(
            files if not any(p.severity == "error" for p in problems) else [], problems
        )

    # ids

    def _assign_ids(self, rows: list[Row], columns: dict[str, int]) -> None:
        label_field = LABEL_FIELD[self.kind]
        taken: dict[str, int] = {}
        for row in rows:
            row.label = row.cells.get(label_field, ("", 0))[0]
            if "id" in row.cells:
                ident, column = row.cells["id"]
                if not ID_PATTERN.match(ident):
                    self.problems.error(
                        row.number,
                        column,
                        f"'{ident}' is not an id: lower-case "
                        f"letters, digits and hyphens (did you mean "
                        f"'{slugify(ident)}'?)",
                    )
                    continue
                if ident in taken:
                    self.problems.error(
                        row.number, column, f"id '{ident}' is also row {taken[ident]}'s"
                    )
                    continue
                row.id = ident
                taken[ident] = row.number
        for row in rows:
            if row.id or "id" in row.cells:
                continue
            if not row.label:
                column = columns.get(label_field, 1)
                self.problems.error(row.number, column, f"this row has no {label_field}")
                continue
            base = slugify(row.label)
            ident, suffix = base, 2
            while ident in taken:
                ident, suffix = f"{base}-{suffix}", suffix + 1
            row.id = ident
            taken[ident] = row.number

    # one file

    def _file(
        self, row: Row, values: CellValues, existing: Existing, columns: dict[str, int]
    ) -> PlannedFile | None:
        if not row.id:
            return None
        data: dict[str, Any] = {}
        before = len(self.problems.items)
        for name in self.fields:
            if name == "id" or name not in row.cells:
                continue
            text, column = row.cells[name]
            value = values.value(name, text, row, column)
            if value is not None:
                data[name] = value
                if self.fields[name].type == "ref":
                    row.resolved[name] = value
        if len(self.problems.items) > before:
            return None
        try:
            ENTITY_CLASSES[self.kind].model_validate(data | {"id": row.id})
        except ValidationError as exc:
            for error in exc.errors():
                name = str(error["loc"][0]) if error["loc"] else ""
                column = row.cells.get(name, ("", columns.get(name, 1)))[1]
                self.problems.error(row.number, column, f"{name}: {error['msg']}")
            return None
        target, replaces, body = self._target(row, existing, columns)
        if target is None:
            return None
        try:
            text = markdown_file(data, body) if target.suffix == ".md" else dump_yaml(data)
        except RoundTripError as exc:
            self.problems.error(row.number, 1, str(exc))
            return None
        return PlannedFile(target, text, row.number, replaces)

    def _target(
        self, row: Row, existing: Existing, columns: dict[str, int]
    ) -> tuple[Path | None, bool, str]:
        folder = next(f for f, k in FOLDER_KINDS.items() if k == self.kind)
        current = existing.paths.get((self.kind, row.id))
        if current is None:
            return self.content / folder / f"{row.id}.yml", False, ""
        if not self.force:
            column = row.cells.get("id", row.cells.get(LABEL_FIELD[self.kind], ("", 1)))[1]
            self.problems.error(
                row.number,
                column,
                f"{display_path(current)} already exists; pass --force to overwrite it",
            )
            return None, False, ""
        body = ""
        if current.suffix == ".md":
            text = current.read_text(encoding="utf-8")
            parts = re.split(r"^---[ \t]*$\n?", text, maxsplit=2, flags=re.MULTILINE)
            body = parts[2] if len(parts) == 3 and not parts[0].strip() else ""
        return current, True, body

    # cycles

    def _check_cycles(self, rows: list[Row], existing: Existing) -> None:
        """A row that is its own parent / manager, directly or through others, would fail
        to load: say so here, at the row."""
        field_name = "reports_to" if self.kind == "role" else "parent"
        up: dict[str, str] = dict(existing.parents.get(self.kind, {}))
        by_id = {row.id: row for row in rows if row.id}
        for row in by_id.values():
            up.pop(row.id, None)
            if field_name in row.cells:
                resolved = row.resolved.get(field_name)
                if resolved:
                    up[row.id] = resolved
        for row in by_id.values():
            seen = [row.id]
            current = up.get(row.id)
            while current is not None and current not in seen:
                seen.append(current)
                current = up.get(current)
            if current == row.id:
                column = row.cells[field_name][1]
                chain = " -> ".join([*seen, row.id])
                self.problems.error(
                    row.number, column, f"{field_name} goes round in a circle: {chain}"
                )
