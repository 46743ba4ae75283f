"""Helpers for the reliability tests, as fixtures (see tests/conftest.py): the example site
copied into a temporary folder, and the commands users run, as subprocesses (so that a
traceback anywhere shows in the output the tests read)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

SOURCE_DATE_EPOCH = "1795392000"
"""2026-11-23T00:00:00Z, as in tests/conftest.py."""


@dataclass(frozen=True)
class Run:
    status: int
    output: str
    """stdout and stderr together."""


def run(program: str, *args: str, cwd: Path, diagrams: bool = False) -> Run:
    """`opmodel ARGS` or `mkdocs ARGS` from this environment, in `cwd`."""
    script = Path(sys.executable).with_name(program)
    command = [str(script)] if script.exists() else [sys.executable, "-m", program]
    env = os.environ | {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    if not diagrams:
        env["OPMODEL_NO_DIAGRAMS"] = "1"
    done = subprocess.run(
        [*command, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    return Run(done.returncode, done.stdout + done.stderr)


@pytest.fixture(name="run")
def _run() -> Callable[..., Run]:
    return run


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
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
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
