"""Home, at a glance: purpose, principles, outcomes, counts and where to start."""

from __future__ import annotations

from dataclasses import dataclass

from opmodel.model.model import Model
from opmodel.model.relations import forum_unit
from opmodel.model.schema import Organisation, Outcome, Page
from opmodel.views.indexes import TITLES


@dataclass(frozen=True)
class Home:
    organisation: Organisation
    outcomes: list[Outcome]
    counts: list[tuple[str, str, int]]
    """(kind, title, how many) for every kind with entities."""
    kinds: frozenset[str]
    """The kinds the model has entities of: the home page links only to their pages."""
    guides: tuple[Page, ...]
    trials: int
    fixed: int
    forum_summary: str
    """What the governance map shows, for the link to it: the map itself is drawn once,
    on the forums index."""


def home(model: Model) -> Home:
    counts = [
        (kind, title, len(model.listed(kind)))
        for kind, title in TITLES.items()
        if model.listed(kind)
    ]
    return Home(
        model.organisation,
        list(model.outcomes),
        counts,
        frozenset(kind for kind, _, _ in counts),
        model.pages,
        sum(1 for c in model.changes if c.status == "trial"),
        sum(1 for e in model.all_listed() if e.is_fixed),
        _forum_summary(model),
    )


def _forum_summary(model: Model) -> str:
    """'12 forums (5 governance, 7 management) and where each reports.' With no reporting
    lines, the map groups the forums by unit, and says so."""
    kinds = [
        f"{n} {kind}"
        for kind in ("governance", "management")
        if (n := sum(1 for f in model.forums if f.type == kind))
    ]
    n = len(model.forums)
    if any(f.reports_to is not None for f in model.forums):
        shown = " and where each reports."
    elif any(forum_unit(model, f) is not None for f in model.forums):
        shown = ", by the unit each belongs to."
    else:
        shown = "."
    return f"{n} forum{'s' if n != 1 else ''}" + (f" ({', '.join(kinds)})" if kinds else "") + shown
