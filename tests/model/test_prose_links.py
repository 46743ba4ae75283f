"""Where links in prose lead (`model/prose_links.py`): an entity's id, file or folder name,
`kind:id`, a root path with or without `settings.prose_base_url`; and the backlinks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from opmodel import Model, load_model
from opmodel.model.model import Backlink
from opmodel.model.prose_links import ProseLink
from opmodel.model.reads import Changes
from opmodel.model.refs import Ref

Build = Callable[[dict[str, str]], Model]

BASE = {
    "units/sig-network.yml": "name: SIG Network\n",
    "units/sig-node/sig-node.yml": "name: SIG Node\n",
    "roles/chair.yml": "title: Chair\n",
    "forums/board.yml": "name: Board\n",
}


def links_of(build_model: Build, body: str, organisation: str = "name: Test\n") -> list[ProseLink]:
    model = build_model(
        BASE
        | {"organisation.yml": organisation, "forums/weekly.md": f"---\nname: Weekly\n---\n{body}"}
    )
    return list(model.prose_links.get(Ref("forum", "weekly"), ()))


def target(build_model: Build, url: str) -> Ref | None:
    (link,) = links_of(build_model, f"See [it]({url}).\n")
    return link.target


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sig-network", Ref("unit", "sig-network")),  # an id
        ("../sig-network", Ref("unit", "sig-network")),  # another group's folder
        ("../sig-network/", Ref("unit", "sig-network")),
        ("../units/sig-network.yml", Ref("unit", "sig-network")),  # its file, in content/
        ("../roles/chair.md", Ref("role", "chair")),  # a .md link, as MkDocs writes them
        ("../sig-network/charter.md", Ref("unit", "sig-network")),  # a folder's charter
        ("../sig-node", Ref("unit", "sig-node")),  # the folder its file is in
        ("./charter.md", Ref("forum", "weekly")),  # this entity's own charter
        ("board.md", Ref("forum", "board")),
    ],
)
def test_a_relative_link_naming_an_entity_leads_to_its_page(
    build_model: Build, url: str, expected: Ref
) -> None:
    assert target(build_model, url) == expected


def test_a_fragment_is_kept_and_does_not_change_the_target(build_model: Build) -> None:
    (link,) = links_of(build_model, "[x](../roles/chair.md#duties)\n")

    assert (link.target, link.fragment, link.problem) == (Ref("role", "chair"), "#duties", None)


def test_an_entity_link_names_its_kind_and_id(build_model: Build) -> None:
    (link,) = links_of(build_model, "Ask [the board](forum:board).\n")

    assert link.target == Ref("forum", "board")


def test_an_unknown_entity_link_suggests_the_closest_id(build_model: Build) -> None:
    (link,) = links_of(build_model, "Ask [the board](forum:bord).\n")

    assert (link.target, link.problem) == (None, "link to unknown forum 'bord'")
    assert link.hint is not None and "board" in link.hint


def test_an_entity_link_of_the_wrong_kind_names_the_kind_that_has_it(build_model: Build) -> None:
    (link,) = links_of(build_model, "[x](role:board)\n")

    assert link.hint == "there is a forum 'board': write forum:board"


def test_a_relative_link_naming_nothing_is_a_problem_with_a_suggestion(
    build_model: Build,
) -> None:
    (link,) = links_of(build_model, "[x](../sig-netwrok)\n")

    assert link.target is None and link.problem is not None
    assert link.hint is not None and "sig-network" in link.hint


def test_a_root_path_without_a_base_url_leads_nowhere(build_model: Build) -> None:
    (link,) = links_of(build_model, "[guide](/contributors/guide.md)\n")

    assert link.target is None and link.href is None
    assert link.hint is not None and "prose_base_url" in link.hint


def test_a_root_path_goes_to_the_base_url_when_one_is_set(build_model: Build) -> None:
    organisation = "name: Test\nsettings:\n  prose_base_url: https://git.example.org/c/blob/main/\n"

    (link,) = links_of(build_model, "[guide](/contributors/guide.md#top)\n", organisation)

    assert link.href == "https://git.example.org/c/blob/main/contributors/guide.md#top"
    assert link.problem is None


def test_web_addresses_fragments_and_images_are_not_prose_links(build_model: Build) -> None:
    body = "[a](https://example.org) [b](mailto:x@example.org) [c](#here) ![d](../sig-network)\n"

    assert links_of(build_model, body) == []


def test_a_link_in_prose_is_a_backlink_on_its_target_once(build_model: Build) -> None:
    model = build_model(
        BASE | {"forums/weekly.md": "---\nname: Weekly\n---\n[a](forum:board) [b](board.md)\n"}
    )

    assert model.backlinks[Ref("forum", "board")] == (Backlink(Ref("forum", "weekly"), "prose"),)


def test_an_entity_added_elsewhere_changes_the_page_whose_text_links_it(
    tmp_path: Path, write_model: Callable[..., Path]
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    files = {"forums/weekly.md": "---\nname: Weekly\n---\n[net](../sig-network)\n"}
    before = load_model(write_model(tmp_path / "a", files)).model
    after = load_model(
        write_model(tmp_path / "b", files | {"units/sig-network.yml": "name: Net\n"})
    ).model
    assert before is not None and after is not None

    assert Changes.between(before, after).touch({Ref("forum", "weekly")})
