"""`.pre-commit-hooks.yaml`: a model repository runs `opmodel check` from pre-commit.

pre-commit reads the manifest with its own loader here, and runs the hook on a small model
repository. The one step not run is the one pre-commit adds for `language: python` (a
virtualenv with opmodel pip-installed from this repository, which needs PyPI for the
dependencies and a minute or more): the hook runs as `language: unsupported` instead,
from this environment's `opmodel`. That the repository installs as a package is
tests/packaging/'s business.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from pre_commit.clientlib import load_manifest

ROOT = Path(__file__).parents[2]
MANIFEST = ROOT / ".pre-commit-hooks.yaml"

pytestmark = pytest.mark.usefixtures("source_date")  # also in the hook's environment


def hook() -> dict[str, Any]:
    (only,) = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(only, dict)
    return only


def test_the_manifest_is_valid_for_pre_commit() -> None:
    (loaded,) = load_manifest(str(MANIFEST))

    assert {key: loaded[key] for key in ("id", "entry", "language", "pass_filenames")} == {
        "id": "opmodel-check",
        "entry": "opmodel check",
        "language": "python",
        "pass_filenames": False,
    }


@pytest.mark.parametrize(
    ("path", "matches"),
    [
        ("content/organisation.yml", True),
        ("content/roles/analyst.yaml", True),
        ("content/forums/board.md", True),
        ("content/.schema/role.schema.json", False),
        ("README.md", False),
        ("docs/content/roles/x.yml", False),
    ],
)
def test_the_hook_runs_for_the_models_yaml_and_markdown(path: str, matches: bool) -> None:
    assert bool(re.search(hook()["files"], path)) is matches


@pytest.fixture
def model_repo(tmp_path: Path, write_model: Any) -> Path:
    """A git repository holding a small valid model and a pre-commit configuration that
    uses this repository's hook as it is written, but from this environment."""
    repo = tmp_path / "model"
    repo.mkdir()
    write_model(repo, {"roles/analyst.yml": "title: Analyst\nholders: [Ann]\n"})
    local = hook() | {"language": "unsupported"}
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (repo / "README.md").write_text("A model.\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    return repo


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def pre_commit(repo: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        # the hook's `opmodel` is this environment's
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "NO_COLOR": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--color", "never", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_pre_commit_passes_a_valid_model(model_repo: Path, tmp_path: Path) -> None:
    ran = pre_commit(model_repo, tmp_path, "--all-files")

    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "opmodel check" in ran.stdout and "Passed" in ran.stdout


def test_pre_commit_fails_on_a_model_error_and_shows_where(
    model_repo: Path, tmp_path: Path
) -> None:
    (model_repo / "content" / "roles" / "lead.yml").write_text(
        "title: Lead\nreports_to: analist\n", encoding="utf-8"
    )
    git(model_repo, "add", "-A")

    ran = pre_commit(model_repo, tmp_path, "--all-files")

    assert ran.returncode == 1
    assert "Failed" in ran.stdout
    assert (
        "content/roles/lead.yml:2:13: error: unknown role 'analist' "
        "(did you mean 'analyst'?) [OPM301]"
    ) in ran.stdout


def test_pre_commit_skips_the_check_when_no_model_file_changed(
    model_repo: Path, tmp_path: Path
) -> None:
    ran = pre_commit(model_repo, tmp_path, "--files", "README.md")

    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "Skipped" in ran.stdout


@pytest.mark.skipif(
    os.environ.get("OPMODEL_TEST_PRE_COMMIT_INSTALL") != "1",
    reason="installs opmodel with its dependencies into a fresh virtualenv (a package index "
    "and ~15 s); set OPMODEL_TEST_PRE_COMMIT_INSTALL=1 to run it",
)
def test_pre_commit_installs_the_hook_from_this_repository(
    model_repo: Path, tmp_path: Path
) -> None:
    # The whole path a model repository takes: pre-commit builds `language: python`'s
    # virtualenv from this repository (its committed files) and runs the hook from there.
    flags = ("--all-files", "--color", "never")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    ran = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "opmodel-check", *flags],
        cwd=model_repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "Passed" in ran.stdout
