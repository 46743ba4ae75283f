"""What rendering a MkDocs page produced, taken from it and given back
(`speed/rendered.py` keeps it between builds), and what besides its Markdown shapes it."""

from __future__ import annotations

import json
from importlib import metadata
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from opmodel.speed.local_cache import code_digest
from opmodel.speed.rendered import Rendered


def rendered_of(page: Page, html: str) -> Rendered:
    """What rendering `page` produced (`html`: its content, as plugins left it)."""
    anchors = frozenset(page.present_anchor_ids or ())
    return Rendered(html, page.toc, page.meta.get("title"), anchors)


def apply_to(rendered: Rendered, page: Page) -> str:
    """Give `page` what rendering it produced before; returns its HTML."""
    page.toc = rendered.toc
    page.present_anchor_ids = set(rendered.anchors)
    if rendered.title is not None:
        page.meta["title"] = rendered.title
    return rendered.html


def rendering_salt(config: MkDocsConfig) -> str:
    """Everything besides a page's Markdown that shapes its HTML: the Markdown extensions
    and their settings, and the versions of the code that renders."""
    return json.dumps(
        [
            [_describe(e) for e in config.markdown_extensions],
            config.mdx_configs,
            config.use_directory_urls,
            {name: _version(name) for name in ("mkdocs", "markdown", "mkdocs-material")},
            code_digest("site", "site/mkdocs"),  # how pages are rendered and titled
        ],
        default=_describe,
        sort_keys=True,
    )


def _describe(value: Any) -> str:
    """Settings as text that is the same in every run (no object addresses)."""
    if isinstance(value, str):
        return value
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
    return type(value).__qualname__


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""
