"""The content format (DESIGN.md) as pydantic models: one class per kind.

These classes are the model's entities: frozen, with references parsed into `Ref`s, and the
source of the JSON Schema that editors use (`opmodel schema`). `extra="forbid"` makes a
typo in a field name an error instead of a silently dropped value. Fields the loader sets
itself (`id`, `body`, `path`) are hidden from the JSON Schema.

Every field's documentation is the docstring under it (`use_attribute_docstrings`), and
each value of a fixed set is explained by its `Meanings`: the one source of the editors'
hover help (`opmodel schema`) and of the content reference (`opmodel reference`). A test
fails when a field or a value is left unexplained.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import zoneinfo
from functools import cache
from typing import Annotated, Any, ClassVar, Literal, TypeAlias

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue, SkipJsonSchema
from pydantic_core import CoreSchema, PydanticCustomError

from opmodel.diagnostics import did_you_mean
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


class Meanings:
    """Pydantic metadata for a `Literal`: what each of its values means. Editors show them
    (`enumDescriptions`, read by VS Code and yaml-language-server) and so does the content
    reference."""

    def __init__(self, meanings: dict[str, str]) -> None:
        self.meanings = meanings

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        values = json_schema.get("enum", [])
        if set(values) != set(self.meanings):  # a value added to one list and not the other
            raise ValueError(f"Meanings {sorted(self.meanings)} do not match {values}")
        json_schema["enumDescriptions"] = [self.meanings[value] for value in values]
        return json_schema


Status = Annotated[
    Literal["proposed", "trial", "active", "retiring", "retired"],
    Meanings(
        {
            "proposed": "Suggested, not yet in place.",
            "trial": "In place for a trial period, to be kept or dropped.",
            "active": "In place and in use (the default).",
            "retiring": "Still in place, being wound down.",
            "retired": "No longer in place; kept for the record.",
        }
    ),
]
ChangeStatus = Annotated[
    Literal["idea", "planned", "trial", "adopted", "dropped"],
    Meanings(
        {
            "idea": "Suggested, not yet agreed (the default).",
            "planned": "Agreed, not yet started.",
            "trial": "Being tried; its hypothesis is under test.",
            "adopted": "Made part of the operating model.",
            "dropped": "Decided against, or abandoned after a trial.",
        }
    ),
]
Stability = Annotated[
    Literal["fixed", "adaptable"],
    Meanings(
        {
            "fixed": "Part of the fixed spine: a non-negotiable that changes only by decision "
            "at the top.",
            "adaptable": "May be changed by the people it concerns, in small steps (the default).",
        }
    ),
]
Cadence = Annotated[
    Literal["weekly", "fortnightly", "monthly", "quarterly", "annually", "ad hoc"],
    Meanings(
        {
            "weekly": "Every week.",
            "fortnightly": "Every two weeks.",
            "monthly": "Every month.",
            "quarterly": "Every three months.",
            "annually": "Once a year.",
            "ad hoc": "When needed, on no fixed schedule (not counted in meeting load).",
        }
    ),
]
GovernanceModel = Annotated[
    Literal["centralised", "federated", "agile"],
    Meanings(
        {
            "centralised": "Decisions are made at the centre and cascade down.",
            "federated": "A small centre sets standards; units decide within them.",
            "agile": "Autonomous teams decide, aligned by outcomes and a few shared rules.",
        }
    ),
]
TeamType = Annotated[
    Literal["stream-aligned", "platform", "enabling", "complicated-subsystem"],
    Meanings(
        {
            "stream-aligned": "Delivers a flow of work for users, end to end (Team Topologies).",
            "platform": "Provides internal services that other teams use without handoffs.",
            "enabling": "Helps other teams take on new skills, then steps back.",
            "complicated-subsystem": "Owns a part that needs rare specialist knowledge.",
        }
    ),
]
ForumType = Annotated[
    Literal["governance", "management"],
    Meanings(
        {
            "governance": "Sets direction and monitors: boards, committees, councils.",
            "management": "Plans, builds and runs: the working meetings.",
        }
    ),
]
OutcomeFor = Annotated[
    Literal["users", "organisation"],
    Meanings(
        {
            "users": "An outcome for the people the organisation serves.",
            "organisation": "An outcome for the organisation itself (cost, staff, risk).",
        }
    ),
]

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
        use_attribute_docstrings=True,  # a field's docstring is its description
    )


class Link(Strict):
    """A link to a page elsewhere."""

    title: Text
    """The link's text."""
    url: Text = Field(examples=["https://intranet.example.org/finance/policy"])
    """Where it goes: an http(s), mailto or relative URL."""


