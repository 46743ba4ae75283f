"""Rendering generated pages from Markdown on other cores while MkDocs builds the site.

(The pool and the order pages come back in; rendering one page with MkDocs is the
adapter's, `site/mkdocs/prerender.py`.)

MkDocs builds pages one after another on one core: first it converts every page from
Markdown (Python-Markdown: most of the cost of a large site), then it renders every page's
theme template and writes it. For the entity pages, which are outside the navigation, the
plugin hands MkDocs nothing to convert and a `Pipeline` of forked worker processes
converts them instead, with MkDocs' own `Page.render`, in the order MkDocs will write
them; the plugin takes each page's HTML just before its template is rendered
(`on_page_context`). So Markdown runs on every core, alongside the template rendering,
instead of before it. Workers reuse what the rendered-pages cache holds, and hand what
they render to the plugin, which writes it there after the build.

A page whose rendering logged a warning comes back empty, and the plugin renders it itself,
so the warning is printed and counted (`--strict`) as usual.

Forking is used only where it is safe and worth it: on a platform with `fork`, with more
than one core, outside `mkdocs serve` (whose server runs threads), when no other plugin
changes pages' Markdown or HTML (they would not see these pages), and for at least
`MIN_PAGES` pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from multiprocessing.pool import Pool

from opmodel.speed.fork_map import available_workers, forked_imap
from opmodel.speed.rendered import Rendered, RenderedPages

MIN_PAGES = 500
"""Fewer pages render in a few seconds; starting workers would not pay."""
CHUNK = 50

Done = tuple[str, str, Rendered | None, bool]
"""(page, cache key, what it rendered to or None, whether it was rendered rather than
found in the cache)."""


class Pipeline:
    """Pages being rendered by workers, taken back one by one in the order given."""

    def __init__(
        self, pool: Pool, workers: int, results: Iterator[list[Done]], kept: RenderedPages
    ):
        self._pool = pool
        self.workers = workers
        self._results = results
        self._kept = kept
        self._ready: dict[str, Rendered | None] = {}
        self.rendered = 0
        """Pages the workers rendered and the plugin took."""
        self.reused = 0
        """Pages the workers found in the rendered-pages cache."""

    def take(self, source: str) -> Rendered | None:
        """The page's HTML, waiting for it if need be; None: render it yourself."""
        while source not in self._ready:
            chunk = next(self._results, None)
            if chunk is None:
                return None
            for done, key, rendered, fresh in chunk:
                self._ready[done] = rendered
                if rendered is None:
                    continue
                if fresh:
                    self._kept.put(key, rendered)  # the plugin saves it after the build
                    self.rendered += 1
                else:
                    self._kept.keep(key)
                    self.reused += 1
        return self._ready.pop(source)

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()

    @property
    def summary(self) -> str:
        return (
            f"opmodel: {self.rendered} pages rendered alongside MkDocs on {self.workers + 1} "
            "cores" + (f", {self.reused} taken from the cache" if self.reused else "")
        )


def start(
    sources: Sequence[str], render: Callable[[list[str]], list[Done]], kept: RenderedPages
) -> Pipeline | None:
    """Start rendering `sources` (generated pages' paths, in build order) a chunk at a time
    with `render`, in forked workers; None when it would not pay or is not possible."""
    cores = available_workers()
    if cores < 2 or len(sources) < MIN_PAGES:
        return None
    processes = cores - 1  # MkDocs' own loop keeps a core busy
    chunks = [list(sources[i : i + CHUNK]) for i in range(0, len(sources), CHUNK)]
    pool, results = forked_imap(render, chunks, workers=processes)
    return Pipeline(pool, processes, results, kept)
