"""Which diagram appears on which page: the one list, with links relative to that page.

Every diagram is built here with a `link` bound to the page that shows it, rendered in one
batch (cached by content hash, so unchanged diagrams cost nothing on a rebuild) and wrapped
as a `<figure>` that the page templates place where their `diagram` slot is.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

from opmodel import diagrams as d
from opmodel.diagrams.writer import DotGraph
from opmodel.model.model import Model
from opmodel.model.refs import Ref
from opmodel.model.schema import Decision, Entity, Flow, Role, Unit
from opmodel.site import urls
from opmodel.site.markdown import html_text
from opmodel.speed import Speed

FULL_CHART_UNITS = 60
"""Past this many units a whole organisation chart is a poster nobody can read: the units
index then shows three levels, and each unit page its own part of the tree."""

PageDiagram = tuple[str, d.Diagram]
"""(page path, diagram)"""


def page_diagrams(
    model: Model, use_directory_urls: bool, speed: Speed | None = None
) -> Iterator[PageDiagram]:
    """Every diagram and its page (`speed`: the entities' diagrams built on every core, or
    under a server only those whose part of the model changed since the last build)."""
    speed = speed or Speed.plain()
    yield from speed.remember(
        "diagrams", "overview", model, lambda m: list(_overview_diagrams(m, use_directory_urls))
    )

    def of(entity: Entity) -> list[PageDiagram]:
        make = functools.partial(
            _entity_diagrams, entity=entity, use_directory_urls=use_directory_urls
        )
        return speed.remember("diagrams", entity.ref, model, make, reads=(entity.ref,))

    for placed in speed.map(of, list(model.all_entities())):
        yield from placed


def _linker(page: str, use_directory_urls: bool) -> Callable[[Ref], str]:
    return lambda ref: urls.url_link(page, urls.page_path(ref), use_directory_urls)


def _place(page: str, key: str, title: str, alt: str, graph: DotGraph) -> PageDiagram:
    return page, d.Diagram.from_graph(key, title, alt, graph)


def _overview_diagrams(model: Model, use_directory_urls: bool) -> Iterator[PageDiagram]:
    def on(page: str) -> Callable[[Ref], str]:
        return _linker(page, use_directory_urls)

    home, units = urls.HOME, urls.index_path("unit")
    forums, capabilities = urls.index_path("forum"), urls.index_path("capability")
    if model.units:
        structure = d.structure.describe(model)
        more = urls.url_link(home, units, use_directory_urls)
        yield _place(
            home,
            "home-structure",
            "Structure (top levels)",
            structure,
            d.org_overview(model, on(home), more_link=more),
        )
        chart = (
            d.org_chart(model, on(units))
            if len(model.units) <= FULL_CHART_UNITS
            else d.org_overview(model, on(units), max_depth=3)
        )
        yield _place(units, "structure", "Organisation chart", structure, chart)
    if model.forums:
        # Once, on the forums index: the home page links to it (`home.md.j2`). The same
        # map inlined twice doubled its bytes (90 KB for 72 forums) for no new view.
        yield _place(
            forums,
            "governance",
            "Governance map",
            d.governance.describe(model),
            d.governance_map(model, on(forums)),
        )
    if model.capabilities:
        yield _place(
            capabilities,
            "capabilities",
            "Capability map",
            d.capabilities.describe(model),
            d.capability_map(model, on(capabilities)),
        )


ENTITY_DIAGRAMS: dict[type[Entity], tuple[str, Callable[..., str], Callable[..., DotGraph]]] = {
    Unit: ("Where it sits", d.structure.describe_unit, d.unit_neighbourhood),
    Role: ("Neighbourhood", d.roles.describe, d.role_neighbourhood),
    Decision: ("Escalation path", d.escalation.describe, d.escalation_path),
    Flow: ("The flow", d.flow.describe, d.flow_diagram),
}
"""The diagram on each kind's entity page: (title, its text alternative, its drawing)."""


def _entity_diagrams(model: Model, entity: Entity, use_directory_urls: bool) -> list[PageDiagram]:
    shown = ENTITY_DIAGRAMS.get(type(entity))
    if shown is None or (isinstance(entity, Flow) and not entity.stages):
        return []
    title, describe, draw = shown
    page = urls.page_path(entity.ref)
    graph = draw(model, entity, _linker(page, use_directory_urls))
    return [_place(page, f"{entity.kind}-{entity.id}", title, describe(model, entity), graph)]


KeptFigures = dict[str, tuple[d.Diagram, str]]
"""diagram key -> (the diagram, its figure HTML), from an earlier call."""


def render_figures(
    placed: list[PageDiagram], speed: Speed | None = None
) -> tuple[dict[str, list[str]], d.RenderStats]:
    """page path -> figure HTML, in the order the diagrams were placed. Raises
    `diagrams.GraphvizMissing` when `dot` is not installed. Under a server, a diagram equal
    to the one the last build showed under its key is not looked up again."""
    speed = speed or Speed.plain()
    known: KeptFigures = speed.kept("figures", dict)
    fresh = [diagram for _, diagram in placed if known.get(diagram.key, (None,))[0] != diagram]
    svgs, stats = d.render_diagrams(fresh, speed.cache_dir)
    figures: dict[str, list[str]] = {}
    placed_keys = set()
    for page, diagram in placed:
        if diagram.key in svgs:
            known[diagram.key] = (diagram, _figure(diagram, svgs[diagram.key]))
        figures.setdefault(page, []).append(known[diagram.key][1])
        placed_keys.add(diagram.key)
    for gone in known.keys() - placed_keys:
        del known[gone]
    reused = len(placed) - len(fresh)
    return figures, d.RenderStats(stats.rendered, stats.cached + reused)


def _figure(diagram: d.Diagram, svg: str) -> str:
    # data-search-exclude: diagram labels repeat the page's text and would flood search.
    return (
        f'<figure class="opm-figure" id="{urls.diagram_id(diagram.key)}" data-opm-zoom '
        'data-search-exclude markdown="0">\n'
        f"{svg.strip()}\n"
        f"<figcaption>{html_text(diagram.alt_text)}</figcaption>\n"
        "</figure>"
    )
