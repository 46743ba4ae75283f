"""What the site's search index holds for a generated page: its title and its own words.

Material's search plugin indexes every heading's section of every page. On entity pages
most of the text is other entities' names (backlinks, RACI tables, diagrams), so searching
for a forum found every page that links to it, and at 10,000 roles indexing took over a
minute and gave a search index of tens of megabytes for every reader to download. The
plugin shows the search plugin this digest instead of the page: the title, then the
entity's own prose (summary, purpose, accountabilities, description, notes). Index and
matrix pages are found by their title.

An entry's title names its kind ("Unit · Data Platform"), as results otherwise look alike.
Other entities' names are indexed only where a reader searches for them on this entry: a
person's entry holds their handle, e-mail, the roles they hold and those roles' units; a
unit's and a role's entry hold the names and handles of the people in them; a forum's entry
its chair's unit ("the Data team's forums"). A chat channel named in `contact` (`#sig-network`)
is in its entry too. A person's
title carries their handle, so that searching for it lists the person above the units and
roles that name them. Units are boosted (`BOOSTS`): searching for a unit's name lists the
unit above the forums and roles named after it.
"""

from __future__ import annotations

from collections.abc import Iterator

from opmodel.kinds import ENTITY_KINDS
from opmodel.model.model import Model
from opmodel.model.refs import Ref
from opmodel.model.relations import forum_unit
from opmodel.model.schema import Entity, Forum, Person, Role, Unit
from opmodel.site.markdown import html_text, prose_html

TEXT_FIELDS = ("summary", "purpose", "hypothesis", "threshold", "trigger", "result")
LIST_FIELDS = ("accountabilities", "constraints")
PROSE_FIELDS = ("description", "body")
KINDS = {kind.name: kind.singular for kind in ENTITY_KINDS}
"""What a result's title calls each kind."""
BOOSTS = {"unit": 2.0}
"""Material's per-entry boost: its title is worth twice a forum's with the same words."""


def entity_title(entity: Entity) -> str:
    """The entry's title: its kind, its name and, for a person, their handle as written."""
    kind = KINDS.get(entity.kind, entity.kind.capitalize())
    title = f"{kind} · {entity.label}"
    handle = _handle(entity)
    if handle and handle.lstrip("@") != entity.label.lstrip("@"):
        title += f" · {handle}"
    return title


def entity_boost(entity: Entity) -> float | None:
    return BOOSTS.get(entity.kind)


def entity_digest(model: Model, entity: Entity) -> str:
    parts = [title_digest(entity_title(entity))]
    for name in TEXT_FIELDS:
        value = getattr(entity, name, None)
        if isinstance(value, str) and value.strip():
            parts.append(f"<p>{html_text(value)}</p>")
    parts.extend(_facts(model, entity))
    for name in LIST_FIELDS:
        items = getattr(entity, name, ())
        if items:
            parts.append("<ul>" + "".join(f"<li>{html_text(i)}</li>" for i in items) + "</ul>")
    for name in PROSE_FIELDS:
        value = getattr(entity, name, None)
        if isinstance(value, str):
            parts.append(_without_headings(prose_html(value)))
    return "\n".join(part for part in parts if part)


def _facts(model: Model, entity: Entity) -> Iterator[str]:
    """Who and what a reader looks this entry up by, beyond its own words."""
    if isinstance(entity, Person):
        yield from _person_facts(model, entity)
    elif isinstance(entity, Role):
        yield _line(_people(model, entity.holders))
    elif isinstance(entity, Unit):
        roles = [entity.lead] if entity.lead else []
        roles += [r for r in model.referrers(entity.ref, "unit", "role") if r not in roles]
        holders = [h for ref in roles if isinstance(r := model.find(ref), Role) for h in r.holders]
        yield _line(_people(model, holders))
    elif isinstance(entity, Forum):
        unit = forum_unit(model, entity)
        if unit is not None:
            yield _line([unit.label])
    chat = entity.contact.chat if entity.contact is not None else None
    if chat is not None and chat.startswith("#"):
        yield _line([chat])


def _person_facts(model: Model, person: Person) -> Iterator[str]:
    """Their handle (without "@": typed either way, it is found), e-mail address, and each
    role they hold with its unit."""
    handle = _handle(person)
    email = person.email.strip() if person.email else ""
    yield _line([found for found in ((handle or "").lstrip("@"), email) if found])
    for ref in model.referrers(person.ref, "holders", "role"):
        role = model.find(ref)
        if not isinstance(role, Role):
            continue
        items = [role.label]
        unit = model.find(role.unit) if role.unit else None
        if unit is not None and unit.label.lower() not in role.label.lower():
            items.append(unit.label)
        yield _line(items)


def _people(model: Model, holders: tuple[Ref | str, ...] | list[Ref | str]) -> list[str]:
    """Each holder once: their name and, where they have one, their handle as written."""
    named: dict[str, None] = {}
    for holder in holders:
        if isinstance(holder, str):
            named[holder] = None
        elif (person := model.find(holder)) is not None:
            handle = _handle(person)
            named[f"{person.label} {handle}" if handle else person.label] = None
    return list(named)


def _handle(entity: Entity) -> str | None:
    handle = entity.handle if isinstance(entity, Person) else None
    return handle.strip() if handle and handle.strip() else None


def _line(items: list[str]) -> str:
    """Items apart by " · ", spaced: Material splits words only at spaces and hyphens, so
    "(Data" would not be found by "data"."""
    return f"<p>{' · '.join(html_text(item) for item in items)}</p>" if items else ""


def title_digest(title: str) -> str:
    """The heading starts the page's one entry (Material reads a heading without an id as
    text; the first section's id is not used in its link)."""
    return f'<h1 id="title">{html_text(title)}</h1>'


def _without_headings(html: str) -> str:
    """Headings in prose would split the digest into entries that point at anchors the
    digest does not have; as paragraphs their words are still found."""
    for level in range(1, 7):
        html = html.replace(f"<h{level}", "<p").replace(f"</h{level}>", "</p>")
    return html
