"""Pausing Python's cyclic garbage collector while a large model is built.

Loading creates a few hundred thousand objects that all stay alive and form no reference
cycles. The collector runs after every 700 new objects and, as they age, walks every one of
them again: on 10,000 roles that was a quarter of `opmodel check`. Reference counting still
frees everything as usual while the collector is paused.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
