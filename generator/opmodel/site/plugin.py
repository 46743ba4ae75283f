"""The MkDocs plugin: a thin adapter that serves the generated pages as virtual files.

Everything worth testing lives in plain modules (pages, render, views); the events here
only call them. The model is loaded and validated in `on_config`, because MkDocs empties
`site_dir` after `on_config`: failing there leaves the previous site intact.
"""

from __future__ import annotations

import logging
import os
from html import unescape
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from opmodel.site.config import OpmodelConfig
from opmodel.site.generate import DEFAULT_BASELINE, Generated, GenerateFailed, generate
from opmodel.site.markdown import html_text

log = logging.getLogger("mkdocs.plugins.opmodel")
REQUIRED_EXTENSIONS = ("tables", "md_in_html")
NO_DIAGRAMS_ENV = "OPMODEL_NO_DIAGRAMS"
"""Set (to anything) by `opmodel build --no-diagrams`: the one way to reach the plugin from
the command line, since mkdocs.yml is the user's."""


class OpmodelPlugin(BasePlugin[OpmodelConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.generated: Generated | None = None
        self.content_dir: Path | None = None
        self.guides_in_docs_dir = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").parent
        self.content_dir = (root / self.config.content).resolve()
        templates = (root / self.config.templates).resolve() if self.config.templates else None
        try:
            self.generated = generate(
                self.content_dir,
                templates=templates,
                use_directory_urls=config.use_directory_urls,
                diagrams=self.config.diagrams and not os.environ.get(NO_DIAGRAMS_ENV),
                strict=self.config.strict,
                baseline=self.config.baseline or DEFAULT_BASELINE,
                cache_dir=root / ".cache" / "opmodel",
            )
        except GenerateFailed as failure:
            raise PluginError(str(failure)) from None
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
        guides = (self.content_dir / "pages").resolve()
        self.guides_in_docs_dir = Path(config.docs_dir).resolve() == guides
        self._set_navigation(config)
        return config

    def _set_navigation(self, config: MkDocsConfig) -> None:
        assert self.generated is not None
        if self.config.nav == "none":
            return
        entries = self.generated.nav
        if config.nav is None and self.config.nav == "auto":
            config.nav = entries
        else:
            config.nav = [*(config.nav or []), {"Operating model": entries}]

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.generated is not None
        for page in self.generated.pages:
            existing = files.get_file_from_path(page.path)
            if existing is not None:
                files.remove(existing)
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.path, content=page.text, inclusion=inclusion))
        for asset_path, data in self.generated.assets.items():
            files.append(File.generated(config, asset_path, content=data))
        if not self.guides_in_docs_dir:
            for guide_path, text in self.generated.guides.items():
                if files.get_file_from_path(guide_path) is None:
                    files.append(File.generated(config, guide_path, content=text))
        # theme/ is a custom_dir: MkDocs publishes its non-HTML files, templates included.
        for file in list(files):
            if file.src_uri.endswith(".j2"):
                files.remove(file)
        return files

    def on_page_content(self, html: str, page: Page, **kwargs: Any) -> str:
        """Guide pages are published as written, but sanitised like every model text."""
        assert self.generated is not None
        _escape_title(page)
        if page.file.src_uri in self.generated.guides:
            return self.generated.sanitise(html)
        return html

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild on edits to the model and to the organisation's theme (MkDocs watches a
        theme's custom_dir only with --watch-theme)."""
        if self.content_dir is not None:
            server.watch(str(self.content_dir))
        custom_dir = getattr(config.theme, "custom_dir", None)
        if custom_dir:
            server.watch(str(custom_dir))
        return server


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
