"""Every kind of `opmodel.kinds` is known to every part of opmodel that lists kinds.

A new row in the kinds' table fails here, by name, until the loader reads its folder, the
schema has its class, the site has its section, index and template, the exports and the
diff include it and the benchmark generator writes it. One example model (which has every
kind) is loaded once for the module.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks.generate_model import ModelGenerator

from opmodel import Model, load_model
from opmodel.diagnostics import Diagnostics
from opmodel.diff import diff_models
from opmodel.diff.report import format_text
from opmodel.export.archimate import ELEMENT_TYPES, archimate_xml
from opmodel.export.archimate_xml import FOLDERS
from opmodel.export.csv_tables import csv_tables
from opmodel.export.json_model import model_document
from opmodel.kinds import ALL_KINDS, ENTITY_KINDS, KIND, Kind
from opmodel.load.files import discover
from opmodel.model.kinds import MODEL_CLASSES
from opmodel.model.refs import KINDS as REFERENCE_KINDS
from opmodel.schema_files import editor_settings, schema_for
from opmodel.site import search, urls
from opmodel.views.indexes import index_table
from opmodel.views.reference import content_reference

REPO = Path(__file__).parent.parent
TEMPLATES = REPO / "generator" / "opmodel" / "site" / "templates"

every_kind = pytest.mark.parametrize("kind", ALL_KINDS, ids=lambda k: k.name)
entity_kinds = pytest.mark.parametrize("kind", ENTITY_KINDS, ids=lambda k: k.name)
with_a_folder = pytest.mark.parametrize(
    "kind", [k for k in ALL_KINDS if k.folder], ids=lambda k: k.name
)


@pytest.fixture(scope="module")
def example() -> Model:
    result = load_model(REPO / "content")
    assert result.model is not None, "\n".join(d.format() for d in result.diagnostics)
    return result.model


def test_the_table_is_well_formed() -> None:
    names = [kind.name for kind in ALL_KINDS]
    folders = [kind.folder for kind in ALL_KINDS]
    assert len(set(names)) == len(names) and len(set(folders)) == len(folders)
    assert names[0] == "organisation" and names[-1] == "page"
    assert tuple(kind.name for kind in ENTITY_KINDS) == REFERENCE_KINDS
    assert all((kind.folder and kind.intro) or kind.name == "unit" for kind in ENTITY_KINDS)


@every_kind
def test_the_schema_has_its_class(kind: Kind) -> None:
    assert MODEL_CLASSES[kind.name].kind == kind.name
    assert schema_for(kind.name)["$id"] == f"{kind.name}.schema.json"


@every_kind
def test_the_content_reference_describes_it(kind: Kind) -> None:
    where = {section.anchor: section.where for section in content_reference().kinds}
    assert f"content/{kind.folder}" in where[kind.name]


@with_a_folder
def test_the_loader_reads_its_files(kind: Kind, tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "organisation.yml").write_text("name: Test\n", encoding="utf-8")
    for suffix in kind.suffixes:
        path = content / kind.folder / f"x{suffix.replace('.', '-')}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")
    diagnostics = Diagnostics()
    found = discover(content, diagnostics)
    assert not list(diagnostics), [d.format() for d in diagnostics]
    assert [source.kind for source in found] == ["organisation"] + [kind.name] * len(kind.suffixes)


@every_kind
def test_the_example_has_it(kind: Kind, example: Model) -> None:
    """So that the tests below, which read the example, see every kind."""
    if kind.name == "organisation":
        return
    assert model_kind(example, kind.name), f"content/{kind.folder}/ is empty"


@entity_kinds
def test_the_site_has_its_section_index_and_template(kind: Kind, example: Model) -> None:
    assert urls.index_path(kind.name) == f"{kind.folder}/index.md"
    table = index_table(example, kind.name)
    assert (table.title, bool(table.intro), bool(table.columns)) == (kind.plural, True, True)
    assert len(table.rows) == len(example.of_kind(kind.name))
    assert (TEMPLATES / f"{kind.name}.md.j2").is_file()
    assert search.KINDS[kind.name] == kind.singular


@entity_kinds
def test_the_exports_include_it(kind: Kind, example: Model) -> None:
    document = model_document(example)
    assert document["entities"][kind.name]
    assert f"{kind.name}.schema.json" in json.dumps(document["schema"])
    assert f"{kind.folder}.csv" in csv_tables(example)
    assert kind.name in ELEMENT_TYPES and (kind.name, kind.plural) in FOLDERS
    assert f"id-{kind.name}-" in archimate_xml(example)
    assert f"s/{kind.name}.schema.json" in editor_settings("s", "c")["yaml.schemas"]


def test_the_diff_lists_every_kind(build_model: object, example: Model) -> None:
    old = build_model({"organisation.yml": "name: Old\n"})  # type: ignore[operator]
    diff = diff_models(old, example)
    assert {item.kind for item in diff.entities} == set(KIND)
    text = format_text(diff, "old", "new").splitlines()
    assert [kind.plural.lower() for kind in ALL_KINDS] == [
        line for line in text if line in {kind.plural.lower() for kind in ALL_KINDS}
    ]


def test_the_benchmark_generator_writes_every_kind() -> None:
    generator = ModelGenerator(50, seed=1).build()
    folders = {path.split("/")[0] for path in generator.files() if "/" in path}
    assert folders == {kind.folder for kind in ALL_KINDS if kind.folder}
    assert set(generator.counts().files) == folders


def model_kind(model: Model, name: str) -> tuple[object, ...]:
    return model.pages if name == "page" else model.of_kind(name)
