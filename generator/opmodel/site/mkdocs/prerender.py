"""Rendering a chunk of generated pages with MkDocs' own `Page.render`, in a forked worker
(`speed/prerender.py` runs the workers; see there for when and why).

A page whose rendering logged a warning comes back empty, and the plugin renders it itself,
so the warning is printed and counted (`--strict`) as usual.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from opmodel.site.mkdocs.rendered import rendered_of
from opmodel.speed import prerender
from opmodel.speed.rendered import RenderedPages


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


@dataclass
class _Job:
    config: MkDocsConfig
    files: Files
    rendered: RenderedPages
    title: Callable[[Page], None]
    """Sets `page.meta["title"]` as the plugin does."""


def start(
    sources: Sequence[str],
    config: MkDocsConfig,
    files: Files,
    rendered: RenderedPages,
    title: Callable[[Page], None],
) -> prerender.Pipeline | None:
    job = _Job(config, files, rendered, title)
    return prerender.start(sources, functools.partial(_render_chunk, job), rendered)


def _render_chunk(job: _Job, sources: list[str]) -> list[prerender.Done]:
    # A worker counts warnings and prints none: the plugin renders those pages again and
    # MkDocs says it once.
    logger = logging.getLogger("mkdocs")
    logger.handlers = [WARNINGS]
    logger.propagate = False
    done: list[prerender.Done] = []
    for source in sources:
        file = job.files.get_file_from_path(source)
        if file is None:
            done.append((source, "", None, False))
            continue
        page = Page(None, file, job.config)
        page.read_source(job.config)
        assert page.markdown is not None
        key = job.rendered.key(page.markdown, source, page.url)
        kept = job.rendered.get(key)
        fresh = kept is None
        if kept is None:
            before = WARNINGS.count
            page.render(job.config, job.files)
            job.title(page)
            if WARNINGS.count == before and page.content is not None:
                kept = rendered_of(page, page.content)
        done.append((source, key, kept, fresh))
    return done
