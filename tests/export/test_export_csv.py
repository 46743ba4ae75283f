"""`opmodel export --format csv`: a table per kind and a RACI matrix, safe to open in Excel."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from export_cases import FORMULAS, HOSTILE, LINK_FORMULA

from opmodel import Model
from opmodel.cli import main
from opmodel.export.csv_tables import csv_tables, neutralise, table_bytes, write_csv


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def by_id(rows: list[dict[str, str]], key: str = "id") -> dict[str, dict[str, str]]:
    return {row[key]: row for row in rows}


def test_one_file_per_kind_plus_record_tables_and_raci(
    example_model: Model, tmp_path: Path
) -> None:
    written = write_csv(example_model, tmp_path)
    assert sorted(p.name for p in written) == sorted(
        [
            "organisation.csv",
            "units.csv",
            "roles.csv",
            "people.csv",
            "forums.csv",
            "decisions.csv",
            "capabilities.csv",
            "flows.csv",
            "outcomes.csv",
            "changes.csv",
            "pages.csv",
            "links.csv",
            "measures.csv",
            "principles.csv",
            "stages.csv",
            "raci.csv",
        ]
    )
    assert len(read(tmp_path / "roles.csv")) == len(example_model.roles)


def test_columns_are_the_kinds_fields_with_its_own_first(example_model: Model) -> None:
    header = csv_tables(example_model)["roles.csv"][0]
    assert header[:10] == [
        "id",
        "title",
        "unit",
        "reports_to",
        "purpose",
        "accountabilities",
        "holders",
        "headcount",
        "profession",
        "summary",
    ]
    assert {"contact.email", "contact.chat", "contact.url", "body", "path"} <= set(header)
    capabilities = csv_tables(example_model)["capabilities.csv"][0]
    assert {"maturity.current", "maturity.target"} <= set(capabilities)


def test_lists_are_joined_and_references_are_kind_id(example_model: Model, tmp_path: Path) -> None:
    write_csv(example_model, tmp_path)
    role = by_id(read(tmp_path / "roles.csv"))["chief-data-officer"]
    assert role["unit"] == "unit:data-insight"
    assert role["holders"] == "person:tom-gallagher"
    assert role["accountabilities"].startswith(
        "Sets the data strategy and chairs the Data Governance Board; Approves"
    )
    stages = [
        r for r in read(tmp_path / "stages.csv") if r["entity"] == "flow:request-new-data-feed"
    ]
    assert [r["position"] for r in stages] == ["1", "2", "3", "4", "5", "6", "7"]
    assert stages[1]["capabilities"] == "capability:data-protection; capability:data-governance"
    flows = by_id(read(tmp_path / "flows.csv"))
    assert flows["request-new-data-feed"]["stages"].startswith("request-and-triage; ")


def test_raci_matrix_has_a_row_per_party_and_a_column_per_decision(
    example_model: Model, tmp_path: Path
) -> None:
    write_csv(example_model, tmp_path)
    rows = by_id(read(tmp_path / "raci.csv"), "party")
    ciso = rows["role:chief-information-security-officer"]
    assert ciso["name"] == "Chief Information Security Officer"
    assert ciso["accept-security-risk"] == "A"
    assert rows["forum:risk-and-assurance-committee"]["accept-security-risk"] == "R"
    assert rows["role:chief-architect"]["accept-security-risk"] == "C"
    decisions = [d.id for d in example_model.decisions]
    with (tmp_path / "raci.csv").open(encoding="utf-8-sig", newline="") as file:
        assert next(csv.reader(file)) == ["party", "name", *decisions]


def test_a_party_with_two_letters_gets_both_in_arci_order(hostile_model: Model) -> None:
    table = csv_tables(hostile_model)["raci.csv"]
    header, *rows = table
    cells = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert cells["role:boss"]["decide"] == "R"
    assert cells["forum:board"]["decide"] == "A"
    assert cells["unit:sub"]["decide"] == "C"
    assert cells["unit:team"]["decide"] == "I"


def test_cells_that_start_like_formulas_are_neutralised(hostile_model: Model) -> None:
    cells = [cell for table in csv_tables(hostile_model).values() for row in table for cell in row]
    written = [
        cell
        for table in csv_tables(hostile_model).values()
        for row in csv.reader(io.StringIO(table_bytes(table).decode("utf-8-sig"), newline=""))
        for cell in row
    ]
    assert len(cells) == len(written)
    risky = [c for c in written if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert risky == []
    for original, out in zip(cells, written, strict=True):
        assert out == (f"'{original}" if original.startswith(tuple("=+-@\t\r")) else original)
    assert "'=cmd()" in written and "'@SUM(A1)" in written and "'-2+3" in written
    for formula in FORMULAS:
        assert neutralise(formula) == "'" + formula


def test_commas_quotes_newlines_and_unicode_survive_the_round_trip(
    hostile_model: Model, tmp_path: Path
) -> None:
    write_csv(hostile_model, tmp_path)
    role = by_id(read(tmp_path / "roles.csv"))["boss"]
    assert role["title"] == HOSTILE
    assert role["tags"] == "a; b; c"
    assert role["holders"] == f"person:ann; {LINK_FORMULA}; TAB"
    forum = by_id(read(tmp_path / "forums.csv"))["board"]
    assert HOSTILE in forum["body"]
    worker = by_id(read(tmp_path / "roles.csv"))["worker"]
    assert worker["title"] == "'\rCR"
    link = read(tmp_path / "links.csv")[0]
    assert link == {
        "entity": "role:worker",
        "position": "1",
        "title": HOSTILE,
        "url": "https://example.org/?a=1&b=<2>",
    }


def test_files_are_utf8_with_a_byte_order_mark_and_crlf_rows(
    hostile_model: Model, tmp_path: Path
) -> None:
    write_csv(hostile_model, tmp_path)
    data = (tmp_path / "units.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,name,")
    assert data.count(b"\r\n") == 3


def test_export_is_byte_for_byte_deterministic(example_model: Model, tmp_path: Path) -> None:
    first = {p.name: p.read_bytes() for p in write_csv(example_model, tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in write_csv(example_model, tmp_path / "b")}
    assert first == second


def test_cli_writes_the_tables_into_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "tables"
    content = Path(__file__).resolve().parents[2] / "content"
    assert main(["export", "--format", "csv", "--content", str(content), "--out", str(out)]) == 0
    assert (out / "raci.csv").is_file() and (out / "roles.csv").is_file()
