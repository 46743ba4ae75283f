"""How a command answers besides its standard output: its exit status, a usage refusal or
a note on stderr, and the files it writes."""

from __future__ import annotations

import sys
from pathlib import Path

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2

_left: list[object] | None = None
"""What the command made, for the system to free (`leave_to_the_system`); None: freed as
usual (a test or a program calling `main`)."""


def leave_to_the_system(value: object) -> None:
    """Under the `opmodel` script (`cli.console`) `value` outlives the command, and the
    process ends without freeing it: the system takes the memory back at once, where
    freeing a 10,000-role model object by object takes 0.6 s, a quarter of a `check` from
    the cache."""
    if _left is not None:
        _left.append(value)


def end_without_teardown() -> None:
    """From now on, `leave_to_the_system` keeps what it is given (`cli.console`)."""
    global _left
    _left = []


def usage(message: str) -> int:
    print(f"opmodel: {message}", file=sys.stderr)
    return EXIT_USAGE


def note(message: str) -> None:
    """A progress or detail line: stderr, so standard output stays the command's answer."""
    print(message, file=sys.stderr)


def write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
