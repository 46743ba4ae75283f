"""A plain `mkdocs build --strict` that warns fails, and leaves the previous site as it was:
MkDocs aborts only after every file is written, so the plugin must not swap in the staged
site when strict mode is about to abort (`_publish` in site/mkdocs/plugin.py)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

Cli = Callable[..., list[str]]


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _small_project(folder: Path) -> Path:
    project = folder / "small"
    (project / "content" / "pages").mkdir(parents=True)
    (project / "content" / "organisation.yml").write_text("name: Small\n", encoding="utf-8")
    (project / "content" / "pages" / "guide.md").write_text("# Guide\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Small\ndocs_dir: content/pages\ntheme:\n  name: material\n"
        "plugins:\n  - opmodel\n",
        encoding="utf-8",
    )
    return project


def test_a_strict_mkdocs_build_that_warns_leaves_the_previous_site(
    tmp_path: Path, run_env: dict[str, str], cli: Cli
) -> None:
    project = _small_project(tmp_path)
    first = subprocess.run(
        cli("mkdocs", "build"), cwd=project, env=run_env, capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    before = _snapshot(project / "site")
    guide = project / "content" / "pages" / "guide.md"
    guide.write_text("# Guide, changed\n\n[gone](missing.md)\n", encoding="utf-8")
    build = cli("mkdocs", "build", "--strict")
    failed = subprocess.run(build, cwd=project, env=run_env, capture_output=True, text=True)
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0 and "strict mode" in output, output
    assert _snapshot(project / "site") == before, "the aborted build changed the site"
    assert not list(project.glob(".site*")), "the aborted build left its staging folder"
