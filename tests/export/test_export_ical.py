"""The forums' iCalendar feeds, read back with `icalendar` as a calendar application would:
the recurrence that `cadence` and `meets` make, the time zone, escaping and determinism."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.rrule import rrulestr

from opmodel import Model
from opmodel.export.ical import feeds

Build = Callable[[dict[str, str]], Model]

BOARD = """\
name: Board
cadence: monthly
duration_minutes: 90
meets:
  day: tuesday
  week_of_month: 2
  time: "10:00"
  timezone: America/Los_Angeles
"""


def _event(data: bytes) -> icalendar.Event:
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == 1
    return events[0]


def _first(event: icalendar.Event, count: int) -> list[dt.datetime]:
    """The first `count` meetings, expanded from the event's RRULE as a client does."""
    rule = event["rrule"].to_ical().decode()
    start = event.decoded("dtstart")
    occurrences = rrulestr(rule, dtstart=start)
    return [occurrences[i] for i in range(count)]


def test_a_monthly_forum_meets_on_the_second_tuesday_in_its_own_time_zone(
    build_model: Build,
) -> None:
    one, _ = feeds(build_model({"forums/board.yml": BOARD}))
    event = _event(one["board"])

    assert event["dtstart"].params["TZID"] == "America/Los_Angeles"
    assert event.decoded("dtstart") == dt.datetime(
        2026, 1, 13, 10, 0, tzinfo=ZoneInfo("America/Los_Angeles")
    )
    assert event["rrule"].to_ical() == b"FREQ=MONTHLY;BYDAY=2TU;WKST=MO"
    assert event.decoded("duration") == dt.timedelta(minutes=90)
    meetings = _first(event, 3)
    assert [m.date() for m in meetings] == [
        dt.date(2026, 1, 13),
        dt.date(2026, 2, 10),
        dt.date(2026, 3, 10),
    ]
    # 10:00 stays 10:00 on the local clock across the change to daylight saving (8 March).
    assert [m.astimezone(dt.UTC).hour for m in meetings] == [18, 18, 17]


def test_the_feed_carries_a_vtimezone_for_each_zone_its_events_use(build_model: Build) -> None:
    council = BOARD.replace("Board", "Council").replace("America/Los_Angeles", "Europe/London")
    _, every = feeds(build_model({"forums/board.yml": BOARD, "forums/council.yml": council}))
    assert every is not None
    calendar = icalendar.Calendar.from_ical(every)

    zones = [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")]
    assert zones == ["America/Los_Angeles", "Europe/London"]
    assert {str(e["dtstart"].params["TZID"]) for e in calendar.walk("VEVENT")} == set(zones)
    assert calendar["version"] == "2.0"
    assert "opmodel" in str(calendar["prodid"])


@pytest.mark.parametrize(
    ("cadence", "meets", "rule", "first"),
    [
        (
            "weekly",
            "{day: [thursday, monday], time: '09:30', timezone: Europe/London}",
            b"FREQ=WEEKLY;BYDAY=MO,TH;WKST=MO",
            [dt.date(2026, 1, 1), dt.date(2026, 1, 5), dt.date(2026, 1, 8)],
        ),
        (
            "fortnightly",
            "{day: wednesday, time: '14:00', timezone: Europe/London, starts: 2026-01-14}",
            b"FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;WKST=MO",
            [dt.date(2026, 1, 14), dt.date(2026, 1, 28), dt.date(2026, 2, 11)],
        ),
        (
            "monthly",
            "{day: friday, week_of_month: last, time: '16:00', timezone: Europe/London}",
            b"FREQ=MONTHLY;BYDAY=-1FR;WKST=MO",
            [dt.date(2026, 1, 30), dt.date(2026, 2, 27), dt.date(2026, 3, 27)],
        ),
        (
            "quarterly",
            "{day: tuesday, week_of_month: 1, months: [october, january, april, july],"
            " time: '10:00', timezone: Europe/London}",
            b"FREQ=YEARLY;BYDAY=1TU;BYMONTH=1,4,7,10;WKST=MO",
            [dt.date(2026, 1, 6), dt.date(2026, 4, 7), dt.date(2026, 7, 7)],
        ),
    ],
    ids=["weekly-two-days", "fortnightly", "monthly-last", "quarterly"],
)
def test_cadence_and_meets_make_the_rrule(
    build_model: Build, cadence: str, meets: str, rule: bytes, first: list[dt.date]
) -> None:
    text = f"name: Forum\ncadence: {cadence}\nduration_minutes: 60\nmeets: {meets}\n"
    one, _ = feeds(build_model({"forums/forum.yml": text}))
    event = _event(one["forum"])

    assert event["rrule"].to_ical() == rule
    assert [m.date() for m in _first(event, 3)] == first


def test_model_text_is_escaped_and_lines_are_folded_with_crlf(build_model: Build) -> None:
    name = 'Board; the "big" one, with a \\\\ backslash and a very long name that must fold'
    text = BOARD.replace("name: Board", f"name: '{name}'") + "  location: Room 1; floor 2, east\n"
    one, _ = feeds(build_model({"forums/board.yml": text}))
    data = one["board"]

    event = _event(data)
    assert str(event["summary"]) == name
    assert str(event["location"]) == "Room 1; floor 2, east"
    assert b"LOCATION:Room 1\\; floor 2\\, east\r\n" in data
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75


def test_feeds_are_byte_identical_and_stamped_with_source_date_epoch(
    build_model: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = build_model({"forums/board.yml": BOARD})
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    unset = feeds(model)
    assert unset == feeds(model)
    assert _event(unset[0]["board"]).decoded("dtstamp") == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    stamped = _event(feeds(model)[0]["board"])
    assert stamped.decoded("dtstamp") == dt.datetime(2026, 11, 23, tzinfo=dt.UTC)


def test_each_forum_keeps_one_uid_in_its_own_feed_and_in_the_feed_of_all(
    build_model: Build,
) -> None:
    council = BOARD.replace("Board", "Council")
    one, every = feeds(build_model({"forums/board.yml": BOARD, "forums/council.yml": council}))
    assert every is not None

    uids = [str(e["uid"]) for e in icalendar.Calendar.from_ical(every).walk("VEVENT")]
    assert uids == [str(_event(one["board"])["uid"]), str(_event(one["council"])["uid"])]
    assert len(set(uids)) == 2 and "board" in uids[0]


def test_forums_without_a_regular_time_have_no_feed(build_model: Build) -> None:
    files = {
        "forums/board.yml": BOARD,
        "forums/plain.yml": "name: Plain\ncadence: weekly\n",
        "forums/gone.yml": BOARD.replace("Board", "Gone") + "status: retired\n",
    }
    one, every = feeds(build_model(files))

    assert sorted(one) == ["board"]
    assert every is not None and len(icalendar.Calendar.from_ical(every).walk("VEVENT")) == 1
