"""Validated entities kept between runs, so an unchanged file is not parsed again.

Reading YAML and validating it is most of the time `opmodel check` takes on a large model
(about 0.5 ms a file). The cache maps each file, by its path as shown and its size and
modification time in nanoseconds (what git's index and make trust), to the entity it held.
Only files that loaded without a single message are kept, so every diagnostic is found
again on the next run. A cache written by other opmodel code, or unreadable in any way, is
ignored and rebuilt: it is local build state, like `.pyc` files, never shared or committed.

A process that loads the model again (`opmodel serve`) keeps what it read or wrote last, as
long as the file on disk is still that one: unchanged entities are then the very same
objects as in the last load, which makes comparing two loads cheap (`reads.Changes`).
"""

from __future__ import annotations

import atexit
import hashlib
from pathlib import Path

from opmodel.load.files import SourceFile
from opmodel.model.schema import Entity
from opmodel.speed.local_cache import code_digest, read_pickle, write_pickle

_Stamp = tuple[int, int]
"""(size in bytes, modification time in ns)."""

_CODE = ("load", "model")
"""The subpackages whose code decides what an entity holds: a change to any of their
files invalidates every cache."""


_Entries = dict[str, tuple[_Stamp, Entity]]
_IN_PROCESS: dict[Path, tuple[_Stamp | None, _Entries]] = {}
"""Cache file -> (its size and mtime, what it holds), for the last file read or written:
while the file is unchanged, what it holds in this process is the newest."""
_UNWRITTEN: dict[Path, tuple[str, _Entries]] = {}


class EntityCache:
    def __init__(self, file: Path | None, salt: str) -> None:
        self._file = file
        self._salt = salt
        self._old: _Entries = {}
        self._new: _Entries = {}
        self._stamps: dict[str, _Stamp] = {}

    @classmethod
    def open(cls, cache_dir: Path | None, content: Path, shown_content: str) -> EntityCache:
        """The cache for `content` (None: a cache that keeps nothing)."""
        if cache_dir is None:
            return cls(None, "")
        salt = code_digest(*_CODE)
        where = hashlib.sha256(f"{content.resolve()}\0{shown_content}".encode()).hexdigest()
        # resolved: the same cache whichever folder a relative path was given from
        cache = cls(cache_dir.resolve() / f"entities-{where[:16]}.pickle", salt)
        cache._old = cache._read()
        return cache

    def get(self, source: SourceFile) -> Entity | None:
        """The entity `source` held when it was last loaded, if the file is unchanged."""
        if self._file is None:
            return None
        stamp = source.stamp
        if stamp is None:
            try:
                stat = source.path.stat()
            except OSError:
                return None
            stamp = (stat.st_size, stat.st_mtime_ns)
        self._stamps[source.display] = stamp
        kept = self._old.get(source.display)
        if kept is None or kept[0] != stamp:
            return None
        self._new[source.display] = kept
        return kept[1]

    def put(self, source: SourceFile, entity: Entity) -> None:
        """Remember a freshly loaded entity that raised no message."""
        stamp = self._stamps.get(source.display)
        if self._file is not None and stamp is not None:
            self._new[source.display] = (stamp, entity)

    def save(self, *, at_exit: bool = False) -> None:
        """Write the cache if anything differs from what was read (files that are gone are
        dropped). A failure to write only costs the next run its speed. `at_exit`: keep it
        in this process and write it when the process ends (a server that loads the model
        after every edit need not write 18,000 entities each time)."""
        if self._file is None or self._new == self._old:
            return
        if at_exit:
            _IN_PROCESS[self._file] = (_stamp(self._file), self._new)
            _UNWRITTEN[self._file] = (self._salt, self._new)
            if len(_UNWRITTEN) == 1:
                atexit.register(write_unwritten)
            return
        _UNWRITTEN.pop(self._file, None)
        write_pickle(self._file, (self._salt, self._new))
        _remember(self._file, self._new)

    def _read(self) -> _Entries:
        assert self._file is not None
        stamp = _stamp(self._file)
        kept = _IN_PROCESS.get(self._file)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        found = read_pickle(self._file)
        if not (isinstance(found, tuple) and len(found) == 2):
            return {}
        salt, entries = found
        if salt != self._salt or not isinstance(entries, dict):
            return {}
        _remember(self._file, entries)
        return entries


def write_unwritten() -> None:
    """Write the caches kept for the end of the process (`save(at_exit=True)`)."""
    while _UNWRITTEN:
        file, data = _UNWRITTEN.popitem()
        write_pickle(file, data)


def _stamp(file: Path) -> _Stamp | None:
    try:
        stat = file.stat()
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns)


def _remember(file: Path, entries: _Entries) -> None:
    stamp = _stamp(file)
    _IN_PROCESS.clear()  # one model per process is the case worth keeping
    _IN_PROCESS[file] = (stamp, entries)
