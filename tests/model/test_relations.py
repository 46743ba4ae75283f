"""Facts derived from the backlinks that checks and views share."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from opmodel import Model, Ref
from opmodel.model import relations
from opmodel.model.schema import Capability, Role, Unit

Build = Callable[[dict[str, str]], Model]


def role(model: Model, id_: str) -> Role:
    found = model.get(Ref("role", id_))
    assert isinstance(found, Role)
    return found


def unit(model: Model, id_: str) -> Unit:
    found = model.get(Ref("unit", id_))
    assert isinstance(found, Unit)
    return found


def forum_file(cadence: str, minutes: int, chair: str = "ceo", members: str = "[]") -> str:
    return (
        f"name: F\nchair: {chair}\nmembers: {members}\n"
        f"cadence: {cadence}\nduration_minutes: {minutes}\n"
    )


@pytest.mark.parametrize(
    ("cadence", "minutes", "hours"),
    [
        ("weekly", 60, 1.0),
        ("fortnightly", 60, 0.5),
        ("monthly", 120, 2 * 12 / 52),
        ("quarterly", 240, 4 * 4 / 52),
        ("annually", 520, 520 / 60 / 52),
        ("ad hoc", 90, 0.0),
    ],
)
def test_weekly_hours_are_cadence_times_duration(
    build_model: Build, cadence: str, minutes: int, hours: float
) -> None:
    model = build_model(
        {"roles/ceo.yml": "title: CEO\n", "forums/f.yml": forum_file(cadence, minutes)}
    )

    assert relations.weekly_hours(model.forums[0]) == pytest.approx(hours)


def test_a_forum_without_cadence_costs_no_hours(build_model: Build) -> None:
    model = build_model({"forums/f.yml": "name: F\nduration_minutes: 60\n"})

    assert relations.weekly_hours(model.forums[0]) == 0.0


def test_meeting_hours_add_up_across_forums(build_model: Build) -> None:
    model = build_model(
        {
            "roles/ceo.yml": "title: CEO\n",
            "forums/executive.yml": forum_file("weekly", 60),
            "forums/board.yml": forum_file("monthly", 120, chair="~", members="[ceo]"),
        }
    )

    assert relations.meeting_hours(model, role(model, "ceo")) == pytest.approx(1 + 2 * 12 / 52)


def test_chair_and_member_of_one_forum_is_one_seat_the_senior_one(build_model: Build) -> None:
    model = build_model(
        {
            "roles/ceo.yml": "title: CEO\n",
            "forums/board.yml": forum_file("weekly", 60, members="[ceo]"),
        }
    )

    seats = relations.seats(model, role(model, "ceo"))

    assert [(s.forum.id, s.seat) for s in seats] == [("board", "chair")]
    assert relations.meeting_hours(model, role(model, "ceo")) == 1.0


def test_direct_reports_are_the_roles_that_report_to_a_role(build_model: Build) -> None:
    model = build_model(
        {
            "roles/ceo.yml": "title: CEO\n",
            "roles/cfo.yml": "title: CFO\nreports_to: ceo\n",
            "roles/cto.yml": "title: CTO\nreports_to: ceo\n",
            "roles/analyst.yml": "title: Analyst\nreports_to: cfo\n",
        }
    )

    assert [r.id for r in relations.direct_reports(model, role(model, "ceo"))] == ["cfo", "cto"]


def test_a_top_level_unit_has_depth_one(build_model: Build) -> None:
    model = build_model(
        {
            "units/group.yml": "name: Group\n",
            "units/digital.yml": "name: Digital\nparent: group\n",
            "units/data.yml": "name: Data\nparent: digital\n",
        }
    )

    depths = {u.id: relations.unit_depth(model, u) for u in model.units}

    assert depths == {"group": 1, "digital": 2, "data": 3}
    assert [u.id for u in relations.ancestors(model, unit(model, "data"))] == ["digital", "group"]
    assert [u.id for u in relations.child_units(model, unit(model, "group"))] == ["digital"]


def test_unit_size_counts_units_and_roles_at_every_depth_beneath(build_model: Build) -> None:
    model = build_model(
        {
            "units/group.yml": "name: Group\n",
            "units/digital.yml": "name: Digital\nparent: group\n",
            "units/data.yml": "name: Data\nparent: digital\n",
            "roles/ceo.yml": "title: CEO\nunit: group\n",
            "roles/analyst.yml": "title: Analyst\nunit: data\n",
        }
    )

    size = relations.unit_sizes(model)
    sizes = {u.id: size(u) for u in reversed(model.units)}  # the deepest first: kept sizes
    assert sizes == {u.id: relations.unit_sizes(model)(u) for u in model.units}

    assert sizes["group"] == relations.UnitSize(units=2, roles=2)
    assert sizes["digital"] == relations.UnitSize(units=1, roles=1)
    assert sizes["data"] == relations.UnitSize(units=0, roles=1)
    assert sizes["group"] > sizes["digital"] > sizes["data"]


def test_raci_for_gives_each_decision_its_letters_in_order(build_model: Build) -> None:
    model = build_model(
        {
            "roles/ceo.yml": "title: CEO\n",
            "decisions/a.yml": "title: A\naccountable: ceo\nresponsible: [ceo]\ninformed: [ceo]\n",
            "decisions/b.yml": "title: B\naccountable: ceo\nconsulted: [ceo]\n",
        }
    )

    entries = relations.raci_for(model, Ref("role", "ceo"))

    assert [(e.decision.id, e.letters) for e in entries] == [
        ("a", ("A", "R", "I")),
        ("b", ("A", "C")),
    ]


def test_decisions_held_are_those_where_one_is_a_or_r(build_model: Build) -> None:
    model = build_model(
        {
            "roles/ceo.yml": "title: CEO\n",
            "roles/cfo.yml": "title: CFO\n",
            "decisions/a.yml": "title: A\naccountable: ceo\nconsulted: [cfo]\n",
            "decisions/b.yml": "title: B\naccountable: ceo\nresponsible: [cfo]\n",
        }
    )

    assert [d.id for d in relations.decisions_held(model, Ref("role", "cfo"))] == ["b"]


def test_stages_owned_lists_each_stage_of_each_flow(build_model: Build) -> None:
    model = build_model(
        {
            "units/data.yml": "name: Data\n",
            "flows/f.yml": "name: F\nstages:\n  - {id: a, owner: data}\n  - {id: b}\n"
            "  - {id: c, owner: data}\n",
        }
    )

    owned = relations.stages_owned(model, Ref("unit", "data"))

    assert [(o.flow.id, o.index, o.stage.id) for o in owned] == [("f", 0, "a"), ("f", 2, "c")]


def test_capabilities_owned_and_their_children(build_model: Build) -> None:
    model = build_model(
        {
            "units/data.yml": "name: Data\n",
            "capabilities/data.yml": "name: Data\nowner: data\n",
            "capabilities/data-quality.yml": "name: Quality\nparent: data\n",
        }
    )
    parent = model.get(Ref("capability", "data"))
    assert isinstance(parent, Capability)

    assert [c.id for c in relations.capabilities_owned(model, Ref("unit", "data"))] == ["data"]
    assert [c.id for c in relations.child_capabilities(model, parent)] == ["data-quality"]


def _forum_model(build_model: Build, forum: str) -> Model:
    return build_model(
        {
            "organisation.yml": "name: O\n",
            "units/alpha.yml": "name: Alpha\n",
            "units/beta.yml": "name: Beta\n",
            "roles/a1.yml": "title: A1\nunit: alpha\n",
            "roles/a2.yml": "title: A2\nunit: alpha\n",
            "roles/b1.yml": "title: B1\nunit: beta\n",
            "roles/free.yml": "title: Free\n",
            "forums/f.yml": "name: F\n" + forum,
        }
    )


def test_a_forum_belongs_to_its_chairs_unit(build_model: Build) -> None:
    model = _forum_model(build_model, "chair: b1\nmembers: [a1, a2]\n")
    found = relations.forum_unit(model, model.forums[0])
    assert found is not None and found.id == "beta"


def test_a_forum_whose_chair_has_no_unit_belongs_to_most_of_its_members_unit(
    build_model: Build,
) -> None:
    model = _forum_model(build_model, "chair: free\nmembers: [b1, a1, a2]\n")
    found = relations.forum_unit(model, model.forums[0])
    assert found is not None and found.id == "alpha"


def test_a_forum_of_members_from_two_units_equally_goes_to_the_first_by_label(
    build_model: Build,
) -> None:
    model = _forum_model(build_model, "members: [b1, a1]\n")
    found = relations.forum_unit(model, model.forums[0])
    assert found is not None and found.id == "alpha"


def test_a_forum_of_no_unit_roles_belongs_to_no_unit(build_model: Build) -> None:
    model = _forum_model(build_model, "chair: free\nmembers: [free]\n")
    assert relations.forum_unit(model, model.forums[0]) is None
