"""Two small models, written as files the way users write them, to compare."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from opmodel import Model, load_model
from opmodel.diff import ModelDiff, diff_models

BASE: dict[str, str] = {
    "units/data.yml": "name: Data\nlead: head-of-data\n",
    "units/finance.yml": "name: Finance\n",
    "roles/head-of-data.yml": "title: Head of Data\nunit: data\n",
    "roles/analyst.yml": (
        "title: Analyst\nunit: data\nreports_to: head-of-data\nholders: [Ann]\n"
        "accountabilities: [Runs the numbers, Writes reports]\n"
    ),
    "roles/cfo.yml": "title: Chief Financial Officer\nunit: finance\n",
    "forums/data-board.md": (
        "---\nname: Data board\nchair: head-of-data\nmembers: [head-of-data, analyst]\n"
        "cadence: monthly\n---\nDecides data standards.\n"
    ),
    "decisions/adopt-standard.yml": (
        "title: Adopt a standard\naccountable: forum:data-board\nresponsible: [head-of-data]\n"
        "consulted: [analyst]\nescalates_to: cfo\n"
    ),
    "flows/intake.yml": (
        "name: Intake\nstages:\n  - {id: ask, owner: role:analyst}\n"
        "  - {id: assess, owner: role:head-of-data}\n  - {id: decide, owner: finance}\n"
    ),
    "changes/standard-process.yml": (
        "title: Standard process\nstatus: trial\naffects: [decision:adopt-standard]\n"
    ),
}

ANALYST_RENAMED: dict[str, str | None] = {
    "roles/analyst.yml": None,
    "roles/data-analyst.yml": BASE["roles/analyst.yml"],
    "forums/data-board.md": BASE["forums/data-board.md"].replace("analyst]", "data-analyst]"),
    "decisions/adopt-standard.yml": BASE["decisions/adopt-standard.yml"].replace(
        "[analyst]", "[data-analyst]"
    ),
    "flows/intake.yml": BASE["flows/intake.yml"].replace("role:analyst", "role:data-analyst"),
}
"""The analyst's file renamed to data-analyst, and every reference to it updated."""

Files = dict[str, str | None]
"""Path -> text; None deletes the file from BASE."""


def load(folder: Path, files: dict[str, str]) -> Model:
    content = folder / "content"
    for relative, text in {"organisation.yml": "name: Test\n", **files}.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = load_model(content)
    messages = "\n".join(d.format() for d in result.diagnostics)
    assert result.model is not None, f"the model did not load:\n{messages}"
    return result.model


def edited(base: dict[str, str], changes: Files) -> dict[str, str]:
    files = dict(base)
    for relative, text in changes.items():
        if text is None:
            del files[relative]
        else:
            files[relative] = text
    return files


@pytest.fixture
def base() -> dict[str, str]:
    """The base model's files (path -> text)."""
    return dict(BASE)


@pytest.fixture
def analyst_renamed() -> dict[str, str | None]:
    return dict(ANALYST_RENAMED)


@pytest.fixture
def models(tmp_path: Path) -> Callable[..., tuple[Model, Model]]:
    """`models(changes, base=BASE)`: the base model and the model after `changes`."""
    count = 0

    def build(changes: Files, base: dict[str, str] = BASE) -> tuple[Model, Model]:
        nonlocal count
        count += 1
        old = load(tmp_path / f"old{count}", base)
        new = load(tmp_path / f"new{count}", edited(base, changes))
        return old, new

    return build


@pytest.fixture
def diff_of(models: Callable[..., tuple[Model, Model]]) -> Callable[..., ModelDiff]:
    """`diff_of(changes, base=BASE)`: the diff from the base model to the edited one."""

    def run(changes: Files, base: dict[str, str] = BASE) -> ModelDiff:
        return diff_models(*models(changes, base))

    return run
