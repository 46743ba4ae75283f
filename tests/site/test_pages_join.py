"""Pages join (issue 17, item 3): a unit page says who leads it and who is in it by name,
when its forums meet and how to reach it; a person page what the person is in (units,
forums, manager, reports); a forum page the unit it belongs to. "Referenced by" lists only
what the sections above it do not (item 8).

A small model of an open-source shape, generated in-process (no diagrams, no history)."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

import pytest

from opmodel.site.generate import generate

MODEL = {
    "units/steering.yml": "name: Steering\nlead: steering-chair\n",
    "units/sig-network.yml": (
        "name: SIG Network\nparent: steering\nlead: network-chair\n"
        "contact:\n  chat: '#sig-network'\n  email: sig-network@example.org\n"
    ),
    "roles/steering-chair.yml": "title: Steering chair\nunit: steering\nholders: [sam]\n",
    "roles/network-chair.yml": (
        "title: Network chair\nunit: sig-network\nreports_to: steering-chair\n"
        "holders: [ann, bobh, Carla Inline]\n"
    ),
    "roles/network-tech-lead.yml": (
        "title: Network tech lead\nunit: sig-network\nreports_to: network-chair\nholders: [dee]\n"
    ),
    "people/ann.yml": "name: Ann Archer\n",
    "people/bobh.yml": "handle: '@bob-the-handle'\n",
    "people/dee.yml": "name: Dee Dunn\n",
    "people/sam.yml": "name: Sam Stone\n",
    "forums/network-meeting.yml": (
        "name: Network meeting\nchair: network-chair\nmembers: [network-tech-lead]\n"
        "cadence: weekly\nduration_minutes: 60\n"
    ),
    "forums/steering-committee.yml": (
        "name: Steering committee\nchair: steering-chair\nmembers: [network-chair]\n"
        "cadence: monthly\n"
    ),
}
ROW = r"<tr><td>{}</td><td>(.*?)</td></tr>"


@pytest.fixture
def pages(tmp_path: Path, write_model: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    made = generate(
        write_model(tmp_path, MODEL), diagrams=False, baseline=None, use_directory_urls=False
    )
    return {page.path: page.markdown for page in made.pages}


def _fact(page: str, name: str) -> str:
    match = re.search(ROW.format(re.escape(name)), page)
    assert match, f"no {name!r} row in:\n{page}"
    return match[1]


def _section(page: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", page, re.M | re.S)
    assert match, f"no section {title!r} in:\n{page}"
    return match[1]


def _links(html: str, here: str) -> list[tuple[str, str]]:
    """(page, text) of each link on page `here`: `people/ann` for `../people/ann.html`."""
    return [
        (
            posixpath.normpath(posixpath.join(posixpath.dirname(here), href)).removesuffix(".html"),
            text,
        )
        for href, text in re.findall(r'<a href="([^"]+)">([^<]*)</a>', html)
    ]


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_unit_page_names_its_leads_holders(pages: dict[str, str]) -> None:
    lead = _fact(pages["units/sig-network.md"], "Lead")

    assert ("people/ann", "Ann Archer") in _links(lead, "units/sig-network.md")
    assert ("people/bobh", "@bob-the-handle") in _links(
        lead, "units/sig-network.md"
    )  # known by handle
    assert "Carla Inline" in _text(lead)  # a holder written inline, without a page


def test_a_unit_page_names_who_holds_each_of_its_roles(pages: dict[str, str]) -> None:
    roles = _section(pages["units/sig-network.md"], "Roles")
    row = next(r for r in roles.splitlines() if "network-tech-lead" in r)

    assert ("people/dee", "Dee Dunn") in _links(row, "units/sig-network.md")
    assert "Held by 3" not in roles and "<td>3</td>" not in roles


def test_a_unit_page_lists_the_forums_its_roles_sit_in_and_when_they_meet(
    pages: dict[str, str],
) -> None:
    forums = _section(pages["units/sig-network.md"], "Forums")
    rows = {
        href: row
        for row in forums.splitlines()
        for href, _ in _links(row, "units/sig-network.md")[:1]
        if href.startswith("forums/")
    }

    assert set(rows) == {"forums/network-meeting", "forums/steering-committee"}
    assert "Chair" in rows["forums/network-meeting"]
    assert "weekly, 60 minutes" in _text(rows["forums/network-meeting"])
    assert "Member" in rows["forums/steering-committee"]
    assert "monthly" in _text(rows["forums/steering-committee"])


def test_a_unit_page_says_how_to_reach_it(pages: dict[str, str]) -> None:
    contact = _section(pages["units/sig-network.md"], "How to reach them")

    assert "#sig-network" in contact and "mailto:sig-network@example.org" in contact


def test_a_person_page_names_their_units_forums_manager_and_reports(
    pages: dict[str, str],
) -> None:
    page = pages["people/ann.md"]

    roles = _links(_fact(page, "Roles"), "people/ann.md")
    assert ("roles/network-chair", "Network chair") in roles
    assert ("units/sig-network", "SIG Network") in roles
    assert ("people/sam", "Sam Stone") in _links(_fact(page, "Reports to"), "people/ann.md")
    assert ("people/dee", "Dee Dunn") in _links(_fact(page, "Reports"), "people/ann.md")
    forums = [href for href, _ in _links(_section(page, "Forums"), "people/ann.md")]
    assert "forums/network-meeting" in forums
    assert "forums/steering-committee" in forums


def test_a_person_who_shares_a_role_is_not_their_own_colleagues_manager(
    pages: dict[str, str],
) -> None:
    page = pages["people/dee.md"]

    managers = _links(_fact(page, "Reports to"), "people/dee.md")
    assert ("people/ann", "Ann Archer") in managers
    assert "Reports</td>" not in page  # Dee has no reports: no row saying so


def test_a_forum_page_links_the_unit_it_belongs_to(pages: dict[str, str]) -> None:
    page = pages["forums/network-meeting.md"]

    assert _links(_fact(page, "Unit"), "forums/network-meeting.md") == [
        ("units/sig-network", "SIG Network")
    ]
    assert ("people/ann", "Ann Archer") in _links(_fact(page, "Chair"), "forums/network-meeting.md")


def test_referenced_by_lists_nothing_the_sections_above_list(pages: dict[str, str]) -> None:
    repeated = []
    for path, page in sorted(pages.items()):
        if "\n## Referenced by\n" not in page:
            continue
        above, below = page.split("\n## Referenced by\n", 1)
        shown = {href for href, _ in _links(above, path)}
        repeated += [f"{path}: {href}" for href, _ in _links(below, path) if href in shown]
    assert not repeated, "listed twice:\n" + "\n".join(repeated)
