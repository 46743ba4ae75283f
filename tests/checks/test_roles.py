"""Role checks: filled, accountable, placed, a sane span of control and meeting load."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from opmodel import Finding, Model, Ref
from opmodel.checks import roles
from opmodel.checks.base import Check, Context

Build = Callable[[dict[str, str]], Model]
TODAY = dt.date(2026, 11, 23)


def run(check: Check, model: Model) -> list[Finding]:
    return list(check(Context(model, TODAY)))


def subjects(check: Check, model: Model) -> list[str]:
    return [f.subject.id for f in run(check, model) if f.subject is not None]


def test_a_role_without_holders_is_unfilled(build_model: Build) -> None:
    model = build_model({"roles/analyst.yml": "title: Analyst\n"})

    assert run(roles.unfilled_roles, model) == [
        Finding(
            "OPM401",
            Ref("role", "analyst"),
            "role 'Analyst' has no holders",
            "holders",
            "name the holder, or mark the role proposed while it is recruited",
        )
    ]


def test_proposed_and_retired_roles_may_be_unfilled(build_model: Build) -> None:
    model = build_model(
        {
            "roles/new.yml": "title: New\nstatus: proposed\n",
            "roles/old.yml": "title: Old\nstatus: retired\n",
            "roles/filled.yml": "title: Filled\nholders: [Ann]\n",
        }
    )

    assert run(roles.unfilled_roles, model) == []


def test_a_role_without_accountabilities_is_reported(build_model: Build) -> None:
    model = build_model(
        {"roles/a.yml": "title: A\n", "roles/b.yml": "title: B\naccountabilities: [Do]\n"}
    )

    assert subjects(roles.roles_without_accountabilities, model) == ["a"]


def test_a_role_without_a_unit_is_reported(build_model: Build) -> None:
    model = build_model(
        {
            "units/data.yml": "name: Data\n",
            "roles/a.yml": "title: A\n",
            "roles/b.yml": "title: B\nunit: data\n",
        }
    )

    assert subjects(roles.roles_without_unit, model) == ["a"]


def reports(count: int, limit: int) -> dict[str, str]:
    files = {
        "organisation.yml": f"name: Test\nsettings: {{max_span_of_control: {limit}}}\n",
        "roles/head.yml": "title: Head\n",
    }
    files |= {f"roles/r{i}.yml": "title: R\nreports_to: head\n" for i in range(count)}
    return files


def test_more_direct_reports_than_the_limit_is_reported(build_model: Build) -> None:
    model = build_model(reports(count=4, limit=3))

    assert [f.message for f in run(roles.span_of_control, model)] == [
        "role 'Head' has 4 direct reports (limit 3)"
    ]


def test_direct_reports_up_to_the_limit_are_fine(build_model: Build) -> None:
    assert run(roles.span_of_control, build_model(reports(count=3, limit=3))) == []


def test_the_default_span_of_control_is_eight(build_model: Build) -> None:
    files = reports(count=9, limit=8)
    files["organisation.yml"] = "name: Test\n"

    assert subjects(roles.span_of_control, build_model(files)) == ["head"]


def meetings(limit: float, *forums: tuple[str, int]) -> dict[str, str]:
    files = {
        "organisation.yml": f"name: Test\nsettings: {{max_meeting_hours_per_week: {limit}}}\n",
        "roles/ceo.yml": "title: CEO\n",
    }
    for index, (cadence, minutes) in enumerate(forums):
        files[f"forums/f{index}.yml"] = (
            f"name: F{index}\nmembers: [ceo]\ncadence: {cadence}\nduration_minutes: {minutes}\n"
        )
    return files


def test_meeting_hours_add_weekly_and_monthly_forums(build_model: Build) -> None:
    # 60 min weekly = 1 h; 120 min monthly = 2 h x 12 / 52 = 0.46 h; 1.46 h > 1.4 h.
    model = build_model(meetings(1.4, ("weekly", 60), ("monthly", 120)))

    assert [f.message for f in run(roles.meeting_load, model)] == [
        "role 'CEO' spends 1.5 h a week in 2 forums (limit 1.4 h)"
    ]


def test_meeting_hours_under_the_limit_are_fine(build_model: Build) -> None:
    # 1 h + 0.46 h = 1.46 h, under 1.5 h.
    model = build_model(meetings(1.5, ("weekly", 60), ("monthly", 120)))

    assert run(roles.meeting_load, model) == []


def test_meeting_hours_exactly_at_the_limit_are_fine(build_model: Build) -> None:
    # Three fortnightly hours: 0.5 h x 3 = 1.5 h, at the limit, despite float rounding.
    model = build_model(
        meetings(1.5, ("fortnightly", 60), ("fortnightly", 60), ("fortnightly", 60))
    )

    assert run(roles.meeting_load, model) == []


def test_ad_hoc_forums_add_no_meeting_hours(build_model: Build) -> None:
    model = build_model(meetings(0, ("ad hoc", 600)))

    assert run(roles.meeting_load, model) == []
