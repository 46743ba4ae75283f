"""The one list of generated pages: what exists, at which path, from which view and template.

`site_pages` renders every page to Markdown text; the MkDocs plugin serves them as virtual
files and `opmodel generate` writes them to a folder. Diagrams arrive as ready SVG markup
keyed by page path, so this module runs no subprocess.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace

import jinja2

from opmodel.checks import Finding
from opmodel.model.model import Model
from opmodel.model.reads import Read
from opmodel.model.schema import Entity
from opmodel.site import urls
from opmodel.site.evolution import SIGNIFICANCE_ORDER, Evolution
from opmodel.site.html_blocks import SLOT, SLOTS, set_aside
from opmodel.site.render import PageContext, render_page
from opmodel.site.search import entity_boost, entity_digest, title_digest
from opmodel.speed import Speed
from opmodel.views.entity_pages import entity_page
from opmodel.views.health import health_groups
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


@dataclass(frozen=True)
class NavEntry:
    title: str
    path: str


def navigation(
    model: Model, *, reference: bool = False
) -> list[NavEntry | tuple[str, list[NavEntry]]]:
    """Sections and their index pages only: entity pages stay out of the navigation, which
    would otherwise be rendered into every page (see DESIGN.md, build-cost facts)."""
    model_section = [
        NavEntry(TITLES[kind], urls.index_path(kind)) for kind in TITLES if model.of_kind(kind)
    ]
    guides = [NavEntry(page.label, urls.guide_path(page.id)) for page in model.pages]
    nav: list[NavEntry | tuple[str, list[NavEntry]]] = [NavEntry("At a glance", urls.HOME)]
    if guides:
        nav.append(("Guides", guides))
    nav.append(
        (
            "Who decides?",
            [
                NavEntry(WHO_DECIDES_TITLE, urls.WHO_DECIDES),
                NavEntry(RACI_TITLE, urls.RACI),
            ],
        )
    )
    if model_section:
        nav.append(("The model", model_section))
    nav.append(
        (
            "Evolution",
            [
                NavEntry("Roadmap", urls.ROADMAP),
                NavEntry("What changed", urls.WHAT_CHANGED),
                NavEntry("Model health", urls.HEALTH),
            ],
        )
    )
    if reference:
        nav.append(NavEntry(REFERENCE_TITLE, urls.REFERENCE))
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
    """Every generated page. `diagrams`: page path -> SVG/HTML snippets to show on it;
    `reference`: add the content reference (every field of every kind, from the schema);
    `speed`: the entity pages rendered on every core, or under a server only those whose
    part of the model changed made again.
    """
    shown = diagrams or {}
    speed = speed or Speed.plain()

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
    ) -> GeneratedPage:
        """The page at `path`: `template` filled with `values(model)`. `reads` and `inputs`
        name what else the page shows than what `values` reads from the model."""
        figures = tuple(shown.get(path, ()))
        slots = [FIGURE_SLOT.format(index) for index in range(len(figures))]
        extra: dict[str, object] = {"diagram": "\n\n".join(slots)}
        if template == "home.md.j2":
            extra = {"diagrams": slots}

        def make(read_from: Model) -> GeneratedPage:
            ctx = PageContext(read_from, path, use_directory_urls)
            text, blocks = set_aside(render_page(env, template, ctx, **extra, **values(read_from)))
            return GeneratedPage(path, text, in_nav, search(read_from), search_boost, blocks=blocks)

        made = speed.remember(
            "pages", path, model, make, reads=reads, inputs=(inputs, len(figures))
        )
        return replace(made, figures=figures) if figures else made

    def index_page(kind: str) -> GeneratedPage:
        return page(
            urls.index_path(kind),
            "index.md.j2",
            lambda m: {"table": index_table(m, kind)},
            in_nav=True,
            search=lambda m: title_digest(TITLES[kind]),
        )

    yield page(urls.HOME, "home.md.j2", lambda m: {"view": home(m)}, in_nav=True)
    yield from (index_page(kind) for kind in TITLES if model.of_kind(kind))
    yield page(
        urls.WHO_DECIDES,
        "who_decides.md.j2",
        lambda m: {"view": who_decides(m)},
        in_nav=True,
        search=lambda m: title_digest(WHO_DECIDES_TITLE),
    )
    yield page(
        urls.RACI,
        "raci.md.j2",
        lambda m: {"matrices": raci_matrices(m)},
        in_nav=True,
        search=lambda m: title_digest(RACI_TITLE),
    )
    yield page(
        urls.HEALTH,
        "health.md.j2",
        lambda m: {"groups": health_groups(findings), "total": len(findings)},
        in_nav=True,
        inputs=tuple(findings),
    )
    yield page(
        urls.ROADMAP,
        "roadmap.md.j2",
        lambda m: {"view": roadmap(m, today)},
        in_nav=True,
        inputs=today,
    )
    changes = evolution or Evolution("", reason="history is switched off")
    yield page(
        urls.WHAT_CHANGED,
        "what_changed.md.j2",
        lambda m: {"view": changes, "model": m, "significance": SIGNIFICANCE_ORDER},
        in_nav=True,
        inputs=changes,
    )
    if reference:
        yield page(
            urls.REFERENCE,
            "reference.md.j2",
            lambda m: {"view": content_reference()},
            in_nav=True,
            search=lambda m: title_digest(REFERENCE_TITLE),
        )
    history = changes.history

    def entity_page_of(entity: Entity) -> GeneratedPage:
        commits = history.get((entity.kind, entity.id), ()) if history else ()
        return page(
            urls.page_path(entity.ref),
            f"{entity.kind}.md.j2",
            lambda m: {"view": entity_page(m, entity), "commits": commits[:5]},
            search=lambda m: entity_digest(m, entity),
            search_boost=entity_boost(entity),
            reads=(entity.ref,),
            inputs=tuple(commits[:5]),
        )

    yield from speed.map(entity_page_of, list(model.all_entities()))
