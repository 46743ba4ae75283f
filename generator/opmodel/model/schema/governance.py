"""The kinds that say who decides: forums (with when they meet) and decision rights."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from opmodel.model.schema.entity import Entity
from opmodel.model.schema.fields import (
    Cadence,
    ForumRef,
    ForumType,
    Party,
    RoleOrForum,
    RoleRef,
    Text,
)
from opmodel.model.schema.meets import Schedule


class Forum(Entity):
    """A board, committee, council or recurring meeting (`content/forums/`); the Markdown
    body of its file is its charter."""

    kind: ClassVar[str] = "forum"
    name: str | None = Field(default=None, examples=["Investment Board"])
    """The forum's name."""
    type: ForumType | None = Field(default=None, examples=["governance"])
    """Whether it governs or manages."""
    purpose: str | None = Field(default=None, examples=["Decide which work is funded."])
    """Why the forum meets."""
    chair: RoleRef | None = Field(default=None, examples=["chief-digital-officer"])
    """The role that chairs it: a role id."""
    secretary: RoleRef | None = Field(default=None, examples=["board-secretary"])
    """The role that runs its paperwork: a role id."""
    members: tuple[RoleRef, ...] = Field(default=(), examples=[["head-of-data", "head-of-finance"]])
    """The roles that sit on it: role ids (the chair and the secretary have their seats
    anyway)."""
    cadence: Cadence | None = Field(default=None, examples=["monthly"])
    """How often it meets."""
    duration_minutes: Annotated[int, Field(ge=0)] | None = Field(default=None, examples=[90])
    """How long a meeting lasts, in minutes: with the cadence, it gives each seat's weekly hours."""
    meets: Schedule | None = Field(
        default=None, examples=[{"day": "tuesday", "time": "10:00", "timezone": "Europe/London"}]
    )
    """When it meets: day, time and time zone, with `week_of_month` (and `months`) for
    monthly, quarterly and annual forums; published as an iCalendar feed."""
    quorum: int | str | None = Field(default=None, examples=[3, "the chair and two members"])
    """How many members (or which) must attend for it to decide."""
    reports_to: ForumRef | None = Field(default=None, examples=["executive-committee"])
    """The forum it reports and escalates to: a forum id."""
    inputs: tuple[Text, ...] = Field(default=(), examples=[["Business cases", "Portfolio report"]])
    """What it receives: papers, reports, requests."""
    outputs: tuple[Text, ...] = Field(default=(), examples=[["Funding decisions", "Minutes"]])
    """What it produces: decisions, minutes, reports."""


def _one_accountable(value: Any) -> Any:
    if isinstance(value, list | tuple):
        if len(value) == 1:
            return value[0]
        raise PydanticCustomError(
            "one_accountable",
            "a decision has exactly one accountable, found {count}",
            {"count": len(value)},
        )
    return value


class Decision(Entity):
    """A decision right: who decides, does, is consulted and is told (`content/decisions/`)."""

    kind: ClassVar[str] = "decision"
    label_field: ClassVar[str] = "title"
    title: str | None = Field(default=None, examples=["Approve a data-sharing agreement"])
    """The decision, in a few words."""
    category: str | None = Field(default=None, examples=["data"])
    """A free grouping (finance, people, technology...)."""
    accountable: Annotated[RoleOrForum, BeforeValidator(_one_accountable)] = Field(
        examples=["head-of-data", "forum:investment-board"]
    )
    """Who has the final say, the A of RACI: exactly one role id or `forum:` id."""
    responsible: tuple[Party, ...] = Field(
        default=(), examples=[["data-architect", "unit:data-team"]]
    )
    """Who does the work of deciding, the R: roles, or `unit:` / `forum:` ids."""
    consulted: tuple[Party, ...] = Field(
        default=(), examples=[["data-protection-officer", "forum:data-board"]]
    )
    """Whose view is sought first, the C: roles, or `unit:` / `forum:` ids."""
    informed: tuple[Party, ...] = Field(default=(), examples=[["unit:service-desk"]])
    """Who is told once it is made, the I: roles, or `unit:` / `forum:` ids."""
    escalates_to: RoleOrForum | None = Field(default=None, examples=["forum:investment-board"])
    """Where it goes when it is beyond the accountable's limits: a role id or `forum:` id."""
    threshold: str | None = Field(default=None, examples=["spend over £50k escalates"])
    """When it applies, or when it escalates (a budget limit, a risk level)."""
