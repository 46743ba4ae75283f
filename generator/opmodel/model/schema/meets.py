"""When a forum meets (`meets:`): weekdays, weeks of the month, months, a time of day and
a time zone, each read as people write them (`Tuesday`, `second`, `9:30`) and checked with a
suggestion (`Europe/Londn` -> `Europe/London`)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import zoneinfo
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from opmodel.diagnostics import did_you_mean
from opmodel.model.schema.fields import Strict

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
        "(`[tuesday, thursday]`).",
        examples=["tuesday", ["tuesday", "thursday"]],
    )
    time: TimeOfDay = Field(
        description="When it starts, on the 24-hour clock: `'10:00'`. It lasts the forum's "
        "`duration_minutes`.",
        examples=["10:00"],
    )
    timezone: TimeZone = Field(
        description="The IANA time zone the time is in: `Europe/London`, `America/Los_Angeles`, "
        "`UTC`. Daylight saving follows the zone.",
        examples=["Europe/London"],
    )
    week_of_month: WeeksOfMonth = Field(
        default=(),
        description="Which week of the month, for monthly, quarterly and annual forums: 1-5, "
        "`first` ... `fifth`, or `last`; a list for several (`[1, 3]`: the first and third).",
        examples=[2, "last"],
    )
    months: Months = Field(
        default=(),
        description="The months it meets in: needed for quarterly (`[january, april, july, "
        "october]`) and annual forums; for others, it meets only in these months.",
        examples=[["january", "april", "july", "october"]],
    )
    starts: dt.date | None = Field(
        default=None,
        description="The first meeting is the first matching day on or after this date "
        "(YYYY-MM-DD). It fixes which weeks a fortnightly forum meets in; without it, "
        "the count starts on 2026-01-01.",
        examples=[dt.date(2026, 1, 6)],
    )
    location: str | None = Field(
        default=None,
        description="Where it meets: a room, or how to join (shown as text, and as the "
        "calendar entry's location).",
        examples=["Room 4.12, or the video call"],
    )