class Contact(Strict):
    """How to reach a unit, forum, role or person: its page shows "How to reach them"."""

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


def _names(values: tuple[str, ...]) -> dict[str, Any]:
    """A JSON Schema enum of day or month names, each explained by its written form."""
    return {"enum": list(values), "enumDescriptions": [value.title() for value in values]}


Days = Annotated[
    tuple[Weekday, ...],
    BeforeValidator(_one_or_many),
    Field(min_length=1),
    WithJsonSchema(
        {
            "anyOf": [
                _names(WEEKDAYS),
                {"type": "array", "items": _names(WEEKDAYS), "minItems": 1},
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
                _names(MONTHS),
                {"type": "array", "items": _names(MONTHS), "minItems": 1},
            ]
        }
    ),
]
_WEEK = {
    "anyOf": [
        {"type": "integer", "minimum": 1, "maximum": 5},
        {
            "enum": [*ORDINALS, "last"],
            "enumDescriptions": [
                *(
                    f"The {word} week of the month (same as {n})."
                    for n, word in enumerate(ORDINALS, 1)
                ),
                "The last week of the month.",
            ],
        },
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
    """One line: what it is, shown in tables and link tooltips."""
    description: str | None = None
    """More about it, in Markdown."""
    status: Status = "active"
    """Where it is in its lifecycle."""
    stability: Stability = "adaptable"
    """Whether it is part of the fixed spine or may be adapted."""
    review_by: dt.date | None = Field(default=None, examples=[dt.date(2026, 3, 31)])
    """When it is next due for review (YYYY-MM-DD); past that date it is overdue."""
    tags: tuple[str, ...] = Field(default=(), examples=[["data", "onboarding"]])
    """Free keywords, for search and filtering."""
    links: tuple[Link, ...] = Field(
        default=(),
        examples=[[{"title": "Handbook", "url": "https://intranet.example.org/handbook"}]],
    )
    """Related pages elsewhere, each a `title` and a `url`."""
    contact: Contact | None = None
    """How to get in touch about it."""

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


class Forum(Entity):
    """A board, committee, council or recurring meeting (`content/forums/`); the Markdown
    body of its file is its charter."""

    kind: ClassVar[str] = "forum"
    name: str | None = None
    """The forum's name."""
    type: ForumType | None = None
    """Whether it governs or manages."""
    purpose: str | None = None
    """Why the forum meets."""
    chair: RoleRef | None = Field(default=None, examples=["chief-digital-officer"])
    """The role that chairs it: a role id."""
    secretary: RoleRef | None = None
    """The role that runs its paperwork: a role id."""
    members: tuple[RoleRef, ...] = ()
    """The roles that sit on it: role ids (the chair and the secretary have their seats
    anyway)."""
    cadence: Cadence | None = None
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
    reports_to: ForumRef | None = None
    """The forum it reports and escalates to: a forum id."""
    inputs: tuple[Text, ...] = ()
    """What it receives: papers, reports, requests."""
    outputs: tuple[Text, ...] = ()
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
    title: str | None = None
    """The decision, in a few words."""
    category: str | None = None
    """A free grouping (finance, people, technology...)."""
    accountable: Annotated[RoleOrForum, BeforeValidator(_one_accountable)] = Field(
        examples=["head-of-data", "forum:investment-board"]
    )
    """Who has the final say, the A of RACI: exactly one role id or `forum:` id."""
    responsible: tuple[Party, ...] = Field(
        default=(), examples=[["data-architect", "unit:data-team"]]
    )
    """Who does the work of deciding, the R: roles, or `unit:` / `forum:` ids."""
    consulted: tuple[Party, ...] = ()
    """Whose view is sought first, the C: roles, or `unit:` / `forum:` ids."""
    informed: tuple[Party, ...] = ()
    """Who is told once it is made, the I: roles, or `unit:` / `forum:` ids."""
    escalates_to: RoleOrForum | None = Field(default=None, examples=["forum:investment-board"])
    """Where it goes when it is beyond the accountable's limits: a role id or `forum:` id."""
    threshold: str | None = Field(default=None, examples=["spend over £50k escalates"])
    """When it applies, or when it escalates (a budget limit, a risk level)."""


class Maturity(Strict):
    """How mature a capability is and should be, each 1 to 5."""

    current: Rating | None = None
    """How mature the capability is today, 1 (initial) to 5 (optimised)."""
    target: Rating | None = None
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
    name: str | None = None
    """The capability's name."""
    parent: CapabilityRef | None = None
    """The broader capability it is part of: a capability id."""
    owner: UnitOrRole | None = Field(default=None, examples=["data-team", "role:head-of-data"])
    """Who owns it: a unit id, or `role:` id."""
    maturity: Maturity | None = Field(default=None, examples=[{"current": 2, "target": 4}])
    """How mature it is and should be."""


class Stage(Strict):
    """One step of a flow."""

    id: Annotated[str, Field(pattern=f"^{ID_RE}$")]
    """The stage's id, unique within the flow (a lower-case slug)."""
    name: str | None = None
    """The stage's name."""
    owner: UnitOrRole | None = None
    """Who does it: a unit id, or `role:` id. A change of owning unit between stages is a
    handoff."""
    capabilities: tuple[CapabilityRef, ...] = ()
    """The capabilities it uses: capability ids."""
    lead_time_days: Annotated[float, Field(ge=0)] | None = None
    """How long it usually takes, in days."""
    pain: Annotated[int, Field(ge=0, le=3)] = 0
    """How painful it is today, 0 (fine) to 3 (severe)."""

    @property
    def label(self) -> str:
        return self.name or self.id


class Flow(Entity):
    """A value stream: ordered stages from a trigger to a result (`content/flows/`)."""

    kind: ClassVar[str] = "flow"
    name: str | None = None
    """The flow's name."""
    outcome: OutcomeRef | None = None
    """The outcome it serves: an outcome id."""
    trigger: str | None = None
    """What starts it."""
    result: str | None = None
    """What it delivers at the end."""
    stages: tuple[Stage, ...] = Field(
        default=(),
        examples=[[{"id": "triage", "name": "Triage", "owner": "service-desk", "pain": 2}]],
    )
    """Its stages, in order."""


class Measure(Strict):
    """A measure of an outcome."""

    name: Text
    """What is measured."""
    current: Number | str | None = Field(default=None, examples=[62, "weekly"])
    """Its value today."""
    target: Number | str | None = None
    """The value aimed for."""
    unit: str | None = None
    """The unit of the values (%, days, £k)."""


class Outcome(Entity):
    """A north-star outcome, for users or for the organisation (`content/outcomes/`)."""

    kind: ClassVar[str] = "outcome"
    name: str | None = None
    """The outcome's name."""
    for_: OutcomeFor | None = Field(default=None, alias="for")
    """Whom it is for."""
    measures: tuple[Measure, ...] = Field(
        default=(),
        examples=[
            [{"name": "Requests answered in a day", "current": 62, "target": 90, "unit": "%"}]
        ],
    )
    """How progress is measured."""
    constraints: tuple[Text, ...] = ()
    """What must hold while pursuing it, one line each."""


class Change(Entity):
    """A change to the operating model on its roadmap (`content/changes/`)."""

    kind: ClassVar[str] = "change"
    label_field: ClassVar[str] = "title"
    title: str | None = None
    """The change, in a few words."""
    status: ChangeStatus = "idea"  # type: ignore[assignment]  # a change has its own lifecycle
    """Where the change is on the roadmap."""
    hypothesis: str | None = None
    """What it is expected to improve, and how that will be seen."""
    affects: tuple[AnyRef, ...] = Field(
        default=(), examples=[["role:head-of-data", "forum:data-board"]]
    )
    """What it changes: references with their kind (`role:head-of-data`)."""
    outcome: OutcomeRef | None = None
    """The outcome it serves: an outcome id."""
    start: dt.date | None = None
    """When it starts (YYYY-MM-DD)."""
    review: dt.date | None = None
    """When it is reviewed, to keep or drop it (YYYY-MM-DD)."""
    decided_by: ForumOrRole | None = Field(default=None, examples=["investment-board"])
    """Who decides on it: a forum id, or `role:` id."""


class Page(Entity):
    """A free Markdown guide from content/pages/, published as it is."""

    model_config = ConfigDict(extra="allow", frozen=True, coerce_numbers_to_str=True)
    """Other front matter (Material's `hide:`, `icon:`) belongs to the page's site."""

    kind: ClassVar[str] = "page"
    label_field: ClassVar[str] = "title"
    title: str | None = None
    """The page's title; without one, its first heading or its file name."""


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
