"""Which files in content/ are which kind of entity, and what their ids are."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from stat import S_ISREG
from typing import Protocol, runtime_checkable

from opmodel.codes import (
    DUPLICATE_ORGANISATION,
    FILE_NOT_READ,
    INVALID_ID,
    MISSING_ORGANISATION,
    RESERVED_PAGE_NAME,
    SYMBOLIC_LINK,
    UNKNOWN_FOLDER,
)
from opmodel.diagnostics import Diagnostics, Position, Severity, did_you_mean, display_path
from opmodel.ids import ID_PATTERN, slugify
from opmodel.kinds import ENTITY_KINDS, ENTITY_SUFFIXES, FOLDER_KINDS, KIND

ORGANISATION_STEMS = ("organisation", "organization")
RESERVED_PAGE_IDS = frozenset(
    {
        "index",
        "health",
        "roadmap",
        "what-changed",
        "who-decides",
        "assets",
        "calendars",
        *(kind.folder for kind in ENTITY_KINDS),
    }
)
"""Guide ids the site's own pages use (`site/urls.py` places guides at `<id>.md`, beside
the home page, the sections and the assets): checked here, so that `check` refuses what
`build` would. A test keeps this in step with the generated paths."""


@dataclass(frozen=True)
class SourceFile:
    path: Path
    display: str
    kind: str
    id: str
    stamp: tuple[int, int] | None = None
    """(size, modification time in ns) when the folder was read, for the entity cache."""


def discover(content: Path, diagnostics: Diagnostics) -> list[SourceFile]:
    """Every entity file under `content`, in a stable order; problems go to diagnostics.

    Dot-folders and editor or system files (`.schema/`, `.DS_Store`, `.#x.yml`) are skipped;
    a hidden file that looks like an entity (`.x.yml`) is a warning. A symbolic link, to a
    file or a folder, at any level and `content` itself, is refused and not followed: it
    could publish files from outside the project. Anything else that opmodel would not read
    is reported, so a misnamed folder (`role/`) is not silently ignored.
    """
    if _is_link(content):
        _refuse_link(content, _shown_link(content), diagnostics, "pass the folder it points to")
        return []
    found: list[SourceFile] = []
    organisations: list[Path] = []
    for entry in sorted(content.iterdir()):
        if entry.name.startswith("."):
            _warn_if_hidden_entity(entry.name, display_path(entry), diagnostics)
            continue
        if _is_link(entry):
            _refuse_link(entry, _shown_link(entry), diagnostics)
            continue
        if entry.is_dir():
            kind = FOLDER_KINDS.get(entry.name)
            if kind is None:
                hint = did_you_mean(entry.name, FOLDER_KINDS)
                diagnostics.add(
                    display_path(entry),
                    Position(),
                    UNKNOWN_FOLDER,
                    f"unknown folder '{entry.name}/'",
                    hint or f"opmodel reads: {', '.join(sorted(FOLDER_KINDS))}",
                )
                continue
            found.extend(_walk_kind(entry, kind, display_path(entry), diagnostics))
        elif entry.stem in ORGANISATION_STEMS and entry.suffix in ENTITY_SUFFIXES:
            organisations.append(entry)
        else:
            diagnostics.add(
                display_path(entry),
                Position(),
                UNKNOWN_FOLDER,
                f"opmodel does not read '{entry.name}' here",
                "entities live in kind folders (roles/, forums/, ...); "
                "the organisation in organisation.yml",
            )
    if not organisations:
        diagnostics.add(
            display_path(content / "organisation.yml"),
            Position(),
            MISSING_ORGANISATION,
            "missing organisation.yml",
            "create it with at least `name:` and `purpose:`",
        )
    for extra in organisations[1:]:
        diagnostics.add(
            display_path(extra),
            Position(),
            DUPLICATE_ORGANISATION,
            f"a second organisation file (the first is {display_path(organisations[0])})",
            "keep exactly one organisation.yml",
        )
    if organisations:
        first = organisations[0]
        found.insert(0, SourceFile(first, display_path(first), "organisation", "organisation"))
    return found


def rediscover(found: list[SourceFile], changed: Iterable[str]) -> list[SourceFile] | None:
    """What `discover` would find again, where it found `found` before and only the files
    at `changed` (paths a server's file events named) may differ since: the same files,
    those with their new size and time. None where that cannot be told without walking the
    folder again: a changed path is not one of the files found (a new file, a folder, an
    editor's), or is no longer a plain file."""
    by_path = {str(source.path): index for index, source in enumerate(found)}
    files = list(found)
    for path in changed:
        index = by_path.get(os.path.realpath(path))
        if index is None:
            return None
        try:
            stat = os.lstat(path)
        except OSError:
            return None
        if not S_ISREG(stat.st_mode):
            return None
        if files[index].stamp is not None:  # (the organisation's: the cache looks itself)
            files[index] = replace(files[index], stamp=(stat.st_size, stat.st_mtime_ns))
    return files


def _walk_kind(
    folder: Path, kind: str, shown_folder: str, diagnostics: Diagnostics
) -> list[SourceFile]:
    """`shown_folder`: the folder as `display_path` shows it, worked out once (resolving
    every file's path was a third of the time to load a large model)."""
    files: list[SourceFile] = []
    suffixes = KIND[kind].suffixes
    for parts, linked, stamp in _files_under(folder):
        path = folder.joinpath(*parts)
        shown = f"{shown_folder}/{'/'.join(parts)}"
        stem, suffix = path.stem, path.suffix
        if parts[-1].startswith("."):  # before links: Emacs's `.#x.yml` locks are links
            _warn_if_hidden_entity(parts[-1], shown, diagnostics)
            continue
        if linked:
            _refuse_link(path, shown, diagnostics)
            continue
        if suffix not in suffixes:
            diagnostics.add(
                shown,
                Position(),
                UNKNOWN_FOLDER,
                f"opmodel does not read '{parts[-1]}' (a {suffix or 'file without suffix'})",
                f"{kind} files end in {_or(suffixes)}",
            )
            continue
        if not ID_PATTERN.match(stem):
            diagnostics.add(
                shown,
                Position(),
                INVALID_ID,
                f"'{stem}' is not a valid id: ids are lower-case letters, digits and "
                "single hyphens",
                f"rename the file to '{slugify(stem)}{suffix}'",
            )
            continue
        if kind == "page" and stem in RESERVED_PAGE_IDS:
            diagnostics.add(
                shown,
                Position(),
                RESERVED_PAGE_NAME,
                f"a guide page cannot be called '{stem}': the site uses that name for its "
                "own pages",
                f"rename the file, for example to '{stem}-guide.md'",
            )
            continue
        files.append(SourceFile(path, shown, kind, stem, stamp))
    return files


_Listed = tuple[tuple[str, ...], bool, tuple[int, int] | None]


@runtime_checkable
class ListsItsFiles(Protocol):
    """A folder that is not on disk (a revision's files in memory, `history/tree.py`) and
    lists its files itself, as `_files_under` does."""

    def list_files(self) -> list[_Listed]: ...


def _files_under(folder: Path) -> list[_Listed]:
    """The files below `folder` as (path parts, is a symbolic link, (size, mtime in ns)),
    sorted as paths sort; dot-folders left out, dot-files listed (to warn of `.x.yml`), and
    links (to files or folders) listed but not followed. (`os.scandir` is several times
    quicker than `Path.rglob` on a folder of 10,000 files.)"""
    if isinstance(folder, ListsItsFiles):
        return folder.list_files()
    found: list[_Listed] = []
    pending: list[tuple[str, ...]] = [()]
    while pending:
        base = pending.pop()
        with os.scandir(os.path.join(folder, *base)) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name.startswith("."):
                        continue
                    pending.append((*base, entry.name))
                else:
                    stat = entry.stat(follow_symlinks=False)
                    stamp = (stat.st_size, stat.st_mtime_ns)
                    found.append(((*base, entry.name), entry.is_symlink(), stamp))
    return sorted(found)


IGNORED_DOT_PREFIXES = (".#", "._")
"""Hidden files that editors and systems leave beside the files they are about: Emacs's
lock files (`.#x.yml`) and macOS's resource forks (`._x.yml`)."""


def _warn_if_hidden_entity(name: str, shown: str, diagnostics: Diagnostics) -> None:
    """A dot-file named like an entity (`.hidden.yml`, `..yml`) is not read: say so, unless
    it is an editor's or system's file (`.DS_Store`, `.x.yml.swp`, `.#x.yml`)."""
    suffix = next((s for s in ENTITY_SUFFIXES if name.endswith(s)), None)
    if suffix is None or name.startswith(IGNORED_DOT_PREFIXES):
        return
    diagnostics.add(
        shown,
        Position(),
        FILE_NOT_READ,
        f"'{name}' is not read: a name that starts with '.' is hidden",
        f"rename it to '{slugify(name.removesuffix(suffix))}{suffix}' to read it",
        severity=Severity.WARNING,
    )


def _is_link(path: Path) -> bool:
    """A folder that is not on disk (`ListsItsFiles`) holds no links."""
    return not isinstance(path, ListsItsFiles) and path.is_symlink()


def _shown_link(path: Path) -> str:
    """The link as the user would type it (`display_path` would show where it points)."""
    folder = display_path(path.parent)
    return path.name if folder == "." else f"{folder}/{path.name}"


def _refuse_link(path: Path, shown: str, diagnostics: Diagnostics, hint: str | None = None) -> None:
    try:
        target = os.readlink(path)
    except OSError:  # gone since it was listed
        target = "?"
    what = "folder" if path.is_dir() else "file"
    diagnostics.add(
        shown,
        Position(),
        SYMBOLIC_LINK,
        f"opmodel does not follow the symbolic link to '{target}'",
        hint or f"copy the {what} into content/: a link could publish files from outside it",
    )


def _or(words: tuple[str, ...]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
