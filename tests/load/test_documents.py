"""Reading one file: encoding, size, and Markdown front matter."""

from __future__ import annotations

from pathlib import Path

import pytest

from opmodel.diagnostics import Position
from opmodel.load.documents import MAX_FILE_BYTES, read_document
from opmodel.load.files import SourceFile
from opmodel.load.yaml import YamlProblem


def source(tmp_path: Path, name: str, data: bytes, kind: str = "forum") -> SourceFile:
    path = tmp_path / name
    path.write_bytes(data)
    return SourceFile(path, name, kind, path.stem)


def test_markdown_body_follows_the_front_matter(tmp_path: Path) -> None:
    doc = read_document(source(tmp_path, "board.md", b"---\nname: Board\n---\nSets direction.\n"))

    assert doc.data == {"name": "Board"}
    assert (doc.body, doc.body_line) == ("Sets direction.\n", 4)


def test_front_matter_positions_count_the_opening_line(tmp_path: Path) -> None:
    doc = read_document(source(tmp_path, "board.md", b"---\nname: Board\nchair: ceo\n---\n"))

    assert doc.data.key_positions["chair"] == Position(3, 1)


def test_empty_front_matter_is_an_empty_mapping(tmp_path: Path) -> None:
    doc = read_document(source(tmp_path, "board.md", b"---\n---\nSets direction.\n"))

    assert (doc.data, doc.body) == ({}, "Sets direction.\n")


def test_a_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    doc = read_document(source(tmp_path, "ceo.yml", "\ufefftitle: CEO\n".encode(), "role"))

    assert doc.data == {"title": "CEO"}


def test_a_guide_page_needs_no_front_matter(tmp_path: Path) -> None:
    doc = read_document(source(tmp_path, "start-here.md", b"# Start here\n", "page"))

    assert (doc.data, doc.body) == ({}, "# Start here\n")


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = source(tmp_path, "big.yml", b"#" * (MAX_FILE_BYTES + 1), "role")

    with pytest.raises(YamlProblem) as caught:
        read_document(big)

    assert (caught.value.code, caught.value.position) == ("OPM113", Position(1, 1))
    assert caught.value.message == "file is 2.0 MB; opmodel reads entity files up to 2 MB"
