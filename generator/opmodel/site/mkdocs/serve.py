"""`opmodel serve` on a large model: after an edit, MkDocs renders only the pages that changed.

`opmodel serve` runs `mkdocs serve --dirty`. In a dirty build MkDocs skips every file whose
`is_modified()` is false; for a generated page that is decided here: the page is modified
when its Markdown or diagrams differ from the last build's, or when something every page
shows changed (the navigation, mkdocs.yml, the theme's overrides). `Incremental`
(`incremental.py`) makes the Markdown of unchanged pages cost nothing; this module makes
their HTML cost nothing.

Two things a dirty build leaves wrong are put right here: the search index (Material keeps
the last index and merges in the rebuilt pages, but its merge assumes a single page), and
pages that no longer exist (their HTML would still be served).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel

from opmodel.site.publish import POLL_ENV
from opmodel.speed.gc_pause import IdleCollector
from opmodel.speed.incremental import folder_stamp

DIRTY_WARNING = "A 'dirty' build is being performed"


class DirtyBuilds:
    """What one build under `mkdocs serve --dirty` keeps for the next: the pages it
    published, the files it wrote, and a digest of what every page shows. The plugin calls
    it at each step of a build."""

    def __init__(self) -> None:
        self.collector = IdleCollector()
        self.partial = False
        """This build renders only the pages that changed."""
        self._published: dict[str, object] = {}
        """The last finished build's generated pages and guides, by source path."""
        self._outputs: dict[str, File] = {}
        """The last finished build's documentation pages, by URL."""
        self._shared = ""
        self._now: tuple[str, dict[str, File]] = ("", {})
        self._rendered: set[str] = set()

    def start(self, config: MkDocsConfig) -> None:
        """Before the generated files are added (`on_files`)."""
        shared = shared_parts(config)
        self.partial = bool(self._published) and shared == self._shared
        self._now = (shared, {})
        if self.partial:
            self.collector.pause()

    def file(
        self, config: MkDocsConfig, path: str, made: object, text: str, inclusion: InclusionLevel
    ) -> File:
        """A generated page (`made`: what generated it, compared with the last build's)."""
        modified = not self.partial or self._published.get(path) != made
        return GeneratedFile.of(config, path, text, inclusion, modified=modified)

    def files_ready(self, documentation_pages: Iterable[File]) -> None:
        self._now = (self._now[0], {f.url: f for f in documentation_pages})

    def rendered(self, url: str) -> None:
        self._rendered.add(url)

    def finish(self, config: MkDocsConfig, published: dict[str, object]) -> int | None:
        """After a build (`on_post_build`, before the search plugin's): puts right what a
        partial build leaves wrong; returns how many pages it rendered."""
        shared, outputs = self._now
        rendered = len(self._rendered) if self.partial else None
        if self.partial:
            merge_search_index(config, self._rendered, list(outputs))
            remove_outputs(
                self._outputs[url].abs_dest_path for url in self._outputs.keys() - outputs.keys()
            )
        self._published, self._outputs, self._shared = published, outputs, shared
        self._rendered = set()
        self.collector.build_finished()
        return rendered

    @property
    def published(self) -> dict[str, object]:
        return self._published

    def published_quickly(self, published: dict[str, object]) -> None:
        """A quick build (`quick.py`) published these pages; what else the last build kept
        (its files, what every page shows) is as it was."""
        self._published = published
        self._rendered = set()

    def failed(self) -> None:
        """The build stopped: the next one compares with the last that finished."""
        self._rendered = set()
        self.collector.build_finished()


class ChangedPaths:
    """The paths the server's file events named since the last build began (`serve.py`
    records them for every folder it watches)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: set[str] = set()

    def add(self, *paths: str) -> None:
        with self._lock:
            self._paths.update(path for path in paths if path)

    def take(self) -> set[str]:
        with self._lock:
            taken, self._paths = self._paths, set()
            return taken


class GeneratedFile(File):
    """A generated page or guide whose output the last build already wrote, unless
    `modified` says otherwise (MkDocs asks `is_modified()` in a dirty build only)."""

    modified = True

    @classmethod
    def of(
        cls,
        config: MkDocsConfig,
        path: str,
        text: str,
        inclusion: InclusionLevel,
        *,
        modified: bool,
    ) -> GeneratedFile:
        file = cls.generated(config, path, content=text, inclusion=inclusion)
        assert isinstance(file, GeneratedFile)
        file.modified = modified
        return file

    def is_modified(self) -> bool:
        return self.modified


def shared_parts(config: MkDocsConfig) -> str:
    """A digest of what every page's HTML shows besides its own content: when it changes,
    every page is rendered again."""
    digest = hashlib.sha256()
    if config.config_file_path:
        digest.update(Path(config.config_file_path).read_bytes())
    custom_dir = getattr(config.theme, "custom_dir", None)
    digest.update(repr(folder_stamp(Path(custom_dir) if custom_dir else None)).encode())
    digest.update(repr(config.nav).encode())
    return digest.hexdigest()


def merge_search_index(config: MkDocsConfig, rebuilt: set[str], pages: list[str]) -> None:
    """Before Material's search plugin writes the index of a dirty build: the last index's
    entries for the pages not rebuilt, the new entries for the rebuilt ones, in the order of
    `pages` (the URLs of this build's pages, in build order), as a full build has them.

    Material merges the last index itself, but drops only the entries of the first rebuilt
    page (and every entry when that page is the home page, whose URL prefixes all others).
    """
    search = search_plugin(config)
    if search is None or search.search_index_prev is None:
        return
    order = {url: index for index, url in enumerate(pages)}
    entries = [
        entry
        for entry in search.search_index_prev.entries
        if _page_url(entry) in order and _page_url(entry) not in rebuilt
    ]
    entries += search.search_index.entries
    entries.sort(key=lambda entry: order.get(_page_url(entry), len(order)))  # stable
    search.search_index.entries = entries
    search.search_index_prev = None  # merged: Material's own merge is not needed


def _page_url(entry: dict[str, Any]) -> str:
    return str(entry["location"]).split("#", 1)[0]


def search_plugin(config: MkDocsConfig) -> Any:
    for plugin in config.plugins.values():
        if all(
            hasattr(plugin, name) for name in ("search_index", "search_index_prev", "is_dirty")
        ) and hasattr(getattr(plugin, "search_index", None), "entries"):
            return plugin
    return None


def remove_outputs(paths: Iterable[str]) -> None:
    """The HTML of pages that no longer exist (a dirty build leaves it in place)."""
    for path in paths:
        with contextlib.suppress(OSError):
            os.remove(path)


class QuietDirtyWarning(logging.Filter):
    """MkDocs warns on every dirty build that navigation may be stale; under `opmodel serve`
    the plugin decides which pages are stale, so the warning would only be noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_WARNING)


