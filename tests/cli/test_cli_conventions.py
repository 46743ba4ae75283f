"""The command line behaves as the tools beside it do (ruff, mkdocs, pre-commit): --version,
`python -m`, the content folder as PATH, -q/-v, did-you-mean, one-line refusals outside a
project, and exit codes 0 / 1 / 2. Each row of the README's table has a test here."""

from __future__ import annotations

import logging
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from opmodel import cli
from opmodel.cli import main
from opmodel.site.publish import QUIET_ENV, verbosity_options

pytestmark = pytest.mark.usefixtures("source_date")

ROLE = {"roles/analyst.yml": "title: Analyst\nholders: [Ann]\n"}
SUMMARY = "content: 1 role: 0 error(s), 2 warning(s)\n"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """What argparse says on stderr when it refuses `argv` with exit 2."""
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    return capsys.readouterr().err


# -- --version and python -m ------------------------------------------------------------------


def test_version_prints_opmodel_mkdocs_material_and_graphviz_and_exits_zero(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])

    lines = capsys.readouterr().out.splitlines()
    assert exited.value.code == 0
    assert [line.split()[0] for line in lines] == [
        "opmodel",
        "mkdocs",
        "mkdocs-material",
        "graphviz",
    ]
    assert lines[0] == f"opmodel {metadata.version('opmodel')}"
    assert lines[2] == f"mkdocs-material {metadata.version('mkdocs-material')}"


def test_version_says_graphviz_is_not_found_when_dot_is_not_on_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))

    assert cli.versions()[-1].startswith("graphviz not found (dot is not on PATH;")


def test_python_dash_m_opmodel_runs_the_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "opmodel", "--version"], capture_output=True, text=True, check=False
    )

    assert done.returncode == 0
    assert done.stdout.startswith(f"opmodel {metadata.version('opmodel')}\n")


