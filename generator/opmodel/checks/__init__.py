"""Stage three: health checks over a valid model. A new check is one function in the family
module and one line in CHECKS; its docstring is its documentation."""

from __future__ import annotations

import datetime as dt

from opmodel.checks import decisions, governance, resources, reviews, roles, structure
from opmodel.checks.base import Check, Context, Finding
from opmodel.clock import today as clock_today
from opmodel.diagnostics import Diagnostic, Severity
from opmodel.model.model import Model
from opmodel.model.refs import Ref
from opmodel.model.schema import Entity

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
]


def run_checks(model: Model, today: dt.date | None = None) -> list[Finding]:
    ctx = Context(model, today or clock_today())
    return sorted(finding for check in CHECKS for finding in check(ctx))


def as_diagnostics(model: Model, findings: list[Finding], strict: bool = False) -> list[Diagnostic]:
    """Findings as compiler-style messages, at the entity's file and field."""
    out = []
    for finding in findings:
        severity = Severity.ERROR if strict or finding.error else Severity.WARNING
        path, (line, column) = model.organisation.path, (1, 1)
        if finding.subject is not None:
            entity = _subject(model, finding.subject)
            path, (line, column) = entity.path, finding.at or entity.position(finding.field)
        out.append(
            Diagnostic(path, line, column, severity, finding.code, finding.message, finding.hint)
        )
    return sorted(out)


def _subject(model: Model, ref: Ref) -> Entity:
    """The entity a finding is about: the organisation and guide pages are not in the
    entity tables."""
    if ref == model.organisation.ref:
        return model.organisation
    if ref.kind == "page":
        return next(page for page in model.pages if page.id == ref.id)
    return model.get(ref)


__all__ = ["CHECKS", "Finding", "as_diagnostics", "run_checks"]
