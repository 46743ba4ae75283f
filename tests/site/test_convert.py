"""One Markdown converter for many pages gives each page what MkDocs' own `Page.render`
gives it (`site/mkdocs/convert.py`)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from opmodel.site.mkdocs import convert

PAGES = {
    "one.md": "# One\n\nThe HTML[^a] of [two](two.md#later).\n\n*[HTML]: Hyper Text\n\n"
    "[^a]: A note.\n\n## Same heading\n\n<div id='raw'>x</div>\n",
    "two.md": "Two's HTML[^a] has no abbreviation.\n\n[^a]: Another note.\n\n"
    "## Same heading\n\n## Later {#later}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
}


def _site(tmp_path: Path, extensions: list[str]) -> tuple[object, Files]:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nmarkdown_extensions:\n"
        + "".join(f"  - {name}\n" for name in extensions)
        + "  - toc:\n      permalink: true\n",
        encoding="utf-8",
    )
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins._current_plugin = None  # as in a build: File.generated reads it
    files = Files([File.generated(config, path, content=text) for path, text in PAGES.items()])
    return config, files


def _rendered(config: object, files: Files, with_convert: bool) -> list[tuple[object, ...]]:
    out = []
    for file in files:
        page = Page(None, file, config)  # type: ignore[arg-type]
        page.read_source(config)  # type: ignore[arg-type]
        if with_convert:
            convert.render(page, config, files)  # type: ignore[arg-type]
        else:
            page.render(config, files)  # type: ignore[arg-type]
        toc = [(item.id, item.title, [c.id for c in item.children]) for item in page.toc]
        out.append((page.content, toc, page.title, page.present_anchor_ids, page.links_to_anchors))
    return out


def test_each_page_gets_what_page_render_gives_it(tmp_path: Path) -> None:
    config, files = _site(tmp_path, ["abbr", "footnotes", "attr_list", "tables", "md_in_html"])
    assert convert._converter(config) is not None  # type: ignore[arg-type]

    reused = _rendered(config, files, with_convert=True)

    assert reused == _rendered(config, files, with_convert=False)
    assert "<abbr" in str(reused[0][0]) and "<abbr" not in str(reused[1][0])


def test_an_extension_from_elsewhere_gets_a_converter_of_its_own_per_page(
    tmp_path: Path,
) -> None:
    config, files = _site(tmp_path, ["pymdownx.caret", "footnotes"])

    assert convert._converter(config) is None  # type: ignore[arg-type]
    assert _rendered(config, files, with_convert=True) == _rendered(
        config, files, with_convert=False
    )
