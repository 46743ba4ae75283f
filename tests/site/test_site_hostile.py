"""Text from the model is text: names written like attacks render literally, run nothing and
break no table. Built once for this module from a copy of the example with a hostile role
and a hostile change added."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

TITLE = "<script>alert(1)</script> | *bold* [x](javascript:alert(1)) `code` \"q\" 'q' \\ back"
BREAKOUT = "</title><script>alert(2)</script> & </h3> *[y](javascript:alert(2))*"
"""Closes the element it lands in first: Material's <title>, the roadmap's <h3>."""
DESCRIPTION = """\
Raw HTML: <script>alert("description")</script>

<p onclick="alert('p')">Click me</p>

<a href="https://example.org/" onclick="alert('a')">a link</a>

<img src="x" onerror="alert('img')">
"""
SCRIPT_URLS = """\
<a href="javascript:alert('a')" onclick="alert('a')">a link</a> [md](javascript:alert('md'))
[cased](JaVaScRiPt:alert(1)) [entity](&#106;avascript:alert(1)) ![d](data:image/png;base64,AA)
<iframe src="javascript:alert(1)"></iframe> [vb](vbscript:msgbox(1))
"""
"""`check` and `build` refuse these (OPM208); the renderer drops them all the same."""
TAG = "cost_centre_1 *x* <b>&amp;"
"""Shown as code: the characters Markdown would act on must not show as `&#95;` there."""
ROLE_ID = "hostile-role"
CHANGE_ID = "hostile-change"
UNIT = "concessionary-travel-team"
MANAGER = "service-owner-concessionary-travel"
SITE_NAME = "How we work"
VISIBLE_JAVASCRIPT = ("[x](javascript:alert(1))", "[y](javascript:alert(2))")
"""Where `javascript:` may appear in the HTML: as the names' own visible text."""
SCRIPT = re.compile(r"<script[^>]*>\s*alert", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\bon(click|error)\s*=", re.IGNORECASE)


@pytest.fixture(scope="module")
def hostile_site(
    tmp_path_factory: pytest.TempPathFactory, copy_example: Any, build_site: Any, read_site: Any
) -> Any:
    project: Path = copy_example(tmp_path_factory.mktemp("hostile"))
    role = {
        "title": TITLE,
        "unit": UNIT,
        "reports_to": MANAGER,
        "summary": TITLE,
        "description": DESCRIPTION,
        "accountabilities": [TITLE],
        "holders": [TITLE],
        "tags": [TAG],
    }
    change = {
        "title": BREAKOUT,
        "status": "trial",
        "hypothesis": BREAKOUT,
        "affects": [f"role:{ROLE_ID}"],
        "decided_by": f"role:{MANAGER}",
    }
    for folder, name, data in (("roles", ROLE_ID, role), ("changes", CHANGE_ID, change)):
        (project / "content" / folder / f"{name}.yml").write_text(
            yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    # A page-template override kept in theme/ (a Material custom_dir) must not be published.
    override = project / "theme" / "opmodel" / "role.md.j2"
    override.parent.mkdir(parents=True)
    override.write_text('{% extends "entity.md.j2" %}\n', encoding="utf-8")
    assert build_site(project / "mkdocs.yml", project / "site") == 0
    return read_site(project)


def test_hostile_names_appear_as_text_in_headings_and_the_index(hostile_site: Any) -> None:
    model = hostile_site.model
    role = next(r for r in model.roles if r.id == ROLE_ID)
    assert role.label == TITLE

    page = hostile_site.entity_page(role)
    assert TITLE in page.h1, f"<h1> reads {page.h1!r}"
    assert TITLE in {item.text for item in page.of("li")}, "the accountability is not literal"

    index = hostile_site.page("roles/index.html")
    (table,) = [t for t in index.tables if t.rows]
    rows = [row for row in table.rows[1:] if row[0].hrefs and ROLE_ID in row[0].hrefs[0]]
    assert len(rows) == 1, "the hostile role is not listed once on the roles index"
    assert rows[0][0].text.startswith(TITLE)

    for linked_from in (f"units/{UNIT}.html", f"roles/{MANAGER}.html", "roadmap.html"):
        other = hostile_site.page(linked_from)
        assert any(
            TITLE in element.text and any(ROLE_ID in h for h in element.hrefs)
            for element in other.elements
        ), f"{linked_from} does not show the hostile role's name as a link"


def test_a_name_that_closes_the_title_element_stays_inside_it(hostile_site: Any) -> None:
    """Material writes `page.title | striptags` into <title>, and striptags unescapes."""
    change = next(c for c in hostile_site.model.changes if c.id == CHANGE_ID)
    page = hostile_site.entity_page(change)
    title = page.of("title")[0]  # the <head> one; diagrams have <title>s of their own
    assert title.text.startswith(BREAKOUT) and title.text.endswith(f" - {SITE_NAME}")
    assert BREAKOUT in page.h1
    roadmap = hostile_site.page("roadmap.html")
    assert any(BREAKOUT in h3.text for h3 in roadmap.of("h3"))


def test_no_script_javascript_url_or_event_handler_reaches_any_page(hostile_site: Any) -> None:
    reached = []
    for path, page in hostile_site.pages.items():
        source = page.source
        for visible in VISIBLE_JAVASCRIPT:
            source = source.replace(visible, "")
        reached += [f"{path}: {m[0]!r}" for m in SCRIPT.finditer(source)]
        reached += [f"{path}: {m[0]!r}" for m in EVENT_HANDLER.finditer(source)]
        reached += [f"{path}: raw 'javascript:'" for _ in re.finditer("javascript:", source)]
        # Decoded values too: `javascript&#58;` in an href is still a javascript: URL.
        reached += [
            f"{path}: <{link.tag} {link.attribute}={link.value!r}>"
            for link in page.links
            if link.value.strip().lower().startswith(("javascript:", "data:text/html"))
        ]
    assert not reached, "hostile text reached the HTML:\n" + "\n".join(reached[:20])


def test_the_renderer_drops_script_and_data_urls_that_check_refuses() -> None:
    from opmodel.site.markdown import md_external_link, prose_html

    rendered = prose_html(SCRIPT_URLS)
    assert not re.search(r"javascript|vbscript|data:|onclick|<iframe", rendered, re.I), rendered
    for url in ("javascript:alert(1)", " JaVaScRiPt:x", "java\tscript:x", "data:text/html,x"):
        assert "<a" not in md_external_link("t", url)


def test_hostile_names_break_no_table(hostile_site: Any) -> None:
    """`|` in a name must not split a Markdown table cell, nor `<` open an HTML one."""
    ragged = []
    for path, page in hostile_site.pages.items():
        for number, table in enumerate(page.tables, start=1):
            widths = {len(row) for row in table.rows}
            if len(widths) > 1:
                ragged.append(f"{path}: table {number} has rows of {sorted(widths)} cells")
    assert not ragged, "\n".join(ragged)
    unit_page = hostile_site.page(f"units/{UNIT}.html")
    roles_table = next(t for t in unit_page.tables if t.section == "roles")
    assert [c.text for c in roles_table.rows[0]] == ["Role", "Held by", "Reports to"]
    assert any(TITLE in row[0].text for row in roles_table.rows[1:])


def test_code_in_the_facts_shows_its_text_exactly(hostile_site: Any) -> None:
    page = hostile_site.page(f"roles/{ROLE_ID}.html")
    tags = next(row for row in page.of("tr") if row.text.startswith("Tags"))
    assert tags.text == f"Tags{TAG}"


def test_template_overrides_in_the_theme_folder_are_not_published(hostile_site: Any) -> None:
    assert (hostile_site.root.parent / "theme" / "opmodel" / "role.md.j2").is_file()
    assert not [f for f in hostile_site.files() if f.name.endswith(".j2")]
