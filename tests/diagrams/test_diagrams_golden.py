"""Golden DOT: each diagram of the `acme` fixture, pinned byte for byte.

A layout or style change shows up here as a readable diff of the DOT source. Refresh the
files deliberately, after looking at the diagrams: `OPMODEL_UPDATE_GOLDEN=1 pytest
tests/diagrams`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from opmodel import Model, Ref
from opmodel.diagrams import capabilities, escalation, flow, governance, roles, structure
from opmodel.diagrams.writer import DotGraph
from opmodel.model.schema import Decision, Entity, Flow, Role, Unit

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "dot"
UPDATE = os.environ.get("OPMODEL_UPDATE_GOLDEN") == "1"

Link = Callable[[Ref], str]


E = TypeVar("E", bound=Entity)


def _get(model: Model, ref: str, cls: type[E]) -> E:
    kind, _, id = ref.partition(":")
    entity = model.get(Ref(kind, id))
    assert isinstance(entity, cls)
    return entity


DIAGRAMS: dict[str, Callable[[Model, Link], DotGraph]] = {
    "structure": lambda m, link: structure.build(m, link),
    "structure-overview": lambda m, link: structure.overview(m, link, max_children=1),
    "unit-tech": lambda m, link: structure.unit_neighbourhood(m, _get(m, "unit:tech", Unit), link),
    "governance": lambda m, link: governance.build(m, link),
    "escalation-publish-data": lambda m, link: escalation.build(
        m, _get(m, "decision:publish-data", Decision), link
    ),
    "flow-new-dataset": lambda m, link: flow.build(m, _get(m, "flow:new-dataset", Flow), link),
    "capabilities": lambda m, link: capabilities.build(m, link),
    "role-cdo": lambda m, link: roles.build(m, _get(m, "role:cdo", Role), link),
}


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_diagram_matches_its_golden_dot(name: str, acme: Model, link: Link) -> None:
    source = DIAGRAMS[name](acme, link).source
    path = GOLDEN / f"{name}.dot"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    assert path.exists(), f"no golden file {path}: run with OPMODEL_UPDATE_GOLDEN=1"
    assert source == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_diagram_source_is_the_same_on_every_build(name: str, acme: Model, link: Link) -> None:
    assert DIAGRAMS[name](acme, link).source == DIAGRAMS[name](acme, link).source
