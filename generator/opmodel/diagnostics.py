"""What opmodel tells its users: one `Diagnostic` per problem, all of them per run.

Loading, schema validation, reference resolution and health checks all report through a
`Diagnostics` collector instead of raising, so a user sees every problem at once, each as
`path:line:column: severity: message [code]` that editors and CI logs can jump to.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path

from opmodel.codes import CODES


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    hint: str | None = None

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"undocumented diagnostic code {self.code}")

    @property
    def name(self) -> str:
        return CODES[self.code].name

    def format(self) -> str:
        """One line, whatever the message quotes from the file (a value may hold a newline)."""
        hint = f" ({self.hint})" if self.hint else ""
        return one_line(
            f"{self.path}:{self.line}:{self.column}: {self.severity}: "
            f"{self.message}{hint} [{self.code}]"
        )


_LINE_BREAKING = {
    **{c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, 0x85)},
    **{ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"},
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def one_line(text: str) -> str:
    """Control characters and line separators as escapes (`\\n`), so that what a model
    says cannot start a line of its own in a terminal, a log or a CI annotation."""
    return text.translate(_LINE_BREAKING)


@dataclass(frozen=True)
class Position:
    """Where something is: 1-based line and column, as editors count."""

    line: int = 1
    column: int = 1


class Diagnostics:
    """Collects problems in the order they are found; sorted for output."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []

    def add(
        self,
        path: str,
        position: Position,
        code: str,
        message: str,
        hint: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self._items.append(
            Diagnostic(path, position.line, position.column, severity, code, message, hint)
        )

    def extend(self, items: Iterable[Diagnostic]) -> None:
        self._items.extend(items)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(sorted(self._items))

    def __len__(self) -> int:
        return len(self._items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self if d.severity is Severity.WARNING]


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder where possible."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate, phrased as a hint, or None when nothing is close."""
    matches = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    return "".join(d.format() + "\n" for d in diagnostics)


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([asdict(d) | {"name": d.name} for d in diagnostics], indent=2) + "\n"
