"""`opmodel serve` (`mkdocs serve --dirty`): after an edit, only the pages that changed are
rendered, and the site is byte for byte the one a full build of the same files gives.

The builds run in this process the way `mkdocs serve` runs them: one plugin instance kept
across builds, a fresh config for each, `dirty=True`.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from opmodel import speed
from opmodel.model import build as model_build
from opmodel.site.mkdocs import pages, quick
from opmodel.site.mkdocs.serve import ChangedPaths
from opmodel.speed import fork_map, prerender
from opmodel.speed.fork_map import available_workers

SERVE_URL = "http://127.0.0.1:8000/"


@pytest.fixture
def project(copy_example: Any, tmp_path: Path, monkeypatch: Any) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    folder: Path = copy_example(tmp_path)
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def serve(project: Path, tmp_path: Path) -> Iterator[Callable[[], None]]:
    """One build as `mkdocs serve --dirty` runs it, into tmp_path/served."""
    site = tmp_path / "served"
    first = _config(project, site)
    first.plugins.on_startup(command="serve", dirty=True)

    def rebuild() -> None:
        build(_config(project, site), serve_url=SERVE_URL, dirty=True)

    rebuild.plugin = first.plugins["opmodel"]  # type: ignore[attr-defined]
    yield rebuild
    first.plugins.on_shutdown()
    _forget_the_served_search_index(first)


def _forget_the_served_search_index(config: Any) -> None:
    """MkDocs keeps one instance of each plugin per process, and Material's search plugin
    keeps the last index of a dirty build to merge into the next: a build later in this
    process (another test, or the full build compared against) must not inherit it."""
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index_prev"):
            plugin.search_index_prev = None
            plugin.is_dirty = False


def _config(project: Path, site: Path) -> Any:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    return config


def _full_build(project: Path, site: Path) -> None:
    config = _config(project, site)
    _forget_the_served_search_index(config)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config, serve_url=SERVE_URL)
    finally:
        config.plugins.on_shutdown()


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


def _rendered_again(caplog: Any) -> int:
    counts = [
        int(m[1])
        for r in caplog.records
        if (m := re.match(r"opmodel: (\d+) pages rendered again", r.getMessage()))
    ]
    assert counts, "no partial build was logged"
    return counts[-1]


def test_an_edit_renders_only_the_pages_that_changed(
    project: Path, tmp_path: Path, serve: Callable[[], None], caplog: Any
) -> None:
    caplog.set_level(logging.INFO)
    serve()
    role = project / "content" / "roles" / "accessibility-lead.yml"

    _edit(role, r"^purpose: ", "purpose: Edited while serving. ")
    serve()
    assert _rendered_again(caplog) == 1
    served = tmp_path / "served"
    assert "Edited while serving." in (served / "roles" / "accessibility-lead.html").read_text()

    _edit(role, r"^title: .*$", "title: Access Champion")  # shown wherever it is linked
    serve()
    assert 1 < _rendered_again(caplog) < 60

    _full_build(project, tmp_path / "full")
    assert _files(served) == _files(tmp_path / "full")


def test_a_removed_entity_leaves_no_page_and_no_search_entry(
    project: Path, tmp_path: Path, serve: Callable[[], None], caplog: Any
) -> None:
    caplog.set_level(logging.INFO)
    new_role = project / "content" / "roles" / "serve-test-role.yml"
    new_role.write_text(
        "title: Serve Test Role\nunit: user-centred-design-practice\n"
        "reports_to: head-of-user-centred-design\npurpose: Here for a while.\n",
        encoding="utf-8",
    )
    serve()
    served = tmp_path / "served"
    assert (served / "roles" / "serve-test-role.html").is_file()

    new_role.unlink()
    serve()

    assert not (served / "roles" / "serve-test-role.html").exists()
    index = json.loads((served / "search" / "search_index.json").read_text())
    assert not [d for d in index["docs"] if "serve-test-role" in d["location"]]
    _full_build(project, tmp_path / "full")
    assert _files(served) == _files(tmp_path / "full")


def test_a_theme_edit_renders_every_page_again(
    project: Path, tmp_path: Path, serve: Callable[[], None], caplog: Any
) -> None:
    caplog.set_level(logging.INFO)
    serve()
    overrides = project / "theme" / "main.html"
    overrides.write_text(
        overrides.read_text(encoding="utf-8")
        + "\n{% block extrahead %}<!-- edited -->{% endblock %}\n",
        encoding="utf-8",
    )
    caplog.clear()
    serve()
    assert not [r for r in caplog.records if "rendered again" in r.getMessage()]
    role_page = (tmp_path / "served" / "roles" / "accessibility-lead.html").read_text()
    assert "<!-- edited -->" in role_page
    assert not [r for r in caplog.records if "dirty" in r.getMessage()]  # no MkDocs noise


def _quick_build(serve: Any, changed: Collection[Path]) -> bool:
    """What the server's builder tries first after an edit to content/ (`quick.py`), with
    no new configuration (MkDocs loads one for its own builds only); `changed`: what the
    server's file events named. True: published, and the browsers were told to reload."""
    reloaded: list[bool] = []
    published = serve.plugin._quickly({str(p) for p in changed}, lambda: reloaded.append(True))
    assert 1 <= len(reloaded) <= 2 if published else not reloaded
    return bool(published)


