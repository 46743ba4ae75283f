"""A map over many items on every core, for the per-entity loops of a large build.

Building a large site runs two loops over every entity (its diagrams' DOT source, its page
from a template) that share the whole model read-only. Forked workers inherit the model
and the loop's function from the parent's memory, so only each slice's position goes in and
the results (strings) come back, in order: the output does not depend on the number of
workers.

Forking is only safe when the process runs no other threads (`mkdocs serve` does), so the
caller decides: `workers=1` maps in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 2_000
"""Fewer items take a second or two in one process: starting workers would not pay."""
SLICE = 200

_TASK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
"""The function and items the forked workers inherit."""


def available_workers() -> int:
    return min(os.cpu_count() or 1, 8) if "fork" in multiprocessing.get_all_start_methods() else 1


def fork_map(fn: Callable[[T], R], items: Sequence[T], *, workers: int) -> list[R]:
    """`[fn(item) for item in items]`, across `workers` forked processes when there are
    enough items."""
    global _TASK
    if workers < 2 or len(items) < MIN_ITEMS:
        return [fn(item) for item in items]
    slices = [(start, min(start + SLICE, len(items))) for start in range(0, len(items), SLICE)]
    _TASK = (fn, items)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results: list[R] = []
            for part in pool.imap(_run_slice, slices):
                results.extend(part)
            return results
    finally:
        _TASK = None


def _run_slice(bounds: tuple[int, int]) -> list[Any]:
    assert _TASK is not None
    fn, items = _TASK
    return [fn(items[index]) for index in range(*bounds)]
