"""What the generated site asks of MkDocs' configuration, and what MkDocs' state tells the
plugin: plain steps the plugin's events call."""

from __future__ import annotations

import dataclasses
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.utils import CountHandler, nest_paths

from opmodel.dependencies import unmet_requirements
from opmodel.site import layout, not_found, publish
from opmodel.site.generate import DEFAULT_BASELINE, Generated, GenerateFailed, generate
from opmodel.site.markdown import html_text
from opmodel.site.mkdocs import prerender
from opmodel.site.mkdocs.config import OpmodelConfig
from opmodel.site.mkdocs.rendered import rendering_salt
from opmodel.site.mount import BadMount, mounted, normalise
from opmodel.speed import Speed
from opmodel.speed.local_cache import CACHE_DIR, remove_entry_files
from opmodel.speed.rendered import RenderedPages

log = logging.getLogger("mkdocs.plugins.opmodel")

REQUIRED_EXTENSIONS = ("tables", "md_in_html")
PAGES_FILE = "pages.sqlite"
PAGES_CACHE = CACHE_DIR / PAGES_FILE
"""The rendered-pages store, beside mkdocs.yml."""


def generate_for(
    config: MkDocsConfig, options: OpmodelConfig, speed: Speed
) -> tuple[layout.Layout, Generated, Speed]:
    """The model loaded and checked, and the site's pages made from it, as mkdocs.yml and
    the plugin's options say; where they sit in the site; the runner with its cache. Any
    failure is a PluginError, raised before MkDocs empties site_dir."""
    if unmet := unmet_requirements():
        raise PluginError("\n".join(unmet))
    root = Path(config.config_file_path or ".").resolve().parent
    content = root / options.content
    # A linked content folder stays as it is, for the loader to refuse (OPM116).
    content = content if content.is_symlink() else content.resolve()
    templates = (root / options.templates).resolve() if options.templates else None
    try:
        mount = normalise(options.mount)
    except BadMount as bad:
        raise PluginError(f"opmodel: {bad}") from None
    where = layout.Layout.of(content, Path(config.docs_dir), mount)
    speed = dataclasses.replace(speed, cache_dir=root / CACHE_DIR if options.cache else None)
    try:
        made = generate(
            content,
            templates=templates,
            use_directory_urls=config.use_directory_urls,
            diagrams=options.diagrams and not os.environ.get(publish.NO_DIAGRAMS_ENV),
            strict=options.strict,
            baseline=options.baseline or DEFAULT_BASELINE,
            reference=options.reference,
            speed=speed,
        )
    except GenerateFailed as failure:
        raise PluginError(str(failure)) from None
    generated = mounted(made, mount)
    # The site's own files are never replaced by generated ones.
    if clash := where.clashes(generated, Path(config.docs_dir), config.use_directory_urls):
        raise PluginError(clash)
    return where, generated, speed


def report(generated: Generated) -> None:
    """What the build found and did, for its log."""
    for warning in generated.warnings:
        log.warning(warning)
    for note in generated.notes:
        log.info(note)


def rendered_pages(config: MkDocsConfig, speed: Speed) -> RenderedPages:
    """The pages as MkDocs rendered them in earlier builds, kept beside the entity cache;
    none without a cache."""
    if speed.cache_dir is None:
        return RenderedPages(None, "")
    remove_entry_files(speed.cache_dir)
    prerender.WARNINGS.install()
    return RenderedPages(speed.cache_dir / PAGES_FILE, rendering_salt(config))


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


def without_model_sources(
    files: Files, config: MkDocsConfig, where: layout.Layout, content_option: str
) -> Files:
    """`files` less the model's own sources, where docs_dir holds content/: its YAML and
    charters are the model, shown through the generated pages, not pages of their own."""
    config_dir = os.path.dirname(os.path.abspath(config.config_file_path or "."))
    source = where.source_test(config_dir, content_option, os.path.abspath(config.docs_dir))
    if source is None:
        return files
    kept = [f for f in files if not source(f.abs_src_path, f.src_dir, f.src_uri)]
    return files if len(kept) == len(files) else Files(kept)


def site_pages_first(files: Files, generated_nav: list[object]) -> list[object]:
    """Under a mount with no `nav` in mkdocs.yml: the site's own pages, then the model's
    section."""
    own = [f.src_uri for f in files.documentation_pages() if f.inclusion.is_in_nav()]
    return [*nest_paths(own), {layout.NAV_SECTION: generated_nav}]


def relocatable_404(html: str, files: Files) -> str:
    """The 404 page finds the site's root as it loads (`not_found.py`): served under a
    sub-path without `site_url`, it had neither style nor links."""
    folders = {f.dest_uri.split("/", 1)[0] for f in files if "/" in f.dest_uri}
    return not_found.relocatable(html, folders | {"assets", "search"})
