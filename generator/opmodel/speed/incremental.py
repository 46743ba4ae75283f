"""What one build made, kept for the next build in the same process (`opmodel serve`).

A serve session builds the site again after every edit. The model is loaded again (the
entity cache makes an unchanged file cost one `stat`), compared with the last one
(`Tracking.changes`), and only the diagrams and pages that read a changed part of it are
made again. Every other page is the very object the last build had, which also tells the
plugin which pages MkDocs need not render again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from opmodel.speed.memo import EVERYTHING, Memo, Touches, Tracking

T = TypeVar("T")
R = TypeVar("R")
Sent = tuple[str, Hashable, Any, bool]
"""(memo, key, entry, whether it was made rather than reused)"""


@dataclass
class Incremental:
    memos: dict[str, Memo[Any]] = field(default_factory=dict)
    """By name: `"diagrams"` (each entity's, and the overview), `"pages"`."""
    kept: dict[str, Any] = field(default_factory=dict)
    """Whatever else a build keeps for the next (figures, model.json's pieces, the last
    walk of content/ and assembly of the model)."""
    per_settings: dict[str, Any] = field(default_factory=dict)
    """... and what holds only while the settings stay the same (compiled templates)."""
    owner: int = field(default_factory=os.getpid)
    """The process whose builds these are: a value kept in a forked worker would be lost."""
    _model: Any = None
    """The model of the last build that finished."""
    _settings: Hashable = None
    _pending: tuple[Any, Hashable] | None = None
    _changes: Touches = EVERYTHING
    _tracking: Tracking | None = None
    _sending: list[Sent] | None = None
    """In a forked worker: the memo entries made or reused, for the parent to keep."""

    def begin(self, model: Any, settings: Hashable, tracking: Tracking) -> None:
        """Start a build of `model`. `settings`: everything else the pages depend on (the
        templates, URL style): when they differ from the last build's, everything is made
        again."""
        if self._model is None or settings != self._settings:
            self._changes = EVERYTHING
            self.per_settings.clear()
        else:
            self._changes = tracking.changes(self._model, model)
        self._tracking = tracking
        self._pending = (model, settings)
        for memo in self.memos.values():
            memo.begin(self._changes, tracking)

    def memo(self, name: str) -> Memo[Any]:
        assert self._sending is not None or os.getpid() == self.owner, (
            "a loop that keeps values ran in a forked worker without `sending_back`"
        )
        memo = self.memos.get(name)
        if memo is None:
            memo = self.memos[name] = Memo()
            if self._tracking is not None:
                memo.begin(self._changes, self._tracking)
        return memo

    def remember(
        self,
        name: str,
        key: Hashable,
        model: Any,
        make: Callable[[Any], T],
        *,
        reads: tuple[Hashable, ...],
        inputs: object,
    ) -> T:
        """`memo(name).get(...)`; in a forked worker, noting the entry for the parent."""
        memo = self.memo(name)
        made = memo.made
        value: T = memo.get(key, model, make, reads=reads, inputs=inputs)
        if self._sending is not None:
            self._sending.append((name, key, memo.entry(key), memo.made > made))
        return value

    def parts(self, name: str, key: Hashable) -> Memo[Any] | None:
        """`memo(name).parts(key)`, in this process only: a forked worker's parts would be
        lost with it (None: make every part)."""
        return self.memo(name).parts(key) if os.getpid() == self.owner else None

    def sending_back(self, fn: Callable[[Any], R]) -> Callable[[Any], tuple[R, list[Sent]]]:
        """`fn` for a forked worker: its result, with the memo entries it made or reused,
        which the parent keeps (`taking_back`) as if `fn` had run there."""

        def run(item: Any) -> tuple[R, list[Sent]]:
            if os.getpid() == self.owner:  # not forked after all (too few items)
                return fn(item), []
            self._sending = []
            try:
                return fn(item), self._sending
            finally:
                self._sending = None

        return run

    def taking_back(self, results: Iterable[tuple[R, list[Sent]]]) -> Iterator[R]:
        for result, sent in results:
            for name, key, entry, made in sent:
                self.memo(name).put(key, entry, made=made)
            yield result

    def keep(self, name: str, make: Callable[[], T], *, per_settings: bool = False) -> T:
        table = self.per_settings if per_settings else self.kept
        if name not in table:
            table[name] = make()
        value: T = table[name]
        return value

    def carry(self, name: str, make: Callable[[T | None], T]) -> T:
        """`make(what it made for the last build, or None)`, kept for the next build."""
        value = make(self.kept.get(name))
        self.kept[name] = value
        return value

    def end(self) -> str:
        """The build finished: what it made is what the next one compares against."""
        assert self._pending is not None
        self._model, self._settings = self._pending
        self._pending = None
        pages, diagrams = self.memo("pages"), self.memo("diagrams")
        summary = (
            f"opmodel: {pages.made} pages and {diagrams.made} entity diagrams made "
            f"again, {pages.reused} pages kept"
        )
        for memo in self.memos.values():
            memo.end()
        return summary


def folder_stamp(folder: Path | None) -> tuple[tuple[str, int, int], ...]:
    """Each file under `folder` with its size and mtime: a template edit changes it."""
    if folder is None or not folder.is_dir():
        return ()
    stamps = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            # relative: the same folder named relatively or absolutely gives the same stamp
            stamps.append((path.relative_to(folder).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)
