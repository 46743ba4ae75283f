"""A ModelDiff as terminal text, Markdown (a pull request, a wiki) or JSON data.

Consequences come first, grouped by significance; then the entities, grouped by kind and,
within a kind, by what happened to them (added, renamed, changed, removed). Text from the
model is made safe for where it lands: control characters are escaped in terminal text
(a name cannot move the cursor or recolour the terminal), Markdown's special characters
become numeric character references, and JSON is JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from itertools import groupby
from typing import Any

from opmodel.diff.fields import is_text_block, json_value
from opmodel.diff.items import (
    KIND_ORDER,
    Consequence,
    DiffItem,
    EntityDiff,
    FieldChange,
    ModelDiff,
    Significance,
)
from opmodel.kinds import ALL_KINDS
from opmodel.model.refs import Ref

Explanations = Mapping[str, Sequence[Ref]]

_SECTION = {kind.name: kind.plural.lower() for kind in ALL_KINDS}
_CHANGE_ORDER = ("added", "renamed", "changed", "removed")


def summary_line(diff: ModelDiff) -> str:
    """`2 added, 1 removed, 0 renamed, 3 changed; 2 high, 3 medium, 1 low`."""
    counts = diff.counts()
    entities = ", ".join(f"{counts[change]} {change}" for change in _CHANGE_ORDER)
    levels = ", ".join(f"{counts[level.value]} {level.value}" for level in Significance)
    return f"{entities}; consequences: {levels}"


def format_text(
    diff: ModelDiff, old_label: str, new_label: str, explanations: Explanations | None = None
) -> str:
    explanations = explanations or {}
    lines = [f"Changes from {_clean(old_label)} to {_clean(new_label)}"]
    if diff.is_empty:
        return lines[0] + ": none\n"
    lines.append(summary_line(diff))
    if diff.consequences:
        lines += ["", "What it means"]
        for level, group in _by_significance(diff.consequences):
            lines.append(f"  {level.value}")
            for consequence in group:
                lines.append(f"    {_clean(consequence.summary)}{_see(consequence, explanations)}")
    for kind, items in _by_kind(diff.entities):
        lines += ["", _SECTION.get(kind, kind)]
        for item in items:
            lines.append(f"  {item.change:<8} {_clean(_entity_title(item))}")
            lines += [f"             {_clean(_field_text(change))}" for change in item.fields]
            see = _see(item, explanations).strip()
            if see:
                lines.append(f"             {see}")
    return "\n".join(lines) + "\n"


def format_markdown(
    diff: ModelDiff, old_label: str, new_label: str, explanations: Explanations | None = None
) -> str:
    explanations = explanations or {}
    title = f"# Changes from {_md(old_label)} to {_md(new_label)}"
    if diff.is_empty:
        return f"{title}\n\nNo differences.\n"
    lines = [title, "", _md(summary_line(diff))]
    if diff.consequences:
        lines += ["", "## What it means"]
        for level, group in _by_significance(diff.consequences):
            lines += ["", f"### {level.value.capitalize()}", ""]
            for consequence in group:
                lines.append(f"- {_md(consequence.summary)}{_md_see(consequence, explanations)}")
    for kind, items in _by_kind(diff.entities):
        lines += ["", f"## {_md(_SECTION.get(kind, kind)).capitalize()}", ""]
        for item in items:
            lines.append(
                f"- **{item.change}** {_md(_entity_title(item))}{_md_see(item, explanations)}"
            )
            lines += [f"    - {_md(_field_text(change))}" for change in item.fields]
    return "\n".join(lines) + "\n"


def as_data(
    diff: ModelDiff,
    old_label: str,
    new_label: str,
    explanations: Explanations | None = None,
) -> dict[str, Any]:
    """The diff as JSON-ready data (what `opmodel diff --format json` prints)."""
    explanations = explanations or {}

    def explained(item: DiffItem) -> list[str]:
        return [str(ref) for ref in explanations.get(item.key, ())]

    return {
        "from": old_label,
        "to": new_label,
        "counts": diff.counts(),
        "consequences": [
            {
                "key": c.key,
                "kind": c.kind.value,
                "significance": c.significance.value,
                "subject": str(c.subject),
                "label": c.label,
                "field": c.field,
                "summary": c.summary,
                "old": json_value(c.old),
                "new": json_value(c.new),
                "added": json_value(c.added),
                "removed": json_value(c.removed),
                "fixed": c.fixed,
                "explained_by": explained(c),
            }
            for c in diff.consequences
        ],
        "entities": [
            {
                "key": e.key,
                "change": e.change,
                "kind": e.kind,
                "id": e.ref.id,
                "label": e.label,
                "old_id": e.old_ref.id if e.old_ref else None,
                "old_label": e.old_label,
                "path": e.path,
                "fields": [
                    {
                        "path": f.path,
                        "change": f.change,
                        "old": json_value(f.old),
                        "new": json_value(f.new),
                        "added": json_value(f.added),
                        "removed": json_value(f.removed),
                    }
                    for f in e.fields
                ],
                "explained_by": explained(e),
            }
            for e in diff.entities
        ],
    }


def format_json(
    diff: ModelDiff, old_label: str, new_label: str, explanations: Explanations | None = None
) -> str:
    data = as_data(diff, old_label, new_label, explanations)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- pieces -------------------------------------------------------------------------------


def _by_significance(
    items: Sequence[Consequence],
) -> list[tuple[Significance, list[Consequence]]]:
    return [(level, list(group)) for level, group in groupby(items, key=lambda c: c.significance)]


def _by_kind(items: Sequence[EntityDiff]) -> list[tuple[str, list[EntityDiff]]]:
    def order(item: EntityDiff) -> tuple[int, int, str]:
        rank = KIND_ORDER.index(item.kind) if item.kind in KIND_ORDER else len(KIND_ORDER)
        return rank, _CHANGE_ORDER.index(item.change), item.ref.id

    ordered = sorted(items, key=order)
    return [(kind, list(group)) for kind, group in groupby(ordered, key=lambda e: e.kind)]


def _entity_title(item: EntityDiff) -> str:
    if item.change == "renamed" and item.old_ref is not None:
        moved = f"{item.old_ref} -> {item.ref}"
        return moved if item.label == item.ref.id else f"{item.label} ({moved})"
    return item.ref.id if item.label == item.ref.id else f"{item.label} ({item.ref})"


def _field_text(change: FieldChange) -> str:
    path = change.path
    if change.change == "reordered":
        return f"{path}: reordered {_list(change.new)} (was {_list(change.old)})"
    if change.change == "added":
        return f"{path}: added {_value(change.new)}"
    if change.change == "removed":
        return f"{path}: removed (was {_value(change.old)})"
    if change.added or change.removed:
        return f"{path}: {change.added_and_removed(_list)}"
    if is_text_block(change.old) or is_text_block(change.new):
        return f"{path}: text changed ({_size(change.old)} -> {_size(change.new)})"
    return f"{path}: {_value(change.old)} -> {_value(change.new)}"


def _size(value: Any) -> str:
    if not isinstance(value, str):
        return "none"
    lines = value.strip().count("\n") + 1
    return f"{lines} lines" if lines > 1 else f"{len(value)} characters"


def _list(values: Any) -> str:
    return ", ".join(_value(v) for v in values) if values else "none"


def _value(value: Any) -> str:
    """One value, on one line."""
    if value is None:
        return "unset"
    if isinstance(value, Ref):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        if is_text_block(value):
            return f"({_size(value)} of text)"
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, tuple):
        return f"[{_list(value)}]"
    if isinstance(value, dict):
        shown = [f"{k}: {_value(v)}" for k, v in value.items() if v not in (None, ())]
        return "{" + ", ".join(shown) + "}"
    return str(value)


def _see(item: DiffItem, explanations: Explanations) -> str:
    refs = explanations.get(item.key, ())
    return f"  (see {', '.join(str(r) for r in refs)})" if refs else ""


def _md_see(item: DiffItem, explanations: Explanations) -> str:
    refs = explanations.get(item.key, ())
    return f" *(see {_md(', '.join(str(r) for r in refs))})*" if refs else ""


_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F)} | {
    c: f"\\x{c:02x}" for c in range(0x80, 0xA0)
}


def _clean(text: str) -> str:
    """Terminal text: control characters (escape sequences, newlines) shown, not obeyed."""
    return text.translate(_CONTROL)


# `--format markdown` is for pull requests and wikis (CommonMark, GitHub): there a
# backslash before ASCII punctuation makes it literal and keeps the raw text readable.
# (The site's pages use site/markdown.py, for Python-Markdown; this layer may not import it.)
_MD_SPECIAL = frozenset("\\`*_[]<&|~$#!")


def _md(value: object) -> str:
    """Inline text that renders as itself, on one line."""
    text = " ".join(str(value).split())
    escaped = "".join(f"\\{c}" if c in _MD_SPECIAL else c for c in text)
    # What would start a list or a heading underline at the start of a line or list item.
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}", escaped)


_BLOCK_START = re.compile(r"^(\d*)([-+=.)>])")
