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
import pickle
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: Any
    """MkDocs' TableOfContents for the page."""
    title: str | None
    """`page.meta["title"]` as the plugin set it (escaped)."""
    anchors: frozenset[str]


class RenderedPages:
    def __init__(self, folder: Path | None, salt: str) -> None:
        self._folder = folder
        self._salt = salt
        self._used: set[str] = set()

    def key(self, markdown: str, src_uri: str, url: str) -> str:
        digest = hashlib.sha256(self._salt.encode())
        for part in (src_uri, url, markdown):
            digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get(self, key: str) -> Rendered | None:
        if self._folder is None:
            return None
        try:
            with (self._folder / key).open("rb") as source:
                found = pickle.load(source)
        except Exception:  # missing, or written by other code: render it again
            return None
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
        try:
            self._folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".page-", dir=self._folder)
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(rendered, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self._folder / key)
        except Exception:  # a full disk, say: this page is rendered again next time
            Path(temporary).unlink(missing_ok=True)

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
            RENDERING_CODE,
        ],
        default=_describe,
        sort_keys=True,
    )


RENDERING_CODE = hashlib.sha256(
    b"".join(p.read_bytes() for p in sorted(Path(__file__).parent.glob("*.py")))
).hexdigest()
"""The site package's code (the plugin among it): a change to how pages are rendered or
titled invalidates the kept pages."""


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
