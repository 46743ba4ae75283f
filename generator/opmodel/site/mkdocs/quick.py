"""`opmodel serve`: an edit to the model that leaves the site's shape as it was is published
without MkDocs' build.

Even a dirty build (`serve.py`) is a whole MkDocs build: it lists and adds every file, makes
the navigation, asks every page whether it changed, merges and writes the search index;
on a large model (18,000 pages) that is a second before the one page that changed is
rendered. When the files that changed are all in the model's content folder, and the site
made from it again has the same pages in the same places, the same navigation, guides and
assets, the pages that changed are rendered with the last build's own configuration,
navigation and theme environment (`prerender.write`, as the workers render theirs),
written, and the browsers told to reload; the search index and the assets that changed
(model.json, the calendars) are written after.

Anything else, and MkDocs builds as before: a page came or went, the navigation or a guide
changed, a page's rendering warned (MkDocs prints and counts it), another plugin takes part
in the build, `--strict`, the build date moved on (the sitemap shows it), or the last build
failed. The site is byte for byte what a full build of the same files gives
(tests/site/test_site_serve.py).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_date

from opmodel.site.generate import Generated
from opmodel.site.mkdocs import prerender, serve
from opmodel.site.pages import GeneratedPage

log = logging.getLogger("mkdocs.plugins.opmodel")


def all_within(paths: Iterable[str], folder: Path) -> bool:
    """Whether there are paths and all are in `folder` (resolved)."""
    paths = list(paths)
    return bool(paths) and all(Path(os.path.realpath(p)).is_relative_to(folder) for p in paths)


@dataclass(frozen=True)
class LastBuild:
    """What the last finished build under `mkdocs serve` leaves for the next edit."""

    job: prerender.Job
    generated: Generated
    published: Mapping[str, object]
    """Its generated pages (and guides) by source path (`serve.DirtyBuilds`)."""
    build_date: str

    def allows(self) -> bool:
        """Whether a quick build can be had at all (before the model is loaded again)."""
        config = self.job.config
        return (
            not config.strict
            and self.build_date == get_build_date()
            and serve.search_plugin(config) is not None
            and only_known_plugins(config)
        )


KNOWN_PLUGINS = ("material.plugins.search", "material.plugins.offline")
"""Plugins whose part in a build a quick build plays: their `on_post_build` writes the
search index (and the offline plugin copies it into a script); their page events index
the pages that changed, here."""


def only_known_plugins(config: MkDocsConfig) -> bool:
    """Whether the only plugins are opmodel's and `KNOWN_PLUGINS`: no other would see a
    quick build."""
    return all(
        type(plugin).__module__.startswith(("opmodel.", *KNOWN_PLUGINS))
        for plugin in config.plugins.values()
    )


def changed_pages(last: LastBuild, now: Generated) -> list[GeneratedPage] | None:
    """The pages of `now` to render again; None where the site's shape changed (MkDocs
    must build)."""
    if _shape(now) != _shape(last.generated) or now.guides != last.generated.guides:
        return None
    published = last.published
    # an unchanged page is the very object the last build had (`Incremental`)
    return [
        page for page in now.pages if (was := published.get(page.path)) is not page and was != page
    ]


def _shape(generated: Generated) -> tuple[object, ...]:
    """What every page shows besides its own content, and where each page is."""
    return (
        [(page.path, page.in_nav, page.search is None) for page in generated.pages],
        generated.nav,
        generated.css,
        generated.javascript,
        generated.polyfills,
        generated.organisation,
        sorted(generated.assets),
    )


def publish(
    last: LastBuild,
    now: Generated,
    changed: list[GeneratedPage],
    files: Collection[str],
    reload: Callable[[], None],
    show_digest: Callable[[Page], None],
    restore: Callable[[Page], None],
) -> bool:
    """Publish `changed` in two steps. First the pages of the entities in `files` (those
    that changed): rendered, written, and the browsers told to reload, so that the page
    being edited is fresh as soon as it can be. Then the other pages (those linking to
    them, a listing), the search index and the assets that changed, and the browsers reload
    again; pages and assets are replaced whole, as they may be read meanwhile. False, with
    nothing written but pages MkDocs will write again: a page's rendering warned."""
    job = last.job
    sources = {os.path.realpath(path) for path in files}
    first: list[GeneratedPage] = []
    rest: list[GeneratedPage] = []
    for generated in changed:
        edited = generated.source is not None and os.path.realpath(generated.source) in sources
        (first if edited else rest).append(generated)
    pages = _written(job, first, whole=False)
    if pages is None:
        return False
    if pages:
        reload()
    more = _written(job, rest, whole=bool(pages))
    if more is None:
        return False  # (MkDocs' build reloads the browsers after)
    pages += more
    _index_again(job, pages, show_digest, restore)
    for path, data in now.assets.items():
        if last.generated.assets.get(path) != data:
            asset = job.files.get_file_from_path(path)
            if asset is not None:
                asset.content_bytes = data  # (what MkDocs' next build copies)
                prerender.write_whole(data, asset.abs_dest_path)
    job.rendered.save(prune=False)
    for page in pages:
        page.content = None  # written, and indexed: not kept till the next build
    reload()
    return True


