"""What changed between two models: entities added, removed, renamed and changed, field by
field, and the consequences people care about (decision rights that moved, forums created
or retired, roles that moved), each with a significance.

    diff = diff_models(old, new)             # ModelDiff: .entities, .consequences
    why = explained_by(diff, new)            # item key -> changes whose `affects` names it
    format_text(diff, "v1", "the working tree", why)

Pure functions over two `Model`s: no git (see `opmodel.history` for models at revisions),
no files, no MkDocs.
"""

from opmodel.diff.compare import diff_models
from opmodel.diff.explain import explained_by
from opmodel.diff.fields import KEYED_FIELDS, SET_FIELDS, all_entities
from opmodel.diff.items import (
    KIND_ORDER,
    Consequence,
    ConsequenceKind,
    DiffItem,
    EntityDiff,
    FieldChange,
    ModelDiff,
    Significance,
)
from opmodel.diff.renames import find_renames
from opmodel.diff.report import as_data, format_json, format_markdown, format_text, summary_line

__all__ = [
    "KEYED_FIELDS",
    "KIND_ORDER",
    "SET_FIELDS",
    "Consequence",
    "ConsequenceKind",
    "DiffItem",
    "EntityDiff",
    "FieldChange",
    "ModelDiff",
    "Significance",
    "all_entities",
    "as_data",
    "diff_models",
    "explained_by",
    "find_renames",
    "format_json",
    "format_markdown",
    "format_text",
    "summary_line",
]
