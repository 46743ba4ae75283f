"""A page that is only headings and slots gets, from its shape's conversion, what MkDocs'
own `Page.render` gives it (`site/mkdocs/skeleton.py`): HTML, table of contents, title,
anchors and links to its anchors."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from opmodel.site.generate import generate
from opmodel.site.mkdocs import convert, skeleton

REPO = Path(__file__).resolve().parents[2]


def _config(tmp_path: Path, toc: str = "      permalink: true\n") -> Any:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nuse_directory_urls: false\nmarkdown_extensions:\n"
        "  - tables\n  - attr_list\n  - md_in_html\n  - admonition\n  - toc:\n" + toc,
        encoding="utf-8",
    )
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins._current_plugin = None  # as in a build: File.generated reads it
    return config


def _rendered(config: Any, pages: dict[str, str], with_convert: bool) -> list[tuple[Any, ...]]:
    files = Files([File.generated(config, path, content=text) for path, text in pages.items()])
    out = []
    for file in files:
        page = Page(None, file, config)
        page.read_source(config)
        if with_convert:
            convert.render(page, config, files)
        else:
            page.render(config, files)
        toc = [
            (item.id, item.title, item.level, [c.id for c in item.children]) for item in page.toc
        ]
        links = {f.src_uri: anchors for f, anchors in page.links_to_anchors.items()}
        out.append((page.content, toc, page.title, page.present_anchor_ids, links))
    return out


def _conversions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts Python-Markdown really converts."""
    texts: list[str] = []
    converted = convert._converted

    def counted(md: Any, text: str, *args: Any) -> Any:
        texts.append(text)
        return converted(md, text, *args)

    monkeypatch.setattr(convert, "_converted", counted)
    monkeypatch.setattr(convert, "_converters", {})
    return texts


def test_every_example_entity_page_gets_what_page_render_gives_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    generated = generate(REPO / "content", use_directory_urls=False, baseline=None)
    pages = {page.path: page.text for page in generated.pages if not page.in_nav}
    config = _config(tmp_path)
    conversions = _conversions(monkeypatch)

    assert _rendered(config, pages, with_convert=True) == _rendered(
        config, pages, with_convert=False
    )
    # One conversion for each shape's first page, two for its second, one for each page
    # that is no skeleton; the others none.
    assert len(conversions) < len(pages) * 0.75
    assert any("Opmodelheading0z" in text for text in conversions)


SHAPE = "# {}\n\n<!-- opmodel block 0 -->\n\n## Purpose\n\n<!-- opmodel block 1 -->\n\n## {}\n"


@pytest.mark.parametrize(
    "toc",
    [
        "      permalink: true\n",
        "      permalink: '#'\n      permalink_title: Link\n      baselevel: 2\n",
        "      toc_depth: 1\n      anchorlink: true\n",
        "      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n",
        "      separator: _\n",
    ],
)
def test_pages_of_one_shape_get_their_own_headings_and_ids(
    toc: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = {
        "a.md": SHAPE.format("Change Manager", "Forums"),
        "b.md": SHAPE.format("Purpose", "Purpose"),  # ids purpose, purpose_1, purpose_2
        "c.md": SHAPE.format("Café Ops (£50k, 2/3)", "Forums"),
        "d.md": SHAPE.format("日本", "Forums"),  # no slug at all
        "e.md": SHAPE.format("Purpose 1", "Purpose"),
        "f.md": SHAPE.format("A *bold* name", "Forums"),  # not plain: converted as usual
        "g.md": SHAPE.format("Ops &amp; Data", "Forums"),
        "h.md": SHAPE.format("Opmodelheading0z", "Forums"),
        "i.md": SHAPE.format("Customer Management &#40;Services&#41;", "Forums &#x26; Roles"),
        "j.md": SHAPE.format("&#40;&#41;", "&#35;"),  # no slug, then '#'
    }
    config = _config(tmp_path, toc)
    conversions = _conversions(monkeypatch)

    assert _rendered(config, pages, with_convert=True) == _rendered(
        config, pages, with_convert=False
    )
    assert len(conversions) == 1 + 2 + 2  # a, b with stand-ins and as it is, f and g


def test_a_shape_whose_conversion_differs_is_converted_as_usual(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _config(tmp_path)
    conversions = _conversions(monkeypatch)
    # a stand-in that does not slug to itself in lower case
    monkeypatch.setattr("opmodel.site.mkdocs.skeleton._STAND_IN", "Opmodel heading {}z")
    pages = {f"{n}.md": SHAPE.format(f"Role {n}", "Forums") for n in range(5)}

    assert _rendered(config, pages, with_convert=True) == _rendered(
        config, pages, with_convert=False
    )
    assert len(conversions) == 1 + 2 + 3


def test_a_shape_whose_filling_would_differ_from_its_first_page_is_converted_as_usual(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _config(tmp_path)
    conversions = _conversions(monkeypatch)
    filled = skeleton.Skeletons._filled

    def off_by_one(self: Any, *args: Any) -> skeleton.Converted:  # a setting not foreseen
        done = filled(self, *args)
        return dataclasses.replace(done, html=done.html + "\n")

    monkeypatch.setattr(skeleton.Skeletons, "_filled", off_by_one)
    pages = {f"{n}.md": SHAPE.format(f"Role {n}", "Forums") for n in range(5)}

    assert _rendered(config, pages, with_convert=True) == _rendered(
        config, pages, with_convert=False
    )
    assert len(conversions) == 1 + 2 + 3
