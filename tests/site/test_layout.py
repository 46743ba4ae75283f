"""Where the model sits in a site, decided in plain data (`site/layout.py`), without MkDocs."""

from __future__ import annotations

from pathlib import Path

from opmodel.site.layout import Layout, navigation, page_title, with_polyfills

OURS = [{"Home": "index.md"}]


def test_the_navigation_follows_the_nav_option() -> None:
    theirs = [{"About": "about.md"}]

    assert navigation(OURS, None, "auto", "") == (OURS, False)
    assert navigation(OURS, None, "auto", "model") == (None, True)  # site pages first, later
    assert navigation(OURS, theirs, "auto", "") == ([*theirs, {"Operating model": OURS}], False)
    assert navigation(OURS, None, "append", "") == ([{"Operating model": OURS}], False)
    assert navigation(OURS, theirs, "none", "") == (theirs, False)


def test_the_vendored_iframe_worker_replaces_a_cdn_copy() -> None:
    configured = ["https://cdn.example/iframe-worker.js", "other.js"]

    assert with_polyfills(configured, ["assets/iframe-worker-shim.js", "other.js"]) == [
        "other.js",
        "assets/iframe-worker-shim.js",
    ]


def test_titles_are_escaped_and_the_home_page_keeps_the_site_name() -> None:
    assert page_title({"title": "</title><b>"}, None, False) == "&lt;/title&gt;&lt;b&gt;"
    assert page_title({}, "A &amp; B", False) == "A &amp; B"
    assert page_title({}, "Home", True) is None


def test_where_content_sits_in_docs_dir(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)

    beside = Layout.of(content, tmp_path / "docs", "")
    inside = Layout.of(content, content, "")
    guides = Layout.of(content, content / "pages", "")

    assert (beside.content_in_docs_dir, beside.guides_in_docs_dir) == (None, False)
    assert (inside.content_in_docs_dir, inside.guides_in_docs_dir) == ("", False)
    assert guides.guides_in_docs_dir and guides.source_test("/", "content", "/x") is None
    assert not Layout.of(content, content / "pages", "model").guides_in_docs_dir
    source = inside.source_test(str(tmp_path), "content", str(content))
    assert source(str(content / "roles" / "a.yml"), str(content), "roles/a.yml")
    assert not source(None, None, "generated.md")  # another plugin's generated file
