"""What `opmodel check` answered last, given again when nothing it was worked out from changed.

A check of a large model that has not changed since the last one need not read, validate,
resolve and check it again (1.9 s at 10,000 roles, most of it importing the schema and
rebuilding the model from the entity cache): its messages are a function of the files
(each one's path, size and modification time in ns, the same trust as the entity cache and
`make`), the folder they were found in and the working folder (the paths shown), opmodel's
code and the libraries that validate, today's date (reviews fall due) and `--strict`. All of
that is worked out from one walk of the folder (`stat` only), without importing the model;
when it equals what the last check was worked out from, its messages and summary are given
again, in the same order and with the same exit status. Anything else is a cold check's
business, and any failure to read the kept answer just means one.

A file modified in the same tick of the clock as the walk saw it could change again
without its stamp changing (git's "racy" index entries): an answer is kept only when every
file is older than `RACY_NS`.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from opmodel.clock import today
from opmodel.diagnostics import Diagnostic, Diagnostics
from opmodel.load.files import SourceFile, discover
from opmodel.speed.local_cache import code_digest, read_pickle, write_pickle

RACY_NS = 2_000_000_000
"""How much older than the walk every file must be for an answer to be kept (2 s: far
more than any file system's timestamp granularity)."""

_LIBRARIES = ("pydantic", "pydantic-core", "PyYAML")
"""What validates and parses besides opmodel's code: their messages are ours."""
_KEPT = 4
"""Answers kept per content folder (with and without --strict, say)."""


@dataclass(frozen=True)
class Answer:
    diagnostics: tuple[Diagnostic, ...]
    """Every message, sorted, as `diagnose` gave them."""
    counts: tuple[tuple[int, str], ...] | None
    """(number, kind) for the summary line; None when the model did not load."""


@dataclass(frozen=True)
class Survey:
    """One walk of the content folder: what `load_model` is handed, and the key of the
    answer it leads to."""

    sources: list[SourceFile]
    diagnostics: Diagnostics
    key: str
    racy: bool


class CheckCache:
    def __init__(self, file: Path | None) -> None:
        self._file = file

    @classmethod
    def open(cls, cache_dir: Path | None, content: Path) -> CheckCache:
        """The answers kept for `content` (None: none kept)."""
        if cache_dir is None:
            return cls(None)
        where = hashlib.sha256(str(content.resolve()).encode()).hexdigest()[:16]
        return cls(cache_dir.resolve() / f"check-{where}.pickle")

    def get(self, survey: Survey) -> Answer | None:
        if self._file is None:
            return None
        kept = read_pickle(self._file)
        answer = kept.get(survey.key) if isinstance(kept, dict) else None
        return answer if isinstance(answer, Answer) else None

    def put(self, survey: Survey, answer: Answer) -> None:
        """Keep `answer` (unless a file was too new to trust its stamp); a failure to write
        only costs the next check its speed."""
        if self._file is None or survey.racy:
            return
        kept = read_pickle(self._file)
        answers = dict(kept) if isinstance(kept, dict) else {}
        answers.pop(survey.key, None)
        answers[survey.key] = answer  # the newest last
        write_pickle(self._file, dict(list(answers.items())[-_KEPT:]))


def survey(content: Path, *, strict: bool) -> Survey:
    """Walk `content` as `load_model` would, and key what a check of it depends on."""
    started = time.time_ns()
    diagnostics = Diagnostics()
    sources = discover(content, diagnostics)
    stamps = [_stamp_of(source) for source in sources]
    newest = max((stamp[1] for stamp in stamps if stamp is not None), default=0)
    files = [
        (source.display, source.kind, source.id, stamp)
        for source, stamp in zip(sources, stamps, strict=True)
    ]
    inputs = (
        code_digest(""),  # the whole package: the loader, the model, the checks, the codes
        sys.version,
        [_version_of(name) for name in _LIBRARIES],
        os.getcwd(),
        str(content),
        str(content.resolve()),
        today().isoformat(),
        strict,
        files,
        list(diagnostics),
    )
    key = hashlib.sha256(pickle.dumps(inputs, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()
    racy = None in stamps or newest > started - RACY_NS
    return Survey(sources, diagnostics, key, racy)


def _stamp_of(source: SourceFile) -> tuple[int, int] | None:
    if source.stamp is not None:
        return source.stamp
    try:  # the organisation's file is listed without one
        stat = source.path.stat()
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns)


def _version_of(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None
