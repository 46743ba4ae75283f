"""A page's Markdown to HTML exactly as MkDocs' `Page.render` does it, with one Markdown
converter for all the pages a worker renders instead of a new one for each.

`Page.render` builds `markdown.Markdown(...)` with every configured extension for each page:
about 0.2 ms, 4 s of CPU over the 18,000 pages of a large model, before any Markdown is
read. A converter can be used again once `reset()`: Python-Markdown's own extensions keep
their state only where `reset()` clears it. An extension from anywhere else might not, so
with one of those configured (or a MkDocs without 1.6's page internals), every page gets
`Page.render` itself.
"""

from __future__ import annotations

import logging

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from opmodel.site.mkdocs.skeleton import Converted, Skeletons

BUILT_IN = "markdown.extensions."
_INTERNALS = (
    "_RawHTMLPreprocessor",
    "_ExtractAnchorsTreeprocessor",
    "_RelativePathTreeprocessor",
    "_ExtractTitleTreeprocessor",
)
_converters: dict[int, tuple[MkDocsConfig, markdown.Markdown | None, Skeletons | None]] = {}
"""By `id(config)` (the configuration is kept, so its id is never another's)."""


def render(page: Page, config: MkDocsConfig, files: Files) -> None:
    """`Page.render(page, config, files)`, sooner."""
    if id(config) not in _converters:
        md = _converter(config)
        _converters[id(config)] = (config, md, None if md is None else Skeletons(md))
    _, md, skeletons = _converters[id(config)]
    if md is None or skeletons is None:
        Page.render(page, config, files)
        return
    assert page.markdown is not None
    converted = skeletons.convert(
        page.markdown, page.file, lambda text: _converted(md, text, page, config, files)
    )
    page.content = converted.html
    page.toc = get_toc(converted.toc_tokens)  # type: ignore[arg-type]
    page._title_from_render = converted.title
    page.present_anchor_ids = set(converted.anchors)
    if converted.links_to_anchors is not None:
        page.links_to_anchors = converted.links_to_anchors


def _converted(
    md: markdown.Markdown, text: str, page: Page, config: MkDocsConfig, files: Files
) -> Converted:
    """`text` converted as MkDocs' `Page.render` converts the page's Markdown."""
    md.reset()
    raw_html = pages._RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    anchors._register(md)
    relative = pages._RelativePathTreeprocessor(page.file, files, config)
    relative._register(md)
    title = pages._ExtractTitleTreeprocessor()
    title._register(md)
    html = md.convert(text)
    return Converted(
        html,
        getattr(md, "toc_tokens", []),
        title.title,
        frozenset(anchors.present_anchor_ids | raw_html.present_anchor_ids),
        relative.links_to_anchors if pages.log.getEffectiveLevel() > logging.DEBUG else None,
    )


def _converter(config: MkDocsConfig) -> markdown.Markdown | None:
    """A converter for `config`'s extensions; None if one of them may keep state between
    pages, or MkDocs' page internals are not the ones this module knows."""
    if not all(hasattr(pages, name) for name in _INTERNALS):
        return None
    extensions, configs = config["markdown_extensions"], config["mdx_configs"] or {}
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    built = [
        md.build_extension(e, configs.get(e, {})) if isinstance(e, str) else e for e in extensions
    ]
    if not all(type(extension).__module__.startswith(BUILT_IN) for extension in built):
        return None
    return md
