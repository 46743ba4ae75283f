"""Rebuilds redo only what changed: generated pages rendered before are taken from
`.cache/opmodel/pages`, and the result is the same site, byte for byte."""

from __future__ import annotations

import dataclasses
import logging
import pickle
import re
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from tests.site.test_site_build import _snapshot

from opmodel.site.mkdocs.configure import PAGES_CACHE


def _kept_pages(project: Path) -> dict[str, Any]:
    with closing(sqlite3.connect(project / PAGES_CACHE)) as db:
        return {key: pickle.loads(value) for key, value in db.execute("SELECT * FROM entries")}


def test_a_rebuild_takes_unchanged_pages_from_the_cache_and_is_byte_identical(
    copy_example: Any, build_site: Any, tmp_path: Path
) -> None:
    project = copy_example(tmp_path)
    assert build_site(project / "mkdocs.yml", tmp_path / "first") == 0
    kept = _kept_pages(project)
    assert len(kept) > 200  # every generated page, none of the guides

    assert build_site(project / "mkdocs.yml", tmp_path / "second") == 0

    assert _snapshot(tmp_path / "first") == _snapshot(tmp_path / "second")
    assert _kept_pages(project).keys() == kept.keys()


def test_a_kept_page_is_what_the_rebuild_publishes(
    copy_example: Any, build_site: Any, tmp_path: Path
) -> None:
    """Proof that a rebuild does not render the page again: what the cache holds for it
    is what gets published."""
    project = copy_example(tmp_path)
    assert build_site(project / "mkdocs.yml", tmp_path / "first") == 0
    for key, rendered in _kept_pages(project).items():
        if rendered.title == "Head of Data Engineering":
            marked = rendered.html.replace("<h2", '<p class="kept-marker"></p><h2', 1)
            with closing(sqlite3.connect(project / PAGES_CACHE)) as db, db:
                db.execute(
                    "UPDATE entries SET value = ? WHERE key = ?",
                    (pickle.dumps(dataclasses.replace(rendered, html=marked)), key),
                )
            break
    else:
        raise AssertionError("no kept page for the Head of Data Engineering")

    assert build_site(project / "mkdocs.yml", tmp_path / "second") == 0

    page = (tmp_path / "second" / "roles" / "head-of-data-engineering.html").read_text()
    assert 'class="kept-marker"' in page


def test_a_changed_role_is_rendered_again_and_the_stale_entry_dropped(
    copy_example: Any, build_site: Any, tmp_path: Path
) -> None:
    project = copy_example(tmp_path)
    assert build_site(project / "mkdocs.yml", tmp_path / "first") == 0
    before = _kept_pages(project)
    role = project / "content" / "roles" / "head-of-data-engineering.yml"
    role.write_text(
        re.sub(r"(?m)^title: .*$", "title: Head of Data Platforms", role.read_text()),
        encoding="utf-8",
    )

    assert build_site(project / "mkdocs.yml", tmp_path / "second") == 0

    page = (tmp_path / "second" / "roles" / "head-of-data-engineering.html").read_text()
    assert "Head of Data Platforms" in page
    after = _kept_pages(project)
    assert len(after) == len(before)  # pages that changed replaced, none left behind
    changed = before.keys() - after.keys()
    # Only the role's own page (its heading): pages that name the role do so in HTML blocks,
    # which are put in after rendering (`html_blocks.py`), and show the new name.
    assert len(changed) == 1
    unit = (tmp_path / "second" / "units" / "data-platform-team.html").read_text()
    assert "Head of Data Platforms" in unit


def test_the_cache_can_be_switched_off(copy_example: Any, build_site: Any, tmp_path: Path) -> None:
    project = copy_example(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - opmodel:\n", "  - opmodel:\n      cache: false\n"),
        encoding="utf-8",
    )
    assert "cache: false" in config.read_text()

    assert build_site(config, tmp_path / "site") == 0

    assert not (project / ".cache").exists()


