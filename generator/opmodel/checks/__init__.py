"""Stage three: health checks over a valid model. A new check is one function in the family
module and one line in CHECKS; its docstring is its documentation."""

from __future__ import annotations

import datetime as dt

from opmodel.checks import decisions, governance, reviews, roles, structure
from opmodel.checks.base import Check, Context, Finding
from opmodel.clock import today as clock_today
from opmodel.diagnostics import Diagnostic, Severity
from opmodel.model.model import Model

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
]


def run_checks(model: Model, today: dt.date | None = None) -> list[Finding]:
    ctx = Context(model, today or clock_today())
    return sorted(finding for check in CHECKS for finding in check(ctx))


def as_diagnostics(model: Model, findings: list[Finding], strict: bool = False) -> list[Diagnostic]:
    """Findings as compiler-style messages, at the entity's file and field."""
    severity = Severity.ERROR if strict else Severity.WARNING
    out = []
    for finding in findings:
        path, (line, column) = model.organisation.path, (1, 1)
        if finding.subject is not None:
            entity = model.get(finding.subject)
            path, (line, column) = entity.path, entity.position(finding.field)
        out.append(
            Diagnostic(path, line, column, severity, finding.code, finding.message, finding.hint)
        )
    return sorted(out)


__all__ = ["CHECKS", "Finding", "as_diagnostics", "run_checks"]
