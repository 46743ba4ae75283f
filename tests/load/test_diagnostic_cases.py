"""Golden cases: the exact messages `opmodel check` prints for each kind of bad input.

Each file in tests/cases/diagnostics/ is one case, a YAML mapping of:

    about:            one line: what the case shows (for the reader; not checked)
    files:            relative path under content/ -> file text
    files_bytes:      relative path under content/ -> base64 of the file's bytes, for what
                      text cannot hold (a Latin-1 byte, a NUL)
    no_organisation:  true to leave out the organisation.yml (`name: Test`) that is
                      otherwise added when the case has none
    args:             extra arguments to `opmodel check` (e.g. [--strict])
    exit:             the expected exit code
    expect:           every line expected on stdout, in order

The case runs `opmodel check --content content` in a temporary folder with "today" fixed at
2026-11-23, so paths read `content/...` and review dates do not drift.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
import yaml

from opmodel.cli import main

CASES = Path(__file__).parent.parent / "cases" / "diagnostics"
KEYS = {"about", "files", "files_bytes", "no_organisation", "args", "exit", "expect"}


def _cases() -> list[Any]:
    return [pytest.param(path, id=path.stem) for path in sorted(CASES.glob("*.yml"))]


def _read_case(path: Path) -> dict[str, Any]:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(case, dict), f"{path.name}: a case is a mapping"
    assert not case.keys() - KEYS, f"{path.name}: unknown keys {sorted(case.keys() - KEYS)}"
    assert "exit" in case and "expect" in case, f"{path.name}: needs `exit` and `expect`"
    return case


@pytest.mark.usefixtures("source_date")
@pytest.mark.parametrize("path", _cases())
def test_check_prints_the_expected_messages(
    path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    write_model: Any,
) -> None:
    case = _read_case(path)
    binary = case.get("files_bytes") or {}
    has_organisation = any(Path(p).stem in ("organisation", "organization") for p in binary)
    content = write_model(
        tmp_path,
        case.get("files") or {},
        organisation=not (case.get("no_organisation") or has_organisation),
    )
    for relative, encoded in binary.items():
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(encoded))
    monkeypatch.chdir(tmp_path)

    code = main(["check", "--content", "content", *case.get("args", [])])

    assert capsys.readouterr().out.splitlines() == case["expect"]
    assert code == case["exit"]
