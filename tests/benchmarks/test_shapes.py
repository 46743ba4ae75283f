"""The models shaped like real organisations' data: valid, in their shape, reproducible."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from benchmarks.shapes import SHAPES, generate

from opmodel import Model, load_model
from opmodel.diagnostics import Severity


def _load(shape: str, folder: Path) -> Model:
    generate(shape, folder)
    result = load_model(folder)
    errors = [d.format() for d in result.diagnostics if d.severity is Severity.ERROR]
    assert result.model is not None and not errors, errors
    return result.model


def _top_level(model: Model) -> list[str]:
    roots = [u.id for u in model.units if u.parent is None]
    assert len(roots) == 1
    return [u.id for u in model.units if u.parent is not None and u.parent.id == roots[0]]


def test_the_open_source_shape_is_wide_flat_and_known_by_handle(tmp_path: Path) -> None:
    model = _load("open-source", tmp_path / "content")

    assert len(_top_level(model)) == 35
    assert 250 <= len(model.units) <= 320
    assert len(model.forums) == 72
    assert all(forum.reports_to is None for forum in model.forums)  # no hierarchy
    assert all(
        forum.chair is not None and forum.chair.id.endswith("-chair") for forum in model.forums
    )
    handles_only = [p for p in model.people if p.name is None]
    assert handles_only and all(p.handle == p.id for p in model.people)
    assert all("](../" in forum.body and "](/" in forum.body for forum in model.forums)


def test_every_link_in_the_open_source_charters_leads_to_a_page_or_the_repository(
    tmp_path: Path,
) -> None:
    model = _load("open-source", tmp_path / "content")
    base = model.organisation.settings.prose_base_url
    links = [link for found in model.prose_links.values() for link in found]

    assert len(links) == 3 * len(model.forums)  # another group, the guide, the charter
    assert [link.url for link in links if link.problem is not None] == []
    assert base and all(link.href.startswith(base) for link in links if link.href)


def test_the_open_source_shape_gives_groups_and_meetings_chat_lists_and_calls(
    tmp_path: Path,
) -> None:
    model = _load("open-source", tmp_path / "content")
    groups = [u for u in model.units if u.type != "subproject" and u.parent is not None]

    assert model.organisation.settings.chat_url is not None
    for group in groups:
        assert group.contact is not None
        assert group.contact.chat == f"#{group.id}"
        assert group.contact.mailing_list and group.contact.meeting
    assert all(f.contact and f.contact.chat and f.contact.meeting for f in model.forums)


def test_the_team_of_teams_shape_has_no_decisions_flows_or_capabilities(tmp_path: Path) -> None:
    model = _load("team-of-teams", tmp_path / "content")

    assert len(_top_level(model)) == 47
    assert len(model.units) == 167  # the company and its 166 teams
    assert len(model.people) >= 400
    assert not model.decisions and not model.flows and not model.capabilities
    (council,) = model.forums
    assert len(council.members) == 47


@pytest.mark.parametrize("shape", SHAPES)
def test_a_shape_is_the_same_files_for_the_same_seed(shape: str, tmp_path: Path) -> None:
    def digest(folder: Path) -> str:
        generate(shape, folder, seed=3)
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        return hashlib.sha256(
            b"".join(p.relative_to(folder).as_posix().encode() + p.read_bytes() for p in files)
        ).hexdigest()

    assert digest(tmp_path / "a") == digest(tmp_path / "b")
