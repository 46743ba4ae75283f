"""Stage three: health checks over a valid model. A new check is one function in the family
module and one line in CHECKS; its docstring is its documentation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from opmodel.checks import decisions, governance, resources, reviews, roles, structure
from opmodel.checks.base import Check, Context, Finding
from opmodel.clock import today as clock_today
from opmodel.diagnostics import Diagnostic, Severity
from opmodel.model.build import LoadResult
from opmodel.model.model import Model
from opmodel.model.refs import Ref

CHECKS: list[Check] = [
    roles.unfilled_roles,
    roles.roles_without_accountabilities,
    roles.roles_without_unit,
    governance.forums_without_chair,
    governance.forums_without_members,
    governance.forums_without_decisions,
    governance.forums_without_charter,
    decisions.decisions_without_responsible,
    structure.units_too_deep,
    roles.span_of_control,
    roles.meeting_load,
    reviews.overdue_reviews,
    structure.capabilities_without_owner,
    resources.remote_resources,
    resources.unsafe_urls,
    resources.unlinked_urls,
    resources.broken_prose_links,
]


def findings_of(result: LoadResult, today: dt.date | None = None) -> list[Finding]:
    """What `check` and every build report beside the loader's messages: every check over
    a model that loaded; over one that did not, the checks of each file's own text (OPM207,
    OPM208), so that an unsafe URL comes in the same run as a reference error."""
    if result.model is not None:
        return run_checks(result.model, today)
    return sorted(resources.text_findings(result.entities), key=_order)


def run_checks(model: Model, today: dt.date | None = None) -> list[Finding]:
    ctx = Context(model, today or clock_today())
    return sorted((finding for check in CHECKS for finding in check(ctx)), key=_order)


_NOBODY = Ref("", "")


def _order(finding: Finding) -> tuple[Any, ...]:
    """Findings' own order, where a finding about a file (the organisation, a guide page:
    no subject) sorts before those about entities, by its file and place."""
    subject = finding.subject
    return (
        finding.code,
        subject is not None,
        subject or _NOBODY,
        finding.path or "",
        finding.at or (0, 0),
        finding,
    )


def as_diagnostics(
    model: Model | None, findings: list[Finding], strict: bool = False
) -> list[Diagnostic]:
    """Findings as compiler-style messages, at the entity's file and field. Without a
    model, only findings that name their file and place (`findings_of`)."""
    out = []
    for finding in findings:
        severity = Severity.ERROR if strict or finding.error else Severity.WARNING
        if finding.path is not None and finding.at is not None:
            path, (line, column) = finding.path, finding.at
        else:
            assert model is not None, "a finding without its place needs the model"
            path, (line, column) = model.organisation.path, finding.at or (1, 1)
            if finding.subject is not None:
                entity = model.get(finding.subject)
                path = entity.path
                line, column = finding.at or entity.position(finding.field)
        out.append(
            Diagnostic(path, line, column, severity, finding.code, finding.message, finding.hint)
        )
    return sorted(out)


def diagnose(result: LoadResult, strict: bool = False) -> tuple[list[Finding], list[Diagnostic]]:
    """The one checking path that `check` and every build take: the checks' findings, and
    every message about the model (the loader's and the findings'), sorted."""
    findings = findings_of(result)
    found = as_diagnostics(result.model, findings, strict=strict)
    return findings, sorted([*result.diagnostics, *found])


__all__ = ["CHECKS", "Finding", "as_diagnostics", "diagnose", "findings_of", "run_checks"]
