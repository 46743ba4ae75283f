"""`opmodel new DIR`: a starter that checks clean and builds."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from opmodel import load_model, run_checks
from opmodel.cli import main
from opmodel.load.files import FOLDER_KINDS
from opmodel.scaffold import ScaffoldError, scaffold
from opmodel.schema_files import modelines


def test_starter_has_every_kind_and_no_errors_or_warnings(tmp_path: Path) -> None:
    scaffold(tmp_path / "x")
    result = load_model(tmp_path / "x" / "content")
    assert [d.format() for d in result.diagnostics] == []
    model = result.model
    assert model is not None
    for kind in FOLDER_KINDS.values():
        count = len(model.pages) if kind == "page" else len(model.of_kind(kind))
        assert count >= 1, kind
    assert all(forum.body.strip() for forum in model.forums)  # charters
    assert [f.code for f in run_checks(model)] == []


def test_starter_mirrors_the_sites_configuration(tmp_path: Path) -> None:
    scaffold(tmp_path / "x")
    config = (tmp_path / "x" / "mkdocs.yml").read_text(encoding="utf-8")
    for line in (
        "docs_dir: content\n",
        "custom_dir: theme",
        "font: false",
        "  - search",
        "  - offline",
        "  - opmodel:\n      content: content",
    ):
        assert line in config
    assert (tmp_path / "x" / "theme" / "main.html").read_text().find('extends "base.html"') > 0
    assert (tmp_path / "x" / ".gitignore").read_text().startswith("# Build output")


def test_starter_wires_editor_schemas(tmp_path: Path) -> None:
    scaffold(tmp_path / "x")
    schemas = tmp_path / "x" / "content" / ".schema"
    assert (schemas / "role.schema.json").is_file()
    settings = json.loads((tmp_path / "x" / ".vscode" / "settings.json").read_text())
    mapping = settings["yaml.schemas"]
    assert mapping["content/.schema/role.schema.json"] == [
        "content/roles/**/*.yml",
        "content/roles/**/*.yaml",
    ]
    for schema in mapping:
        assert (tmp_path / "x" / schema).is_file()


def test_each_starter_yaml_file_names_its_schema_in_modelines_and_is_valid_for_it(
    tmp_path: Path,
) -> None:
    scaffold(tmp_path)
    files = sorted((tmp_path / "content").rglob("*.yml"))
    assert len(files) > len(FOLDER_KINDS)
    for path in files:
        first, second, rest = path.read_text(encoding="utf-8").split("\n", 2)
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix), f"{path}: no modeline"
        schema_file = (path.parent / first.removeprefix(prefix)).resolve()
        kind = schema_file.name.removesuffix(".schema.json")
        assert (first, second) == modelines(kind)  # the second for JetBrains IDEs
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        data = json.loads(json.dumps(yaml.safe_load(rest), default=str))  # dates as text
        jsonschema.Draft202012Validator(schema).validate(data)


def test_readme_tells_owners_how_to_edit_check_and_build(tmp_path: Path) -> None:
    scaffold(tmp_path / "x", name="Acme")
    readme = (tmp_path / "x" / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Acme: how we work")
    for heading in ("## How to edit", "## How to check your changes", "## How to preview"):
        assert heading in readme


def test_readmes_example_message_is_what_check_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    scaffold(tmp_path / "x")
    role = tmp_path / "x" / "content" / "roles" / "delivery-lead.yml"
    role.write_text(role.read_text().replace("unit: delivery-team", "unit: delivery"))
    monkeypatch.chdir(tmp_path / "x")
    assert main(["check"]) == 1
    printed = capsys.readouterr().out.strip()
    assert f"`{printed}`" in (tmp_path / "x" / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ['Acme: "Quotes" & Co', "no", "0777", "Dépt ‮ 😀\\"])
def test_the_organisations_name_is_kept_as_written(tmp_path: Path, name: str) -> None:
    scaffold(tmp_path / "x", name=name)
    model = load_model(tmp_path / "x" / "content").model
    assert model is not None and model.organisation.name == name


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "notes.txt").write_text("keep me")
    with pytest.raises(ScaffoldError, match="is not empty"):
        scaffold(tmp_path / "x")
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == ["notes.txt"]


def test_accepts_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    assert scaffold(tmp_path / "x")


def test_cli_refuses_a_non_empty_folder_with_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a").write_text("")
    assert main(["new", str(tmp_path / "x")]) == 2
    assert "is not empty" in capsys.readouterr().err


def test_new_then_check_then_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    assert main(["new", str(tmp_path / "x")]) == 0
    assert main(["check", "--content", str(tmp_path / "x" / "content")]) == 0
    monkeypatch.chdir(tmp_path / "x")
    assert main(["build", "-f", "mkdocs.yml"]) == 0
    site = tmp_path / "x" / "site"
    assert (site / "index.html").is_file()
    assert (site / "roles" / "delivery-lead.html").is_file()
    assert (site / "editing-this-model.html").is_file()
