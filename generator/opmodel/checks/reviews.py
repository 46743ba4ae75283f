"""Reviews: the model is a product, and its parts have review dates."""

from __future__ import annotations

from collections.abc import Iterator

from opmodel.checks.base import Context, Finding
from opmodel.codes import REVIEW_OVERDUE


def overdue_reviews(ctx: Context) -> Iterator[Finding]:
    """OPM412: `review_by` has passed (retired entities excepted)."""
    for entity in ctx.model.all_entities():
        if entity.review_by and entity.review_by < ctx.today and entity.status != "retired":
            days = (ctx.today - entity.review_by).days
            yield Finding(
                REVIEW_OVERDUE,
                entity.ref,
                f"{entity.kind} '{entity.label}' was due for review on "
                f"{entity.review_by.isoformat()} ({days} days ago)",
                "review_by",
                "review it, then move `review_by` on",
            )
