"""Every kind of entity and what the rest of opmodel knows of each, in one table.

The loader finds a kind's files by its folder, references name it, the site gives it a
section and an index page with its titles, exports and diffs list the kinds in this order.
They all read this table, so a new kind is a row here plus what only it has: its class in
the schema (`model/kinds.py` joins the two), its template `site/templates/<kind>.md.j2`, its
index columns (`views/indexes.py`) and its ArchiMate element (`export/archimate.py`).
`tests/test_kinds.py` fails while any of them does not know a kind of this table.

Plain data with no imports, below every layer: the loader may not import the model.
"""

from __future__ import annotations

from dataclasses import dataclass

DATA_SUFFIXES = (".yml", ".yaml")
ENTITY_SUFFIXES = (*DATA_SUFFIXES, ".md")
"""A `.yml`/`.yaml` file is data only; a `.md` file is front matter and a Markdown body."""


@dataclass(frozen=True)
class Kind:
    name: str
    """As references (`role:head-of-data`), templates (`role.md.j2`) and exports name it."""
    singular: str
    """A search result's kind: "Role · Head of Data"."""
    plural: str
    """Its index page's title and nav entry ("Roles"); in lower case, its heading in a
    diff ("roles", "guide pages")."""
    folder: str
    """Its folder in content/ and, for an entity kind, the section of the site that holds
    its pages and index (`roles/`, `roles/index.md`); "" for the organisation, one file in
    content/ itself (`load/files.py:ORGANISATION_STEMS`)."""
    suffixes: tuple[str, ...] = ENTITY_SUFFIXES
    """The files its folder may hold."""
    intro: str | None = None
    """The first line of its index page (the units' is worked out from their types:
    `views/indexes.py:units_intro`)."""
    entity: bool = True
    """A reference may name it (`kind:id`), and the site has an index of it and a page for
    each. Not the organisation (it is the home page) nor guide pages (published as they
    are, beside the home page)."""


ALL_KINDS: tuple[Kind, ...] = (
    Kind("organisation", "Organisation", "Organisation", "", entity=False),
    Kind("unit", "Unit", "Units", "units"),
    Kind("role", "Role", "Roles", "roles", intro="Every role, where it sits and who holds it."),
    Kind("person", "Person", "People", "people", intro="People named as role holders."),
    Kind(
        "forum",
        "Forum",
        "Forums",
        "forums",
        intro="Boards, committees and recurring meetings: where to take a question.",
    ),
    Kind(
        "decision",
        "Decision",
        "Decisions",
        "decisions",
        intro="Decision rights: who is accountable for what.",
    ),
    Kind(
        "capability",
        "Capability",
        "Capabilities",
        "capabilities",
        intro="What the organisation must be able to do, and how well it does it.",
    ),
    Kind(
        "flow",
        "Flow",
        "Flows",
        "flows",
        intro="Value streams: how work flows from request to outcome.",
    ),
    Kind(
        "outcome",
        "Outcome",
        "Outcomes",
        "outcomes",
        intro="The north star: outcomes for users and for the organisation.",
    ),
    Kind(
        "change",
        "Change",
        "Changes",
        "changes",
        intro="The evolution roadmap: changes to this operating model.",
    ),
    Kind("page", "Guide page", "Guide pages", "pages", suffixes=(".md",), entity=False),
)
"""In the order every list of kinds takes: the organisation first, guide pages last."""

KIND: dict[str, Kind] = {kind.name: kind for kind in ALL_KINDS}
ENTITY_KINDS: tuple[Kind, ...] = tuple(kind for kind in ALL_KINDS if kind.entity)
FOLDER_KINDS: dict[str, str] = {kind.folder: kind.name for kind in ALL_KINDS if kind.folder}
"""content/ folder -> the kind of the files in it."""
