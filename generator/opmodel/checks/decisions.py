"""Decisions: somebody does the work."""

from __future__ import annotations

from collections.abc import Iterator

from opmodel.checks.base import Context, Finding
from opmodel.codes import DECISION_NO_RESPONSIBLE


def decisions_without_responsible(ctx: Context) -> Iterator[Finding]:
    """OPM408: nobody is Responsible, so the decision has an owner but no doer."""
    for decision in ctx.model.decisions:
        if not decision.responsible and decision.status != "retired":
            yield Finding(
                DECISION_NO_RESPONSIBLE,
                decision.ref,
                f"decision '{decision.label}' has nobody responsible",
                None,
                "add `responsible:` with the roles, units or forums that do the work",
            )
