"""The site opened straight from a file share (`file://`, no web server): the home page
renders, links navigate, search answers, and nothing is requested but local files."""

from __future__ import annotations

from typing import Any

from opmodel.model.refs import Ref
from opmodel.site import urls

FILE_ONLY = frozenset({"file"})
SEARCHED_ROLE = "chief-data-officer"


def test_the_site_opened_from_file_renders_and_links_navigate(
    browse: Any, built_example: Any, tally: Any
) -> None:
    browsing = browse(schemes=FILE_ONLY)
    page = browsing.new_page()
    home = (built_example / "index.html").as_uri()
    page.goto(home, wait_until="load")
    assert page.locator("article h1").first.is_visible()
    assert page.locator("figure.opm-figure svg").count() >= 1, "the home page lost its diagrams"

    page.locator("nav.md-tabs a.md-tabs__link", has_text="Who decides?").click()
    page.wait_for_load_state("load")
    assert page.url == (built_example / "who-decides" / "index.html").as_uri()
    assert "Who decides" in page.locator("article h1").first.inner_text()
    # Tables are sorted by our script, which must also run from file://.
    header = page.locator("table thead th").first
    header.click()
    assert header.get_attribute("aria-sort") in ("ascending", "descending")

    local = ("file://", "data:", "blob:", "about:")
    assert browsing.watch.requests, "no requests recorded"
    assert all(url.startswith(local) for url in browsing.watch.requests), browsing.watch.requests
    tally.check("file:// pages and clicks", 3)


def test_search_works_from_file(browse: Any, built_example: Any, site: Any, tally: Any) -> None:
    browsing = browse(schemes=FILE_ONLY)
    page = browsing.new_page()
    role = site.model.get(Ref("role", SEARCHED_ROLE))
    page.goto((built_example / "roles" / "index.html").as_uri(), wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(role.label, delay=15)
    results = page.locator("li.md-search-result__item a.md-search-result__link")
    results.first.wait_for()
    assert results.count() >= 1
    target = (built_example / urls.url_of(urls.page_path(role.ref), False)).as_uri()
    hrefs = results.evaluate_all("els => els.map(e => e.href.split('?')[0])")
    assert target in hrefs, f"searching {role.label!r} from file:// listed {hrefs}"
    results.nth(hrefs.index(target)).click()
    page.wait_for_load_state("load")
    assert page.url.split("?")[0] == target
    assert role.label in page.locator("article h1").first.inner_text()
    requests = browsing.watch.requests
    assert all(url.startswith(("file://", "data:", "blob:", "about:")) for url in requests), [
        url for url in requests if not url.startswith("file://")
    ]
    tally.check("file:// searches")
