"""The entity cache: unchanged files are not read again, and nothing a fresh load would
report is ever lost to it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from opmodel import load_model
from opmodel.model import cache as cache_module
from opmodel.model import validate
from opmodel.model.refs import Ref
from opmodel.speed import Speed
from opmodel.speed.incremental import Incremental

FILES = {
    "units/data.yml": "name: Data\n",
    "roles/head-of-data.yml": "title: Head of Data\nunit: data\n",
    "roles/analyst.yml": "title: Analyst\nunit: data\nreports_to: head-of-data\n",
}


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the loader parses, by name."""
    seen: list[str] = []
    original = validate.read_document

    def counting(source: Any) -> Any:
        seen.append(source.path.name)
        return original(source)

    monkeypatch.setattr(validate, "read_document", counting)
    return seen


def test_a_second_load_reads_no_unchanged_file(
    tmp_path: Path, write_model: Any, reads: list[str]
) -> None:
    content = write_model(tmp_path, FILES)
    cache = tmp_path / "cache"

    first = load_model(content, Speed(cache_dir=cache))
    assert len(reads) == 4
    reads.clear()
    second = load_model(content, Speed(cache_dir=cache))

    assert reads == []
    assert second.model == first.model
    assert second.model is not None and first.model is not None
    assert second.model.backlinks == first.model.backlinks


def test_a_changed_file_is_read_again(tmp_path: Path, write_model: Any, reads: list[str]) -> None:
    content = write_model(tmp_path, FILES)
    cache = tmp_path / "cache"
    load_model(content, Speed(cache_dir=cache))
    reads.clear()
    analyst = content / "roles/analyst.yml"
    analyst.write_text("title: Senior Analyst\nunit: data\n", encoding="utf-8")
    os.utime(analyst, ns=(1, 1))  # even a file whose time went backwards

    result = load_model(content, Speed(cache_dir=cache))

    assert reads == ["analyst.yml"]
    assert result.model is not None
    assert {role.id: role.label for role in result.model.roles}["analyst"] == "Senior Analyst"


def test_files_with_messages_are_never_cached(
    tmp_path: Path, write_model: Any, reads: list[str]
) -> None:
    content = write_model(
        tmp_path, {**FILES, "roles/cto.yml": "title: CTO\nunit: dat\nreports_too: x\n"}
    )
    cache = tmp_path / "cache"

    first = [d.format() for d in load_model(content, Speed(cache_dir=cache)).diagnostics]
    reads.clear()
    second = [d.format() for d in load_model(content, Speed(cache_dir=cache)).diagnostics]

    assert set(reads) == {"cto.yml"}  # read again (twice: once more for a message's position)
    assert second == first
    assert any("reports_too" in line for line in second)
    assert any("unknown unit 'dat'" in line for line in second)


def test_an_unknown_reference_in_a_cached_file_still_has_its_position(
    tmp_path: Path, write_model: Any
) -> None:
    content = write_model(tmp_path, FILES)
    cache = tmp_path / "cache"
    load_model(content, Speed(cache_dir=cache))
    (content / "units/data.yml").unlink()  # analyst.yml is unchanged, and now wrong

    messages = [d.format() for d in load_model(content, Speed(cache_dir=cache)).diagnostics]

    assert any("/roles/analyst.yml:2:7: error: unknown unit 'data'" in line for line in messages), (
        messages
    )


def test_a_removed_file_leaves_the_model(tmp_path: Path, write_model: Any) -> None:
    units = {"units/data.yml": "name: Data\n", "units/ops.yml": "name: Ops\n"}
    content = write_model(tmp_path, units)
    cache = tmp_path / "cache"
    load_model(content, Speed(cache_dir=cache))
    (content / "units/ops.yml").unlink()

    model = load_model(content, Speed(cache_dir=cache)).model

    assert model is not None
    assert [unit.id for unit in model.units] == ["data"]


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_damaged_cache_is_ignored_and_rewritten(
    tmp_path: Path, write_model: Any, reads: list[str], damage: bytes
) -> None:
    content = write_model(tmp_path, FILES)
    cache = tmp_path / "cache"
    load_model(content, Speed(cache_dir=cache))
    (stored,) = cache.glob("entities-*.pickle")
    stored.write_bytes(damage)
    reads.clear()

    result = load_model(content, Speed(cache_dir=cache))

    assert result.model is not None and not result.diagnostics.errors
    assert len(reads) == 4
    reads.clear()
    load_model(content, Speed(cache_dir=cache))
    assert reads == []


def test_an_unwritable_cache_folder_only_costs_speed(tmp_path: Path, write_model: Any) -> None:
    content = write_model(tmp_path, FILES)
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder would go", encoding="utf-8")

    result = load_model(content, Speed(cache_dir=blocked))

    assert result.model is not None


def test_a_second_load_in_the_same_process_gives_the_same_entities(
    tmp_path: Path, write_model: Any
) -> None:
    content = write_model(tmp_path, FILES)
    first = load_model(content, Speed(cache_dir=tmp_path / "cache")).model
    second = load_model(content, Speed(cache_dir=tmp_path / "cache")).model
    assert first is not None and second is not None
    assert all(second.get(e.ref) is e for e in first.all_entities())


def test_a_server_writes_the_cache_when_it_stops(
    tmp_path: Path, write_model: Any, reads: list[str]
) -> None:
    content = write_model(tmp_path, FILES)
    cache = tmp_path / "cache"
    load_model(content, Speed(cache_dir=cache))
    (content / "roles" / "analyst.yml").write_text("title: Data Analyst\nunit: data\n")
    written = {p: p.stat().st_mtime_ns for p in cache.iterdir()}
    reads.clear()

    load_model(content, Speed(cache_dir=cache, incremental=Incremental()))
    again = load_model(content, Speed(cache_dir=cache, incremental=Incremental())).model

    assert reads == ["analyst.yml"]  # the edit is read once, then kept in this process
    assert again is not None and again.get(Ref("role", "analyst")).label == "Data Analyst"
    assert {p: p.stat().st_mtime_ns for p in cache.iterdir()} == written
    cache_module.write_unwritten()  # what the process does when it ends
    assert {p: p.stat().st_mtime_ns for p in cache.iterdir()} != written
