"""Setting a page's raw HTML blocks aside while Python-Markdown renders it changes nothing:
every generated page of the example, rendered whole and rendered with its blocks set aside
then put back, gives the same HTML."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from opmodel.site.generate import generate
from opmodel.site.html_blocks import set_aside
from opmodel.site.pages import GeneratedPage

REPO = Path(__file__).resolve().parents[2]
EXTENSIONS = ["tables", "attr_list", "md_in_html", "toc", "admonition"]
"""As the example's mkdocs.yml has them."""


def render(text: str) -> str:
    return markdown.markdown(
        text, extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}}
    )


def both_ways(text: str) -> tuple[str, str, GeneratedPage]:
    skeleton, blocks = set_aside(text)
    page = GeneratedPage("p.md", skeleton, blocks=blocks)
    return render(text), page.filled(render(skeleton)), page


def test_every_example_page_renders_the_same_with_its_blocks_set_aside() -> None:
    generated = generate(REPO / "content", use_directory_urls=False, baseline=None)
    set_aside_blocks = 0
    for page in generated.pages:
        whole = render(page.markdown)
        assert page.filled(render(page.text)) == whole, page.path
        set_aside_blocks += len(page.blocks)
    entity_pages = [p for p in generated.pages if not p.in_nav]
    # Entity pages are headings and HTML: little is left for Python-Markdown to parse.
    assert all(p.blocks for p in entity_pages)
    assert sum(len(p.text) for p in entity_pages) < sum(len(p.markdown) for p in entity_pages) / 4
    print(f"\n{set_aside_blocks} blocks set aside in {len(generated.pages)} pages")


@pytest.mark.parametrize(
    "text",
    [
        "# T\n\n<table>\n<tr><td>a</td></tr>\n</table>\n\n## S\n\n<p>b</p>\n",
        "<div>\n<div>x</div>\n</div>\n",
        '<div class="x" markdown="0">\n<p>*not emphasis*</p>\n</div>\n',
        "<ul>\n<li>a</li>\n</ul>   \n\n \n\n<p>end</p>",
    ],
)
def test_a_whole_element_between_blank_lines_is_set_aside(text: str) -> None:
    whole, filled, page = both_ways(text)
    assert page.blocks
    assert "<table>" not in page.text and "<li>" not in page.text and "<p>" not in page.text
    assert filled == whole


@pytest.mark.parametrize(
    "text",
    [
        "<div>x</div>\n*emphasis* between\n<div>y</div>\n",  # Markdown between two elements
        "<p>a</p> *after* <p>b</p>\n",
        "<span>inline</span>\n",  # not block-level: Markdown wraps it in a paragraph
        "  <p>indented</p>\n",
        "<div>unclosed\n\n</div>\n",  # a blank line inside the element
    ],
)
def test_a_block_markdown_would_touch_is_left_in_place(text: str) -> None:
    whole, filled, page = both_ways(text)
    assert filled == whole
    assert not page.blocks


@pytest.mark.parametrize(
    "text",
    [
        '<div markdown="1">\n\n*emphasis*\n\n</div>\n\n<p>x</p>\n',
        "<div markdown>\n\n<table><tr><td>a</td></tr></table>\n\n</div>\n",
        '<div MarkDown="block">*emphasis*</div>\n\n<p>x</p>\n',  # attribute names: any case
        "```\n<p>code</p>\n\n<p>still code</p>\n```\n",
    ],
)
def test_a_page_with_markdown_in_html_or_fenced_code_keeps_every_block(text: str) -> None:
    whole, filled, page = both_ways(text)
    assert filled == whole
    assert page.blocks == ()
    assert page.text == text


def test_a_diagram_slot_inside_a_set_aside_block_is_filled() -> None:
    skeleton, blocks = set_aside("<div>\n<!-- opmodel figure 0 -->\n</div>\n")
    page = GeneratedPage("p.md", skeleton, blocks=blocks, figures=("<svg></svg>",))
    assert page.markdown == "<div>\n<svg></svg>\n</div>\n"
