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

from pathlib import Path

import pytest
from diagnostic_cases import case_params, read_case, write_case

from opmodel.cli import main


@pytest.mark.usefixtures("source_date")
@pytest.mark.parametrize("path", case_params())
def test_check_prints_the_expected_messages(
    path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    case = read_case(path)
    write_case(case, tmp_path)
    monkeypatch.chdir(tmp_path)

    code = main(["check", "--content", "content", *case.get("args", [])])

    assert capsys.readouterr().out.splitlines() == case["expect"]
    assert code == case["exit"]
