"""How a command answers besides its standard output: its exit status, a usage refusal or
a note on stderr, and the files it writes."""

from __future__ import annotations

import sys
from pathlib import Path

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def usage(message: str) -> int:
    print(f"opmodel: {message}", file=sys.stderr)
    return EXIT_USAGE


def note(message: str) -> None:
    """A progress or detail line: stderr, so standard output stays the command's answer."""
    print(message, file=sys.stderr)


def write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
