"""The hostile corpus (tests/hostile/corpus: names like `<script>window.__pwned=1</script>`
and `<img src=x onerror=window.__pwned=1>`) in a real browser: on every page, and in search
results, the names show as text and no script from the model runs; and its remote images,
frames, media and styles (on tracker.example) show as links, with no request off the
machine (the `browse` fixture fails a test for any)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from opmodel import load_model
from opmodel.site import urls

CORPUS = Path(__file__).resolve().parents[1] / "hostile" / "corpus"
PWNED = "typeof window.__pwned"
ACTIVE_MARKUP = """list => Array.from(list.querySelectorAll('*'))
    .filter(n => ['SCRIPT', 'IMG', 'IFRAME', 'SVG'].includes(n.tagName.toUpperCase())
                 || Array.from(n.attributes).some(a => a.name.startsWith('on')))
    .map(n => n.outerHTML.slice(0, 120))"""
SANITISED_IMAGE = "/x: Failed to load resource"
"""A guide's `<img src=x onerror=...>` keeps a harmless `<img src="x">` after sanitising: its
404 is expected, its onerror is not."""


@pytest.fixture(scope="module")
def hostile(
    tmp_path_factory: pytest.TempPathFactory, build_project: Any, serve: Any
) -> tuple[str, Path, Any]:
    site_dir = build_project(CORPUS, tmp_path_factory.mktemp("hostile-browser"))
    model = load_model(CORPUS / "content").model
    assert model is not None
    return serve(site_dir), site_dir, model


def test_every_page_shows_hostile_names_as_text_and_runs_no_script_from_them(
    browse: Any, hostile: tuple[str, Path, Any], tally: Any
) -> None:
    """One visit per page (loads are what browser tests spend): no script from the model
    has run once it has loaded, and an entity's page shows its name, markup and all, as the
    text of its heading."""
    base_url, site_dir, model = hostile
    page = browse(ignored_errors=(SANITISED_IMAGE,)).new_page()
    labels = {urls.url_of(urls.page_path(e.ref), False): e.label for e in model.all_entities()}
    ran, wrong, named, remote_links = [], [], 0, 0
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    for path in pages:
        page.goto(base_url + path, wait_until="load")
        if page.evaluate(PWNED) != "undefined":
            ran.append(path)
        remote_links += page.locator('article a[href*="tracker.example"]').count()
        label = labels.get(path)
        if label is not None and len(label) < 200:  # 10,000 characters: see tests/hostile
            heading = " ".join(page.locator("article h1").first.inner_text().split())
            if " ".join(label.split()) not in heading:
                wrong.append(f"{path}: the heading reads {heading!r}")
            named += 1
    assert not ran, f"a script from the model ran on: {ran}"
    assert not wrong, "\n".join(wrong)
    assert len(pages) >= 30 and named >= 15
    assert remote_links >= 10, "the corpus's remote embeds are not shown as links"
    tally.check("remote embeds shown as links, none loaded", remote_links)
    tally.check("hostile pages without script", len(pages))
    tally.check("hostile names shown as text", named)


@pytest.mark.parametrize("query", ["Chief", "Board", "Guide"])
def test_search_results_show_hostile_names_as_text(
    browse: Any, hostile: tuple[str, Path, Any], tally: Any, query: str
) -> None:
    base_url, _, _ = hostile
    page = browse(ignored_errors=(SANITISED_IMAGE,)).new_page()
    page.goto(base_url + "index.html", wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=10)
    page.locator("li.md-search-result__item").first.wait_for()
    assert page.evaluate(PWNED) == "undefined"
    active = page.locator(".md-search-result__list").evaluate(ACTIVE_MARKUP)
    assert not active, f"search results hold live markup: {active}"
    tally.check("hostile search queries")
