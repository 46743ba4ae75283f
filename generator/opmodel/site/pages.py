"""The one list of generated pages: what exists, at which path, from which view and template.

`SITE_PAGES` and `ENTITY_PAGES` below are that list, in the order the pages are made (the
order of the search index). To find where a page comes from, read its row: the path, the
view that computes what it shows (`views/`), the template that lays it out (`templates/`),
where it sits in the navigation and what search holds of it (the fields: `page_spec.py`).
Its diagrams come from `figures.py`, keyed by the same path.

`site_pages` renders every page to Markdown text; the MkDocs plugin serves them as virtual
files and `opmodel generate` writes them to a folder. Diagrams arrive as ready SVG markup
keyed by page path, so this module runs no subprocess.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2

from opmodel.checks import Finding
from opmodel.model.model import Model
from opmodel.model.reads import Read
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
from opmodel.site.page_spec import (
    NO_HISTORY,
    EntitySpec,
    Inputs,
    Nav,
    PageSpec,
    WhatChanged,
    template_values,
)
from opmodel.site.render import PageContext, render_page
from opmodel.site.search import entity_boost, entity_digest, title_digest
from opmodel.speed import Speed
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
    source: str | None = None
    """The file of the entity it is about (an entity page); None: a page of the site's."""

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
GUIDES_NAV = Nav("Guides", 10)
"""The model's guide pages (content/pages/), published as written."""


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
    reference: bool = False,
    speed: Speed | None = None,
) -> Iterator[GeneratedPage]:
    """Every generated page (`SITE_PAGES`, then `ENTITY_PAGES`). `diagrams`: page path ->
    SVG/HTML snippets to show on it; `reference`: add the content reference (every field
    of every kind, from the schema); `speed`: the entity pages rendered on every core, or
    under a server only those whose part of the model changed made again.
    """
    shown = diagrams or {}
    speed = speed or Speed.plain()
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
        source: str | None = None,
    ) -> GeneratedPage:
        """The page at `path`: `template` filled with `values(model)`. `reads` and `inputs`
        name what else the page shows than what `values` reads from the model."""
        figures = tuple(shown.get(path, ()))
        slots = [FIGURE_SLOT.format(index) for index in range(len(figures))]
        extra: dict[str, object] = (
            {"diagrams": slots} if slots_as == "diagrams" else {"diagram": "\n\n".join(slots)}
        )

        def make(read_from: Model) -> GeneratedPage:
            ctx = PageContext(read_from, path, use_directory_urls, speed.parts("pages", path))
            text, blocks = set_aside(render_page(env, template, ctx, **extra, **values(read_from)))
            return GeneratedPage(
                path,
                text,
                in_nav,
                search(read_from),
                search_boost,
                blocks=blocks,
                figures=figures,
                source=source,
            )

        # the same diagrams, the same page object: serve compares pages by identity first
        return speed.remember("pages", path, model, make, reads=reads, inputs=(inputs, figures))

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
            source=entity.path,
        )

    # The entity pages' workers start first: the site's own pages (long listings) are
    # made meanwhile, here.
    with speed.start_map(entity_page_of, list(model.all_entities())) as entity_pages:
        site = [site_page(spec) for spec in SITE_PAGES if spec.shown(model, inputs)]
        entities = entity_pages()
    yield from site
    yield from entities
