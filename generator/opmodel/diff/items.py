"""What a diff is made of: plain, frozen data for the CLI, the site and JSON alike.

Values in `FieldChange` and `Consequence` are plain: `Ref` for references, tuples for
lists, dicts for nested records (a flow stage, a link), and str / int / float / bool /
date / None otherwise. Old values name entities by their *new* ids where those were renamed,
so old and new compare, and a link to either one leads to a page that exists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from opmodel.kinds import ALL_KINDS
from opmodel.model.refs import Ref

KIND_ORDER: tuple[str, ...] = tuple(kind.name for kind in ALL_KINDS)
"""The order in which kinds are listed (the organisation first, guide pages last)."""


def ref_order(ref: Ref) -> tuple[int, str]:
    """Sorts refs by kind (in KIND_ORDER), then id."""
    rank = KIND_ORDER.index(ref.kind) if ref.kind in KIND_ORDER else len(KIND_ORDER)
    return rank, ref.id


EntityChangeKind = Literal["added", "removed", "renamed", "changed"]
FieldChangeKind = Literal["changed", "added", "removed", "reordered"]


@dataclass(frozen=True)
class FieldChange:
    """One field (or one item of a keyed list) that differs.

    `path` is the field's name (`unit`, `for`), a nested field (`maturity.target`,
    `contact.email`) or an item of a keyed list (`stages[assess].owner`,
    `measures[Uptime].target`, `principles[Be open]`). `change` says how:

    - changed: old -> new. For lists whose order does not matter (members, tags,
      holders, ...), `added` and `removed` hold the items that differ.
    - added / removed: the field or keyed-list item is new / gone (old or new is None).
    - reordered: a keyed list (flow stages) lists the same items in another order; old and
      new are the item keys in each order.
    """

    path: str
    change: FieldChangeKind
    old: Any = None
    new: Any = None
    added: tuple[Any, ...] = ()
    removed: tuple[Any, ...] = ()

    def added_and_removed(self, names: Callable[[tuple[Any, ...]], str]) -> str:
        """`added X; removed Y` for a list whose order does not matter, each side named by
        `names` (the report and the consequences name entities differently)."""
        parts = []
        if self.added:
            parts.append(f"added {names(self.added)}")
        if self.removed:
            parts.append(f"removed {names(self.removed)}")
        return "; ".join(parts)


@dataclass(frozen=True)
class EntityDiff:
    """One entity that was added, removed, renamed (same content, new id) or changed."""

    change: EntityChangeKind
    ref: Ref
    """The entity as it is now; for a removed entity, as it was."""
    label: str
    old_ref: Ref | None = None
    """The entity as it was (differs from `ref` only when renamed); None when added."""
    old_label: str | None = None
    path: str = ""
    """Its file: in the new model, or for a removed entity the old one."""
    fields: tuple[FieldChange, ...] = ()
    """For renamed and changed entities: the fields that differ."""

    @property
    def kind(self) -> str:
        return self.ref.kind

    @property
    def key(self) -> str:
        """Stable and unique within a diff: `changed:role:analyst`."""
        return f"{self.change}:{self.ref}"


class Significance(StrEnum):
    """How much a consequence matters to people who work in the model."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return ("high", "medium", "low").index(self.value)


class ConsequenceKind(StrEnum):
    """The consequences people care about (declared in the order they are listed)."""

    DECISION_ACCOUNTABLE = "decision-accountable-moved"
    DECISION_ESCALATION = "decision-escalation-moved"
    DECISION_RACI = "decision-raci-changed"
    FORUM_CREATED = "forum-created"
    FORUM_RETIRED = "forum-retired"
    FORUM_CHAIR = "forum-chair-changed"
    FORUM_MEMBERSHIP = "forum-membership-changed"
    FORUM_CADENCE = "forum-cadence-changed"
    FORUM_REPORTING = "forum-reporting-moved"
    ROLE_UNIT = "role-unit-moved"
    ROLE_REPORTING = "role-reporting-moved"
    STATUS = "status-changed"

    @property
    def rank(self) -> int:
        return list(ConsequenceKind).index(self)


@dataclass(frozen=True)
class Consequence:
    """A change that moves who decides, who meets or where a role sits.

    `field` is the field that moved (`accountable`, `members`, `status`; `""` for a forum
    created or removed). `old` / `new` are its values; for list fields (R, C, I, members)
    `added` and `removed` list the parties that came and went. `fixed` is True when the
    entity is part of the fixed spine (`stability: fixed`), which makes any consequence
    high. `summary` is one plain-text sentence (escape it where it lands).
    """

    kind: ConsequenceKind
    significance: Significance
    subject: Ref
    label: str
    field: str
    summary: str
    old: Any = None
    new: Any = None
    added: tuple[Ref, ...] = ()
    removed: tuple[Ref, ...] = ()
    fixed: bool = False

    @property
    def key(self) -> str:
        """Stable and unique within a diff: `decision-raci-changed:decision:x:consulted`."""
        return f"{self.kind}:{self.subject}:{self.field}"


DiffItem = EntityDiff | Consequence


@dataclass(frozen=True)
class ModelDiff:
    """Everything that differs between two models, in a fixed order: entities by kind
    (KIND_ORDER) then id; consequences by significance, kind (ConsequenceKind order), then
    subject."""

    entities: tuple[EntityDiff, ...] = ()
    consequences: tuple[Consequence, ...] = ()
    renames: Mapping[Ref, Ref] = field(default_factory=dict)
    """Old ref -> new ref of every renamed entity."""

    @property
    def added(self) -> tuple[EntityDiff, ...]:
        return self._only("added")

    @property
    def removed(self) -> tuple[EntityDiff, ...]:
        return self._only("removed")

    @property
    def renamed(self) -> tuple[EntityDiff, ...]:
        return self._only("renamed")

    @property
    def changed(self) -> tuple[EntityDiff, ...]:
        return self._only("changed")

    def _only(self, change: EntityChangeKind) -> tuple[EntityDiff, ...]:
        return tuple(item for item in self.entities if item.change == change)

    @property
    def is_empty(self) -> bool:
        return not self.entities

    def items(self) -> tuple[DiffItem, ...]:
        """Every item: entities, then consequences."""
        return (*self.entities, *self.consequences)

    def for_entity(self, ref: Ref) -> tuple[DiffItem, ...]:
        """What changed about one entity (by its new ref, or its old one if removed)."""
        return tuple(
            item
            for item in self.items()
            if (item.ref if isinstance(item, EntityDiff) else item.subject) == ref
        )

    def counts(self) -> dict[str, int]:
        """added / removed / renamed / changed, and consequences by significance."""
        numbers: dict[str, int] = {change: len(self._only(change)) for change in _CHANGES}
        for level in Significance:
            numbers[level.value] = sum(c.significance is level for c in self.consequences)
        return numbers


_CHANGES: tuple[EntityChangeKind, ...] = ("added", "removed", "renamed", "changed")
