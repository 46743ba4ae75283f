"""Model health: the check findings, grouped by check, for the health page."""

from __future__ import annotations

from dataclasses import dataclass

from opmodel.checks import Finding
from opmodel.codes import CODES


@dataclass(frozen=True)
class HealthGroup:
    code: str
    name: str
    summary: str
    findings: list[Finding]


def health_groups(findings: list[Finding]) -> list[HealthGroup]:
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.code, []).append(finding)
    return [
        HealthGroup(code, CODES[code].name, CODES[code].summary, items)
        for code, items in sorted(groups.items())
    ]
