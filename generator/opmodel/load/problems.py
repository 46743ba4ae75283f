"""What stops a file from loading: `YamlProblem`, with where it is and the other problems
found in the same file, so that a user sees them all in one run."""

from __future__ import annotations

from opmodel.diagnostics import Position


class YamlProblem(Exception):
    """A problem that stops one file from loading, with where it is; `also`: the other
    problems found in the same file, so that a user sees them all in one run."""

    def __init__(self, code: str, message: str, position: Position, hint: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.position = position
        self.hint = hint
        self.also: list[YamlProblem] = []

    def every(self) -> list[YamlProblem]:
        """This problem and the others found with it, in file order."""
        return sorted([self, *self.also], key=lambda p: (p.position.line, p.position.column))


def combined(problems: list[YamlProblem]) -> YamlProblem:
    """One exception for several problems (each once), the first in file order raised."""
    unique = list({(p.code, p.message, p.position): p for p in problems}.values())
    first, *others = sorted(unique, key=lambda p: (p.position.line, p.position.column))
    first.also = others
    return first
