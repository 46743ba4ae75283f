"""The kinds that say what the organisation does and how it changes: capabilities, flows
(value streams) and their stages, outcomes and their measures, and the changes on the
roadmap."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar

from pydantic import Field

from opmodel.ids import ID_RE
from opmodel.model.schema.entity import Entity
from opmodel.model.schema.fields import (
    AnyRef,
    CapabilityRef,
    ChangeStatus,
    ForumOrRole,
    Number,
    OutcomeFor,
    OutcomeRef,
    Rating,
    Strict,
    Text,
    UnitOrRole,
)


class Maturity(Strict):
    """How mature a capability is and should be, each 1 to 5."""

    current: Rating | None = Field(default=None, examples=[2])
    """How mature the capability is today, 1 (initial) to 5 (optimised)."""
    target: Rating | None = Field(default=None, examples=[4])
    """How mature it should become, 1 to 5."""

    @property
    def gap(self) -> int | None:
        if self.current is None or self.target is None:
            return None
        return self.target - self.current


class Capability(Entity):
    """Something the organisation is able to do (`content/capabilities/`), nested by
    `parent`."""

    kind: ClassVar[str] = "capability"
    name: str | None = Field(default=None, examples=["Data management"])
    """The capability's name."""
    parent: CapabilityRef | None = Field(default=None, examples=["information"])
    """The broader capability it is part of: a capability id."""
    owner: UnitOrRole | None = Field(default=None, examples=["data-team", "role:head-of-data"])
    """Who owns it: a unit id, or `role:` id."""
    maturity: Maturity | None = Field(default=None, examples=[{"current": 2, "target": 4}])
    """How mature it is and should be."""


class Stage(Strict):
    """One step of a flow."""

    id: Annotated[str, Field(pattern=f"^{ID_RE}$")] = Field(examples=["triage"])
    """The stage's id, unique within the flow (a lower-case slug)."""
    name: str | None = Field(default=None, examples=["Triage"])
    """The stage's name."""
    owner: UnitOrRole | None = Field(default=None, examples=["service-desk", "role:duty-manager"])
    """Who does it: a unit id, or `role:` id. A change of owning unit between stages is a
    handoff."""
    capabilities: tuple[CapabilityRef, ...] = Field(default=(), examples=[["user-research"]])
    """The capabilities it uses: capability ids."""
    lead_time_days: Annotated[float, Field(ge=0)] | None = Field(default=None, examples=[2.5])
    """How long it usually takes, in days."""
    pain: Annotated[int, Field(ge=0, le=3)] = Field(default=0, examples=[2])
    """How painful it is today, 0 (fine) to 3 (severe)."""

    @property
    def label(self) -> str:
        return self.name or self.id


class Flow(Entity):
    """A value stream: ordered stages from a trigger to a result (`content/flows/`)."""

    kind: ClassVar[str] = "flow"
    name: str | None = Field(default=None, examples=["Idea to live service"])
    """The flow's name."""
    outcome: OutcomeRef | None = Field(default=None, examples=["faster-services"])
    """The outcome it serves: an outcome id."""
    trigger: str | None = Field(default=None, examples=["A user need is found."])
    """What starts it."""
    result: str | None = Field(default=None, examples=["The service is live."])
    """What it delivers at the end."""
    stages: tuple[Stage, ...] = Field(
        default=(),
        examples=[[{"id": "triage", "name": "Triage", "owner": "service-desk", "pain": 2}]],
    )
    """Its stages, in order."""


class Measure(Strict):
    """A measure of an outcome."""

    name: Text = Field(examples=["Requests answered in a day"])
    """What is measured."""
    current: Number | str | None = Field(default=None, examples=[62, "weekly"])
    """Its value today."""
    target: Number | str | None = Field(default=None, examples=[90, "daily"])
    """The value aimed for."""
    unit: str | None = Field(default=None, examples=["%"])
    """The unit of the values (%, days, £k)."""


class Outcome(Entity):
    """A north-star outcome, for users or for the organisation (`content/outcomes/`)."""

    kind: ClassVar[str] = "outcome"
    name: str | None = Field(default=None, examples=["Services that are quick to use"])
    """The outcome's name."""
    for_: OutcomeFor | None = Field(default=None, alias="for", examples=["users"])
    """Whom it is for."""
    measures: tuple[Measure, ...] = Field(
        default=(),
        examples=[
            [{"name": "Requests answered in a day", "current": 62, "target": 90, "unit": "%"}]
        ],
    )
    """How progress is measured."""
    constraints: tuple[Text, ...] = Field(
        default=(), examples=[["Stay within budget", "No drop in accessibility"]]
    )
    """What must hold while pursuing it, one line each."""


class Change(Entity):
    """A change to the operating model on its roadmap (`content/changes/`)."""

    kind: ClassVar[str] = "change"
    label_field: ClassVar[str] = "title"
    title: str | None = Field(default=None, examples=["Fortnightly delivery review"])
    """The change, in a few words."""
    # a change has its own lifecycle, not the common `status`
    status: ChangeStatus = Field(default="idea", examples=["trial"])  # type: ignore[assignment]
    """Where the change is on the roadmap."""
    hypothesis: str | None = Field(
        default=None, examples=["Reviewing every two weeks halves the lead time."]
    )
    """What it is expected to improve, and how that will be seen."""
    affects: tuple[AnyRef, ...] = Field(
        default=(), examples=[["role:head-of-data", "forum:data-board"]]
    )
    """What it changes: references with their kind (`role:head-of-data`)."""
    outcome: OutcomeRef | None = Field(default=None, examples=["faster-services"])
    """The outcome it serves: an outcome id."""
    start: dt.date | None = Field(default=None, examples=[dt.date(2026, 1, 5)])
    """When it starts (YYYY-MM-DD)."""
    review: dt.date | None = Field(default=None, examples=[dt.date(2026, 4, 6)])
    """When it is reviewed, to keep or drop it (YYYY-MM-DD)."""
    decided_by: ForumOrRole | None = Field(default=None, examples=["investment-board"])
    """Who decides on it: a forum id, or `role:` id."""
