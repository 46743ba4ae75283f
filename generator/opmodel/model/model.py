"""The Model: every entity, typed and immutable, with resolved references and backlinks.

Built once per run by `build.load_model`; every check, page, diagram and export reads it.
Relations that several views need (a unit's children, a role's reports, who holds which
decision) are answered here from the backlinks index, so no view re-derives them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeVar

from opmodel.model.prose_links import ProseLink
from opmodel.model.refs import Ref
from opmodel.model.schema import (
    Capability,
    Change,
    Decision,
    Entity,
    Flow,
    Forum,
    Organisation,
    Outcome,
    Page,
    Person,
    Role,
    Unit,
)

E = TypeVar("E", bound=Entity)


@dataclass(frozen=True, order=True)
class Backlink:
    """`source` refers to the entity through `field` (`members`, `stages.owner`, ...)."""

    source: Ref
    field: str
    detail: str | None = None
    """Which part of the source, where a field is nested: a flow stage's name."""


@dataclass(frozen=True)
class Model:
    organisation: Organisation
    entities: Mapping[str, Mapping[str, Entity]]
    """kind -> id -> entity, ids sorted within each kind."""
    pages: tuple[Page, ...]
    backlinks: Mapping[Ref, tuple[Backlink, ...]] = field(default_factory=dict)
    prose_links: Mapping[Ref, tuple[ProseLink, ...]] = field(default_factory=dict)
    """source -> the links in its prose and where each leads (`prose_links.py`)."""

    def get(self, ref: Ref) -> Entity:
        return self.entities[ref.kind][ref.id]

    def find(self, ref: Ref) -> Entity | None:
        return self.entities.get(ref.kind, {}).get(ref.id)

    def shown(self, ref: Ref) -> Entity:
        """The entity, to link to it, count it or follow its references: callers read
        its facts, not its prose (`reads.PROSE`: purpose, description, accountabilities...),
        so a page that does only that is not made again when the prose changes."""
        return self.get(ref)

    def listed(self, kind: str) -> tuple[Entity, ...]:
        """Every entity of a kind, for a list or a matrix: as with `shown`, callers read
        their facts, not their prose."""
        return self.of_kind(kind)

    def all_listed(self) -> Iterator[Entity]:
        """Every entity, as `listed` gives them: for their facts, not their prose."""
        for kind in self.entities:
            yield from self.listed(kind)

    def of_kind(self, kind: str) -> tuple[Entity, ...]:
        return tuple(self.entities.get(kind, {}).values())

    def all_entities(self) -> Iterator[Entity]:
        for by_id in self.entities.values():
            yield from by_id.values()

    def referrers(self, ref: Ref, field: str | None = None, kind: str | None = None) -> list[Ref]:
        """Entities that refer to `ref`, optionally only through `field` / from `kind`."""
        seen: dict[Ref, None] = {}
        for link in self.backlinks.get(ref, ()):
            if (field is None or link.field == field) and (
                kind is None or link.source.kind == kind
            ):
                seen[link.source] = None
        return list(seen)

    # Typed views of the entity tables (for readable call sites and mypy).
    def _typed(self, kind: str, cls: type[E]) -> tuple[E, ...]:
        return tuple(e for e in self.of_kind(kind) if isinstance(e, cls))

    @property
    def units(self) -> tuple[Unit, ...]:
        return self._typed("unit", Unit)

    @property
    def roles(self) -> tuple[Role, ...]:
        return self._typed("role", Role)

    @property
    def people(self) -> tuple[Person, ...]:
        return self._typed("person", Person)

    @property
    def forums(self) -> tuple[Forum, ...]:
        return self._typed("forum", Forum)

    @property
    def decisions(self) -> tuple[Decision, ...]:
        return self._typed("decision", Decision)

    @property
    def capabilities(self) -> tuple[Capability, ...]:
        return self._typed("capability", Capability)

    @property
    def flows(self) -> tuple[Flow, ...]:
        return self._typed("flow", Flow)

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        return self._typed("outcome", Outcome)

    @property
    def changes(self) -> tuple[Change, ...]:
        return self._typed("change", Change)


def freeze_tables(tables: dict[str, dict[str, Entity]]) -> Mapping[str, Mapping[str, Entity]]:
    return MappingProxyType(
        {kind: MappingProxyType(dict(sorted(by_id.items()))) for kind, by_id in tables.items()}
    )
