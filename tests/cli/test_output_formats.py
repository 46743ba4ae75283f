"""`opmodel check --output-format text|json|github|sarif`: the same findings for people,
scripts, GitHub annotations and code scanning; exit codes do not depend on the format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from opmodel import Diagnostic, Severity
from opmodel.cli import main
from opmodel.codes import CODES
from opmodel.diagnostic_formats import FORMATS, format_github, format_sarif

pytestmark = pytest.mark.usefixtures("source_date")

SARIF_SCHEMA = Path(__file__).parents[1] / "data" / "sarif" / "sarif-schema-2.1.0.json"

# An error at its place (with a did-you-mean) and a warning about a whole file.
ERROR_AND_WARNING = {
    "roles/analyst.yml": "title: Analyst\n",
    "roles/lead.yml": "title: Lead\nreports_to: analist\n",
    "roles/.draft.yml": "title: Draft\n",
}

# Health warnings only; the role's title is quoted in each message.
HOSTILE_TITLE = {"roles/analyst.yml": 'title: "Data, 100%: the\\nbest"\n'}


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "--no-cache", *args])
    out, err = capsys.readouterr()
    return code, out, err


def positionless(message: str = "the model has no organisation") -> Diagnostic:
    """A diagnostic with no place in its file (line 0): no format may invent one."""
    return Diagnostic("content", 0, 0, Severity.ERROR, "OPM110", message)


def sarif_errors(text: str) -> list[str]:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    return [
        f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(json.loads(text))
    ]


@pytest.mark.parametrize("output_format", list(FORMATS))
@pytest.mark.parametrize(("files", "exit_code"), [(ERROR_AND_WARNING, 1), (HOSTILE_TITLE, 0)])
def test_the_exit_code_is_the_same_in_every_format(
    in_tmp: Path,
    write_model: Any,
    capsys: pytest.CaptureFixture[str],
    output_format: str,
    files: dict[str, str],
    exit_code: int,
) -> None:
    write_model(in_tmp, files)

    assert check(capsys, "--output-format", output_format)[0] == exit_code


def test_text_is_the_default_and_unchanged(
    in_tmp: Path, write_model: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    write_model(in_tmp, ERROR_AND_WARNING)

    assert check(capsys) == check(capsys, "--output-format", "text")
    _, out, err = check(capsys)
    assert out.splitlines() == [
        "content/roles/.draft.yml:1:1: warning: '.draft.yml' is not read: a name that starts "
        "with '.' is hidden (rename it to 'draft.yml' to read it) [OPM117]",
        "content/roles/lead.yml:2:13: error: unknown role 'analist' (did you mean 'analyst'?) "
        "[OPM301]",
    ]
    assert err == "content: 1 error(s), 1 warning(s)\n"


def test_github_annotates_each_diagnostic_at_its_file_line_and_column(
    in_tmp: Path, write_model: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    write_model(in_tmp, ERROR_AND_WARNING)

    _, out, err = check(capsys, "--output-format", "github")

    assert out.splitlines() == [
        "::warning file=content/roles/.draft.yml,line=1,col=1,title=OPM117 file-not-read::"
        "'.draft.yml' is not read: a name that starts with '.' is hidden "
        "(rename it to 'draft.yml' to read it)",
        "::error file=content/roles/lead.yml,line=2,col=13,title=OPM301 unknown-reference::"
        "unknown role 'analist' (did you mean 'analyst'?)",
    ]
    assert err == "content: 1 error(s), 1 warning(s)\n"  # the log still says how it went


def test_github_escapes_what_the_model_says_so_it_cannot_start_a_command(
    in_tmp: Path, write_model: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    write_model(in_tmp, HOSTILE_TITLE)

    out = check(capsys, "--output-format", "github")[1]

    assert out.splitlines()[0] == (
        "::warning file=content/roles/analyst.yml,line=1,col=1,title=OPM401 role-unfilled::"
        "role 'Data, 100%25: the%0Abest' has no holders "
        "(name the holder, or mark the role proposed while it is recruited)"
    )
    assert len(out.splitlines()) == 3


def test_github_property_values_escape_commas_and_colons_too() -> None:
    diagnostic = Diagnostic(
        "content/roles/a,b:c%.yml", 3, 5, Severity.ERROR, "OPM107", "bad\r\nid: a,b\x1b[31m"
    )

    assert format_github([diagnostic]) == (
        "::error file=content/roles/a%2Cb%3Ac%25.yml,line=3,col=5,title=OPM107 invalid-id::"
        "bad%0D%0Aid: a,b\\x1b[31m\n"
    )


def test_github_annotation_without_a_position_names_only_the_file() -> None:
    assert format_github([positionless()]) == (
        "::error file=content,title=OPM110 missing-organisation::the model has no organisation\n"
    )


def test_sarif_output_is_valid_sarif_2_1_0(
    in_tmp: Path, write_model: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    write_model(in_tmp, ERROR_AND_WARNING)

    _, out, err = check(capsys, "--output-format", "sarif")

    assert sarif_errors(out) == []
    assert err == ""  # standard output is the file; nothing else is said


def test_sarif_results_point_at_the_file_line_and_column(
    in_tmp: Path, write_model: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    write_model(in_tmp, ERROR_AND_WARNING)

    (run,) = json.loads(check(capsys, "--output-format", "sarif")[1])["runs"]

    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert [
        (r["ruleId"], rules[r["ruleIndex"]], r["level"], r["message"]["text"], r["locations"])
        for r in run["results"]
    ] == [
        (
            "OPM117",
            "OPM117",
            "warning",
            "'.draft.yml' is not read: a name that starts with '.' is hidden "
            "(rename it to 'draft.yml' to read it)",
            [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": "content/roles/.draft.yml",
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {"startLine": 1, "startColumn": 1},
                    }
                }
            ],
        ),
        (
            "OPM301",
            "OPM301",
            "error",
            "unknown role 'analist' (did you mean 'analyst'?)",
            [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": "content/roles/lead.yml",
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {"startLine": 2, "startColumn": 13},
                    }
                }
            ],
        ),
    ]


def test_sarif_describes_every_code_as_a_rule() -> None:
    (run,) = json.loads(format_sarif([]))["runs"]
    driver = run["tool"]["driver"]

    assert (driver["name"], run["results"]) == ("opmodel", [])
    assert [rule["id"] for rule in driver["rules"]] == sorted(CODES)
    unfilled = next(rule for rule in driver["rules"] if rule["id"] == "OPM401")
    assert unfilled["name"] == "role-unfilled"
    assert unfilled["shortDescription"]["text"] == "A role has no holders."
    assert unfilled["fullDescription"]["text"] == "A role has no holders. Fields: role.holders."
    assert sarif_errors(format_sarif([])) == []


def test_sarif_result_without_a_position_has_no_region_and_is_valid() -> None:
    text = format_sarif([positionless()])

    (result,) = json.loads(text)["runs"][0]["results"]
    assert result["locations"] == [
        {"physicalLocation": {"artifactLocation": {"uri": "content", "uriBaseId": "%SRCROOT%"}}}
    ]
    assert sarif_errors(text) == []


def test_sarif_paths_are_uri_references() -> None:
    odd = Diagnostic("content/roles/a b%#.yml", 1, 1, Severity.ERROR, "OPM107", "bad id")
    outside = Diagnostic("/srv/model/content/roles/a.yml", 1, 1, Severity.ERROR, "OPM107", "x")

    (run,) = json.loads(format_sarif([odd, outside]))["runs"]

    assert [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]] == [
        {"uri": "content/roles/a%20b%25%23.yml", "uriBaseId": "%SRCROOT%"},
        {"uri": "file:///srv/model/content/roles/a.yml"},
    ]


def test_json_has_the_documented_shape(
    in_tmp: Path, write_model: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    # README, "Output for machines": a list in output order, each object with these keys in
    # this order and these types. Changing it breaks scripts: change the README with it.
    write_model(in_tmp, ERROR_AND_WARNING)

    items = json.loads(check(capsys, "--output-format", "json")[1])

    shape = {
        "path": str,
        "line": int,
        "column": int,
        "severity": str,
        "code": str,
        "message": str,
        "hint": (str, type(None)),
        "name": str,
    }
    assert [list(item) for item in items] == [list(shape)] * 2
    assert all(isinstance(item[k], t) for item in items for k, t in shape.items())
    assert [(i["path"], i["line"], i["severity"], i["code"], i["name"]) for i in items] == [
        ("content/roles/.draft.yml", 1, "warning", "OPM117", "file-not-read"),
        ("content/roles/lead.yml", 2, "error", "OPM301", "unknown-reference"),
    ]
    assert items[1]["hint"] == "did you mean 'analyst'?"


@pytest.mark.parametrize("output_format", list(FORMATS))
def test_every_format_is_byte_identical_from_run_to_run(
    in_tmp: Path, write_model: Any, capsys: pytest.CaptureFixture[str], output_format: str
) -> None:
    write_model(in_tmp, {**ERROR_AND_WARNING, **HOSTILE_TITLE})

    first = check(capsys, "--output-format", output_format)
    assert main(["check", "--output-format", output_format]) == first[0]  # fills the cache
    assert capsys.readouterr() == first[1:]
    assert main(["check", "--output-format", output_format]) == first[0]  # reads the cache
    assert capsys.readouterr() == first[1:]


def test_the_deprecated_format_option_still_works_and_says_so(
    in_tmp: Path, write_model: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    write_model(in_tmp, ERROR_AND_WARNING)

    code, out, err = check(capsys, "--format", "json")

    assert (code, out) == check(capsys, "--output-format", "json")[:2]
    assert err == "opmodel: --format is deprecated; use --output-format\n"


def test_an_unknown_output_format_is_a_usage_error(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check", "--output-format", "xml"])

    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "--output-format" in err and all(name in err for name in FORMATS)


def test_the_sarif_schema_check_would_catch_a_wrong_log() -> None:
    # Guards the guard: the vendored schema is read and applied, not silently skipped.
    log = json.loads(format_sarif([positionless()]))
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["version"]

    assert len(sarif_errors(json.dumps(log))) == 2


@given(path=st.text(min_size=1), message=st.text(), hint=st.none() | st.text())
def test_github_gives_one_command_per_diagnostic_whatever_it_quotes(
    path: str, message: str, hint: str | None
) -> None:
    diagnostic = Diagnostic(path, 1, 1, Severity.WARNING, "OPM401", message, hint)

    (line,) = format_github([diagnostic, diagnostic]).splitlines()[:1]
    command, properties_and_data = line.split(" ", 1)
    properties, _, data = properties_and_data.partition("::")
    assert command == "::warning"
    assert len(format_github([diagnostic, diagnostic]).splitlines()) == 2
    # GitHub reads up to the first "::": no quoted text may end the properties early
    assert properties.split(",")[0].startswith("file=")
    assert properties.endswith(",line=1,col=1,title=OPM401 role-unfilled")
    assert "%" not in data.replace("%25", "").replace("%0A", "").replace("%0D", "")
