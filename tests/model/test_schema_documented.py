"""Every field of every kind says what it is for, and every value of a fixed set what it
means: the editors' hover help and the content reference both read these, so a field added
without a docstring fails here (whoever adds it)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from opmodel.model.schema import ENTITY_CLASSES
from opmodel.schema_files import schema_for

KINDS = sorted(ENTITY_CLASSES)


def _properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, property schema) for every property of the kind and of its nested models."""
    for name, prop in schema.get("properties", {}).items():
        yield name, prop
    for model, definition in schema.get("$defs", {}).items():
        for name, prop in definition.get("properties", {}).items():
            yield f"{model}.{name}", prop


def _enums(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema with an `enum`, anywhere under `node`."""
    if isinstance(node, dict):
        if "enum" in node:
            yield where, node
        for key, value in node.items():
            yield from _enums(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _enums(value, f"{where}[{index}]")


@pytest.mark.parametrize("kind", KINDS)
def test_every_property_of_the_kind_has_a_description(kind: str) -> None:
    schema = schema_for(kind)
    undescribed = [
        where for where, prop in _properties(schema) if not str(prop.get("description", "")).strip()
    ]
    assert undescribed == [], f"{kind}: add a docstring under each of these fields"


@pytest.mark.parametrize("kind", KINDS)
def test_every_property_of_the_kind_has_an_example(kind: str) -> None:
    schema = schema_for(kind)
    missing = [where for where, prop in _properties(schema) if not prop.get("examples")]
    assert missing == [], f"{kind}: give each of these fields Field(examples=[...])"


@pytest.mark.parametrize("kind", KINDS)
def test_every_example_is_valid_for_its_property(kind: str) -> None:
    schema = schema_for(kind)
    invalid = []
    for where, prop in _properties(schema):
        # the property alone, with the kind's $defs so its $refs resolve
        alone = {"$schema": schema["$schema"], "$defs": schema.get("$defs", {}), **prop}
        validator = jsonschema.Draft202012Validator(alone)
        for example in prop.get("examples", []):
            invalid += [
                f"{where}: {example!r}: {e.message}" for e in validator.iter_errors(example)
            ]
    assert invalid == []


@pytest.mark.parametrize("kind", KINDS)
def test_the_kinds_own_examples_together_make_a_valid_file(kind: str) -> None:
    """A file made of the first example of each field passes the model itself, not only the
    JSON Schema (which cannot check, say, a time zone's name)."""
    schema = schema_for(kind)
    data = {
        name: prop["examples"][0]
        for name, prop in schema["properties"].items()
        if name != "$schema" and prop.get("examples")
    }
    jsonschema.Draft202012Validator(schema).validate(data)
    ENTITY_CLASSES[kind].model_validate(data)


@pytest.mark.parametrize("kind", KINDS)
def test_the_kind_and_each_nested_model_have_a_description(kind: str) -> None:
    schema = schema_for(kind)
    missing = [kind] if not schema.get("description") else []
    missing += [name for name, d in schema.get("$defs", {}).items() if not d.get("description")]
    assert missing == [], "add a class docstring"


@pytest.mark.parametrize("kind", KINDS)
def test_every_value_of_a_fixed_set_is_explained(kind: str) -> None:
    for where, enum in _enums(schema_for(kind), kind):
        meanings = enum.get("enumDescriptions", [])
        assert len(meanings) == len(enum["enum"]) and all(meanings), (
            f"{where}: annotate the Literal with Meanings({{value: meaning}})"
        )


@pytest.mark.parametrize("kind", KINDS)
def test_hover_help_says_which_fields_are_required_and_only_those(kind: str) -> None:
    schema = schema_for(kind)
    for model in (schema, *schema.get("$defs", {}).values()):
        required = set(model.get("required", []))
        said = {
            n for n, p in model["properties"].items() if p["description"].startswith("Required.")
        }
        assert said == required


def test_required_fields_are_marked_required_in_the_schema() -> None:
    for kind, cls in ENTITY_CLASSES.items():
        required = {
            field.alias or name for name, field in cls.model_fields.items() if field.is_required()
        }
        assert set(schema_for(kind).get("required", [])) == required
    assert schema_for("decision")["required"] == ["accountable"]
    assert schema_for("decision")["properties"]["accountable"]["description"].startswith(
        "Required. Who has the final say"
    )
    assert schema_for("organisation")["required"] == ["name"]
