"""What a diff means for people: decision rights that moved, forums that came, went or
changed, roles that moved, and changes of status.

Each rule reads the field changes of one entity. Significance:

| consequence                                   | significance                              |
|-----------------------------------------------|-------------------------------------------|
| decision: accountable moved                   | high                                      |
| decision: escalates_to moved, R added/removed | medium                                    |
| decision: C or I added/removed                | low                                       |
| forum created                                 | medium                                    |
| forum retired (status retired, or deleted)    | high; retiring: medium; deleting a forum  |
|                                               | that was already retired: low             |
| forum: chair changed                          | high                                      |
| forum: members, cadence, reports_to changed   | medium                                    |
| role: unit or reports_to changed              | medium                                    |
| status changed (any other)                    | low to proposed / idea / planned; medium  |
|                                               | otherwise                                 |

Anything touching the fixed spine (`stability: fixed`, before or after) is high.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from opmodel.diff.items import (
    Consequence,
    ConsequenceKind,
    EntityDiff,
    FieldChange,
    Significance,
    ref_order,
)
from opmodel.model.refs import Ref
from opmodel.model.schema import Entity

HIGH, MEDIUM, LOW = Significance.HIGH, Significance.MEDIUM, Significance.LOW
K = ConsequenceKind

TENTATIVE = frozenset({"proposed", "idea", "planned"})
"""Statuses that change nothing yet: moving to one is low significance."""
ENDING = frozenset({"retiring", "retired"})

RACI_SIGNIFICANCE = {"responsible": MEDIUM, "consulted": LOW, "informed": LOW}
PLAIN_RULES: Mapping[tuple[str, str], tuple[ConsequenceKind, Significance]] = {
    ("decision", "accountable"): (K.DECISION_ACCOUNTABLE, HIGH),
    ("decision", "escalates_to"): (K.DECISION_ESCALATION, MEDIUM),
    ("forum", "chair"): (K.FORUM_CHAIR, HIGH),
    ("forum", "members"): (K.FORUM_MEMBERSHIP, MEDIUM),
    ("forum", "cadence"): (K.FORUM_CADENCE, MEDIUM),
    ("forum", "reports_to"): (K.FORUM_REPORTING, MEDIUM),
    ("role", "unit"): (K.ROLE_UNIT, MEDIUM),
    ("role", "reports_to"): (K.ROLE_REPORTING, MEDIUM),
    **{("decision", name): (K.DECISION_RACI, level) for name, level in RACI_SIGNIFICANCE.items()},
}


class Names:
    """How a summary names an entity: `Label (kind:id)`, from whichever model has it."""

    def __init__(
        self,
        before: Mapping[Ref, Entity],
        after: Mapping[Ref, Entity],
        renames: Mapping[Ref, Ref],
    ) -> None:
        self.before, self.after = before, after
        self.old_ref = {new: old for old, new in renames.items()}

    def entity(self, ref: Ref) -> Entity | None:
        return self.after.get(ref) or self.before.get(self.old_ref.get(ref, ref))

    def __call__(self, value: Any) -> str:
        if value is None:
            return "nobody"
        if not isinstance(value, Ref):
            return str(value)
        entity = self.entity(value)
        label = entity.label if entity is not None else value.id
        return str(value) if label == value.id else f"{label} ({value})"

    def all(self, refs: Iterable[Any]) -> str:
        return ", ".join(self(ref) for ref in refs)


def consequences(
    before: Mapping[Ref, Entity],
    after: Mapping[Ref, Entity],
    entities: Sequence[EntityDiff],
    renames: Mapping[Ref, Ref],
) -> tuple[Consequence, ...]:
    """`before` / `after`: every entity of the old / new model by ref (`all_entities`)."""
    names = Names(before, after, renames)
    found: list[Consequence] = []
    for item in entities:
        old = before.get(item.old_ref) if item.old_ref else None
        new = after.get(item.ref) if item.change != "removed" else None
        fixed = any(e is not None and e.is_fixed for e in (old, new))
        for consequence in _of_item(item, old, new, names):
            if fixed:
                consequence = _fixed(consequence)
            found.append(consequence)
    # Stable: within one subject and kind, fields stay in the order the schema declares.
    found.sort(key=lambda c: (c.significance.rank, c.kind.rank, ref_order(c.subject)))
    return tuple(found)


def _fixed(consequence: Consequence) -> Consequence:
    return replace(consequence, significance=HIGH, fixed=True)


def _of_item(
    item: EntityDiff, before: Entity | None, after: Entity | None, names: Names
) -> Iterator[Consequence]:
    label = item.label
    if item.kind == "forum" and item.change == "added" and after is not None:
        if after.status not in ENDING:
            cadence = getattr(after, "cadence", None)
            yield Consequence(
                K.FORUM_CREATED,
                MEDIUM,
                item.ref,
                label,
                "",
                f"new forum: {names(item.ref)}" + (f", meets {cadence}" if cadence else ""),
                new=after.status,
            )
        return
    if item.kind == "forum" and item.change == "removed" and before is not None:
        was_retired = before.status == "retired"
        yield Consequence(
            K.FORUM_RETIRED,
            LOW if was_retired else HIGH,
            item.ref,
            label,
            "",
            f"forum {names(item.ref)} was removed"
            + (" (it was already retired)" if was_retired else ""),
            old=before.status,
        )
        return
    for change in item.fields:
        yield from _of_field(item, change, names)


def _of_field(item: EntityDiff, change: FieldChange, names: Names) -> Iterator[Consequence]:
    subject, label, kind = item.ref, item.label, item.kind
    name = names(subject)
    if change.path == "status":
        if kind == "forum" and change.new in ENDING:
            yield Consequence(
                K.FORUM_RETIRED,
                HIGH if change.new == "retired" else MEDIUM,
                subject,
                label,
                "status",
                f"forum {name} is {change.new} (was {change.old})",
                old=change.old,
                new=change.new,
            )
        else:
            yield Consequence(
                K.STATUS,
                LOW if change.new in TENTATIVE else MEDIUM,
                subject,
                label,
                "status",
                f"{name}: status {change.old} -> {change.new}",
                old=change.old,
                new=change.new,
            )
        return
    rule = PLAIN_RULES.get((kind, change.path))
    if rule is None:
        return
    consequence_kind, significance = rule
    yield Consequence(
        consequence_kind,
        significance,
        subject,
        label,
        change.path,
        _summary(consequence_kind, name, change, names),
        old=change.old,
        new=change.new,
        added=tuple(change.added),
        removed=tuple(change.removed),
    )


_MOVED_WORDS = {
    K.DECISION_ACCOUNTABLE: "accountable",
    K.DECISION_ESCALATION: "escalation",
    K.FORUM_CHAIR: "chair",
    K.FORUM_REPORTING: "reporting line",
    K.ROLE_UNIT: "unit",
    K.ROLE_REPORTING: "reporting line",
}


def _summary(kind: ConsequenceKind, name: str, change: FieldChange, names: Names) -> str:
    if kind in (K.DECISION_RACI, K.FORUM_MEMBERSHIP):
        return f"{name}: {change.path} {change.added_and_removed(names.all)}"
    if kind is K.FORUM_CADENCE:
        return f"{name}: meets {change.new or 'with no set cadence'} (was {change.old or 'unset'})"
    what = _MOVED_WORDS[kind]
    if change.old is None:
        return f"{name}: {what} is now {names(change.new)} (was unset)"
    if change.new is None:
        return f"{name}: {what} unset (was {names(change.old)})"
    return f"{name}: {what} moved from {names(change.old)} to {names(change.new)}"
