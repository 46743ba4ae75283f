"""The content format (DESIGN.md) as pydantic models: one class per kind.

These classes are the model's entities: frozen, with references parsed into `Ref`s, and the
source of the JSON Schema that editors use (`opmodel schema`). `extra="forbid"` makes a
typo in a field name an error instead of a silently dropped value. Fields the loader sets
itself (`id`, `body`, `path`) are hidden from the JSON Schema.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal, TypeAlias

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from opmodel.ids import ID_RE
from opmodel.model.addresses import (
    AddressOrUrl,
    ChatChannel,
    ChatUrlTemplate,
    EmailAddress,
    WebUrl,
    WebUrlOrPath,
)
from opmodel.model.refs import Ref, RefTo

Status = Literal["proposed", "trial", "active", "retiring", "retired"]
ChangeStatus = Literal["idea", "planned", "trial", "adopted", "dropped"]
Stability = Literal["fixed", "adaptable"]
Cadence = Literal["weekly", "fortnightly", "monthly", "quarterly", "annually", "ad hoc"]

Text = Annotated[str, Field(min_length=1)]
Rating = Annotated[int, Field(ge=1, le=5)]
Number = int | float


UnitRef: TypeAlias = Annotated[Ref, RefTo("unit")]
RoleRef: TypeAlias = Annotated[Ref, RefTo("role")]
ForumRef: TypeAlias = Annotated[Ref, RefTo("forum")]
CapabilityRef: TypeAlias = Annotated[Ref, RefTo("capability")]
OutcomeRef: TypeAlias = Annotated[Ref, RefTo("outcome")]
RoleOrForum: TypeAlias = Annotated[Ref, RefTo("role", "forum")]
Party: TypeAlias = Annotated[Ref, RefTo("role", "unit", "forum")]
UnitOrRole: TypeAlias = Annotated[Ref, RefTo("unit", "role")]
ForumOrRole: TypeAlias = Annotated[Ref, RefTo("forum", "role")]
AnyRef: TypeAlias = Annotated[Ref, RefTo(require_kind=True)]


def _holder(value: Any) -> Ref | str:
    """A holder is a person id (a slug, or person:id) or a person's name written inline."""
    if isinstance(value, str) and (value.startswith("person:") or RefTo._looks_like_id(value)):
        return RefTo("person").parse(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise PydanticCustomError("holder", "a holder is a person id or a name")


Holder = Annotated[
    Ref | str,
    BeforeValidator(_holder),
    WithJsonSchema({"type": "string", "description": "A person id, or the holder's name."}),
]


class Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        coerce_numbers_to_str=True,  # `name: 1984` is text, as the user meant
        populate_by_name=True,
    )


class Link(Strict):
    title: Text
    url: Text


