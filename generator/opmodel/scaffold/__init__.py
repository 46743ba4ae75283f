"""`opmodel new DIR`: a working starter site, ready to check, build and edit.

The starter is a small but complete model (one or two entities of every kind, all health
checks passing), the MkDocs configuration the example site uses, the theme folder, a README
for the people who will edit the content, and editor schemas wired into VS Code. The files
ship as package data under `templates/`; dot-files are stored without their dot (setuptools'
package-data globs skip them) and renamed on the way out.
"""

from __future__ import annotations

import json
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml

from opmodel.load.files import FOLDER_KINDS
from opmodel.schema_files import editor_settings, modelines, write_schemas

DEFAULT_NAME = "Example Organisation"
SCHEMA_FOLDER = "content/.schema"
RENAMED = {"gitignore": ".gitignore"}


class ScaffoldError(Exception):
    """The starter cannot be written where asked (the folder is not empty, ...)."""


def scaffold(dest: Path, name: str = DEFAULT_NAME) -> list[Path]:
    """Write the starter into `dest` (created if missing; refused unless empty). Returns
    the files written, in order."""
    if not name.strip():
        raise ScaffoldError("the organisation's name must not be empty")
    if dest.exists() and not dest.is_dir():
        raise ScaffoldError(f"{dest} exists and is not a folder")
    if dest.is_dir() and any(dest.iterdir()):
        raise ScaffoldError(f"{dest} is not empty; choose a new or empty folder")
    dest.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for relative, source in sorted(_templates(resources.files(__name__) / "templates")):
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        data = source.read_bytes()
        if target.suffix in (".yml", ".md"):
            data = _fill(data.decode("utf-8"), name).encode("utf-8")
        if target.suffix == ".yml" and (kind := _kind(relative)):
            # comments: editors without settings (Neovim, Helix, JetBrains) find the schema;
            # the loader ignores them, and copying the file to start a new one keeps them
            data = "".join(line + "\n" for line in modelines(kind)).encode() + data
        target.write_bytes(data)
        written.append(target)
    written += write_schemas(dest / SCHEMA_FOLDER)
    settings = dest / ".vscode" / "settings.json"
    settings.parent.mkdir(exist_ok=True)
    text = json.dumps(editor_settings(SCHEMA_FOLDER, "content"), indent=2, sort_keys=True)
    settings.write_text(text + "\n", encoding="utf-8")
    written.append(settings)
    return written


def _kind(relative: str) -> str | None:
    """The kind of a starter file directly in `content/` or one of its kinds' folders."""
    parts = relative.split("/")
    if parts == ["content", "organisation.yml"]:
        return "organisation"
    return FOLDER_KINDS.get(parts[1]) if len(parts) == 3 and parts[0] == "content" else None


def _templates(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for entry in folder.iterdir():
        if entry.name.startswith((".", "__")):
            continue
        relative = f"{prefix}{RENAMED.get(entry.name, entry.name)}"
        if entry.is_dir():
            found += _templates(entry, relative + "/")
        else:
            found.append((relative, entry))
    return found


def _fill(text: str, name: str) -> str:
    """Put the organisation's name into the templates: in YAML as a double-quoted scalar
    written by PyYAML (which escapes quotes, backslashes and line breaks), so any name stays
    the text it was."""
    quoted = yaml.safe_dump(name, default_style='"', allow_unicode=True, width=2**31).strip()
    text = text.replace("__ORGANISATION_NAME__", quoted).replace("__SITE_NAME__", quoted)
    text = text.replace("__OPMODEL_VERSION__", metadata.version("opmodel"))
    return text.replace("__TITLE__", " ".join(name.split()))
