"""Index pages: one table per kind, with the columns that tell its entities apart."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from opmodel.kinds import ENTITY_KINDS
from opmodel.model.model import Model
from opmodel.model.relations import meeting_hours, weekly_hours
from opmodel.model.schedule import regular, when
from opmodel.model.schema import (
    Capability,
    Change,
    Decision,
    Entity,
    Flow,
    Forum,
    Outcome,
    Person,
    Role,
    Unit,
)

Cell = Any
"""A cell is text, a number, a Ref (rendered as a link), a tuple of Refs, or None."""

TITLES = {kind.name: kind.plural for kind in ENTITY_KINDS}
INTROS = {kind.name: kind.intro for kind in ENTITY_KINDS if kind.intro}


@dataclass(frozen=True)
class IndexTable:
    kind: str
    title: str
    intro: str
    columns: tuple[str, ...]
    rows: list[tuple[Entity, tuple[Cell, ...]]]
    feed: bool = False
    """The forums index: some forum meets regularly, so there is a calendar of them all."""


def _columns(model: Model, kind: str) -> tuple[tuple[str, ...], Callable[[Any], tuple[Cell, ...]]]:
    if kind == "unit":
        return ("Type", "Parent", "Lead"), lambda u: (_unit_type(u), u.parent, u.lead)
    if kind == "role":
        return ("Unit", "Reports to", "Holders", "Reports", "Meetings h/wk"), lambda r: (
            r.unit,
            r.reports_to,
            len(r.holders),
            len(model.referrers(r.ref, "reports_to", "role")),
            round(meeting_hours(model, r), 1),
        )
    if kind == "forum":
        return ("Type", "Cadence", "Meets", "Chair", "Members", "h/wk"), lambda f: (
            f.type,
            f.cadence,
            when(f),
            f.chair,
            len(f.members),
            round(weekly_hours(f), 1),
        )
    if kind == "decision":
        return ("Category", "Accountable", "Escalates to"), lambda d: (
            d.category,
            d.accountable,
            d.escalates_to,
        )
    if kind == "capability":
        return ("Parent", "Owner", "Maturity", "Gap"), lambda c: (
            c.parent,
            c.owner,
            _maturity(c),
            c.maturity.gap if c.maturity else None,
        )
    if kind == "flow":
        return ("Outcome", "Stages", "Lead time (days)"), lambda f: (
            f.outcome,
            len(f.stages),
            _lead_time(f),
        )
    if kind == "outcome":
        return ("For", "Measures"), lambda o: (o.for_, len(o.measures))
    if kind == "change":
        return ("Change status", "Decided by", "Review"), lambda c: (
            c.status,
            c.decided_by,
            c.review,
        )
    if kind == "person":
        return ("Email", "Roles"), lambda p: (
            p.email,
            tuple(model.referrers(p.ref, "holders", "role")),
        )
    return (), lambda e: ()


def _unit_type(unit: Unit) -> str | None:
    parts = [
        unit.type,
        unit.team_type,
        f"external, tier {unit.supplier_tier}"
        if unit.external and unit.supplier_tier
        else ("external" if unit.external else None),
    ]
    return ", ".join(p for p in parts if p) or None


def _maturity(capability: Capability) -> str | None:
    m = capability.maturity
    if m is None:
        return None
    return f"{m.current or '?'} → {m.target or '?'}"


def _lead_time(flow: Flow) -> float | None:
    times = [s.lead_time_days for s in flow.stages if s.lead_time_days is not None]
    return sum(times) if times else None


def index_table(model: Model, kind: str) -> IndexTable:
    columns, cells = _columns(model, kind)
    listed = model.listed(kind)
    rows = [(entity, cells(entity)) for entity in listed]
    intro = units_intro(listed) if kind == "unit" else INTROS[kind]
    feed = kind == "forum" and any(isinstance(f, Forum) and regular(f) for f in listed)
    return IndexTable(kind, TITLES[kind], intro, columns, rows, feed)


def units_intro(units: Sequence[Entity]) -> str:
    """What this organisation's units are, from their types: "4 teams, 2 departments and
    1 directorate. 2 are external partners." Never a list of types the model does not have."""
    typed = [" ".join(u.type.split()) for u in units if isinstance(u, Unit) and u.type]
    typed = [t for t in typed if t]
    if not typed:
        sentence = "The organisation's units, with their parent and lead."
    else:
        by_count = sorted(Counter(typed).items(), key=lambda t: (-t[1], t[0].lower()))
        parts = [_count(n, name) for name, n in by_count]
        if untyped := len(units) - len(typed):
            parts.append(_count(untyped, "unit") + " without a type")
        sentence = _and(parts) + "."
    external = [u for u in units if isinstance(u, Unit) and u.external]
    if external and not _types_tell_apart(external, units):
        sentence += (
            " 1 is an external partner."
            if len(external) == 1
            else f" {len(external)} are external partners."
        )
    return sentence[0].upper() + sentence[1:]


