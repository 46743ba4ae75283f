"""Which files in content/ are which kind of entity, and what their ids are."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
DATA_SUFFIXES = (".yml", ".yaml")
ENTITY_SUFFIXES = (*DATA_SUFFIXES, ".md")


@dataclass(frozen=True)
class SourceFile:
    path: Path
    display: str
    kind: str
    id: str


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
            found.extend(_walk_kind(entry, kind, diagnostics))
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


def _walk_kind(folder: Path, kind: str, diagnostics: Diagnostics) -> list[SourceFile]:
    files: list[SourceFile] = []
    suffixes = (".md",) if kind == "page" else ENTITY_SUFFIXES
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or path.is_dir():
            continue
        shown = display_path(path)
        if path.suffix not in suffixes:
            diagnostics.add(
                shown,
                Position(),
                "OPM109",
                f"opmodel does not read '{path.name}' (a {path.suffix or 'file without suffix'})",
                f"{kind} files end in {_or(suffixes)}",
            )
            continue
        if not ID_PATTERN.match(path.stem):
            diagnostics.add(
                shown,
                Position(),
                "OPM107",
                f"'{path.stem}' is not a valid id: ids are lower-case letters, digits and "
                "single hyphens",
                f"rename the file to '{slugify(path.stem)}{path.suffix}'",
            )
            continue
        files.append(SourceFile(path, shown, kind, path.stem))
    return files


def _or(words: tuple[str, ...]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
