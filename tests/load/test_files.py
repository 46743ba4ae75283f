"""Finding entity files: kind from the folder, id from the file name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from opmodel.diagnostics import Diagnostics
from opmodel.load.files import discover, rediscover


def test_kind_comes_from_the_folder_and_id_from_the_file_name(
    tmp_path: Path, write_model: Any
) -> None:
    content = write_model(tmp_path, {"roles/head-of-data.yml": "title: H\n"})

    found = discover(content, Diagnostics())

    assert [(f.kind, f.id) for f in found] == [
        ("organisation", "organisation"),
        ("role", "head-of-data"),
    ]


def test_subfolders_of_a_kind_folder_are_read(tmp_path: Path, write_model: Any) -> None:
    content = write_model(tmp_path, {"units/digital/data.yml": "name: Data\n"})

    found = discover(content, Diagnostics())

    assert [(f.kind, f.id) for f in found][1:] == [("unit", "data")]


def test_dot_files_and_dot_folders_are_skipped_silently(tmp_path: Path, write_model: Any) -> None:
    content = write_model(
        tmp_path,
        {
            ".schema/role.schema.json": "{}",
            "roles/.ceo.yml.swp": "",
            "roles/.drafts/cfo.yml": "title: CFO\n",
        },
    )
    diagnostics = Diagnostics()

    found = discover(content, diagnostics)

    assert ([f.kind for f in found], list(diagnostics)) == (["organisation"], [])


def test_editor_lock_links_stay_quiet(tmp_path: Path, write_model: Any) -> None:
    """Emacs locks a file it edits with a dangling link `.#x.yml -> user@host.pid`: not an
    error (the build would fail while a role is open), and not read."""
    content = write_model(tmp_path, {"roles/cto.yml": "title: CTO\n"})
    (content / "roles/.#cto.yml").symlink_to("someone@host.1234:1700000000")
    (content / ".#organisation.yml").symlink_to("someone@host.1234:1700000000")
    diagnostics = Diagnostics()

    found = discover(content, diagnostics)

    assert ([f.id for f in found], list(diagnostics)) == (["organisation", "cto"], [])


def test_files_are_found_in_a_stable_order(tmp_path: Path, write_model: Any) -> None:
    content = write_model(tmp_path, {f"roles/r{i}.yml": "title: R\n" for i in (3, 1, 2)})

    found = discover(content, Diagnostics())

    assert [f.id for f in found][1:] == ["r1", "r2", "r3"]


def test_symbolic_links_are_not_followed(tmp_path: Path, write_model: Any) -> None:
    """A link in content/ could publish any file on the build machine (a pull request that
    adds `roles/x.md -> /etc/passwd`): it is reported, not read."""
    secret = tmp_path / "secret.yml"
    secret.write_text("title: Secret\n", encoding="utf-8")
    content = write_model(tmp_path, {"roles/cto.yml": "title: CTO\n"})
    (content / "roles/leak.yml").symlink_to(secret)
    (content / "units").mkdir()
    (content / "units/elsewhere").symlink_to(tmp_path, target_is_directory=True)
    diagnostics = Diagnostics()

    found = discover(content, diagnostics)

    assert [f.id for f in found] == ["organisation", "cto"]
    hint = "content/: a link could publish files from outside it)"
    assert [d.format().split("/content/")[1] for d in diagnostics] == [
        f"roles/leak.yml:1:1: error: opmodel does not follow the symbolic link to '{secret}' "
        f"(copy the file into {hint} [OPM116]",
        f"units/elsewhere:1:1: error: opmodel does not follow the symbolic link to '{tmp_path}' "
        f"(copy the folder into {hint} [OPM116]",
    ]


def test_a_server_that_names_the_changed_files_finds_the_same_files_without_a_walk(
    tmp_path: Path, write_model: Any
) -> None:
    content = write_model(
        tmp_path, {"roles/head-of-data.yml": "title: H\n", "units/data.yml": "name: D\n"}
    ).resolve()
    before = discover(content, Diagnostics())
    role = content / "roles" / "head-of-data.yml"
    role.write_text("title: Head of Data, edited\n", encoding="utf-8")
    (content / "organisation.yml").write_text("name: Org\npurpose: P.\n", encoding="utf-8")
    changed = [str(role), str(content / "organisation.yml")]

    assert rediscover(before, changed) == discover(content, Diagnostics())


def test_a_new_gone_or_replaced_file_is_found_only_by_a_walk(
    tmp_path: Path, write_model: Any
) -> None:
    content = write_model(tmp_path, {"roles/head-of-data.yml": "title: H\n"}).resolve()
    before = discover(content, Diagnostics())
    role = content / "roles" / "head-of-data.yml"
    new = content / "roles" / "cfo.yml"
    new.write_text("title: CFO\n", encoding="utf-8")
    assert rediscover(before, [str(new)]) is None  # new
    assert rediscover(before, [str(content / "roles" / ".cfo.yml.swp")]) is None  # an editor's
    assert rediscover(before, [str(content / "roles")]) is None  # a folder
    role.unlink()
    assert rediscover(before, [str(role)]) is None  # gone
    role.symlink_to(new)
    assert rediscover(before, [str(role)]) is None  # a link now: refused by the walk
    assert rediscover(before, []) == before
