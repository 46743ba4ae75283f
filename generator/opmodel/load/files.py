"""Which files in content/ are which kind of entity, and what their ids are."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from opmodel.diagnostics import Diagnostics, Position, did_you_mean, display_path
from opmodel.ids import ID_PATTERN, slugify

FOLDER_KINDS: dict[str, str] = {
    "units": "unit",
    "roles": "role",
    "people": "person",
    "forums": "forum",
    "decisions": "decision",
    "capabilities": "capability",
    "flows": "flow",
    "outcomes": "outcome",
    "changes": "change",
    "pages": "page",
}
ORGANISATION_STEMS = ("organisation", "organization")
RESERVED_PAGE_IDS = frozenset(
    {
        "index",
        "health",
        "roadmap",
        "what-changed",
        "who-decides",
        "assets",
        *(folder for folder, kind in FOLDER_KINDS.items() if kind != "page"),
    }
)
"""Guide ids the site's own pages use (`site/urls.py` places guides at `<id>.md`, beside
the home page, the sections and the assets): checked here, so that `check` refuses what
`build` would. A test keeps this in step with the generated paths."""
DATA_SUFFIXES = (".yml", ".yaml")
ENTITY_SUFFIXES = (*DATA_SUFFIXES, ".md")


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

    Dot-files and dot-folders (editor state, `.schema/`) are skipped. Anything else that
    opmodel would not read is reported, so a misnamed folder (`role/`) is not silently
    ignored.
    """
    found: list[SourceFile] = []
    organisations: list[Path] = []
    for entry in sorted(content.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            kind = FOLDER_KINDS.get(entry.name)
            if kind is None:
                hint = did_you_mean(entry.name, FOLDER_KINDS)
                diagnostics.add(
                    display_path(entry),
                    Position(),
                    "OPM109",
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
                "OPM109",
                f"opmodel does not read '{entry.name}' here",
                "entities live in kind folders (roles/, forums/, ...); "
                "the organisation in organisation.yml",
            )
    if not organisations:
        diagnostics.add(
            display_path(content / "organisation.yml"),
            Position(),
            "OPM110",
            "missing organisation.yml",
            "create it with at least `name:` and `purpose:`",
        )
    for extra in organisations[1:]:
        diagnostics.add(
            display_path(extra),
            Position(),
            "OPM111",
            f"a second organisation file (the first is {display_path(organisations[0])})",
            "keep exactly one organisation.yml",
        )
    if organisations:
        first = organisations[0]
        found.insert(0, SourceFile(first, display_path(first), "organisation", "organisation"))
    return found


def _walk_kind(
    folder: Path, kind: str, shown_folder: str, diagnostics: Diagnostics
) -> list[SourceFile]:
    """`shown_folder`: the folder as `display_path` shows it, worked out once (resolving
    every file's path was a third of the time to load a large model)."""
    files: list[SourceFile] = []
    suffixes = (".md",) if kind == "page" else ENTITY_SUFFIXES
    for parts, linked, stamp in _files_under(folder):
        path = folder.joinpath(*parts)
        shown = f"{shown_folder}/{'/'.join(parts)}"
        stem, suffix = path.stem, path.suffix
        if linked:
            diagnostics.add(
                shown,
                Position(),
                "OPM109",
                f"opmodel does not follow the symbolic link '{parts[-1]}'",
                "copy the file into content/: a link could publish a file from outside the model",
            )
            continue
        if suffix not in suffixes:
            diagnostics.add(
                shown,
                Position(),
                "OPM109",
                f"opmodel does not read '{parts[-1]}' (a {suffix or 'file without suffix'})",
                f"{kind} files end in {_or(suffixes)}",
            )
            continue
        if not ID_PATTERN.match(stem):
            diagnostics.add(
                shown,
                Position(),
                "OPM107",
                f"'{stem}' is not a valid id: ids are lower-case letters, digits and "
                "single hyphens",
                f"rename the file to '{slugify(stem)}{suffix}'",
            )
            continue
        if kind == "page" and stem in RESERVED_PAGE_IDS:
            diagnostics.add(
                shown,
                Position(),
                "OPM120",
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
    sorted as paths sort; dot-files and dot-folders left out, and links (to files or
    folders) listed but not followed. (`os.scandir` is several times quicker than
    `Path.rglob` on a folder of 10,000 files.)"""
    if isinstance(folder, ListsItsFiles):
        return folder.list_files()
    found: list[_Listed] = []
    pending: list[tuple[str, ...]] = [()]
    while pending:
        base = pending.pop()
        with os.scandir(os.path.join(folder, *base)) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append((*base, entry.name))
                else:
                    stat = entry.stat(follow_symlinks=False)
                    stamp = (stat.st_size, stat.st_mtime_ns)
                    found.append(((*base, entry.name), entry.is_symlink(), stamp))
    return sorted(found)


def _or(words: tuple[str, ...]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
