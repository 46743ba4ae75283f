"""The CSV file as rows of fields: its records (each with the line it starts on, since a
quoted cell can hold line breaks), its header matched to fields, and every byte that is
not UTF-8 or cell beyond the header refused at its place (OPM209)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from opmodel.codes import CSV_ROW
from opmodel.diagnostics import did_you_mean
from opmodel.importer.fields import ALIASES, FIELDS, LABEL_FIELD, alias_table, normal
from opmodel.importer.problems import Problems

Records = list[tuple[int, list[str]]]
"""Each record of the file with the line it starts on; the first is the header."""


@dataclass
class Row:
    number: int
    cells: dict[str, tuple[str, int]]
    """field -> (text, column number)."""
    id: str = ""
    label: str = ""
    resolved: dict[str, str] = field(default_factory=dict)
    """Reference fields resolved to ids (for the cycle check)."""


def read_records(path: Path, kind: str, problems: Problems) -> Records:
    """The records, each with the line it starts on."""
    text = _decoded(path.read_bytes(), problems)
    if text is None:
        return []
    if not text.strip():
        problems.error(1, 1, f"the file is empty; expected a header row and one row per {kind}")
        return []
    first_line = text.splitlines()[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: Records = []
    try:
        for record in _starting_lines(reader):
            records.append(record)
    except csv.Error as exc:
        problems.error(reader.line_num or 1, 1, f"not readable as CSV: {exc}")
        return []
    return records


def _decoded(raw: bytes, problems: Problems) -> str | None:
    """The text; None, with an error at each line's first bad byte, if it is not UTF-8."""
    text = raw.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    bad = 0
    for number, line in enumerate(text.split("\n"), start=1):
        match = _UNDECODED.search(line)
        if match is not None:
            bad += 1
            byte = ord(match[0]) - 0xDC00
            problems.error(
                number,
                match.start() + 1,
                f"byte 0x{byte:02x} is not UTF-8 text; "
                "save the file from the spreadsheet as 'CSV UTF-8'",
                CSV_ROW,
            )
    return None if bad else text


_UNDECODED = re.compile("[\udc80-\udcff]")
"""What `surrogateescape` decodes a byte that is not UTF-8 to."""


def _starting_lines(reader: Any) -> Iterable[tuple[int, list[str]]]:
    """Each record of a csv.reader with the line it starts on (a quoted cell can hold
    line breaks, so records and lines differ)."""
    start = 1
    for record in reader:
        yield start, record
        start = reader.line_num + 1


def match_columns(
    header: list[str], kind: str, mappings: dict[str, str], problems: Problems
) -> dict[str, int] | None:
    """field -> column number (1-based); None when the header cannot be matched."""
    fields = FIELDS[kind]
    aliases = alias_table(kind)
    headers = [h.strip() for h in header]
    for wanted, target in mappings.items():
        if wanted not in headers:
            hint = did_you_mean(wanted, headers)
            problems.error(
                1,
                1,
                f"--map names a column '{wanted}' that the file does not "
                f"have" + (f" ({hint})" if hint else f"; its columns: {', '.join(headers)}"),
            )
        elif target != "-" and target not in fields:
            hint = did_you_mean(target, fields)
            problems.error(
                1,
                headers.index(wanted) + 1,
                f"--map '{wanted}={target}': {kind}s have no field "
                f"'{target}'" + (f" ({hint})" if hint else f"; fields: {', '.join(fields)}"),
            )
    columns: dict[str, int] = {}
    for number, name in enumerate(headers, start=1):
        if name in mappings:
            target = mappings[name]
            if target == "-" or target not in fields:
                continue
        else:
            target = aliases.get(normal(name), "")
        if not target:
            if name:
                problems.warn(
                    1,
                    number,
                    f"column '{name}' is not imported "
                    f"(map it with --map '{name}=FIELD', or '{name}=-')",
                )
            continue
        if target in columns:
            problems.error(
                1,
                number,
                f"column '{name}' and column {columns[target]} "
                f"('{headers[columns[target] - 1]}') are both {target}; "
                f"skip one with --map '{name}=-'",
            )
            continue
        columns[target] = number
    label = LABEL_FIELD[kind]
    if label not in columns and "id" not in columns and not problems.failed:
        problems.error(
            1,
            1,
            f"no column for the {kind}'s {label} (looked for: "
            f"{', '.join(ALIASES[kind][label])}); "
            f"name one with --map 'HEADER={label}'",
        )
    if problems.failed:
        return None
    return columns


def refuse_extra_cells(records: Records, problems: Problems) -> None:
    """Text in cells beyond the header's columns would be lost: an error at the first."""
    width = len(records[0][1])
    for number, record in records[1:]:
        extra = [(column, cell) for column, cell in enumerate(record, start=1)]
        extra = [(column, cell) for column, cell in extra[width:] if cell.strip()]
        if extra:
            column, cell = extra[0]
            cells = "cell" if len(extra) == 1 else "cells"
            problems.error(
                number,
                column,
                f"{len(extra)} {cells} beyond the header's {width} columns "
                f"(column {column}: '{cell.strip()[:40]}') would be lost; "
                "give them a header, or remove them",
                CSV_ROW,
            )


def rows_of(records: Records, columns: dict[str, int]) -> list[Row]:
    """The rows that are not blank, as fields (blank cells left out)."""
    rows = []
    for number, record in records:
        if not any(cell.strip() for cell in record):
            continue
        cells = {}
        for name, column in columns.items():
            text = record[column - 1].strip() if column <= len(record) else ""
            if text:
                cells[name] = (text, column)
        rows.append(Row(number, cells))
    return rows
