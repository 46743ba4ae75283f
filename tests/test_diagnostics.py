"""Diagnostics: one line each, with a stable code, sorted by place."""

from __future__ import annotations

import json

import pytest

from opmodel import Diagnostic, Severity
from opmodel.diagnostics import Diagnostics, Position, did_you_mean, format_json, format_text


def diagnostic(message: str = "unknown role 'x'", hint: str | None = None) -> Diagnostic:
    return Diagnostic("content/roles/a.yml", 2, 7, Severity.ERROR, "OPM301", message, hint)


def test_a_diagnostic_formats_as_path_line_column_severity_message_code() -> None:
    assert diagnostic(hint="did you mean 'y'?").format() == (
        "content/roles/a.yml:2:7: error: unknown role 'x' (did you mean 'y'?) [OPM301]"
    )


def test_a_value_quoted_in_a_message_cannot_break_the_line() -> None:
    formatted = diagnostic(message="got text 'a\nb\u2028c\rd'").format()

    assert formatted.splitlines() == [formatted]
    assert "got text 'a\\nb\\u2028c\\rd'" in formatted


def test_an_undocumented_code_is_refused() -> None:
    with pytest.raises(ValueError, match="undocumented diagnostic code OPM999"):
        Diagnostic("a.yml", 1, 1, Severity.ERROR, "OPM999", "message")


def test_diagnostics_come_out_sorted_by_path_and_position() -> None:
    collected = Diagnostics()
    collected.add("b.yml", Position(1, 1), "OPM201", "second file")
    collected.add("a.yml", Position(9, 1), "OPM201", "later line")
    collected.add("a.yml", Position(2, 5), "OPM201", "earlier line")

    assert [d.message for d in collected] == ["earlier line", "later line", "second file"]


def test_errors_and_warnings_are_told_apart() -> None:
    collected = Diagnostics()
    collected.add("a.yml", Position(), "OPM201", "bad")
    collected.add("a.yml", Position(), "OPM401", "unfilled", severity=Severity.WARNING)

    assert ([d.code for d in collected.errors], [d.code for d in collected.warnings]) == (
        ["OPM201"],
        ["OPM401"],
    )


def test_did_you_mean_suggests_the_closest_candidate() -> None:
    assert did_you_mean("head-of-dta", ["head-of-data", "analyst"]) == (
        "did you mean 'head-of-data'?"
    )


def test_did_you_mean_stays_quiet_when_nothing_is_close() -> None:
    assert did_you_mean("zzz", ["head-of-data", "analyst"]) is None


def test_text_format_is_one_line_per_diagnostic() -> None:
    assert format_text([diagnostic(), diagnostic()]).count("\n") == 2


def test_json_format_carries_every_field_and_the_codes_name() -> None:
    (item,) = json.loads(format_json([diagnostic(hint="h")]))

    assert item == {
        "path": "content/roles/a.yml",
        "line": 2,
        "column": 7,
        "severity": "error",
        "code": "OPM301",
        "name": "unknown-reference",
        "message": "unknown role 'x'",
        "hint": "h",
    }
