"""Read one file into a located document: its data (front matter) and its Markdown body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from opmodel.codes import FILE_TOO_LARGE, FRONT_MATTER, NOT_A_MAPPING, NOT_UTF8
from opmodel.diagnostics import Position
from opmodel.load.files import SourceFile
from opmodel.load.located import LocatedMap
from opmodel.load.problems import YamlProblem, combined
from opmodel.load.unshowable import UNSHOWABLE, has_unshowable, unshowable
from opmodel.load.yaml import parse

MAX_FILE_BYTES = 2 * 1024 * 1024
"""An entity file is a page of text; anything near this size is a mistake (an export
dropped into content/), and reading it whole would slow every build."""


@dataclass(frozen=True)
class Document:
    source: SourceFile
    data: LocatedMap
    body: str
    """Markdown after the front matter ('' for .yml files)."""
    body_line: int


def read_document(source: SourceFile) -> Document:
    """Raises YamlProblem for anything that stops the file from loading."""
    size = source.path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise YamlProblem(
            FILE_TOO_LARGE,
            f"file is {size / 1024 / 1024:.1f} MB; opmodel reads entity files up to "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB",
            Position(),
            "split it, or move large attachments out of content/",
        )
    raw = source.path.read_bytes()
    text = _decode(raw)
    if "\x00" in text:
        raise YamlProblem(NOT_UTF8, "file is binary (contains NUL bytes)", _locate(text, "\x00"))
    text = text.removeprefix("\ufeff")
    if source.path.suffix == ".md":
        return _markdown_document(source, text)
    return Document(source, _mapping(parse(text), source), "", 0)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise YamlProblem(
            NOT_UTF8,
            f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
            Position(line, column),
            "save it as UTF-8",
        ) from None


def _locate(text: str, needle: str) -> Position:
    before = text[: text.index(needle)]
    return Position(before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)


def _markdown_document(source: SourceFile, text: str) -> Document:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        if source.kind == "page":
            _refuse_unshowable(text, 1, [])
            return Document(source, empty_map(), text, 1)
        raise YamlProblem(
            FRONT_MATTER,
            "a Markdown entity starts with YAML front matter between '---' lines",
            Position(),
            "add '---', the fields, and '---' above the text",
        )
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            front = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            try:
                data = parse(front, line_offset=1)
            except YamlProblem as stop:
                _refuse_unshowable(body, index + 2, stop.every())
                raise
            _refuse_unshowable(body, index + 2, [])
            return Document(source, _mapping(data, source, allow_empty=True), body, index + 2)
    raise YamlProblem(FRONT_MATTER, "front matter is not closed by a '---' line", Position())


_BODY_HINT = "delete it: most editors do not show it"
MAX_REPORTED = 20
"""Characters reported one by one in a Markdown text; past this, one message counts the rest."""


def _refuse_unshowable(body: str, first_line: int, problems: list[YamlProblem]) -> None:
    """Raise `problems` and one OPM118 for each unshowable character in `body` (which starts
    at line `first_line` of the file), if there are any. Tab, line feed and carriage return
    are text; one regex search when there is nothing to report."""
    if has_unshowable(body):
        found = list(UNSHOWABLE.finditer(body))
        for match in found[:MAX_REPORTED]:
            start = match.start()
            line_start = body.rfind("\n", 0, start) + 1
            where = Position(first_line + body.count("\n", 0, start), start - line_start + 1)
            problems = [*problems, unshowable(match[0], where, _BODY_HINT)]
        if len(found) > MAX_REPORTED:
            last = problems[-1]
            last.message += f"; and {len(found) - MAX_REPORTED} more such characters after it"
    if problems:
        raise combined(problems)


def empty_map() -> LocatedMap:
    data = LocatedMap()
    data.position = Position()
    data.key_positions = {}
    data.value_positions = {}
    data.text_positions = {}
    return data


def _mapping(data: Any, source: SourceFile, allow_empty: bool = False) -> LocatedMap:
    if data is None and (allow_empty or source.kind in ("page",)):
        return empty_map()
    if not isinstance(data, LocatedMap):
        where = getattr(data, "position", Position())
        example = "title" if source.kind in ("role", "decision", "change", "page") else "name"
        found = "the file is empty" if data is None else f"found {_describe(data)}"
        raise YamlProblem(
            NOT_A_MAPPING,
            f"a {source.kind} file holds a mapping of fields (`{example}: ...`); {found}",
            where,
        )
    return data


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    return "a single value"
