"""An environment that drifted below opmodel's requirements gets a sentence, not a
traceback from deep inside a build."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from opmodel.cli import EXIT_USAGE, main
from opmodel.dependencies import unmet_requirements


def declaring(monkeypatch: pytest.MonkeyPatch, *requirements: str) -> None:
    monkeypatch.setattr(metadata, "requires", lambda name: list(requirements))


def test_the_locked_environment_meets_every_requirement() -> None:
    assert unmet_requirements() == []


def test_a_too_old_library_is_named_with_its_version_and_the_fix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    declaring(monkeypatch, "nh3>=99")

    (problem,) = unmet_requirements()

    found = metadata.version("nh3")
    assert problem == (
        f"nh3 {found} is installed; opmodel needs nh3>=99: python -m pip install 'nh3>=99'"
    )


def test_a_missing_library_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    declaring(monkeypatch, "no-such-library-here>=1")

    assert unmet_requirements() == [
        "no-such-library-here is not installed; opmodel needs no-such-library-here>=1: "
        "python -m pip install 'no-such-library-here>=1'"
    ]


def test_extras_and_other_platforms_are_not_required(monkeypatch: pytest.MonkeyPatch) -> None:
    declaring(
        monkeypatch,
        'no-such-test-tool>=1; extra == "test"',
        'no-such-windows-library>=1; sys_platform == "never"',
    )

    assert unmet_requirements() == []


def test_the_cli_stops_with_the_message_before_doing_anything(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    declaring(monkeypatch, "nh3>=99")

    assert main(["check", "--content", "does-not-matter"]) == EXIT_USAGE

    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("opmodel: nh3 ")
    assert "Traceback" not in captured.err


def test_the_plugin_fails_the_build_with_the_message_before_the_site_is_touched(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - opmodel\n")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    declaring(monkeypatch, "nh3>=99")

    with pytest.raises(PluginError, match=r"^nh3 .* opmodel needs nh3>=99"):
        config.plugins["opmodel"].on_config(config)
