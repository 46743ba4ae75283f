"""Who decides? Every decision with its A/R/C/I, the filters' choices, and RACI matrices."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TypeVar

from opmodel.model.model import Model
from opmodel.model.refs import Ref
from opmodel.model.relations import RACI_FIELDS, Letter
from opmodel.model.schema import Decision, Entity, Role, Unit

T = TypeVar("T", bound=Entity)

MAX_WHOLE_MATRIX_ROLES = 150
"""Above this many roles the whole-organisation matrix is unreadable; show it per unit."""


@dataclass(frozen=True)
class DecisionRow:
    decision: Decision
    roles: tuple[str, ...]
    """Ids of the roles named anywhere in its RACI (for the role filter)."""
    units: tuple[str, ...]
    """Ids of the units involved: named directly, or the units of named roles."""


@dataclass(frozen=True)
class WhoDecides:
    rows: list[DecisionRow]
    categories: list[str]
    roles: list[Role]
    units: list[Unit]


def _parties(decision: Decision) -> list[Ref]:
    refs = [decision.accountable, *decision.responsible, *decision.consulted, *decision.informed]
    if decision.escalates_to:
        refs.append(decision.escalates_to)
    return refs


def who_decides(model: Model) -> WhoDecides:
    rows = []
    decisions = _listed(model, "decision", Decision)
    for decision in decisions:
        roles, units = set(), set()
        for ref in _parties(decision):
            if ref.kind == "role":
                roles.add(ref.id)
                role = model.shown(ref)
                if isinstance(role, Role) and role.unit:
                    units.add(role.unit.id)
            elif ref.kind == "unit":
                units.add(ref.id)
            elif ref.kind == "forum":
                units.update(_forum_units(model, ref))
        rows.append(DecisionRow(decision, tuple(sorted(roles)), tuple(sorted(units))))
    categories = sorted({d.category for d in decisions if d.category})
    involved_roles = {r for row in rows for r in row.roles}
    involved_units = {u for row in rows for u in row.units}
    return WhoDecides(
        rows,
        categories,
        sorted(
            (r for r in _listed(model, "role", Role) if r.id in involved_roles),
            key=lambda r: r.label.lower(),
        ),
        sorted(
            (u for u in _listed(model, "unit", Unit) if u.id in involved_units),
            key=lambda u: u.label.lower(),
        ),
    )


def _forum_units(model: Model, forum_ref: Ref) -> set[str]:
    forum = model.shown(forum_ref)
    units = set()
    for role_ref in (getattr(forum, "chair", None), *getattr(forum, "members", ())):
        role = model.shown(role_ref) if role_ref else None
        if isinstance(role, Role) and role.unit:
            units.add(role.unit.id)
    return units


@dataclass(frozen=True)
class RaciMatrix:
    title: str
    unit: Unit | None
    decisions: list[Decision]
    roles: list[Role]
    cells: dict[tuple[str, str], str]
    """(role id, decision id) -> letters, e.g. "A" or "RC"."""

    def row(self, role: Role) -> tuple[str, ...]:
        """The role's letters for each decision, in order ("" where it has none)."""
        return tuple(self.cells.get((role.id, decision.id), "") for decision in self.decisions)


def raci_matrices(model: Model) -> list[RaciMatrix]:
    """The whole organisation's matrix (when readable), then one per unit with roles in it."""
    letters: dict[tuple[str, str], list[Letter]] = {}
    all_decisions = _listed(model, "decision", Decision)
    for decision in all_decisions:
        for field, letter in RACI_FIELDS.items():
            value = getattr(decision, field)
            for ref in value if isinstance(value, tuple) else (value,):
                if ref.kind == "role":
                    letters.setdefault((ref.id, decision.id), []).append(letter)
    cells = {key: "".join(sorted(set(v), key="ARCI".index)) for key, v in letters.items()}
    matrices = []
    involved = {role_id for role_id, _ in cells}
    roles = [r for r in _listed(model, "role", Role) if r.id in involved]
    if roles and len(roles) <= MAX_WHOLE_MATRIX_ROLES:
        matrices.append(RaciMatrix("Whole organisation", None, list(all_decisions), roles, cells))
    by_unit: dict[Ref | None, list[Role]] = defaultdict(list)
    for role in roles:
        by_unit[role.unit].append(role)
    decisions_of: dict[str, set[str]] = defaultdict(set)
    for role_id, decision_id in cells:
        decisions_of[role_id].add(decision_id)
    order = {decision.id: index for index, decision in enumerate(all_decisions)}
    for unit in _listed(model, "unit", Unit):
        unit_roles = by_unit.get(unit.ref)
        if not unit_roles:
            continue
        ids = set().union(*(decisions_of[r.id] for r in unit_roles))
        decisions = [all_decisions[order[i]] for i in sorted(ids, key=order.__getitem__)]
        matrices.append(RaciMatrix(unit.label, unit, decisions, unit_roles, cells))
    return matrices


def _listed(model: Model, kind: str, cls: type[T]) -> tuple[T, ...]:
    """Every entity of a kind, for a table that shows their facts (`Model.listed`)."""
    return tuple(e for e in model.listed(kind) if isinstance(e, cls))