QUIET_DIRTY_WARNING = QuietDirtyWarning()


def watch_with_events(server: Any, changes: ChangedPaths) -> bool:
    """Let `server` (MkDocs' `LiveReloadServer`, before it serves) hear of edits from the
    system's file events instead of polling: MkDocs takes a snapshot of every watched
    folder twice a second, which on a large model (18,000 files) costs a sixth of a core
    all the time, holds the GIL against the build, and notices an edit 0.25-0.75 s late.

    The folders already watched move to the new observer with their handlers; one watched
    later is scheduled on it directly. Where file events cannot be had (no inotify, its
    limits reached, another watchdog or MkDocs than the one this was written for), MkDocs'
    polling stays and False is returned. Every event's paths are noted in `changes`."""
    if os.environ.get(POLL_ENV):  # `opmodel serve --poll`
        return False
    observer: Any = getattr(server, "observer", None)
    handlers = getattr(observer, "_handlers", None)
    refs = getattr(server, "_watch_refs", None)
    if not isinstance(handlers, dict) or not isinstance(refs, dict) or observer.is_alive():
        return False
    try:
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver
    except ImportError:
        return False
    native: Any = Observer  # the system's own, inotify on Linux
    if issubclass(native, PollingObserver):  # no file events on this system
        return False
    events = _observer_of_changes(native, changes)
    moved: dict[str, Any] = {}
    try:
        for watch, watch_handlers in list(handlers.items()):
            for handler in watch_handlers:
                moved[watch.path] = events.schedule(
                    handler, watch.path, recursive=watch.is_recursive
                )
        events.start()
    except (OSError, RuntimeError):
        with contextlib.suppress(Exception):
            events.stop()
        return False
    refs.update(moved)
    server.observer = events
    if isinstance(getattr(server, "build_delay", None), float):
        server.build_delay = min(server.build_delay, EVENTS_SETTLE_SECONDS)
    return True


EVENTS_SETTLE_SECONDS = 0.02
"""How long the server waits after a file event for the next before it builds (MkDocs:
0.1 s, for polling). A save's events (written, closed; or a temporary file moved into
place) come within milliseconds of each other; one that comes later only builds again."""


def _observer_of_changes(observer: type[Any], changes: ChangedPaths) -> Any:
    """An `observer` that reports only changes, notes their paths in `changes` before its
    handlers hear of them, and is started at most once.

    The system also reports a file opened or read, and MkDocs rebuilds on any event, so
    every build's reading would start the next. The server starts its observer when it
    serves, and this one is started before, where a failure can still fall back."""
    from watchdog import events

    kinds = [
        events.FileCreatedEvent,
        events.FileModifiedEvent,
        events.FileClosedEvent,  # closed after writing
        events.FileDeletedEvent,
        events.FileMovedEvent,
        events.FileAttribEvent,  # `touch`
    ]

    class OfChanges(observer):
        def schedule(self, handler: Any, path: Any, **options: Any) -> Any:
            options.setdefault("event_filter", kinds)
            return super().schedule(_Noting(handler, changes), path, **options)

        def start(self) -> None:
            if not self.is_alive():
                super().start()

    return OfChanges()


class _Noting:
    """A watchdog event handler that notes the paths of each file event, then hands it on."""

    def __init__(self, handler: Any, changes: ChangedPaths) -> None:
        self._handler = handler
        self._changes = changes

    def dispatch(self, event: Any) -> None:
        if not event.is_directory:
            self._changes.add(str(event.src_path), str(getattr(event, "dest_path", "") or ""))
        self._handler.dispatch(event)
