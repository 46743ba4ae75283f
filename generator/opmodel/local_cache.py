"""Files of local build state in `.cache/opmodel/`: written whole or not at all, read
forgivingly, and tied to the code that wrote them.

Every cache here (validated entities, rendered diagrams, rendered pages) is only a way to
save time: a file that cannot be written or read costs the next run its speed, never its
result.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from opmodel.gc_pause import gc_paused

PACKAGE = Path(__file__).resolve().parent


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
    """A hash of the source of these subpackages of opmodel (`"load"`, `"site"`): a cache
    keyed with it is never read by code that would have written something else."""
    digest = hashlib.sha256()
    for name in subpackages:
        for path in sorted((PACKAGE / name).glob("*.py")):
            digest.update(f"{name}/{path.name}".encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
