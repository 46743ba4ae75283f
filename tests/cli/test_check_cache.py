"""`opmodel check`'s kept answer: given again only when nothing changed, and then exactly
what a check without the cache (`--no-cache`) prints and returns."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from opmodel.cli import check_cache, main
from opmodel.model import build

pytestmark = pytest.mark.usefixtures("source_date")

FILES = {
    "units/data.yml": "name: Data\n",
    "roles/head-of-data.yml": "title: Head of Data\nunit: data\nholders: [Ann]\n",
    "roles/analyst.yml": "title: Analyst\nunit: data\nreports_to: head-of-data\n",
}

Run = tuple[int, str, str]


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_model: Any) -> Path:
    monkeypatch.chdir(tmp_path)
    folder: Path = write_model(tmp_path, FILES)
    age(folder, hours=2)
    return folder


@pytest.fixture
def check(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    def run(*options: str) -> Run:
        code = main(["check", *options])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The content folders the model was loaded from (not answered from the cache)."""
    seen: list[Path] = []
    original = build.load_model

    def counting(content: Path, *args: Any, **kwargs: Any) -> Any:
        seen.append(content)
        return original(content, *args, **kwargs)

    monkeypatch.setattr(build, "load_model", counting)
    return seen


def age(folder: Path, *, hours: float) -> None:
    """Every file under `folder` last modified `hours` ago: older than the window in which
    a file's stamp is not trusted (`check_cache.RACY_NS`)."""
    when = time.time_ns() - int(hours * 3600e9)
    for path in folder.rglob("*"):
        os.utime(path, ns=(when, when))


def test_a_second_check_of_an_unchanged_model_loads_nothing_and_says_the_same(
    content: Path, check: Callable[..., Run], loads: list[Path]
) -> None:
    first = check()
    assert len(loads) == 1

    second = check()

    assert len(loads) == 1
    assert second == first
    assert second == check("--no-cache")


def test_json_and_sarif_from_the_kept_answer_are_a_cold_checks(
    content: Path, check: Callable[..., Run], loads: list[Path]
) -> None:
    check()
    for output_format in ("json", "sarif", "github"):
        kept = check("--output-format", output_format)
        assert kept == check("--output-format", output_format, "--no-cache")
    assert len(loads) == 1 + 3  # only the --no-cache checks loaded the model


def edit(folder: Path) -> None:
    # the same size as before: only the modification time tells it changed
    (folder / "roles/analyst.yml").write_text(
        "title: Analyst\nunit: date\nreports_to: head-of-data\n", encoding="utf-8"
    )


def add(folder: Path) -> None:
    (folder / "roles/intern.yml").write_text("title: Intern\nunit: nowhere\n", encoding="utf-8")


def remove(folder: Path) -> None:
    (folder / "roles/head-of-data.yml").unlink()


def rename(folder: Path) -> None:
    (folder / "roles/head-of-data.yml").rename(folder / "roles/data-lead.yml")


def misname(folder: Path) -> None:
    (folder / "roles/analyst.yml").rename(folder / "roles/Analyst.yml")


@pytest.mark.parametrize("change", [edit, add, remove, rename, misname])
def test_after_a_change_the_check_is_what_a_cold_check_gives(
    content: Path,
    check: Callable[..., Run],
    loads: list[Path],
    change: Callable[[Path], None],
) -> None:
    before = check()
    change(content)
    age(content, hours=1)  # a different time from the first check's files, and old enough

    after = check()

    assert len(loads) == 2
    assert after != before  # each change changes the messages: a stale answer would show
    assert after == check("--no-cache")


def test_a_change_made_back_is_answered_as_the_first_time(
    content: Path, check: Callable[..., Run]
) -> None:
    before = check()
    add(content)
    age(content, hours=1)
    check()
    (content / "roles/intern.yml").unlink()

    assert check() == before == check("--no-cache")


@pytest.mark.parametrize(
    "damage", [b"", b"not a pickle", b"\x80\x05\x95garbage", b"\x80\x05N."], ids=repr
)
def test_a_damaged_kept_answer_means_a_cold_check(
    content: Path, check: Callable[..., Run], loads: list[Path], damage: bytes
) -> None:
    first = check()
    (kept,) = (content.parent / ".cache/opmodel").glob("check-*.pickle")
    kept.write_bytes(damage)

    assert check() == first
    assert len(loads) == 2


def test_strict_and_another_day_are_answered_afresh(
    content: Path,
    check: Callable[..., Run],
    loads: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    check()
    strict = check("--strict")
    assert strict[0] == 1
    assert len(loads) == 2
    (content / "roles/analyst.yml").write_text(
        "title: Analyst\nunit: data\nreports_to: head-of-data\nreview_by: 2026-01-01\n",
        encoding="utf-8",
    )
    age(content, hours=1)
    before = check()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(time.time()) + 366 * 86400))

    later = check()

    assert len(loads) == 4
    assert later != before
    assert later == check("--no-cache")


def test_other_code_is_answered_afresh(
    content: Path,
    check: Callable[..., Run],
    loads: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    check()
    monkeypatch.setattr(check_cache, "code_digest", lambda *names: "other code")

    check()

    assert len(loads) == 2


def test_files_too_new_to_trust_are_checked_again(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    write_model: Any,
    check: Callable[..., Run],
    loads: list[Path],
) -> None:
    monkeypatch.chdir(tmp_path)
    write_model(tmp_path, FILES)  # just written: a same-size edit might keep its stamp

    assert check() == check()
    assert len(loads) == 2


def test_no_cache_keeps_no_answer(content: Path, check: Callable[..., Run]) -> None:
    check("--no-cache")

    assert not list(content.parent.glob(".cache/opmodel/check-*"))


def test_a_check_of_an_unchanged_model_imports_no_model(content: Path) -> None:
    # what makes it quick: pydantic and the schema are most of a cold start
    script = (
        "import sys\n"
        "from opmodel.cli import main\n"
        "code = main(['check', '-q'])\n"
        "print(code, 'pydantic' in sys.modules, 'opmodel.model.schema' in sys.modules)\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            cwd=content.parent,
        ).stdout.splitlines()[-1]
        for _ in range(2)
    ]

    assert runs == ["0 True True", "0 False False"]
