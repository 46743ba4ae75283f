"""axe-core (vendored in tests/browser/vendor/, never fetched) finds no serious or critical
accessibility problem on any page type, in the light palette (every rule) or the dark one
(the colour rules, which are all that change with the palette)."""

from __future__ import annotations

from typing import Any

import pytest

BLOCKING = ("serious", "critical")


def _report(visits: dict[str, Any], scheme: str) -> list[str]:
    lines = []
    for visit in visits.values():
        for violation in visit.violations[scheme]:
            if violation["impact"] not in BLOCKING:
                continue
            impact, rule = violation["impact"], violation["id"]
            lines.append(f"{visit.path}: {impact} {rule}: {violation['help']}")
            for node in violation["nodes"][:3]:
                summary = " ".join(node["summary"].split())
                lines.append(f"    {node['target']}: {node['html']}\n      {summary}")
    return lines


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_type_has_a_serious_or_critical_accessibility_violation(
    tour: Any, tally: Any, scheme: str
) -> None:
    visits = tour
    problems = _report(visits, scheme)
    assert not problems, "axe-core violations:\n" + "\n".join(problems)
    tally.check(f"axe scans ({scheme})", len(visits))


def test_every_diagram_has_a_text_alternative(tour: Any, tally: Any) -> None:
    """Diagrams are `role="img"` SVGs named by an aria-label, with the same words as a
    visible caption."""
    diagrams = [(visit.path, d) for visit in tour.values() for d in visit.diagrams]
    assert len(diagrams) >= 5, f"only {len(diagrams)} diagrams on the page types"
    for path, diagram in diagrams:
        assert diagram["role"] == "img", f"{path}: a diagram without role=img"
        assert len(diagram["label"].split()) >= 3, f"{path}: diagram label {diagram['label']!r}"
        assert " ".join(diagram["caption"].split()) == " ".join(diagram["label"].split()), (
            f"{path}: caption {diagram['caption']!r} differs from the label"
        )
    tally.check("diagram text alternatives", len(diagrams))
