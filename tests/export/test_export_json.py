"""`opmodel export --format json`: the whole model, exact, deterministic, and loadable again."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from export_cases import HOSTILE

from opmodel import Model, Ref, load_model
from opmodel.cli import main
from opmodel.export import ModelJsonError, load_json, model_json
from opmodel.export.json_model import FORMAT, SCHEMA_ID
from opmodel.model.schema import Entity


def without_positions(entity: Entity) -> Entity:
    """Positions (line/column of each field, for messages) belong to files, not to JSON."""
    return entity.model_copy(update={"positions": {}})


def assert_same_model(original: Model, loaded: Model) -> None:
    assert without_positions(original.organisation) == loaded.organisation
    assert {k: list(v) for k, v in original.entities.items()} == {
        k: list(v) for k, v in loaded.entities.items()
    }
    for entity in original.all_entities():
        assert without_positions(entity) == loaded.get(entity.ref), entity.ref
    assert [without_positions(p) for p in original.pages] == list(loaded.pages)
    assert dict(original.backlinks) == dict(loaded.backlinks)


def test_example_model_round_trips_field_for_field_with_the_same_backlinks(
    example_model: Model,
) -> None:
    text = model_json(example_model)
    loaded = load_json(text)
    assert_same_model(example_model, loaded)
    assert model_json(loaded) == text


def test_hostile_model_round_trips_exactly(hostile_model: Model) -> None:
    assert_same_model(hostile_model, load_json(model_json(hostile_model)))


def test_json_is_deterministic_with_sorted_keys(example_model: Model) -> None:
    text = model_json(example_model)
    assert text == model_json(example_model)
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_every_entity_has_its_kind_id_and_body_and_references_are_kind_id(
    example_model: Model,
) -> None:
    data = json.loads(model_json(example_model))
    exported = [e for items in data["entities"].values() for e in items]
    assert len(exported) == len(list(example_model.all_entities()))
    assert all({"kind", "id", "body", "path"} <= e.keys() for e in exported)
    role = next(e for e in data["entities"]["role"] if e["id"] == "chief-data-officer")
    assert role["unit"] == "unit:data-insight"
    assert role["reports_to"] == "role:chief-digital-information-officer"
    assert role["holders"] == ["person:tom-gallagher"]
    assert "Since the Head of Data Governance left" in role["body"]
    forum = next(e for e in data["entities"]["forum"] if e["id"] == "ddat-board")
    assert forum["body"].lstrip().startswith("## Remit")
    assert data["organisation"]["kind"] == "organisation"
    assert [p["id"] for p in data["pages"]] == [p.id for p in example_model.pages]


def test_backlinks_are_published_for_readers(example_model: Model) -> None:
    data = json.loads(model_json(example_model))
    links = data["backlinks"]["role:chief-data-officer"]
    assert {"source": "forum:data-governance-board", "field": "chair", "detail": None} in links


def test_hostile_text_is_kept_exactly(hostile_model: Model) -> None:
    data = json.loads(model_json(hostile_model))
    role = next(e for e in data["entities"]["role"] if e["id"] == "boss")
    assert role["title"] == HOSTILE
    assert role["holders"] == ["person:ann", '=HYPERLINK("http://x")', "TAB"]
    assert data["organisation"]["name"] == HOSTILE
    worker = next(e for e in data["entities"]["role"] if e["id"] == "worker")
    assert worker["title"] == "\rCR"
    assert data["pages"][0]["extra"] == {"hide": ["toc"]}


def test_document_names_and_embeds_its_json_schema(example_model: Model) -> None:
    data = json.loads(model_json(example_model))
    assert data["$schema"] == SCHEMA_ID == data["schema"]["$id"]
    assert data["format"] == FORMAT
    schema = data["schema"]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    role = schema["$defs"]["role"]
    assert role["$id"] == "role.schema.json"
    assert {"kind", "id", "body", "path"} <= set(role["required"])
    assert role["properties"]["kind"] == {"const": "role"}
    assert "title" in role["properties"] and "holders" in role["properties"]
    assert schema["properties"]["entities"]["properties"]["role"]["items"] == {
        "$ref": "role.schema.json"
    }
    assert set(schema["required"]) <= data.keys()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not JSON"),
        ('{"format": "other"}', "not an opmodel model document"),
        ('{"format": "opmodel-model", "format_version": 99}', "format_version 99"),
    ],
)
def test_load_json_refuses_other_documents(text: str, message: str) -> None:
    with pytest.raises(ModelJsonError, match=message):
        load_json(text)


def test_load_json_reports_every_bad_entity_and_unknown_reference(example_model: Model) -> None:
    data = json.loads(model_json(example_model))
    roles = data["entities"]["role"]
    roles[0]["unit"] = "unit:nowhere"
    roles[1]["headcount"] = "many"
    with pytest.raises(ModelJsonError) as caught:
        load_json(json.dumps(data))
    message = str(caught.value)
    assert f"role:{roles[0]['id']}: unknown unit 'nowhere'" in message
    assert f"entities.role[1] (role:{roles[1]['id']}): headcount" in message


def test_cli_writes_json_to_a_file_and_to_standard_output(
    tmp_path: Path,
    write_model: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    content = write_model(tmp_path, {"roles/a.yml": "title: A\n"})
    out = tmp_path / "out" / "model.json"
    assert main(["export", "--format", "json", "--content", str(content), "--out", str(out)]) == 0
    assert load_json(out.read_text(encoding="utf-8")).get(Ref("role", "a")).label == "A"
    capsys.readouterr()
    assert main(["export", "--format", "json", "--content", str(content), "--out", "-"]) == 0
    assert capsys.readouterr().out == out.read_text(encoding="utf-8")


def test_cli_exports_nothing_from_a_model_with_errors(
    tmp_path: Path, write_model: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_model(tmp_path, {"roles/a.yml": "title: A\nunit: nowhere\n"})
    out = tmp_path / "model.json"
    assert main(["export", "--format", "json", "--content", str(content), "--out", str(out)]) == 1
    assert not out.exists()
    assert "unknown unit 'nowhere'" in capsys.readouterr().err


# --- scale ------------------------------------------------------------------------------------


def write_many_roles(content: Path, count: int) -> None:
    """A synthetic model: `count` roles in 10 units, each reporting to the role 10 before it,
    so backlinks (unit, reports_to, holders) are plentiful."""
    (content / "units").mkdir(parents=True)
    (content / "roles").mkdir()
    (content / "organisation.yml").write_text("name: Big\n", encoding="utf-8")
    for unit in range(10):
        (content / "units" / f"unit-{unit}.yml").write_text(f"name: Unit {unit}\n")
    for n in range(count):
        manager = f"reports_to: role-{n - 10}\n" if n >= 10 else ""
        (content / "roles" / f"role-{n}.yml").write_text(
            f"title: Role {n}\nunit: unit-{n % 10}\n{manager}holders: [Person {n}]\n"
            f"accountabilities: [Do thing {n}]\n"
        )


def test_ten_thousand_roles_round_trip_exactly(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_many_roles(content, 10_000)
    started = time.perf_counter()
    model = load_model(content).model
    assert model is not None
    loaded_at = time.perf_counter()
    text = model_json(model)
    exported_at = time.perf_counter()
    again = load_json(text)
    read_at = time.perf_counter()
    assert len(again.roles) == 10_000
    assert_same_model(model, again)
    # Timings are reported, not asserted: performance is measured by benchmarks.
    print(
        f"\n10,000 roles: load_model {loaded_at - started:.2f} s, model_json "
        f"{exported_at - loaded_at:.2f} s ({len(text) / 1e6:.1f} MB), load_json "
        f"{read_at - exported_at:.2f} s"
    )
