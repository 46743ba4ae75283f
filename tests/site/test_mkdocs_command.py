"""`python -m opmodel.site.mkdocs`, the `mkdocs build` that `opmodel build` runs, answers as
`mkdocs` does: the same messages and exit status, and output that reaches its reader
though the process ends without Python's teardown."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from opmodel.site.mkdocs.__main__ import _status


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "opmodel.site.mkdocs", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_a_build_and_a_usage_error_answer_as_mkdocs_does(copy_example: Any, tmp_path: Path) -> None:
    project = copy_example(tmp_path)
    built = _run("build", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert "role 'Change Manager' was due for review" in built.stderr  # flushed
    assert built.stderr.rstrip().endswith("seconds")  # "Documentation built in ..."

    strict = _run("build", "--strict", "--site-dir", str(tmp_path / "s2"), cwd=project)
    assert strict.returncode == 1
    assert re.search(r"Aborted with \d+ warnings in strict mode!", strict.stdout + strict.stderr)

    usage = _run("build", "--no-such-option", cwd=project)
    assert usage.returncode == 2
    assert "Usage: mkdocs build" in usage.stderr


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (3, 3), ("a message", 1)])
def test_the_status_is_what_system_exit_gives(code: object, status: int) -> None:
    assert _status(code) == status
