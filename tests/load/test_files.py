"""Finding entity files: kind from the folder, id from the file name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from opmodel.diagnostics import Diagnostics
from opmodel.load.files import discover


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


def test_files_are_found_in_a_stable_order(tmp_path: Path, write_model: Any) -> None:
    content = write_model(tmp_path, {f"roles/r{i}.yml": "title: R\n" for i in (3, 1, 2)})

    found = discover(content, Diagnostics())

    assert [f.id for f in found][1:] == ["r1", "r2", "r3"]
