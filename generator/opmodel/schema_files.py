"""JSON Schema files for editors (`opmodel schema`): one per kind, from the pydantic models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from opmodel.kinds import ENTITY_KINDS, KIND
from opmodel.model.schema import ENTITY_CLASSES

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_for(kind: str) -> dict[str, Any]:
    cls = ENTITY_CLASSES[kind]
    schema = cls.model_json_schema(by_alias=True)
    schema["properties"]["$schema"] = {
        "type": "string",
        "description": "For editors: the schema this file follows (opmodel ignores it). A "
        f"`{modelines(kind)[0]}` comment line does the same without a field.",
        "examples": [schema_path(kind)],
    }
    for model in (schema, *schema.get("$defs", {}).values()):
        _mark_required(model)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{kind}.schema.json",
        **schema,
        "title": f"opmodel {kind}",
    }


def _mark_required(model: dict[str, Any]) -> None:
    """Start a required field's description with "Required.": hover help shows the
    description, not the schema's `required` list."""
    for name in model.get("required", []):
        prop = model["properties"][name]
        prop["description"] = "Required. " + prop.get("description", "")


def schema_path(kind: str, content: str | None = None) -> str:
    """Where `kind`'s schema is, seen from one of its files: `content` is the content folder
    seen from there (by default `.` for `organisation.yml`, `..` for `roles/x.yml`; a file
    one folder deeper needs `../..`)."""
    if content is None:
        content = "." if kind == "organisation" else ".."
    return f"{content}/.schema/{kind}.schema.json"


def modelines(kind: str, content: str | None = None) -> tuple[str, str]:
    """The comment lines that point an editor with no settings for it at the kind's schema:
    yaml-language-server's (Neovim, Helix, Zed, Emacs, VS Code) and JetBrains IDEs'."""
    path = schema_path(kind, content)
    return f"# yaml-language-server: $schema={path}", f"# $schema: {path}"


def write_schemas(folder: Path) -> list[Path]:
    """Write `<kind>.schema.json` for every kind; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KIND:
        path = folder / f"{kind}.schema.json"
        path.write_text(
            json.dumps(schema_for(kind), indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        written.append(path)
    return written


def editor_settings(schema_folder: str, content_folder: str) -> dict[str, Any]:
    """`yaml.schemas` for VS Code's YAML extension (redhat.vscode-yaml): schema -> globs."""
    mapping: dict[str, Any] = {
        f"{schema_folder}/organisation.schema.json": f"{content_folder}/organisation.yml"
    }
    for kind in ENTITY_KINDS:
        mapping[f"{schema_folder}/{kind.name}.schema.json"] = [
            f"{content_folder}/{kind.folder}/**/*.yml",
            f"{content_folder}/{kind.folder}/**/*.yaml",
        ]
    return {"yaml.schemas": mapping}
