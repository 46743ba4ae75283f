"""A map over many items on every core, for the per-entity loops of a large build.

Building a large site runs two loops over every entity (its diagrams' DOT source, its page
from a template) that share the whole model read-only. Forked workers inherit the model
and the loop's function from the parent's memory, so only each slice's position goes in and
the results (strings) come back, in order: the output does not depend on the number of
workers.

Forking is only safe when the process runs no other threads (a server does), so the
caller decides (`Speed.may_fork`): `workers=1` maps in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from multiprocessing.pool import Pool
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 2_000
"""Fewer items take a second or two in one process: starting workers would not pay."""
SLICE = 200

_TASK: Callable[[Any], Any] | None = None
"""The function the forked workers inherit (fork copies the parent's memory, so only the
items are pickled on the way in)."""


def available_workers() -> int:
    return min(os.cpu_count() or 1, 8) if "fork" in multiprocessing.get_all_start_methods() else 1


def forked_imap(
    fn: Callable[[T], R], items: Iterable[T], *, workers: int
) -> tuple[Pool, Iterator[R]]:
    """`fn` over `items` in `workers` forked processes, lazily, results in order. The caller
    closes the pool (a `with` block) once it has what it needs."""
    global _TASK
    _TASK = fn
    try:
        # blocked while the workers start, so that none is stopped before it has set its
        # own handlers (`_as_a_worker`); the parent receives what came meanwhile after
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
        try:
            pool = multiprocessing.get_context("fork").Pool(workers, initializer=_as_a_worker)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    finally:
        _TASK = None  # the workers have their copy
    return pool, pool.imap(_run, items)


def fork_map(fn: Callable[[T], R], items: Sequence[T], *, workers: int) -> list[R]:
    """`[fn(item) for item in items]`, across `workers` forked processes when there are
    enough items."""
    with Started(fn, items, workers=workers) as started:
        return started.results()


class Started(Generic[R]):
    """`fork_map` with its workers started at once and its results taken later, so that the
    caller can do other work meanwhile (in one process: all of it when taken, as before).
    Used as a context manager: the workers are stopped however the `with` block ends."""

    def __init__(self, fn: Callable[[T], R], items: Sequence[T], *, workers: int) -> None:
        self._pool: Pool | None = None
        if workers < 2 or len(items) < MIN_ITEMS:
            self._parts: Iterator[list[R]] = _in_this_process(fn, items)
            return
        slices = [(start, min(start + SLICE, len(items))) for start in range(0, len(items), SLICE)]
        self._pool, self._parts = forked_imap(
            lambda bounds: [fn(items[index]) for index in range(*bounds)], slices, workers=workers
        )

    def results(self) -> list[R]:
        return [result for part in self._parts for result in part]

    def __enter__(self) -> Started[R]:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()


def _in_this_process(fn: Callable[[T], R], items: Sequence[T]) -> Iterator[list[R]]:
    yield [fn(item) for item in items]  # when the results are taken


def _as_a_worker() -> None:
    """A worker leaves stopping to the parent. It inherits the parent's handlers (the CLI
    turns SIGTERM into an exception, `cli/signals.py`): a worker ended by the pool at the
    end of the map (`Pool.terminate` sends SIGTERM) then printed a traceback, and one
    stopped while sending a result caught the exception, tried to send it instead and
    blocked for ever, the parent waiting for it. Ctrl-C reaches the parent, which ends the
    workers."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)


_STOPPING = {signal.SIGTERM, signal.SIGHUP, signal.SIGINT}


def _run(item: Any) -> Any:
    assert _TASK is not None
    return _TASK(item)
