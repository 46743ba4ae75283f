"""`local_cache.Store`: many cache entries in one SQLite file. It only ever saves time:
whatever goes wrong with the file reads as a miss, and nothing raises."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

import opmodel.speed.local_cache
from opmodel.speed.local_cache import Store, code_digest, remove_entry_files


def test_entries_written_in_one_run_are_read_in_the_next(tmp_path: Path) -> None:
    store = Store(tmp_path / "cache" / "s.sqlite")
    store.put_many({f"k{i}": f"v{i}".encode() for i in range(1_200)})
    store.close()

    again = Store(tmp_path / "cache" / "s.sqlite")
    found = again.get_many(f"k{i}" for i in range(0, 1_500, 3))  # more keys than one query
    assert found == {f"k{i}": f"v{i}".encode() for i in range(0, 1_200, 3)}
    assert again.get("k7") == b"v7" and again.get("missing") is None


def test_keep_only_deletes_every_other_entry(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite")
    store.put_many({"a": b"1", "b": b"2", "c": b"3"})
    store.keep_only({"a", "c", "not there"})
    assert store.get_many(["a", "b", "c"]) == {"a": b"1", "c": b"3"}


def test_a_damaged_file_reads_as_empty_and_is_started_afresh(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    path.write_bytes(b"this is not a database " * 200)
    store = Store(path)
    assert store.get("a") is None
    store.put_many({"a": b"1"})
    assert Store(path).get("a") == b"1"


def test_an_unwritable_place_costs_nothing_but_the_cache(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    store = Store(blocked / "s.sqlite")
    store.put_many({"a": b"1"})
    store.keep_only(set())
    assert store.get("a") is None
    assert Store(None).get_many(["a"]) == {}


def test_a_forked_child_opens_its_own_connection(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite")
    store.put_many({"a": b"1"})
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        os._exit(0 if store.get("a") == b"1" else 1)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert store.get("a") == b"1"


def test_what_it_writes_is_plain_sqlite(tmp_path: Path) -> None:
    Store(tmp_path / "s.sqlite").put_many({"a": b"1"})
    with sqlite3.connect(tmp_path / "s.sqlite") as db:
        assert db.execute("SELECT key, value FROM entries").fetchall() == [("a", b"1")]
    db.close()


def test_the_file_per_entry_caches_of_earlier_versions_are_removed(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "0a1b").write_bytes(b"old page")
    (tmp_path / "0a1b.svg").write_text("<svg/>")
    kept = [tmp_path / "entities-1.pickle", tmp_path / "pages.sqlite"]
    for path in kept:
        path.write_bytes(b"kept")
    remove_entry_files(tmp_path)
    assert sorted(tmp_path.iterdir()) == sorted(kept)


def test_the_code_digest_covers_modules_of_nested_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # model/schema/ is a package inside model/: a cache must not outlive an edit there.
    (tmp_path / "model" / "schema").mkdir(parents=True)
    nested = tmp_path / "model" / "schema" / "fields.py"
    nested.write_text("A = 1\n")
    monkeypatch.setattr(opmodel.speed.local_cache, "PACKAGE", tmp_path)
    before = code_digest.__wrapped__("model")
    nested.write_text("A = 2\n")

    assert code_digest.__wrapped__("model") != before
