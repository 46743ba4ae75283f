"""Rendering and writing generated pages on every core while MkDocs builds the rest.

(The pool and the order pages come back in; rendering and writing one page with MkDocs and
its theme is the adapter's, `site/mkdocs/prerender.py`.)

MkDocs builds pages one after another on one core: it converts every page from Markdown,
then renders every page's theme template and writes it; on a large model those two are
most of the build. The entity pages, which are outside the navigation, do not need MkDocs'
loop for either: once MkDocs has read every page and made the navigation (`on_env`), forked
workers convert them with MkDocs' own `Page.render`, render them with the theme's own
templates and write them, in the order MkDocs builds pages, while MkDocs builds the others.
The plugin takes back only what the rest of the build needs of each page (its title, table
of contents and anchors, for search and link checks) and has MkDocs write nothing over it.
Workers reuse what the rendered-pages cache holds, and hand back what they rendered, which
the plugin writes there after the build.

A page whose rendering logged a warning is not written, and the plugin renders it itself,
so the warning is printed and counted (`--strict`) as usual.

Forking is used only where it is safe and worth it: on a platform with `fork`, with more
than one core, while the process runs no other thread (under `mkdocs serve`, its first
build, before the server starts: `Speed.may_fork`), when no other plugin takes part in
building pages (it would not see these), and for at least `MIN_PAGES` pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.pool import Pool

from opmodel.speed.fork_map import available_workers, forked_imap
from opmodel.speed.rendered import Rendered, RenderedPages

MIN_PAGES = 500
"""Fewer pages render in a few seconds; starting workers would not pay."""
CHUNK = 50


@dataclass(frozen=True)
class Written:
    """A page a worker rendered and wrote: what the rest of the build needs of it."""

    key: str
    """Its rendered-pages cache key."""
    entry: bytes | None
    """The cache entry it rendered (`RenderedPages.entry`); None: it was in the cache."""
    page: Rendered
    """What rendering it produced, but for its HTML (that is in the file): title, table of
    contents and anchors."""


Done = tuple[str, Written | None]
"""(page, what was written, or None: its rendering warned, the plugin renders it)."""


class Pipeline:
    """Pages being rendered and written by workers, taken back one by one in the order
    given."""

    def __init__(
        self, pool: Pool, workers: int, results: Iterator[list[Done]], kept: RenderedPages
    ):
        self._pool = pool
        self.workers = workers
        self._results = results
        self._kept = kept
        self._ready: dict[str, Written | None] = {}
        self.rendered = 0
        """Pages the workers rendered from Markdown."""
        self.reused = 0
        """Pages the workers found in the rendered-pages cache."""

    def take(self, source: str) -> Written | None:
        """What was written of the page, waiting for it if need be; None: render it
        yourself."""
        while source not in self._ready:
            chunk = next(self._results, None)
            if chunk is None:
                return None
            for done, written in chunk:
                self._ready[done] = written
                if written is None:
                    continue
                if written.entry is not None:
                    self._kept.put_entry(written.key, written.entry)  # saved after the build
                    self.rendered += 1
                else:
                    self._kept.keep(written.key)
                    self.reused += 1
        return self._ready.pop(source)

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()

    @property
    def summary(self) -> str:
        taken = self.rendered + self.reused
        return f"opmodel: {taken} pages rendered and written by {self.workers} workers" + (
            f" ({self.reused} from the cache)" if self.reused else ""
        )


def workers_for(pages: int) -> int:
    """How many workers to render and write `pages` pages with; 0: it would not pay, or
    cannot be done here."""
    cores = available_workers()
    if cores < 2 or pages < MIN_PAGES:
        return 0
    return cores  # MkDocs' own loop mostly waits on them: it has the few other pages


def start(
    sources: Sequence[str],
    render: Callable[[list[str]], list[Done]],
    kept: RenderedPages,
    workers: int,
) -> Pipeline:
    """Start rendering and writing `sources` (generated pages' paths, in build order) a
    chunk at a time with `render`, in `workers` forked workers."""
    chunks = [list(sources[i : i + CHUNK]) for i in range(0, len(sources), CHUNK)]
    pool, results = forked_imap(render, chunks, workers=workers)
    return Pipeline(pool, workers, results, kept)
