"""`opmodel import csv`: roles and units from a spreadsheet, as files that load cleanly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from opmodel import Model, Ref, load_model
from opmodel.cli import main
from opmodel.importer import plan_import, write_plan
from opmodel.model.schema import Role, Unit

EXISTING = {
    "units/data-platform.yml": "name: Data Platform Team\n",
    "units/analytics.yml": "name: Analytics\n",
    "roles/head-of-data.yml": "title: Head of Data\nunit: data-platform\n",
    "people/sam-lee.yml": "name: Sam Lee\n",
}


@pytest.fixture
def content(tmp_path: Path, write_model: Callable[..., Path]) -> Path:
    return write_model(tmp_path, dict(EXISTING))


def write_csv(tmp_path: Path, text: str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def messages(csv_path: Path, kind: str, content: Path, **options: object) -> list[str]:
    plan = plan_import(csv_path, kind, content, **options)  # type: ignore[arg-type]
    return [p.format() for p in plan.problems]


def imported(csv_path: Path, kind: str, content: Path, **options: object) -> Model:
    plan = plan_import(csv_path, kind, content, **options)  # type: ignore[arg-type]
    assert [p.format() for p in plan.errors] == []
    write_plan(plan)
    result = load_model(content)
    assert result.model is not None, [d.format() for d in result.diagnostics]
    return result.model


def role(model: Model, ident: str) -> Role:
    found = model.get(Ref("role", ident))
    assert isinstance(found, Role)
    return found


def test_common_headers_map_to_fields_and_names_resolve_to_ids(
    tmp_path: Path, content: Path
) -> None:
    csv_path = write_csv(
        tmp_path,
        "Role title,Team,Reports to,Holder(s),Accountabilities,Headcount,Review by\n"
        "Data Engineer,Data Platform Team,Head of Data,Sam Lee; Ann Smith,Build; Run,2,"
        "2027-06-30\n",
    )
    model = imported(csv_path, "roles", content)
    engineer = role(model, "data-engineer")
    assert engineer.title == "Data Engineer"
    assert engineer.unit == Ref("unit", "data-platform")
    assert engineer.reports_to == Ref("role", "head-of-data")
    assert engineer.holders == (Ref("person", "sam-lee"), "Ann Smith")
    assert engineer.accountabilities == ("Build", "Run")
    assert engineer.headcount == 2
    assert str(engineer.review_by) == "2027-06-30"
    text = (content / "roles" / "data-engineer.yml").read_text(encoding="utf-8")
    assert text.startswith("title: Data Engineer\nunit: data-platform\nreports_to: head-of-data\n")


def test_slug_collisions_get_numbered(tmp_path: Path, content: Path) -> None:
    csv_path = write_csv(
        tmp_path,
        "Title,Unit\nData Engineer,analytics\nData Engineer,analytics\nData  Engineer!,analytics\n",
    )
    model = imported(csv_path, "roles", content)
    ids = {r.id for r in model.roles}
    assert {"data-engineer", "data-engineer-2", "data-engineer-3"} <= ids


def test_references_resolve_to_rows_in_the_same_file(tmp_path: Path, content: Path) -> None:
    csv_path = write_csv(
        tmp_path,
        "Title,Unit,Reports to\nLead Analyst,Analytics,Head of Data\n"
        "Analyst,analytics,Lead Analyst\nJunior Analyst,unit:analytics,analyst\n",
    )
    model = imported(csv_path, "roles", content)
    assert role(model, "analyst").reports_to == Ref("role", "lead-analyst")
    assert role(model, "junior-analyst").reports_to == Ref("role", "analyst")


def test_problems_are_reported_by_file_row_and_column(tmp_path: Path, content: Path) -> None:
    csv_path = write_csv(
        tmp_path,
        "Title,Unit,Reports to,Holders,Headcount,Cost centre\n"
        "Analyst,Analytcs,Nobody,jane,many,CC1\n"
        ",analytics,,,,\n",
    )
    shown = csv_path.as_posix()
    assert messages(csv_path, "roles", content) == [
        f"{shown}:1:6: warning: column 'Cost centre' is not imported "
        "(map it with --map 'Cost centre=FIELD', or 'Cost centre=-')",
        f"{shown}:2:2: error: unit: no unit 'Analytcs' in the model (did you mean 'Analytics'?)",
        f"{shown}:2:3: error: reports_to: no role 'Nobody' in the model or in this file",
        f"{shown}:2:4: error: holders: 'jane' looks like a person id, but there is no person "
        "'jane'; write the holder's full name, or add people/jane.yml",
        f"{shown}:2:5: error: headcount: expected a whole number, got 'many'",
        f"{shown}:3:1: error: this row has no title",
    ]
    assert not (content / "roles" / "analyst.yml").exists()


def test_an_ambiguous_name_asks_for_the_id(tmp_path: Path, content: Path) -> None:
    csv_path = write_csv(
        tmp_path,
        "Title,Unit,Reports to\nAnalyst,analytics,\nAnalyst,analytics,\nX,analytics,Analyst\n",
    )
    assert messages(csv_path, "roles", content)[-1].endswith(
        ":4:3: error: reports_to: 'Analyst' could be any of analyst, analyst-2; write the id"
    )


def test_yaml_lookalikes_and_formulas_stay_text(tmp_path: Path, content: Path) -> None:
    hostile = ["no", "0777", ": x", "1e5", "=cmd()", "- item", "null", "2027-01-01", "#tag"]
    rows = "".join(f'"{value}",analytics,"{value}"\n' for value in hostile)
    csv_path = write_csv(tmp_path, "Title,Unit,Purpose\n" + rows)
    model = imported(csv_path, "roles", content)
    by_title = {r.title: r for r in model.roles}
    for value in hostile:
        assert by_title[value].purpose == value


def test_unicode_quotes_commas_and_newlines_survive(tmp_path: Path, content: Path) -> None:
    title = 'Chef, "de" l\'équipe ‮ 😀'
    csv_path = write_csv(
        tmp_path,
        f'Title,Unit,Purpose\n"{title.replace(chr(34), 2 * chr(34))}",'
        'analytics,"line one\nline two"\n',
    )
    model = imported(csv_path, "roles", content)
    found = next(r for r in model.roles if r.title == title)
    assert found.purpose == "line one\nline two"


def test_dry_run_prints_the_files_and_writes_nothing(
    tmp_path: Path, content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = write_csv(tmp_path, "Title,Unit\nAnalyst,analytics\n")
    args = ["import", "csv", str(csv_path), "--kind", "roles", "--content", str(content)]
    assert main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "roles/analyst.yml (new, row 2)" in out
    assert "title: Analyst\nunit: analytics\n" in out
    assert not (content / "roles" / "analyst.yml").exists()
    assert main(args) == 0
    assert (content / "roles" / "analyst.yml").is_file()


def test_never_overwrites_without_force(
    tmp_path: Path, content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = write_csv(tmp_path, "Title,Unit\nHead of Data,analytics\n")
    args = ["import", "csv", str(csv_path), "--kind", "roles", "--content", str(content)]
    assert main(args) == 1
    assert "roles/head-of-data.yml already exists; pass --force to overwrite it" in (
        capsys.readouterr().err
    )
    assert "unit: data-platform" in (content / "roles" / "head-of-data.yml").read_text()
    assert main([*args, "--force"]) == 0
    assert "unit: analytics" in (content / "roles" / "head-of-data.yml").read_text()


def test_force_keeps_a_markdown_files_body(
    tmp_path: Path, write_model: Callable[..., Path]
) -> None:
    markdown = "---\ntitle: CDO\nunit: analytics\n---\n\n## Prose\n\nKept.\n"
    content = write_model(tmp_path, {**EXISTING, "roles/cdo.md": markdown})
    csv_path = write_csv(tmp_path, "Id,Title,Unit\ncdo,Chief Data Officer,data-platform\n")
    model = imported(csv_path, "roles", content, force=True)
    cdo = role(model, "cdo")
    assert cdo.title == "Chief Data Officer" and cdo.unit == Ref("unit", "data-platform")
    assert cdo.body == "\n## Prose\n\nKept.\n"
    assert not (content / "roles" / "cdo.yml").exists()


def test_map_names_columns_and_skips_others(tmp_path: Path, content: Path) -> None:
    csv_path = write_csv(tmp_path, "Post,Unit,Name\nAnalyst,analytics,Ann Smith\n")
    model = imported(csv_path, "roles", content, mappings={"Post": "title", "Name": "holders"})
    assert role(model, "analyst").holders == ("Ann Smith",)


def test_map_errors_name_the_column_or_field(tmp_path: Path, content: Path) -> None:
    csv_path = write_csv(tmp_path, "Post,Unit\nAnalyst,analytics\n")
    shown = csv_path.as_posix()
    assert messages(csv_path, "roles", content, mappings={"Pots": "title"}) == [
        f"{shown}:1:1: error: --map names a column 'Pots' that the file does not have "
        "(did you mean 'Post'?)"
    ]
    assert messages(csv_path, "roles", content, mappings={"Post": "titel"}) == [
        f"{shown}:1:1: error: --map 'Post=titel': roles have no field 'titel' "
        "(did you mean 'title'?)"
    ]


def test_cli_rejects_a_malformed_map(tmp_path: Path, content: Path) -> None:
    csv_path = write_csv(tmp_path, "Title\nA\n")
    args = ["import", "csv", str(csv_path), "--kind", "roles", "--content", str(content)]
    assert main([*args, "--map", "Title"]) == 2


def test_units_import_with_parents_in_the_file_and_yes_no_values(
    tmp_path: Path, content: Path
) -> None:
    csv_path = write_csv(
        tmp_path,
        "Team,Parent,Lead,External,Supplier tier,Team type\n"
        "Digital,,Head of Data,no,,\n"
        "Web Team,Digital,,No,,Stream-aligned\n"
        "Acme Hosting,Digital,,yes,2,\n",
    )
    model = imported(csv_path, "units", content)
    web = model.get(Ref("unit", "web-team"))
    hosting = model.get(Ref("unit", "acme-hosting"))
    assert isinstance(web, Unit) and isinstance(hosting, Unit)
    assert web.parent == Ref("unit", "digital") and web.team_type == "stream-aligned"
    assert hosting.external is True and hosting.supplier_tier == 2


def test_a_cycle_is_reported_at_the_row(tmp_path: Path, content: Path) -> None:
    csv_path = write_csv(tmp_path, "Title,Unit,Reports to\nA,analytics,B\nB,analytics,A\n")
    found = messages(csv_path, "roles", content)
    assert found[0].endswith(":2:3: error: reports_to goes round in a circle: a -> b -> a")


def test_semicolon_separated_files_with_a_byte_order_mark_are_read(
    tmp_path: Path, content: Path
) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffRole title;Team\r\nAnalyst;Analytics\r\n".encode())
    assert role(imported(path, "roles", content), "analyst").unit == Ref("unit", "analytics")


def test_a_file_that_is_not_utf8_is_an_error(tmp_path: Path, content: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("Title,Unit\nCaf\xe9,analytics\n".encode("latin-1"))
    assert "not UTF-8" in messages(path, "roles", content)[0]


def test_cells_beyond_the_header_are_an_error_at_the_first_extra_cell_and_nothing_is_written(
    tmp_path: Path, content: Path
) -> None:
    """A row longer than its header lost its last cells without a word; a trailing empty
    cell (a spreadsheet's stray comma) loses nothing and passes."""
    csv_path = write_csv(
        tmp_path,
        "Role title,Team\nAnalyst,Analytics\nEngineer,Analytics,Sam Lee,x\n"
        '"Multi\nline",Analytics\nTester,Analytics,,\nLead,Analytics,,late\n',
    )

    plan = plan_import(csv_path, "roles", content)

    found = [p.format() for p in plan.problems]
    assert [m.split(": error: ")[0].rsplit(".csv", 1)[1] for m in found] == [":3:3", ":7:4"]
    assert "2 cells beyond the header's 2 columns (column 3: 'Sam Lee')" in found[0]
    assert "1 cell beyond the header's 2 columns (column 4: 'late')" in found[1]
    assert found[0].endswith("[OPM209]")
    assert plan.files == []
    assert main(["import", "csv", str(csv_path), "--kind", "roles", "--content", str(content)]) == 1
    assert not (content / "roles" / "analyst.yml").exists()


def test_a_byte_that_is_not_utf8_is_reported_at_its_line_and_column(
    tmp_path: Path, content: Path
) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        "Role title,Team\nAnalyst,Analytics\nCaf\u00e9 lead,Analytics\nx,y\u00e9\n".encode(
            "latin-1"
        )
    )

    found = messages(path, "roles", content)

    assert [m.split(": error: ")[0].rsplit(".csv", 1)[1] for m in found] == [":3:4", ":4:4"]
    assert "byte 0xe9" in found[0] and found[0].endswith("[OPM209]")
