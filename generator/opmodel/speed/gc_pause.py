"""Pausing Python's cyclic garbage collector while a large model is built.

Loading creates a few hundred thousand objects that all stay alive and form no reference
cycles. The collector runs after every 700 new objects and, as they age, walks every one of
them again: on 10,000 roles that was a quarter of `opmodel check`. Reference counting still
frees everything as usual while the collector is paused.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

IDLE_SECONDS = 1.0
"""How long after a build the garbage collector runs (`IdleCollector`)."""


@contextmanager
def gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class IdleCollector:
    """When Python's cyclic garbage collector runs during a partial build: after it.

    A served large model keeps a million objects alive (the model, what each page read,
    MkDocs' files and pages), and a full collection walks all of them: at 10,000 roles it
    stopped a 5 s rebuild for 1.3-1.9 s, every other edit. So during a partial build the
    collector is paused, and a moment after the build (the browser has fetched the fresh
    page by then) one full collection runs and the collector is switched back on. Reference
    counting frees everything else as usual. Full builds run as any MkDocs build does.
    """

    def __init__(self, delay: float = IDLE_SECONDS) -> None:
        self._delay = delay
        self._lock = threading.Lock()
        self._building = False
        self._paused_by_us = False

    def build_started(self) -> None:
        with self._lock:
            self._building = True

    def pause(self) -> None:
        """For the rest of this build."""
        with self._lock:
            if gc.isenabled():
                gc.disable()
                self._paused_by_us = True

    def build_finished(self) -> None:
        with self._lock:
            self._building = False
            if not self._paused_by_us:
                return
        timer = threading.Timer(self._delay, self._collect)
        timer.daemon = True
        timer.start()

    def stop(self) -> None:
        with self._lock:
            self._building = True  # no collection from a timer still pending
            if self._paused_by_us:
                gc.enable()
                self._paused_by_us = False

    def _collect(self) -> None:
        with self._lock:
            if self._building or not self._paused_by_us:
                return  # a new build has started: its end schedules the next collection
            gc.collect()
            gc.enable()
            self._paused_by_us = False
