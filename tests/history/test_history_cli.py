"""`opmodel diff OLD [NEW]` over a real repository: every kind of difference, each format,
and the errors (exit 1, one line on stderr)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from opmodel.cli import main

V1 = {
    "units/data.yml": "name: Data\nlead: head-of-data\n",
    "units/finance.yml": "name: Finance\n",
    "roles/head-of-data.yml": "title: Head of Data\nunit: data\n",
    "roles/cfo.yml": "title: Chief Financial Officer\nunit: finance\n",
    "roles/analyst.yml": (
        "title: Analyst\nunit: data\nreports_to: head-of-data\nholders: [Ann]\n"
        "accountabilities: [Runs the numbers]\n"
    ),
    "roles/engineer.yml": "title: Engineer\nunit: data\nreports_to: head-of-data\n",
    "roles/temp.yml": "title: Temporary\n",
    "forums/data-board.md": (
        "---\nname: Data board\nchair: head-of-data\nmembers: [head-of-data, analyst]\n"
        "cadence: monthly\n---\nDecides data standards.\n"
    ),
    "decisions/adopt-standard.yml": (
        "title: Adopt a standard\naccountable: forum:data-board\nresponsible: [head-of-data]\n"
        "consulted: [analyst]\nescalates_to: cfo\n"
    ),
    "changes/tidy-data.yml": "title: Tidy data\nstatus: planned\naffects: [forum:data-board]\n",
}

V2 = {
    # analyst -> data-analyst (a rename, with every reference updated)
    "roles/data-analyst.yml": V1["roles/analyst.yml"],
    # the engineer moves to finance and reports to the CFO
    "roles/engineer.yml": "title: Engineer\nunit: finance\nreports_to: cfo\n",
    # a new role, and temp removed
    "roles/intern.yml": "title: Intern\nunit: data\n",
    # the board meets weekly; the engineer joins
    "forums/data-board.md": (
        "---\nname: Data board\nchair: head-of-data\n"
        "members: [head-of-data, data-analyst, engineer]\ncadence: weekly\n---\n"
        "Decides data standards.\n"
    ),
    # the CFO becomes accountable; the decision escalates to a new forum
    "decisions/adopt-standard.yml": (
        "title: Adopt a standard\naccountable: cfo\nresponsible: [head-of-data]\n"
        "consulted: [data-analyst]\nescalates_to: forum:finance-committee\n"
    ),
    "forums/finance-committee.yml": "name: Finance committee\nchair: cfo\ncadence: quarterly\n",
    # the roadmap item is now on trial
    "changes/tidy-data.yml": "title: Tidy data\nstatus: trial\naffects: [forum:data-board]\n",
}


@pytest.fixture
def history(repo: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """v1 and v2 tagged; the working tree at v2."""
    repo.write(V1)
    repo.commit("the first model", days_ago=60, tag="v1")
    repo.delete("roles/analyst.yml", "roles/temp.yml")
    repo.write(V2)
    repo.commit("reorganise data", days_ago=5, tag="v2")
    monkeypatch.chdir(repo.root)
    return repo


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["diff", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_reports_every_kind_of_difference_exactly(
    history: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "v1", "v2", "--format", "json")

    data = json.loads(out)
    assert (code, err) == (0, "")
    assert [(e["change"], e["kind"], e["old_id"], e["id"]) for e in data["entities"]] == [
        ("renamed", "role", "analyst", "data-analyst"),
        ("changed", "role", "engineer", "engineer"),
        ("added", "role", None, "intern"),
        ("removed", "role", "temp", "temp"),
        ("changed", "forum", "data-board", "data-board"),
        ("added", "forum", None, "finance-committee"),
        ("changed", "decision", "adopt-standard", "adopt-standard"),
        ("changed", "change", "tidy-data", "tidy-data"),
    ]
    fields = {e["id"]: e["fields"] for e in data["entities"]}
    assert fields["data-analyst"] == []
    assert [(f["path"], f["old"], f["new"]) for f in fields["engineer"]] == [
        ("unit", "unit:data", "unit:finance"),
        ("reports_to", "role:head-of-data", "role:cfo"),
    ]
    assert [(f["path"], f["added"], f["removed"]) for f in fields["data-board"]] == [
        ("members", ["role:engineer"], []),
        ("cadence", [], []),
    ]
    assert [(c["significance"], c["kind"], c["subject"]) for c in data["consequences"]] == [
        ("high", "decision-accountable-moved", "decision:adopt-standard"),
        ("medium", "decision-escalation-moved", "decision:adopt-standard"),
        ("medium", "forum-created", "forum:finance-committee"),
        ("medium", "forum-membership-changed", "forum:data-board"),
        ("medium", "forum-cadence-changed", "forum:data-board"),
        ("medium", "role-unit-moved", "role:engineer"),
        ("medium", "role-reporting-moved", "role:engineer"),
        ("medium", "status-changed", "change:tidy-data"),
    ]
    explained = {c["kind"]: c["explained_by"] for c in data["consequences"]}
    assert explained["forum-cadence-changed"] == ["change:tidy-data"]
    assert explained["decision-accountable-moved"] == []


def test_text_is_the_default_and_new_defaults_to_the_working_tree(
    history: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    (history.content / "roles/intern.yml").write_text("title: Intern\nunit: data\nstatus: trial\n")

    code, out, err = run(capsys, "v2")

    v2 = history.git("rev-parse", "--short=7", "v2")
    assert (code, err) == (0, "")
    assert out == (
        f"Changes from v2 ({v2}) to the working tree\n"
        "0 added, 0 renamed, 1 changed, 0 removed; consequences: 0 high, 1 medium, 0 low\n"
        "\n"
        "What it means\n"
        "  medium\n"
        "    Intern (role:intern): status active -> trial\n"
        "\n"
        "roles\n"
        "  changed  Intern (role:intern)\n"
        '             status: "active" -> "trial"\n'
    )


def test_markdown_output(history: Any, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "v1", "v2", "--format", "markdown")

    assert code == 0
    assert out.startswith("# Changes from v1 (")
    assert "\n## What it means\n\n### High\n\n- Adopt a standard (decision:adopt-standard): " in out
    assert (
        "\n## Roles\n\n- **added** Intern (role:intern)\n"
        "- **renamed** Analyst (role:analyst -> role:data-analyst)\n"
        "- **changed** Engineer (role:engineer)\n"
        "    - unit: unit:data -> unit:finance\n"
        "    - reports\\_to: role:head-of-data -> role:cfo\n"
        "- **removed** Temporary (role:temp)\n"
    ) in out


def test_no_differences_still_exits_zero(history: Any, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "v2")

    assert code == 0
    assert out.endswith("to the working tree: none\n")
    assert err == ""


def test_a_duration_compares_with_the_model_as_it_stood_then(
    history: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "30 days", "--format", "json")

    v1 = history.git("rev-parse", "--short=7", "v1")
    assert code == 0
    assert json.loads(out)["from"] == f"30 days ago ({v1}, 2026-09-24)"
    assert err == ""


def test_a_duration_longer_than_the_history_notes_it_on_stderr(
    history: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "1 year")

    v1 = history.git("rev-parse", "--short=7", "v1")
    assert code == 0
    assert err == (
        f"opmodel diff: the history starts after 2025-11-23: compared with the first commit, {v1}\n"
    )


def test_an_unknown_revision_exits_one_with_a_message(
    history: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "v3")

    assert (code, out) == (1, "")
    assert err == (
        f"opmodel diff: unknown revision 'v3': not a commit, branch or tag in "
        f"{history.root.resolve()}\n"
    )


def test_an_invalid_model_at_a_revision_exits_one_with_its_first_error(
    history: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    history.write({"roles/broken.yml": "title: Broken\nunit: nowhere\n"})
    history.commit("break it", tag="broken")

    code, out, err = run(capsys, "broken", "v2")

    assert (code, out) == (1, "")
    assert err.count("\n") == 1
    assert "the model in content at broken (" in err
    assert "broken:content/roles/broken.yml:2:7: error: unknown unit 'nowhere'" in err


def test_a_folder_outside_git_exits_one_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content/organisation.yml").write_text("name: Test\n")
    monkeypatch.chdir(tmp_path)

    code, out, err = run(capsys, "HEAD")

    assert (code, out) == (1, "")
    assert err == (
        "opmodel diff: content is not in a git repository: "
        "history and diffs between revisions need one\n"
    )


def test_a_content_folder_given_by_path_from_elsewhere(
    history: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)

    code, out, _ = run(capsys, "v1", "v2", "--content", str(history.content), "--format", "json")

    assert code == 0
    assert json.loads(out)["counts"]["renamed"] == 1
