"""The list of checks, and how findings become messages."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest

from opmodel import Model, Severity, run_checks
from opmodel.checks import CHECKS, as_diagnostics
from opmodel.codes import CODES

Build = Callable[[dict[str, str]], Model]


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__)
def test_every_check_documents_its_health_code(check: Callable[..., object]) -> None:
    match = re.match(r"(OPM\d{3}): ", check.__doc__ or "")

    assert match is not None and match[1] in CODES


def test_each_health_code_has_exactly_one_check() -> None:
    documented = sorted((check.__doc__ or "")[:6] for check in CHECKS)

    # Health (4xx), and the URLs in model text (remote resources, unsafe URLs, URLs shown
    # as text, links in prose that lead nowhere): the checks that read a whole valid model.
    assert documented == sorted(
        code
        for code in CODES
        if code.startswith("OPM4") or code in ("OPM207", "OPM208", "OPM211", "OPM310")
    )


def test_run_checks_returns_findings_sorted(build_model: Build) -> None:
    model = build_model({"roles/b.yml": "title: B\n", "roles/a.yml": "title: A\n"})

    findings = run_checks(model, dt.date(2026, 11, 23))

    assert findings == sorted(findings)
    assert [f.code for f in findings] == ["OPM401"] * 2 + ["OPM402"] * 2 + ["OPM403"] * 2


def test_run_checks_reads_today_from_source_date_epoch(
    build_model: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = build_model({"units/data.yml": "name: Data\nreview_by: 2026-11-22\n"})

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23
    assert [f.code for f in run_checks(model)] == ["OPM412"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795219200")  # 2026-11-21
    assert run_checks(model) == []


def test_findings_become_warnings_at_their_field(build_model: Build) -> None:
    model = build_model({"units/data.yml": "name: Data\n\nreview_by: 2026-01-01\n"})

    (diagnostic,) = as_diagnostics(model, run_checks(model, dt.date(2026, 11, 23)))

    assert (diagnostic.severity, diagnostic.line, diagnostic.column) == (Severity.WARNING, 3, 1)
    assert diagnostic.path.endswith("content/units/data.yml")


def test_strict_turns_findings_into_errors(build_model: Build) -> None:
    model = build_model({"capabilities/c.yml": "name: C\n"})

    diagnostics = as_diagnostics(model, run_checks(model, dt.date(2026, 11, 23)), strict=True)

    assert [(d.severity, d.code) for d in diagnostics] == [(Severity.ERROR, "OPM413")]