def test_an_edit_that_keeps_the_site_s_shape_is_published_without_mkdocs_build(
    project: Path, tmp_path: Path, serve: Callable[[], None], caplog: Any, monkeypatch: Any
) -> None:
    caplog.set_level(logging.INFO)
    serve()
    walks: list[Path] = []
    really_discover = model_build.discover
    monkeypatch.setattr(
        model_build,
        "discover",
        lambda content, *a: walks.append(content) or really_discover(content, *a),
    )
    served = tmp_path / "served"
    role = project / "content" / "roles" / "accessibility-lead.yml"
    page = served / "roles" / "accessibility-lead.html"
    _edit(role, r"^purpose: ", "purpose: Edited while serving. ")
    assert _quick_build(serve, [role])
    assert not walks  # the server named the file that changed: content/ is not walked
    assert _rendered_again(caplog) == 1
    assert "Edited while serving." in page.read_text()
    index = (served / "search" / "search_index.json").read_text()
    assert index.count("Edited while serving.") == 1

    _edit(role, r"^title: .*$", "title: Access Champion")  # every page that links to it
    assert _quick_build(serve, [role])
    assert 1 < _rendered_again(caplog) < 60
    assert "Access Champion" in (served / "search" / "search_index.js").read_text()

    # A new role is a new page: MkDocs builds, and the next edit is quick again.
    new_role = project / "content" / "roles" / "serve-test-role.yml"
    new_role.write_text(
        "title: Serve Test Role\nunit: user-centred-design-practice\n"
        "reports_to: head-of-user-centred-design\npurpose: Here for a while.\n",
        encoding="utf-8",
    )
    assert not _quick_build(serve, [new_role])
    assert walks  # a new file: only a walk finds it
    serve()
    _edit(new_role, r"^purpose: ", "purpose: Edited again. ")
    assert _quick_build(serve, [new_role])
    _full_build(project, tmp_path / "full")  # (the served plugin is done with after it)
    assert _files(served) == _files(tmp_path / "full")


def test_the_page_being_edited_is_published_first_and_the_rest_after(
    project: Path, tmp_path: Path, serve: Callable[[], None]
) -> None:
    """The browsers reload once the edited entity's own page is written, and again once
    the pages that link to it, the search index and model.json are (each file replaced in
    one step, as the server serves them meanwhile)."""
    serve()
    served = tmp_path / "served"
    role = project / "content" / "roles" / "accessibility-lead.yml"
    page, index = (
        served / "roles" / "accessibility-lead.html",
        served / "search" / "search_index.json",
    )
    linking = served / "units" / "user-centred-design-practice.html"  # lists the role
    _edit(role, r"^title: .*$", "title: Access Champion")
    seen: list[tuple[bool, bool, bool]] = []

    def reload() -> None:
        seen.append(tuple("Access Champion" in f.read_text() for f in (page, linking, index)))

    written_after = [linking, index, index.with_suffix(".js"), served / "model.json"]
    before = {path: path.stat().st_ino for path in written_after}
    assert serve.plugin._quickly({str(role)}, reload)  # type: ignore[attr-defined]
    assert seen == [(True, False, False), (True, True, True)]
    # what is written while the browsers may read it is replaced whole, never rewritten
    assert all(path.stat().st_ino != before[path] for path in written_after)
    assert not list(served.rglob("*.partial")) and not list(served.glob(".opmodel-*"))


