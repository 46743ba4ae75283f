"""The one list of generated pages: what exists, at which path, from which view and template.

`SITE_PAGES` and `ENTITY_PAGES` below are that list, in the order the pages are made (the
order of the search index). To find where a page comes from, read its row: the path, the
view that computes what it shows (`views/`), the template that lays it out
(`templates/`), where it sits in the navigation and what search holds of it. Its diagrams
come from `figures.py`, keyed by the same path.

`site_pages` renders every page to Markdown text; the MkDocs plugin serves them as virtual
files and `opmodel generate` writes them to a folder. Diagrams arrive as ready SVG markup
keyed by page path, so this module runs no subprocess.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any, Generic, Literal, TypeVar

import jinja2

from opmodel.checks import Finding
from opmodel.fork_map import fork_map
from opmodel.model.model import Model
from opmodel.model.reads import Memo, Read
from opmodel.model.schema import (
    Capability,
    Change,
    Decision,
    Entity,
    Flow,
    Forum,
    Outcome,
    Person,
    Role,
    Unit,
)
from opmodel.site import urls
from opmodel.site.evolution import SIGNIFICANCE_ORDER, Evolution
from opmodel.site.html_blocks import SLOT, SLOTS, set_aside
from opmodel.site.render import PageContext, render_page
from opmodel.site.search import entity_boost, entity_digest, title_digest
from opmodel.views import entity_pages as ep
from opmodel.views.health import health
from opmodel.views.home import home
from opmodel.views.indexes import TITLES, index_table
from opmodel.views.reference import content_reference
from opmodel.views.roadmap import roadmap
from opmodel.views.who_decides import raci_matrices, who_decides

FIGURE_SLOT = SLOT.format("figure", "{}")
"""Where a diagram goes in a page's text. Diagrams are SVG markup, often larger than the
rest of the page; Python-Markdown would parse them as raw HTML for nothing, so the
Markdown holds a slot and the diagram is put in after rendering (`filled`)."""


@dataclass(frozen=True)
class GeneratedPage:
    path: str
    """Source path, as MkDocs addresses Markdown files (`roles/head-of-data.md`)."""
    text: str
    """Markdown, with a slot for each of `blocks` and `figures` (`html_blocks.py`)."""
    in_nav: bool = False
    search: str | None = None
    """What the search index holds for the page (HTML; `search.py`); None: the page."""
    search_boost: float | None = None
    """How much more its search entry weighs than others (Material's `search.boost`)."""
    blocks: tuple[str, ...] = ()
    """The page's raw HTML blocks, set aside from its Markdown."""
    figures: tuple[str, ...] = ()

    def filled(self, text: str) -> str:
        """`text` (this page's Markdown, or the HTML rendered from it) with the HTML blocks
        and diagrams in their slots."""
        if not self.blocks and not self.figures:
            return text

        def fill(slot: re.Match[str]) -> str:
            kind, index = slot[1], int(slot[2])
            parts = self.blocks if kind == "block" else self.figures
            if index >= len(parts):
                return slot[0]
            return SLOTS.sub(fill, parts[index]) if kind == "block" else parts[index]

        return SLOTS.sub(fill, text)

    @property
    def markdown(self) -> str:
        """The page as a Markdown engine reads it: HTML blocks and diagrams in place."""
        return self.filled(self.text)


WHO_DECIDES_TITLE = "Decisions and escalation"
RACI_TITLE = "RACI matrix"
REFERENCE_TITLE = "Content reference"
NO_HISTORY = Evolution("", reason="history is switched off")
COMMITS_SHOWN = 5
"""An entity page lists its latest commits since the baseline, this many."""


@dataclass(frozen=True)
class Inputs:
    """What pages show besides the model."""

    findings: tuple[Finding, ...] = ()
    """The health checks' findings (the health page)."""
    today: dt.date = dt.date.min
    """The roadmap's "due soon" counts from it."""
    evolution: Evolution = NO_HISTORY
    """What changed since the baseline, and each entity's commits."""
    reference: bool = False
    """Whether the site has the content reference (plugin option `reference: true`)."""

    def commits(self, entity: Entity) -> tuple[Any, ...]:
        history = self.evolution.history
        return tuple(history.get((entity.kind, entity.id), ())[:COMMITS_SHOWN]) if history else ()


@dataclass(frozen=True)
class Nav:
    """Where a page sits in the navigation: in `section` (None: at the top level), at
    `place` (the navigation lists everything by place; sections where their first page
    is). The navigation's order is not the pages' order: search lists pages as made."""

    section: str | None
    place: int


GUIDES_NAV = Nav("Guides", 10)
"""The model's guide pages (content/pages/), published as written."""


@dataclass(frozen=True)
class WhatChanged:
    """The "What changed" page: `what_changed.md.j2` reads these three names."""

    view: Evolution
    model: Model
    significance: tuple[str, ...]


@dataclass(frozen=True)
class PageSpec:
    """One page of the site that is not an entity's."""

    path: str
    """Source path, as MkDocs addresses Markdown files (`urls.py`)."""
    title: str
    """Its title in the navigation and, for `search="title"`, in the search index."""
    template: str
    view: Callable[[Model, Inputs], object]
    """What it shows: a frozen dataclass from `views/`, read from the model it is given
    (where pages are kept between builds, that model notes what the page reads)."""
    name: str | None = "view"
    """The template's name for the view; None: the template reads each of the view's
    fields by its own name (`health.md.j2`: `groups`, `total`)."""
    diagrams: Literal["diagram", "diagrams"] = "diagram"
    """How the template gets the diagrams placed on its path: `diagram`, one slot for them
    all (empty without any), or `diagrams`, a list of slots, one each."""
    nav: Nav | None = None
    search: Literal["page", "title"] = "page"
    """What the search index holds of it: the page's text, or its title only (a long
    table's cells are noise in search results)."""
    shown: Callable[[Model, Inputs], bool] = lambda model, inputs: True
    """Whether the site has the page."""
    depends: Callable[[Inputs], object] = lambda inputs: None
    """What of `Inputs` it shows: it is made again when that changes (`Memo`)."""


def _index(kind: str) -> PageSpec:
    return PageSpec(
        urls.index_path(kind),
        TITLES[kind],
        "index.md.j2",
        lambda model, inputs: index_table(model, kind),
        name="table",
        nav=Nav("The model", 30),
        search="title",
        shown=lambda model, inputs: bool(model.of_kind(kind)),
    )


SITE_PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        urls.HOME,
        "At a glance",
        "home.md.j2",
        lambda model, inputs: home(model),
        diagrams="diagrams",
        nav=Nav(None, 0),
    ),
    *(_index(kind) for kind in TITLES),
    PageSpec(
        urls.WHO_DECIDES,
        WHO_DECIDES_TITLE,
        "who_decides.md.j2",
        lambda model, inputs: who_decides(model),
        nav=Nav("Who decides?", 20),
        search="title",
    ),
    PageSpec(
        urls.RACI,
        RACI_TITLE,
        "raci.md.j2",
        lambda model, inputs: tuple(raci_matrices(model)),
        name="matrices",
        nav=Nav("Who decides?", 21),
        search="title",
    ),
    PageSpec(
        urls.HEALTH,
        "Model health",
        "health.md.j2",
        lambda model, inputs: health(inputs.findings),
        name=None,
        nav=Nav("Evolution", 42),
        depends=lambda inputs: inputs.findings,
    ),
    PageSpec(
        urls.ROADMAP,
        "Roadmap",
        "roadmap.md.j2",
        lambda model, inputs: roadmap(model, inputs.today),
        nav=Nav("Evolution", 40),
        depends=lambda inputs: inputs.today,
    ),
    PageSpec(
        urls.WHAT_CHANGED,
        "What changed",
        "what_changed.md.j2",
        lambda model, inputs: WhatChanged(inputs.evolution, model, SIGNIFICANCE_ORDER),
        name=None,
        nav=Nav("Evolution", 41),
        depends=lambda inputs: inputs.evolution,
    ),
    PageSpec(
        urls.REFERENCE,
        REFERENCE_TITLE,
        "reference.md.j2",
        lambda model, inputs: content_reference(),
        nav=Nav(None, 50),
        search="title",
        shown=lambda model, inputs: inputs.reference,
    ),
)
"""The site's own pages, in the order they are made."""