def _types_tell_apart(external: list[Unit], units: Sequence[Entity]) -> bool:
    """Whether the external units' types are held by no internal unit ("external
    supplier"): the count of types already says how many are external."""
    inside = {u.type for u in units if isinstance(u, Unit) and not u.external}
    return all(u.type and u.type not in inside for u in external)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun if n == 1 else _plural(noun)}"


IRREGULAR_PLURALS = {
    "staff": "staff",
    "personnel": "personnel",
    "series": "series",
    "person": "people",
    "people": "people",
    "tech": "techs",
    "child": "children",
}
"""Words the rules below get wrong, lower case. Unit types are a small vocabulary (team,
department, directorate, committee, working group, SIG, chapter, guild, ...): these rules
and this table cover it without a dependency (`inflect` would add two packages for one
sentence)."""
_HEAD_ENDS = (" of ", " for ", " in ", " on ", " at ", " to ", " (")
"""Where the head noun of a type ends: "centre of excellence" -> "centres of excellence",
"team (external)" -> "teams (external)"."""


def _plural(noun: str) -> str:
    """English plural of a unit type: of its last word ("working group" -> "working
    groups"), or of the word before "of", "for", ... ("community of practice" ->
    "communities of practice"). Acronyms take a small s ("SIG" -> "SIGs", "CoE" ->
    "CoEs"); capitals are kept ("Working Group" -> "Working Groups")."""
    lower = noun.lower()
    cut = min((i for i in (lower.find(end) for end in _HEAD_ENDS) if i > 0), default=len(noun))
    head, tail = noun[:cut], noun[cut:]
    before, _, word = head.rpartition(" ")
    return f"{before} {_plural_word(word)}{tail}" if before else _plural_word(word) + tail


def _plural_word(word: str) -> str:
    lower = word.lower()
    if lower in IRREGULAR_PLURALS:
        return _same_case(IRREGULAR_PLURALS[lower], word)
    if _is_acronym(word):
        return word + "s"
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        suffix = "es"
    elif lower.endswith("y") and lower[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        word, suffix = word[:-1], "ies"
    else:
        suffix = "s"
    return word + (suffix.upper() if word.isupper() and len(word) > 1 else suffix)


def _is_acronym(word: str) -> bool:
    """ "SIG", "PMO", "CoE", "CoP": capitals after the first letter, and short. A word in
    capitals throughout and longer ("DIRECTORATE") is a word written in capitals."""
    capitals = sum(c.isupper() for c in word)
    return capitals >= 2 and len(word) <= 5 and any(c.isupper() for c in word[1:])


def _same_case(plural: str, word: str) -> str:
    if word.isupper():
        return plural.upper()
    return plural[0].upper() + plural[1:] if word[:1].isupper() else plural


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


__all__ = [
    "Capability",
    "Change",
    "Decision",
    "Forum",
    "IndexTable",
    "Outcome",
    "Person",
    "Role",
    "index_table",
]
