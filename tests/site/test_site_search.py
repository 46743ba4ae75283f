"""What search finds: each entity once, by its name and its own words, not every page that
happens to link to it; a person by their handle and e-mail; a unit and a role by the people
in them; each result titled with its kind, a unit above the forums named after it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from opmodel.model.model import Model
from opmodel.model.refs import Ref
from opmodel.site.search import LIST_FIELDS, PROSE_FIELDS, TEXT_FIELDS, entity_digest


def _entries(example_site: Any) -> list[dict[str, str]]:
    index = json.loads((example_site.root / "search" / "search_index.json").read_text())
    return list(index["docs"])


def test_every_entity_page_has_one_entry_titled_with_its_kind_and_name(
    example_site: Any, example_model: Model
) -> None:
    by_location: dict[str, list[dict[str, str]]] = {}
    for entry in _entries(example_site):
        by_location.setdefault(entry["location"], []).append(entry)
    for entity in example_model.all_entities():
        location = example_site.entity_url(entity)
        entries = by_location.get(location, [])
        assert len(entries) == 1, f"{location}: {len(entries)} search entries"
        title = f"{entity.kind.capitalize()} · {_html_text(entity.label)}"
        assert entries[0]["title"].startswith(title), entries[0]["title"]


SMALL_MODEL = {
    "units/platform.yml": "name: Data Platform\nlead: platform-lead\n",
    "roles/platform-lead.yml": (
        "title: Platform Lead\nunit: platform\nholders: [jdoe, Sam Inline]\n"
    ),
    "roles/engineer.yml": "title: Data Engineer\nunit: platform\nholders: [kfox]\n",
    "people/jdoe.yml": "name: Jane Doe\nhandle: '@jdoe'\nemail: jane.doe@example.org\n",
    "people/kfox.yml": "name: Kim Fox\nhandle: kimfox\n",
    "forums/platform-weekly.yml": "name: Data Platform weekly\nchair: platform-lead\n",
}


def _digest(model: Model, ref: Ref) -> str:
    return entity_digest(model, model.get(ref))


def test_a_person_entry_holds_their_handle_email_roles_and_units(
    build_model: Callable[[dict[str, str]], Model],
) -> None:
    model = build_model(SMALL_MODEL)
    digest = _digest(model, Ref("person", "jdoe"))
    title, text = digest.split("</h1>", 1)

    assert "Person · Jane Doe · @jdoe" in title  # the handle as written, in the title
    for found in ("jdoe", "jane.doe@example.org", "Platform Lead", "Data Platform"):
        assert f" {found} " in f" {_words(text)} ", f"{found!r} not in {text!r}"


def test_unit_and_role_entries_hold_the_names_and_handles_of_their_people(
    build_model: Callable[[dict[str, str]], Model],
) -> None:
    model = build_model(SMALL_MODEL)
    unit = _words(_digest(model, Ref("unit", "platform")))
    role = _words(_digest(model, Ref("role", "platform-lead")))

    for name in ("Jane Doe @jdoe", "Sam Inline", "Kim Fox kimfox"):
        assert name in unit, f"{name!r} not in the unit's entry: {unit!r}"
    assert "Jane Doe @jdoe" in role and "Sam Inline" in role
    assert "Kim Fox" not in role  # not in this role
    assert "jane.doe@example.org" not in unit + role  # an address is found on its person


def test_a_unit_entry_outweighs_a_forum_entry_named_after_it(example_site: Any) -> None:
    """Material's lunr scores a title match the same on both entries: the unit's boost
    decides. (`test_browser_search.py` searches for it in a browser.)"""
    entries = {e["location"]: e for e in _entries(example_site)}
    unit = entries["units/data-governance-team.html"]
    forum = entries["forums/data-governance-board.html"]
    role = entries["roles/head-of-data-governance.html"]

    assert float(unit.get("boost", 1)) > float(forum.get("boost", 1))
    assert float(unit.get("boost", 1)) > float(role.get("boost", 1))


def test_every_handle_and_address_in_the_example_is_on_its_persons_entry(
    example_site: Any, example_model: Model
) -> None:
    entries = {e["location"]: e for e in _entries(example_site)}
    people = [p for p in example_model.people if p.handle or p.email]
    assert people, "the example has no handles or e-mail addresses"
    for person in people:
        entry = entries[example_site.entity_url(person)]
        words = f" {entry['title']} {_words(entry['text'])} "
        for value in (person.handle, person.email):
            if value:
                assert f" {_html_text(value)} " in words, f"{value!r} not in {entry}"


def test_an_entity_entry_holds_its_own_prose_and_no_backlinks(
    example_site: Any, example_model: Model
) -> None:
    role = next(r for r in example_model.roles if r.purpose and r.accountabilities)
    (entry,) = [e for e in _entries(example_site) if e["location"] == example_site.entity_url(role)]

    assert _html_text(role.purpose or "") in entry["text"]
    for accountability in role.accountabilities:
        assert _html_text(accountability) in entry["text"]
    for noise in ("Referenced by", "Decisions it takes part in", "Source:", "<svg"):
        assert noise not in entry["text"]


def test_a_forum_is_found_on_its_own_page_and_where_prose_names_it_not_where_links_do(
    example_site: Any, example_model: Model
) -> None:
    forum = max(example_model.forums, key=lambda f: len(example_model.backlinks.get(f.ref, ())))
    name = _html_text(forum.label)
    pages = {example_site.entity_url(e): e for e in example_model.all_entities()}
    hits = [e["location"] for e in _entries(example_site) if name in e["title"] + e["text"]]

    assert example_site.entity_url(forum) in hits
    for location in hits:
        entity = pages.get(location)
        if entity is None or entity is forum:
            continue  # guides, roadmap: searched in full
        fields = (*TEXT_FIELDS, *LIST_FIELDS, *PROSE_FIELDS)
        prose = " ".join(str(getattr(entity, f, "") or "") for f in fields)
        assert forum.label in prose, f"{location} matched '{forum.label}' only through links"
    linking = {
        example_site.entity_url(example_model.get(b.source))
        for b in example_model.backlinks[forum.ref]
    }
    assert linking - set(hits), "every page that links to the forum was a hit"


def test_index_pages_are_found_by_their_title(example_site: Any) -> None:
    titles = {e["location"]: e["title"] for e in _entries(example_site)}
    assert titles["roles/index.html"] == "Roles"
    assert titles["who-decides/raci.html"] == "RACI matrix"


def _html_text(text: str) -> str:
    """As Material's search keeps it: the text with HTML's special characters escaped."""
    from opmodel.site.markdown import html_text

    return html_text(text)


def _words(html: str) -> str:
    """The words of an entry's HTML as Material's search splits them (at spaces)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
