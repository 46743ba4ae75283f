"""Input for the export tests: the example organisation, and a small model whose every text
field is hostile (commas, quotes, newlines, formulas, markup, RTL overrides, emoji)."""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

HOSTILE = 'Ann, "Boss" O\'Brien\n<script>alert(1)</script> & \\ | ‮evil‬ 😀'
"""Commas, quotes, a newline, markup, an ampersand, a backslash, a pipe, an RTL override."""
FORMULAS = ("=cmd()", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR")
"""Cells a spreadsheet would run (OWASP's list of dangerous first characters)."""
LINK_FORMULA = '=HYPERLINK("http://x")'


def q(text: str) -> str:
    """`text` as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def hostile_files() -> dict[str, str]:
    return {
        "organisation.yml": f"name: {q(HOSTILE)}\npurpose: {q(FORMULAS[0])}\n"
        f"principles:\n  - title: {q(HOSTILE)}\n    description: {q(FORMULAS[1])}\n",
        "units/team.yml": f"name: {q(HOSTILE)}\ntype: {q(FORMULAS[2])}\n"
        "capabilities: [cap]\nlead: boss\n",
        "units/sub.yml": f"name: {q(FORMULAS[3])}\nparent: team\nexternal: true\n"
        "supplier_tier: 2\n",
        "roles/boss.yml": f"title: {q(HOSTILE)}\nunit: team\n"
        f"accountabilities: [{q(FORMULAS[0])}, {q(HOSTILE)}]\n"
        f"holders: [ann, {q(LINK_FORMULA)}, {q(FORMULAS[4])}]\n"
        "tags: [a, 'b; c']\n",
        "roles/worker.yml": f"title: {q(FORMULAS[5])}\nunit: sub\nreports_to: boss\n"
        f"links:\n  - title: {q(HOSTILE)}\n    url: 'https://example.org/?a=1&b=<2>'\n",
        "people/ann.yml": f"name: {q(HOSTILE)}\nemail: ann@example.org\nhandle: '@ann'\n",
        "forums/board.md": f"---\nname: {q(HOSTILE)}\ntype: governance\nchair: boss\n"
        "members: [boss, worker]\ncadence: monthly\nduration_minutes: 60\n"
        f"inputs: [{q(HOSTILE)}]\n---\n\n## Charter\n\n{HOSTILE}\n\n=cmd() | a | b |\n",
        "decisions/decide.yml": f"title: {q(HOSTILE)}\naccountable: forum:board\n"
        "responsible: [boss]\nconsulted: [unit:sub]\ninformed: [worker, unit:team]\n"
        f"escalates_to: boss\nthreshold: {q(FORMULAS[3])}\n",
        "capabilities/cap.yml": f"name: {q(HOSTILE)}\nowner: team\n"
        "maturity: {current: 1, target: 3}\n",
        "capabilities/child.yml": f"name: {q(FORMULAS[0])}\nparent: cap\nowner: role:boss\n",
        "outcomes/goal.yml": f"name: {q(HOSTILE)}\nfor: users\nmeasures:\n"
        f"  - name: {q(HOSTILE)}\n    current: 1\n    target: {q(FORMULAS[2])}\n"
        f"    unit: '%'\nconstraints: [{q(FORMULAS[1])}]\n",
        "flows/flow.yml": f"name: {q(HOSTILE)}\noutcome: goal\nstages:\n"
        f"  - id: one\n    name: {q(HOSTILE)}\n    owner: team\n    capabilities: [cap]\n"
        "    pain: 3\n    lead_time_days: 1.5\n"
        f"  - id: two\n    name: {q(FORMULAS[0])}\n    owner: role:worker\n",
        "changes/try.md": f"---\ntitle: {q(HOSTILE)}\nstatus: trial\n"
        "affects: [role:boss, forum:board, decision:decide, flow:flow]\n"
        f"outcome: goal\ndecided_by: forum:board\nhypothesis: {q(HOSTILE)}\n"
        "start: 2026-01-01\n---\n\n<b onclick=x>bold</b>\n",
        "pages/guide.md": f"---\ntitle: {q(HOSTILE)}\nhide: [toc]\n---\n\n# Guide\n\n{HOSTILE}\n",
    }
