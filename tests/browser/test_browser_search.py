"""Material's search box, as a reader uses it: a person is found by their handle (typed with
or without "@") and by their e-mail address; a unit is listed above the forums and roles
named after it; each result's title says what kind of thing it is."""

from __future__ import annotations

from typing import Any

from opmodel.model.refs import Ref

PERSON = "aisha-begum"
"""A person of the example with a handle and an e-mail address."""
UNIT, NAMESAKE = "data-governance-team", "data-governance-board"
"""A unit of the example, and a forum whose name starts with the unit's name."""


def test_a_person_is_found_by_handle_and_email(
    page: Any, site: Any, open_page: Any, search: Any, tally: Any
) -> None:
    person = site.model.get(Ref("person", PERSON))
    assert person.handle and person.email, f"the example's {PERSON} has no handle or e-mail"
    target = site.file_of(person.ref)
    open_page(page, site.url("index.html"))
    for query in (person.handle, person.handle.lstrip("@"), person.email):
        listed = search(page, site, query, target)
        assert target in listed[:3], f"searching {query!r} listed {listed[:5]}"
        tally.check("search queries")
    title = search.titles(page)[0]
    assert title.startswith(f"Person · {person.label}"), title


def test_a_unit_is_listed_above_the_forums_named_after_it(
    page: Any, site: Any, open_page: Any, search: Any, tally: Any
) -> None:
    unit = site.model.get(Ref("unit", UNIT))
    target = site.file_of(unit.ref)
    open_page(page, site.url("index.html"))
    listed = search(page, site, unit.label.lower(), target)

    assert listed and listed[0] == target, f"searching {unit.label!r} listed {listed[:5]}"
    forum = site.model.get(Ref("forum", NAMESAKE))
    assert forum.label.startswith(unit.label), f"the example renamed {forum.label!r}"
    assert site.file_of(forum.ref) in listed, f"{forum.label!r} not listed: {listed[:5]}"
    titles = search.titles(page)
    assert titles[0] == f"Unit · {unit.label}", titles[:3]
    assert any(t.startswith("Forum · ") for t in titles), titles
    tally.check("search queries")
