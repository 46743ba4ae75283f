"""The typed model: references resolved, backlinks indexed, nothing mutable."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pydantic
import pytest

from opmodel import Backlink, Model, Ref, load_model
from opmodel.model.schema import Decision, Flow, Role

Build = Callable[[dict[str, str]], Model]

SMALL = {
    "units/data.yml": "name: Data\nlead: head-of-data\n",
    "roles/head-of-data.yml": "title: Head of Data\nunit: data\nholders: [ann, Bo Diddley]\n",
    "roles/analyst.yml": "title: Analyst\nunit: data\nreports_to: head-of-data\n",
    "people/ann.yml": "name: Ann Lee\n",
    "forums/data-board.md": (
        "---\nname: Data board\nchair: head-of-data\nmembers: [head-of-data, analyst]\n---\n"
        "Decides data standards.\n"
    ),
    "decisions/adopt-standard.yml": (
        "title: Adopt a standard\naccountable: forum:data-board\n"
        "responsible: [head-of-data]\nconsulted: [unit:data]\n"
    ),
    "flows/request-data.yml": (
        "name: Request data\nstages:\n"
        "  - {id: ask, name: Ask for data, owner: role:analyst}\n"
        "  - {id: approve, owner: data}\n"
    ),
}


@pytest.fixture
def model(build_model: Build) -> Model:
    return build_model(SMALL)


def test_a_bare_id_resolves_to_the_fields_default_kind(model: Model) -> None:
    role = model.get(Ref("role", "analyst"))

    assert isinstance(role, Role)
    assert (role.unit, role.reports_to) == (Ref("unit", "data"), Ref("role", "head-of-data"))


def test_kind_colon_id_names_another_accepted_kind(model: Model) -> None:
    decision = model.get(Ref("decision", "adopt-standard"))

    assert isinstance(decision, Decision)
    assert decision.accountable == Ref("forum", "data-board")
    assert decision.consulted == (Ref("unit", "data"),)


def test_holders_are_person_references_or_names_written_inline(model: Model) -> None:
    role = model.get(Ref("role", "head-of-data"))

    assert isinstance(role, Role)
    assert role.holders == (Ref("person", "ann"), "Bo Diddley")


def test_backlinks_name_the_field_that_refers(model: Model) -> None:
    links = model.backlinks[Ref("role", "head-of-data")]

    assert Backlink(Ref("forum", "data-board"), "chair") in links
    assert Backlink(Ref("forum", "data-board"), "members") in links
    assert Backlink(Ref("decision", "adopt-standard"), "responsible") in links
    assert Backlink(Ref("unit", "data"), "lead") in links
    assert Backlink(Ref("role", "analyst"), "reports_to") in links


def test_a_stage_owner_backlink_carries_the_stage_name(model: Model) -> None:
    assert model.backlinks[Ref("role", "analyst")] == (
        Backlink(Ref("flow", "request-data"), "stages.owner", "Ask for data"),
        Backlink(Ref("forum", "data-board"), "members"),
    )


def test_a_stage_without_a_name_is_named_by_its_id(model: Model) -> None:
    assert (
        Backlink(Ref("flow", "request-data"), "stages.owner", "approve")
        in model.backlinks[Ref("unit", "data")]
    )


def test_referrers_lists_each_source_once(model: Model) -> None:
    # The data board refers to the head of data twice (chair and member).
    assert model.referrers(Ref("role", "head-of-data"), kind="forum") == [
        Ref("forum", "data-board")
    ]


def test_referrers_can_be_narrowed_to_one_field(model: Model) -> None:
    assert model.referrers(Ref("unit", "data"), field="unit") == [
        Ref("role", "analyst"),
        Ref("role", "head-of-data"),
    ]


def test_an_entity_nobody_refers_to_has_no_referrers(model: Model) -> None:
    assert model.referrers(Ref("decision", "adopt-standard")) == []


def test_entities_cannot_be_changed(model: Model) -> None:
    role = model.get(Ref("role", "analyst"))

    with pytest.raises(pydantic.ValidationError):
        role.title = "Boss"  # type: ignore[misc]


def test_the_model_cannot_be_changed(model: Model) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        model.pages = ()  # type: ignore[misc]


def test_the_entity_tables_cannot_be_changed(model: Model) -> None:
    with pytest.raises(TypeError):
        model.entities["role"]["boss"] = model.get(Ref("role", "analyst"))  # type: ignore[index]


def test_entities_of_a_kind_are_sorted_by_id(model: Model) -> None:
    assert [role.id for role in model.roles] == ["analyst", "head-of-data"]


def test_defaults_apply_to_fields_left_out(model: Model) -> None:
    unit = model.get(Ref("unit", "data"))

    assert (unit.status, unit.stability, unit.tags) == ("active", "adaptable", ())


def test_an_entity_knows_its_file_and_field_positions(model: Model) -> None:
    role = model.get(Ref("role", "analyst"))

    assert role.path.endswith("content/roles/analyst.yml")
    assert role.position("reports_to") == (3, 1)
    assert role.position("purpose") == (1, 1)  # absent: the entity's own position


def test_a_forum_charter_is_its_markdown_body(model: Model) -> None:
    assert model.get(Ref("forum", "data-board")).body == "Decides data standards.\n"


def test_a_label_falls_back_to_the_id(build_model: Build) -> None:
    model = build_model({"units/data.yml": "type: team\n"})

    assert model.get(Ref("unit", "data")).label == "data"


def test_a_guide_page_takes_its_title_from_its_first_heading(build_model: Build) -> None:
    model = build_model({"pages/start-here.md": "Intro.\n\n# Start here\n\nText.\n"})

    assert [(page.id, page.title) for page in model.pages] == [("start-here", "Start here")]


def test_a_flow_keeps_its_stages_in_order(model: Model) -> None:
    flow = model.get(Ref("flow", "request-data"))

    assert isinstance(flow, Flow)
    assert [stage.id for stage in flow.stages] == ["ask", "approve"]


def test_a_model_with_errors_is_not_returned(tmp_path: Path, write_model: Any) -> None:
    result = load_model(write_model(tmp_path, {"roles/analyst.yml": "title: A\nunit: nowhere\n"}))

    assert result.model is None
    assert [d.code for d in result.diagnostics] == ["OPM301"]


def test_health_warnings_do_not_stop_the_model_loading(tmp_path: Path, write_model: Any) -> None:
    result = load_model(write_model(tmp_path, {"roles/analyst.yml": "title: A\n"}))

    assert result.model is not None
    assert list(result.diagnostics) == []


def test_a_missing_content_folder_is_reported(tmp_path: Path) -> None:
    result = load_model(tmp_path / "nowhere")

    assert result.model is None
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("OPM115", "content folder not found")
    ]


def test_a_reference_to_a_file_that_failed_to_load_is_not_reported_again(
    tmp_path: Path, write_model: Any
) -> None:
    files = {"units/data.yml": "name: [Data\n", "roles/analyst.yml": "title: A\nunit: data\n"}

    result = load_model(write_model(tmp_path, files))

    assert [(d.path.rsplit("/", 1)[-1], d.code) for d in result.diagnostics] == [
        ("data.yml", "OPM101")
    ]


def test_the_organisation_is_separate_from_the_entity_tables(model: Model) -> None:
    assert model.organisation.name == "Test"
    assert "organisation" not in model.entities