def test_a_quick_build_gives_way_to_mkdocs_where_it_cannot_be_exact(
    project: Path, tmp_path: Path, serve: Callable[[], None], caplog: Any, monkeypatch: Any
) -> None:
    serve()
    guide = next((project / "content" / "pages").glob("*.md"))
    guide.write_text(guide.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    assert not _quick_build(serve, [guide])  # guides are MkDocs' own pages
    serve()

    role = project / "content" / "roles" / "accessibility-lead.yml"
    _edit(role, r"^title: .*$", "title: Accessibility Lead Warned Of")
    really_title = pages.page_title

    def warning_title(meta: Any, title: str | None, is_homepage: bool) -> str | None:
        if "Warned Of" in (title or ""):  # as if rendering that role's page warned
            logging.getLogger("mkdocs.structure.pages").warning("a warning of MkDocs'")
        return really_title(meta, title, is_homepage)

    monkeypatch.setattr(pages, "page_title", warning_title)
    caplog.set_level(logging.WARNING)
    caplog.clear()
    assert not _quick_build(serve, [role])  # MkDocs prints and counts the warning in its build
    serve()
    assert [r.getMessage() for r in caplog.records].count("a warning of MkDocs'") == 1
    monkeypatch.undo()

    monkeypatch.setattr(quick, "get_build_date", lambda: "2100-01-01")
    _edit(role, r"^title: .*$", "title: Accessibility Lead")
    assert not _quick_build(serve, [role])  # a new day: the sitemap shows it
    serve()
    monkeypatch.undo()
    _edit(role, r"^purpose: ", "purpose: Fine. ")
    assert _quick_build(serve, [role])
    _full_build(project, tmp_path / "full")
    assert _files(tmp_path / "served") == _files(tmp_path / "full")


def test_the_server_s_builder_is_quick_only_for_edits_to_the_model(tmp_path: Path) -> None:
    from opmodel.site.mkdocs.quick import wrap_builder

    content = tmp_path / "content"
    content.mkdir()
    built: list[str] = []
    server = _server(tmp_path, tmp_path)
    server.builder = lambda: built.append("mkdocs")
    changes = ChangedPaths()
    quick_answers = [True]

    shown: list[int] = []

    def quickly(changed: set[str], reload: Callable[[], None]) -> bool:
        assert changed
        built.append("quick")
        reload()
        shown.append(server._visible_epoch)
        return quick_answers[0]

    wrap_builder(server, changes, content.resolve(), quickly)
    server._wanted_epoch = 42
    changes.add(str(content / "roles" / "a.yml"))
    server.builder()
    # the browsers see a new version (each reload one: the edited page, then the rest)
    assert built == ["quick"] and server._visible_epoch == server._wanted_epoch > 42
    epoch = server._visible_epoch
    changes.add(str(content / "roles" / "a.yml"))
    server.builder()
    assert server._visible_epoch > epoch
    changes.add(str(content / "roles" / "a.yml"), str(tmp_path / "mkdocs.yml"))
    server.builder()
    assert built == ["quick", "quick", "mkdocs"]
    server.builder()  # nothing noted (a polling observer): MkDocs builds
    assert built == ["quick", "quick", "mkdocs", "mkdocs"]
    quick_answers[0] = False  # it reloaded the browsers, then gave way (a page warned)
    changes.add(str(content / "units.yml"))
    epoch = server._visible_epoch
    server.builder()
    assert built == ["quick", "quick", "mkdocs", "mkdocs", "quick", "mkdocs"]
    # after MkDocs' build the browsers reload again: the version they were shown is older
    assert epoch < shown[-1] < server._visible_epoch == server._wanted_epoch


@pytest.mark.skipif(available_workers() < 2, reason="forking needs two cores")
def test_the_first_served_build_forks_and_the_next_ones_do_not(
    project: Path, tmp_path: Path, serve: Callable[[], None], caplog: Any, monkeypatch: Any
) -> None:
    """Before the server starts its threads the process may fork, as `opmodel build` does:
    on a large model the first build took half as long again without. What the workers
    made is kept for the next build all the same. Once threads run, builds stay in this
    process."""
    monkeypatch.setattr(prerender, "MIN_PAGES", 1)  # the example has a few hundred pages
    monkeypatch.setattr(fork_map, "MIN_ITEMS", 1)
    # The threads this process runs, as `Speed.may_fork` counts them: none but this one
    # before the server starts (whatever an earlier test left running here).
    threads = [1]
    monkeypatch.setattr(speed, "threading", SimpleNamespace(active_count=lambda: threads[0]))
    caplog.set_level(logging.INFO)
    serve()
    assert _forked_pages(caplog)

    caplog.clear()
    threads[0] = 3  # the server's and the file watcher's
    _edit(project / "content" / "roles" / "accessibility-lead.yml",
          r"^purpose: ", "purpose: Edited while serving. ")  # fmt: skip
    serve()
    assert not _forked_pages(caplog)
    assert _rendered_again(caplog) == 1
    made, kept = _made_and_kept(caplog)
    assert made <= 5 and kept > 100  # the pages the workers made were kept

    _full_build(project, tmp_path / "full")
    assert _files(tmp_path / "served") == _files(tmp_path / "full")


def _made_and_kept(caplog: Any) -> tuple[int, int]:
    pattern = r"opmodel: (\d+) pages and \d+ entity diagrams made again, (\d+) pages kept"
    found = [m for r in caplog.records if (m := re.match(pattern, r.getMessage()))]
    assert found, "no build said what it kept"
    return int(found[-1][1]), int(found[-1][2])


def _forked_pages(caplog: Any) -> list[str]:
    return [m for r in caplog.records if "rendered and written by" in (m := r.getMessage())]


def _server(root: Path, watched: Path) -> Any:
    """MkDocs' live-reload server as `mkdocs serve` has it when plugins' `on_serve` runs:
    `watched` scheduled on its polling observer, nothing started, no port bound."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(
        builder=lambda: None, host="127.0.0.1", port=0, root=str(root), polling_interval=60
    )
    server.watch(str(watched))
    return server


def _told_of_an_edit(server: Any, path: Path, seconds: float) -> bool:
    path.write_text("edited\n", encoding="utf-8")
    with server._rebuild_cond:
        return bool(server._rebuild_cond.wait_for(lambda: server._want_rebuild, seconds))


def test_the_server_hears_of_an_edit_from_file_events_not_a_poll(tmp_path: Path) -> None:
    """The folders MkDocs watched before `on_serve` and those watched after it both reach
    the build loop at once; MkDocs' own observer polls every 60 s here, so only file events
    could tell it within the second. Reading a file tells it nothing (every build reads
    them all)."""
    from opmodel.site.mkdocs.serve import watch_with_events

    before, after = tmp_path / "docs", tmp_path / "content"
    before.mkdir()
    after.mkdir()
    server = _server(tmp_path, before)
    polling = server.observer
    changes = ChangedPaths()
    assert server.build_delay == 0.1  # MkDocs' wait for a poll's events to settle
    assert watch_with_events(server, changes)
    assert server.build_delay == 0.02  # a save's file events come within milliseconds
    server.watch(str(after))
    server.observer.start()  # as `serve()` starts it: once is enough
    try:
        assert server.observer is not polling
        assert _told_of_an_edit(server, before / "a.md", 5)
        server._want_rebuild = False
        assert _told_of_an_edit(server, after / "roles.yml", 5)
        noted: set[str] = set()
        for _ in range(50):  # the last events of a write may come a moment later
            noted |= changes.take()
            if str(after / "roles.yml") in noted:
                break
            time.sleep(0.1)
        assert {str(before / "a.md"), str(after / "roles.yml")} <= noted
        time.sleep(1)  # the write's last events (closed after writing), even on a busy machine
        server._want_rebuild = False
        (after / "roles.yml").read_text(encoding="utf-8")  # what every build does
        with server._rebuild_cond:
            assert not server._rebuild_cond.wait_for(lambda: server._want_rebuild, 0.5)
        server.unwatch(str(before))  # MkDocs' bookkeeping follows the move
        server._want_rebuild = False
        assert not _told_of_an_edit(server, before / "b.md", 0.5)
    finally:
        server.observer.stop()


def test_opmodel_serve_poll_keeps_mkdocs_polling(tmp_path: Path, monkeypatch: Any) -> None:
    from opmodel.site.mkdocs.serve import watch_with_events
    from opmodel.site.publish import POLL_ENV

    monkeypatch.setenv(POLL_ENV, "1")
    server = _server(tmp_path, tmp_path)
    polling = server.observer
    assert not watch_with_events(server, ChangedPaths())
    assert server.observer is polling
    assert server.build_delay == 0.1
