"""Nothing lost: every entity of the example has its page, every reference and backlink is a
working link, and the summary pages (indexes, who decides, RACI, health, roadmap) list
everything they promise to."""

from __future__ import annotations

from collections import Counter
from typing import Any

from opmodel.model.assemble import iter_refs
from opmodel.model.refs import Ref
from opmodel.site import urls
from opmodel.views.entity_pages import INVOLVEMENT_FIELDS, SHOWN_ABOVE
from opmodel.views.roadmap import STATUS_TITLES

RACI_LETTERS = {"accountable": "A", "responsible": "R", "consulted": "C", "informed": "I"}


def test_every_entity_has_exactly_one_page_whose_heading_is_its_label(example_site: Any) -> None:
    model = example_site.model
    entities = list(model.all_entities())
    pages = example_site.pages
    for entity in entities:
        page = example_site.entity_page(entity)
        assert entity.label in page.h1, f"{page.path}: <h1> {page.h1!r} lacks {entity.label!r}"

    expected = Counter(e.kind for e in entities)
    built = Counter()
    for kind, section in urls.SECTIONS.items():
        built[kind] = sum(
            1
            for path in pages
            if path.startswith(f"{section}/") and path != f"{section}/index.html"
        )
        assert built[kind] == expected[kind], f"{section}/: {built[kind]} pages, {expected[kind]}"
    assert len({example_site.entity_url(e) for e in entities}) == len(entities)
    print(f"\n{len(entities)} entities, {sum(built.values())} entity pages")


def test_every_reference_in_an_entity_is_a_link_on_its_page(example_site: Any) -> None:
    model = example_site.model
    checked = 0
    missing = []
    for entity in model.all_entities():
        page = example_site.entity_page(entity)
        # Backlinks do not count: a reference must be a link in the page's own facts.
        targets = page.article_targets(excluding="referenced-by")
        for place, ref in iter_refs(entity):
            checked += 1
            wanted = example_site.url(urls.page_path(ref))
            if wanted not in targets:
                missing.append(f"{page.path}: {'.'.join(map(str, place))} -> {ref} ({wanted})")
    assert not missing, "references without a link:\n" + "\n".join(missing)
    assert checked > 0
    print(f"\n{checked} references checked")


def test_every_backlink_is_listed_once_in_a_section_or_under_referenced_by(
    example_site: Any,
) -> None:
    """A backlink a section of the page lists (a unit's roles, a person's roles) is left out
    of 'Referenced by'; every other one is there."""
    model = example_site.model
    missing = []
    for entity in model.all_entities():
        page = example_site.entity_page(entity)
        shown = SHOWN_ABOVE.get(entity.kind, frozenset()) | INVOLVEMENT_FIELDS
        above = page.article_targets(excluding="referenced-by")
        listed = page.article_targets(section="referenced-by")
        for backlink in model.backlinks.get(entity.ref, ()):
            wanted = example_site.url(urls.page_path(backlink.source))
            where = above if (backlink.source.kind, backlink.field) in shown else listed
            if wanted not in where:
                missing.append(f"{page.path}: {backlink.source} ({backlink.field})")
        if not model.backlinks.get(entity.ref):
            assert "referenced-by" in page.ids, f"{page.path}: does not say nothing refers to it"
    assert not missing, "backlinks not listed where they belong:\n" + "\n".join(missing)


def test_each_index_page_links_every_entity_of_its_kind_once(example_site: Any) -> None:
    model = example_site.model
    for kind, section in urls.SECTIONS.items():
        entities = model.of_kind(kind)
        if not entities:
            continue
        index = example_site.page(example_site.url(urls.index_path(kind)))
        (table,) = [t for t in index.tables if t.rows]
        body = table.rows[1:]
        assert len(body) == len(entities), f"{index.path}: {len(body)} rows for {len(entities)}"
        first_links = [index.resolve(row[0].hrefs[0])[0] for row in body]
        assert sorted(first_links) == sorted(example_site.entity_url(e) for e in entities), (
            f"{section}/index: the name column does not link each entity once"
        )


def test_who_decides_lists_every_decision_with_its_accountable_linked(example_site: Any) -> None:
    model = example_site.model
    page = example_site.page(example_site.url(urls.WHO_DECIDES))
    (table,) = [t for t in page.tables if t.rows]
    header = [cell.text for cell in table.rows[0]]
    assert header[:3] == ["Decision", "Category", "A"]
    rows = {}
    for row in table.rows[1:]:
        rows[page.resolve(row[0].hrefs[0])[0]] = row
    for decision in model.decisions:
        row = rows.get(example_site.entity_url(decision))
        assert row is not None, f"{decision.id} is not on Who decides?"
        accountable = example_site.url(urls.page_path(decision.accountable))
        assert [page.resolve(h)[0] for h in row[2].hrefs] == [accountable], (
            f"{decision.id}: the A column does not link {decision.accountable}"
        )
    assert len(rows) == len(model.decisions)