class Contact(Strict):
    """How to reach a unit, forum, role or person: its page shows "How to reach them"."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    email: EmailAddress = None
    """An e-mail address (`team@example.org`); the site links it with mailto:."""
    chat: ChatChannel = None
    """A chat channel: its web address (`https://example.slack.com/archives/C024BE91L`), or
    its name (`'#sig-network'`, quoted: # starts a YAML comment), which links when the
    organisation's settings.chat_url says where channels live."""
    mailing_list: AddressOrUrl = None
    """A mailing list: its address (`dev@lists.example.org`) or its page (`https://...`)."""
    meeting: WebUrl = None
    """The video call its meetings use (`https://meet.example.org/abc-defg-hij`)."""
    url: WebUrlOrPath = None
    """A web page about it (`https://...`, or a path on this site: `/guides/x/`)."""


class Entity(Strict):
    kind: ClassVar[str] = ""
    label_field: ClassVar[str] = "name"

    id: SkipJsonSchema[str] = Field(default="", exclude=True)
    body: SkipJsonSchema[str] = Field(default="", exclude=True)
    path: SkipJsonSchema[str] = Field(default="", exclude=True)
    positions: SkipJsonSchema[dict[str, tuple[int, int]]] = Field(
        default_factory=dict, exclude=True, repr=False
    )
    """Line and column of each top-level field, for messages about this entity."""

    summary: str | None = None
    description: str | None = None
    status: Status = "active"
    stability: Stability = "adaptable"
    review_by: dt.date | None = None
    tags: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    contact: Contact | None = None

    @property
    def ref(self) -> Ref:
        return Ref(self.kind, self.id)

    @property
    def label(self) -> str:
        """What people call it: its name or title, else its id."""
        value = getattr(self, self.label_field, None)
        return value if value else self.id

    def position(self, field: str | None = None) -> tuple[int, int]:
        """Where `field` (or the entity, for None) stands in its file."""
        return self.positions.get(field or "", self.positions.get("", (1, 1)))

    def text_position(self, field: str) -> tuple[int, int]:
        """Where the text of `field` (`description`, `body`, `links[0].url`) starts in the
        file: a check adds the line and column of what it found within the text."""
        return self.positions.get(field + ":text") or self.position(
            field.split("[")[0].split(".")[0]
        )

    @property
    def is_fixed(self) -> bool:
        return self.stability == "fixed"


class Principle(Strict):
    title: Text
    description: str | None = None


class Settings(Strict):
    model_config = ConfigDict(use_attribute_docstrings=True)

    max_depth: Annotated[int, Field(ge=1)] = 3
    max_span_of_control: Annotated[int, Field(ge=1)] = 8
    max_meeting_hours_per_week: Annotated[float, Field(ge=0)] = 6
    review_period_days: Annotated[int, Field(ge=1)] = 365
    chat_url: ChatUrlTemplate | None = None
    """Where chat channels named in `contact.chat` (`'#sig-network'`) live: a URL with
    {channel} where the name goes (`https://example.slack.com/app_redirect?channel={channel}`)."""


class Organisation(Entity):
    kind: ClassVar[str] = "organisation"
    name: Text
    purpose: str | None = None
    governance_model: Literal["centralised", "federated", "agile"] | None = None
    principles: tuple[Principle, ...] = ()
    settings: Settings = Settings()


class Unit(Entity):
    kind: ClassVar[str] = "unit"
    name: str | None = None
    type: str | None = None
    parent: UnitRef | None = None
    lead: RoleRef | None = None
    purpose: str | None = None
    team_type: Literal["stream-aligned", "platform", "enabling", "complicated-subsystem"] | None = (
        None
    )
    external: bool = False
    supplier_tier: Annotated[int, Field(ge=1, le=3)] | None = None
    capabilities: tuple[CapabilityRef, ...] = ()


class Role(Entity):
    kind: ClassVar[str] = "role"
    label_field: ClassVar[str] = "title"
    title: str | None = None
    unit: UnitRef | None = None
    reports_to: RoleRef | None = None
    purpose: str | None = None
    accountabilities: tuple[Text, ...] = ()
    holders: tuple[Holder, ...] = ()
    headcount: Annotated[int, Field(ge=0)] | None = None
    profession: str | None = None


class Person(Entity):
    kind: ClassVar[str] = "person"
    name: str | None = None
    email: str | None = None
    handle: str | None = None

    @property
    def label(self) -> str:
        """Their name; for someone known only by their handle, the handle."""
        return self.name or self.handle or self.id


class Forum(Entity):
    kind: ClassVar[str] = "forum"
    name: str | None = None
    type: Literal["governance", "management"] | None = None
    purpose: str | None = None
    chair: RoleRef | None = None
    secretary: RoleRef | None = None
    members: tuple[RoleRef, ...] = ()
    cadence: Cadence | None = None
    duration_minutes: Annotated[int, Field(ge=0)] | None = None
    quorum: int | str | None = None
    reports_to: ForumRef | None = None
    inputs: tuple[Text, ...] = ()
    outputs: tuple[Text, ...] = ()


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
    kind: ClassVar[str] = "decision"
    label_field: ClassVar[str] = "title"
    title: str | None = None
    category: str | None = None
    accountable: Annotated[RoleOrForum, BeforeValidator(_one_accountable)]
    responsible: tuple[Party, ...] = ()
    consulted: tuple[Party, ...] = ()
    informed: tuple[Party, ...] = ()
    escalates_to: RoleOrForum | None = None
    threshold: str | None = None


class Maturity(Strict):
    current: Rating | None = None
    target: Rating | None = None

    @property
    def gap(self) -> int | None:
        if self.current is None or self.target is None:
            return None
        return self.target - self.current


class Capability(Entity):
    kind: ClassVar[str] = "capability"
    name: str | None = None
    parent: CapabilityRef | None = None
    owner: UnitOrRole | None = None
    maturity: Maturity | None = None


class Stage(Strict):
    id: Annotated[str, Field(pattern=f"^{ID_RE}$")]
    name: str | None = None
    owner: UnitOrRole | None = None
    capabilities: tuple[CapabilityRef, ...] = ()
    lead_time_days: Annotated[float, Field(ge=0)] | None = None
    pain: Annotated[int, Field(ge=0, le=3)] = 0

    @property
    def label(self) -> str:
        return self.name or self.id


class Flow(Entity):
    kind: ClassVar[str] = "flow"
    name: str | None = None
    outcome: OutcomeRef | None = None
    trigger: str | None = None
    result: str | None = None
    stages: tuple[Stage, ...] = ()


class Measure(Strict):
    name: Text
    current: Number | str | None = None
    target: Number | str | None = None
    unit: str | None = None


class Outcome(Entity):
    kind: ClassVar[str] = "outcome"
    name: str | None = None
    for_: Literal["users", "organisation"] | None = Field(default=None, alias="for")
    measures: tuple[Measure, ...] = ()
    constraints: tuple[Text, ...] = ()


class Change(Entity):
    kind: ClassVar[str] = "change"
    label_field: ClassVar[str] = "title"
    title: str | None = None
    status: ChangeStatus = "idea"  # type: ignore[assignment]  # a change has its own lifecycle
    hypothesis: str | None = None
    affects: tuple[AnyRef, ...] = ()
    outcome: OutcomeRef | None = None
    start: dt.date | None = None
    review: dt.date | None = None
    decided_by: ForumOrRole | None = None


class Page(Entity):
    """A free Markdown guide from content/pages/, published as it is."""

    model_config = ConfigDict(extra="allow", frozen=True, coerce_numbers_to_str=True)
    """Other front matter (Material's `hide:`, `icon:`) belongs to the page's site."""

    kind: ClassVar[str] = "page"
    label_field: ClassVar[str] = "title"
    title: str | None = None


ENTITY_CLASSES: dict[str, type[Entity]] = {
    cls.kind: cls
    for cls in (
        Organisation,
        Unit,
        Role,
        Person,
        Forum,
        Decision,
        Capability,
        Flow,
        Outcome,
        Change,
        Page,
    )
}
LOADER_FIELDS = frozenset({"id", "body", "path", "positions"})
