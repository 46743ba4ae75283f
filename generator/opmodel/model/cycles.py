"""Cycles in `parent` and `reports_to`: each reported once, at the first id of the circle
in sort order, printed round from there (`a -> b -> a`)."""

from __future__ import annotations

from opmodel.codes import CYCLE
from opmodel.diagnostics import Diagnostics
from opmodel.model.references import Documents
from opmodel.model.refs import Ref
from opmodel.model.schema import Entity
from opmodel.model.schema_errors import position_of

CYCLE_FIELDS = (
    ("unit", "parent"),
    ("capability", "parent"),
    ("role", "reports_to"),
    ("forum", "reports_to"),
)


def report_cycles(
    tables: dict[str, dict[str, Entity]],
    documents: Documents,
    diagnostics: Diagnostics,
) -> None:
    for kind, field in CYCLE_FIELDS:
        entities = tables.get(kind, {})
        reported: set[str] = set()
        for start in sorted(entities):
            path: list[str] = []
            current: str | None = start
            while current is not None and current in entities and current not in path:
                if current in reported:
                    break
                path.append(current)
                target = getattr(entities[current], field)
                current = target.id if isinstance(target, Ref) and target.kind == kind else None
            if current is None or current not in path or current in reported:
                reported.update(path)
                continue
            cycle = path[path.index(current) :]
            reported.update(path)
            first = min(cycle)
            ordered = cycle[cycle.index(first) :] + cycle[: cycle.index(first)] + [first]
            doc = documents[Ref(kind, first)]
            diagnostics.add(
                doc.source.display,
                position_of(doc.data, (field,)),
                CYCLE,
                f"cycle in {field}: {' -> '.join(ordered)}",
                f"one of these {kind}s must not point back up the chain",
            )
