"""Roadmap links, and the diff as terminal text, Markdown and JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from opmodel import Model, Ref
from opmodel.diff import (
    ModelDiff,
    diff_models,
    explained_by,
    format_json,
    format_markdown,
    format_text,
)
from opmodel.model.build import load_model

Models = Callable[..., tuple[Model, Model]]


def small_change(base: dict[str, str]) -> dict[str, str | None]:
    return {
        "decisions/adopt-standard.yml": base["decisions/adopt-standard.yml"].replace(
            "forum:data-board", "cfo"
        ),
        "roles/analyst.yml": base["roles/analyst.yml"].replace(
            "title: Analyst", "title: Data analyst"
        ),
        "roles/intern.yml": "title: Intern\n",
    }


def test_changes_whose_affects_names_an_items_entity_explain_it(
    models: Models, base: dict[str, str]
) -> None:
    old, new = models(small_change(base))
    diff = diff_models(old, new)

    assert explained_by(diff, new) == {
        "changed:decision:adopt-standard": [Ref("change", "standard-process")],
        "decision-accountable-moved:decision:adopt-standard:accountable": [
            Ref("change", "standard-process")
        ],
    }


def test_a_change_does_not_explain_every_decision_its_roles_take_part_in(
    models: Models, base: dict[str, str]
) -> None:
    # The roadmap item affects the CFO; the decision's accountable moved *to* the CFO, but the
    # change is about the CFO role, not about that decision.
    changes = {
        **small_change(base),
        "changes/standard-process.yml": "title: Standard process\naffects: [role:cfo]\n",
    }
    old, new = models(changes)

    why = explained_by(diff_models(old, new), new)

    assert why == {}


def test_text_groups_consequences_by_significance_and_entities_by_kind(
    models: Models, base: dict[str, str]
) -> None:
    old, new = models(small_change(base))
    diff = diff_models(old, new)

    text = format_text(diff, "v1 (abc1234)", "the working tree", explained_by(diff, new))

    assert text == (
        "Changes from v1 (abc1234) to the working tree\n"
        "1 added, 0 renamed, 2 changed, 0 removed; consequences: 1 high, 0 medium, 0 low\n"
        "\n"
        "What it means\n"
        "  high\n"
        "    Adopt a standard (decision:adopt-standard): accountable moved from Data board "
        "(forum:data-board) to Chief Financial Officer (role:cfo)"
        "  (see change:standard-process)\n"
        "\n"
        "roles\n"
        "  added    Intern (role:intern)\n"
        "  changed  Data analyst (role:analyst)\n"
        '             title: "Analyst" -> "Data analyst"\n'
        "\n"
        "decisions\n"
        "  changed  Adopt a standard (decision:adopt-standard)\n"
        "             accountable: forum:data-board -> role:cfo\n"
        "             (see change:standard-process)\n"
    )


def test_no_differences_is_one_line(models: Models) -> None:
    old, new = models({})

    assert format_text(diff_models(old, new), "v1", "v2") == "Changes from v1 to v2: none\n"
    assert format_markdown(diff_models(old, new), "v1", "v2") == (
        "# Changes from v1 to v2\n\nNo differences.\n"
    )


def test_markdown_lists_each_group_under_a_heading(models: Models, base: dict[str, str]) -> None:
    old, new = models(small_change(base))
    diff = diff_models(old, new)

    markdown = format_markdown(diff, "v1", "the working tree", explained_by(diff, new))

    assert markdown == (
        "# Changes from v1 to the working tree\n"
        "\n"
        "1 added, 0 renamed, 2 changed, 0 removed; consequences: 1 high, 0 medium, 0 low\n"
        "\n"
        "## What it means\n"
        "\n"
        "### High\n"
        "\n"
        "- Adopt a standard (decision:adopt-standard): accountable moved from Data board "
        "(forum:data-board) to Chief Financial Officer (role:cfo) *(see change:standard-process)*\n"
        "\n"
        "## Roles\n"
        "\n"
        "- **added** Intern (role:intern)\n"
        "- **changed** Data analyst (role:analyst)\n"
        '    - title: "Analyst" -> "Data analyst"\n'
        "\n"
        "## Decisions\n"
        "\n"
        "- **changed** Adopt a standard (decision:adopt-standard) *(see change:standard-process)*\n"
        "    - accountable: forum:data-board -> role:cfo\n"
    )


def test_model_text_cannot_break_the_markdown(models: Models) -> None:
    hostile = "title: '<script>x</script> | *bold* [link](javascript:y) `code` & #1'\n"
    old, new = models({"roles/hostile.yml": hostile}, base={})

    markdown = format_markdown(diff_models(old, new), "v1", "v2")

    line = markdown.splitlines()[-1]
    assert line == (
        r"- **added** \<script>x\</script> \| \*bold\* \[link\](javascript:y) \`code\` \& \#1"
        " (role:hostile)"
    )


def test_model_text_cannot_drive_the_terminal(models: Models) -> None:
    # Escape sequences never load (OPM118); a line break in a title is text a model holds.
    old, new = models({"roles/bell.yml": 'title: "Bell\\r\\nred\\tline"\n'}, base={})

    text = format_text(diff_models(old, new), "v1", "v2")

    assert "Bell\\x0d\\x0ared\\x09line (role:bell)" in text


def test_escape_sequences_do_not_reach_a_model(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "roles").mkdir(parents=True)
    (content / "organisation.yml").write_text("name: Test\n", encoding="utf-8")
    (content / "roles/bell.yml").write_text('title: "Bell\\x07 \\x1b[31mred"\n', "utf-8")

    result = load_model(content)

    assert result.model is None
    assert [d.code for d in result.diagnostics] == ["OPM118"]


def test_json_holds_every_item_with_plain_values(models: Models, base: dict[str, str]) -> None:
    old, new = models(small_change(base))
    diff = diff_models(old, new)

    data = json.loads(format_json(diff, "v1", "the working tree", explained_by(diff, new)))

    assert data["from"] == "v1" and data["to"] == "the working tree"
    assert data["counts"] == {
        "added": 1,
        "removed": 0,
        "renamed": 0,
        "changed": 2,
        "high": 1,
        "medium": 0,
        "low": 0,
    }
    assert data["consequences"] == [
        {
            "key": "decision-accountable-moved:decision:adopt-standard:accountable",
            "kind": "decision-accountable-moved",
            "significance": "high",
            "subject": "decision:adopt-standard",
            "label": "Adopt a standard",
            "field": "accountable",
            "summary": "Adopt a standard (decision:adopt-standard): accountable moved from "
            "Data board (forum:data-board) to Chief Financial Officer (role:cfo)",
            "old": "forum:data-board",
            "new": "role:cfo",
            "added": [],
            "removed": [],
            "fixed": False,
            "explained_by": ["change:standard-process"],
        }
    ]
    assert [(e["change"], e["kind"], e["id"]) for e in data["entities"]] == [
        ("changed", "role", "analyst"),
        ("added", "role", "intern"),
        ("changed", "decision", "adopt-standard"),
    ]
    assert data["entities"][0]["fields"] == [
        {
            "path": "title",
            "change": "changed",
            "old": "Analyst",
            "new": "Data analyst",
            "added": [],
            "removed": [],
        }
    ]


def test_json_is_the_same_for_the_same_diff(models: Models, base: dict[str, str]) -> None:
    old, new = models(small_change(base))
    first: ModelDiff = diff_models(old, new)

    assert format_json(first, "a", "b") == format_json(diff_models(old, new), "a", "b")