def _written(job: prerender.Job, changed: list[GeneratedPage], *, whole: bool) -> list[Page] | None:
    """Render and write `changed` (`whole`: each replaced in one step); their logs are said
    once all are written. None: a page is not in the site, or its rendering warned (MkDocs'
    build then says it)."""
    pages: list[Page] = []
    with _held_logs() as held:
        for generated in changed:
            file = job.files.get_file_from_path(generated.path)
            if file is None or file.page is None:
                return None
            file.content_string = generated.text
            _unrendered(file.page)
            written = prerender.write(job, generated.path, keep_content=True, whole=whole)
            if written is None:
                return None  # MkDocs' build that follows says why, once
            if written.entry is not None:
                job.rendered.put_entry(written.key, written.entry)
            else:
                job.rendered.keep(written.key)
            pages.append(file.page)
    held.pass_on()
    return pages


class _HeldLogs(logging.Handler):
    """What MkDocs logged while pages were rendered, held back: it is said only once the
    quick build knows it publishes them (else MkDocs' build says it)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def pass_on(self) -> None:
        logger = logging.getLogger("mkdocs")
        for record in self.records:
            logger.handle(record)
        self.records = []


@contextlib.contextmanager
def _held_logs() -> Iterator[_HeldLogs]:
    logger = logging.getLogger("mkdocs")
    held = _HeldLogs()
    handlers, propagate = logger.handlers, logger.propagate
    logger.handlers = [held, prerender.WARNINGS]  # a warning still keeps a page unwritten
    logger.propagate = False
    try:
        yield held
    finally:
        logger.handlers, logger.propagate = handlers, propagate


def _unrendered(page: Page) -> None:
    """`page` as MkDocs makes it for a build, before it is read and rendered."""
    page.markdown = page.content = None
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = None
    page.links_to_anchors = None


def _index_again(
    job: prerender.Job,
    pages: list[Page],
    show_digest: Callable[[Page], None],
    restore: Callable[[Page], None],
) -> None:
    """The search index with `pages`' entries made again, written as Material's search
    plugin writes it after a build, but into a folder aside, then moved into place: the
    server serves the site meanwhile, and a browser that reloaded would read half of it
    (Material's search and offline plugins write their files in place)."""
    config = job.config
    search: Any = serve.search_plugin(config)
    assert search is not None  # `LastBuild.allows`
    last = search.search_index
    search.search_index = type(last)(**last.config)  # as that build's configuration had it
    for page in pages:
        show_digest(page)
        search.search_index.add_entry_from_context(page)
        restore(page)
    search.search_index_prev = last
    every_page = [file.url for file in job.files.documentation_pages()]
    serve.merge_search_index(config, {page.url for page in pages}, every_page)
    site_dir = config.site_dir
    aside = tempfile.mkdtemp(prefix=".opmodel-index-", dir=site_dir)
    try:
        config.site_dir = aside
        for handler in config.plugins.events["post_build"]:  # in MkDocs' order
            if type(getattr(handler, "__self__", None)).__module__.startswith(KNOWN_PLUGINS):
                handler(config=config)
        config.site_dir = site_dir
        for folder, _, names in os.walk(aside):
            into = os.path.join(site_dir, os.path.relpath(folder, aside))
            os.makedirs(into, exist_ok=True)
            for name in sorted(names):
                os.replace(os.path.join(folder, name), os.path.join(into, name))
    finally:
        config.site_dir = site_dir
        shutil.rmtree(aside, ignore_errors=True)


def wrap_builder(
    server: Any,
    changes: serve.ChangedPaths,
    content_dir: Path,
    quickly: Callable[[set[str], Callable[[], None]], bool],
) -> None:
    """Give `server` (MkDocs' `LiveReloadServer`) a builder that tries `quickly` first
    when every file that changed is in `content_dir`; `quickly` is handed those files and a
    function that reloads the browsers at once."""
    builder = server.builder

    def reload() -> None:
        condition = getattr(server, "_epoch_cond", None)
        if condition is None or not hasattr(server, "_wanted_epoch"):
            return  # another MkDocs: they reload after the build, as usual
        with condition:  # each call a new version of the site (MkDocs: milliseconds)
            epoch = max(round(time.monotonic() * 1000), server._visible_epoch + 1)
            server._wanted_epoch = server._visible_epoch = epoch
            condition.notify_all()

    def build(config: MkDocsConfig | None = None) -> None:
        changed = changes.take()
        reloaded: list[bool] = []

        def reloading() -> None:
            reloaded.append(True)
            reload()

        if config is None and all_within(changed, content_dir):
            try:
                if quickly(changed, reloading):
                    return
            except Exception as error:  # a bug of ours: MkDocs' build still serves the edit
                log.warning(f"opmodel: a quick build failed ({error!r}); MkDocs builds instead")
        if config is None:
            builder()
        else:
            builder(config)
        if reloaded:  # the browsers were shown part of this edit: MkDocs' build is newer
            reload()

    server.builder = build
