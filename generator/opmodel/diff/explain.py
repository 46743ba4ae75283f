"""Roadmap links: which planned or adopted changes (content/changes/) explain a diff item."""

from __future__ import annotations

from opmodel.diff.items import EntityDiff, ModelDiff
from opmodel.model.model import Model
from opmodel.model.refs import Ref


def explained_by(diff: ModelDiff, model: Model) -> dict[str, list[Ref]]:
    """Item key -> the changes in `model` whose `affects` names the item's entity.

    The entity of an item is the one it is about: an added, removed, renamed (either id) or
    changed entity, or a consequence's subject (the decision whose accountable moved, not
    the roles it moved between: a change that affects a role does not explain every
    decision that role takes part in). `model` is usually the newer model, whose roadmap
    is current. Items that no change explains are left out; lists are sorted by id.
    """
    explanations: dict[str, list[Ref]] = {}
    for item in diff.items():
        if isinstance(item, EntityDiff):
            subjects = {item.ref} | ({item.old_ref} if item.old_ref else set())
        else:
            subjects = {item.subject}
        changes = sorted(
            {
                change
                for subject in subjects
                for change in model.referrers(subject, "affects", "change")
                if change != subject
            }
        )
        if changes:
            explanations[item.key] = changes
    return explanations
