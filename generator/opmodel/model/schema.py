"""The content format (DESIGN.md) as pydantic models: one class per kind.

These classes are the model's entities: frozen, with references parsed into `Ref`s, and the
source of the JSON Schema that editors use (`opmodel schema`). `extra="forbid"` makes a
typo in a field name an error instead of a silently dropped value. Fields the loader sets
itself (`id`, `body`, `path`) are hidden from the JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import zoneinfo
from functools import cache
from typing import Annotated, Any, ClassVar, Literal, TypeAlias

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from opmodel.diagnostics import did_you_mean
from opmodel.ids import ID_RE
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
    email: str | None = None
    chat: str | None = None
    url: str | None = None


Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
Month = Literal[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
WEEKDAYS: tuple[str, ...] = Weekday.__args__  # type: ignore[attr-defined]
MONTHS: tuple[str, ...] = Month.__args__  # type: ignore[attr-defined]
ORDINALS = ("first", "second", "third", "fourth", "fifth")
"""`week_of_month` in words: `second` is 2."""


def _one_or_many(value: Any) -> Any:
    """`day: tuesday` or `day: [tuesday, thursday]`; names in any case (`Tuesday`)."""
    items = list(value) if isinstance(value, list | tuple) else [value]
    return tuple(item.strip().lower() if isinstance(item, str) else item for item in items)


def _week_of_month(value: Any) -> Any:
    """1-5, `last`, or the words `first` ... `fifth`, alone or as a list."""
    found: list[int | str] = []
    for item in _one_or_many(value):
        if isinstance(item, str) and item in ORDINALS:
            found.append(ORDINALS.index(item) + 1)
        elif item == "last" or (isinstance(item, int) and not isinstance(item, bool)):
            if isinstance(item, int) and not 1 <= item <= 5:
                raise PydanticCustomError(
                    "week_of_month", "{value} is not a week of the month (1-5)", {"value": item}
                )
            found.append(item)
        elif isinstance(item, str) and item.isdigit():
            found.append(_week_of_month(int(item))[0])
        else:
            hint = did_you_mean(str(item), (*ORDINALS, "last"))
            raise PydanticCustomError(
                "week_of_month",
                "'{value}' is not a week of the month: expected 1-5, 'first' ... 'fifth' or 'last'",
                {"value": item, "hint": hint},
            )
    if len(set(found)) != len(found):
        raise PydanticCustomError("week_of_month", "a week of the month is listed twice")
    return tuple(found)


_TIME = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")


def _time_of_day(value: Any) -> str:
    """`10:00` or `9:30` (24-hour clock), kept as `HH:MM`."""
    match = _TIME.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise PydanticCustomError(
            "time_of_day",
            "'{value}' is not a time of day: write HH:MM on the 24-hour clock, like '09:30'",
            {"value": value},
        )
    return f"{int(match[1]):02d}:{match[2]}"


@cache
def time_zones() -> frozenset[str]:
    """The IANA time zone names this machine knows (the tz database, or the tzdata package)."""
    return frozenset(zoneinfo.available_timezones())


def _time_zone(value: Any) -> str:
    """An IANA time zone name (`Europe/London`), checked against the tz database."""
    name = value.strip() if isinstance(value, str) else value
    if isinstance(name, str) and name in time_zones():
        return name
    close = _close_zone(name) if isinstance(name, str) else None
    raise PydanticCustomError(
        "time_zone",
        "unknown time zone '{value}'",
        {
            "value": value,
            "hint": f"did you mean '{close}'?"
            if close
            else "use an IANA name such as 'Europe/London' or 'UTC'",
        },
    )


def _close_zone(name: str) -> str | None:
    """The zone someone meant: `europe/london`, `London` and `Europe/Londn` all mean
    `Europe/London`."""
    zones = sorted(time_zones())
    by_lower = {zone.lower(): zone for zone in zones}
    by_city: dict[str, str] = {}
    for zone in zones:
        by_city.setdefault(zone.rsplit("/", 1)[-1].lower(), zone)
    key = name.lower().replace(" ", "_")
    for table in (by_lower, by_city):
        if key in table:
            return table[key]
    for table in (by_lower, by_city):
        close = difflib.get_close_matches(key, table, n=1, cutoff=0.75)
        if close:
            return table[close[0]]
    return None


Days = Annotated[
    tuple[Weekday, ...],
    BeforeValidator(_one_or_many),
    Field(min_length=1),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": list(WEEKDAYS)},
                {"type": "array", "items": {"enum": list(WEEKDAYS)}, "minItems": 1},
            ]
        }
    ),
]
Months = Annotated[
    tuple[Month, ...],
    BeforeValidator(_one_or_many),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": list(MONTHS)},
                {"type": "array", "items": {"enum": list(MONTHS)}, "minItems": 1},
            ]
        }
    ),
]
_WEEK = {
    "anyOf": [
        {"type": "integer", "minimum": 1, "maximum": 5},
        {"enum": [*ORDINALS, "last"]},
    ]
}
WeeksOfMonth = Annotated[
    tuple[int | Literal["last"], ...],
    BeforeValidator(_week_of_month),
    WithJsonSchema({"anyOf": [_WEEK, {"type": "array", "items": _WEEK, "minItems": 1}]}),
]
TimeOfDay = Annotated[
    str,
    BeforeValidator(_time_of_day),
    WithJsonSchema({"type": "string", "pattern": r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"}),
]
TimeZone = Annotated[str, BeforeValidator(_time_zone), WithJsonSchema({"type": "string"})]


class Schedule(Strict):
    """When a forum meets: the weekday, time of day and time zone behind its `cadence`.

    `cadence` says how often (weekly, fortnightly, monthly, quarterly, annually); `meets`
    says when. Monthly, quarterly and annual forums name the week of the month
    (`week_of_month: 2` is the second Tuesday); quarterly and annual ones name their months.
    The site shows it on the forum's page and publishes it as an iCalendar feed.
    """

    day: Days = Field(
        description="The weekday it meets on (`tuesday`), or a list of them "
        "(`[tuesday, thursday]`)."
    )
    time: TimeOfDay = Field(
        description="When it starts, on the 24-hour clock: `'10:00'`. It lasts the forum's "
        "`duration_minutes`."
    )
    timezone: TimeZone = Field(
        description="The IANA time zone the time is in: `Europe/London`, `America/Los_Angeles`, "
        "`UTC`. Daylight saving follows the zone."
    )
    week_of_month: WeeksOfMonth = Field(
        default=(),
        description="Which week of the month, for monthly, quarterly and annual forums: 1-5, "
        "`first` ... `fifth`, or `last`; a list for several (`[1, 3]`: the first and third).",
    )
    months: Months = Field(
        default=(),
        description="The months it meets in: needed for quarterly (`[january, april, july, "
        "october]`) and annual forums; for others, it meets only in these months.",
    )
    starts: dt.date | None = Field(
        default=None,
        description="The first meeting is the first matching day on or after this date "
        "(YYYY-MM-DD). It fixes which weeks a fortnightly forum meets in; without it, "
        "the count starts on 2026-01-01.",
    )
    location: str | None = Field(
        default=None,
        description="Where it meets: a room, or how to join (shown as text, and as the "
        "calendar entry's location).",
    )


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
    max_depth: Annotated[int, Field(ge=1)] = 3
    max_span_of_control: Annotated[int, Field(ge=1)] = 8
    max_meeting_hours_per_week: Annotated[float, Field(ge=0)] = 6
    review_period_days: Annotated[int, Field(ge=1)] = 365


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
    order: int | None = Field(
        default=None,
        description=(
            "Place among its sibling units in the org chart: lower first. Units without it "
            "follow, biggest first (units beneath, then roles)."
        ),
    )
    """Optional. Where the unit sits among its siblings in the org chart, lower first;
    siblings without it come after, ordered by size (DESIGN.md lists it as an addition)."""


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
    meets: Schedule | None = Field(
        default=None,
        description="When it meets: `{day: tuesday, time: '10:00', timezone: Europe/London}`, "
        "with `week_of_month` and `months` for monthly, quarterly and annual forums. "
        "Published as an iCalendar feed.",
    )
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
