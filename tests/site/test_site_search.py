"""What search finds: each entity once, by its name and its own words, not every page that
happens to link to it."""

from __future__ import annotations

import json
from typing import Any

from opmodel.model.model import Model
from opmodel.site.search import LIST_FIELDS, PROSE_FIELDS, TEXT_FIELDS


def _entries(example_site: Any) -> list[dict[str, str]]:
    index = json.loads((example_site.root / "search" / "search_index.json").read_text())
    return list(index["docs"])


def test_every_entity_page_has_one_entry_titled_with_its_name(
    example_site: Any, example_model: Model
) -> None:
    by_location: dict[str, list[dict[str, str]]] = {}
    for entry in _entries(example_site):
        by_location.setdefault(entry["location"], []).append(entry)
    for entity in example_model.all_entities():
        location = example_site.entity_url(entity)
        entries = by_location.get(location, [])
        assert len(entries) == 1, f"{location}: {len(entries)} search entries"
        assert entries[0]["title"] == _html_text(entity.label)


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
