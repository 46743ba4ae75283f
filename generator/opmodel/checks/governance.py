"""Forums: chaired, attended, deciding something, and written down."""

from __future__ import annotations

from collections.abc import Iterator

from opmodel.checks.base import Context, Finding
from opmodel.codes import FORUM_NO_CHAIR, FORUM_NO_CHARTER, FORUM_NO_DECISIONS, FORUM_NO_MEMBERS
from opmodel.model.relations import decisions_held


def forums_without_chair(ctx: Context) -> Iterator[Finding]:
    """OPM404: a forum nobody chairs has nobody to call it or close its actions."""
    for forum in ctx.model.forums:
        if forum.chair is None and forum.status != "retired":
            yield Finding(FORUM_NO_CHAIR, forum.ref, f"forum '{forum.label}' has no chair")


def forums_without_members(ctx: Context) -> Iterator[Finding]:
    """OPM405: a forum with no members."""
    for forum in ctx.model.forums:
        if not forum.members and forum.status != "retired":
            yield Finding(FORUM_NO_MEMBERS, forum.ref, f"forum '{forum.label}' has no members")


def forums_without_decisions(ctx: Context) -> Iterator[Finding]:
    """OPM406: a forum that is accountable or responsible for no decision may only inform:
    worth asking whether it needs to meet. Not asked of a model that records no decisions
    at all (a model of teams and their meetings): there every forum would be named."""
    if not ctx.model.decisions:
        return
    for forum in ctx.model.forums:
        if forum.status != "retired" and not decisions_held(ctx.model, forum.ref):
            yield Finding(
                FORUM_NO_DECISIONS,
                forum.ref,
                f"forum '{forum.label}' holds no decisions (A or R)",
                None,
                "name it accountable or responsible in the decisions it takes",
            )


def forums_without_charter(ctx: Context) -> Iterator[Finding]:
    """OPM407: a forum with no charter (the Markdown body of its .md file)."""
    for forum in ctx.model.forums:
        if not forum.body.strip() and forum.status != "retired":
            yield Finding(
                FORUM_NO_CHARTER,
                forum.ref,
                f"forum '{forum.label}' has no charter",
                None,
                "write its terms of reference as a .md file's body",
            )
