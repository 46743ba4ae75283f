"""Entities added, removed, renamed and changed, field by field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from opmodel import Model, Ref
from opmodel.diff import EntityDiff, FieldChange, ModelDiff, diff_models

Diff = Callable[..., ModelDiff]


def role(ident: str) -> Ref:
    return Ref("role", ident)


def fields_of(diff: ModelDiff, ref: Ref) -> tuple[FieldChange, ...]:
    (item,) = [item for item in diff.entities if item.ref == ref]
    return item.fields


def test_the_same_model_has_no_differences(models: Callable[..., tuple[Model, Model]]) -> None:
    old, new = models({})

    diff = diff_models(old, new)

    assert diff.is_empty
    assert diff == ModelDiff()


def test_an_added_entity_is_listed_with_its_label_and_file(diff_of: Diff) -> None:
    diff = diff_of({"roles/intern.yml": "title: Intern\n"})

    assert diff.entities == (
        EntityDiff("added", role("intern"), "Intern", path=diff.entities[0].path),
    )
    assert diff.entities[0].path.endswith("content/roles/intern.yml")


def test_a_removed_entity_is_listed_as_it_was(diff_of: Diff) -> None:
    diff = diff_of(
        {
            "roles/cfo.yml": None,
            "decisions/adopt-standard.yml": (
                "title: Adopt a standard\naccountable: forum:data-board\n"
                "responsible: [head-of-data]\nconsulted: [analyst]\n"
            ),
        }
    )

    assert [(e.change, e.ref) for e in diff.entities] == [
        ("removed", role("cfo")),
        ("changed", Ref("decision", "adopt-standard")),
    ]
    assert diff.removed[0].label == "Chief Financial Officer"
    assert diff.removed[0].old_ref == role("cfo")


def test_a_renamed_entity_is_one_rename_and_its_referrers_do_not_change(
    diff_of: Diff, analyst_renamed: dict[str, str | None]
) -> None:
    diff = diff_of(analyst_renamed)

    assert diff.entities == (
        EntityDiff(
            "renamed",
            role("data-analyst"),
            "Analyst",
            role("analyst"),
            "Analyst",
            diff.entities[0].path,
        ),
    )
    assert diff.renames == {role("analyst"): role("data-analyst")}
    assert diff.consequences == ()


def test_a_rename_may_change_a_quarter_of_what_the_entity_says(
    diff_of: Diff, base: dict[str, str], analyst_renamed: dict[str, str | None]
) -> None:
    moved = base["roles/analyst.yml"].replace("unit: data", "unit: finance")

    diff = diff_of({**analyst_renamed, "roles/data-analyst.yml": moved})

    (item,) = diff.entities
    assert (item.change, item.old_ref, item.ref) == (
        "renamed",
        role("analyst"),
        role("data-analyst"),
    )
    assert item.fields == (
        FieldChange("unit", "changed", Ref("unit", "data"), Ref("unit", "finance")),
    )


def test_a_new_id_that_changes_half_of_what_it_says_is_a_new_entity(
    diff_of: Diff, analyst_renamed: dict[str, str | None]
) -> None:
    different = "title: Data scientist\nunit: finance\nholders: [Ann]\n"

    diff = diff_of({**analyst_renamed, "roles/data-analyst.yml": different})

    assert [(e.change, e.ref) for e in diff.entities if e.kind == "role"] == [
        ("removed", role("analyst")),
        ("added", role("data-analyst")),
    ]
    assert diff.renames == {}


def test_renames_that_refer_to_each_other_are_found_together(diff_of: Diff) -> None:
    # The unit and its lead are renamed in one go: each points at the other's new id.
    base = {
        "units/ops.yml": "name: Operations\nlead: ops-lead\n",
        "roles/ops-lead.yml": "title: Head of Operations\nunit: ops\n",
    }
    after = {
        "units/ops.yml": None,
        "roles/ops-lead.yml": None,
        "units/operations.yml": "name: Operations\nlead: operations-lead\n",
        "roles/operations-lead.yml": "title: Head of Operations\nunit: operations\n",
    }

    diff = diff_of(after, base=base)

    assert diff.renames == {
        role("ops-lead"): role("operations-lead"),
        Ref("unit", "ops"): Ref("unit", "operations"),
    }
    assert [(e.change, e.fields) for e in diff.entities] == [("renamed", ()), ("renamed", ())]


def test_identical_candidates_are_not_guessed_between(diff_of: Diff) -> None:
    base = {"roles/a.yml": "title: Same\n", "roles/b.yml": "title: Same\n"}
    after = {"roles/a.yml": None, "roles/b.yml": None}
    after |= {"roles/c.yml": "title: Same\n", "roles/d.yml": "title: Same\n"}

    diff = diff_of(after, base=base)

    assert diff.renames == {}
    assert [e.change for e in diff.entities] == ["removed", "removed", "added", "added"]


def test_the_closer_id_wins_between_equal_contents(diff_of: Diff) -> None:
    base = {"roles/head-of-data.yml": "title: Head\n"}
    after = {"roles/head-of-data.yml": None}
    after |= {"roles/head-of-data-and-ai.yml": "title: Head\n", "roles/zz.yml": "title: Head\n"}

    diff = diff_of(after, base=base)

    assert diff.renames == {role("head-of-data"): role("head-of-data-and-ai")}
    assert [(e.change, e.ref.id) for e in diff.entities] == [
        ("renamed", "head-of-data-and-ai"),
        ("added", "zz"),
    ]


def test_scalar_fields_are_changed_added_and_removed(diff_of: Diff) -> None:
    diff = diff_of(
        {
            "roles/analyst.yml": (
                "title: Senior analyst\nunit: data\nholders: [Ann]\npurpose: Insight.\n"
                "accountabilities: [Runs the numbers, Writes reports]\n"
            )
        }
    )

    assert fields_of(diff, role("analyst")) == (
        FieldChange("title", "changed", "Analyst", "Senior analyst"),
        FieldChange("reports_to", "removed", role("head-of-data"), None),
        FieldChange("purpose", "added", None, "Insight."),
    )


def test_lists_whose_order_does_not_matter_report_items_added_and_removed(
    diff_of: Diff, base: dict[str, str]
) -> None:
    diff = diff_of(
        {
            "roles/analyst.yml": base["roles/analyst.yml"].replace(
                "[Runs the numbers, Writes reports]", "[Writes reports, Checks the data]"
            )
        }
    )

    assert fields_of(diff, role("analyst")) == (
        FieldChange(
            "accountabilities",
            "changed",
            ("Runs the numbers", "Writes reports"),
            ("Writes reports", "Checks the data"),
            added=("Checks the data",),
            removed=("Runs the numbers",),
        ),
    )


def test_reordering_a_set_like_list_is_no_change(diff_of: Diff, base: dict[str, str]) -> None:
    diff = diff_of(
        {
            "forums/data-board.md": base["forums/data-board.md"].replace(
                "[head-of-data, analyst]", "[analyst, head-of-data]"
            )
        }
    )

    assert diff.is_empty


def test_flow_stages_are_compared_by_id_and_in_order(diff_of: Diff) -> None:
    diff = diff_of(
        {
            "flows/intake.yml": (
                "name: Intake\nstages:\n  - {id: assess, owner: role:analyst}\n"
                "  - {id: ask, owner: role:analyst}\n  - {id: triage, owner: role:analyst}\n"
            )
        }
    )

    assert fields_of(diff, Ref("flow", "intake")) == (
        FieldChange("stages[decide]", "removed", _stage("decide", Ref("unit", "finance")), None),
        FieldChange("stages[assess].owner", "changed", role("head-of-data"), role("analyst")),
        FieldChange("stages[triage]", "added", None, _stage("triage", role("analyst"))),
        FieldChange("stages", "reordered", ("ask", "assess"), ("assess", "ask")),
    )


def _stage(ident: str, owner: Ref) -> dict[str, Any]:
    return {
        "id": ident,
        "name": None,
        "owner": owner,
        "capabilities": (),
        "lead_time_days": None,
        "pain": 0,
    }


def test_nested_records_are_compared_field_by_field(diff_of: Diff) -> None:
    base = {"capabilities/analytics.yml": "name: Analytics\nmaturity: {current: 2, target: 3}\n"}
    after = {"capabilities/analytics.yml": "name: Analytics\nmaturity: {current: 2, target: 4}\n"}

    diff = diff_of(after, base=base)

    assert fields_of(diff, Ref("capability", "analytics")) == (
        FieldChange("maturity.target", "changed", 3, 4),
    )


def test_a_markdown_body_and_dates_are_content(diff_of: Diff, base: dict[str, str]) -> None:
    diff = diff_of(
        {
            "forums/data-board.md": base["forums/data-board.md"]
            .replace("cadence: monthly\n", "cadence: monthly\nreview_by: 2027-01-31\n")
            .replace("Decides data standards.", "Decides data standards and owners.")
        }
    )

    assert fields_of(diff, Ref("forum", "data-board")) == (
        FieldChange("review_by", "added", None, dt.date(2027, 1, 31)),
        FieldChange(
            "body",
            "changed",
            "Decides data standards.\n",
            "Decides data standards and owners.\n",
        ),
    )


def test_the_organisation_and_guide_pages_are_compared_too(diff_of: Diff) -> None:
    base = {"pages/guide.md": "# Guide\n\nRead me.\n"}
    after = {
        "organisation.yml": "name: Test\npurpose: Serve.\n",
        "pages/guide.md": "# Guide\n\nRead me twice.\n",
    }

    diff = diff_of(after, base=base)

    assert [(e.change, e.ref) for e in diff.entities] == [
        ("changed", Ref("organisation", "organisation")),
        ("changed", Ref("page", "guide")),
    ]
    assert diff.entities[0].fields == (FieldChange("purpose", "added", None, "Serve."),)


def test_entities_are_ordered_by_kind_then_id(diff_of: Diff) -> None:
    diff = diff_of(
        {
            "roles/b-role.yml": "title: B\n",
            "roles/a-role.yml": "title: A\n",
            "units/z-unit.yml": "name: Z\n",
            "people/ann.yml": "name: Ann Person\n",
        }
    )

    assert [str(e.ref) for e in diff.entities] == [
        "unit:z-unit",
        "role:a-role",
        "role:b-role",
        "person:ann",
    ]


def test_the_same_two_models_give_the_same_diff(
    models: Callable[..., tuple[Model, Model]], analyst_renamed: dict[str, str | None]
) -> None:
    old, new = models({**analyst_renamed, "roles/intern.yml": "title: Intern\n"})

    assert diff_models(old, new) == diff_models(old, new)
