"""The plugin option `reference: true` publishes the content reference (every field of every
kind, from the schema) as a page of the site, in its navigation. A model of three files is
built by MkDocs with history, diagrams and the cache off, so the build takes about a second."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from opmodel.codes import CODES, UNKNOWN_REFERENCE, WRONG_KIND
from opmodel.site import urls
from opmodel.views.reference import content_reference

REPO = Path(__file__).resolve().parents[2]
MODEL = {
    "units/data.yml": "name: Data\nlead: head-of-data\n",
    "roles/head-of-data.yml": "title: Head of data\nunit: data\n",
}
CONFIG = f"""\
site_name: Reference test
docs_dir: content
use_directory_urls: false
theme:
  name: material
  custom_dir: {REPO / "theme"}
plugins:
  - opmodel:
      content: content
      reference: true
      diagrams: false
      cache: false
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, build_site: Any, read_site: Any) -> Any:
    project = tmp_path_factory.mktemp("reference")
    for relative, text in {"organisation.yml": "name: Test\n", **MODEL}.items():
        path = project / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (project / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    assert build_site(project / "mkdocs.yml", project / "site") == 0
    return read_site(project)


def test_the_reference_page_is_built_and_in_the_navigation(site: Any) -> None:
    reference = urls.url_of(urls.REFERENCE, False)
    page = site.page(reference)
    assert page.h1 == "Content reference"
    home = site.page("index.html")
    in_nav = [link for link in home.links if "nav" in link.inside]
    assert any(home.resolve(link.value)[0] == reference for link in in_nav), (
        "the navigation has no link to the content reference"
    )


def test_the_reference_lists_a_kinds_fields_with_their_check_codes(site: Any) -> None:
    page = site.page(urls.url_of(urls.REFERENCE, False))
    roles = next(s for s in content_reference().kinds if s.anchor == "role")
    (table,) = [t for t in page.tables if t.section == roles.anchor]
    header, *rows = ([cell.text for cell in row] for row in table.rows)
    assert header == ["Field", "Type", "Required / default", "Meaning", "Checks"]
    assert [row[0] for row in rows] == [f.name for f in roles.fields]
    checks = {row[0]: row[4].split() for row in rows}
    assert {UNKNOWN_REFERENCE, WRONG_KIND} <= set(checks["unit"])
    assert checks["title"] == ["—"]
    holders = next(f for f in roles.fields if f.name == "holders")
    assert checks["holders"] == [c.code for c in holders.codes]


def test_field_names_are_marked_so_that_they_do_not_break_mid_word(site: Any) -> None:
    """Material lets inline code wrap anywhere; opmodel.css keeps `code.opm-field` whole."""
    page = site.page(urls.url_of(urls.REFERENCE, False))
    assert '<td><code class="opm-field">holders</code></td>' in page.source
    css = (site.root / "assets" / "opmodel" / "opmodel.css").read_text(encoding="utf-8")
    assert "code.opm-field { white-space: nowrap;" in css


def test_the_reference_ends_with_every_code(site: Any) -> None:
    page = site.page(urls.url_of(urls.REFERENCE, False))
    (table,) = [t for t in page.tables if t.section == "codes"]
    assert [row[0].text for row in table.rows[1:]] == list(CODES)


def test_a_guide_where_the_reference_goes_is_refused_not_replaced(tmp_path: Path) -> None:
    """With the reference on, a guide `pages/reference.md` would be silently replaced by
    it: the build stops instead and names the guide."""
    from opmodel.site.generate import GenerateFailed, generate

    content = tmp_path / "content"
    for relative, text in {
        "organisation.yml": "name: Test\n",
        **MODEL,
        "pages/reference.md": "---\ntitle: Our reference\n---\n\nHello.\n",
    }.items():
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_text(text, encoding="utf-8")

    generated = generate(content, diagrams=False, baseline=None)
    assert generated.guides[urls.guide_path("reference")].startswith("---\ntitle: Our")
    with pytest.raises(GenerateFailed) as refused:
        generate(content, diagrams=False, baseline=None, reference=True)
    assert "pages/reference.md:1:1: error: a guide page cannot be called 'reference'" in str(
        refused.value
    )
    assert "[OPM120]" in str(refused.value)
