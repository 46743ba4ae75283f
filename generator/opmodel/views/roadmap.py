"""The roadmap: changes by status, and reviews coming due across the model."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from opmodel.model.model import Model
from opmodel.model.schema import Change, Entity

CHANGE_STATUSES = ("trial", "planned", "idea", "adopted", "dropped")
"""In the order people look for them: what is being tried now first."""
STATUS_TITLES = {
    "trial": "On trial now",
    "planned": "Planned",
    "idea": "Ideas",
    "adopted": "Adopted",
    "dropped": "Dropped",
}
DUE_SOON_DAYS = 90


@dataclass(frozen=True)
class StatusLane:
    status: str
    title: str
    changes: list[Change]


@dataclass(frozen=True)
class DueReview:
    entity: Entity
    due: dt.date
    days: int
    """Days until due; negative when overdue."""


@dataclass(frozen=True)
class Roadmap:
    lanes: list[StatusLane]
    due: list[DueReview]
    horizon_days: int


def roadmap(model: Model, today: dt.date) -> Roadmap:
    lanes = [
        StatusLane(
            status,
            STATUS_TITLES[status],
            sorted(
                (c for c in model.changes if c.status == status),
                key=lambda c: (c.review or dt.date.max, c.id),
            ),
        )
        for status in CHANGE_STATUSES
    ]
    due = []
    for entity in model.all_listed():  # (their review dates, not their prose)
        date = entity.review_by or (
            entity.review
            if isinstance(entity, Change) and entity.status in ("trial", "planned")
            else None
        )
        if date is None or entity.status == "retired":
            continue
        days = (date - today).days
        if days <= DUE_SOON_DAYS:
            due.append(DueReview(entity, date, days))
    due.sort(key=lambda d: (d.due, d.entity.kind, d.entity.id))
    return Roadmap(lanes, due, DUE_SOON_DAYS)
