"""The site works offline (an intranet, a file share): opening it makes no request to another
host. Links to other sites are fine (they are navigation); fetching is not."""

from __future__ import annotations

import re
from typing import Any

REQUESTING_TAGS = frozenset(
    "script link img iframe source video audio embed track image use input object".split()  # noqa: SIM905
)
"""Elements whose href/src the browser fetches on its own (<a> is the user's choice)."""
REMOTE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
REMOTE_CSS_URL = re.compile(r"""(?:url\(|@import)\s*['"]?\s*(?:https?:)?//""", re.IGNORECASE)
CDN_HOSTS = ("unpkg.com", "fonts.googleapis", "fonts.gstatic")

MATERIAL_LAZY_LOADS = (
    "https://unpkg.com/resize-observer-polyfill",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
    "polyfill is automatically downloaded from unpkg.com",  # a comment, in the source map
)
"""URLs inside Material's own bundle that it fetches only when needed: the ResizeObserver
polyfill (every supported browser has ResizeObserver) and Mermaid (only for a page with a
`mermaid` diagram, which our pages never have; a test below holds that). They are in the
vendored bundle, not in anything we write; they are matched exactly so a new one fails."""
MATERIAL_BUNDLE = re.compile(r"^assets/javascripts/bundle\.[0-9a-f]+\.min\.js(\.map)?$")


def test_no_page_fetches_anything_from_another_host(example_site: Any) -> None:
    remote = []
    for page in example_site.pages.values():
        for link in page.links:
            if link.tag in REQUESTING_TAGS and REMOTE.match(link.value):
                remote.append(f"{page.path}: <{link.tag} {link.attribute}={link.value!r}>")
        remote += [f"{page.path}: {m[0]!r}" for m in REMOTE_CSS_URL.finditer(page.source)]
    assert not remote, "requests to other hosts:\n" + "\n".join(remote)


def test_no_stylesheet_or_script_fetches_from_another_host(example_site: Any) -> None:
    remote = []
    checked = 0
    for file in example_site.files():
        if file.suffix not in (".css", ".js"):
            continue
        checked += 1
        text = file.read_text(encoding="utf-8")
        path = file.relative_to(example_site.root).as_posix()
        remote += [f"{path}: {m[0]!r}" for m in REMOTE_CSS_URL.finditer(text)]
    assert checked >= 5, "expected Material's and our stylesheets and scripts"
    assert not remote, "url()/@import of other hosts:\n" + "\n".join(remote)


def test_no_file_names_a_cdn_except_materials_own_lazy_loads(example_site: Any) -> None:
    found = []
    for file in example_site.files():
        path = file.relative_to(example_site.root).as_posix()
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # images, the gzipped sitemap
        if MATERIAL_BUNDLE.match(path):
            for url in MATERIAL_LAZY_LOADS:
                text = text.replace(url, "")
        found += [f"{path}: {host}" for host in CDN_HOSTS if host in text]
    assert not found, "files that name a CDN:\n" + "\n".join(found)


def test_no_page_has_a_mermaid_diagram_that_would_fetch_mermaid(example_site: Any) -> None:
    mermaid = re.compile(r"""class=["'][^"']*\bmermaid\b""")
    assert not [p for p in example_site.pages.values() if mermaid.search(p.source)]


def test_no_template_file_reaches_the_built_site(example_site: Any) -> None:
    assert not [f for f in example_site.files() if f.name.endswith(".j2")]
