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

    title: Text = Field(examples=["Users first"])
    """The principle, in a few words."""
    description: str | None = Field(
        default=None, examples=["Every change starts from a user need."]
    )
    """What it means in practice, in Markdown."""


class Settings(Strict):
    """The limits that the health checks report against."""

    max_depth: Annotated[int, Field(ge=1)] = Field(default=3, examples=[4])
    """How many levels deep units may nest (a top-level unit is level 1) before one is
    reported."""
    max_span_of_control: Annotated[int, Field(ge=1)] = Field(default=8, examples=[10])
    """How many direct reports a role may have before it is reported."""
    max_meeting_hours_per_week: Annotated[float, Field(ge=0)] = Field(default=6, examples=[8])
    """How many hours a week a role may spend in forums before it is reported."""
    review_period_days: Annotated[int, Field(ge=1)] = Field(default=365, examples=[180])
    """How often, in days, each part of the model should be reviewed."""
    chat_url: ChatUrlTemplate | None = Field(
        default=None, examples=["https://example.slack.com/app_redirect?channel={channel}"]
    )
    """Where chat channels named in `contact.chat` (`'#sig-network'`) live: a URL with
    {channel} where the name goes (`https://example.slack.com/app_redirect?channel={channel}`)."""
    prose_base_url: WebUrl = Field(
        default=None, examples=["https://github.com/org/community/blob/main"]
    )
    """Where links in prose from a repository's root (`/contributors/guide.md`, as in
    charters copied from a project's repository) lead: that path is added to this URL
    (`https://github.com/org/community/blob/main`). Without it, `check` warns of each
    (OPM310) and the site shows them as text."""


class Organisation(Entity):
    """The organisation as a whole (`content/organisation.yml`, exactly one)."""

    kind: ClassVar[str] = "organisation"
    name: Text = Field(examples=["Example Public Services"])
    """The organisation's name: the site's title."""
    purpose: str | None = Field(default=None, examples=["Make public services simple to use."])
    """Why the organisation exists, in a sentence or two."""
    governance_model: GovernanceModel | None = Field(default=None, examples=["federated"])
    """How decisions are spread across the organisation."""
    principles: tuple[Principle, ...] = Field(
        default=(),
        examples=[
            [{"title": "Users first", "description": "Every change starts from a user need."}]
        ],
    )
    """The non-negotiables that every part of the model follows: the fixed spine."""
    settings: Settings = Field(
        default=Settings(), examples=[{"max_depth": 4, "review_period_days": 180}]
    )
    """The limits the health checks report against."""


class Unit(Entity):
    """A part of the organisation: a directorate, department, team or circle, or an external
    supplier or partner (`content/units/`)."""

    kind: ClassVar[str] = "unit"
    name: str | None = Field(default=None, examples=["Data Team"])
    """The unit's name."""
    type: str | None = Field(default=None, examples=["team"])
    """What kind of unit it is, in the organisation's own words (directorate, department, team,
    circle...)."""
    parent: UnitRef | None = Field(default=None, examples=["digital-directorate"])
    """The unit it belongs to: a unit id."""
    lead: RoleRef | None = Field(default=None, examples=["chief-digital-officer"])
    """The role that leads it: a role id."""
    purpose: str | None = Field(default=None, examples=["Look after the organisation's data."])
    """Why the unit exists."""
    team_type: TeamType | None = Field(default=None, examples=["platform"])
    """For a team: its Team Topologies type."""
    external: bool = Field(default=False, examples=[True])
    """Whether it is outside the organisation: a supplier or partner."""
    supplier_tier: Annotated[int, Field(ge=1, le=3)] | None = Field(default=None, examples=[2])
    """For an external unit: its supplier tier, 1 to 3."""
    capabilities: tuple[CapabilityRef, ...] = Field(
        default=(), examples=[["data-management", "reporting"]]
    )
    """The capabilities it provides: capability ids."""
    order: int | None = Field(default=None, examples=[1])
    """Its place among its sibling units in the org chart, lower first; units without it
    follow, biggest first (units beneath, then roles)."""


class Role(Entity):
    """A role that people hold (`content/roles/`)."""

    kind: ClassVar[str] = "role"
    label_field: ClassVar[str] = "title"
    title: str | None = Field(default=None, examples=["Head of Data"])
    """The role's title."""
    unit: UnitRef | None = Field(default=None, examples=["data-team"])
    """The unit it sits in: a unit id."""
    reports_to: RoleRef | None = Field(default=None, examples=["chief-digital-officer"])
    """The role it reports to: a role id."""
    purpose: str | None = Field(default=None, examples=["Make the data trustworthy."])
    """Why the role exists."""
    accountabilities: tuple[Text, ...] = Field(
        default=(), examples=[["Data quality", "Data protection compliance"]]
    )
    """What the role is answerable for, one line each."""
    holders: tuple[Holder, ...] = Field(default=(), examples=[["amara-okafor", "Sam Lee"]])
    """Who holds it: person ids, or names written inline."""
    headcount: Annotated[int, Field(ge=0)] | None = Field(default=None, examples=[3])
    """How many people the role is meant to have, where more than one holds it."""
    profession: str | None = Field(default=None, examples=["Digital, data and technology"])
    """The profession or job family it belongs to."""


class Person(Entity):
    """Someone who holds roles (`content/people/`, optional: roles may name holders inline)."""

    kind: ClassVar[str] = "person"
    name: str | None = Field(default=None, examples=["Amara Okafor"])
    """The person's name."""
    email: str | None = Field(default=None, examples=["amara.okafor@example.org"])
    """Their email address."""
    handle: str | None = Field(default=None, examples=["@amara"])
    """Their chat or directory handle."""

    @property
    def label(self) -> str:
        """Their name; for someone known only by their handle, the handle."""
        return self.name or self.handle or self.id
