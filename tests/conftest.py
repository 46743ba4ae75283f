"""Shared helpers: small models written as files, the way users write them, and a copy of
the example's content to edit.

Helpers reach tests as fixtures (`write_model`, `build_model`, `example_content`), not
imports, so that other test folders may keep conftest.py files of their own.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from opmodel import Model, load_model

SOURCE_DATE_EPOCH = 1_795_392_000
"""2026-11-23T00:00:00Z: "today" for every test that reads the clock."""

ORGANISATION = "name: Test\n"
REPO = Path(__file__).resolve().parents[1]


def write_model(tmp_path: Path, files: dict[str, str], *, organisation: bool = True) -> Path:
    """Write `files` (path relative to content/ -> text) under `tmp_path/content`.

    An `organisation.yml` with `name: Test` is added unless `files` has an organisation file
    or `organisation` is False, so a test spells out only what it is about. Returns the
    content folder.
    """
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    has_one = any(Path(p).stem in ("organisation", "organization") for p in files)
    if organisation and not has_one:
        files = {"organisation.yml": ORGANISATION, **files}
    for relative, text in files.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content


@pytest.fixture(name="write_model")
def _write_model() -> Callable[..., Path]:
    return write_model


@pytest.fixture
def build_model(tmp_path: Path) -> Callable[[dict[str, str]], Model]:
    """Load a small model from files; fail the test, showing every message, if it has errors."""

    def build(files: dict[str, str]) -> Model:
        result = load_model(write_model(tmp_path, files))
        messages = "\n".join(d.format() for d in result.diagnostics)
        assert result.model is not None, f"the model did not load:\n{messages}"
        return result.model

    return build


@pytest.fixture
def example_content(tmp_path: Path) -> Path:
    """A copy of the example's content/ (at tmp_path/content), for a test to edit."""
    copy = tmp_path / "content"
    shutil.copytree(REPO / "content", copy)
    return copy


@pytest.fixture
def source_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fix "today" for `opmodel check` (which reads SOURCE_DATE_EPOCH)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(SOURCE_DATE_EPOCH))


# -- What the browser tests covered, added up over the workers of a parallel run ------------

WORKER_TALLIES: list[dict[str, Any]] = []
"""Each xdist worker's browser tally (tests/browser/conftest.py: `pytest_sessionfinish`)."""


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    tally = getattr(node, "workeroutput", {}).get("browser_tally")
    if tally:
        WORKER_TALLIES.append(tally)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    tallies = WORKER_TALLIES + getattr(config, "browser_tallies", [])
    pages = {page for tally in tallies for page in tally["pages"]}
    checks: Counter[str] = Counter()
    for tally in tallies:
        checks.update(tally["checks"])
    if not pages and not checks:
        return
    requests = sum(tally["requests"] for tally in tallies)
    remote = sum(len(tally["remote"]) for tally in tallies)
    axe_scans = sum(tally["axe_scans"] for tally in tallies)
    axe_serious = sum(tally["axe_serious"] for tally in tallies)
    write = terminalreporter.write_line
    terminalreporter.section("browser coverage")
    write(
        f"{len(pages)} distinct pages loaded, {requests} requests, "
        f"{remote} to a host other than localhost"
    )
    counts = ", ".join(f"{kind} {n}" for kind, n in sorted(checks.items()))
    write(f"{sum(checks.values())} checks: {counts}")
    if axe_scans:
        write(f"axe-core: {axe_scans} scans, {axe_serious} serious or critical violations")
