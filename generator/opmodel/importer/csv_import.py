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

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from opmodel.diagnostics import Diagnostics, did_you_mean, display_path
from opmodel.ids import ID_PATTERN, slugify
from opmodel.importer.yaml_out import RoundTripError, dump_yaml, markdown_file
from opmodel.load.documents import read_document
from opmodel.load.files import FOLDER_KINDS, discover
from opmodel.load.yaml import YamlProblem
from opmodel.model.schema import ENTITY_CLASSES

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


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    row: int
    column: int
    severity: Literal["error", "warning"]
    message: str
    code: str | None = None

    def format(self) -> str:
        code = f" [{self.code}]" if self.code else ""
        return f"{self.path}:{self.row}:{self.column}: {self.severity}: {self.message}{code}"


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


@dataclass
class _Row:
    number: int
    cells: dict[str, tuple[str, int]]
    """field -> (text, column number)."""
    id: str = ""
    label: str = ""
    resolved: dict[str, str] = field(default_factory=dict)
    """Reference fields resolved to ids (for the cycle check)."""


@dataclass
class _Existing:
    """What content/ already holds, read leniently: a model with errors can still take an
    import, so this needs only ids and names, not a valid model."""

    ids: dict[str, set[str]] = field(default_factory=dict)
    labels: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    """kind -> casefolded name or title -> ids."""
    names: dict[str, set[str]] = field(default_factory=dict)
    """kind -> names and titles as written (for suggestions)."""
    paths: dict[tuple[str, str], Path] = field(default_factory=dict)
    parents: dict[str, dict[str, str]] = field(default_factory=dict)
    """kind -> id -> the id in its `parent` (units) or `reports_to` (roles)."""


