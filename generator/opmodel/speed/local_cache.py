"""Files of local build state in `.cache/opmodel/`: written whole or not at all, read
forgivingly, and tied to the code that wrote them.

Every cache here (validated entities, rendered diagrams, rendered pages) is only a way to
save time: a file that cannot be written or read costs the next run its speed, never its
result. The entities are one pickle; diagrams and pages, an entry each, are one SQLite file
each (`Store`).
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from opmodel.speed.gc_pause import gc_paused

PACKAGE = Path(__file__).resolve().parent.parent
"""opmodel's own folder, whose subpackages `code_digest` hashes."""
CACHE_DIR = Path(".cache") / "opmodel"
"""Where the caches live, relative to the project (beside mkdocs.yml): `check` keeps
validated entities there between runs; `build` and the plugin keep entities, rendered
diagrams and rendered pages."""


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that no reader, and no build killed mid-write, ever sees
    half of it. A failure (a full disk, a read-only folder) leaves no file behind."""
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def write_pickle(path: Path, value: Any) -> None:
    write_atomically(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def read_pickle(path: Path) -> Any | None:
    """What `path` holds; None when it is missing, truncated or written by other code.
    (The cyclic GC is paused: unpickling a large cache creates a few hundred thousand
    objects and no garbage.)"""
    try:
        with path.open("rb") as source, gc_paused():
            return pickle.load(source)
    except Exception:  # any failure to read means: start afresh
        return None


@functools.cache
def code_digest(*subpackages: str) -> str:
    """A hash of the source of these subpackages of opmodel (`"load"`, `"site"`,
    `"site/mkdocs"`; each folder's own modules): a cache keyed with it is never read by code
    that would have written something else."""
    digest = hashlib.sha256()
    for name in subpackages:
        # rglob: a subpackage (`model/schema/`) decides as much as the files beside it
        for path in sorted((PACKAGE / name).rglob("*.py")):
            where = path.relative_to(PACKAGE).as_posix()
            digest.update(where.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def remove_entry_files(folder: Path) -> None:
    """Delete what earlier versions kept as a file per entry (`pages/*`, `*.svg`), now held
    by `Store` files: a large model left 30,000 of them."""
    legacy = folder / "pages"
    if legacy.is_dir():
        shutil.rmtree(legacy, ignore_errors=True)
    for svg in folder.glob("*.svg"):
        svg.unlink(missing_ok=True)


class Store:
    """Many small entries (key -> bytes) in one SQLite file, for the caches that hold one
    entry per diagram or per page.

    A file per entry cost a cold build of 10,000 roles seconds: right after a folder of
    them is deleted, ext4 checks each recently freed inode before it hands out a new one, so
    making 13,000 files took 3 to 8 s. SQLite writes them in one transaction instead, and a
    build killed mid-write leaves the last complete state. Each process (forked workers
    too) opens its own connection. Anything SQLite refuses (a damaged file, a read-only
    folder, a lock held too long) reads as a miss and writes nothing.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._pid = 0

    def get_many(self, keys: Iterable[str]) -> dict[str, bytes]:
        wanted = list(keys)

        def read(db: sqlite3.Connection) -> dict[str, bytes]:
            found: dict[str, bytes] = {}
            for start in range(0, len(wanted), _BATCH):
                batch = wanted[start : start + _BATCH]
                marks = ",".join("?" * len(batch))
                query = f"SELECT key, value FROM entries WHERE key IN ({marks})"
                found.update(db.execute(query, batch))
            return found

        return self._with_db(read, {}) if wanted else {}

    def get(self, key: str) -> bytes | None:
        return self.get_many([key]).get(key)

    def put_many(self, entries: Mapping[str, bytes]) -> None:
        def write(db: sqlite3.Connection) -> None:
            with db:
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", entries.items())

        if entries:
            self._with_db(write, None)

    def keep_only(self, keys: Iterable[str]) -> None:
        """Delete every entry but these."""

        def prune(db: sqlite3.Connection) -> None:
            with db:
                db.execute("CREATE TEMP TABLE IF NOT EXISTS kept (key TEXT PRIMARY KEY)")
                db.execute("DELETE FROM kept")
                db.executemany("INSERT OR IGNORE INTO kept VALUES (?)", ((k,) for k in keys))
                db.execute("DELETE FROM entries WHERE key NOT IN (SELECT key FROM kept)")

        self._with_db(prune, None)

    def close(self) -> None:
        if self._connection is not None and self._pid == os.getpid():
            self._connection.close()
        self._connection = None

    def _with_db(self, work: Callable[[sqlite3.Connection], T], failed: T) -> T:
        try:
            db = self._connect()
            return failed if db is None else work(db)
        except (OSError, sqlite3.Error) as error:
            self.close()
            if isinstance(error, sqlite3.DatabaseError) and _DAMAGED.search(str(error)):
                self._remove()  # the next build starts a new one
            return failed

    def _connect(self) -> sqlite3.Connection | None:
        if self.path is None:
            return None
        if self._connection is None or self._pid != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=10)
            self._connection, self._pid = db, os.getpid()
            db.execute("PRAGMA synchronous = OFF")  # a cache: losing the last write is fine
            db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB)")
        return self._connection

    def _remove(self) -> None:
        if self.path is not None:
            for suffix in ("", "-journal"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)


T = TypeVar("T")
_BATCH = 500
"""Keys per query: SQLite caps the number of parameters in one statement."""
_DAMAGED = re.compile(r"malformed|not a database|file is encrypted", re.IGNORECASE)
