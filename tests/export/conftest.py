"""Models for the export tests: the example organisation, and a small model whose every text
field is hostile (see export_cases.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from export_cases import REPO, hostile_files

from opmodel import Model, load_model


@pytest.fixture
def hostile_model(build_model: Callable[[dict[str, str]], Model]) -> Model:
    return build_model(hostile_files())


@pytest.fixture(scope="session")
def example_model() -> Model:
    result = load_model(REPO / "content")
    assert result.model is not None, "\n".join(d.format() for d in result.diagnostics)
    return result.model
