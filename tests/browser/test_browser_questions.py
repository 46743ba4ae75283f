"""The questions a new hire asks, answered in a real browser on three organisations: the
example and the two shapes of real organisations' data (benchmarks/shapes.py: a wide
open-source project known by handle, and a team-of-teams). Each answer is on the page a
search for the thing's name lists in its first three results, or one click from home.

The thing asked about is chosen from the model, not named: the top-level group listed last
(the one an alphabetical cut of the org chart used to hide), a nested team, someone known
by their handle (only by it, where the organisation has such people), a decision a forum
is accountable for. The answer expected is read from the model too."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from html import escape
from typing import Any

import pytest
from benchmarks.shapes import SHAPES, generate

from opmodel import Model, load_model
from opmodel.model import schedule
from opmodel.model.refs import Ref
from opmodel.model.relations import forums_of, holders, roles_in
from opmodel.model.schema import Entity, Forum, Person, Role, Unit


@dataclass(frozen=True)
class Org:
    name: str
    site: Any
    model: Model


@pytest.fixture(scope="module", params=["example", *SHAPES])
def org(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    site: Any,
    build_project: Any,
    serve: Any,
) -> Org:
    """The organisation's site, built and served; the example's is the session's."""
    if request.param == "example":
        return Org("example", site, site.model)
    folder = tmp_path_factory.mktemp(request.param)
    source = folder / "source"
    started = subprocess.run(
        [sys.executable, "-m", "opmodel.cli", "new", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert started.returncode == 0, started.stderr
    generate(request.param, source / "content")
    model = load_model(source / "content").model
    assert model is not None
    site_dir = build_project(source, folder / "build")
    return Org(request.param, type(site)(site_dir, serve(site_dir), model), model)


# -- What is asked about, chosen from the model -------------------------------------------


def _top_level(model: Model) -> list[Unit]:
    roots = [u for u in model.units if u.parent is None]
    if len(roots) > 1:
        return roots
    return [u for u in model.units if u.parent is not None and u.parent.id == roots[0].id]


def _chaired(model: Model, unit: Unit) -> list[Forum]:
    """The forums a role of `unit` chairs, by id."""
    return [s.forum for s in forums_of(model, roles_in(model, unit)) if s.seats[0][1] == "chair"]


def _group(model: Model) -> Unit:
    """A unit that chairs a forum, at the top level where one does, listed last by name."""
    chairing = [u for u in model.units if _chaired(model, u)]
    assert chairing, "no unit chairs a forum"
    top = {u.id for u in _top_level(model)}
    return max(chairing, key=lambda u: (u.id in top, u.label.lower(), u.id))


def _team(model: Model) -> Unit:
    """A unit two levels or more below the top, with a lead who is named: the last."""
    top = {u.id for u in _top_level(model)}
    nested = [
        u
        for u in model.units
        if u.parent is not None and u.parent.id in top and u.lead is not None and _lead(model, u)
    ]
    assert nested, "no unit below the top level has a lead with holders"
    return max(nested, key=lambda u: (u.label.lower(), u.id))


def _lead(model: Model, unit: Unit) -> list[str]:
    assert unit.lead is not None
    lead = model.shown(unit.lead)
    return [h.name for h in holders(model, lead)] if isinstance(lead, Role) else []


def _person(model: Model) -> Person:
    """Someone with a handle who holds a role: known only by it, where anyone is."""
    held = {h.id for r in model.roles for h in r.holders if isinstance(h, Ref)}
    people = [p for p in model.people if p.handle and p.id in held]
    assert people, "nobody with a handle holds a role"
    return min(people, key=lambda p: (p.name is not None, p.id))


def _roles_of(model: Model, person: Person) -> list[Role]:
    return [r for r in model.roles if person.ref in r.holders]


def _text(page: Any) -> str:
    return str(page.locator("article").inner_text())


def _ask(page: Any, org: Org, search: Any, open_page: Any, query: str, target: Entity) -> str:
    """Search from the home page for `query`; open `target`'s page, which must be among the
    first three results; its text."""
    open_page(page, org.site.url("index.html"))
    wanted = org.site.file_of(target.ref)
    listed = search(page, org.site, query, wanted)
    assert wanted in listed[:3], f"{org.name}: searching {query!r} listed {listed[:5]}"
    open_page(page, org.site.url(wanted))
    return _text(page)


# -- The questions -------------------------------------------------------------------------


def test_who_chairs_a_group_and_when_it_meets(
    page: Any, org: Org, search: Any, open_page: Any, tally: Any
) -> None:
    group = _group(org.model)
    text = _ask(page, org, search, open_page, group.label, group)
    for forum in _chaired(org.model, group):
        assert forum.chair is not None
        chair = org.model.shown(forum.chair)
        assert isinstance(chair, Role)
        for holder in holders(org.model, chair):
            assert holder.name in text, f"{org.name}: {group.label} does not name {holder.name}"
        assert forum.label in text, f"{org.name}: {group.label} does not list {forum.label}"
        when = schedule.when(forum)
        if when:
            assert when in text, f"{org.name}: {group.label} does not say {forum.label} {when}"
        elif forum.cadence:
            assert forum.cadence in text.lower(), f"{org.name}: {forum.label}'s cadence"
    tally.check("questions answered: who chairs, when it meets")


def test_who_leads_a_team(page: Any, org: Org, search: Any, open_page: Any, tally: Any) -> None:
    team = _team(org.model)
    text = _ask(page, org, search, open_page, team.label, team)
    for name in _lead(org.model, team):
        assert name in text, f"{org.name}: {team.label}'s page does not name its lead {name}"
    tally.check("questions answered: who leads")


def test_what_someone_known_by_handle_is_in(
    page: Any, org: Org, search: Any, open_page: Any, tally: Any
) -> None:
    person = _person(org.model)
    assert person.handle
    text = _ask(page, org, search, open_page, person.handle, person)
    roles = _roles_of(org.model, person)
    for role in roles:
        assert role.label in text, f"{org.name}: {person.label}'s page lacks {role.label}"
        if role.unit is not None:
            unit = org.model.shown(role.unit)
            assert unit.label in text, f"{org.name}: {person.label}'s page lacks {unit.label}"
    for seat in forums_of(org.model, roles):
        assert seat.forum.label in text, f"{org.name}: {person.label}: {seat.forum.label}"
    tally.check("questions answered: what someone is in")


def test_which_forum_decides(page: Any, org: Org, search: Any, open_page: Any, tally: Any) -> None:
    decisions = [d for d in org.model.decisions if d.accountable.kind == "forum"]
    if not org.model.decisions:
        pytest.skip(f"the {org.name} organisation records no decisions (by its shape)")
    assert decisions, f"{org.name}: no decision is a forum's to take"
    decision = decisions[-1]
    text = _ask(page, org, search, open_page, decision.label, decision)
    forum = org.model.shown(decision.accountable)
    assert forum.label in text, f"{org.name}: {decision.label} does not name {forum.label}"
    tally.check("questions answered: which forum decides")


def test_every_top_level_unit_is_one_click_from_home(
    page: Any, org: Org, open_page: Any, tally: Any
) -> None:
    """The org chart on the home page links every top-level unit's page."""
    open_page(page, org.site.url("index.html"))
    hrefs = page.locator("article svg a").evaluate_all(
        "els => els.map(e => e.href.baseVal || e.getAttribute('href') || e.href)"
    )
    linked = {
        org.site.path_of(str(page.evaluate("h => new URL(h, location).href", h))) for h in hrefs
    }
    top = _top_level(org.model)
    missing = [u.label for u in top if org.site.file_of(u.ref) not in linked]
    assert not missing, f"{org.name}: {len(missing)} of {len(top)} not on the chart: {missing[:5]}"
    tally.check("top-level units linked from the home page's chart", len(top))


# -- The same answers for every unit and person, read from the built files -----------------


def test_every_unit_page_names_its_leads_holders_and_links_its_forums(org: Org) -> None:
    """What the questions above show for one unit, for all of them: 100 % of unit pages."""
    unnamed, unlinked = [], []
    for unit in org.model.units:
        html = (org.site.root / org.site.file_of(unit.ref)).read_text(encoding="utf-8")
        if unit.lead is not None and any(escape(n) not in html for n in _lead(org.model, unit)):
            unnamed.append(unit.id)
        for seat in forums_of(org.model, roles_in(org.model, unit)):
            if f'forums/{seat.forum.id}.html"' not in html:
                unlinked.append(f"{unit.id} -> {seat.forum.id}")
    assert not unnamed, f"{org.name}: {len(unnamed)} unit pages without their lead's holders"
    assert not unlinked, f"{org.name}: forums not linked from unit pages: {unlinked[:5]}"


def test_every_person_is_found_by_handle_and_email(org: Org) -> None:
    """Each person's search entry holds their handle and e-mail address: 100 % of people."""
    index = json.loads((org.site.root / "search" / "search_index.json").read_text("utf-8"))
    entries = {doc["location"]: doc["title"] + " " + doc["text"] for doc in index["docs"]}
    missing = [
        person.id
        for person in org.model.people
        for word in (person.handle, person.email)
        if word and escape(word) not in entries.get(org.site.file_of(person.ref), "")
    ]
    assert not missing, f"{org.name}: {len(missing)} people not found by handle or e-mail"
