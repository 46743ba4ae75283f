"""The forums' meetings as iCalendar (RFC 5545) feeds: one calendar per forum, and one for
all of them, that a calendar application subscribes to.

Deterministic, like every output: each event's UID is made from the forum's id and the
organisation's name; DTSTART is the first meeting on or after `meets.starts` (else
`schedule.ANCHOR`); DTSTAMP is `SOURCE_DATE_EPOCH` when it is set, else the anchor; the
VTIMEZONE components come from the tz database, from the anchor to 2038. `icalendar`
escapes text, folds lines at 75 octets and writes CRLF line ends.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zoneinfo
from collections.abc import Iterable

import icalendar

from opmodel.model.model import Model
from opmodel.model.schedule import ANCHOR, first_meeting, recurrence, regular, when
from opmodel.model.schema import Forum

PRODID = "-//opmodel//operating model forums//EN"
ZONES_UNTIL = dt.date(2038, 1, 1)


def feeds(
    model: Model, page_url: dict[str, str] | None = None
) -> tuple[dict[str, bytes], bytes | None]:
    """{forum id: its calendar} for each forum that meets regularly, and the calendar of
    them all (None when none does). `page_url`: forum id -> the absolute URL of its page,
    for each event's URL (only when the site's address is known)."""
    forums = [f for f in model.listed("forum") if isinstance(f, Forum) and regular(f)]
    forums.sort(key=lambda f: f.id)
    name = model.organisation.name
    urls = page_url or {}
    one = {f.id: calendar([f], f"{f.label} ({name})", name, urls) for f in forums}
    every = calendar(forums, f"Forums of {name}", name, urls) if forums else None
    return one, every


def calendar(forums: Iterable[Forum], title: str, organisation: str, urls: dict[str, str]) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", title)
    events = [e for f in forums if (e := _event(f, organisation, urls.get(f.id)))]
    zones = sorted({str(e["dtstart"].params["TZID"]) for e in events})
    for zone in zones:
        cal.add_component(
            icalendar.Timezone.from_tzinfo(
                zoneinfo.ZoneInfo(zone), tzid=zone, first_date=ANCHOR, last_date=ZONES_UNTIL
            )
        )
    for event in events:
        cal.add_component(event)
    return bytes(cal.to_ical())


def _event(forum: Forum, organisation: str, url: str | None) -> icalendar.Event | None:
    meets = forum.meets
    assert meets is not None
    day = first_meeting(meets)
    if day is None:
        return None
    hours, minutes = (int(p) for p in meets.time.split(":"))
    start = dt.datetime.combine(
        day, dt.time(hours, minutes), tzinfo=zoneinfo.ZoneInfo(meets.timezone)
    )
    event = icalendar.Event()
    event.add("uid", f"forum-{forum.id}@{_slug(organisation) or 'opmodel'}.opmodel")
    event.add("dtstamp", _stamp())
    event.add("dtstart", start)
    if forum.duration_minutes:
        event.add("duration", dt.timedelta(minutes=forum.duration_minutes))
    event.add("rrule", recurrence(forum))
    event.add("summary", forum.label)
    description = [forum.summary or forum.purpose or "", when(forum) or ""]
    if url:
        description.append(url)
    event.add("description", "\n".join(line for line in description if line))
    if meets.location:
        event.add("location", meets.location)
    if url:
        event.add("url", url)
    return event


def _stamp() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.combine(ANCHOR, dt.time(), tzinfo=dt.UTC)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
