"""Material's search box, as a reader uses it: a person is found by their handle (typed with
or without "@") and by their e-mail address; a unit is listed above the forums and roles
named after it; each result's title says what kind of thing it is."""

from __future__ import annotations

import contextlib
from typing import Any

from opmodel.model.refs import Ref
from opmodel.site import urls

PERSON = "aisha-begum"
"""A person of the example with a handle and an e-mail address."""
UNIT, NAMESAKE = "data-governance-team", "data-governance-board"
"""A unit of the example, and a forum whose name starts with the unit's name."""
RESULTS = "li.md-search-result__item > a.md-search-result__link"
"""Each result's own link (a result's sections are links nested further in)."""


def _search(page: Any, site: Any, query: str, expect: str) -> list[str]:
    """Type `query` in the search box; the site-relative files of the results, in order,
    once `expect` is among the first three (or after 5 s)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on a key press; filling the box alone is not one
    found = (
        "([sel, want]) => [...document.querySelectorAll(sel)].slice(0, 3)"
        ".some(a => new URL(a.href).pathname.endsWith('/' + want))"
    )
    from playwright.sync_api import TimeoutError as Late

    with contextlib.suppress(Late):  # the caller's assertion says what was listed instead
        page.wait_for_function(found, arg=[RESULTS, expect], timeout=5000)
    hrefs = page.locator(RESULTS).evaluate_all("els => els.map(e => e.href)")
    return [site.path_of(href) for href in hrefs]


def _file(site: Any, ref: Ref) -> str:
    return urls.url_of(urls.page_path(ref), False)


def test_a_person_is_found_by_handle_and_email(
    page: Any, site: Any, open_page: Any, tally: Any
) -> None:
    person = site.model.get(Ref("person", PERSON))
    assert person.handle and person.email, f"the example's {PERSON} has no handle or e-mail"
    target = _file(site, person.ref)
    open_page(page, site.url("index.html"))
    for query in (person.handle, person.handle.lstrip("@"), person.email):
        listed = _search(page, site, query, target)
        assert target in listed[:3], f"searching {query!r} listed {listed[:5]}"
        tally.check("search queries")
    title = page.locator(RESULTS).first.locator("h1").inner_text()
    assert title.startswith(f"Person · {person.label}"), title


def test_a_unit_is_listed_above_the_forums_named_after_it(
    page: Any, site: Any, open_page: Any, tally: Any
) -> None:
    unit = site.model.get(Ref("unit", UNIT))
    target = _file(site, unit.ref)
    open_page(page, site.url("index.html"))
    listed = _search(page, site, unit.label.lower(), target)

    assert listed and listed[0] == target, f"searching {unit.label!r} listed {listed[:5]}"
    forum = site.model.get(Ref("forum", NAMESAKE))
    assert forum.label.startswith(unit.label), f"the example renamed {forum.label!r}"
    assert _file(site, forum.ref) in listed, f"{forum.label!r} not listed: {listed[:5]}"
    titles = page.locator(RESULTS).locator("h1").all_inner_texts()
    assert titles[0] == f"Unit · {unit.label}", titles[:3]
    assert any(t.startswith("Forum · ") for t in titles), titles
    tally.check("search queries")
