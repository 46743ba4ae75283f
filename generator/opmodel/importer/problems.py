"""What is wrong with an import, at its row and column of the CSV file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


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


@dataclass
class Problems:
    """The problems of one CSV file, as the import finds them."""

    shown: str
    """The file as messages name it."""
    items: list[Problem] = field(default_factory=list)

    def error(self, row: int, column: int, message: str, code: str | None = None) -> None:
        self.items.append(Problem(self.shown, row, column, "error", message, code))

    def warn(self, row: int, column: int, message: str) -> None:
        self.items.append(Problem(self.shown, row, column, "warning", message))

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.items)
