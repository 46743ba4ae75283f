"""Generated pages as MkDocs rendered them last time, so an unchanged page is not rendered
from Markdown again.

Python-Markdown costs about 0.7 ms a generated page even with its HTML blocks set aside
(`site/html_blocks.py`): 13 s of CPU for 18,000 pages. A generated page's HTML depends only
on its Markdown, its place in the site and the Markdown configuration, so those, hashed, key
an entry in `.cache/opmodel/pages.sqlite` holding what rendering produced: the HTML, the
table of contents, the escaped title and the anchors other pages may link to. Entries not
used by a build are deleted at its end, so the file holds one site's pages. Like the entity
cache, this is local build state: anything unreadable is rendered again. (Taking these from
and giving them to MkDocs' pages is the adapter's: `site/mkdocs/rendered.py`.)
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from opmodel.speed.local_cache import Store


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: Any
    """MkDocs' TableOfContents for the page."""
    title: str | None
    """`page.meta["title"]` as the plugin set it (escaped)."""
    anchors: frozenset[str]


class RenderedPages:
    def __init__(self, path: Path | None, salt: str) -> None:
        self._store = Store(path)
        self._salted = hashlib.sha256(salt.encode())
        self._used: set[str] = set()
        self._new: dict[str, bytes] = {}

    def key(self, markdown: str, src_uri: str, url: str) -> str:
        digest = self._salted.copy()
        for part in (src_uri, url, markdown):
            digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get(self, key: str) -> Rendered | None:
        entry = self._store.get(key)
        try:
            found = pickle.loads(entry) if entry is not None else None
        except Exception:  # written by other code, or damaged: render the page again
            return None
        if not isinstance(found, Rendered):
            return None
        self._used.add(key)
        return found

    def keep(self, key: str) -> None:
        """Count an entry as used by this build (read by a worker process)."""
        self._used.add(key)

    def put(self, key: str, rendered: Rendered) -> None:
        """Keep what a page rendered to; written by `save`."""
        self.put_entry(key, self.entry(rendered))

    def put_entry(self, key: str, entry: bytes) -> None:
        """`put`, for an entry made by `entry` (in a worker process)."""
        self._used.add(key)
        self._new[key] = entry

    @staticmethod
    def entry(rendered: Rendered) -> bytes:
        return pickle.dumps(rendered, protocol=pickle.HIGHEST_PROTOCOL)

    def save(self, *, prune: bool) -> None:
        """Write the pages rendered by this build; with `prune`, delete the entries it did
        not use (pages changed or gone)."""
        self._store.put_many(self._new)
        self._new = {}
        if prune:
            self._store.keep_only(self._used)
        self._store.close()
