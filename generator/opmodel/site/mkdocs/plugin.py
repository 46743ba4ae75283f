"""The MkDocs plugin: event methods that hand MkDocs' objects to plain functions.

What the site holds is `site/generate.py`'s; where the model sits in the site (folders,
navigation, clashes, sources) `site/layout.py`'s; how fast it is built `opmodel.speed`'s.
The model is loaded and validated in `on_config`, because MkDocs empties `site_dir` after
`on_config`: failing there leaves the previous site intact.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import os
from collections.abc import Callable, Collection
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date

from opmodel.site import layout, publish
from opmodel.site.generate import Generated
from opmodel.site.mkdocs import configure, prerender, quick, serve
from opmodel.site.mkdocs.config import OpmodelConfig
from opmodel.site.mkdocs.pages import PageEvents
from opmodel.speed import Speed

log = logging.getLogger("mkdocs.plugins.opmodel")


class OpmodelPlugin(BasePlugin[OpmodelConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._frozen = False
        """Whether on_config froze the objects the GC tracks (`gc.freeze`)."""
        self._start("build")

    def _start(self, command: str, dirty: bool = False) -> None:
        """A fresh state: MkDocs keeps one instance per process (`on_startup`)."""
        self.generated: Generated | None = None
        self.layout: layout.Layout | None = None
        self._with_site_pages = False
        """Under a mount with no `nav` in mkdocs.yml: the site's own pages first, then ours
        (set in on_files, once the site's pages are known)."""
        self._command = command
        # mkdocs serve keeps what a build made to make and render again only what changed
        # (`incremental.py`; `serve.py`), and forks only before its server threads start.
        self.speed = Speed.fastest(None, serving=command == "serve")
        self._dirty = serve.DirtyBuilds() if command == "serve" and dirty else None
        self.pages = PageEvents(self._dirty)
        self._clean = not dirty
        self._staged = configure.StagedBuild()
        self._built_on = ""
        self._changes = serve.ChangedPaths()
        """The files the server's events named (`on_serve`), for a quick build."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self._dirty is not None:
            self._dirty.collector.build_started()
        self.layout, self.generated, self.speed = configure.generate_for(
            config, self.config, self.speed
        )
        generated = self.generated
        configure.report(generated)
        self._built_on = get_build_date()  # as the sitemap shows it
        configure.apply(config, generated, site_name_option=self.config.site_name)
        self.pages.begin(generated, configure.rendered_pages(config, self.speed))
        config.nav, self._with_site_pages = layout.navigation(
            generated.nav, config.nav, self.config.nav, self.layout.mount
        )
        self._staged.stage(config, self._command, self._clean)
        # The model and the pages live until the build ends: the cyclic GC need not walk
        # them again and again (nor touch, and so copy, the memory forked workers share).
        gc.freeze()
        self._frozen = True
        return config

    def _unfreeze(self) -> None:
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.generated is not None and self.layout is not None
        files = configure.without_model_sources(files, config, self.layout, self.config.content)
        if self._with_site_pages:
            config.nav = configure.site_pages_first(files, self.generated.nav)
        self.pages.add_files(files, config, with_guides=not self.layout.guides_in_docs_dir)
        return files

    def on_startup(self, command: str, dirty: bool = False, **kwargs: Any) -> None:
        self._start(command, dirty)
        if os.environ.get(publish.QUIET_ENV):  # `opmodel -q build`: no INFO lines
            logging.getLogger("mkdocs").setLevel(logging.WARNING)
        if self._dirty is not None:
            logging.getLogger("mkdocs.commands.build").addFilter(serve.QUIET_DIRTY_WARNING)

    def on_shutdown(self) -> None:
        self._staged.discard()  # interrupted (KeyboardInterrupt is no build error)
        self._unfreeze()
        logging.getLogger("mkdocs.commands.build").removeFilter(serve.QUIET_DIRTY_WARNING)
        if self._dirty is not None:
            self._dirty.collector.stop()
        self._start("build")

    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        """Decide which entity pages other cores are to render and write (`prerender.py`)."""
        forking = self.config.cache and self.speed.may_fork  # serve: its first build
        self.pages.prerender(
            files, nav, forking and not prerender.others_build_pages(config, OpmodelPlugin)
        )
        return nav

    @event_priority(-100)  # last: the workers get the environment as every plugin left it
    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """Every page is read: start rendering and writing the entity pages on other cores."""
        self.pages.start_writing(env, config)
        return env

    def on_page_markdown(self, markdown: str, page: Page, **kwargs: Any) -> str:
        return self.pages.markdown(markdown, page)

    def on_page_content(self, html: str, page: Page, **kwargs: Any) -> str:
        return self.pages.content(html, page)

    def on_post_template(
        self, output_content: str, template_name: str, config: MkDocsConfig
    ) -> str:
        if template_name != "404.html" or config.site_url or self.pages.files is None:
            return output_content
        return configure.relocatable_404(output_content, self.pages.files)

    @event_priority(10)  # before Material's search plugin writes the index
    def _finish_the_build(self, config: MkDocsConfig, **kwargs: Any) -> None:
        self._unfreeze()
        assert self.layout is not None
        self.pages.finish(config, with_guides=not self.layout.guides_in_docs_dir)

    @event_priority(-100)  # last: every other plugin has written its files (search index)
    def _publish(self, config: MkDocsConfig, **kwargs: Any) -> None:
        self._staged.publish(config)

    on_post_build = CombinedEvent(_finish_the_build, _publish)

    def on_build_error(self, error: Exception, **kwargs: Any) -> None:
        self._staged.discard()
        self._unfreeze()
        self.pages.failed()

    @event_priority(60)  # before the search digest below: search reads the title
    def _take_the_rendered_page(
        self, context: Any, page: Page, config: MkDocsConfig, **kw: Any
    ) -> Any:
        self.pages.take_rendered(page, config)
        return context

    @event_priority(50)  # before Material's search plugin indexes the page
    def _show_search_the_digest(self, context: Any, page: Page, **kwargs: Any) -> Any:
        self.pages.show_search_the_digest(page)
        return context

    @event_priority(-50)  # after it: the page itself is written in full
    def _restore_the_page(self, context: Any, page: Page, **kwargs: Any) -> Any:
        self.pages.restore(page)
        return context

    on_page_context = CombinedEvent(
        _take_the_rendered_page, _show_search_the_digest, _restore_the_page
    )

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild on edits to the model and to the organisation's theme (MkDocs watches a
        theme's custom_dir only with --watch-theme), told by file events (`serve.py`)."""
        if self.layout is not None:
            server.watch(str(self.layout.content_dir))
        custom_dir = getattr(config.theme, "custom_dir", None)
        if custom_dir:
            server.watch(str(custom_dir))
        if serve.watch_with_events(server, self._changes):
            log.debug("opmodel: edits are noticed by file events, not by polling")
            if self.layout is not None and self._dirty is not None:
                quick.wrap_builder(server, self._changes, self.layout.content_dir, self._quickly)
        return server

    def _quickly(self, changed: Collection[str], reload: Callable[[], None]) -> bool:
        """Publish an edit to the model (the files at `changed`) without MkDocs' build,
        where the site keeps its shape (`quick.py`); False: MkDocs must build."""
        job = self.pages.job
        if self._dirty is None or self.layout is None or job is None or self.generated is None:
            return False  # no served build finished to build on
        with_guides = not self.layout.guides_in_docs_dir
        last = quick.LastBuild(job, self.generated, self._dirty.published, self._built_on)
        if not last.allows():
            return False
        self._dirty.collector.build_started()
        self._dirty.collector.pause()
        try:
            knowing = dataclasses.replace(self.speed, changed=frozenset(changed))
            try:
                _, now, speed = configure.generate_for(job.config, self.config, knowing)
            except PluginError:
                return False  # MkDocs' build says why
            self.speed = dataclasses.replace(speed, changed=None)
            pages = quick.changed_pages(last, now)
            if pages is None:
                return False
            self.pages.regenerated(now)
            show, restore = self.pages.show_search_the_digest, self.pages.restore
            if not quick.publish(last, now, pages, changed, reload, show, restore):
                return False
            self.generated = now
            configure.report(now)
            self._dirty.published_quickly(self.pages.published(with_guides=with_guides))
        finally:
            self._dirty.collector.build_finished()
        log.info(f"opmodel: {len(pages)} pages rendered again, without MkDocs' build")
        return True
