"""Which diagram appears on which page: the one list, with links relative to that page.

Every diagram is built here with a `link` bound to the page that shows it, rendered in one
batch (cached by content hash, so unchanged diagrams cost nothing on a rebuild) and wrapped
as a `<figure>` that the page templates place where their `diagram` slot is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from opmodel import diagrams as d
from opmodel.model.model import Model
from opmodel.model.refs import Ref
from opmodel.model.schema import Decision, Flow, Role, Unit
from opmodel.site import urls
from opmodel.site.markdown import html_text

FULL_CHART_UNITS = 60
PageDiagram = tuple[str, d.Diagram]
"""(page path, diagram)"""


def page_diagrams(model: Model, use_directory_urls: bool) -> Iterator[PageDiagram]:
    def on(page: str) -> Callable[[Ref], str]:
        return lambda ref: urls.url_link(page, urls.page_path(ref), use_directory_urls)

    home, units, forums, capabilities = (
        urls.HOME,
        urls.index_path("unit"),
        urls.index_path("forum"),
        urls.index_path("capability"),
    )
    if model.units:
        yield (
            home,
            d.Diagram.from_graph(
                "home-structure",
                "Structure (top levels)",
                d.structure.describe(model),
                d.org_overview(model, on(home)),
            ),
        )
        yield (
            units,
            d.Diagram.from_graph(
                "structure",
                "Organisation chart",
                d.structure.describe(model),
                d.org_chart(model, on(units)),
            ),
        )
    if model.forums:
        yield (
            home,
            d.Diagram.from_graph(
                "home-governance",
                "Governance map",
                d.governance.describe(model),
                d.governance_map(model, on(home)),
            ),
        )
        yield (
            forums,
            d.Diagram.from_graph(
                "governance",
                "Governance map",
                d.governance.describe(model),
                d.governance_map(model, on(forums)),
            ),
        )
    if model.capabilities:
        yield (
            capabilities,
            d.Diagram.from_graph(
                "capabilities",
                "Capability map",
                d.capabilities.describe(model),
                d.capability_map(model, on(capabilities)),
            ),
        )
    for entity in model.all_entities():
        page = urls.page_path(entity.ref)
        key = f"{entity.kind}-{entity.id}"
        if isinstance(entity, Unit):
            yield (
                page,
                d.Diagram.from_graph(
                    key,
                    "Where it sits",
                    f"The unit '{entity.label}' with its parent, the units "
                    "within it and its roles.",
                    d.unit_neighbourhood(model, entity, on(page)),
                ),
            )
        elif isinstance(entity, Role):
            yield (
                page,
                d.Diagram.from_graph(
                    key,
                    "Neighbourhood",
                    d.roles.describe(model, entity),
                    d.role_neighbourhood(model, entity, on(page)),
                ),
            )
        elif isinstance(entity, Decision):
            yield (
                page,
                d.Diagram.from_graph(
                    key,
                    "Escalation path",
                    d.escalation.describe(model, entity),
                    d.escalation_path(model, entity, on(page)),
                ),
            )
        elif isinstance(entity, Flow) and entity.stages:
            yield (
                page,
                d.Diagram.from_graph(
                    key,
                    "The flow",
                    d.flow.describe(model, entity),
                    d.flow_diagram(model, entity, on(page)),
                ),
            )


def render_figures(
    placed: list[PageDiagram], cache_dir: Path | None
) -> tuple[dict[str, list[str]], d.RenderStats]:
    """page path -> figure HTML, in the order the diagrams were placed. Raises
    `diagrams.GraphvizMissing` when `dot` is not installed."""
    svgs, stats = d.render_diagrams((diagram for _, diagram in placed), cache_dir)
    figures: dict[str, list[str]] = {}
    for page, diagram in placed:
        figures.setdefault(page, []).append(_figure(diagram, svgs[diagram.key]))
    return figures, stats


def _figure(diagram: d.Diagram, svg: str) -> str:
    # data-search-exclude: diagram labels repeat the page's text and would flood search.
    return (
        f'<figure class="opm-figure" data-opm-zoom data-search-exclude markdown="0">\n'
        f"{svg.strip()}\n"
        f"<figcaption>{html_text(diagram.alt_text)}</figcaption>\n"
        "</figure>"
    )
