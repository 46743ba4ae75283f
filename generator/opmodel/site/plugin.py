"""The MkDocs plugin: a thin adapter that serves the generated pages as virtual files.

Everything worth testing lives in plain modules (pages, render, views); the events here
only call them. The model is loaded and validated in `on_config`, because MkDocs empties
`site_dir` after `on_config`: failing there leaves the previous site intact.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
from html import unescape
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler, nest_paths

from opmodel.dependencies import unmet_requirements
from opmodel.diagnostics import display_path, format_text
from opmodel.fork_map import available_workers
from opmodel.local_cache import CACHE_DIR, remove_entry_files
from opmodel.site import not_found, prerender, publish, serve
from opmodel.site.config import OpmodelConfig
from opmodel.site.generate import DEFAULT_BASELINE, Generated, GenerateFailed, generate
from opmodel.site.incremental import Incremental
from opmodel.site.markdown import html_text
from opmodel.site.mount import BadMount, clashes, mounted, normalise
from opmodel.site.pages import GeneratedPage
from opmodel.site.prerender import WARNINGS
from opmodel.site.rendered import Rendered, RenderedPages, rendering_salt

log = logging.getLogger("mkdocs.plugins.opmodel")
PAGES_CACHE = CACHE_DIR / "pages.sqlite"
REQUIRED_EXTENSIONS = ("tables", "md_in_html")
NO_DIAGRAMS_ENV = "OPMODEL_NO_DIAGRAMS"
"""Set (to anything) by `opmodel build --no-diagrams`: the one way to reach the plugin from
the command line, since mkdocs.yml is the user's."""


class EscapedName(str):
    """The organisation's name as the site's name, HTML-escaped: the theme prints
    `config.site_name` as it is in most places (a name is the model's text, not mkdocs.yml's)
    and through `| e` in others, which `__html__` tells not to escape it twice."""

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)


