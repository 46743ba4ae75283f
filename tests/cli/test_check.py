"""`opmodel check` and `opmodel schema`: exit codes, output formats, the summary line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from opmodel.cli import main

pytestmark = pytest.mark.usefixtures("source_date")


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_valid_model_exits_zero_with_a_summary_on_stderr(
    in_tmp: Path, write_model: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    write_model(in_tmp, {"roles/analyst.yml": "title: Analyst\nholders: [Ann]\n"})

    code = main(["check"])

    out, err = capsys.readouterr()
    assert code == 0
    assert err == "content: 1 role: 0 error(s), 2 warning(s)\n"
    assert len(out.splitlines()) == 2


def test_a_missing_content_folder_is_a_usage_error_not_a_traceback(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", "--content", "nowhere"])

    assert code == 2
    assert capsys.readouterr().err == (
        "opmodel: no content folder at ./nowhere; pass the model's folder "
        "(opmodel check PATH) or start one with: opmodel new DIR\n"
    )


def test_json_format_lists_the_diagnostics(
    in_tmp: Path, write_model: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    write_model(in_tmp, {"roles/analyst.yml": "title: Analyst\nunit: data\n"})

    code = main(["check", "--output-format", "json"])

    items = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [(i["path"], i["line"], i["column"], i["code"]) for i in items] == [
        ("content/roles/analyst.yml", 2, 7, "OPM301")
    ]


def test_json_format_with_nothing_to_say_is_an_empty_list(
    in_tmp: Path, write_model: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    write_model(in_tmp, {})

    assert main(["check", "--output-format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_an_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check", "--stirct"])

    assert exited.value.code == 2


def test_schema_writes_one_json_schema_per_kind(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "--out", "schemas"]) == 0

    written = sorted(p.name for p in (in_tmp / "schemas").iterdir())
    role = json.loads((in_tmp / "schemas" / "role.schema.json").read_text())
    assert "role.schema.json" in written and "organisation.schema.json" in written
    assert role["additionalProperties"] is False
    assert "$schema" in role["properties"]
