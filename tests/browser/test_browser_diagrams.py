"""Diagrams in the browser: every node link lands on a page of the site, clicking a node
opens it, and a diagram too wide for the column gets pan and zoom controls that work."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest

from opmodel.site import urls

NODE_LINKS = """() => Array.from(document.querySelectorAll('figure.opm-figure svg a'))
    .map(a => a.getAttribute('href') || a.getAttribute('xlink:href'))
    .filter(Boolean)
    .map(href => new URL(href, location.href).href)"""
PAGES_WITH_DIAGRAMS = ("home", "unit index", "forum index", "capability index")
ENTITY_KINDS_WITH_DIAGRAMS = ("unit", "role", "decision", "flow")
BLANK_POINT = """box => {
    for (const fy of [0.02, 0.5, 0.98, 0.25, 0.75]) {
        for (const fx of [0.02, 0.98, 0.5, 0.25, 0.75]) {
            const x = box.x + fx * box.width, y = box.y + fy * box.height;
            const el = document.elementFromPoint(x, y);
            if (el && el.closest('svg.opm-diagram') && !el.closest('a')
                ) return [x, y];
        }
    }
    throw new Error('no point of the diagram is clear of links');
}"""
VIEWPORT_TO = """() => {
    const g = document.querySelector('figure.opm-zoomable svg .svg-pan-zoom_viewport');
    return g ? (g.getAttribute('transform') || g.style.transform) : null;
}"""


def _diagram_pages(site: Any, page_types: dict[str, str]) -> list[str]:
    paths = [page_types[name] for name in PAGES_WITH_DIAGRAMS if name in page_types]
    for kind in ENTITY_KINDS_WITH_DIAGRAMS:
        for entity in site.model.of_kind(kind)[:1]:
            paths.append(urls.url_of(urls.page_path(entity.ref), False))
    return paths


def test_every_diagram_node_links_to_a_page_of_the_site(
    page: Any, site: Any, open_page: Any, tally: Any, page_types: dict[str, str]
) -> None:
    broken, checked = [], 0
    for path in _diagram_pages(site, page_types):
        open_page(page, site.url(path))
        links = page.evaluate(NODE_LINKS)
        assert links, f"{path}: no clickable nodes in its diagrams"
        for url in links:
            target = site.path_of(url)
            if not url.startswith(site.base_url):
                broken.append(f"{path}: {url} leaves the site")
            elif not (Path(site.root) / target).is_file():
                broken.append(f"{path}: {url} -> {target} does not exist")
            checked += 1
    assert not broken, "\n".join(broken)
    tally.check("diagram node links", checked)


@pytest.mark.parametrize("where", ["unit index", "role page", "flow page"])
def test_clicking_a_diagram_node_opens_its_page(
    page: Any, site: Any, open_page: Any, tally: Any, page_types: dict[str, str], where: str
) -> None:
    open_page(page, site.url(page_types[where]))
    nodes = page.locator("figure.opm-figure svg g.node a")
    assert nodes.count() > 0, f"{where}: no linked nodes"
    # The last node: on an entity page the first one is often the page itself.
    node = nodes.last
    href = node.evaluate(
        "a => new URL(a.getAttribute('href') || a.getAttribute('xlink:href'), location.href).href"
    )
    node.click()
    page.wait_for_load_state("load")
    assert page.url == href, f"clicked a node linking to {href}, landed on {page.url}"
    labels = {urls.url_of(urls.page_path(e.ref), False): e.label for e in site.model.all_entities()}
    label = labels.get(site.path_of(page.url))
    assert label is not None, f"the node opened {page.url}, which is no entity's page"
    assert label in page.locator("article h1").first.inner_text()
    tally.check("diagram nodes clicked")


@pytest.mark.parametrize("where", ["unit index", "capability index"])
def test_a_wide_diagram_pans_and_zooms(
    browse: Any, site: Any, open_page: Any, tally: Any, page_types: dict[str, str], where: str
) -> None:
    """At a phone-sized viewport the large diagrams are wider than the column and get
    pan and zoom (svg-pan-zoom), with buttons above the drawing, never over its nodes; the
    zoom buttons change the diagram's transform."""
    page = browse(viewport={"width": 480, "height": 800}).new_page()
    open_page(page, site.url(page_types[where]))
    figure = page.locator("figure.opm-zoomable").first
    figure.wait_for()
    assert figure.locator(".opm-zoom-bar button").count() >= 2, "no zoom controls"
    assert figure.locator("svg #svg-pan-zoom-controls").count() == 0, "controls over the nodes"
    assert "zoom" in figure.locator(".opm-zoom-hint").inner_text().lower()
    start = page.evaluate(VIEWPORT_TO)
    assert start, "svg-pan-zoom did not take over the diagram"

    figure.locator(".opm-zoom-in").click()
    zoomed_in = _changed_from(page, start, "zooming in changed nothing")
    assert _scale(zoomed_in) > _scale(start)
    figure.locator(".opm-zoom-out").click()
    figure.locator(".opm-zoom-out").click()
    assert _scale(_changed_from(page, zoomed_in, "zooming out changed nothing")) < _scale(zoomed_in)

    svg = figure.locator("svg.opm-diagram")
    svg.evaluate("svg => svg.scrollIntoView({block: 'center'})")  # clear of the sticky header
    box = svg.bounding_box()
    assert box is not None
    before_drag = page.evaluate(VIEWPORT_TO)
    # Drag from a point of the diagram clear of links (a press on one would follow it).
    x, y = page.evaluate(BLANK_POINT, box)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 40, y + 30, steps=5)
    page.mouse.up()
    _changed_from(page, before_drag, "dragging did not pan the diagram")
    tally.check("pan and zoom actions", 4)


