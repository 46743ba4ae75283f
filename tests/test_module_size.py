"""No module under generator/opmodel is over 400 lines: past that a module does several
jobs, and a newcomer can no longer find one of them by the module's name (issue 19)."""

from __future__ import annotations

from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "generator" / "opmodel"

MAX_LINES = 400


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def lines_of(path: Path) -> int:
    """As `wc -l` counts them."""
    return path.read_bytes().count(b"\n")


def test_every_module_is_at_most_400_lines() -> None:
    too_long = [
        f"{path.relative_to(PACKAGE).as_posix()}: {lines_of(path)} lines"
        for path in modules()
        if lines_of(path) > MAX_LINES
    ]

    assert too_long == [], f"over {MAX_LINES} lines; split by job: {too_long}"


def test_the_size_guard_reads_every_module() -> None:
    # Guards the guard: an empty list or a wrong folder would pass the test above.
    names = {path.relative_to(PACKAGE).as_posix() for path in modules()}

    assert {"cli/__init__.py", "load/yaml.py", "codes.py"} <= names


@pytest.mark.parametrize(("text", "count"), [("", 0), ("a\n", 1), ("a\nb", 1), ("a\nb\n", 2)])
def test_lines_are_counted_as_wc_does(tmp_path: Path, text: str, count: int) -> None:
    path = tmp_path / "m.py"
    path.write_text(text)

    assert lines_of(path) == count
