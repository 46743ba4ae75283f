"""Review checks: review dates that have passed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from opmodel import Model
from opmodel.checks import reviews
from opmodel.checks.base import Context

Build = Callable[[dict[str, str]], Model]


def overdue(model: Model, today: dt.date) -> list[str]:
    return [f.message for f in reviews.overdue_reviews(Context(model, today))]


FILES = {
    "units/data.yml": "name: Data\nreview_by: 2026-06-30\n",
    "forums/old.yml": "name: Old\nstatus: retired\nreview_by: 2020-01-01\n",
}


def test_a_review_date_in_the_past_is_overdue(build_model: Build) -> None:
    assert overdue(build_model(FILES), dt.date(2026, 7, 2)) == [
        "unit 'Data' was due for review on 2026-06-30 (2 days ago)"
    ]


def test_a_review_due_today_is_not_overdue(build_model: Build) -> None:
    assert overdue(build_model(FILES), dt.date(2026, 6, 30)) == []


def test_the_finding_points_at_the_review_by_field(build_model: Build) -> None:
    findings = list(reviews.overdue_reviews(Context(build_model(FILES), dt.date(2027, 1, 1))))

    assert [f.field for f in findings] == ["review_by"]
