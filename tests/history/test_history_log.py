"""Each entity's commits, from one `git log` pass; and the baseline of "changes since"."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pytest

from opmodel.history import Baseline, changes_since, entity_history, entity_key


def subjects(history: Any, kind: str, entity_id: str) -> list[str]:
    return [commit.subject for commit in history.get((kind, entity_id), ())]


def test_each_entity_lists_the_commits_that_touched_it_newest_first(repo: Any) -> None:
    repo.write({"roles/analyst.yml": "title: Analyst\n", "units/data.yml": "name: Data\n"})
    repo.commit("add analyst and data", author="Ann")
    repo.write({"roles/analyst.yml": "title: Senior analyst\n"})
    repo.commit("promote the analyst", author="Bo")

    history = entity_history(repo.root, "content")

    assert history.available
    assert subjects(history, "role", "analyst") == ["promote the analyst", "add analyst and data"]
    assert subjects(history, "unit", "data") == ["add analyst and data"]
    assert subjects(history, "organisation", "organisation") == ["add analyst and data"]
    latest = history[("role", "analyst")][0]
    assert latest.author == "Bo"
    assert latest.sha == repo.git("rev-parse", "HEAD")
    assert latest.date == dt.datetime(2026, 11, 23, 12, 2, tzinfo=dt.UTC)


def test_history_is_limited_per_entity(repo: Any) -> None:
    for n in range(4):
        repo.write({"roles/analyst.yml": f"title: Analyst {n}\n"})
        repo.commit(f"edit {n}")

    history = entity_history(repo.root, "content", limit_per_entity=2)

    assert subjects(history, "role", "analyst") == ["edit 3", "edit 2"]


def test_a_renamed_file_keeps_its_history_under_the_new_id(repo: Any) -> None:
    repo.write({"roles/cto.yml": "title: Chief Technology Officer\nunit: tech\n"})
    repo.write({"units/tech.yml": "name: Technology\n"})
    repo.commit("add the cto")
    repo.write({"roles/cto.yml": "title: Chief Technology Officer\nunit: tech\npurpose: Tech.\n"})
    repo.commit("give the cto a purpose")
    repo.move("roles/cto.yml", "roles/chief-technology-officer.yml")
    repo.commit("spell out the cto's id")

    history = entity_history(repo.root, "content")

    assert subjects(history, "role", "chief-technology-officer") == [
        "spell out the cto's id",
        "give the cto a purpose",
        "add the cto",
    ]
    assert ("role", "cto") not in history


def test_a_new_file_at_a_renamed_files_old_path_has_its_own_history(repo: Any) -> None:
    repo.write({"roles/lead.yml": "title: Lead of many things\nunit: u\n"})
    repo.write({"units/u.yml": "name: U\n"})
    repo.commit("add lead")
    repo.move("roles/lead.yml", "roles/team-lead.yml")
    repo.commit("rename lead")
    repo.write({"roles/lead.yml": "title: Another lead entirely\n"})
    repo.commit("add a new lead")

    history = entity_history(repo.root, "content")

    assert subjects(history, "role", "team-lead") == ["rename lead", "add lead"]
    assert subjects(history, "role", "lead") == ["add a new lead"]


def test_deleted_entities_keep_their_history(repo: Any) -> None:
    repo.write({"roles/temp.yml": "title: Temp\n"})
    repo.commit("add temp")
    repo.delete("roles/temp.yml")
    repo.commit("remove temp")

    history = entity_history(repo.root, "content")

    assert subjects(history, "role", "temp") == ["remove temp", "add temp"]


def test_files_that_are_not_entities_have_no_history(repo: Any) -> None:
    repo.write({"roles/analyst.yml": "title: A\n", ".schema/role.schema.json": "{}\n"})
    repo.write({"roles/notes.txt": "x\n", "roles/Bad Name.yml": "title: B\n"})
    (repo.root / "README.md").write_text("readme\n")
    repo.commit("mixed")

    history = entity_history(repo.root, "content")

    assert sorted(history) == [("organisation", "organisation"), ("role", "analyst")]


def test_history_is_one_git_log_process(repo: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(5):
        repo.write({f"roles/r{n}.yml": f"title: R{n}\n"})
        repo.commit(f"add r{n}")
    logs: list[list[str]] = []
    real_run = subprocess.run

    def counting(command: list[str], *args: Any, **kwargs: Any) -> Any:
        if "log" in command:
            logs.append(command)
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting)

    history = entity_history(repo.root, "content")

    assert len(history) == 6
    assert len(logs) == 1


def test_a_folder_outside_git_has_no_history_and_says_why(tmp_path: Path) -> None:
    history = entity_history(tmp_path, "content")

    assert not history.available
    assert len(history) == 0
    assert history.reason == f"no history: {tmp_path} is not in a git repository"


def test_a_repository_without_commits_has_no_history(repo: Any) -> None:
    history = entity_history(repo.root, "content")

    assert history.reason == "no history: the repository has no commits yet"


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("content/organisation.yml", ("organisation", "organisation")),
        ("content/roles/analyst.yml", ("role", "analyst")),
        ("content/roles/nested/deep.md", ("role", "deep")),
        ("content/pages/guide.md", ("page", "guide")),
        ("content/pages/guide.yml", None),
        ("content/.schema/role.schema.json", None),
        ("content/roles/Bad.yml", None),
        ("content/readme.md", None),
        ("elsewhere/roles/analyst.yml", None),
    ],
)
def test_entity_keys_follow_the_loaders_rules(path: str, key: tuple[str, str] | None) -> None:
    assert entity_key(path, "content") == key


# --- changes since ------------------------------------------------------------------------


def test_a_tag_baseline_is_its_commit(repo: Any) -> None:
    repo.write({"roles/a.yml": "title: A\n"})
    sha = repo.commit("first", tag="v1")
    repo.commit("second")

    baseline = changes_since(repo.root, "content", "v1")

    assert baseline.rev == sha
    assert baseline.commit is not None and baseline.commit.subject == "first"
    assert baseline.reason is None


def test_n_days_is_the_last_commit_before_that_day(repo: Any) -> None:
    repo.write({"roles/a.yml": "title: A\n"})
    repo.commit("forty days ago", days_ago=40)
    thirty_one = repo.commit("thirty-one days ago", days_ago=31)
    repo.commit("ten days ago", days_ago=10)

    baseline = changes_since(repo.root, "content", "30 days")

    assert baseline == Baseline("30 days", thirty_one, baseline.commit, None)
    assert baseline.commit is not None and baseline.commit.subject == "thirty-one days ago"


def test_a_date_baseline_is_the_last_commit_before_that_date(repo: Any) -> None:
    repo.write({"roles/a.yml": "title: A\n"})
    before = repo.commit("2026-11-12", days_ago=11)
    repo.commit("2026-11-13", days_ago=10)

    assert changes_since(repo.root, "content", "2026-11-13").rev == before


def test_a_baseline_older_than_the_history_is_the_first_commit_with_a_note(repo: Any) -> None:
    repo.write({"roles/a.yml": "title: A\n"})
    first = repo.commit("first", days_ago=3)
    repo.commit("second", days_ago=1)

    baseline = changes_since(repo.root, "content", "2 weeks")

    assert baseline.rev == first
    assert baseline.reason == (
        f"the history starts after 2026-11-09: compared with the first commit, {first[:7]}"
    )


def test_an_unknown_baseline_revision_gives_no_revision_and_a_reason(repo: Any) -> None:
    repo.write({"roles/a.yml": "title: A\n"})
    repo.commit("first", tag="v1")

    baseline = changes_since(repo.root, "content", "v2")

    assert baseline.rev is None
    assert baseline.reason is not None
    assert baseline.reason.startswith("unknown revision 'v2'")


def test_changes_since_outside_git_gives_a_reason_not_an_exception(tmp_path: Path) -> None:
    baseline = changes_since(tmp_path, "content", "30 days")

    assert baseline.rev is None
    assert baseline.reason == f"no history: {tmp_path} is not in a git repository"


def test_since_a_revision_only_the_later_commits_count(repo: Any) -> None:
    repo.write({"roles/analyst.yml": "title: Analyst\n", "units/data.yml": "name: Data\n"})
    first = repo.commit("import")
    repo.move("roles/analyst.yml", "roles/data-analyst.yml")
    repo.commit("rename the analyst")

    history = entity_history(repo.root, "content", since=first)

    assert subjects(history, "role", "data-analyst") == ["rename the analyst"]
    assert ("unit", "data") not in history
