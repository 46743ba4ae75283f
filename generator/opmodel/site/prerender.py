"""Rendering generated pages from Markdown on every core before MkDocs asks for them.

MkDocs renders pages one after another on one core, and Python-Markdown is most of the
cost of a large site. Once MkDocs knows the site's files (the `on_nav` event), every
generated page not already in the rendered-pages cache is rendered by worker processes,
forked so that they share the loaded model and MkDocs' state, each with MkDocs' own
`Page.render`. They fill the cache; MkDocs' loop then finds every page there
(`plugin.on_page_markdown`). A page whose rendering logged a warning is left out, so MkDocs
renders it again itself and the warning counts as usual (`--strict`).

Forking is used only where it is safe and worth it: on a platform with `fork`, with more
than one core, outside `mkdocs serve` (whose server runs threads), and for at least
`MIN_PAGES` pages.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from opmodel.site.rendered import Rendered, RenderedPages

MIN_PAGES = 500
"""Fewer pages render in a few seconds; starting workers would not pay."""
CHUNK = 100


@dataclass
class _Job:
    config: MkDocsConfig
    files: Files
    rendered: RenderedPages
    title: Callable[[Page], None]
    """Sets `page.meta["title"]` as the plugin does."""


_JOB: _Job | None = None
"""The job the forked workers inherit (fork copies the parent's memory, so nothing is
pickled but the list of pages each worker renders)."""


def workers() -> int:
    return min(os.cpu_count() or 1, 8) if "fork" in multiprocessing.get_all_start_methods() else 1


def prerender(
    sources: Sequence[str],
    config: MkDocsConfig,
    files: Files,
    rendered: RenderedPages,
    title: Callable[[Page], None],
) -> int:
    """Render `sources` (generated pages' paths) into `rendered` in parallel; returns how
    many were rendered."""
    global _JOB
    processes = workers()
    if processes < 2 or len(sources) < MIN_PAGES:
        return 0
    chunks = [list(sources[i : i + CHUNK]) for i in range(0, len(sources), CHUNK)]
    _JOB = _Job(config, files, rendered, title)
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            return sum(pool.imap_unordered(_render_chunk, chunks))
    finally:
        _JOB = None


def _render_chunk(sources: list[str]) -> int:
    assert _JOB is not None
    job = _JOB
    # A worker counts warnings and prints none: MkDocs renders those pages again and says
    # it once.
    logger = logging.getLogger("mkdocs")
    logger.handlers = [WARNINGS]
    logger.propagate = False
    warnings = WARNINGS
    done = 0
    for source in sources:
        file = job.files.get_file_from_path(source)
        if file is None:
            continue
        page = file.page or Page(None, file, job.config)
        page.read_source(job.config)
        assert page.markdown is not None
        key = job.rendered.key(page.markdown, source, page.url)
        if job.rendered.has(key):
            continue
        before = warnings.count
        page.render(job.config, job.files)
        job.title(page)
        if warnings.count == before and page.content is not None:
            job.rendered.put(
                key,
                Rendered(
                    page.content,
                    page.toc,
                    page.meta.get("title"),
                    frozenset(page.present_anchor_ids or ()),
                ),
            )
            done += 1
    return done


class WarningCount(logging.Handler):
    """Counts MkDocs' warnings, so that a page whose rendering warned is never kept."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def install(self) -> None:
        logger = logging.getLogger("mkdocs")
        if self not in logger.handlers:
            logger.addHandler(self)


WARNINGS = WarningCount()
