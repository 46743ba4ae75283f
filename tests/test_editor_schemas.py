"""The example content's editor schemas are generated; they must not drift from the code."""

import json
from pathlib import Path

from opmodel.schema_files import editor_settings, write_schemas

ROOT = Path(__file__).resolve().parents[1]


def test_committed_schemas_match_the_model(tmp_path: Path) -> None:
    for fresh in write_schemas(tmp_path):
        committed = ROOT / "content" / ".schema" / fresh.name
        assert committed.read_text() == fresh.read_text(), (
            f"{committed} is stale: run `opmodel schema --vscode`"
        )


def test_vscode_settings_map_every_schema_to_its_folder() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"] == editor_settings("content/.schema", "content")["yaml.schemas"]


def test_a_role_schema_rejects_unknown_fields_and_offers_completions() -> None:
    schema = json.loads((ROOT / "content" / ".schema" / "role.schema.json").read_text())
    assert schema["additionalProperties"] is False
    assert {"title", "unit", "reports_to", "holders", "accountabilities"} <= set(
        schema["properties"]
    )
    assert "id" not in schema["properties"]  # the id is the file name
