"""Helpers for the reliability tests, as fixtures (see tests/conftest.py): the example site
copied into a temporary folder, and the commands users run, as subprocesses."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def example_project(tmp_path: Path) -> Path:
    """The example site (content/, theme/, mkdocs.yml) in a folder of its own, no cache."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(REPO / "theme", project / "theme")
    return project


@pytest.fixture
def run_env(tmp_path: Path) -> dict[str, str]:
    """The environment the commands run in: a temporary folder of the test's own (so a test
    can see what they leave there), no MkDocs 2 banner, a fixed date."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    return os.environ | {
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1795392000",
        "TMPDIR": str(temp),
    }


def command(name: str, *args: str) -> list[str]:
    """`opmodel ...` or `mkdocs ...` from the environment running the tests."""
    script = Path(sys.executable).with_name(name)
    if script.exists():
        return [str(script), *args]
    module = "opmodel.cli" if name == "opmodel" else name
    return [sys.executable, "-m", module, *args]


@pytest.fixture
def cli() -> Callable[..., list[str]]:
    return command
