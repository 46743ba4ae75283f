"""`check` and `build` refuse the same things with the same messages.

Both run one checking path (load, then the health checks); a refusal that only the site
generator makes would let `check` pass a model that `build` then refuses. Every golden
error case is built here (in-process, without diagrams or history) and its error lines
compared with those of `opmodel check`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from diagnostic_cases import case_params, read_case, write_case

from opmodel.cli import main
from opmodel.load.files import RESERVED_PAGE_IDS
from opmodel.site.generate import GenerateFailed, generate

REPO = Path(__file__).resolve().parents[2]
ERROR_CASES = [p for p in case_params() if read_case(p.values[0])["exit"] != 0]


def _errors(text: str) -> set[str]:
    return {line for line in text.splitlines() if ": error: " in line}


def _build_errors(content: Path, case: dict[str, Any]) -> set[str]:
    try:
        generate(content, diagrams=False, baseline=None, strict="--strict" in case.get("args", []))
    except GenerateFailed as failure:
        return _errors(str(failure))
    return set()


@pytest.mark.usefixtures("source_date")
@pytest.mark.parametrize("path", ERROR_CASES)
def test_build_refuses_a_case_with_the_errors_check_reports(
    path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    case = read_case(path)
    write_case(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    main(["check", "--no-cache", "--content", "content", *case.get("args", [])])
    checked = _errors(capsys.readouterr().out)

    built = _build_errors(Path("content"), case)

    assert checked, "an error case with no error from check"
    assert built == checked


def test_every_error_case_is_built() -> None:
    assert len(ERROR_CASES) >= 40


def test_the_reserved_guide_names_are_the_names_the_site_uses(
    source_date: None,
) -> None:
    """The loader refuses guides named like a generated page (OPM120) from its own list of
    names: it must be the list of what the generator makes."""
    made = generate(REPO / "content", diagrams=False, baseline=None)
    used = {path.split("/")[0].removesuffix(".md") for path in [p.path for p in made.pages]}
    used |= {path.split("/")[0] for path in made.assets if "/" in path}

    assert used == set(RESERVED_PAGE_IDS)
