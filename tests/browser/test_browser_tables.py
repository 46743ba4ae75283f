"""The tables work in the browser: index tables sort when a header is clicked and filter as
the reader types; the who-decides selects narrow the decisions to exactly those the model
says each category, role and unit takes part in."""

from __future__ import annotations

import re
from typing import Any

import pytest

from opmodel.model.model import Model
from opmodel.model.refs import Ref
from opmodel.model.schema import Decision, Role
from opmodel.site import urls

KINDS = list(urls.SECTIONS)
ROWS = "table.opm-sortable tbody tr"
VISIBLE_ROWS = """sel => Array.from(document.querySelectorAll(sel))
    .filter(row => !row.hidden && row.offsetParent !== null)
    .map(row => row.querySelector('a').getAttribute('href'))"""
COLUMN = """([sel, i]) => Array.from(document.querySelectorAll(sel))
    .map(row => row.children[i].textContent.trim())"""


def _index(site: Any, kind: str) -> str:
    return urls.url_of(urls.index_path(kind), False)


def _keys(texts: list[str]) -> list[str]:
    """Tablesort's order for text: trimmed, lower-cased, compared code unit by code unit."""
    return [t.strip().lower() for t in texts]


def _number(text: str) -> float:
    match = re.search(r"-?\d+(?:\.\d+)?", text.replace(",", ""))
    return float(match[0]) if match else float("-inf")


@pytest.mark.parametrize("kind", KINDS)
def test_an_index_sorts_on_a_header_click_and_filters_as_you_type(
    page: Any, site: Any, open_page: Any, tally: Any, kind: str
) -> None:
    """Clicking the Name header sorts the rows (a second click reverses them); typing words
    from a name in the filter box hides every row without all of them; clearing it shows
    every row again. (One page load for both: loads are what the browser tests spend.)"""
    entities = site.model.of_kind(kind)
    if not entities:
        pytest.skip(f"the example has no {kind}")
    open_page(page, site.url(_index(site, kind)))
    _sorts_by_the_first_column(page, tally)
    _filters_by_words_of_a_name(page, tally, entities)


def _sorts_by_the_first_column(page: Any, tally: Any) -> None:
    header = page.locator("table.opm-sortable thead th").first
    original = page.evaluate(COLUMN, [ROWS, 0])
    orders = []
    for _ in range(2):
        header.click()
        direction = header.get_attribute("aria-sort")
        assert direction in ("ascending", "descending"), f"aria-sort is {direction!r}"
        names = page.evaluate(COLUMN, [ROWS, 0])
        assert sorted(names) == sorted(original), "sorting lost or duplicated rows"
        expected = sorted(_keys(names), reverse=direction == "descending")
        assert _keys(names) == expected, f"not sorted {direction}: {names}"
        orders.append(names)
        tally.check("table sorts")
    if len(set(original)) > 1:
        assert orders[0] == orders[1][::-1], "a second click must reverse the order"
        assert original != orders[0] or original != orders[1], "the rows never reordered"


def _filters_by_words_of_a_name(page: Any, tally: Any, entities: Any) -> None:
    target = max(entities, key=lambda e: (len(e.label), e.id))
    words = target.label.split()[:3]
    everything = page.evaluate(VISIBLE_ROWS, ROWS)
    assert len(everything) == len(entities), "the index does not list every entity"

    page.locator("input.opm-filter").press_sequentially(" ".join(words), delay=5)
    shown = page.evaluate(VISIBLE_ROWS, ROWS)
    texts = page.evaluate(
        "sel => Array.from(document.querySelectorAll(sel)).map(r => r.textContent.toLowerCase())",
        ROWS,
    )
    hrefs = page.evaluate(
        "sel => Array.from(document.querySelectorAll(sel))"
        ".map(r => r.querySelector('a').getAttribute('href'))",
        ROWS,
    )
    expected = [h for h, t in zip(hrefs, texts, strict=True) if all(w.lower() in t for w in words)]
    assert shown == expected, f"typing {' '.join(words)!r} showed {shown}, expected {expected}"
    assert f"{target.id}.html" in shown, f"{target.id} is hidden by its own name"
    if len(expected) < len(entities):
        assert len(shown) < len(everything), "no row was hidden"
        tally.check("filters that hid rows")

    page.locator("input.opm-filter").fill("")
    assert sorted(page.evaluate(VISIBLE_ROWS, ROWS)) == sorted(everything), "rows stayed hidden"
    tally.check("table filters")