def _expected_raci(model: Any) -> dict[tuple[str, str], set[str]]:
    """(role id, decision id) -> letters, from the decisions' RACI fields (roles only)."""
    cells: dict[tuple[str, str], set[str]] = {}
    for decision in model.decisions:
        for field, letter in RACI_LETTERS.items():
            value = getattr(decision, field)
            for ref in value if isinstance(value, tuple) else (value,):
                if isinstance(ref, Ref) and ref.kind == "role":
                    cells.setdefault((ref.id, decision.id), set()).add(letter)
    return cells


def test_raci_matrix_has_a_cell_for_each_role_and_decision_pair(example_site: Any) -> None:
    model = example_site.model
    expected = _expected_raci(model)
    page = example_site.page(example_site.url(urls.RACI))
    seen: dict[tuple[str, str], set[str]] = {}
    wrong = []
    for table in page.tables:
        header, *body = table.rows
        decisions = [_id_of(page, cell) for cell in header[1:]]
        for row in body:
            role = _id_of(page, row[0])
            assert len(row) == len(header), f"{page.path}: row for {role} is ragged"
            for decision, cell in zip(decisions, row[1:], strict=True):
                letters = set(cell.text)
                if letters != expected.get((role, decision), set()):
                    wrong.append(f"{role} × {decision}: {cell.text!r}")
                if letters:
                    seen[(role, decision)] = letters
    assert not wrong, "RACI cells that disagree with the model:\n" + "\n".join(wrong)
    assert seen == expected
    print(f"\n{len(expected)} RACI cells checked")


def _id_of(page: Any, cell: Any) -> str:
    """The entity id a table cell links to (`../roles/x.html` -> `x`)."""
    (href,) = cell.hrefs
    target, _ = page.resolve(href)
    return target.rsplit("/", 1)[-1].removesuffix(".html")


def test_health_page_lists_every_finding(example_site: Any, example_findings: Any) -> None:
    page = example_site.page(example_site.url(urls.HEALTH))
    items = page.of("li")
    assert example_findings, "the example is expected to have some findings"
    for finding in example_findings:
        matches = [item for item in items if finding.message in item.text]
        assert matches, f"{finding.code} {finding.message!r} is not on the health page"
        if finding.subject is not None:
            subject = example_site.url(urls.page_path(finding.subject))
            assert any(subject in {page.resolve(h)[0] for h in m.hrefs} for m in matches), (
                f"{finding.code} {finding.message!r}: no link to {finding.subject}"
            )
    assert f"{len(example_findings)} finding" in page.source


def test_roadmap_lists_every_change_under_its_status(example_site: Any) -> None:
    model = example_site.model
    page = example_site.page(example_site.url(urls.ROADMAP))
    lanes = {h2.attrs.get("id"): h2.text for h2 in page.of("h2")}
    placed: dict[str, list[str]] = {}
    for link in page.links:
        if link.tag == "a" and "h3" in link.inside:
            target, _ = page.resolve(link.value)
            placed.setdefault(target, []).append(lanes[link.section])
    assert model.changes, "the example is expected to have changes"
    for change in model.changes:
        lane_titles = placed.get(example_site.entity_url(change), [])
        assert len(lane_titles) == 1, f"{change.id} is listed {len(lane_titles)} times"
        assert lane_titles[0].startswith(STATUS_TITLES[change.status]), (
            f"{change.id} ({change.status}) is under {lane_titles[0]!r}"
        )


def test_the_governance_map_is_inlined_once_on_the_forums_index_and_linked_from_home(
    example_site: Any,
) -> None:
    """The same map inlined on two pages doubled its bytes (90 KB at 72 forums): it lives
    on the forums index, and the home page links to it there."""
    forums = example_site.url(urls.index_path("forum"))
    showing = [p.path for p in example_site.pages.values() if 'id="opm_governance"' in p.source]
    assert showing == [forums]
    home = example_site.page(example_site.url(urls.HOME))
    targets = [home.resolve(link.value) for link in home.links if link.tag == "a"]
    assert (forums, urls.GOVERNANCE_MAP) in targets
    assert urls.GOVERNANCE_MAP in example_site.page(forums).ids
