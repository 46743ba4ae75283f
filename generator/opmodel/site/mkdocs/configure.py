"""What the generated site asks of MkDocs' configuration, and what MkDocs' state tells the
plugin: plain steps the plugin's events call."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import CountHandler

from opmodel.site import layout, publish
from opmodel.site.generate import Generated
from opmodel.site.markdown import html_text

REQUIRED_EXTENSIONS = ("tables", "md_in_html")


def apply(config: MkDocsConfig, generated: Generated, *, site_name_option: str | None) -> None:
    """The site's name, the Markdown extensions the generated pages rely on, their CSS and
    JavaScript."""
    if site_name_option == "organisation":
        # mkdocs.yml must have a site_name of its own (MkDocs validates it before any
        # plugin runs): this one replaces it, for the theme and every page.
        config.site_name = layout.EscapedName(html_text(generated.organisation))
    for extension in REQUIRED_EXTENSIONS:
        if extension not in config.markdown_extensions:
            config.markdown_extensions.append(extension)
    config.extra_css.extend(generated.css)
    config.extra_javascript.extend(generated.javascript)
    polyfills = config.extra.get("polyfills", [])
    config.extra["polyfills"] = layout.with_polyfills(polyfills, generated.polyfills)


class StagedBuild:
    """Under `mkdocs build` and `mkdocs gh-deploy`, MkDocs writes into a hidden folder beside
    site_dir, swapped in once the build has finished (`publish.Staging`): a build killed
    part-way leaves the previous site as it was. Not under `opmodel build` (it stages
    itself), nor for a dirty build (it adds to the site it finds)."""

    def __init__(self) -> None:
        self._staged: tuple[MkDocsConfig, publish.Staging] | None = None

    def stage(self, config: MkDocsConfig, command: str, clean: bool) -> None:
        self.discard()
        if command not in ("build", "gh-deploy") or not clean:
            return
        if os.environ.get(publish.STAGED_ENV):
            return
        staging = publish.Staging(Path(config.site_dir).resolve())
        self._staged = (config, staging)
        config.site_dir = str(staging.folder)

    def discard(self) -> None:
        """The build failed or stopped: its staging folder goes, site_dir is as it was."""
        if self._staged is not None:
            config, staging = self._staged
            self._staged = None
            config.site_dir = str(staging.site_dir)
            staging.discard()

    def publish(self, config: MkDocsConfig) -> None:
        """Swap the staged site in; site_dir is then the real one again, for what reads it
        after the build (gh-deploy pushes it)."""
        if self._staged is None:
            return
        if config.strict and warned():
            return  # MkDocs aborts the build next: on_build_error discards it
        _, staging = self._staged
        self._staged = None
        staging.publish()
        config.site_dir = str(staging.site_dir)


def warned() -> bool:
    """Whether MkDocs counted a warning in this build: in strict mode it then aborts after
    the post_build event (`mkdocs.commands.build.build`)."""
    return any(
        isinstance(handler, CountHandler) and handler.get_counts()
        for handler in logging.getLogger("mkdocs").handlers
    )


def others_change_pages(config: MkDocsConfig, ours: type) -> bool:
    """Whether another plugin changes pages' Markdown or HTML: it would not see the pages
    that workers render."""
    return any(
        not isinstance(getattr(handler, "__self__", None), ours)
        for event in ("page_markdown", "page_content")
        for handler in config.plugins.events[event]
    )