def test_a_numeric_column_sorts_by_number_not_text(
    page: Any, site: Any, open_page: Any, tally: Any
) -> None:
    open_page(page, site.url(_index(site, "role")))
    headers = page.locator("table.opm-sortable thead th")
    column = [h.strip() for h in headers.all_inner_texts()].index("Meetings h/wk")
    before = page.evaluate(COLUMN, [ROWS, column])
    headers.nth(column).click()
    direction = headers.nth(column).get_attribute("aria-sort")
    after = [_number(v) for v in page.evaluate(COLUMN, [ROWS, column])]
    assert after == sorted(after, reverse=direction == "descending"), after
    assert sorted(after) == sorted(_number(v) for v in before)
    assert len(set(after)) > 2, "the example's meeting hours should vary"
    tally.check("table sorts")


# -- Who decides? ------------------------------------------------------------------------


def _parties(decision: Decision) -> list[Ref]:
    refs = [decision.accountable, *decision.responsible, *decision.consulted]
    refs += [*decision.informed, *([decision.escalates_to] if decision.escalates_to else [])]
    return refs


def _units_of_roles(model: Model, refs: list[Ref | None]) -> set[str]:
    units = set()
    for ref in refs:
        role = model.find(ref) if ref else None
        if isinstance(role, Role) and role.unit:
            units.add(role.unit.id)
    return units


def _involves_unit(model: Model, decision: Decision, unit_id: str) -> bool:
    """A unit takes part in a decision when it is named, or one of its roles is, or one of
    its roles chairs or sits on a forum that is named."""
    units: set[str] = set()
    for ref in _parties(decision):
        if ref.kind == "unit":
            units.add(ref.id)
        elif ref.kind == "role":
            units |= _units_of_roles(model, [ref])
        elif ref.kind == "forum":
            forum = model.get(ref)
            units |= _units_of_roles(model, [forum.chair, *forum.members])  # type: ignore[attr-defined]
    return unit_id in units


def _expected(model: Model, keep: Any) -> list[str]:
    return [f"../decisions/{d.id}.html" for d in model.decisions if keep(d)]


def test_who_decides_selects_show_exactly_the_decisions_of_each_choice(
    page: Any, site: Any, open_page: Any, tally: Any
) -> None:
    model = site.model
    open_page(page, site.url(urls.url_of(urls.WHO_DECIDES, False)))
    rows = "div[data-opm-filterable] tbody tr"
    assert page.evaluate(VISIBLE_ROWS, rows) == _expected(model, lambda d: True)
    checks = {
        "category": lambda value: lambda d: d.category == value,
        "roles": lambda value: (
            lambda d: any(r.kind == "role" and r.id == value for r in _parties(d))
        ),
        "units": lambda value: lambda d: _involves_unit(model, d, value),
    }
    wrong = []
    for field, keep in checks.items():
        select = page.locator(f"select[data-opm-filter='{field}']")
        options = select.locator("option").evaluate_all("os => os.map(o => o.value)")
        values = [v for v in options if v]
        assert values, f"the {field} select has no choices"
        for value in values:
            select.select_option(value)
            shown = page.evaluate(VISIBLE_ROWS, rows)
            expected = _expected(model, keep(value))
            if shown != expected:
                wrong.append(f"{field}={value}: shows {shown}, the model says {expected}")
            if not shown:
                wrong.append(f"{field}={value}: a choice that shows no decision")
            tally.check("who-decides choices")
        select.select_option("")
    assert not wrong, "\n".join(wrong)


def test_who_decides_filters_combine(page: Any, site: Any, open_page: Any, tally: Any) -> None:
    """A category and a role together show the decisions that match both; the count says so."""
    model = site.model
    open_page(page, site.url(urls.url_of(urls.WHO_DECIDES, False)))
    decision = max(model.decisions, key=lambda d: (len(_parties(d)), d.id))
    role = next(r for r in _parties(decision) if r.kind == "role")
    page.locator("select[data-opm-filter='category']").select_option(decision.category or "")
    page.locator("select[data-opm-filter='roles']").select_option(role.id)
    shown = page.evaluate(VISIBLE_ROWS, "div[data-opm-filterable] tbody tr")
    expected = _expected(model, lambda d: d.category == decision.category and role in _parties(d))
    assert shown == expected and f"../decisions/{decision.id}.html" in shown
    count = page.locator(".opm-count").inner_text()
    assert count == f"{len(expected)} of {len(model.decisions)} shown", count
    page.locator("input.opm-filter").press_sequentially("no such words here", delay=5)
    assert page.evaluate(VISIBLE_ROWS, "div[data-opm-filterable] tbody tr") == []
    tally.check("who-decides choices", 2)
