"""The benchmark's model generator: valid models, in the designed proportions, reproducibly.

The benchmark is only worth its numbers if the generated model is one opmodel accepts and
looks like a real one; a small size keeps these tests to a couple of seconds.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest
from benchmarks.generate_model import MAX_DEPTH, generate

from opmodel import Model, load_model, run_checks
from opmodel.cli import main
from opmodel.diagnostics import Severity
from opmodel.model.relations import direct_reports, meeting_hours, unit_depth
from opmodel.model.schema import Forum, Role, Unit

ROLES = 300
SOURCE_DATE_EPOCH = "1795392000"


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated") / "content"
    generate(folder, ROLES, seed=7)
    return folder


@pytest.fixture(scope="module")
def model(content: Path) -> Model:
    result = load_model(content)
    errors = [d.format() for d in result.diagnostics if d.severity is Severity.ERROR]
    assert result.model is not None, "\n".join(errors)
    return result.model


def digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_generated_model_loads_without_errors(content: Path) -> None:
    result = load_model(content)
    assert [d.format() for d in result.diagnostics if d.severity is Severity.ERROR] == []


def test_opmodel_check_passes_on_the_generated_model(
    content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    assert main(["check", "--content", str(content)]) == 0
    assert " 0 error(s)" in capsys.readouterr().err


def test_generated_model_has_the_designed_proportions(model: Model) -> None:
    counts = {kind: len(model.of_kind(kind)) for kind in model.entities}
    assert counts["role"] == ROLES
    assert counts["unit"] == ROLES // 10
    assert counts["forum"] == ROLES // 20
    assert counts["decision"] == ROLES // 5
    for kind in ("person", "capability", "flow", "outcome", "change"):
        assert counts[kind] > 0, kind
    assert len(model.pages) == 2


def test_units_are_nested_up_to_five_levels(model: Model) -> None:
    depths = Counter(unit_depth(model, unit) for unit in model.units)
    assert max(depths) == MAX_DEPTH
    assert model.organisation.settings.max_depth == MAX_DEPTH


def test_roles_report_within_their_unit_tree(model: Model) -> None:
    """A role reports to a role of its own unit or of the parent unit (a unit's lead)."""
    for role in model.roles:
        if role.reports_to is None:
            continue
        boss = model.get(role.reports_to)
        assert isinstance(boss, Role) and role.unit is not None
        unit = model.get(role.unit)
        assert isinstance(unit, Unit)
        allowed = {role.unit, unit.parent} if unit.parent else {role.unit, boss.unit}
        assert boss.unit in allowed, role.id


def test_forums_have_charters_chairs_members_and_decisions(model: Model) -> None:
    types = Counter(forum.type for forum in model.forums)
    assert types["governance"] and types["management"]
    for forum in model.forums:
        assert isinstance(forum, Forum)
        assert forum.body.strip().startswith("## Remit"), forum.id
        assert forum.chair is not None and forum.members, forum.id
    assert sum(forum.reports_to is None for forum in model.forums) == 1  # one tree


def test_decisions_have_the_full_raci(model: Model) -> None:
    for decision in model.decisions:
        assert decision.responsible and decision.consulted and decision.informed, decision.id


def test_flows_have_five_to_eight_stages_and_changes_cover_every_status(model: Model) -> None:
    assert all(5 <= len(flow.stages) <= 8 for flow in model.flows)
    assert {change.status for change in model.changes} == {
        "idea",
        "planned",
        "trial",
        "adopted",
        "dropped",
    }


def test_health_warnings_are_only_the_few_planted_ones(model: Model) -> None:
    """Spans, meeting loads and depths stay within the limits; a few roles are unfilled
    and a few reviews overdue, as in a real model."""
    import datetime as dt

    findings = run_checks(model, today=dt.date(2026, 11, 23))
    codes = Counter(finding.code for finding in findings)
    assert set(codes) <= {"OPM401", "OPM412"}, codes
    assert sum(codes.values()) < ROLES * 0.05
    limits = model.organisation.settings
    assert max(len(direct_reports(model, role)) for role in model.roles) <= (
        limits.max_span_of_control
    )
    assert max(meeting_hours(model, role) for role in model.roles) <= (
        limits.max_meeting_hours_per_week
    )


def test_the_same_seed_gives_byte_identical_files(tmp_path: Path, content: Path) -> None:
    again = tmp_path / "again"
    generate(again, ROLES, seed=7)
    assert digest(again) == digest(content)


def test_another_seed_gives_another_model(tmp_path: Path, content: Path) -> None:
    other = tmp_path / "other"
    generate(other, ROLES, seed=8)
    assert digest(other) != digest(content)


def test_generator_refuses_to_overwrite_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        generate(tmp_path, 100)
