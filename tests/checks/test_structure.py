"""Structure checks: depth of the unit tree, capabilities with an owner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from opmodel import Model
from opmodel.checks import structure
from opmodel.checks.base import Check, Context

Build = Callable[[dict[str, str]], Model]


def messages(check: Check, model: Model) -> list[str]:
    return [f.message for f in check(Context(model, dt.date(2026, 11, 23)))]


def chain(depth: int, max_depth: int | None = None) -> dict[str, str]:
    settings = f"settings: {{max_depth: {max_depth}}}\n" if max_depth else ""
    files = {"organisation.yml": "name: Test\n" + settings, "units/u1.yml": "name: U1\n"}
    for level in range(2, depth + 1):
        files[f"units/u{level}.yml"] = f"name: U{level}\nparent: u{level - 1}\n"
    return files


def test_units_deeper_than_the_default_three_levels_are_reported(build_model: Build) -> None:
    assert messages(structure.units_too_deep, build_model(chain(5))) == [
        "unit 'U4' is 4 levels deep (limit 3)",
        "unit 'U5' is 5 levels deep (limit 3)",
    ]


def test_the_depth_limit_comes_from_settings(build_model: Build) -> None:
    assert messages(structure.units_too_deep, build_model(chain(5, max_depth=5))) == []


def test_a_capability_without_an_owner_is_reported(build_model: Build) -> None:
    model = build_model(
        {
            "units/data.yml": "name: Data\n",
            "capabilities/owned.yml": "name: Owned\nowner: data\n",
            "capabilities/orphan.yml": "name: Orphan\nparent: owned\n",
        }
    )

    assert messages(structure.capabilities_without_owner, model) == [
        "capability 'Orphan' has no owner"
    ]
