"""What content/ already holds, for the references of an import to resolve against."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from opmodel.diagnostics import Diagnostics
from opmodel.load.documents import read_document
from opmodel.load.files import discover
from opmodel.load.yaml import YamlProblem


@dataclass
class Existing:
    """What content/ already holds, read leniently: a model with errors can still take an
    import, so this needs only ids and names, not a valid model."""

    ids: dict[str, set[str]] = field(default_factory=dict)
    labels: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    """kind -> casefolded name or title -> ids."""
    names: dict[str, set[str]] = field(default_factory=dict)
    """kind -> names and titles as written (for suggestions)."""
    paths: dict[tuple[str, str], Path] = field(default_factory=dict)
    parents: dict[str, dict[str, str]] = field(default_factory=dict)
    """kind -> id -> the id in its `parent` (units) or `reports_to` (roles)."""


def read_existing(content: Path) -> Existing:
    found = Existing()
    for source in discover(content, Diagnostics()):
        found.ids.setdefault(source.kind, set()).add(source.id)
        found.paths[(source.kind, source.id)] = source.path
        try:
            data = read_document(source).data
        except (YamlProblem, OSError):
            continue
        label = data.get("title") or data.get("name")
        if isinstance(label, str) and label.strip():
            found.names.setdefault(source.kind, set()).add(label.strip())
            found.labels.setdefault(source.kind, {}).setdefault(
                label.strip().casefold(), set()
            ).add(source.id)
        parent = data.get("reports_to" if source.kind == "role" else "parent")
        if isinstance(parent, str):
            found.parents.setdefault(source.kind, {})[source.id] = parent.split(":")[-1]
    return found
