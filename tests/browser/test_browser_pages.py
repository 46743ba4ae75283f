"""Every kind of page loads in a browser without a console error or an uncaught exception,
fetches nothing from another host, and follows the dark-mode toggle."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest


def test_every_page_type_renders_its_heading(tour: Any, tally: Any) -> None:
    visits: dict[str, Any] = tour
    assert len(visits) >= 20, f"only {len(visits)} page types: {sorted(visits)}"
    missing = [f"{v.name} ({v.path})" for v in visits.values() if not v.heading.strip()]
    assert not missing, "pages without an <h1>: " + ", ".join(missing)
    tally.check("page types rendered", len(visits))


def test_no_page_type_logs_an_error_or_throws_in_either_palette(tour: Any, tally: Any) -> None:
    visits: dict[str, Any] = tour
    problems = [f"{v.name} ({v.path}): {p}" for v in visits.values() for p in v.problems]
    assert not problems, "\n".join(problems)
    tally.check("page types free of console errors and exceptions", len(visits))


def test_no_page_type_requests_anything_from_another_host(tour: Any, tally: Any) -> None:
    visits: dict[str, Any] = tour
    local = {"127.0.0.1", "localhost"}
    remote = [
        f"{v.name} ({v.path}): {url}"
        for v in visits.values()
        for url in v.requests
        if not url.startswith(("data:", "blob:", "about:")) and urlsplit(url).hostname not in local
    ]
    assert not remote, "requests to other hosts:\n" + "\n".join(remote)
    empty = [v.name for v in visits.values() if not v.requests]
    assert not empty, f"pages whose requests were not recorded: {empty}"
    checked = sum(len(v.requests) for v in visits.values())
    tally.check("requests checked to stay on localhost", checked)


def test_the_request_watch_tells_local_urls_from_remote_ones(browse: Any, site: Any) -> None:
    """The watch behind every test: what it counts as local, so that the checks on requests
    cannot pass vacuously."""
    watch = browse().watch
    assert watch.is_local(site.url("assets/x.js"))
    assert watch.is_local("http://localhost:8000/x") and watch.is_local("data:image/png;base64,")
    for remote in ("https://unpkg.com/x.js", "http://fonts.gstatic.com/x", "file:///etc/passwd"):
        assert not watch.is_local(remote), remote


@pytest.mark.parametrize("start", ["light", "dark"])
def test_the_palette_toggle_switches_between_light_and_dark(
    browse: Any, site: Any, open_page: Any, tally: Any, start: str
) -> None:
    page = browse(color_scheme=start).new_page()
    open_page(page, site.url("index.html"))

    def scheme() -> str:
        return str(page.evaluate("document.body.getAttribute('data-md-color-scheme')"))

    first, second = ("default", "slate") if start == "light" else ("slate", "default")
    assert scheme() == first, "the palette does not follow the system colour scheme"
    for expected in (second, first):
        page.locator("form[data-md-component='palette'] label:visible").first.click()
        page.wait_for_function(
            f"document.body.getAttribute('data-md-color-scheme') === '{expected}'"
        )
        tally.check("palette toggles")
    # The choice is remembered on the next page (Material keeps it in localStorage).
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    open_page(page, site.url("who-decides/index.html"))
    assert scheme() == second
    tally.check("palette toggles")


def test_diagram_text_stays_readable_in_dark_mode(
    browse: Any, site: Any, open_page: Any, tally: Any
) -> None:
    """Diagram nodes keep dark text on their pastel fills on Material's slate background."""
    page = browse(color_scheme="dark").new_page()
    open_page(page, site.url("units/index.html"))
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    fills = page.evaluate(
        """() => Array.from(document.querySelectorAll('figure.opm-figure svg g.node text'))
              .map(t => getComputedStyle(t).fill)"""
    )
    assert fills, "no node text in the org chart"
    light_text = [fill for fill in fills if _luminance(fill) > 0.5]
    assert not light_text, f"node text turned light on pastel fills: {sorted(set(light_text))}"
    tally.check("diagram text colours", len(fills))


def _luminance(css_colour: str) -> float:
    """Rough lightness (0-1) of `rgb(r, g, b)`."""
    numbers = [float(n) for n in css_colour[css_colour.index("(") + 1 : -1].split(",")[:3]]
    return sum(numbers) / (3 * 255)
