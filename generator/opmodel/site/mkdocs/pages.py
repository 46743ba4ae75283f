"""What the plugin does page by page: the generated pages added as MkDocs files, kept HTML
put back instead of rendering Markdown again (`speed/rendered.py`), pages rendered and
written on other cores accounted for (`prerender.py`), and Material's search shown each
page's digest."""

from __future__ import annotations

import logging

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from opmodel.site.generate import Generated
from opmodel.site.layout import page_title
from opmodel.site.mkdocs import prerender, theme_parts
from opmodel.site.mkdocs.rendered import apply_to, rendered_of
from opmodel.site.mkdocs.serve import DirtyBuilds
from opmodel.site.pages import GeneratedPage
from opmodel.speed import prerender as workers
from opmodel.speed.prerender import Pipeline
from opmodel.speed.rendered import Rendered, RenderedPages

log = logging.getLogger("mkdocs.plugins.opmodel")


class PageEvents:
    def __init__(self, dirty: DirtyBuilds | None) -> None:
        self._dirty = dirty
        self.generated: Generated | None = None
        self.rendered = RenderedPages(None, "")
        self.files: Files | None = None
        self._pages: dict[str, GeneratedPage] = {}
        """The generated pages by source path."""
        self._reused: dict[str, Rendered] = {}
        self._keys: dict[str, tuple[str, int]] = {}
        self._pipeline: Pipeline | None = None
        self._deferred: dict[str, None] = {}
        """Pages the workers are to render and write, in build order."""
        self._workers = 0
        self._nav: Navigation | None = None
        self._templates: dict[str, str] = {}
        """The deferred pages' own templates (theirs is `prerender.WRAPPER`)."""
        self._written: set[str] = set()
        """Pages the workers wrote."""
        self._skipped = prerender.SkippedPages(self._written)
        self._page_content: dict[str, str | None] = {}
        self._page_meta_search: dict[str, object] = {}
        self.job: prerender.Job | None = None
        """How this build renders a page outside MkDocs' loop (set once every page is
        read: `start_writing`)."""

    def begin(self, generated: Generated, rendered: RenderedPages) -> None:
        self.generated, self.rendered = generated, rendered

    def add_files(self, files: Files, config: MkDocsConfig, *, with_guides: bool) -> None:
        """The generated pages, assets and (unless MkDocs found them in docs_dir) guides."""
        assert self.generated is not None
        self.files = files
        self._pages = {page.path: page for page in self.generated.pages}
        dirty = self._dirty
        if dirty is not None:
            dirty.start(config)

        def add(path: str, made: object, text: str, inclusion: InclusionLevel) -> None:
            if dirty is not None:
                files.append(dirty.file(config, path, made, text, inclusion))
            else:
                files.append(File.generated(config, path, content=text, inclusion=inclusion))

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
        if with_guides:
            for guide_path, text in self.generated.guides.items():
                if files.get_file_from_path(guide_path) is None:
                    add(guide_path, text, text, InclusionLevel.UNDEFINED)
        # theme/ is a custom_dir: MkDocs publishes its non-HTML files, templates included.
        for file in list(files):
            if file.src_uri.endswith(".j2"):
                files.remove(file)
        if dirty is not None:
            dirty.files_ready(files.documentation_pages())

    def prerender(self, files: Files, nav: Navigation, allowed: bool) -> None:
        """Decide which pages workers are to render and write, where `allowed`: the entity
        pages (outside the navigation, with a search digest of their own)."""
        self._deferred, self._nav = {}, nav
        if not allowed:
            return
        deferred = {path for path, page in self._pages.items()
                    if not page.in_nav and page.search is not None}  # fmt: skip
        in_build_order = [f.src_uri for f in files.documentation_pages() if f.src_uri in deferred]
        self._workers = workers.workers_for(len(in_build_order))
        if self._workers:
            self._deferred = dict.fromkeys(in_build_order)

    def start_writing(self, env: jinja2.Environment, config: MkDocsConfig) -> None:
        """Fork the workers, now that MkDocs has read every page and made the navigation;
        pages they write get a template that renders nothing."""
        assert self.files is not None and self._nav is not None
        self.job = prerender.Job.of(
            config, self.files, self._nav, env, self.rendered, escape_title, self._filled
        )
        if self._deferred:
            prerender.add_wrapper(env, self._template_of)
        # after the wrapper's loader, which empties the templates' cache; before the workers
        # fork, so that they inherit it
        theme_parts.reuse(env, config.theme)
        if not self._deferred:
            return
        self._pipeline = prerender.start(list(self._deferred), self._workers, self.job)
        logging.getLogger(prerender.SkippedPages.LOGGER).addFilter(self._skipped)

    def _template_of(self, page: Page) -> str | None:
        source = page.file.src_uri
        return None if source in self._written else self._templates.get(source, "main.html")

    def markdown(self, markdown: str, page: Page) -> str:
        """A generated page rendered before, from the same Markdown at the same place, is
        not rendered again: MkDocs gets nothing to convert, and `content` puts the kept HTML
        back. Pages the workers render get nothing to convert either."""
        source = page.file.src_uri
        if source in self._deferred:
            return _rendered_elsewhere(page)
        if source not in self._pages:
            return markdown
        key = self.rendered.key(markdown, source, page.url)
        kept = self.rendered.get(key)
        if kept is None:
            self._keys[source] = (key, prerender.WARNINGS.count)
            return markdown
        self._reused[source] = kept
        return _rendered_elsewhere(page)

    def content(self, html: str, page: Page) -> str:
        """Guide pages are published as written, but sanitised like every model text."""
        assert self.generated is not None
        source = page.file.src_uri
        if source in self._deferred:  # written by a worker, or else rendered in take_rendered
            self._templates[source] = page.meta.get("template", "main.html")
            page.meta["template"] = prerender.WRAPPER
            return html
        kept = self._reused.pop(source, None)
        if kept is not None:
            return self._filled(source, apply_to(kept, page))
        escape_title(page)
        if source in self.generated.guides:
            return self.generated.sanitise(html)
        key, warnings_before = self._keys.pop(source, (None, 0))
        if key is not None and prerender.WARNINGS.count == warnings_before:
            self.rendered.put(key, rendered_of(page, html))
        return self._filled(source, html)

    def _filled(self, source: str, html: str) -> str:
        """HTML blocks and diagrams go into a generated page after its Markdown is rendered
        (`html_blocks.py`)."""
        generated = self._pages.get(source)
        return generated.filled(html) if generated is not None else html

    def take_rendered(self, page: Page, config: MkDocsConfig) -> None:
        source = page.file.src_uri
        if source not in self._templates:
            return
        assert self._pipeline is not None
        written = self._pipeline.take(source)
        if written is not None:  # all the rest of the build needs of it
            self._written.add(source)
            page.content = apply_to(written.page, page)
            return
        # its rendering warned: render it here, where MkDocs counts warnings
        assert self.files is not None
        page.read_source(config)
        Page.render(page, config, self.files)  # the real one (`_rendered_elsewhere`)
        escape_title(page)
        page.content = self._filled(source, page.content or "")

    def show_search_the_digest(self, page: Page) -> None:
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

    def restore(self, page: Page) -> None:
        if page.file.src_uri in self._page_content:
            page.content = self._page_content.pop(page.file.src_uri)
        if page.file.src_uri in self._page_meta_search:
            was = self._page_meta_search.pop(page.file.src_uri)
            if was is None:
                page.meta.pop("search", None)
            else:
                page.meta["search"] = was

    def finish(self, config: MkDocsConfig, *, with_guides: bool) -> None:
        if self._pipeline is not None:
            self._pipeline.close()
            log.info(self._pipeline.summary)
            self._pipeline = None
        self._stop_writing()
        # A partial build used only the pages it rendered: it keeps the others.
        self.rendered.save(prune=self._dirty is None or not self._dirty.partial)
        if self._dirty is not None:
            rendered = self._dirty.finish(config, self.published(with_guides=with_guides))
            if rendered is not None:
                log.info(f"opmodel: {rendered} pages rendered again")

    def published(self, *, with_guides: bool) -> dict[str, object]:
        """The generated pages (and guides) by source path, as a served build compares them
        with the next one's (`serve.DirtyBuilds`)."""
        assert self.generated is not None
        published: dict[str, object] = {page.path: page for page in self.generated.pages}
        if with_guides:
            published.update(self.generated.guides)
        return published

    def regenerated(self, generated: Generated) -> None:
        """The model was loaded again and its pages made, for a quick build (`quick.py`)."""
        self.generated = generated
        self._pages = {page.path: page for page in generated.pages}

    def failed(self) -> None:
        self.job = None  # nothing to build on
        if self._dirty is not None:
            self._dirty.failed()
        if self._pipeline is not None:
            self._pipeline.close()
            self._pipeline = None
        self._stop_writing()

    def _stop_writing(self) -> None:
        logging.getLogger(prerender.SkippedPages.LOGGER).removeFilter(self._skipped)
        self._written.clear()
        self._templates.clear()


def escape_title(page: Page) -> None:
    """Every page gets an escaped title in its meta (`layout.page_title`)."""
    title = page_title(page.meta, page.title, page.is_homepage)
    if title is not None:
        page.meta["title"] = title


def _rendered_elsewhere(page: Page) -> str:
    """Markdown for a page whose HTML comes from elsewhere (kept from an earlier build, or
    made on another core): none. MkDocs still calls `page.render` on it, and rendering
    builds a Markdown converter with every extension even for no text: 0.3 ms a page, 5 s
    of the main process on 18,000 pages. This page's `render` gives at once what rendering
    nothing gives (`content` and `take_rendered` then put its HTML, contents and anchors
    in)."""

    def render(config: MkDocsConfig, files: Files) -> None:
        page.content = ""
        page.toc = get_toc([])
        page.present_anchor_ids = set()
        page.links_to_anchors = {}

    page.render = render  # type: ignore[method-assign]
    return ""
