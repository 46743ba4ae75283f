"""The model at a git revision: read from git objects, never from (or into) the work tree."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from opmodel import Ref, load_model
from opmodel.diagnostics import display_path
from opmodel.history import (
    HistoryError,
    Repository,
    find_repository,
    load_model_at,
    model_at,
)
from opmodel.model.schema import Role

V1 = {
    "units/data.yml": "name: Data\n",
    "roles/analyst.yml": "title: Analyst\nunit: data\n",
    "forums/data-board.md": "---\nname: Data board\nchair: analyst\n---\nDecides.\n",
}


def test_the_model_at_a_tag_is_the_model_as_committed(repo: Any) -> None:
    repo.write(V1)
    repo.commit("first", tag="v1")
    repo.write({"roles/analyst.yml": "title: Senior analyst\nunit: data\n"})
    repo.commit("promote")

    model = load_model_at(repo.root, "content", "v1")

    analyst = model.get(Ref("role", "analyst"))
    assert isinstance(analyst, Role)
    assert analyst.title == "Analyst"
    assert model.get(Ref("forum", "data-board")).body == "Decides.\n"


def test_reading_a_revision_writes_nothing_to_the_work_tree(repo: Any) -> None:
    repo.write(V1)
    repo.commit("first", tag="v1")
    repo.write({"roles/analyst.yml": "title: Edited, not committed\nunit: data\n"})
    before = sorted(p.relative_to(repo.root) for p in repo.root.rglob("*") if ".git" not in p.parts)

    load_model_at(repo.root, "content", "v1")

    after = sorted(p.relative_to(repo.root) for p in repo.root.rglob("*") if ".git" not in p.parts)
    assert after == before
    assert repo.status() == "M content/roles/analyst.yml"
    assert "Edited" in (repo.content / "roles/analyst.yml").read_text()


def test_entities_at_a_revision_name_their_file_as_git_show_does(repo: Any) -> None:
    repo.write(V1)
    repo.commit("first", tag="v1")

    model = load_model_at(repo.root, "content", "v1")

    assert model.get(Ref("role", "analyst")).path == "v1:content/roles/analyst.yml"
    assert model.organisation.path == "v1:content/organisation.yml"


def test_a_nested_content_folder_is_found_from_its_path(repo: Any, tmp_path: Path) -> None:
    nested = repo.root / "docs" / "model"
    nested.mkdir(parents=True)
    (nested / "organisation.yml").write_text("name: Nested\n")
    repo.commit("nested")

    found = find_repository(nested)
    model = load_model_at(found.root, found.content_rel, "HEAD")

    assert found == Repository(repo.root.resolve(), "docs/model")
    assert model.organisation.name == "Nested"


def test_files_are_read_with_one_ls_tree_and_one_cat_file(
    repo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.write({f"roles/role-{n}.yml": f"title: Role {n}\n" for n in range(30)})
    repo.commit("many roles")
    calls: list[str] = []
    real_run = subprocess.run

    def counting(command: list[str], *args: Any, **kwargs: Any) -> Any:
        calls.append(next(a for a in command[3:] if not a.startswith("-") and "=" not in a))
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting)

    model = load_model_at(repo.root, "content", "HEAD")

    assert len(model.roles) == 30
    assert calls.count("ls-tree") == 1
    assert calls.count("cat-file") == 1
    assert len(calls) <= 4  # and a rev-parse or two


def test_an_unknown_revision_is_named_with_the_closest_tag(repo: Any) -> None:
    repo.write(V1)
    repo.commit("first", tag="release-1")

    with pytest.raises(HistoryError) as caught:
        load_model_at(repo.root, "content", "release-2")

    assert str(caught.value) == (
        f"unknown revision 'release-2': not a commit, branch or tag in {repo.root} "
        "(did you mean 'release-1'?)"
    )


def test_a_revision_that_looks_like_an_option_is_an_unknown_revision(repo: Any) -> None:
    repo.write(V1)
    repo.commit("first")

    with pytest.raises(HistoryError, match=r"^unknown revision '--output=x'"):
        load_model_at(repo.root, "content", "--output=x")


def test_a_content_folder_missing_at_the_revision_is_named(repo: Any) -> None:
    (repo.root / "README.md").write_text("before the model\n")
    first = repo.commit("readme")
    repo.write(V1)
    repo.commit("model")

    with pytest.raises(HistoryError) as caught:
        load_model_at(repo.root, "content", "HEAD~1")

    assert str(caught.value) == f"content does not exist at HEAD~1 ({first[:7]})"


def test_an_invalid_model_at_the_revision_is_one_line_naming_the_first_error(
    repo: Any,
) -> None:
    repo.write({**V1, "roles/analyst.yml": "title: Analyst\nunit: dta\n"})
    sha = repo.commit("typo", tag="broken")

    with pytest.raises(HistoryError) as caught:
        load_model_at(repo.root, "content", "broken")

    message = str(caught.value)
    assert "\n" not in message
    assert message == (
        f"the model in content at broken ({sha[:7]}) does not load: 1 error(s), the first: "
        "broken:content/roles/analyst.yml:2:7: error: unknown unit 'dta' "
        "(did you mean 'data'?) [OPM301]"
    )
    assert [d.path for d in caught.value.diagnostics] == ["broken:content/roles/analyst.yml"]


def test_a_folder_outside_git_is_not_a_repository(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()

    with pytest.raises(HistoryError) as caught:
        find_repository(content)

    assert str(caught.value).endswith(
        "content is not in a git repository: history and diffs between revisions need one"
    )


def test_load_model_at_outside_git_says_so(tmp_path: Path) -> None:
    with pytest.raises(HistoryError, match="is not in a git repository"):
        load_model_at(tmp_path, "content", "HEAD")


def test_the_work_tree_side_reports_an_invalid_model_in_one_line(repo: Any) -> None:
    repo.write(V1)
    repo.commit("first")
    repo.write({"roles/analyst.yml": "title: Analyst\nunit: nowhere\n"})

    with pytest.raises(HistoryError) as caught:
        model_at(find_repository(repo.content), repo.content, None)

    assert "\n" not in str(caught.value)
    assert "does not load: 1 error(s)" in str(caught.value)
    assert str(caught.value).endswith("(run `opmodel check`)")


EXAMPLE = Path(__file__).parents[2] / "content"


def test_the_model_read_from_git_equals_the_model_read_from_disk(repo: Any) -> None:
    # The loader reads a revision from memory; this keeps it honest against the real thing.
    shutil.copytree(EXAMPLE, repo.content, ignore=shutil.ignore_patterns(".*"))
    repo.commit("the example organisation")

    from_git = load_model_at(repo.root, "content", "HEAD")
    from_disk = load_model(repo.content).model

    assert from_disk is not None
    assert from_git.backlinks == from_disk.backlinks
    assert [e.path for e in from_git.all_entities()] == [
        "HEAD:content/" + e.path.split("content/", 1)[1] for e in from_disk.all_entities()
    ]
    for old, new in zip(
        [from_git.organisation, *from_git.all_entities(), *from_git.pages],
        [from_disk.organisation, *from_disk.all_entities(), *from_disk.pages],
        strict=True,
    ):
        assert old.model_copy(update={"path": ""}) == new.model_copy(update={"path": ""})


def test_problems_at_a_revision_are_the_loaders_messages_at_git_paths(repo: Any) -> None:
    repo.write({"role/analyst.yml": "title: A\n", "roles/Bad Name.yml": "title: B\n"})
    repo.write({"roles/ok.md": "title: no front matter\n"})
    repo.commit("problems", tag="bad")
    on_disk = [d.format() for d in load_model(repo.content).diagnostics.errors]

    with pytest.raises(HistoryError) as caught:
        load_model_at(repo.root, "content", "bad")

    at_revision = [d.format() for d in caught.value.diagnostics]
    assert len(at_revision) == len(on_disk) == 3
    disk_prefix = display_path(repo.content) + "/"
    assert at_revision == [m.replace(disk_prefix, "bad:content/") for m in on_disk]