class _Planner:
    def __init__(
        self, path: Path, kind: str, content: Path, mappings: dict[str, str], force: bool
    ) -> None:
        self.path = path
        self.shown = display_path(path)
        self.kind = kind
        self.content = content
        self.mappings = mappings
        self.force = force
        self.fields = FIELDS[kind]
        self.problems: list[Problem] = []

    def error(self, row: int, column: int, message: str, code: str | None = None) -> None:
        self.problems.append(Problem(self.shown, row, column, "error", message, code))

    def warn(self, row: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.shown, row, column, "warning", message))

    def plan(self) -> ImportPlan:
        if not self.content.is_dir():
            self.error(
                1,
                1,
                f"content folder {display_path(self.content)} not found (pass it with --content)",
            )
            return ImportPlan([], self.problems)
        records = self._read()
        if not records:
            return ImportPlan([], sorted(self.problems))
        columns = self._columns(records[0][1])
        if columns is None:
            return ImportPlan([], sorted(self.problems))
        self._refuse_extra_cells(records)
        rows = self._rows(records[1:], columns)
        existing = _read_existing(self.content)
        self._assign_ids(rows, columns)
        files = [
            planned
            for row in rows
            if (planned := self._file(row, rows, existing, columns)) is not None
        ]
        self._check_cycles(rows, existing)
        problems = sorted(self.problems)
        return ImportPlan(
            files if not any(p.severity == "error" for p in problems) else [], problems
        )

    # reading

    def _read(self) -> list[tuple[int, list[str]]]:
        """The records, each with the line it starts on."""
        text = self._decoded(self.path.read_bytes())
        if text is None:
            return []
        if not text.strip():
            self.error(
                1, 1, f"the file is empty; expected a header row and one row per {self.kind}"
            )
            return []
        first_line = text.splitlines()[0]
        delimiter = max((",", ";", "\t"), key=first_line.count)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        records: list[tuple[int, list[str]]] = []
        try:
            for record in _starting_lines(reader):
                records.append(record)
        except csv.Error as exc:
            self.error(reader.line_num or 1, 1, f"not readable as CSV: {exc}")
            return []
        return records

    def _decoded(self, raw: bytes) -> str | None:
        """The text; None, with an error at each line's first bad byte, if it is not UTF-8."""
        text = raw.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
        bad = 0
        for number, line in enumerate(text.split("\n"), start=1):
            match = _UNDECODED.search(line)
            if match is not None:
                bad += 1
                byte = ord(match[0]) - 0xDC00
                self.error(
                    number,
                    match.start() + 1,
                    f"byte 0x{byte:02x} is not UTF-8 text; "
                    "save the file from the spreadsheet as 'CSV UTF-8'",
                    "OPM209",
                )
        return None if bad else text

    def _columns(self, header: list[str]) -> dict[str, int] | None:
        """field -> column number (1-based)."""
        aliases = _alias_table(self.kind)
        headers = [h.strip() for h in header]
        for wanted, target in self.mappings.items():
            if wanted not in headers:
                hint = did_you_mean(wanted, headers)
                self.error(
                    1,
                    1,
                    f"--map names a column '{wanted}' that the file does not "
                    f"have" + (f" ({hint})" if hint else f"; its columns: {', '.join(headers)}"),
                )
            elif target != "-" and target not in self.fields:
                hint = did_you_mean(target, self.fields)
                self.error(
                    1,
                    headers.index(wanted) + 1,
                    f"--map '{wanted}={target}': {self.kind}s have no field "
                    f"'{target}'"
                    + (f" ({hint})" if hint else f"; fields: {', '.join(self.fields)}"),
                )
        columns: dict[str, int] = {}
        for number, name in enumerate(headers, start=1):
            if name in self.mappings:
                target = self.mappings[name]
                if target == "-" or target not in self.fields:
                    continue
            else:
                target = aliases.get(_normal(name), "")
            if not target:
                if name:
                    self.warn(
                        1,
                        number,
                        f"column '{name}' is not imported "
                        f"(map it with --map '{name}=FIELD', or '{name}=-')",
                    )
                continue
            if target in columns:
                self.error(
                    1,
                    number,
                    f"column '{name}' and column {columns[target]} "
                    f"('{headers[columns[target] - 1]}') are both {target}; "
                    f"skip one with --map '{name}=-'",
                )
                continue
            columns[target] = number
        label = LABEL_FIELD[self.kind]
        mapping_failed = any(p.severity == "error" for p in self.problems)
        if label not in columns and "id" not in columns and not mapping_failed:
            self.error(
                1,
                1,
                f"no column for the {self.kind}'s {label} (looked for: "
                f"{', '.join(ALIASES[self.kind][label])}); "
                f"name one with --map 'HEADER={label}'",
            )
        if any(p.severity == "error" for p in self.problems):
            return None
        return columns

    def _refuse_extra_cells(self, records: list[tuple[int, list[str]]]) -> None:
        """Text in cells beyond the header's columns would be lost: an error at the first."""
        width = len(records[0][1])
        for number, record in records[1:]:
            extra = [(column, cell) for column, cell in enumerate(record, start=1)]
            extra = [(column, cell) for column, cell in extra[width:] if cell.strip()]
            if extra:
                column, cell = extra[0]
                cells = "cell" if len(extra) == 1 else "cells"
                self.error(
                    number,
                    column,
                    f"{len(extra)} {cells} beyond the header's {width} columns "
                    f"(column {column}: '{cell.strip()[:40]}') would be lost; "
                    "give them a header, or remove them",
                    "OPM209",
                )

    def _rows(self, records: list[tuple[int, list[str]]], columns: dict[str, int]) -> list[_Row]:
        rows = []
        for number, record in records:
            if not any(cell.strip() for cell in record):
                continue
            cells = {}
            for name, column in columns.items():
                text = record[column - 1].strip() if column <= len(record) else ""
                if text:
                    cells[name] = (text, column)
            rows.append(_Row(number, cells))
        return rows

    # ids

    def _assign_ids(self, rows: list[_Row], columns: dict[str, int]) -> None:
        label_field = LABEL_FIELD[self.kind]
        taken: dict[str, int] = {}
        for row in rows:
            row.label = row.cells.get(label_field, ("", 0))[0]
            if "id" in row.cells:
                ident, column = row.cells["id"]
                if not ID_PATTERN.match(ident):
                    self.error(
                        row.number,
                        column,
                        f"'{ident}' is not an id: lower-case "
                        f"letters, digits and hyphens (did you mean "
                        f"'{slugify(ident)}'?)",
                    )
                    continue
                if ident in taken:
                    self.error(row.number, column, f"id '{ident}' is also row {taken[ident]}'s")
                    continue
                row.id = ident
                taken[ident] = row.number
        for row in rows:
            if row.id or "id" in row.cells:
                continue
            if not row.label:
                column = columns.get(label_field, 1)
                self.error(row.number, column, f"this row has no {label_field}")
                continue
            base = slugify(row.label)
            ident, suffix = base, 2
            while ident in taken:
                ident, suffix = f"{base}-{suffix}", suffix + 1
            row.id = ident
            taken[ident] = row.number

    # one file

    def _file(
        self, row: _Row, rows: list[_Row], existing: _Existing, columns: dict[str, int]
    ) -> PlannedFile | None:
        if not row.id:
            return None
        data: dict[str, Any] = {}
        before = len(self.problems)
        for name in self.fields:
            if name == "id" or name not in row.cells:
                continue
            text, column = row.cells[name]
            value = self._value(name, text, row, column, rows, existing)
            if value is not None:
                data[name] = value
                if self.fields[name].type == "ref":
                    row.resolved[name] = value
        if len(self.problems) > before:
            return None
        try:
            ENTITY_CLASSES[self.kind].model_validate(data | {"id": row.id})
        except ValidationError as exc:
            for error in exc.errors():
                name = str(error["loc"][0]) if error["loc"] else ""
                column = row.cells.get(name, ("", columns.get(name, 1)))[1]
                self.error(row.number, column, f"{name}: {error['msg']}")
            return None
        target, replaces, body = self._target(row, existing, columns)
        if target is None:
            return None
        try:
            text = markdown_file(data, body) if target.suffix == ".md" else dump_yaml(data)
        except RoundTripError as exc:
            self.error(row.number, 1, str(exc))
            return None
        return PlannedFile(target, text, row.number, replaces)

    def _target(
        self, row: _Row, existing: _Existing, columns: dict[str, int]
    ) -> tuple[Path | None, bool, str]:
        folder = next(f for f, k in FOLDER_KINDS.items() if k == self.kind)
        current = existing.paths.get((self.kind, row.id))
        if current is None:
            return self.content / folder / f"{row.id}.yml", False, ""
        if not self.force:
            column = row.cells.get("id", row.cells.get(LABEL_FIELD[self.kind], ("", 1)))[1]
            self.error(
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

    # values

    def _value(
        self, name: str, text: str, row: _Row, column: int, rows: list[_Row], existing: _Existing
    ) -> Any:
        spec = self.fields[name]
        if spec.type == "text":
            return text
        if spec.type == "choice":
            return text.lower()
        if spec.type == "list":
            return [item for item in LIST_SPLIT.split(text) if item]
        if spec.type == "int":
            if re.fullmatch(r"[-+]?[0-9]+(?:\.0+)?", text):
                return int(float(text))
            self.error(row.number, column, f"{name}: expected a whole number, got '{text}'")
            return None
        if spec.type == "bool":
            word = text.lower()
            if word in TRUE_WORDS or word in FALSE_WORDS:
                return word in TRUE_WORDS
            self.error(row.number, column, f"{name}: expected yes or no, got '{text}'")
            return None
        if spec.type == "date":
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                self.error(
                    row.number, column, f"{name}: expected a date as YYYY-MM-DD, got '{text}'"
                )
                return None
        assert spec.target is not None
        if spec.type == "ref":
            return self._resolve(spec.target, text, row, column, name, rows, existing)
        if spec.type == "refs":
            found = [
                self._resolve(spec.target, item, row, column, name, rows, existing)
                for item in LIST_SPLIT.split(text)
                if item
            ]
            return found if all(found) else None
        return self._holders(text, row, column, existing)

    def _resolve(
        self,
        target: str,
        text: str,
        row: _Row,
        column: int,
        name: str,
        rows: list[_Row],
        existing: _Existing,
    ) -> str | None:
        """An id or a name -> the id of an existing entity or an imported row."""
        kind, sep, ident = text.partition(":")
        if sep and kind == target:
            text = ident.strip()
        ids = set(existing.ids.get(target, set()))
        labels = {k: set(v) for k, v in existing.labels.get(target, {}).items()}
        names = set(existing.names.get(target, set()))
        if target == self.kind:
            for other in rows:
                if other.id:
                    ids.add(other.id)
                    if other.label:
                        labels.setdefault(other.label.casefold(), set()).add(other.id)
                        names.add(other.label)
        if text in ids:
            return text
        matches = labels.get(text.casefold(), set())
        if len(matches) == 1:
            return next(iter(matches))
        if len(matches) > 1:
            self.error(
                row.number,
                column,
                f"{name}: '{text}' could be any of {', '.join(sorted(matches))}; write the id",
            )
            return None
        slug = slugify(text)
        if slug in ids:
            return slug
        hint = did_you_mean(text, [*ids, *names])
        where = "in the model or in this file" if target == self.kind else "in the model"
        self.error(
            row.number,
            column,
            f"{name}: no {target} '{text}' {where}" + (f" ({hint})" if hint else ""),
        )
        return None

    def _holders(self, text: str, row: _Row, column: int, existing: _Existing) -> list[str]:
        holders = []
        people = existing.ids.get("person", set())
        names = existing.labels.get("person", {})
        for item in (i for i in LIST_SPLIT.split(text) if i):
            value = item.removeprefix("person:")
            if value in people:
                holders.append(value)
            elif len(matches := names.get(item.casefold(), set())) == 1:
                holders.append(next(iter(matches)))
            elif ID_PATTERN.match(value):
                self.error(
                    row.number,
                    column,
                    f"holders: '{item}' looks like a person id, but there is no "
                    f"person '{value}'; write the holder's full name, or add "
                    f"people/{value}.yml",
                )
            else:
                holders.append(item)
        return holders

    # cycles

    def _check_cycles(self, rows: list[_Row], existing: _Existing) -> None:
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
                self.error(row.number, column, f"{field_name} goes round in a circle: {chain}")


_UNDECODED = re.compile("[\udc80-\udcff]")
"""What `surrogateescape` decodes a byte that is not UTF-8 to."""


def _starting_lines(reader: Any) -> Iterable[tuple[int, list[str]]]:
    """Each record of a csv.reader with the line it starts on (a quoted cell can hold
    line breaks, so records and lines differ)."""
    start = 1
    for record in reader:
        yield start, record
        start = reader.line_num + 1


def _normal(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.casefold())


def _alias_table(kind: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for name in FIELDS[kind]:
        table[_normal(name)] = name
    for name, aliases in (ALIASES[kind] | COMMON_ALIASES).items():
        for alias in aliases:
            table.setdefault(_normal(alias), name)
    return table


def _read_existing(content: Path) -> _Existing:
    found = _Existing()
    for source in discover(content, Diagnostics()):
        found.ids.setdefault(source.kind, set()).add(source.id)
        found.paths[(source.kind, source.id)] = source.path
        try:
            data = read_document(source).data
        except (YamlProblem, OSError):
            continue
        label = data.get("title") or data.get("name")
        if isinstance(label, str) and label.strip():
            found.names.setdefault(source.kind, set()).add(label.strip())
            found.labels.setdefault(source.kind, {}).setdefault(
                label.strip().casefold(), set()
            ).add(source.id)
        parent = data.get("reports_to" if source.kind == "role" else "parent")
        if isinstance(parent, str):
            found.parents.setdefault(source.kind, {})[source.id] = parent.split(":")[-1]
    return found