SMALLEST_TEXT_PX = """() => Math.min(...Array.from(
    document.querySelectorAll('figure.opm-figure svg text[font-size]'),
    t => parseFloat(t.getAttribute('font-size')) * t.getScreenCTM().a))"""


def test_diagram_text_is_at_least_ten_pixels_as_the_page_opens(
    page: Any, site: Any, open_page: Any, page_types: dict[str, str]
) -> None:
    """Fitted to the column, a diagram whose text would shrink under 10 px opens in pan
    and zoom instead, at a scale where it reads."""
    small = {}
    for path in _diagram_pages(site, page_types):
        open_page(page, site.url(path))
        if (smallest := _smallest_text_once_settled(page)) < 9.95:
            small[path] = round(smallest, 1)
    assert not small, f"diagram text under 10 px: {small}"


def _smallest_text_once_settled(page: Any) -> float:
    """The smallest diagram text in px once the starting zoom shows: svg-pan-zoom applies
    its transforms on the next animation frame, so just after `load` a large diagram can
    still be at the fitted scale it passes through on its way to the readable one."""
    # On Playwright's TimeoutError the figure returned says how small the text stayed.
    with contextlib.suppress(Exception):
        page.wait_for_function(f"({SMALLEST_TEXT_PX})() >= 9.95", timeout=3_000)
    return float(page.evaluate(SMALLEST_TEXT_PX))


def test_diagrams_that_fit_get_no_zoom_controls(
    page: Any, site: Any, open_page: Any, page_types: dict[str, str]
) -> None:
    open_page(page, site.url(page_types["role page"]))
    assert page.locator("figure.opm-figure").count() >= 1
    assert page.locator("figure.opm-zoomable").count() == 0


def test_home_org_chart_fits_the_column_with_text_at_least_10_px(tour: Any) -> None:
    """The overview wraps a wide level into rows rather than shrinking the whole chart to
    the column: read at the tour's desktop viewport, as loaded (no zoom)."""
    (chart,) = [d for d in tour["home"].diagrams if d["key"] == "opm_structure_overview"]
    assert not chart["zoomable"], "the home org chart needed pan and zoom to fit"
    assert chart["smallest_text_px"] >= 10, chart
    assert chart["texts_past_right_edge"] == 0, chart


def _changed_from(page: Any, transform: str, failure: str) -> str:
    """The diagram's transform once it differs from `transform`. svg-pan-zoom applies
    changes on the next animation frame, so reading right after a click can still see the
    old one."""
    try:
        page.wait_for_function(
            f"before => ({VIEWPORT_TO})() !== before", arg=transform, timeout=5_000
        )
    except Exception as timeout:  # Playwright's TimeoutError
        raise AssertionError(failure) from timeout
    changed: str = page.evaluate(VIEWPORT_TO)
    return changed


def _scale(transform: str) -> float:
    """The x scale of `matrix(a,b,c,d,e,f)` (svg-pan-zoom writes a matrix)."""
    numbers = transform[transform.index("(") + 1 : transform.index(")")].replace(",", " ").split()
    return float(numbers[0])
