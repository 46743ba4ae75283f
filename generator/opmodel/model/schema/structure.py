"""The kinds that say who is where: the organisation (with its principles and the health
checks' limits), units, roles and people."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from opmodel.model.addresses import ChatUrlTemplate, WebUrl
from opmodel.model.schema.entity import Entity
from opmodel.model.schema.fields import (
    CapabilityRef,
    GovernanceModel,
    Holder,
    RoleRef,
    Strict,
    TeamType,
    Text,
    UnitRef,
)


class Principle(Strict):
    """A principle: one of the non-negotiables of the fixed spine."""

    title: Text
    """The principle, in a few words."""
    description: str | None = None
    """What it means in practice, in Markdown."""


class Settings(Strict):
    """The limits that the health checks report against."""

    max_depth: Annotated[int, Field(ge=1)] = 3
    """How many levels deep units may nest (a top-level unit is level 1) before one is
    reported."""
    max_span_of_control: Annotated[int, Field(ge=1)] = 8
    """How many direct reports a role may have before it is reported."""
    max_meeting_hours_per_week: Annotated[float, Field(ge=0)] = 6
    """How many hours a week a role may spend in forums before it is reported."""
    review_period_days: Annotated[int, Field(ge=1)] = 365
    """How often, in days, each part of the model should be reviewed."""
    chat_url: ChatUrlTemplate | None = None
    """Where chat channels named in `contact.chat` (`'#sig-network'`) live: a URL with
    {channel} where the name goes (`https://example.slack.com/app_redirect?channel={channel}`)."""
    prose_base_url: WebUrl = None
    """Where links in prose from a repository's root (`/contributors/guide.md`, as in
    charters copied from a project's repository) lead: that path is added to this URL
    (`https://github.com/org/community/blob/main`). Without it, `check` warns of each
    (OPM310) and the site shows them as text."""


class Organisation(Entity):
    """The organisation as a whole (`content/organisation.yml`, exactly one)."""

    kind: ClassVar[str] = "organisation"
    name: Text
    """The organisation's name: the site's title."""
    purpose: str | None = None
    """Why the organisation exists, in a sentence or two."""
    governance_model: GovernanceModel | None = None
    """How decisions are spread across the organisation."""
    principles: tuple[Principle, ...] = ()
    """The non-negotiables that every part of the model follows: the fixed spine."""
    settings: Settings = Settings()
    """The limits the health checks report against."""


class Unit(Entity):
    """A part of the organisation: a directorate, department, team or circle, or an external
    supplier or partner (`content/units/`)."""

    kind: ClassVar[str] = "unit"
    name: str | None = None
    """The unit's name."""
    type: str | None = None
    """What kind of unit it is, in the organisation's own words (directorate, department, team,
    circle...)."""
    parent: UnitRef | None = Field(default=None, examples=["digital-directorate"])
    """The unit it belongs to: a unit id."""
    lead: RoleRef | None = Field(default=None, examples=["chief-digital-officer"])
    """The role that leads it: a role id."""
    purpose: str | None = None
    """Why the unit exists."""
    team_type: TeamType | None = None
    """For a team: its Team Topologies type."""
    external: bool = False
    """Whether it is outside the organisation: a supplier or partner."""
    supplier_tier: Annotated[int, Field(ge=1, le=3)] | None = None
    """For an external unit: its supplier tier, 1 to 3."""
    capabilities: tuple[CapabilityRef, ...] = ()
    """The capabilities it provides: capability ids."""
    order: int | None = None
    """Its place among its sibling units in the org chart, lower first; units without it
    follow, biggest first (units beneath, then roles)."""


class Role(Entity):
    """A role that people hold (`content/roles/`)."""

    kind: ClassVar[str] = "role"
    label_field: ClassVar[str] = "title"
    title: str | None = None
    """The role's title."""
    unit: UnitRef | None = None
    """The unit it sits in: a unit id."""
    reports_to: RoleRef | None = Field(default=None, examples=["chief-digital-officer"])
    """The role it reports to: a role id."""
    purpose: str | None = None
    """Why the role exists."""
    accountabilities: tuple[Text, ...] = ()
    """What the role is answerable for, one line each."""
    holders: tuple[Holder, ...] = Field(default=(), examples=[["amara-okafor", "Sam Lee"]])
    """Who holds it: person ids, or names written inline."""
    headcount: Annotated[int, Field(ge=0)] | None = None
    """How many people the role is meant to have, where more than one holds it."""
    profession: str | None = None
    """The profession or job family it belongs to."""


class Person(Entity):
    """Someone who holds roles (`content/people/`, optional: roles may name holders inline)."""

    kind: ClassVar[str] = "person"
    name: str | None = None
    """The person's name."""
    email: str | None = None
    """Their email address."""
    handle: str | None = None
    """Their chat or directory handle."""

    @property
    def label(self) -> str:
        """Their name; for someone known only by their handle, the handle."""
        return self.name or self.handle or self.id
