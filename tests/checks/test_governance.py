"""Forum checks: chaired, attended, deciding something, written down."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from opmodel import Model
from opmodel.checks import governance
from opmodel.checks.base import Check, Context

Build = Callable[[dict[str, str]], Model]


def subjects(check: Check, model: Model) -> list[str]:
    findings = check(Context(model, dt.date(2026, 11, 23)))
    return [f.subject.id for f in findings if f.subject is not None]


ROLES = {"roles/ceo.yml": "title: CEO\n"}


def test_a_forum_without_a_chair_is_reported(build_model: Build) -> None:
    model = build_model(
        ROLES
        | {
            "forums/bare.yml": "name: Bare\n",
            "forums/chaired.yml": "name: Chaired\nchair: ceo\n",
            "forums/old.yml": "name: Old\nstatus: retired\n",
        }
    )

    assert subjects(governance.forums_without_chair, model) == ["bare"]


def test_a_forum_without_members_is_reported(build_model: Build) -> None:
    model = build_model(
        ROLES
        | {
            "forums/bare.yml": "name: Bare\nchair: ceo\n",
            "forums/full.yml": "name: Full\nmembers: [ceo]\n",
            "forums/old.yml": "name: Old\nstatus: retired\n",
        }
    )

    assert subjects(governance.forums_without_members, model) == ["bare"]


def test_a_forum_only_consulted_or_informed_holds_no_decisions(build_model: Build) -> None:
    model = build_model(
        ROLES
        | {
            "forums/accountable.yml": "name: A\n",
            "forums/responsible.yml": "name: R\n",
            "forums/informed.yml": "name: I\n",
            "decisions/d.yml": (
                "title: D\naccountable: forum:accountable\nresponsible: [forum:responsible]\n"
                "consulted: [forum:informed]\ninformed: [forum:informed]\n"
            ),
        }
    )

    assert subjects(governance.forums_without_decisions, model) == ["informed"]


def test_forums_are_not_asked_for_decisions_when_the_model_records_none(
    build_model: Build,
) -> None:
    # A model of teams and their meetings, with no decision rights written down yet: one
    # warning per forum would bury the rest of the health page.
    model = build_model(ROLES | {"forums/weekly.yml": "name: Weekly\nchair: ceo\n"})

    assert subjects(governance.forums_without_decisions, model) == []


def test_a_forum_without_a_charter_is_reported(build_model: Build) -> None:
    model = build_model(
        {
            "forums/yml-file.yml": "name: Y\n",
            "forums/empty-body.md": "---\nname: E\n---\n\n  \n",
            "forums/charter.md": "---\nname: C\n---\nTerms of reference.\n",
        }
    )

    assert subjects(governance.forums_without_charter, model) == ["empty-body", "yml-file"]
