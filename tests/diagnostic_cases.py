"""The golden diagnostic cases in tests/cases/diagnostics/, read and written out.

Shared by the test that pins `opmodel check`'s messages (tests/load/test_diagnostic_cases.py)
and the one that builds every error case (tests/reliability/test_check_matches_build.py).
The format of a case is described in the first of these.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
import yaml

CASES = Path(__file__).parent / "cases" / "diagnostics"
KEYS = {"about", "files", "files_bytes", "no_organisation", "args", "exit", "expect"}
ORGANISATION = "name: Test\n"


def case_params() -> list[Any]:
    return [pytest.param(path, id=path.stem) for path in sorted(CASES.glob("*.yml"))]


def read_case(path: Path) -> dict[str, Any]:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(case, dict), f"{path.name}: a case is a mapping"
    assert not case.keys() - KEYS, f"{path.name}: unknown keys {sorted(case.keys() - KEYS)}"
    assert "exit" in case and "expect" in case, f"{path.name}: needs `exit` and `expect`"
    return case


def write_case(case: dict[str, Any], root: Path) -> Path:
    """The case's files under `root/content` (with an organisation.yml unless the case
    has its own or asks for none); returns the content folder."""
    content = root / "content"
    content.mkdir(exist_ok=True)
    files: dict[str, str] = case.get("files") or {}
    binary: dict[str, str] = case.get("files_bytes") or {}
    has_organisation = any(
        Path(p).stem in ("organisation", "organization") for p in (*files, *binary)
    )
    if not (case.get("no_organisation") or has_organisation):
        files = {"organisation.yml": ORGANISATION, **files}
    for relative, text in files.items():
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for relative, encoded in binary.items():
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(encoded))
    return content
