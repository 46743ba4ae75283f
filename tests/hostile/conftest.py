"""The hostile-input corpus: text written like attacks, and files written to break the
loader. corpus/ is a small, valid model whose every name and description is hostile (HTML
and script tags, Markdown table and link syntax, DOT syntax, quotes, backslashes,
right-to-left overrides, emoji, 10,000-character names); it must build and render as the
text it is. refused.yml lists inputs `opmodel check` must refuse with a `path:line:column`
message; the tests generate the ones too large or too binary to commit.

`opmodel` runs as a subprocess, as users run it, so that a traceback anywhere (in MkDocs, in
a thread, at exit) shows in the output the tests read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest

from opmodel import Model, load_model

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
SOURCE_DATE_EPOCH = "1795392000"
"""2026-11-23T00:00:00Z, as in tests/conftest.py."""


@dataclass(frozen=True)
class Run:
    status: int
    output: str
    """stdout and stderr together."""


def opmodel(*args: str, cwd: Path) -> Run:
    script = Path(sys.executable).with_name("opmodel")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "opmodel.cli"]
    env = os.environ | {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [*command, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    return Run(done.returncode, done.stdout + done.stderr)


@pytest.fixture(scope="session")
def run_opmodel() -> Callable[..., Run]:
    """Run `opmodel ARGS` in a folder; returns its exit status and output."""
    return opmodel


@dataclass
class HostileSite:
    project: Path
    site: Path
    model: Model
    check: Run
    build: Run

    @cached_property
    def pages(self) -> dict[str, str]:
        """Every built HTML page's source, by its site-relative path."""
        return {
            p.relative_to(self.site).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(self.site.rglob("*.html"))
        }


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> HostileSite:
    """The corpus, checked and built once (in a copy: a build writes a cache beside it)."""
    project = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(CORPUS, project)
    check = opmodel("check", cwd=project)
    build = opmodel("build", "--site-dir", "site", cwd=project)
    result = load_model(project / "content")
    assert result.model is not None, "\n".join(d.format() for d in result.diagnostics)
    return HostileSite(project, project / "site", result.model, check, build)
