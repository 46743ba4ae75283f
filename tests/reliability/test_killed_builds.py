"""A build killed part-way (SIGKILL, a power cut) loses nothing, whichever way it was run:
`mkdocs build` (the plugin in an existing MkDocs site), `mkdocs gh-deploy`, and
`opmodel build --site-dir`.

Each build is killed at several moments of a cold build (no cache), chosen by how far it
got: how many files it had written. The previous site must be intact byte for byte every
time, nothing visible may appear beside it, and the next build must clear what the killed
ones left.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.test_build_atomic import hidden_left

Cli = Callable[..., list[str]]

KILL_POINTS = (0.0, 0.02, 0.25, 0.5, 0.75, 0.95)
"""How far a killed build got: the share of the site's files it had written (0: none yet,
killed while it loads the model)."""
POLL_SECONDS = 0.02


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _visible(project: Path) -> set[str]:
    return {p.name for p in project.iterdir() if not p.name.startswith(".")}


def _written_since(project: Path, start_ns: int) -> int:
    """Files the running build has written anywhere in the project (into site/ or a
    staging folder beside it): the only way to tell how far it got from outside."""
    count = 0
    for folder, dirs, files in os.walk(project):  # os.walk skips what vanishes meanwhile
        if Path(folder) == project:
            dirs[:] = [d for d in dirs if d not in ("content", "theme", ".cache", ".git")]
        for name in files:
            with contextlib.suppress(OSError):  # moved or removed while we looked
                count += os.stat(os.path.join(folder, name)).st_mtime_ns >= start_ns
    return count


def _run(args: list[str], project: Path, env: dict[str, str]) -> None:
    done = subprocess.run(
        args, cwd=project, env=env, capture_output=True, text=True, check=False, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def _kill_part_way(
    args: list[str], project: Path, env: dict[str, str], share: float, total: int
) -> int:
    """Start a cold build and SIGKILL it (and every process it started) once it has written
    `share` of `total` files; returns how many it had written."""
    _clear_cache(project)
    start_ns = time.time_ns() - 1
    build = subprocess.Popen(
        args,
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill reaches MkDocs too
    )
    target = int(share * total)
    written = 0
    try:
        while share > 0 and (written := _written_since(project, start_ns)) < target:
            assert build.poll() is None, f"the build finished before {share:.0%} was written"
            time.sleep(POLL_SECONDS)
        if share == 0:
            time.sleep(0.3)  # loading the model
        assert build.poll() is None, "the build finished before it could be killed"
    finally:
        os.killpg(build.pid, signal.SIGKILL)
        build.wait(timeout=30)
        _wait_for_group_to_exit(build.pid)
    return written


def _clear_cache(project: Path) -> None:
    subprocess.run(["rm", "-rf", str(project / ".cache")], check=True)


def _wait_for_group_to_exit(pgid: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    raise AssertionError("the killed build's processes are still running")


def _rename_organisation(project: Path, name: str) -> None:
    """A change the killed builds would publish, were they not atomic."""
    organisation = project / "content" / "organisation.yml"
    text = organisation.read_text(encoding="utf-8")
    organisation.write_text(text.replace("name: ", f"name: {name} ", 1), encoding="utf-8")


def _kill_loop(
    build: list[str], project: Path, env: dict[str, str], points: tuple[float, ...]
) -> None:
    _clear_cache(project)
    _run(build, project, env)
    site = project / "site"
    before = _snapshot(site)
    entries = _visible(project)
    assert "index.html" in before and len(before) > 200
    _rename_organisation(project, "Renamed")
    for share in points:
        written = _kill_part_way(build, project, env, share, len(before))
        now = _snapshot(site)
        if now != before:
            # On a loaded machine the kill can land just after the swap: the site must then
            # be the new build, whole (a build of the same files elsewhere), never a mixture.
            whole = project.parent / f"whole-{share}"
            _run([*build, "--site-dir", str(whole)], project, env)
            assert now == _snapshot(whole), (
                f"killed at {share:.0%} ({written} files written), the site is a mixture"
            )
            before = now
            _rename_organisation(project, f"Renamed{share:.0%}")  # a change still to publish
        assert _visible(project) == entries, f"killed at {share:.0%}, it left visible folders"
    leftovers = sorted(p.name for p in project.glob(".site*"))
    _run(build, project, env)
    assert not hidden_left(project), f"the next build left {leftovers} behind"
    assert "Renamed" in (site / "index.html").read_text(encoding="utf-8")
    assert sorted(_snapshot(site)) == sorted(before)


def test_a_killed_mkdocs_build_leaves_the_previous_site_intact(
    example_project: Path, run_env: dict[str, str], cli: Cli
) -> None:
    # Diagrams only lengthen the model's loading: the kill points are chosen by files written.
    env = run_env | {"OPMODEL_NO_DIAGRAMS": "1"}
    _kill_loop(cli("mkdocs", "build"), example_project, env, KILL_POINTS)


def test_a_killed_opmodel_build_into_a_site_dir_leaves_it_intact(
    example_project: Path, run_env: dict[str, str], cli: Cli
) -> None:
    env = run_env | {"OPMODEL_NO_DIAGRAMS": "1"}
    build = cli("opmodel", "build", "--site-dir", "site")
    _kill_loop(build, example_project, env, (0.1, 0.9))


def test_a_killed_mkdocs_gh_deploy_leaves_the_site_intact_and_a_finished_one_pushes_it_all(
    example_project: Path, run_env: dict[str, str], cli: Cli, tmp_path: Path
) -> None:
    """gh-deploy builds, then pushes site_dir: it must push the whole new site."""
    remote = tmp_path / "remote.git"
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    for step in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "model"]):
        subprocess.run([*git, *step], cwd=example_project, check=True)
    subprocess.run(["git", "remote", "add", "origin", str(remote)], cwd=example_project, check=True)
    env = run_env | {
        "OPMODEL_NO_DIAGRAMS": "1",
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    (example_project / ".gitignore").write_text("site/\n.cache/\n.site*\n", encoding="utf-8")
    deploy = cli("mkdocs", "gh-deploy", "--force", "--ignore-version")
    _kill_loop(deploy, example_project, env, (0.5,))
    pushed = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "gh-pages"],
        cwd=remote,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    site = _snapshot(example_project / "site")
    assert set(site) <= set(pushed), "gh-deploy pushed only part of the site"
    shown = subprocess.run(
        ["git", "show", "gh-pages:index.html"], cwd=remote, capture_output=True, check=True
    ).stdout
    assert shown == site["index.html"]


@pytest.fixture(autouse=True)
def _no_git_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The user's git configuration (hooks, signing) stays out of the gh-deploy test."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
