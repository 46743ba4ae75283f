"""A forum's `meets` with its `cadence`: whether they fit, the recurrence they make, the first
meeting, and how to say it ("Second Tuesday of the month 10:00–12:00 Europe/London").

Pure functions of one forum: the loader asks `schedule_problems` (OPM210), the pages and the
iCalendar feeds (`export/ical.py`) ask the rest, so a page and a feed never disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from opmodel.model.schema import MONTHS, ORDINALS, WEEKDAYS, Forum, Schedule

ANCHOR = dt.date(2026, 1, 1)
"""Where the count of meetings starts when `meets.starts` is not given: a fixed date, not
the build's, so that a fortnightly forum keeps its weeks and the feeds stay byte-identical.
The first meeting is the first day on or after it that matches the schedule."""

REPEATING = ("weekly", "fortnightly", "monthly", "quarterly", "annually")
BY_WEEK = ("weekly", "fortnightly")
BY_MONTH = ("monthly", "quarterly", "annually")
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

Problem = tuple[tuple[Any, ...], str, str | None]
"""(place in the file, message, hint)."""


def schedule_problems(forum: Forum) -> list[Problem]:
    """Where `meets` does not fit `cadence` (each field on its own is already valid)."""
    meets = forum.meets
    if meets is None:
        return []
    cadence = forum.cadence
    found: list[Problem] = []
    if cadence is None:
        found.append(
            (
                ("meets",),
                "meets needs a cadence: how often the forum meets",
                "add `cadence: weekly`, or fortnightly, monthly, quarterly or annually",
            )
        )
    elif cadence == "ad hoc":
        found.append(
            (
                ("cadence",),
                "an ad hoc forum has no regular time, but this one has `meets`",
                "remove `meets`, or give the forum a regular cadence",
            )
        )
    elif cadence in BY_WEEK and meets.week_of_month:
        found.append(
            (
                ("meets", "week_of_month"),
                f"week_of_month is for monthly, quarterly and annual forums; this one meets "
                f"{cadence}",
                "remove week_of_month, or set `cadence: monthly`",
            )
        )
    elif cadence in BY_MONTH and not meets.week_of_month:
        found.append(
            (
                ("meets",),
                f"a forum that meets {cadence} needs meets.week_of_month: which "
                f"{_day_names(meets)[0].capitalize()} of the month",
                "add `week_of_month: 1`: a week from 1 to 5, or `last`",
            )
        )
    if cadence in ("quarterly", "annually") and not meets.months:
        example = "[january, april, july, october]" if cadence == "quarterly" else "[march]"
        found.append(
            (
                ("meets",),
                f"a forum that meets {cadence} needs meets.months",
                f"add `months: {example}`",
            )
        )
    for field in ("day", "months"):
        values = getattr(meets, field)
        if len(set(values)) != len(values):
            found.append((("meets", field), f"meets.{field} lists the same value twice", None))
    return found


def _day_names(meets: Schedule) -> list[str]:
    return sorted(meets.day, key=WEEKDAYS.index)


def _months(meets: Schedule) -> list[str]:
    return sorted(set(meets.months), key=MONTHS.index)


def _weeks(meets: Schedule) -> list[int | str]:
    return sorted(meets.week_of_month, key=lambda w: 6 if w == "last" else int(w))


def regular(forum: Forum) -> Schedule | None:
    """The forum's `meets`, when it describes a regular meeting (the loader refused the
    rest: this is only for entities that came from elsewhere)."""
    if forum.meets is None or forum.cadence not in REPEATING or forum.status == "retired":
        return None
    if schedule_problems(forum):
        return None
    return forum.meets


def matches(meets: Schedule, day: dt.date) -> bool:
    """Does a meeting of this schedule fall on `day` (ignoring a fortnight's phase)?"""
    if WEEKDAYS[day.weekday()] not in meets.day:
        return False
    if meets.months and MONTHS[day.month - 1] not in meets.months:
        return False
    if not meets.week_of_month:
        return True
    week = (day.day - 1) // 7 + 1
    last = (day + dt.timedelta(days=7)).month != day.month
    return week in meets.week_of_month or (last and "last" in meets.week_of_month)


def first_meeting(meets: Schedule) -> dt.date | None:
    """The first day on or after `starts` (else `ANCHOR`) that matches; None if none does
    within eight years (a fifth Monday of February, say)."""
    day = meets.starts or ANCHOR
    for _ in range(366 * 8):
        if matches(meets, day):
            return day
        day += dt.timedelta(days=1)
    return None


def recurrence(forum: Forum) -> dict[str, Any]:
    """The RFC 5545 RRULE of a regular forum's meetings, as {part: value}."""
    meets = forum.meets
    assert meets is not None and forum.cadence in REPEATING
    days = [ICAL_DAYS[WEEKDAYS.index(d)] for d in _day_names(meets)]
    rule: dict[str, Any] = {}
    if forum.cadence in BY_WEEK:
        rule["FREQ"] = "WEEKLY"
        if forum.cadence == "fortnightly":
            rule["INTERVAL"] = 2
        rule["BYDAY"] = days
    else:
        # With BYMONTH, a YEARLY rule's "2TU" is the second Tuesday of each month listed.
        rule["FREQ"] = "MONTHLY" if forum.cadence == "monthly" else "YEARLY"
        rule["BYDAY"] = [
            f"{-1 if week == 'last' else week}{day}" for week in _weeks(meets) for day in days
        ]
    if meets.months:
        rule["BYMONTH"] = [MONTHS.index(m) + 1 for m in _months(meets)]
    rule["WKST"] = "MO"
    return rule


def meetings_per_period(forum: Forum) -> int:
    """How many meetings one cadence period holds: two days a week, or the first and
    third Tuesday, are two meetings a week or a month; quarterly and annual forums meet
    once in each month listed, counted by their cadence's own number."""
    meets = forum.meets
    if meets is None:
        return 1
    count = len(set(meets.day)) * max(1, len(set(meets.week_of_month)))
    if forum.cadence == "quarterly" and meets.months:
        count *= max(1, round(len(set(meets.months)) / 4))
    elif forum.cadence == "annually" and meets.months:
        count *= len(set(meets.months))
    return count


# --- in words ----------------------------------------------------------------------------


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _week_words(week: int | str) -> str:
    return "last" if week == "last" else ORDINALS[int(week) - 1]


def when(forum: Forum) -> str | None:
    """The schedule in words: "Tuesdays 10:00–11:00 America/Los_Angeles", "Second Tuesday
    of the month 10:00–12:00 Europe/London"; None without `meets`."""
    meets = forum.meets
    if meets is None:
        return None
    days = [d.capitalize() for d in _day_names(meets)]
    months = [m.capitalize() for m in _months(meets)]
    if meets.week_of_month:
        weeks = _and([_week_words(w) for w in _weeks(meets)])
        where = f"of {_and(months)}" if months else "of the month"
        text = f"{weeks.capitalize()} {_and(days)} {where}"
        if forum.cadence == "quarterly" and not months:
            text += ", quarterly"
    else:
        plural = _and([d + "s" for d in days])
        text = f"Every other {_and(days)}" if forum.cadence == "fortnightly" else plural
        if months:
            text += f" in {_and(months)}"
    text += f" {meets.time}"
    if forum.duration_minutes:
        text += "–" + _end_time(meets.time, forum.duration_minutes)
    text += f" {meets.timezone}"
    if meets.starts and forum.cadence == "fortnightly":
        text += f", from {meets.starts.isoformat()}"
    return text


def _end_time(start: str, minutes: int) -> str:
    hours, mins = (int(part) for part in start.split(":"))
    end = hours * 60 + mins + minutes
    text = f"{end // 60 % 24:02d}:{end % 60:02d}"
    return text + (" next day" if end >= 24 * 60 else "")