E = TypeVar("E", bound=Entity)
FRAME_TEMPLATE = "entity.md.j2"
"""What every entity page's template extends: the frame (`EntityPage`) they share."""


@dataclass(frozen=True)
class EntitySpec(Generic[E]):
    """The pages of one kind's entities: one page each, out of the navigation. The
    template reads the view as `view`, the entity's latest commits as `commits`, and its
    diagram (`figures.ENTITY_DIAGRAMS`) as `diagram`. Search holds its title and text
    fields (`search.entity_digest`), weighed by its kind (`search.entity_boost`)."""

    cls: type[E]
    template: str
    view: Callable[[Model, E], ep.EntityPage[E]]
    path: Callable[[Entity], str] = lambda entity: urls.page_path(entity.ref)

    def page_view(self, model: Model, entity: Entity) -> ep.EntityPage[E]:
        assert isinstance(entity, self.cls), (entity.ref, self.cls)
        return self.view(model, entity)


ENTITY_PAGES: dict[str, EntitySpec[Any]] = {
    "unit": EntitySpec(Unit, "unit.md.j2", ep.unit_page),
    "role": EntitySpec(Role, "role.md.j2", ep.role_page),
    "person": EntitySpec(Person, "person.md.j2", ep.person_page),
    "forum": EntitySpec(Forum, "forum.md.j2", ep.forum_page),
    "decision": EntitySpec(Decision, "decision.md.j2", ep.decision_page),
    "capability": EntitySpec(Capability, "capability.md.j2", ep.capability_page),
    "flow": EntitySpec(Flow, "flow.md.j2", ep.flow_page),
    "outcome": EntitySpec(Outcome, "outcome.md.j2", ep.outcome_page),
    "change": EntitySpec(Change, "change.md.j2", ep.change_page),
}
"""kind -> its entities' pages, made after `SITE_PAGES` in the model's order."""


