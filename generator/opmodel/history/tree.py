"""The content folder at a revision, as an in-memory, read-only `Path` for the loader.

Writing a revision's files to a temporary folder for `load_model` to read back cost more
than git itself: on a model of 18,000 files, 5-8 s of writes (and the clean-up) against
0.6 s for `ls-tree` and `cat-file`. So the loader reads the blobs where they already are,
in memory, through the few `Path` methods it uses to walk a folder and read a file
(`is_dir`, `iterdir`, `list_files`, `stat`, `read_bytes`, `read_text`, `resolve`). A test
loads the same files from disk and from memory and compares the models, so a loader that
starts to use another method fails loudly there, not quietly here.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Generator, Mapping
from pathlib import PosixPath, PurePosixPath
from typing import ClassVar

ROOT = "/opmodel-revision/content"
"""Where the tree appears to be: absolute, so nothing resolves it against the work tree."""


class TreePath(PosixPath):
    """A path in one in-memory tree (the class attributes; see `tree_root`)."""

    files: ClassVar[Mapping[str, bytes]] = {}
    folders: ClassVar[Mapping[str, tuple[str, ...]]] = {}
    """Folder -> the names in it, sorted."""

    def _missing(self) -> FileNotFoundError:
        return FileNotFoundError(2, "No such file or directory", str(self))

    def is_dir(self) -> bool:
        return self.as_posix() in self.folders

    def is_file(self) -> bool:
        return self.as_posix() in self.files

    def exists(self) -> bool:
        return self.is_dir() or self.is_file()

    def iterdir(self) -> Generator[TreePath, None, None]:
        names = self.folders.get(self.as_posix())
        if names is None:
            raise self._missing()
        for name in names:
            yield self / name

    def rglob(self, pattern: str) -> Generator[TreePath, None, None]:
        if pattern != "*":
            raise NotImplementedError("an in-memory tree lists everything: rglob('*')")
        for name in self.iterdir():
            yield name
            if name.is_dir():
                yield from name.rglob("*")

    def stat(self, *, follow_symlinks: bool = True) -> os.stat_result:
        key = self.as_posix()
        if key in self.files:
            return os.stat_result(
                (stat.S_IFREG | 0o444, 0, 0, 1, 0, 0, len(self.files[key]), 0, 0, 0)
            )
        if key in self.folders:
            return os.stat_result((stat.S_IFDIR | 0o555, 0, 0, 1, 0, 0, 0, 0, 0, 0))
        raise self._missing()

    def read_bytes(self) -> bytes:
        data = self.files.get(self.as_posix())
        if data is None:
            raise self._missing()
        return data

    def read_text(self, encoding: str | None = None, errors: str | None = None) -> str:
        return self.read_bytes().decode(encoding or "utf-8", errors or "strict")

    def list_files(self) -> list[tuple[tuple[str, ...], bool, None]]:
        """The files below this folder as path parts, sorted (`load.files.ListsItsFiles`)."""
        prefix = self.as_posix() + "/"
        return sorted(
            (tuple(key[len(prefix) :].split("/")), False, None)
            for key in self.files
            if key.startswith(prefix)
            and not any(part.startswith(".") for part in key[len(prefix) :].split("/"))
        )

    def resolve(self, strict: bool = False) -> TreePath:
        return self  # already absolute, and not on disk: nothing to resolve


def _stat(mode: int, size: int) -> os.stat_result:
    return os.stat_result((mode, 0, 0, 1, 0, 0, size, 0, 0, 0))


def tree_root(files: Mapping[str, bytes]) -> TreePath:
    """The root of a tree holding `files` (relative POSIX paths -> contents)."""
    contents: dict[str, bytes] = {}
    folders: dict[str, set[str]] = {ROOT: set()}
    for relative, data in files.items():
        path = PurePosixPath(ROOT, relative)
        contents[path.as_posix()] = data
        child = path
        for parent in path.parents:
            if parent == PurePosixPath(ROOT).parent:
                break
            folders.setdefault(parent.as_posix(), set()).add(child.name)
            child = parent
    cls = type(
        "RevisionTreePath",
        (TreePath,),
        {
            "files": contents,
            "folders": {key: tuple(sorted(names)) for key, names in folders.items()},
        },
    )
    return cls(ROOT)