def test_the_script_ends_as_main_returns_output_and_status_whole(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    write_model: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`python -m opmodel` ends without freeing the model (`cli.console`, `os._exit`): what
    it printed, to a pipe that buffers it, and its exit status are still main's."""
    write_model(tmp_path, {**ROLE, "roles/broken.yml": "title: Broken\nunit: nowhere\n"})
    monkeypatch.chdir(tmp_path)
    status = main(["check", "--output-format", "json"])
    printed = capsys.readouterr()

    done = subprocess.run(
        [sys.executable, "-m", "opmodel", "check", "--output-format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert status == 1
    assert (done.returncode, done.stdout, done.stderr) == (status, printed.out, printed.err)
    assert len(done.stdout) > 200  # the whole JSON, not what fitted a buffer


# -- the content folder as PATH ---------------------------------------------------------------


def test_check_takes_the_content_folder_as_a_positional_path(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    write_model: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "acme").mkdir()
    write_model(tmp_path / "acme", ROLE)
    monkeypatch.chdir(tmp_path)

    assert main(["check", "acme/content"]) == 0
    assert capsys.readouterr().err == "acme/content: 1 role: 0 error(s), 2 warning(s)\n"


def test_path_and_content_may_both_be_given_when_they_agree(
    in_tmp: Path, write_model: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    write_model(in_tmp, ROLE)

    assert main(["check", "content", "--content", "./content"]) == 0
    assert capsys.readouterr().err == SUMMARY


def test_path_and_content_that_disagree_are_a_usage_error(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = usage_error(["check", "a", "--content", "b"], capsys)

    assert err.splitlines()[-1] == (
        "opmodel check: error: PATH a and --content b disagree; give one of them"
    )


def test_export_takes_the_content_folder_as_a_positional_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_model: Any
) -> None:
    (tmp_path / "acme").mkdir()
    write_model(tmp_path / "acme", ROLE)
    monkeypatch.chdir(tmp_path)

    assert main(["export", "acme/content", "--format", "json", "--out", "model.json"]) == 0
    assert '"analyst"' in (tmp_path / "model.json").read_text()


def test_generate_takes_the_content_folder_after_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_model: Any
) -> None:
    (tmp_path / "acme").mkdir()
    write_model(tmp_path / "acme", ROLE)
    monkeypatch.chdir(tmp_path)

    assert main(["generate", "out", "acme/content", "--no-diagrams", "-q"]) == 0
    assert (tmp_path / "out" / "docs" / "roles" / "analyst.md").is_file()


def test_schema_writes_into_the_model_folder_given_as_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_model: Any
) -> None:
    (tmp_path / "acme").mkdir()
    write_model(tmp_path / "acme", {})
    monkeypatch.chdir(tmp_path)

    assert main(["schema", "acme/content", "-q"]) == 0
    assert (tmp_path / "acme" / "content" / ".schema" / "role.schema.json").is_file()


# -- -q and -v --------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["-q", "check"], ["check", "-q"], ["check", "--quiet"]])
def test_quiet_check_prints_the_problems_but_not_the_summary(
    argv: list[str], in_tmp: Path, write_model: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    write_model(in_tmp, ROLE)

    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert len(out.splitlines()) == 2  # the two warnings


def test_verbose_check_adds_the_timings_and_the_cache_before_the_summary(
    in_tmp: Path, write_model: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    write_model(in_tmp, ROLE)

    assert main(["check", "-v", "--no-cache"]) == 0
    detail, summary = capsys.readouterr().err.splitlines()
    assert detail.startswith("opmodel: read the model in ")
    assert "s (no cache), checked it in " in detail
    assert summary + "\n" == SUMMARY


def test_quiet_and_verbose_together_are_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = usage_error(["check", "-q", "-v"], capsys)

    assert "argument -v/--verbose: not allowed with argument -q/--quiet" in err


@pytest.mark.parametrize(("flag", "verbosity"), [("-q", -1), ("-v", 1), (None, 0)])
def test_build_passes_quiet_and_verbose_on(
    flag: str | None, verbosity: int, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (in_tmp / "mkdocs.yml").write_text("site_name: x\n")
    seen: dict[str, Any] = {}

    def build_site(*args: object, **kwargs: object) -> int:
        seen.update(kwargs)
        return 0

    monkeypatch.setattr("opmodel.site.publish.build_site", build_site)

    assert main(["build", *([flag] if flag else [])]) == 0
    assert seen["verbosity"] == verbosity


def test_quiet_keeps_mkdocs_warnings_where_mkdocs_own_quiet_would_hide_them() -> None:
    assert verbosity_options(-1) == ([], {QUIET_ENV: "1"})  # read by the plugin
    assert verbosity_options(1) == (["--verbose"], {})
    assert verbosity_options(0) == ([], {})


def test_serve_passes_quiet_on_to_mkdocs(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (in_tmp / "mkdocs.yml").write_text("site_name: x\n")
    seen: list[tuple[list[str], dict[str, str] | None]] = []

    def run_child(command: list[str], env: dict[str, str] | None = None) -> int:
        seen.append((command, env))
        return 0

    monkeypatch.setattr("opmodel.site.publish.run_child", run_child)

    assert main(["-q", "serve"]) == 0
    ((command, env),) = seen
    assert command[3:5] == ["serve", "--config-file"]
    assert env is not None and env[QUIET_ENV] == "1"


def test_the_plugin_shows_only_warnings_and_errors_under_quiet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from opmodel.site.mkdocs.plugin import OpmodelPlugin

    logger = logging.getLogger("mkdocs")
    before = logger.level
    monkeypatch.setenv(QUIET_ENV, "1")
    try:
        OpmodelPlugin().on_startup(command="build", dirty=False)

        assert logger.getEffectiveLevel() == logging.WARNING
    finally:
        logger.setLevel(before)  # setLevel, not setattr: it also clears the loggers' caches


# -- did you mean -----------------------------------------------------------------------------


def test_a_mistyped_command_suggests_the_closest(capsys: pytest.CaptureFixture[str]) -> None:
    err = usage_error(["chek"], capsys)

    assert err.splitlines()[-1] == "opmodel: error: unknown command 'chek' (did you mean 'check'?)"


def test_an_unknown_command_with_nothing_close_lists_the_commands(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = usage_error(["-q", "xyzzy"], capsys)

    assert err.splitlines()[-1].startswith(
        "opmodel: error: unknown command 'xyzzy' (choose from check, schema, build,"
    )


@pytest.mark.parametrize("typed", ["--stirct", "--stirct=yes"])
def test_a_mistyped_option_suggests_the_closest_of_that_command(
    typed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = usage_error(["check", typed], capsys)

    assert err.startswith("usage: opmodel check ")
    assert err.splitlines()[-1] == (
        f"opmodel check: error: unrecognized arguments: {typed} (did you mean '--strict'?)"
    )


def test_a_mistyped_option_of_a_nested_command_suggests_from_that_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = usage_error(["import", "csv", "x.csv", "--kind", "roles", "--dry-rn"], capsys)

    assert err.splitlines()[-1].endswith("--dry-rn (did you mean '--dry-run'?)")


# -- outside a project ------------------------------------------------------------------------

OUTSIDE = (
    "opmodel: no mkdocs.yml here (and no content folder at ./content); "
    "start one with: opmodel new DIR\n"
)


@pytest.mark.parametrize("command", ["build", "serve"])
def test_build_and_serve_outside_a_project_say_so_in_one_line(
    command: str, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command]) == 2
    assert capsys.readouterr() == ("", OUTSIDE)


def test_build_with_a_model_but_no_mkdocs_yml_names_only_what_is_missing(
    in_tmp: Path, write_model: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    write_model(in_tmp, {})

    assert main(["build"]) == 2
    assert (
        capsys.readouterr().err == "opmodel: no mkdocs.yml here; start one with: opmodel new DIR\n"
    )


@pytest.mark.parametrize("argv", [["check"], ["export", "--format", "json", "--out", "-"]])
def test_commands_that_read_the_model_outside_a_project_say_so_in_one_line(
    argv: list[str], in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert capsys.readouterr() == (
        "",
        "opmodel: no content folder at ./content (and no mkdocs.yml here); "
        "start one with: opmodel new DIR\n",
    )


def test_check_where_mkdocs_yml_names_another_content_folder_points_to_it(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (in_tmp / "model").mkdir()
    (in_tmp / "mkdocs.yml").write_text("plugins:\n  - search\n  - opmodel:\n      content: model\n")

    assert main(["check"]) == 2
    assert capsys.readouterr().err == (
        "opmodel: no content folder at ./content; mkdocs.yml's opmodel plugin reads model: "
        "opmodel check model\n"
    )


def test_a_file_given_as_the_content_folder_is_a_usage_error(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (in_tmp / "model.yml").write_text("")

    assert main(["check", "model.yml"]) == 2
    assert capsys.readouterr().err == (
        "opmodel: ./model.yml is not a folder; pass the model's folder: opmodel check PATH\n"
    )


def test_schema_refuses_to_create_a_schema_folder_where_there_is_no_model(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema"]) == 2

    assert capsys.readouterr().err == (
        "opmodel: no model at ./content (no organisation.yml), so no schemas written into "
        "it; pass --out DIR to write them elsewhere, or start one with: opmodel new DIR\n"
    )
    assert list(in_tmp.iterdir()) == []


def test_schema_writes_content_schema_where_there_is_a_model(
    in_tmp: Path, write_model: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    write_model(in_tmp, {})

    assert main(["schema"]) == 0
    assert "content/.schema/role.schema.json" in capsys.readouterr().out.splitlines()


# -- exit codes -------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"]])
def test_help_documents_the_exit_codes(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)

    assert exited.value.code == 0
    assert "exit status: 0 ok; 1 the model has errors (or a build failed); 2 usage" in (
        capsys.readouterr().out
    )


def test_a_model_with_errors_exits_one(
    in_tmp: Path, write_model: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    write_model(in_tmp, {"roles/analyst.yml": "title: Analyst\nunit: nowhere\n"})

    assert main(["check", "-q"]) == 1
    assert "[OPM301]" in capsys.readouterr().out


def test_each_commands_help_says_what_quiet_and_verbose_do_for_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name in cli.VERBOSITY:
        argv = ["import", "csv", "--help"] if name == "import" else [name, "--help"]
        with pytest.raises(SystemExit):
            main(argv)

        assert cli.VERBOSITY[name] in " ".join(capsys.readouterr().out.split()), name
