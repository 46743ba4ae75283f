"""A reader finds their way: the tabs and the sidebar reach every section, and Material's
search box finds roles, forums and decisions and opens the right page."""

from __future__ import annotations

import re
from typing import Any

import pytest

from opmodel.model.refs import Ref
from opmodel.site import urls
from opmodel.site.pages import NavEntry, navigation

SEARCHED = {
    # kind: (id, how much of its label to type)
    "role": ("head-of-data-governance", "label"),
    "forum": ("change-advisory-board", "label"),
    "decision": ("declare-major-incident", "words"),
}
"""Entities of the example that the search tests look for. Chosen for names a reader would
type; the test fails with a clear message if the example stops having them."""
STOP_WORDS = frozenset({"a", "an", "the", "of", "to", "for", "and", "or", "on", "in"})


def _nav_paths(entries: list[Any]) -> dict[str, str]:
    """Built file -> title, for every page in the navigation."""
    found: dict[str, str] = {}
    for entry in entries:
        if isinstance(entry, NavEntry):
            found[urls.url_of(entry.path, False)] = entry.title
        else:
            found.update(_nav_paths(entry[1]))
    return found


def test_the_tabs_and_sidebar_reach_every_section(
    page: Any, site: Any, open_page: Any, tally: Any
) -> None:
    expected = _nav_paths(navigation(site.model))
    assert {"index.html", "who-decides/raci.html", "roadmap.html", "health.html"} <= set(expected)
    open_page(page, site.url("index.html"))
    tabs = page.locator("nav.md-tabs a.md-tabs__link")
    tab_names = [name.strip() for name in tabs.all_inner_texts()]
    assert tab_names == ["At a glance", "Guides", "Who decides?", "The model", "Evolution"]

    reached: dict[str, str] = {}
    for index, tab in enumerate(tab_names):
        page.locator("nav.md-tabs a.md-tabs__link").nth(index).click()
        page.wait_for_load_state("load")
        reached[site.path_of(page.url)] = _h1(page)
        tally.check("navigation clicks")
        # The sidebar lists the tab's pages, the same on each of them: follow it page by page.
        sidebar = page.locator("nav.md-nav--primary a.md-nav__link[href]:visible")
        targets = [
            site.path_of(url)
            for url in sidebar.evaluate_all("els => els.map(e => e.href)")
            if "#" not in url
        ]
        if tab != "At a glance":
            assert targets, f"the {tab!r} tab shows no sidebar links"
        for target in targets:
            if site.path_of(page.url) == target:
                continue
            links = sidebar.evaluate_all("els => els.map(e => e.href)")
            index_of = [site.path_of(url) for url in links].index(target)
            sidebar.nth(index_of).click()
            page.wait_for_load_state("load")
            assert site.path_of(page.url) == target, f"clicked for {target}, landed on {page.url}"
            reached[target] = _h1(page)
            tally.check("navigation clicks")

    missing = sorted(set(expected) - set(reached))
    assert not missing, f"not reachable from the tabs and sidebar: {missing}"
    empty = sorted(path for path in expected if not reached[path])
    assert not empty, f"pages without a heading: {empty}"


def _h1(page: Any) -> str:
    return " ".join(page.locator("article h1").first.inner_text().replace("¶", "").split())


def _query(label: str, how: str) -> str:
    if how == "label":
        return label
    words = [w for w in re.findall(r"\w+", label.lower()) if w not in STOP_WORDS]
    return " ".join(words[:3])


@pytest.mark.parametrize("kind", sorted(SEARCHED))
def test_search_finds_an_entity_and_opens_its_page(
    page: Any, site: Any, open_page: Any, tally: Any, kind: str
) -> None:
    entity_id, how = SEARCHED[kind]
    entity = site.model.find(Ref(kind, entity_id))
    assert entity is not None, f"the example no longer has the {kind} {entity_id!r}"
    target = urls.url_of(urls.page_path(entity.ref), False)
    query = _query(entity.label, how)

    open_page(page, site.url("roles/index.html"))  # search works from any page
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=15)
    results = page.locator("li.md-search-result__item a.md-search-result__link")
    results.first.wait_for()
    hrefs = results.evaluate_all("els => els.map(e => e.href)")
    matches = [
        i for i, href in enumerate(hrefs) if site.path_of(href) == target and "#" not in href
    ]
    assert matches, f"searching {query!r} did not list {target}; it listed {hrefs}"
    tally.check("search queries")

    results.nth(matches[0]).click()
    page.wait_for_load_state("load")
    assert site.path_of(page.url) == target
    assert entity.label in _h1(page), f"{target}: heading {_h1(page)!r}"
    tally.check("search results opened")


def test_an_entity_page_uses_the_width_an_empty_sidebar_left(browse: Any, site: Any) -> None:
    """With tabs and navigation.prune, an entity page (outside the navigation) has nothing in
    its primary sidebar: the sidebar goes and the content starts where the header does, on a
    1366 px screen; an index page keeps its section's sidebar, and the mobile drawer stays."""
    page = browse(viewport={"width": 1366, "height": 768}).new_page()
    page.goto(site.url("roles/accessibility-lead.html"))
    assert not page.locator(".md-sidebar--primary").is_visible()
    content = page.locator("article.md-content__inner").bounding_box()
    header = page.locator(".md-header__inner").bounding_box()
    assert content["x"] - header["x"] < 40, (content, header)
    assert content["width"] > 800, content

    page.goto(site.url("roles/index.html"))
    assert page.locator(".md-sidebar--primary").is_visible()

    narrow = browse(viewport={"width": 800, "height": 700}).new_page()
    narrow.goto(site.url("roles/accessibility-lead.html"))
    narrow.locator("label.md-header__button[for=__drawer]").click()
    assert narrow.get_by_role("link", name="At a glance").first.is_visible()
