"""`opmodel build` is atomic and deterministic, run as users run it (a subprocess):

- a build killed part-way (SIGKILL to it and its MkDocs child) leaves the previous site
  byte for byte as it was, and nothing the user would see beside it: the staging folder it
  leaves is hidden, and the next build clears it;
- the same input builds to byte-identical output, with the diagram cache cold or warm and
  whatever the site folder is called.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE_DATE_EPOCH = "1795392000"
KILL_AFTER_SECONDS = 1.5


def _command(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("opmodel")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "opmodel.cli"]
    return [*command, *args]


def _env() -> dict[str, str]:
    return os.environ | {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_MKDOCS_2_WARNING": "1"}


def _build(project: Path, site: str = "site") -> None:
    done = subprocess.run(
        _command("build", "--site-dir", site),
        cwd=project,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def _copy_example(folder: Path) -> Path:
    project = folder / "project"
    project.mkdir(parents=True)
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(REPO / "theme", project / "theme")
    return project


def hidden_left(project: Path, seconds: float = 20) -> list[str]:
    """The hidden `.site*` folders in `project` once the previous sites handed to their own
    process to delete (`.site-gone-*`, `publish.swap`) are gone, or `seconds` have passed."""
    deadline = time.monotonic() + seconds
    while list(project.glob(".site-gone-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    return sorted(p.name for p in project.glob(".site*"))


def _small_project(folder: Path) -> Path:
    """A model of one organisation file: builds in a second or two."""
    project = folder / "project"
    (project / "content" / "pages").mkdir(parents=True)
    (project / "content" / "organisation.yml").write_text("name: Small\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Small\ndocs_dir: content/pages\ntheme:\n  name: material\n"
        "plugins:\n  - opmodel\n",
        encoding="utf-8",
    )
    return project


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _visible_entries(project: Path) -> set[str]:
    return {p.name for p in project.iterdir() if not p.name.startswith(".")}


def test_a_build_killed_part_way_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    project = _copy_example(tmp_path)
    _build(project)
    before = _snapshot(project / "site")
    entries = _visible_entries(project)
    assert "index.html" in before and entries == {"content", "mkdocs.yml", "site", "theme"}

    # A change the killed build would publish, and no diagram cache: the build runs long
    # enough to be caught part-way.
    organisation = project / "content" / "organisation.yml"
    organisation.write_text(
        organisation.read_text(encoding="utf-8").replace("name: ", "name: Renamed ", 1),
        encoding="utf-8",
    )
    shutil.rmtree(project / ".cache")
    build = subprocess.Popen(
        _command("build"),
        cwd=project,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill reaches MkDocs too
    )
    time.sleep(KILL_AFTER_SECONDS)
    assert build.poll() is None, "the build finished before it could be killed"
    os.killpg(build.pid, signal.SIGKILL)
    build.wait(timeout=30)
    _wait_for_group_to_exit(build.pid)

    assert _snapshot(project / "site") == before, "the killed build changed the site"
    assert _visible_entries(project) == entries, "the killed build left visible folders"
    leftovers = sorted(p.name for p in project.glob(".site*"))

    _build(project)
    assert not hidden_left(project), f"the next build left {leftovers} behind"
    assert "Renamed" in (project / "site" / "index.html").read_text(encoding="utf-8")


def _wait_for_group_to_exit(pgid: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise AssertionError("the killed build's processes are still running")


def test_a_staging_folder_of_a_build_still_running_is_left_alone(tmp_path: Path) -> None:
    """The next build clears only staging folders whose build is gone: one whose process
    is alive (here: this test's) may be another build at work."""
    project = _small_project(tmp_path)
    running = project / f".site-building-{os.getpid()}-busy"
    dead = project / ".site-building-999999999-gone"
    legacy = project / ".site-building-x1y2z3"
    for folder in (running, dead, legacy):
        (folder / "assets").mkdir(parents=True)
    _build(project)
    assert running.is_dir(), "a running build's staging folder was removed"
    assert not dead.exists() and not legacy.exists(), "stale staging folders were kept"


def test_a_kill_between_the_two_renames_is_repaired_by_the_next_build(tmp_path: Path) -> None:
    """`swap` renames site/ to .site-old, then the new build to site/: killed in between,
    the previous site waits under .site-old, and the next build puts it back first (so that
    a failing next build still leaves a site)."""
    project = _small_project(tmp_path)
    _build(project)
    (project / "site").rename(project / ".site-old")
    (project / "content" / "roles").mkdir()
    (project / "content" / "roles" / "broken.yml").write_text("title: [\n", encoding="utf-8")
    failed = subprocess.run(
        _command("build"), cwd=project, env=_env(), capture_output=True, text=True, check=False
    )
    assert failed.returncode == 1 and "Traceback" not in failed.stdout + failed.stderr
    assert (project / "site" / "index.html").is_file(), "the previous site was not restored"
    assert not (project / ".site-old").exists()


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path: Path) -> None:
    """The first build draws every diagram (cold cache), the second reads them from the
    cache, into a folder of another name: not one byte differs."""
    project = _copy_example(tmp_path)
    _build(project, "first")
    _build(project, "second")
    first, second = _snapshot(project / "first"), _snapshot(project / "second")
    assert sorted(first) == sorted(second), "the builds wrote different files"
    differing = [path for path in first if first[path] != second[path]]
    assert not differing, "files that differ between two builds:\n" + "\n".join(differing)
    assert len(first) > 200


def test_the_previous_site_is_deleted_after_the_new_one_is_in_place(tmp_path: Path) -> None:
    """`swap` hands the previous site to a process of its own to delete (a large one takes
    seconds); what a deletion cut short left goes with the next build's."""
    project = _small_project(tmp_path)
    _build(project)
    (project / "site" / "from-the-first-build.txt").write_text("old", encoding="utf-8")
    left = project / ".site-gone-999999999-1"
    (left / "assets").mkdir(parents=True)

    _build(project)

    assert (project / "site" / "index.html").is_file()
    assert not (project / "site" / "from-the-first-build.txt").exists()
    assert not hidden_left(project), "a previous site was never deleted"
