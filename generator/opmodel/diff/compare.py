"""Two models in, one `ModelDiff` out: what was added, removed, renamed and changed, and
what that means (see `consequences.py`)."""

from __future__ import annotations

from collections.abc import Iterator

from opmodel.diff.consequences import consequences
from opmodel.diff.fields import all_entities, compare, entity_fields, same_content
from opmodel.diff.items import EntityDiff, ModelDiff, ref_order
from opmodel.diff.renames import find_renames
from opmodel.model.model import Model
from opmodel.model.refs import Ref
from opmodel.model.schema import Entity


def diff_models(old: Model, new: Model) -> ModelDiff:
    """What differs from `old` to `new`. Deterministic: the same two models give the same
    diff, in the same order."""
    before, after = all_entities(old), all_entities(new)
    gone = [before[ref] for ref in sorted(before.keys() - after.keys())]
    came = [after[ref] for ref in sorted(after.keys() - before.keys())]
    renames = find_renames(gone, came)
    items = list(_entity_diffs(before, after, renames))
    items.sort(key=lambda item: (ref_order(item.ref), item.change))
    return ModelDiff(
        entities=tuple(items),
        consequences=consequences(before, after, items, renames),
        renames=renames,
    )


def _entity_diffs(
    before: dict[Ref, Entity], after: dict[Ref, Entity], renames: dict[Ref, Ref]
) -> Iterator[EntityDiff]:
    renamed_to = set(renames.values())
    for ref, entity in before.items():
        if ref in after:
            if same_content(entity, after[ref]):
                continue
            fields = compare(entity_fields(entity, renames), entity_fields(after[ref]))
            if fields:
                yield EntityDiff(
                    "changed", ref, after[ref].label, ref, entity.label, after[ref].path, fields
                )
        elif ref in renames:
            new = after[renames[ref]]
            fields = compare(entity_fields(entity, renames), entity_fields(new))
            yield EntityDiff("renamed", new.ref, new.label, ref, entity.label, new.path, fields)
        else:
            yield EntityDiff("removed", ref, entity.label, ref, entity.label, entity.path)
    for ref, entity in after.items():
        if ref not in before and ref not in renamed_to:
            yield EntityDiff("added", ref, entity.label, None, None, entity.path)
