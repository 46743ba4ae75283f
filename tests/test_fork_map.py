"""fork_map: the same results, in the same order, on one core or several."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from opmodel.site.generate import generate
from opmodel.speed import Speed
from opmodel.speed import fork_map as fm

REPO = Path(__file__).resolve().parent.parent


def test_results_come_back_in_order_from_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fm, "MIN_ITEMS", 1)
    monkeypatch.setattr(fm, "SLICE", 7)
    parent = os.getpid()
    items = list(range(100))

    results = fm.fork_map(lambda n: (n * n, os.getpid()), items, workers=2)

    assert [square for square, _ in results] == [n * n for n in items]
    assert {pid for _, pid in results} - {parent}, "nothing ran in a worker"


def test_one_worker_or_few_items_map_in_this_process() -> None:
    parent = os.getpid()
    assert fm.fork_map(lambda n: os.getpid(), [1, 2, 3], workers=2) == [parent] * 3
    assert fm.fork_map(lambda n: os.getpid(), list(range(5000)), workers=1) == [parent] * 5000


def test_a_started_map_runs_while_the_caller_works_and_stops_its_workers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(fm, "MIN_ITEMS", 1)
    monkeypatch.setattr(fm, "SLICE", 5)
    marks = tmp_path / "marks"
    marks.mkdir()

    def mark(n: int) -> int:
        (marks / str(n)).touch()
        return n + 1

    with fm.Started(mark, list(range(20)), workers=2) as started:
        for _ in range(200):  # the workers map while this process waits
            if len(list(marks.iterdir())) == 20:
                break
            time.sleep(0.01)
        assert len(list(marks.iterdir())) == 20
        assert started.results() == list(range(1, 21))

    with pytest.raises(RuntimeError), fm.Started(mark, list(range(20)), workers=2) as started:
        raise RuntimeError  # the caller's own work failed: the workers are stopped
    assert started._pool is not None and started._pool._state != "RUN"


def test_a_started_map_in_this_process_maps_when_its_results_are_taken() -> None:
    mapped: list[int] = []
    with fm.Started(mapped.append, [1, 2, 3], workers=1) as started:
        assert mapped == []
        assert started.results() == [None, None, None]
    assert mapped == [1, 2, 3]


def test_the_example_generates_the_same_pages_on_two_cores(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    monkeypatch.setattr(fm, "MIN_ITEMS", 1)

    def pages(workers: int) -> list[Any]:
        generated = generate(
            REPO / "content", baseline=None, speed=Speed(workers=workers, cache_dir=tmp_path)
        )
        return [(p.path, p.text, p.search, p.figures) for p in generated.pages]

    assert pages(2) == pages(1)


def test_a_model_with_errors_loads_the_same_on_two_cores(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, write_model: Any
) -> None:
    from opmodel import load_model

    monkeypatch.setattr(fm, "MIN_ITEMS", 1)
    content = write_model(
        tmp_path,
        {
            "units/data.yml": "name: Data\n",
            "roles/cdo.yml": "title: CDO\nunit: data\n",
            "roles/bad.yml": "title: [unclosed\n",
            "roles/typo.yml": "title: T\nunit: dat\nreports_too: cdo\n",
            "forums/board.md": "---\nname: Board\nchair: cdo\n---\nCharter.\n",
        },
    )

    def loaded(workers: int) -> tuple[Any, list[str]]:
        result = load_model(content, Speed(workers=workers))
        return result.model, [d.format() for d in result.diagnostics]

    one, two = loaded(1), loaded(2)
    assert two == one
    assert len(one[1]) == 3, one[1]  # the YAML error, the unknown field, the unknown unit


def test_the_example_loads_the_same_on_two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    from opmodel import load_model

    monkeypatch.setattr(fm, "MIN_ITEMS", 1)
    one = load_model(REPO / "content", Speed(workers=1))
    two = load_model(REPO / "content", Speed(workers=2))
    assert two.model == one.model and two.model is not None
    assert two.model.backlinks == one.model.backlinks
    assert [d.format() for d in two.diagnostics] == [d.format() for d in one.diagnostics]


def test_workers_end_quietly_when_the_parent_turns_sigterm_into_an_exception(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    # as the CLI does (cli/signals.py); the pool ends its workers with SIGTERM
    def stop(signum: int, frame: object) -> None:
        raise RuntimeError("stopped")

    monkeypatch.setattr(fm, "MIN_ITEMS", 1)
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        for _ in range(5):
            assert fm.fork_map(lambda n: n + 1, list(range(50)), workers=2) == list(range(1, 51))
    finally:
        signal.signal(signal.SIGTERM, previous)

    assert "Traceback" not in capfd.readouterr().err
