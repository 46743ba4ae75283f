"""Links in prose, on the page: rewritten to the target page's URL from this page, with
directory URLs and without, to the base URL for root paths, and as text where they lead
nowhere. (The model decides where each leads: tests/model/test_prose_links.py.)"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from opmodel import Model
from opmodel.site.render import PageContext, environment, render_page
from opmodel.views.entity_pages import forum_page, unit_page

Build = Callable[[dict[str, str]], Model]

FILES = {
    "units/sig-network.yml": "name: SIG Network\n",
    "roles/chair.yml": "title: Chair\n",
    "forums/board.md": (
        "---\nname: Board\n---\n"
        "[net](../sig-network) [chair](../roles/chair.md#duties) [us](./charter.md) "
        "[guide](/contributors/guide.md) [who](role:chair) [lost](../nowhere) "
        "[web](https://example.org/?a=1&b=2)\n"
    ),
}


def body_html(model: Model, use_directory_urls: bool) -> str:
    env = environment()
    template = env.from_string("{{ view.entity.body | prose }}")
    context = PageContext(model, "forums/board.md", use_directory_urls)
    entity = model.entities["forum"]["board"]
    return template.render(ctx=context, view=type("V", (), {"entity": entity}))


@pytest.mark.parametrize(
    ("use_directory_urls", "unit", "role", "own"),
    [
        (True, "../../units/sig-network/", "../../roles/chair/#duties", "./"),
        (False, "../units/sig-network.html", "../roles/chair.html#duties", "board.html"),
    ],
)
def test_links_in_prose_lead_to_the_target_page_in_both_url_styles(
    build_model: Build, use_directory_urls: bool, unit: str, role: str, own: str
) -> None:
    html = body_html(build_model(FILES), use_directory_urls)

    assert f'<a href="{unit}"' in html
    assert f'<a href="{role}"' in html
    assert f'<a href="{own}"' in html
    assert html.count(f'href="{role.split("#")[0]}') == 2  # `role:chair` too


def test_a_link_that_leads_nowhere_is_text_and_web_links_stay(build_model: Build) -> None:
    html = body_html(build_model(FILES), True)

    assert '<span class="opm-unlinked">lost</span>' in html
    assert '<span class="opm-unlinked">guide</span>' in html
    assert '<a href="https://example.org/?a=1&amp;b=2"' in html


def test_a_root_path_goes_to_the_base_url(build_model: Build) -> None:
    organisation = "name: Test\nsettings:\n  prose_base_url: https://git.example.org/c/blob/main\n"
    model = build_model(FILES | {"organisation.yml": organisation})

    html = body_html(model, True)

    assert '<a href="https://git.example.org/c/blob/main/contributors/guide.md"' in html


def test_the_page_of_a_linked_entity_lists_the_text_that_links_it(build_model: Build) -> None:
    model = build_model(FILES)
    env = environment()
    context = PageContext(model, "units/sig-network.md", True)
    view = unit_page(model, model.entities["unit"]["sig-network"])
    page = render_page(env, "unit.md.j2", context, view=view, commits=())

    assert "Linked from the text of forums" in page
    assert "../../forums/board/" in page.split("Linked from the text of forums")[1]


def _forum_page(model: Model) -> str:
    context = PageContext(model, "forums/board.md", True)
    view = forum_page(model, model.entities["forum"]["board"])
    return render_page(environment(), "forum.md.j2", context, view=view, commits=())


def test_a_charter_that_opens_with_the_page_title_does_not_show_it_twice(
    build_model: Build,
) -> None:
    copied = "---\nname: The Board\n---\n#  the  BOARD \n\nMeets on Wednesdays.\n\n# Remit\n"
    page = _forum_page(build_model({"forums/board.md": copied}))

    assert "BOARD" not in page
    assert "Meets on Wednesdays." in page
    assert "<h1>Remit</h1>" in page  # only a repeated title goes, nothing else


def test_a_charter_whose_first_heading_is_another_title_keeps_it(build_model: Build) -> None:
    other = "---\nname: Board\n---\n# Charter of the Board\n\nText.\n"
    page = _forum_page(build_model({"forums/board.md": other}))

    assert "<h1>Charter of the Board</h1>" in page
