"""Rendering and writing a chunk of generated pages in a forked worker, as MkDocs would:
MkDocs' own `Page.render`, the theme's own templates, the same file (`speed/prerender.py`
runs the workers; see there for when and why).

The plugin gives each such page `WRAPPER` as its template, which renders nothing for a page
a worker wrote, so MkDocs writes nothing over it (and `SkippedPages` keeps MkDocs from
saying so 18,000 times), and the page's own template for any other.

A page whose rendering logged a warning is not written: the plugin renders it itself, so
the warning is printed and counted (`--strict`) as usual.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import os
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from opmodel.site.mkdocs import convert
from opmodel.site.mkdocs.rendered import apply_to, rendered_of
from opmodel.speed import prerender
from opmodel.speed.rendered import RenderedPages

WRAPPER = "opmodel/written-or-own.html"
WRAPPER_SOURCE = (
    "{#- opmodel: nothing for a page its workers wrote; any other page with its own "
    "template (site/mkdocs/prerender.py) -#}\n"
    "{%- set template = opmodel_template_of(page) -%}\n"
    "{%- if template %}{% extends template %}{% endif -%}\n"
)
SEARCH_PLUGINS = ("material.plugins.search", "mkdocs.contrib.search")
"""Search plugins, whose `on_page_context` indexes a page: the plugin has them index the
pages the workers write, in MkDocs' loop as usual."""


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


class SkippedPages(logging.Filter):
    """MkDocs' "Page skipped: 'x.md'. Generated empty output." for the pages the workers
    wrote (their template rendered nothing on purpose); any other page's still shows."""

    LOGGER = "mkdocs.commands.build"

    def __init__(self, written: Container[str]) -> None:
        super().__init__()
        self._written = written

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.startswith("Page skipped: '"):
            return True
        return message[len("Page skipped: '") :].partition("'")[0] not in self._written


def add_wrapper(env: jinja2.Environment, template_of: Callable[[Page], str | None]) -> None:
    """Let pages name `WRAPPER` as their template (`template_of`: the page's own template,
    or None where a worker wrote it)."""
    assert env.loader is not None
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({WRAPPER: WRAPPER_SOURCE}), env.loader])
    env.globals["opmodel_template_of"] = template_of


def others_build_pages(config: MkDocsConfig, ours: type) -> bool:
    """Whether another plugin takes part in building pages (but for indexing them for
    search): it would not see the pages that workers write."""
    for event in ("pre_page", "page_read_source", "page_markdown", "page_content",
                  "page_context", "post_page"):  # fmt: skip
        for handler in config.plugins.events[event]:
            owner = getattr(handler, "__self__", None)
            if isinstance(owner, ours):
                continue
            if event == "page_context" and type(owner).__module__.startswith(SEARCH_PLUGINS):
                continue
            return True
    return False


@dataclass
class Job:
    """What rendering and writing a page outside MkDocs' loop takes: the build's own
    configuration, files, navigation and theme environment, and the plugin's steps."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    rendered: RenderedPages
    title: Callable[[Page], None]
    """Sets `page.meta["title"]` as the plugin does."""
    filled: Callable[[str, str], str]
    """A page's HTML with its HTML blocks and diagrams in (by source path)."""
    doc_files: Sequence[File]

    @classmethod
    def of(
        cls,
        config: MkDocsConfig,
        files: Files,
        nav: Navigation,
        env: jinja2.Environment,
        rendered: RenderedPages,
        title: Callable[[Page], None],
        filled: Callable[[str, str], str],
    ) -> Job:
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        return cls(config, files, nav, env, rendered, title, filled, doc_files)


def start(sources: Sequence[str], workers: int, job: Job) -> prerender.Pipeline:
    """Workers render and write `sources` (in build order)."""
    return prerender.start(sources, functools.partial(_write_chunk, job), job.rendered, workers)


def _write_chunk(job: Job, sources: list[str]) -> list[prerender.Done]:
    # A worker counts warnings and prints none: the plugin renders those pages again and
    # MkDocs says it once.
    logger = logging.getLogger("mkdocs")
    logger.handlers = [WARNINGS]
    logger.propagate = False
    return [(source, write(job, source)) for source in sources]


def write(
    job: Job, source: str, *, keep_content: bool = False, whole: bool = False
) -> prerender.Written | None:
    """Render and write one page (`keep_content`: the page keeps its HTML, for the search
    index; `whole`: replace the file in one step, as a server may be reading it); None: it
    was not written (it is not a page, or its rendering warned)."""
    file = job.files.get_file_from_path(source)
    page = file.page if file is not None else None
    if page is None:
        return None
    before = WARNINGS.count
    page.read_source(job.config)  # MkDocs was handed no Markdown for it
    assert page.markdown is not None
    key = job.rendered.key(page.markdown, source, page.url)
    kept = job.rendered.get(key)
    entry = None
    if kept is None:
        convert.render(page, job.config, job.files)  # not the plugin's, which does nothing
        job.title(page)
        if page.content is None:
            return None
        kept = rendered_of(page, page.content)
        entry = RenderedPages.entry(kept)
    page.content = job.filled(source, apply_to(kept, page))
    output = _themed(job, page)
    if WARNINGS.count != before or not output.strip():
        return None
    data = output.encode("utf-8", errors="xmlcharrefreplace")
    (write_whole if whole else write_file)(data, page.file.abs_dest_path)
    if not keep_content:
        page.content = None  # written: the worker need not keep it
    return prerender.Written(key, entry, dataclasses.replace(kept, html=""))


def write_whole(data: bytes, path: str) -> None:
    """`data` at `path`, replacing what was there in one step: a reader sees the old file
    or the new one, never half of it."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    partial = f"{path}.{os.getpid()}.partial"
    try:
        with open(partial, "wb") as file:
            file.write(data)
        os.replace(partial, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(partial)


def _themed(job: Job, page: Page) -> str:
    """The page in the theme's template, as MkDocs' `_build_page` renders it (no other
    plugin takes part: `others_build_pages`)."""
    config: Any = job.config
    config._current_page = page
    page.active = True
    try:
        context = get_context(job.nav, job.doc_files, job.config, page)
        template = job.env.get_template(page.meta.get("template", "main.html"))
        return template.render(context)
    finally:
        page.active = False
        config._current_page = None
