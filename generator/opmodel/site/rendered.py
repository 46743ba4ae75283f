"""Generated pages as MkDocs rendered them last time, so an unchanged page is not rendered
from Markdown again.

Python-Markdown is most of what a build costs on a large model (about 10 ms for an entity
page with tables and a diagram). A generated page's HTML depends only on its Markdown, its
place in the site and the Markdown configuration, so those, hashed, name a file in
`.cache/opmodel/pages/` holding what rendering produced: the HTML, the table of contents,
the escaped title and the anchors other pages may link to. Entries not used by a build are
deleted at its end, so the folder holds one site's pages. Like the entity cache, this is
local build state: anything unreadable is rendered again.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from opmodel.local_cache import code_digest, read_pickle, write_pickle


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: Any
    """MkDocs' TableOfContents for the page."""
    title: str | None
    """`page.meta["title"]` as the plugin set it (escaped)."""
    anchors: frozenset[str]

    @classmethod
    def of(cls, page: Page, html: str) -> Rendered:
        """What rendering `page` produced (`html`: its content, as plugins left it)."""
        return cls(html, page.toc, page.meta.get("title"), frozenset(page.present_anchor_ids or ()))

    def apply_to(self, page: Page) -> str:
        """Give `page` what rendering it produced before; returns its HTML."""
        page.toc = self.toc
        page.present_anchor_ids = set(self.anchors)
        if self.title is not None:
            page.meta["title"] = self.title
        return self.html


class RenderedPages:
    def __init__(self, folder: Path | None, salt: str) -> None:
        self._folder = folder
        self._salted = hashlib.sha256(salt.encode())
        self._used: set[str] = set()

    def key(self, markdown: str, src_uri: str, url: str) -> str:
        digest = self._salted.copy()
        for part in (src_uri, url, markdown):
            digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get(self, key: str) -> Rendered | None:
        if self._folder is None:
            return None
        found = read_pickle(self._folder / key)
        if not isinstance(found, Rendered):
            return None
        self._used.add(key)
        return found

    def keep(self, key: str) -> None:
        """Count an entry as used by this build (read or written by a worker process)."""
        self._used.add(key)

    def put(self, key: str, rendered: Rendered) -> None:
        if self._folder is None:
            return
        self._used.add(key)
        write_pickle(self._folder / key, rendered)

    def prune(self) -> None:
        """Delete the entries this build did not use (pages changed or gone)."""
        if self._folder is None or not self._folder.is_dir():
            return
        for entry in os.scandir(self._folder):
            if entry.name not in self._used:
                Path(entry.path).unlink(missing_ok=True)


def rendering_salt(config: MkDocsConfig) -> str:
    """Everything besides a page's Markdown that shapes its HTML: the Markdown extensions
    and their settings, and the versions of the code that renders."""
    return json.dumps(
        [
            [_describe(e) for e in config.markdown_extensions],
            config.mdx_configs,
            config.use_directory_urls,
            {name: _version(name) for name in ("mkdocs", "markdown", "mkdocs-material")},
            code_digest("site"),  # how pages are rendered and titled
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
