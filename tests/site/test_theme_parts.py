"""Material's partials that read nothing of an entity page are rendered once a folder
(`site/mkdocs/theme_parts.py`), and the site is the same byte for byte as when each page
renders its own; a partial the site overrides is rendered for every page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from tests.site.test_site_rebuild import _mkdocs_build
from tests.site.test_speed_off import _hashes, _on_cores

from opmodel.site.mkdocs import theme_parts


def _counting(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each reused partial is really rendered (in this process)."""
    renders: Counter[str] = Counter()
    reusing = theme_parts._reusing

    def counted(name: str, original: Any) -> Any:
        def render(context: Any) -> Iterator[str]:
            renders[name] += 1
            yield from original(context)

        return reusing(name, render)

    monkeypatch.setattr(theme_parts, "_reusing", counted)
    return renders


def test_the_site_is_the_same_with_the_partials_reused_or_rendered_for_each_page(
    copy_example: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_example(tmp_path)
    with monkeypatch.context() as patch:
        _on_cores(patch, 1)
        patch.setattr(theme_parts, "reuse", lambda env, theme: ())
        _mkdocs_build(project, tmp_path / "each", patch)
    with monkeypatch.context() as patch:
        _on_cores(patch, 1)
        renders = _counting(patch)
        _mkdocs_build(project, tmp_path / "reused", patch)
    with monkeypatch.context() as patch:
        _on_cores(patch, 2)  # written by forked workers, who inherit the reused partials
        _mkdocs_build(project, tmp_path / "forked", patch)

    each = _hashes(tmp_path / "each")
    assert _hashes(tmp_path / "reused") == each
    assert _hashes(tmp_path / "forked") == each
    pages = sum(1 for path in each if path.endswith(".html"))
    assert pages > 200
    # once for each page in the navigation, and once for each folder of entity pages
    assert 0 < renders["partials/nav.html"] < pages / 5
    blocks = {f"base.html#{block}" for block in theme_parts.BLOCKS}
    assert set(renders) == {*theme_parts.PARTIALS, *blocks} - {"partials/source.html"}  # no repo


def test_a_partial_the_site_overrides_is_rendered_for_every_page(
    copy_example: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_example(tmp_path)
    partials = project / "theme" / "partials"
    partials.mkdir(parents=True, exist_ok=True)
    # an organisation's own item template, which shows the page it is on
    (partials / "nav-item.html").write_text(
        '{% macro render(nav_item, path, level) %}<span class="here">{{ page.title }}'
        "</span>{% endmacro %}\n",
        encoding="utf-8",
    )
    main = project / "theme" / "main.html"  # and a block of its own, which calls Material's
    main.write_text(
        main.read_text(encoding="utf-8")
        + '{% block scripts %}{{ super() }}<script data-on="{{ page.title }}"></script>'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    with monkeypatch.context() as patch:
        _on_cores(patch, 1)
        renders = _counting(patch)
        _mkdocs_build(project, tmp_path / "site", patch)

    assert "partials/nav.html" not in renders  # it imports the site's own item template
    assert renders["partials/tabs.html"] > 0
    role = (tmp_path / "site" / "roles" / "change-manager.html").read_text()
    assert '<span class="here">Change Manager</span>' in role
    other = (tmp_path / "site" / "roles" / "accessibility-lead.html").read_text()
    assert '<span class="here">Accessibility Lead</span>' in other
    assert '<script data-on="Accessibility Lead"></script>' in other
    assert 0 < renders["base.html#scripts"] < 50  # Material's own, under the site's


def _page(url: str) -> Page:
    file = File(url.rstrip("/") + ".md", "/docs", "/site", use_directory_urls=True)
    page = Page(url.strip("/").rpartition("/")[2] or "Home", file, {})
    page.file.url = url  # the URL under test, as MkDocs would have made it
    return page


@pytest.mark.parametrize(
    ("url", "folder"),
    [
        ("roles/change-manager/", "/roles/"),
        ("roles/accessibility-lead/", "/roles/"),
        ("people/", "/"),
        ("guides/", None),  # a page of the navigation lives in its folder
        ("guides/how-we-decide/", None),  # in the navigation itself
        ("roles/change-manager.html", "/roles/\0file"),
    ],
)
def test_pages_share_a_folder_s_partials_only_outside_the_navigation(
    url: str, folder: str | None
) -> None:
    in_nav = [_page("guides/how-we-decide/"), _page("")]
    nav = Navigation(in_nav, in_nav)
    page = in_nav[0] if url == "guides/how-we-decide/" else _page(url)
    assert theme_parts._folder(theme_parts._rendered_for(nav), page) == folder
