"""Values made from a model, each kept with what it read (`opmodel serve`: `incremental.py`).

The memo knows nothing of the model itself: what a model's parts are, how two loads differ
and how a model notes what a view reads come from the model layer (`model/reads.py`
`TRACKING`), handed in as a `Tracking`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

T = TypeVar("T")
Read = Hashable


class Touches(Protocol):
    def touch(self, reads: frozenset[Read] | set[Read]) -> bool:
        """Whether something these reads name changed."""
        ...


class _Everything:
    def touch(self, reads: frozenset[Read] | set[Read]) -> bool:
        return True


EVERYTHING: Touches = _Everything()


@dataclass(frozen=True)
class Tracking:
    """What a memo needs to know of a model."""

    changes: Callable[[Any, Any], Touches]
    """(the last model, this one) -> the parts that differ."""
    recording: Callable[[Any, set[Read]], Any]
    """(model, reads) -> the same model, noting in `reads` every part looked up (a model
    that notes already notes in both)."""
    replay: Callable[[Any, frozenset[Read]], None] = lambda model, reads: None
    """(model, reads): as if these were looked up in `model` (where it notes its reads)."""


UNTRACKED = Tracking(changes=lambda last, now: EVERYTHING, recording=lambda model, reads: model)
"""What a memo uses before its first round (`begin`): the model as it is, nothing noted
of what is looked up in it."""


class Memo(Generic[T]):
    """Values made from the model, each kept with what it read. Between two rounds, a value
    is made again only if the model changed where it read, or its other `inputs` differ;
    values not asked for in a round are dropped at its end.

    A value made of parts (a listing page's rows) can keep them in its own memo (`parts`):
    when the value is made again, only the parts that read what changed are made again.
    A part's reads are its value's reads too, so parts are kept while their value is."""

    def __init__(self) -> None:
        self._kept: dict[Hashable, tuple[frozenset[Read], object, T]] = {}
        self._fresh: dict[Hashable, tuple[frozenset[Read], object, T]] = {}
        self._parts_kept: dict[Hashable, Memo[Any]] = {}
        self._parts_fresh: dict[Hashable, Memo[Any]] = {}
        self._parts_open: dict[Hashable, Memo[Any]] = {}
        self._changes: Touches = EVERYTHING
        self._tracking = UNTRACKED
        self.made = 0
        self.reused = 0

    def begin(self, changes: Touches, tracking: Tracking) -> None:
        self._changes = changes
        self._tracking = tracking
        self._fresh, self._parts_fresh, self._parts_open = {}, {}, {}
        self.made = self.reused = 0

    def end(self) -> None:
        self._kept, self._fresh = self._fresh, {}
        self._parts_kept, self._parts_fresh = self._parts_fresh, {}

    def parts(self, key: Hashable) -> Memo[Any]:
        """The memo of the parts of the value being made for `key` (asked for from within
        its `make`): what the last value for `key` kept, checked against this round's
        changes."""
        part = self._parts_open.get(key)
        if part is None:
            part = self._parts_kept.get(key)
            if part is None:
                part = Memo()
            part.begin(self._changes, self._tracking)
            self._parts_open[key] = part
        return part

    def get(
        self,
        key: Hashable,
        model: Any,
        make: Callable[[Any], T],
        *,
        reads: tuple[Read, ...] = (),
        inputs: object = None,
    ) -> T:
        """The value for `key`: kept, or `make(model)` with its reads noted. `reads`: what
        it reads other than through the model (the entity it is about)."""
        kept = self._kept.get(key)
        if kept is not None and kept[1] == inputs and not self._changes.touch(kept[0]):
            self._fresh[key] = kept
            if (parts := self._parts_kept.get(key)) is not None:
                self._parts_fresh[key] = parts
            self._tracking.replay(model, kept[0])  # a part's reads are its value's too
            self.reused += 1
            return kept[2]
        noted: set[Read] = set(reads)
        value = make(self._tracking.recording(model, noted))
        self._fresh[key] = (frozenset(noted), inputs, value)
        if (parts := self._parts_open.pop(key, None)) is not None:
            parts.end()
            self._parts_fresh[key] = parts
        self.made += 1
        return value

    def entry(self, key: Hashable) -> tuple[frozenset[Read], object, T]:
        """What this round holds for `key` (asked for with `get`): to hand to another
        process's memo (`put`)."""
        return self._fresh[key]

    def put(self, key: Hashable, entry: tuple[frozenset[Read], object, T], *, made: bool) -> None:
        """An entry `get` gave in another process (a forked worker), as if given here."""
        self._fresh[key] = entry
        if made:
            self.made += 1
        else:
            self.reused += 1
