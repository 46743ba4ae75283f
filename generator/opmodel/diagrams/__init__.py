"""Diagrams: the model drawn with Graphviz, as inline SVG with clickable nodes.

Each builder takes the model, its subject and `link` (ref -> URL relative to the page that
shows the diagram) and returns a `DotGraph` (its `.source` is the DOT text); nothing here
knows the site's layout.
Each diagram module also has `describe(...)`: a one-sentence text alternative.
`render_svgs` / `render_diagrams` turn DOT into SVG, batched and cached.
"""

from opmodel.diagrams import capabilities, escalation, flow, governance, roles, structure
from opmodel.diagrams.dot import LinkFn
from opmodel.diagrams.render import (
    Diagram,
    GraphvizMissing,
    RenderError,
    RenderStats,
    render_diagrams,
    render_svgs,
)

capability_map = capabilities.build
escalation_path = escalation.build
flow_diagram = flow.build
governance_map = governance.build
org_chart = structure.build
org_overview = structure.overview
role_neighbourhood = roles.build
unit_neighbourhood = structure.unit_neighbourhood

__all__ = [
    "Diagram",
    "GraphvizMissing",
    "LinkFn",
    "RenderError",
    "RenderStats",
    "capabilities",
    "capability_map",
    "escalation",
    "escalation_path",
    "flow",
    "flow_diagram",
    "governance",
    "governance_map",
    "org_chart",
    "org_overview",
    "render_diagrams",
    "render_svgs",
    "role_neighbourhood",
    "roles",
    "structure",
    "unit_neighbourhood",
]
