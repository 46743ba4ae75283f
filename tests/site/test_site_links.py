"""The built site has no broken internal links: every href and src, in HTML and in inline
SVG (which `mkdocs --strict` and linkchecker do not look into), reaches a file of the site,
and every `#fragment` reaches an id on its page."""

from __future__ import annotations

import re
from typing import Any

from opmodel.site import urls


def test_no_internal_link_is_broken(example_site: Any) -> None:
    root = example_site.root
    pages = example_site.pages
    broken = []
    checked = in_svg = 0
    for page in pages.values():
        for link in page.links:
            target, fragment = page.resolve(link.value)
            if target is None:
                continue  # another host: navigation, checked for requests elsewhere
            checked += 1
            in_svg += "svg" in link.inside
            where = f"{page.path}: <{link.tag} {link.attribute}={link.value!r}>"
            if target.startswith("../") or target == "..":
                broken.append(f"{where} leaves the site")
            elif not (root / target).is_file():
                broken.append(f"{where} -> {target} does not exist")
            elif fragment and target.endswith(".html") and fragment not in pages[target].ids:
                broken.append(f"{where} -> no id {fragment!r} in {target}")
    print(f"\n{len(pages)} pages, {checked} internal links checked ({in_svg} in inline SVG)")
    assert checked > len(pages), "the link walk found suspiciously few links"
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:50])


def test_link_walk_reads_links_inside_inline_svg(parse_html: Any) -> None:
    """Diagrams are inline SVG whose nodes link with <a href> or <a xlink:href>."""
    page = parse_html(
        "roles/x.html",
        '<article><svg xmlns="http://www.w3.org/2000/svg"><g id="node1">'
        '<a xlink:href="y.html#top"><text>y</text></a><a href="../units/z.html"/>'
        "</g></svg></article>",
    )
    found = [(link.attribute, page.resolve(link.value)) for link in page.links]
    assert found == [("xlink:href", ("roles/y.html", "top")), ("href", ("units/z.html", ""))]
    assert all("svg" in link.inside for link in page.links)


def test_entity_pages_are_files_not_folders_because_the_site_runs_offline(
    example_site: Any,
) -> None:
    """The offline plugin turns directory URLs off: `roles/x.html`, never `roles/x/`."""
    for entity in example_site.model.all_entities():
        assert (example_site.root / example_site.entity_url(entity)).is_file()
        folder = urls.SECTIONS[entity.kind]
        assert not (example_site.root / folder / entity.id).exists()


def test_the_404_page_has_no_root_absolute_link_in_its_markup(example_site: Any) -> None:
    """Served under a sub-path (`/ops/`), `/assets/...` missed the site; the browser half
    (every asset and link found under /ops/) is tests/browser/test_browser_sub_path.py."""
    source = (example_site.root / "404.html").read_text(encoding="utf-8")

    assert not re.findall(r'(?:href|src)=\\?"/(?!/)[^"]*', source)
    assert '"base": "/"' not in source and '\\"search\\": \\"/assets' not in source
    assert source.index("document.write") < source.index("opmodel.css")
