"""Decision checks: somebody does the work."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from opmodel import Model
from opmodel.checks import decisions
from opmodel.checks.base import Context

Build = Callable[[dict[str, str]], Model]


def test_a_decision_without_responsible_is_reported(build_model: Build) -> None:
    model = build_model(
        {
            "roles/ceo.yml": "title: CEO\n",
            "decisions/alone.yml": "title: Alone\naccountable: ceo\n",
            "decisions/done.yml": "title: Done\naccountable: ceo\nresponsible: [ceo]\n",
            "decisions/old.yml": "title: Old\naccountable: ceo\nstatus: retired\n",
        }
    )

    findings = list(decisions.decisions_without_responsible(Context(model, dt.date(2026, 1, 1))))

    assert [(f.code, f.message) for f in findings] == [
        ("OPM408", "decision 'Alone' has nobody responsible")
    ]