class OpmodelPlugin(BasePlugin[OpmodelConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._frozen = False
        """Whether on_config froze the objects the GC tracks (`gc.freeze`)."""
        self._start("build")

    def _start(self, command: str, dirty: bool = False) -> None:
        """A fresh state: MkDocs keeps one instance per process (`on_startup`)."""
        self.generated: Generated | None = None
        self.content_dir: Path | None = None
        self.guides_in_docs_dir = False
        self.content_in_docs_dir: str | None = None
        """content/'s path inside docs_dir ("" for `docs_dir: content`), None outside it."""
        self.mount = ""
        self._nav_with_site_pages = False
        """Under a mount with no `nav` in mkdocs.yml: the site's own pages first, then ours
        (set in on_files, once the site's pages are known)."""
        self._page_content: dict[str, str | None] = {}
        self._page_meta_search: dict[str, object] = {}
        self.rendered = RenderedPages(None, "")
        self._reused: dict[str, Rendered] = {}
        self._keys: dict[str, tuple[str, int]] = {}
        self._command = command
        self._pipeline: prerender.Pipeline | None = None
        self._deferred: set[str] = set()
        self._files: Files | None = None
        self._pages: dict[str, GeneratedPage] = {}
        """The generated pages by source path."""
        # Under `mkdocs serve`: what the last build made, to make and render again only
        # what changed (`incremental.py`; `serve.py` with --dirty).
        self.incremental = Incremental() if command == "serve" else None
        self._dirty = serve.DirtyBuilds() if command == "serve" and dirty else None
        self._clean = not dirty
        self._staged: tuple[MkDocsConfig, Path, Path] | None = None
        """Under a plain `mkdocs build`: the config, the staging folder MkDocs writes into,
        and the site_dir it is swapped into when the build has finished (`_stage`)."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self._dirty is not None:
            self._dirty.collector.build_started()
        if unmet := unmet_requirements():
            raise PluginError("\n".join(unmet))
        root = Path(config.config_file_path or ".").resolve().parent
        content = root / self.config.content
        # A linked content folder stays as it is, for the loader to refuse (OPM116).
        self.content_dir = content if content.is_symlink() else content.resolve()
        templates = (root / self.config.templates).resolve() if self.config.templates else None
        try:
            self.mount = normalise(self.config.mount)
        except BadMount as bad:
            raise PluginError(f"opmodel: {bad}") from None
        try:
            generated = generate(
                self.content_dir,
                templates=templates,
                use_directory_urls=config.use_directory_urls,
                diagrams=self.config.diagrams and not os.environ.get(NO_DIAGRAMS_ENV),
                strict=self.config.strict,
                baseline=self.config.baseline or DEFAULT_BASELINE,
                cache_dir=root / CACHE_DIR if self.config.cache else None,
                # mkdocs serve runs a server thread: no forking there
                workers=1 if self._command == "serve" else available_workers(),
                incremental=self.incremental,
                reference=self.config.reference,
            )
        except GenerateFailed as failure:
            raise PluginError(str(failure)) from None
        self.generated = mounted(generated, self.mount)
        if self.config.site_name == "organisation":
            # mkdocs.yml must have a site_name of its own (MkDocs validates it before any
            # plugin runs): this one replaces it, for the theme and every page.
            config.site_name = EscapedName(html_text(self.generated.organisation))
        guides = (self.content_dir / "pages").resolve()
        # A mounted model publishes its guides under the mount, whatever the docs_dir.
        self.guides_in_docs_dir = not self.mount and Path(config.docs_dir).resolve() == guides
        docs_dir = Path(config.docs_dir).resolve()
        self.content_in_docs_dir = None
        if self.content_dir.is_relative_to(docs_dir):
            inside = self.content_dir.relative_to(docs_dir)
            self.content_in_docs_dir = "" if inside == Path() else inside.as_posix()
        self._refuse_clashes(config)
        for warning in self.generated.warnings:
            log.warning(warning)
        for note in self.generated.notes:
            log.info(note)
        for extension in REQUIRED_EXTENSIONS:  # generated pages rely on these
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        config.extra_css.extend(self.generated.css)
        config.extra_javascript.extend(self.generated.javascript)
        # Material's offline plugin adds iframe-worker from a CDN when it runs before us;
        # the vendored copy replaces it so nothing is fetched from the internet.
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = polyfills
        for script in self.generated.polyfills:
            if script not in polyfills:
                polyfills.append(script)
        if self.config.cache:
            self.rendered = RenderedPages(root / PAGES_CACHE, rendering_salt(config))
            remove_entry_files(root / CACHE_DIR)
            WARNINGS.install()
        self._set_navigation(config)
        self._stage(config)
        if self._command != "serve":
            # The model and the pages live until the build ends: the cyclic GC need not walk
            # them again and again (nor touch, and so copy, the memory forked workers share).
            gc.freeze()
            self._frozen = True
        return config

    def _stage(self, config: MkDocsConfig) -> None:
        """Under `mkdocs build` and `mkdocs gh-deploy`, MkDocs writes into a hidden folder
        beside site_dir, swapped in once the build has finished (`_publish`): a build killed
        part-way leaves the previous site as it was (`publish.py`). Not under `opmodel
        build` (it stages itself), nor for a dirty build (it adds to the site it finds)."""
        self._discard_staging()
        if self._command not in ("build", "gh-deploy") or not self._clean:
            return
        if os.environ.get(publish.STAGED_ENV):
            return
        site_dir = Path(config.site_dir).resolve()
        staging = publish.stage(site_dir)
        self._staged = (config, staging, site_dir)
        config.site_dir = str(staging)

    def _discard_staging(self) -> None:
        """The build failed or stopped: its staging folder goes, site_dir is as it was."""
        if self._staged is not None:
            config, staging, site_dir = self._staged
            self._staged = None
            config.site_dir = str(site_dir)
            shutil.rmtree(staging, ignore_errors=True)

    def _unfreeze(self) -> None:
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    def _refuse_clashes(self, config: MkDocsConfig) -> None:
        """The site's own files are never replaced by generated ones (checked here, before
        MkDocs empties site_dir, so a refused build keeps the previous site)."""
        assert self.generated is not None and self.content_dir is not None
        docs_dir = Path(config.docs_dir)
        content = self.content_dir

        def exists(path: str) -> bool:
            target = docs_dir / path
            if not target.is_file():
                return False
            # The model's own sources (docs_dir: content) are not the site's pages.
            return self.guides_in_docs_dir or not target.resolve().is_relative_to(content)

        found = clashes(
            self.generated,
            self.mount,
            exists,
            lambda path: display_path(docs_dir / path),
            config.use_directory_urls,
            with_guides=not self.guides_in_docs_dir,
        )
        if found.errors:
            raise PluginError(
                "opmodel: the site's own files are in the way\n" + format_text(found).rstrip()
            )

    def _set_navigation(self, config: MkDocsConfig) -> None:
        assert self.generated is not None
        self._nav_with_site_pages = False
        if self.config.nav == "none":
            return
        entries = self.generated.nav
        if config.nav is None and self.config.nav == "auto" and self.mount:
            self._nav_with_site_pages = True
        elif config.nav is None and self.config.nav == "auto":
            config.nav = entries
        else:
            config.nav = [*(config.nav or []), {"Operating model": entries}]

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.generated is not None
        files = self._without_model_sources(files, config)
        self._files = files
        self._pages = {page.path: page for page in self.generated.pages}
        if self._dirty is not None:
            self._dirty.start(config)

        def add(path: str, made: object, text: str, inclusion: InclusionLevel) -> None:
            if self._dirty is not None:
                files.append(self._dirty.file(config, path, made, text, inclusion))
            else:
                files.append(File.generated(config, path, content=text, inclusion=inclusion))

        if self._nav_with_site_pages:
            own = [f.src_uri for f in files.documentation_pages() if f.inclusion.is_in_nav()]
            config.nav = [*nest_paths(own), {"Operating model": self.generated.nav}]
        for page in self.generated.pages:
            existing = files.get_file_from_path(page.path)
            if existing is not None:  # another plugin's file: never replaced silently
                raise PluginError(
                    f"opmodel: '{existing.src_uri}' (from {existing.generated_by or 'the site'})"
                    " is where opmodel publishes a page of its own; set `mount:` in the "
                    "opmodel plugin's options to put the model in a folder of the site"
                )
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            add(page.path, page, page.text, inclusion)
        for asset_path, data in self.generated.assets.items():
            files.append(File.generated(config, asset_path, content=data))
        if not self.guides_in_docs_dir:
            for guide_path, text in self.generated.guides.items():
                if files.get_file_from_path(guide_path) is None:
                    add(guide_path, text, text, InclusionLevel.UNDEFINED)
        # theme/ is a custom_dir: MkDocs publishes its non-HTML files, templates included.
        for file in list(files):
            if file.src_uri.endswith(".j2"):
                files.remove(file)
        if self._dirty is not None:
            self._dirty.files_ready(files.documentation_pages())
        return files

    def _without_model_sources(self, files: Files, config: MkDocsConfig) -> Files:
        """The model's own files are sources, never published as they are: with the
        content folder inside docs_dir (`docs_dir: content`, the layout `opmodel new`
        writes, so that a model without guides has a docs_dir), MkDocs would publish
        its YAML raw and render its Markdown at the generated pages' paths. The guides
        stay where docs_dir is content/pages itself, else `generated.guides` adds them."""
        if self.guides_in_docs_dir or self.content_dir is None:
            return files
        # MkDocs' paths are absolute but not resolved: compare with both spellings.
        config_dir = os.path.dirname(os.path.abspath(config.config_file_path or "."))
        spellings = (
            str(self.content_dir) + os.sep,
            os.path.abspath(os.path.join(config_dir, self.config.content)) + os.sep,
        )
        # By its path in docs_dir too: TechDocs' monorepo plugin, which runs after ours,
        # copies docs_dir to a temporary folder whenever there is a nav (ours).
        inside = self.content_in_docs_dir
        docs_dir = os.path.abspath(config.docs_dir)
        prefix = f"{inside}/" if inside else ""

        def source(file: File) -> bool:
            if file.abs_src_path is None:
                return False  # another plugin's generated file
            if file.abs_src_path.startswith(spellings):
                return True
            in_docs_dir = file.src_dir is not None and os.path.abspath(file.src_dir) == docs_dir
            return inside is not None and in_docs_dir and file.src_uri.startswith(prefix)

        kept = [file for file in files if not source(file)]
        return files if len(kept) == len(files) else Files(kept)

    def on_startup(self, command: str, dirty: bool = False, **kwargs: Any) -> None:
        self._start(command, dirty)
        if os.environ.get(publish.QUIET_ENV):  # `opmodel -q build`: no INFO lines
            logging.getLogger("mkdocs").setLevel(logging.WARNING)
        if self._dirty is not None:
            logging.getLogger("mkdocs.commands.build").addFilter(serve.QUIET_DIRTY_WARNING)

    def on_shutdown(self) -> None:
        self._discard_staging()  # interrupted (KeyboardInterrupt is no build error)
        self._unfreeze()
        logging.getLogger("mkdocs.commands.build").removeFilter(serve.QUIET_DIRTY_WARNING)
        if self._dirty is not None:
            self._dirty.collector.stop()
        self._start("build")

    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        """Start rendering the entity pages on other cores (`prerender.py`)."""
        self._deferred = set()
        if self._command == "serve" or not self.config.cache or _others_change_pages(config):
            return nav
        outside_nav = {path for path, page in self._pages.items() if not page.in_nav}
        in_build_order = [
            f.src_uri for f in files.documentation_pages() if f.src_uri in outside_nav
        ]
        self._pipeline = prerender.start(
            in_build_order, config, files, self.rendered, _escape_title
        )
        if self._pipeline is not None:
            self._deferred = set(in_build_order)
        return nav

    def on_page_markdown(self, markdown: str, page: Page, **kwargs: Any) -> str:
        """A generated page rendered before, from the same Markdown at the same place, is
        not rendered again: MkDocs gets nothing to convert, and `on_page_content` puts the
        kept HTML back. Pages the workers render get nothing to convert either."""
        source = page.file.src_uri
        if source in self._deferred:
            return ""
        if source not in self._pages:
            return markdown
        key = self.rendered.key(markdown, source, page.url)
        kept = self.rendered.get(key)
        if kept is None:
            self._keys[source] = (key, WARNINGS.count)
            return markdown
        self._reused[source] = kept
        return ""

    def on_page_content(self, html: str, page: Page, **kwargs: Any) -> str:
        """Guide pages are published as written, but sanitised like every model text."""
        assert self.generated is not None
        source = page.file.src_uri
        if source in self._deferred:
            return html  # filled in on_page_context
        kept = self._reused.pop(source, None)
        if kept is not None:
            return self._filled(source, kept.apply_to(page))
        _escape_title(page)
        if source in self.generated.guides:
            return self.generated.sanitise(html)
        key, warnings_before = self._keys.pop(source, (None, 0))
        if key is not None and WARNINGS.count == warnings_before:
            self.rendered.put(key, Rendered.of(page, html))
        return self._filled(source, html)

    def _filled(self, source: str, html: str) -> str:
        """HTML blocks and diagrams go into a generated page after its Markdown is rendered
        (`html_blocks.py`)."""
        generated = self._pages.get(source)
        return generated.filled(html) if generated is not None else html

    def on_post_template(
        self, output_content: str, template_name: str, config: MkDocsConfig
    ) -> str:
        """The 404 page links from `site_url`'s path, or finds the root as it loads
        (`not_found.py`): served under a sub-path, it had neither style nor links."""
        if template_name != "404.html" or config.site_url or self._files is None:
            return output_content
        folders = {f.dest_uri.split("/", 1)[0] for f in self._files if "/" in f.dest_uri}
        top = folders | {"assets", "search"}
        return not_found.relocatable(output_content, top)

    @event_priority(10)  # before Material's search plugin writes the index
    def _finish_the_build(self, config: MkDocsConfig, **kwargs: Any) -> None:
        self._unfreeze()
        if self._pipeline is not None:
            self._pipeline.close()
            reused = self._pipeline.reused
            log.info(
                f"opmodel: {self._pipeline.rendered} pages rendered alongside MkDocs "
                f"on {self._pipeline.workers + 1} cores"
                + (f", {reused} taken from the cache" if reused else "")
            )
            self._pipeline = None
        # A partial build used only the pages it rendered: it keeps the others.
        self.rendered.save(prune=self._dirty is None or not self._dirty.partial)
        if self._dirty is not None:
            assert self.generated is not None
            published: dict[str, object] = {page.path: page for page in self.generated.pages}
            if not self.guides_in_docs_dir:
                published.update(self.generated.guides)
            rendered = self._dirty.finish(config, published)
            if rendered is not None:
                log.info(f"opmodel: {rendered} pages rendered again")

    @event_priority(-100)  # last: every other plugin has written its files (search index)
    def _publish(self, config: MkDocsConfig, **kwargs: Any) -> None:
        """Swap the staged site in (`_stage`); site_dir is then the real one again, for
        what reads it after the build (gh-deploy pushes it)."""
        if self._staged is None:
            return
        if config.strict and _warned():
            return  # MkDocs aborts the build next: on_build_error discards it
        _, staging, site_dir = self._staged
        self._staged = None
        publish.swap(staging, site_dir)
        config.site_dir = str(site_dir)

    on_post_build = CombinedEvent(_finish_the_build, _publish)

    def on_build_error(self, error: Exception, **kwargs: Any) -> None:
        self._discard_staging()
        self._unfreeze()
        if self._dirty is not None:
            self._dirty.failed()
        if self._pipeline is not None:
            self._pipeline.close()
            self._pipeline = None

    @event_priority(60)  # before the search digest below: search reads the title
    def _take_the_rendered_page(
        self, context: Any, page: Page, config: MkDocsConfig, **kwargs: Any
    ) -> Any:
        source = page.file.src_uri
        if source not in self._deferred:
            return context
        self._deferred.discard(source)
        assert self._pipeline is not None
        kept = self._pipeline.take(source)
        if kept is not None:
            page.content = kept.apply_to(page)
        else:  # its rendering warned: render it here, where MkDocs counts warnings
            assert self._files is not None
            page.read_source(config)
            page.render(config, self._files)
            _escape_title(page)
        page.content = self._filled(source, page.content or "")
        return context

    @event_priority(50)  # before Material's search plugin indexes the page
    def _show_search_the_digest(self, context: Any, page: Page, **kwargs: Any) -> Any:
        if self._dirty is not None:
            self._dirty.rendered(page.url)
        generated = self._pages.get(page.file.src_uri)
        digest = generated.search if generated is not None else None
        if digest is not None:
            self._page_content[page.file.src_uri] = page.content
            page.content = digest
        if generated is not None and generated.search_boost is not None:
            self._page_meta_search[page.file.src_uri] = page.meta.get("search")
            page.meta["search"] = {"boost": generated.search_boost}  # as Material reads it
        return context

    @event_priority(-50)  # after it: the page itself is written in full
    def _restore_the_page(self, context: Any, page: Page, **kwargs: Any) -> Any:
        if page.file.src_uri in self._page_content:
            page.content = self._page_content.pop(page.file.src_uri)
        if page.file.src_uri in self._page_meta_search:
            was = self._page_meta_search.pop(page.file.src_uri)
            if was is None:
                page.meta.pop("search", None)
            else:
                page.meta["search"] = was
        return context

    on_page_context = CombinedEvent(
        _take_the_rendered_page, _show_search_the_digest, _restore_the_page
    )

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild on edits to the model and to the organisation's theme (MkDocs watches a
        theme's custom_dir only with --watch-theme)."""
        if self.content_dir is not None:
            server.watch(str(self.content_dir))
        custom_dir = getattr(config.theme, "custom_dir", None)
        if custom_dir:
            server.watch(str(custom_dir))
        return server


def _warned() -> bool:
    """Whether MkDocs counted a warning in this build: in strict mode it then aborts after
    the post_build event (`mkdocs.commands.build.build`)."""
    return any(
        isinstance(handler, CountHandler) and handler.get_counts()
        for handler in logging.getLogger("mkdocs").handlers
    )


def _others_change_pages(config: MkDocsConfig) -> bool:
    """Whether another plugin changes pages' Markdown or HTML: it would not see the pages
    that workers render."""
    return any(
        not isinstance(getattr(handler, "__self__", None), OpmodelPlugin)
        for event in ("page_markdown", "page_content")
        for handler in config.plugins.events[event]
    )


def _escape_title(page: Page) -> None:
    """Material writes `page.title | striptags` into <title>, and striptags *unescapes*
    entities: a name like `</title><script>...` would run on its page. A title in
    `page.meta` is written as it is, so every page gets one, escaped here from plain text
    (the front matter's title, else the text of the <h1>). The home page keeps the site name.
    """
    if "title" in page.meta:
        page.meta["title"] = html_text(page.meta["title"])
    elif page.title and not page.is_homepage:
        page.meta["title"] = html_text(unescape(page.title))
