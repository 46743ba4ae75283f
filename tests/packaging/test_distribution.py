"""What a release would publish: the sdist and wheel `make dist` builds, checked as PyPI
would check them, and the wheel installed, not editable, into a new environment where a
user's first two commands (`opmodel new`, `opmodel build`) must work.

Everything opmodel reads at run time (templates, assets, the scaffold, schemas) must be
inside the wheel: the editable install the rest of the suite uses reads them from the
source tree, so only this test sees a file left out of the package data.
"""

from __future__ import annotations

import email
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(os.environ.get("OPMODEL_TOOLS") or Path(sys.executable).parent)
"""Where uv and twine are: the locked environment's, also when `make test-oldest` runs the
suite in an environment of its own."""
UV = TOOLS / "uv"


@dataclass(frozen=True)
class Dist:
    sdist: Path
    wheel: Path


def run(*command: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    if not UV.exists():
        pytest.fail(f"uv is not in {TOOLS}: run `make test`, which installs it")
    out = tmp_path_factory.mktemp("dist")
    # From the files a clone would have, not the working tree: setuptools also packs what a
    # stale `*.egg-info/SOURCES.txt` lists, which would hide a file left out of the package.
    clone = tmp_path_factory.mktemp("clone")
    for name in sorted(tracked(".", untracked=True)):
        (clone / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, clone / name)
    # As `make dist`: the sdist first, then the wheel built from the unpacked sdist, so a
    # file the sdist lacks fails the wheel's build.
    run(UV, "build", "--quiet", "--out-dir", out, cwd=clone)
    (sdist,) = out.glob("opmodel-*.tar.gz")
    (wheel,) = out.glob("opmodel-*-py3-none-any.whl")
    return Dist(sdist, wheel)


def wheel_names(dist: Dist) -> set[str]:
    with zipfile.ZipFile(dist.wheel) as archive:
        return set(archive.namelist())


def sdist_names(dist: Dist) -> set[str]:
    with tarfile.open(dist.sdist) as archive:
        top = dist.sdist.name.removesuffix(".tar.gz")
        return {name.removeprefix(top + "/") for name in archive.getnames()}


def tracked(*folders: str, untracked: bool = False) -> set[str]:
    """The files git has (and, with `untracked`, would add) under these folders."""
    also = ["--cached", "--others", "--exclude-standard"] if untracked else []
    listed = run("git", "ls-files", "-z", *also, "--", *folders).split("\0")
    return {name for name in listed if name and (ROOT / name).is_file()}


def test_the_wheel_carries_every_file_opmodel_reads_at_run_time(dist: Dist) -> None:
    names = wheel_names(dist)
    package = ROOT / "generator" / "opmodel"
    data = {
        "opmodel/" + path.relative_to(package).as_posix()
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }

    assert data - names == set()
    assert "opmodel/py.typed" in names
    assert not [name for name in names if name.startswith("tests/") or name.endswith(".pyc")]


def test_the_wheel_and_sdist_carry_the_licence(dist: Dist) -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    with zipfile.ZipFile(dist.wheel) as archive:
        (inside,) = [name for name in archive.namelist() if name.endswith("licenses/LICENSE")]
        assert archive.read(inside).decode("utf-8") == licence
    assert "LICENSE" in sdist_names(dist)


def test_the_metadata_is_what_an_index_shows(dist: Dist) -> None:
    with zipfile.ZipFile(dist.wheel) as archive:
        (name,) = [name for name in archive.namelist() if name.endswith(".dist-info/METADATA")]
        metadata = email.message_from_bytes(archive.read(name))

    assert metadata["License-Expression"] == "MIT"
    assert metadata["Requires-Python"] == ">=3.11"
    classifiers = metadata.get_all("Classifier")
    assert "Framework :: MkDocs" in classifiers
    assert "Typing :: Typed" in classifiers
    for version in ("3.11", "3.12", "3.13"):
        assert f"Programming Language :: Python :: {version}" in classifiers
    assert "mkdocs" in metadata["Keywords"].split(",")
    assert metadata["Description-Content-Type"] == "text/markdown"


def test_the_sdist_carries_what_its_tests_need(dist: Dist) -> None:
    needed = tracked("tests", "content", "theme", "benchmarks", "generator", ".vscode", "docs") | {
        "pyproject.toml",
        "uv.lock",
        "mkdocs.yml",
        "Makefile",
        "README.md",
        "LICENSE",
        ".pre-commit-hooks.yaml",  # tests/cli/test_pre_commit_hook.py reads it
    }

    assert needed - sdist_names(dist) == set()


def test_twine_finds_nothing_to_fix(dist: Dist) -> None:
    run(TOOLS / "twine", "check", "--strict", dist.sdist, dist.wheel)


def test_the_wheel_installed_into_a_new_environment_makes_and_builds_a_starter(
    dist: Dist, tmp_path: Path
) -> None:
    if shutil.which("dot") is None:
        pytest.fail("Graphviz's dot is missing: run `make test`, which installs it")
    env = tmp_path / "env"
    run(sys.executable, "-m", "venv", env)
    python = env / "bin" / "python"
    # opmodel's dependencies at the locked versions first, from uv's cache when it has them;
    # then opmodel itself with the line the starter's README gives its readers.
    locked = tmp_path / "locked.txt"
    run(UV, "export", "--quiet", "--frozen", "--no-dev", "--no-emit-project", "--no-hashes",
        "--output-file", locked)  # fmt: skip
    run(UV, "pip", "install", "--quiet", "--python", python, "-r", locked)
    shutil.copy(dist.wheel, tmp_path)
    scaffold_readme = ROOT / "generator/opmodel/scaffold/templates/README.md"
    line = install_line(scaffold_readme.read_text(encoding="utf-8"), version(dist))
    run(*line.replace("python", str(python), 1).split(), cwd=tmp_path)

    isolated = {**os.environ, "PATH": f"{env / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    isolated.pop("PYTHONPATH", None)
    where = run(python, "-c", "import opmodel; print(opmodel.__file__)", cwd=tmp_path, env=isolated)
    assert Path(where.strip()).is_relative_to(env)
    run(env / "bin" / "opmodel", "new", "x", cwd=tmp_path, env=isolated)
    run(env / "bin" / "opmodel", "build", cwd=tmp_path / "x", env=isolated)

    site = tmp_path / "x" / "site"
    assert (site / "index.html").is_file()
    assert (site / "roles" / "index.html").is_file()
    assert list(site.rglob("*.svg")) or "<svg" in (site / "index.html").read_text()
    assert f"made with opmodel {version(dist)}" in (tmp_path / "x" / "README.md").read_text()


def version(dist: Dist) -> str:
    return dist.wheel.name.split("-")[1]


def install_line(readme: str, version: str) -> str:
    """The README's first install command, for the wheel of this version."""
    found = re.search(r"^python -m pip install opmodel-\S+\.whl$", readme, re.MULTILINE)
    assert found, "the starter's README gives no wheel install line"
    return found[0].replace("__OPMODEL_VERSION__", version)