def entity_view(model: Model, entity: Entity) -> ep.EntityPage[Any]:
    """What `entity`'s page shows."""
    return ENTITY_PAGES[entity.kind].page_view(model, entity)


@dataclass(frozen=True)
class NavEntry:
    title: str
    path: str


def navigation(
    model: Model, *, reference: bool = False
) -> list[NavEntry | tuple[str, list[NavEntry]]]:
    """Sections and their index pages only: entity pages stay out of the navigation, which
    would otherwise be rendered into every page (see DESIGN.md, build-cost facts)."""
    inputs = Inputs(reference=reference)
    placed = [
        (spec.nav, NavEntry(spec.title, spec.path))
        for spec in SITE_PAGES
        if spec.nav is not None and spec.shown(model, inputs)
    ]
    placed += [(GUIDES_NAV, NavEntry(page.label, urls.guide_path(page.id))) for page in model.pages]
    nav: list[NavEntry | tuple[str, list[NavEntry]]] = []
    sections: dict[str, list[NavEntry]] = {}
    for where, entry in sorted(placed, key=lambda placed: placed[0].place):  # stable
        if where.section is None:
            nav.append(entry)
        elif where.section in sections:
            sections[where.section].append(entry)
        else:
            sections[where.section] = [entry]
            nav.append((where.section, sections[where.section]))
    return nav


def site_pages(
    model: Model,
    findings: list[Finding],
    env: jinja2.Environment,
    *,
    today: dt.date,
    use_directory_urls: bool = True,
    diagrams: Mapping[str, list[str]] | None = None,
    evolution: Evolution | None = None,
    workers: int = 1,
    memo: Memo[GeneratedPage] | None = None,
    reference: bool = False,
) -> Iterator[GeneratedPage]:
    """Every generated page (`SITE_PAGES`, then `ENTITY_PAGES`). `diagrams`: page path ->
    SVG/HTML snippets to show on it; `workers`: render the entity pages on that many cores
    (`fork_map`); `memo`: keep each page between calls and make again only those whose
    part of the model changed (one core); `reference`: add the content reference (every
    field of every kind, from the schema).
    """
    shown = diagrams or {}
    inputs = Inputs(tuple(findings), today, evolution or NO_HISTORY, reference)

    def page(
        path: str,
        template: str,
        values: Callable[[Model], dict[str, object]],
        *,
        in_nav: bool = False,
        search: Callable[[Model], str | None] = lambda m: None,
        search_boost: float | None = None,
        reads: tuple[Read, ...] = (),
        inputs: object = None,
        slots_as: str = "diagram",
    ) -> GeneratedPage:
        """The page at `path`: `template` filled with `values(model)`. Where a memo is kept,
        the model handed to `values` notes what it reads; `reads` and `inputs` name what
        else the page shows."""
        figures = tuple(shown.get(path, ()))
        slots = [FIGURE_SLOT.format(index) for index in range(len(figures))]
        extra: dict[str, object] = (
            {"diagrams": slots} if slots_as == "diagrams" else {"diagram": "\n\n".join(slots)}
        )

        def make(read_from: Model) -> GeneratedPage:
            ctx = PageContext(read_from, path, use_directory_urls)
            text, blocks = set_aside(render_page(env, template, ctx, **extra, **values(read_from)))
            return GeneratedPage(path, text, in_nav, search(read_from), search_boost, blocks=blocks)

        if memo is None:
            made = make(model)
        else:
            made = memo.get(path, model, make, reads=reads, inputs=(inputs, len(figures)))
        return replace(made, figures=figures) if figures else made

    def site_page(spec: PageSpec) -> GeneratedPage:
        title = title_digest(spec.title) if spec.search == "title" else None
        return page(
            spec.path,
            spec.template,
            lambda m: template_values(spec, spec.view(m, inputs)),
            in_nav=spec.nav is not None,
            search=lambda m: title,
            inputs=spec.depends(inputs),
            slots_as=spec.diagrams,
        )

    def entity_page_of(entity: Entity) -> GeneratedPage:
        spec = ENTITY_PAGES[entity.kind]
        commits = inputs.commits(entity)
        return page(
            spec.path(entity),
            spec.template,
            lambda m: {"view": spec.page_view(m, entity), "commits": commits},
            search=lambda m: entity_digest(m, entity),
            search_boost=entity_boost(entity),
            reads=(entity.ref,),
            inputs=commits,
        )

    yield from (site_page(spec) for spec in SITE_PAGES if spec.shown(model, inputs))
    entities = list(model.all_entities())
    if memo is not None:
        yield from (entity_page_of(entity) for entity in entities)
    else:
        yield from fork_map(entity_page_of, entities, workers=workers)


def template_values(spec: PageSpec, view: object) -> dict[str, object]:
    """The names `spec.template` reads: the view under `spec.name`, or each of its fields."""
    if spec.name is not None:
        return {spec.name: view}
    assert is_dataclass(view) and not isinstance(view, type), spec.path
    return {f.name: getattr(view, f.name) for f in fields(view)}
