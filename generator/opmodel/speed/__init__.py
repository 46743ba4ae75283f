"""How fast a build runs, kept apart from what it makes.

Everything here only saves time: the caches in `.cache/opmodel/` (validated entities,
rendered diagrams, rendered pages: `local_cache.py`), forking the per-entity loops onto every
core (`fork_map.py`), pausing the cyclic garbage collector (`gc_pause.py`), keeping what one
`serve` build made for the next (`incremental.py`, `memo.py`) and rendering and writing the
entity pages on every core while MkDocs builds the rest (`prerender.py`, `rendered.py`).

The pipeline is handed one `Speed` and asks it to `map` a loop, `remember` a value or keep
something for the next build; the model, views and templates read as if there were no cache.
`Speed.plain()` (one core, no cache) builds byte for byte the same site as
`Speed.fastest(...)`, and a test compares them.

This package imports no layer of opmodel: what it must know of a model comes in as a
`memo.Tracking` (`model/reads.py:TRACKING`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from opmodel.speed import fork_map
from opmodel.speed.fork_map import available_workers
from opmodel.speed.gc_pause import gc_paused
from opmodel.speed.incremental import Incremental
from opmodel.speed.memo import Memo, Tracking

T = TypeVar("T")
R = TypeVar("R")
M = TypeVar("M")


@dataclass(frozen=True)
class Speed:
    workers: int = 1
    """Cores for the per-entity loops (forked: only where the process runs no other
    threads, `may_fork`)."""
    cache_dir: Path | None = None
    """Where the caches live (`local_cache.CACHE_DIR` beside mkdocs.yml); None: no cache."""
    incremental: Incremental | None = None
    """Under a server: what the last build made, to make again only what changed (what a
    forked worker remembers comes back with its results: `Incremental.sending_back`)."""
    changed: frozenset[str] | None = None
    """Under a server: the files changed since its last build, as its file events named
    them; None: not known (look at every file)."""

    @classmethod
    def plain(cls) -> Speed:
        """One core, no cache, nothing kept between builds."""
        return cls()

    @classmethod
    def fastest(cls, cache_dir: Path | None, *, serving: bool = False) -> Speed:
        """Every core and the caches; `serving`: a server builds again after every edit
        (keep what each build made), and forks only for its first build, before it starts
        its threads (`may_fork`)."""
        return cls(available_workers(), cache_dir, Incremental() if serving else None)

    @property
    def may_fork(self) -> bool:
        """Whether forking workers is safe now: a server forks only while the process runs
        no other thread (its first build, before it serves), as a fork copies only the
        thread that calls it, and the locks other threads hold with it."""
        if self.workers < 2:
            return False
        return self.incremental is None or threading.active_count() == 1

    @property
    def cache_at_exit(self) -> bool:
        """A server loads the model after every edit: it writes the entity cache when it
        stops."""
        return self.incremental is not None

    @contextmanager
    def gc_paused(self) -> Iterator[None]:
        """Hundreds of thousands of new objects and no cycles among them (`gc_pause.py`)."""
        with gc_paused():
            yield

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """`[fn(item) for item in items]`, on `workers` cores when there are enough and
        `may_fork`. Under a server, what `fn` remembers in a worker comes back with its
        result."""
        with self.start_map(fn, items) as started:
            return started()

    @contextmanager
    def start_map(
        self, fn: Callable[[T], R], items: Sequence[T]
    ) -> Iterator[Callable[[], list[R]]]:
        """`map`, its workers started at once: the `with` block gets a function that takes
        the results, and can work meanwhile (on one core, the items are mapped when taken)."""
        workers = self.workers if self.may_fork else 1
        if self.incremental is None or workers == 1:
            with fork_map.Started(fn, items, workers=workers) as plain:
                yield plain.results
            return
        incremental = self.incremental
        with fork_map.Started(incremental.sending_back(fn), items, workers=workers) as sent:
            yield lambda: list(incremental.taking_back(sent.results()))

    def remember(
        self,
        memo: str,
        key: Hashable,
        model: M,
        make: Callable[[M], T],
        *,
        reads: tuple[Hashable, ...] = (),
        inputs: object = None,
    ) -> T:
        """`make(model)`; under a server, the value the last build made when nothing it read
        (through the model, or `reads`) nor its `inputs` changed."""
        if self.incremental is None:
            return make(model)
        return self.incremental.remember(memo, key, model, make, reads=reads, inputs=inputs)

    def parts(self, memo: str, key: Hashable) -> Memo[Any] | None:
        """Under a server, where the value `remember` is making for `key` keeps its parts
        (a listing page its rows: `Memo.parts`); None: none kept, make each."""
        return self.incremental.parts(memo, key) if self.incremental is not None else None

    def kept(self, name: str, make: Callable[[], T], *, per_settings: bool = False) -> T:
        """`make()`; under a server, the one object every build shares (`per_settings`: as
        long as the settings given to `begin` stay the same)."""
        if self.incremental is None:
            return make()
        return self.incremental.keep(name, make, per_settings=per_settings)

    def carried(self, name: str, make: Callable[[T | None], T]) -> T:
        """`make(None)`; under a server, `make(what it gave the last build)`, and what it
        gives now is given to the next."""
        if self.incremental is None:
            return make(None)
        return self.incremental.carry(name, make)

    def begin(self, model: Any, settings: Hashable, tracking: Tracking) -> None:
        """A build of `model` starts (see `Incremental.begin`)."""
        if self.incremental is not None:
            self.incremental.begin(model, settings, tracking)

    def end(self) -> str | None:
        """The build finished; under a server, what it made again, for the log."""
        return self.incremental.end() if self.incremental is not None else None


__all__ = ["Speed", "Tracking"]
