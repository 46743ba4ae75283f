"""The one list of generated pages: what exists, at which path, from which view and template.

`site_pages` renders every page to Markdown text; the MkDocs plugin serves them as virtual
files and `opmodel generate` writes them to a folder. Diagrams arrive as ready SVG markup
keyed by page path, so this module runs no subprocess.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import jinja2

from opmodel.checks import Finding
from opmodel.fork_map import fork_map
from opmodel.model.model import Model
from opmodel.model.schema import Entity
from opmodel.site import urls
from opmodel.site.evolution import SIGNIFICANCE_ORDER, Evolution
from opmodel.site.render import PageContext, render_page
from opmodel.site.search import entity_digest, title_digest
from opmodel.views.entity_pages import entity_page
from opmodel.views.health import health_groups
from opmodel.views.home import home
from opmodel.views.indexes import TITLES, index_table
from opmodel.views.roadmap import roadmap
from opmodel.views.who_decides import raci_matrices, who_decides

FIGURE_SLOT = "<!-- opmodel figure {} -->"
"""Where a diagram goes in a page's text. Diagrams are SVG markup, often larger than the
rest of the page; Python-Markdown would parse them as raw HTML for nothing, so the
Markdown holds a slot and the diagram is put in after rendering (`with_figures`)."""


@dataclass(frozen=True)
class GeneratedPage:
    path: str
    """Source path, as MkDocs addresses Markdown files (`roles/head-of-data.md`)."""
    text: str
    """Markdown, with a `FIGURE_SLOT` for each of `figures`."""
    in_nav: bool = False
    search: str | None = None
    """What the search index holds for the page (HTML; `search.py`); None: the page."""
    figures: tuple[str, ...] = ()

    def with_figures(self, text: str) -> str:
        """`text` (this page's Markdown, or the HTML rendered from it) with the diagrams in
        their slots."""
        for index, figure in enumerate(self.figures):
            text = text.replace(FIGURE_SLOT.format(index), figure, 1)
        return text

    @property
    def markdown(self) -> str:
        """The page as a Markdown engine reads it: diagrams in place."""
        return self.with_figures(self.text)


WHO_DECIDES_TITLE = "Decisions and escalation"
RACI_TITLE = "RACI matrix"


@dataclass(frozen=True)
class NavEntry:
    title: str
    path: str


def navigation(model: Model) -> list[NavEntry | tuple[str, list[NavEntry]]]:
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
) -> Iterator[GeneratedPage]:
    """Every generated page. `diagrams`: page path -> SVG/HTML snippets to show on it;
    `workers`: render the entity pages on that many cores (`fork_map`)."""
    shown = diagrams or {}

    def render(
        path: str,
        template: str,
        in_nav: bool = False,
        search: str | None = None,
        **values: object,
    ) -> GeneratedPage:
        ctx = PageContext(model, path, use_directory_urls)
        figures = tuple(shown.get(path, ()))
        slots = [FIGURE_SLOT.format(index) for index in range(len(figures))]
        extra: dict[str, object] = {"diagram": "\n\n".join(slots)}
        if template == "home.md.j2":
            extra = {"diagrams": slots}
        text = render_page(env, template, ctx, **extra, **values)
        return GeneratedPage(path, text, in_nav, search, figures)

    yield render(urls.HOME, "home.md.j2", True, view=home(model))
    for kind in TITLES:
        if model.of_kind(kind):
            yield render(
                urls.index_path(kind),
                "index.md.j2",
                True,
                title_digest(TITLES[kind]),
                table=index_table(model, kind),
            )
    yield render(
        urls.WHO_DECIDES,
        "who_decides.md.j2",
        True,
        title_digest(WHO_DECIDES_TITLE),
        view=who_decides(model),
    )
    yield render(
        urls.RACI, "raci.md.j2", True, title_digest(RACI_TITLE), matrices=raci_matrices(model)
    )
    yield render(
        urls.HEALTH, "health.md.j2", True, groups=health_groups(findings), total=len(findings)
    )
    yield render(urls.ROADMAP, "roadmap.md.j2", True, view=roadmap(model, today))
    changes = evolution or Evolution("", reason="history is switched off")
    yield render(
        urls.WHAT_CHANGED,
        "what_changed.md.j2",
        True,
        view=changes,
        model=model,
        significance=SIGNIFICANCE_ORDER,
    )
    history = changes.history

    def entity_page_of(entity: Entity) -> GeneratedPage:
        commits = history.get((entity.kind, entity.id), ()) if history else ()
        return render(
            urls.page_path(entity.ref),
            f"{entity.kind}.md.j2",
            search=entity_digest(entity),
            view=entity_page(model, entity),
            commits=commits[:5],
        )

    yield from fork_map(entity_page_of, list(model.all_entities()), workers=workers)
