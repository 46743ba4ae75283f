"""What a view read from the model, so that after an edit only what read a changed part is
made again (`opmodel serve` on a large model).

Views reach other entities only through the model's two tables: `entities` (by kind, then
id) and `backlinks`. `recording(model, reads)` returns the same model with both tables
noting each lookup in `reads`; `Changes.between(old, new)` names the parts that differ. A
view whose reads do not touch the changes would produce the same output again.

What a read is:
- a `Ref`: that entity (its fields, and whether it exists);
- `("outline", ref)`: its facts, everything but its prose (`Model.shown`);
- `("outline", kind)`: the facts of every entity of that kind (`Model.listed`);
- `("backlinks", ref)`: what refers to that entity;
- a kind (`"role"`): every entity of that kind, as when a view lists them all;
- `ALL_KINDS` / `ALL_BACKLINKS`: the whole table, iterated.
The organisation and guide pages are read by every page (site name, navigation): when
either changes, everything changes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from opmodel.model.assemble import iter_refs
from opmodel.model.model import Model
from opmodel.model.refs import Ref
from opmodel.model.schema import Entity
from opmodel.speed.memo import Tracking

Read = Hashable
ALL_KINDS = "*kinds"
ALL_BACKLINKS = "*backlinks"
T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
_MISSING: Any = object()


class Notes(Protocol):
    def add(self, read: Read, /) -> None: ...


def recording(model: Model, reads: set[Read]) -> Model:
    """`model`, noting in `reads` every entity, kind and backlink list looked up. Where
    `model` notes its reads already (a page's, while one of its rows is made), each is
    noted in both."""
    notes: Notes = reads
    entities, backlinks = model.entities, model.backlinks
    if isinstance(model, _Recording):
        assert isinstance(entities, _Tables) and isinstance(backlinks, _Noting)
        notes = _Both(reads, entities._reads)
        entities, backlinks = entities._tables, backlinks._table
    return _Recording(
        organisation=model.organisation,
        entities=_Tables(entities, notes),
        pages=model.pages,
        backlinks=_Noting(backlinks, notes, lambda ref: ("backlinks", ref), ALL_BACKLINKS),
        prose_links=model.prose_links,
    )


def replay(model: Model, reads: frozenset[Read]) -> None:
    """Note `reads` where `model` notes what is looked up in it (a kept row's reads are
    its page's too)."""
    if isinstance(model, _Recording):
        tables = model.entities
        assert isinstance(tables, _Tables)
        for read in reads:
            tables._reads.add(read)


class _Both:
    __slots__ = ("_one", "_other")

    def __init__(self, one: Notes, other: Notes) -> None:
        self._one, self._other = one, other

    def add(self, read: Read, /) -> None:
        self._one.add(read)
        self._other.add(read)


class _Recording(Model):
    def shown(self, ref: Ref) -> Entity:
        tables = self.entities
        assert isinstance(tables, _Tables)
        tables._reads.add(("outline", ref))
        return tables._tables[ref.kind][ref.id]

    def listed(self, kind: str) -> tuple[Entity, ...]:
        tables = self.entities
        assert isinstance(tables, _Tables)
        tables._reads.add(("outline", kind))
        return tuple(tables._tables.get(kind, {}).values())


@dataclass(frozen=True)
class Changes:
    """The parts of the model that differ between two loads."""

    parts: frozenset[Read]
    everything: bool = False

    @classmethod
    def all(cls) -> Changes:
        return cls(frozenset(), everything=True)

    def touch(self, reads: frozenset[Read] | set[Read]) -> bool:
        return self.everything or not self.parts.isdisjoint(reads)

    @classmethod
    def between(cls, old: Model, new: Model) -> Changes:
        if old.organisation != new.organisation or old.pages != new.pages:
            return cls.all()
        parts: set[Read] = set()
        if old.entities.keys() != new.entities.keys():
            parts.add(ALL_KINDS)
        changed: list[Entity] = []
        for kind in old.entities.keys() | new.entities.keys():
            before = old.entities.get(kind, {})
            after = new.entities.get(kind, {})
            for entity_id in before.keys() | after.keys():
                was, now = before.get(entity_id), after.get(entity_id)
                if was is now or was == now:  # the same object where the entity cache kept it
                    continue
                parts.add(Ref(kind, entity_id))
                parts.add(kind)
                if was is None or now is None or outline(was) != outline(now):
                    parts.add(("outline", Ref(kind, entity_id)))
                    parts.add(("outline", kind))
                changed.extend(e for e in (was, now) if e is not None)
        # A list of backlinks changes only where a changed entity refers, or referred.
        suspects = {ref for entity in changed for _, ref in iter_refs(entity)}
        suspects.update(entity.ref for entity in changed)
        # Prose links lead where the model says: an entity added, renamed or removed
        # elsewhere changes where an unchanged entity's text links (and its page).
        for ref in old.prose_links.keys() | new.prose_links.keys():
            links_then, links_now = old.prose_links.get(ref, ()), new.prose_links.get(ref, ())
            if links_then != links_now:
                parts.add(ref)
                suspects.update(
                    link.target for link in (*links_then, *links_now) if link.target is not None
                )
        for ref in suspects:
            if old.backlinks.get(ref, ()) != new.backlinks.get(ref, ()):
                parts.add(("backlinks", ref))
                parts.add(ALL_BACKLINKS)
        return cls(frozenset(parts))


PROSE = frozenset(
    {"purpose", "description", "accountabilities", "inputs", "outputs", "hypothesis", "body"}
)
"""The fields that hold an entity's prose: shown on its own page, not in links and lists."""


def outline(entity: Entity) -> tuple[object, ...]:
    """What `Model.shown` and `Model.listed` callers read: every field but the prose."""
    return tuple(
        (name, getattr(entity, name))
        for name in type(entity).model_fields
        if name not in PROSE and name != "positions"  # where fields stand in the file
    )


TRACKING = Tracking(changes=Changes.between, recording=recording, replay=replay)
"""What `speed`'s memos need to know of a model (`opmodel serve`)."""


class _Noting(Mapping[K, V]):
    """A table that notes what is read from it: a lookup notes `one(key)`, going through
    the whole table notes `whole`."""

    __slots__ = ("_one", "_reads", "_table", "_whole")

    def __init__(
        self, table: Mapping[K, V], reads: Notes, one: Callable[[K], Read], whole: Read
    ) -> None:
        self._table, self._reads, self._one, self._whole = table, reads, one, whole

    def __getitem__(self, key: K) -> V:
        self._reads.add(self._one(key))
        return self._table[key]

    def get(self, key: K, default: Any = None) -> Any:
        self._reads.add(self._one(key))
        return self._table.get(key, default)

    def __contains__(self, key: object) -> bool:
        self._reads.add(self._one(key))  # type: ignore[arg-type]
        return key in self._table

    def __iter__(self) -> Iterator[K]:
        self._reads.add(self._whole)
        return iter(self._table)

    def __len__(self) -> int:
        self._reads.add(self._whole)
        return len(self._table)

    def values(self) -> Any:
        self._reads.add(self._whole)
        return self._table.values()

    def items(self) -> Any:
        self._reads.add(self._whole)
        return self._table.items()


def _kind(kind: str, table: Mapping[str, Entity], reads: Notes) -> Mapping[str, Entity]:
    """One kind's table: a lookup by id reads that entity; going through it reads them all."""
    return _Noting(table, reads, lambda entity_id: Ref(kind, entity_id), kind)


class _Tables(Mapping[str, Mapping[str, Entity]]):
    __slots__ = ("_reads", "_tables")

    def __init__(self, tables: Mapping[str, Mapping[str, Entity]], reads: Notes) -> None:
        self._tables, self._reads = tables, reads

    def __getitem__(self, kind: str) -> Mapping[str, Entity]:
        return _kind(kind, self._tables[kind], self._reads)

    def get(self, kind: str, default: Any = None) -> Any:
        table = self._tables.get(kind, _MISSING)
        if table is _MISSING:
            self._reads.add(ALL_KINDS)  # that a kind has no entities is a fact too
            return default
        return _kind(kind, table, self._reads)

    def __iter__(self) -> Iterator[str]:
        self._reads.add(ALL_KINDS)
        return iter(self._tables)

    def __len__(self) -> int:
        self._reads.add(ALL_KINDS)
        return len(self._tables)

    def values(self) -> Any:
        self._reads.add(ALL_KINDS)
        return [_kind(kind, table, self._reads) for kind, table in self._tables.items()]

    def items(self) -> Any:
        self._reads.add(ALL_KINDS)
        return [(kind, _kind(kind, table, self._reads)) for kind, table in self._tables.items()]