def _mkdocs_build(
    project: Path, site_dir: Path, monkeypatch: Any, other_plugin: object = None
) -> None:
    """MkDocs' own build, in this process, so that the test can set the prerender's limits
    (and add a plugin)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir))
    if other_plugin is not None:
        config.plugins["other"] = other_plugin  # type: ignore[assignment]
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def test_pages_rendered_on_every_core_are_the_pages_mkdocs_renders_itself(
    copy_example: Any, tmp_path: Path, monkeypatch: Any, caplog: Any
) -> None:
    from opmodel.speed import prerender

    project = copy_example(tmp_path)
    monkeypatch.setattr(prerender, "available_workers", lambda: 2)

    monkeypatch.setattr(prerender, "MIN_PAGES", 10**9)  # MkDocs renders every page
    _mkdocs_build(project, tmp_path / "alone", monkeypatch)
    (project / PAGES_CACHE).unlink()
    monkeypatch.setattr(prerender, "MIN_PAGES", 1)  # two workers render them first
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.opmodel"):
        _mkdocs_build(project, tmp_path / "workers", monkeypatch)

    written = [m for m in caplog.messages if "written by 2 workers" in m]
    assert written == ["opmodel: 201 pages rendered and written by 2 workers"]
    assert _snapshot(tmp_path / "alone") == _snapshot(tmp_path / "workers")

    caplog.clear()
    with caplog.at_level(logging.INFO):
        _mkdocs_build(project, tmp_path / "again", monkeypatch)
    reused = [m for m in caplog.messages if "written by 2 workers" in m]
    assert reused == ["opmodel: 201 pages rendered and written by 2 workers (201 from the cache)"]
    assert not [m for m in caplog.messages if "Page skipped" in m]  # MkDocs wrote none of them
    assert _snapshot(tmp_path / "again") == _snapshot(tmp_path / "workers")
    assert _snapshot(tmp_path / "again") == _snapshot(tmp_path / "workers")


def test_a_page_whose_rendering_warns_is_rendered_by_mkdocs_and_warns_once(
    copy_example: Any, tmp_path: Path, monkeypatch: Any, caplog: Any
) -> None:
    """Workers print no warnings; MkDocs renders such a page itself, so `--strict` counts
    the warning and it is printed once."""
    from opmodel.speed import prerender

    project = copy_example(tmp_path)
    (project / "overrides").mkdir()
    (project / "overrides" / "person.md.j2").write_text(
        '{% extends "entity.md.j2" %}\n{% block sections %}[gone](gone.md){% endblock %}\n',
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - opmodel:\n", "  - opmodel:\n      templates: overrides\n"),
        encoding="utf-8",
    )
    monkeypatch.setattr(prerender, "available_workers", lambda: 2)
    monkeypatch.setattr(prerender, "MIN_PAGES", 1)
    people = len(list((project / "content" / "people").iterdir()))

    with caplog.at_level(logging.INFO):
        _mkdocs_build(project, tmp_path / "site", monkeypatch)

    gone = [m for m in caplog.messages if "'gone.md'" in m]
    assert len(gone) == people, gone
    written = [m for m in caplog.messages if "written by 2 workers" in m]
    assert written == [f"opmodel: {201 - people} pages rendered and written by 2 workers"]


def test_when_another_plugin_builds_pages_too_mkdocs_builds_every_page_itself(
    copy_example: Any, tmp_path: Path, monkeypatch: Any, caplog: Any
) -> None:
    """Workers would write the entity pages without the other plugin seeing them."""
    from mkdocs.plugins import BasePlugin

    from opmodel.speed import prerender

    class Stamps(BasePlugin):  # type: ignore[type-arg]
        def __init__(self) -> None:
            super().__init__()
            self.seen: list[str] = []

        def on_post_page(self, output: str, page: Any, **kwargs: Any) -> str:
            self.seen.append(page.file.src_uri)
            return output.replace("</body>", "<!-- stamped --></body>")

    project = copy_example(tmp_path)
    monkeypatch.setattr(prerender, "available_workers", lambda: 2)
    monkeypatch.setattr(prerender, "MIN_PAGES", 1)
    stamps = Stamps()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.opmodel"):
        _mkdocs_build(project, tmp_path / "site", monkeypatch, stamps)

    assert not [m for m in caplog.messages if "written by" in m]
    role = tmp_path / "site" / "roles" / "head-of-data-governance.html"
    assert "<!-- stamped -->" in role.read_text(encoding="utf-8")
    assert "roles/head-of-data-governance.md" in stamps.seen and len(stamps.seen) > 200
