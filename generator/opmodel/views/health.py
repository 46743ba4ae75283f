"""Model health: the check findings, grouped by check, for the health page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from opmodel.checks import Finding
from opmodel.codes import CODES


@dataclass(frozen=True)
class HealthGroup:
    code: str
    name: str
    summary: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Health:
    """The health page (`health.md.j2` reads `groups` and `total`)."""

    groups: tuple[HealthGroup, ...]
    total: int
    """Findings in all."""


def health(findings: Sequence[Finding]) -> Health:
    return Health(health_groups(findings), len(findings))


def health_groups(findings: Sequence[Finding]) -> tuple[HealthGroup, ...]:
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.code, []).append(finding)
    return tuple(
        HealthGroup(code, CODES[code].name, CODES[code].summary, tuple(items))
        for code, items in sorted(groups.items())
    )
