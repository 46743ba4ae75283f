"""Commands run as users run them (subprocesses), so that a traceback anywhere shows in
the output the tests read."""

from __future__ import annotations

import os
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
