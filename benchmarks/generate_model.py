"""A deterministic generator of large, realistic operating models, for benchmarks.

    python -m benchmarks.generate_model --size M --out /tmp/model --seed 1
    python -m benchmarks.generate_model --roles 300 --out /tmp/model

`--out` is the content folder itself (`opmodel check --content OUT`). The proportions
follow DESIGN.md's content format as a large organisation would fill it in:

- units: one per 10 roles, in a tree up to 5 levels deep (directorate, department, group,
  team, squad), a few of them external suppliers; `settings.max_depth` is 5;
- roles: each unit has a lead, 1-3 managers and specialists; a unit's lead reports to the
  parent unit's lead, managers to the lead, specialists to a manager, so every reporting
  line stays inside the unit tree and no span of control exceeds 8;
- forums: one per 20 roles, attached to units (boards and committees near the top,
  leadership teams and service reviews lower down), each with a Markdown charter, a chair,
  a secretary and members drawn from the unit and its child units, reporting to a forum of
  an ancestor unit; no role is seated for more than the 6 weekly hours the health check
  allows;
- decisions: one per 5 roles with the full RACI, every forum accountable or responsible
  for at least one;
- capabilities in 3 levels, flows of 5-8 stages with handoffs between units, outcomes,
  changes in every status, and people files for about a quarter of the named holders.

A small, fixed share of entities carry the warnings real models have (an unfilled role, an
overdue review), so the health pages have something to show; there are no errors. Files
are written with a small YAML emitter instead of `yaml.dump`, which would take minutes for
the large size. The same `seed` and size give byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import shutil
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from opmodel.kinds import ENTITY_KINDS, KIND
from opmodel.model.relations import MEETINGS_PER_WEEK

SIZES: dict[str, int] = {"S": 1_000, "M": 10_000, "L": 50_000}
"""Size name -> number of roles."""

SOURCE_DATE_EPOCH = 1_795_392_000
"""2026-11-23T00:00:00Z: the "today" the generated review dates are relative to (the tests
and the benchmark set SOURCE_DATE_EPOCH to it, so overdue reviews stay a fixed set)."""
TODAY = dt.datetime.fromtimestamp(SOURCE_DATE_EPOCH, tz=dt.UTC).date()

MAX_DEPTH = 5
MAX_SPAN = 8
MAX_MEETING_HOURS = 6.0
MEETING_BUDGET = 5.5
"""Seat a role only while its weekly meeting hours stay under this (the limit is 6)."""

STAMP = ".opmodel-benchmark.json"
"""Written into the content folder (dot-files are not read by opmodel): what generated it."""


def _words(text: str) -> list[str]:
    """A comma-separated list written as a block of text (one item per comma)."""
    return [word.strip() for word in text.split(",") if word.strip()]


# --- words --------------------------------------------------------------------------------

DIRECTORATES = _words(
    """
    Customer Services, Operations, Finance, People, Technology, Digital,
    Data and Analytics, Strategy, Legal, Risk and Compliance, Commercial, Estates,
    Communications, Policy, Regulation, Product, Engineering, Security, Marketing,
    Supply Chain, Research, Quality, Service Delivery, Transformation, Internal Audit,
    Field Operations
    """
)
AREAS = _words(
    """
    Payments, Billing, Claims, Onboarding, Identity, Case Management, Contact Centre,
    Analytics, Reporting, Cloud Platform, Infrastructure, Networks, Workplace Technology,
    Service Desk, Architecture, Testing, Mobile Apps, Web Publishing, Search, Content,
    Accessibility, Payroll, Recruitment, Learning, Reward, Pensions, Tax, Treasury,
    Accounts Payable, Accounts Receivable, Forecasting, Contracts, Supplier Management,
    Fraud, Investigations, Complaints, Licensing, Inspections, Grants, Benefits,
    Scheduling, Fleet, Warehousing, Maintenance, Asset Management, Facilities, Records,
    Privacy, Cyber Defence, Threat Intelligence, Data Engineering, Data Science,
    Customer Insight, Pricing, Partnerships, Events, Brand, Internal Communications,
    Press Office, Correspondence, Portfolio, Programme Management, Change Management,
    Performance, Compliance Monitoring, Debt Recovery, Eligibility, Appeals, Permits,
    Customer Accounts
    """
)
ASPECTS = _words(
    """
    Operations, Engineering, Design, Assurance, Delivery, Insight, Policy, Support,
    Planning, Improvement, Integration, Standards
    """
)
REGIONS = _words(
    """
    North, South, East, West, Central, Midlands, Wales, Scotland, Northern Ireland, London,
    Coastal, Highlands, Valleys, Borders
    """
)
CAPABILITY_DOMAINS = _words(
    """
    Customer Management, Service Delivery, Finance and Accounting, People Management,
    Technology Management, Data Management, Risk and Compliance, Strategy and Planning,
    Commercial and Supply, Communications and Engagement, Asset and Estates Management,
    Security Management, Product and Service Design, Regulation and Enforcement,
    Research and Insight, Legal Services, Portfolio and Change, Operations Management
    """
)
LEVEL_TYPES = ["directorate", "department", "group", "team", "squad"]
TEAM_TYPES = ["stream-aligned"] * 6 + ["platform"] * 2 + ["enabling", "complicated-subsystem"]
SUPPLIERS = _words(
    """
    Arden Systems, Brightwater Consulting, Copperfield Digital, Dunmore Hosting,
    Eastgate Data, Fernhill Security, Greyfriars Outsourcing, Harbour Analytics,
    Ironbridge Cloud, Juniper Field Services, Kestrel Networks, Lowther Payments
    """
)
MANAGER_TITLES = [
    ("Delivery Manager", "Project Delivery"),
    ("Product Manager", "Product"),
    ("Operations Manager", "Operational Delivery"),
    ("Service Manager", "Service Management"),
    ("Programme Manager", "Project Delivery"),
    ("Business Manager", "Business Operations"),
]
SPECIALISTS = [
    ("Software Engineer", "Software Development"),
    ("Senior Software Engineer", "Software Development"),
    ("Business Analyst", "Business Analysis"),
    ("User Researcher", "User-Centred Design"),
    ("Interaction Designer", "User-Centred Design"),
    ("Content Designer", "User-Centred Design"),
    ("Data Analyst", "Data"),
    ("Data Engineer", "Data"),
    ("Data Scientist", "Data"),
    ("Test Engineer", "Quality Assurance"),
    ("Caseworker", "Operational Delivery"),
    ("Case Officer", "Operational Delivery"),
    ("Finance Analyst", "Finance"),
    ("HR Advisor", "Human Resources"),
    ("Policy Advisor", "Policy"),
    ("Security Analyst", "Security"),
    ("Platform Engineer", "Software Development"),
    ("Site Reliability Engineer", "Software Development"),
    ("Solution Architect", "Architecture"),
    ("Project Officer", "Project Delivery"),
    ("Contracts Manager", "Commercial"),
    ("Communications Officer", "Communications"),
    ("Customer Adviser", "Operational Delivery"),
    ("Performance Analyst", "Data"),
]
ACCOUNTABILITIES = [
    "Owns the {area} backlog and agrees its priorities with stakeholders",
    "Keeps {area} services within their agreed service levels",
    "Reports {area} performance monthly to the leadership team",
    "Manages the {area} budget within delegated limits",
    "Identifies, records and manages {area} risks",
    "Coaches and develops the people in {unit}",
    "Maintains the {area} standards and guidance",
    "Runs the {area} improvement plan and measures its effect",
    "Makes sure {area} work meets legal and accessibility duties",
    "Handles escalated {area} cases and complaints",
    "Keeps {area} documentation and records up to date",
    "Works with suppliers to deliver {area} outcomes",
]
FIRST_NAMES = _words(
    """
    Aisha, Ben, Chloe, Dev, Elena, Farid, Grace, Hamza, Isla, Jonah, Kiran, Lena, Marcus,
    Nadia, Owen, Priya, Quentin, Rosa, Sam, Tariq, Uma, Victor, Wen, Xander, Yasmin, Zoe,
    Amir, Bethan, Callum, Deepa, Emeka, Fiona, Gareth, Hana, Ifan, Joanna, Kwame, Lucy,
    Mohammed, Niamh, Olu, Pawel, Rhiannon, Sanjay, Tomasz, Ursula, Vikram, Wiktoria
    """
)
LAST_NAMES = _words(
    """
    Begum, Okafor, Smith, Jones, Williams, Brown, Taylor, Davies, Evans, Wilson, Thomas,
    Roberts, Patel, Khan, Walker, Wright, Robinson, Thompson, White, Hughes, Edwards,
    Green, Hall, Wood, Harris, Lewis, Martin, Jackson, Clarke, Mistry, Pryce, Nowak,
    Kowalski, Singh, Ali, Murphy, Kelly, O'Brien, Campbell, Stewart, MacDonald, Reid, Chen,
    Wang, Nguyen, Mensah, Adeyemi, Kaur
    """
)
FORUM_KINDS: dict[str, tuple[str, str, str, int]] = {
    # key: (name suffix, type, cadence, duration_minutes)
    "board": ("Board", "governance", "monthly", 120),
    "leadership": ("Leadership Team", "management", "weekly", 60),
    "risk": ("Risk and Assurance Committee", "governance", "quarterly", 120),
    "design": ("Design Authority", "governance", "fortnightly", 90),
    "portfolio": ("Portfolio Board", "governance", "monthly", 90),
    "service": ("Service Review", "management", "monthly", 60),
    "planning": ("Planning Forum", "management", "fortnightly", 60),
    "incident": ("Incident Review", "management", "ad hoc", 60),
    "change": ("Change Advisory Board", "management", "weekly", 45),
}
FORUMS_BY_LEVEL: list[list[str]] = [
    ["board", "leadership", "risk"],
    ["leadership", "design", "portfolio", "service"],
    ["leadership", "planning", "service", "change"],
    ["planning", "service", "incident", "change"],
    ["planning", "service", "incident"],
]
"""Which forums a unit at each level may have: the first is its main one."""
DECISION_KINDS = [
    (
        "spend",
        "Approve {area} spend up to £{n}k",
        "Spend up to £{n}k within the approved budget; more escalates.",
    ),
    (
        "architecture",
        "Choose the technology for {area}",
        "Within the published standards; exceptions escalate.",
    ),
    (
        "service",
        "Change the {area} service level",
        "Changes that affect users for more than a day escalate.",
    ),
    ("people", "Fill a vacancy in {unit}", "Within the agreed headcount; new posts escalate."),
    ("risk", "Accept a {area} risk", "Risks within appetite; above appetite escalates."),
    (
        "data",
        "Share {area} data with a third party",
        "Under an existing data-sharing agreement; new agreements escalate.",
    ),
    ("commercial", "Extend a {area} contract", "Extensions under £{n}k and 12 months."),
    ("policy", "Publish {area} guidance", "Guidance within existing policy."),
    (
        "security",
        "Grant a {area} security exception",
        "Exceptions for up to 90 days; longer ones escalate.",
    ),
    ("change", "Release a change to {area}", "Standard changes; major changes escalate."),
    ("planning", "Set the {unit} quarterly priorities", "Within the annual plan."),
]
STAGES = [
    "Receive the request",
    "Triage and route",
    "Check eligibility",
    "Assess the case",
    "Gather evidence",
    "Design the change",
    "Estimate and plan",
    "Approve funding",
    "Build",
    "Test and assure",
    "Security review",
    "Release",
    "Notify the customer",
    "Pay or fulfil",
    "Handle the appeal",
    "Close and learn",
    "Update the records",
    "Hand over to live support",
    "Measure the result",
]
CHANGE_STATUSES = [
    "idea",
    "planned",
    "trial",
    "adopted",
    "dropped",
    "idea",
    "planned",
    "trial",
    "adopted",
    "idea",
]
"""Cycled through, so that even the smallest model has a change in every status."""


# --- the generated model, before it is written -------------------------------------------


@dataclass
class GUnit:
    id: str
    name: str
    level: int
    """1 for a top-level unit."""
    area: str
    parent: GUnit | None
    external: bool = False
    children: list[GUnit] = field(default_factory=list)
    roles: list[GRole] = field(default_factory=list)
    forums: list[GForum] = field(default_factory=list)
    capabilities: list[str] = field(default_factory=list)

    @property
    def lead(self) -> GRole:
        return self.roles[0]

    @property
    def managers(self) -> list[GRole]:
        return [r for r in self.roles if r.rank == "manager"]

    def ancestors(self) -> list[GUnit]:
        chain, unit = [], self.parent
        while unit is not None:
            chain.append(unit)
            unit = unit.parent
        return chain


@dataclass
class GRole:
    id: str
    title: str
    unit: GUnit
    rank: str
    """lead | manager | specialist"""
    profession: str
    reports_to: GRole | None = None
    hours: float = 0.0
    """Weekly meeting hours of the seats given so far."""


@dataclass
class GForum:
    id: str
    name: str
    unit: GUnit
    kind: str
    type: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Counts:
    files: dict[str, int]
    """Folder (kind) -> number of entity files."""
    max_depth: int
    max_span: int
    max_meeting_hours: float

    def of(self, folder: str) -> int:
        return self.files.get(folder, 0)


class _Ids:
    """Unique slugs per kind: the second `payments-team` becomes `payments-team-2`."""

    def __init__(self) -> None:
        self.used: dict[str, int] = {}

    def take(self, text: str) -> str:
        base = slugify(text)
        count = self.used.get(base, 0) + 1
        self.used[base] = count
        if count == 1:
            return base
        candidate = f"{base}-{count}"
        while candidate in self.used:  # a base that itself ends in -N
            count += 1
            candidate = f"{base}-{count}"
        self.used[base] = count
        self.used[candidate] = 1
        return candidate


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "").replace("£", "")).strip("-")


# --- the generator ------------------------------------------------------------------------


class ModelGenerator:
    """Builds the model in memory (`files()`), deterministically from `seed`."""

    def __init__(self, roles: int, seed: int = 1) -> None:
        if roles < 50:
            raise ValueError("a generated model needs at least 50 roles")
        self.n_roles = roles
        self.seed = seed
        self.rng = random.Random(seed)
        self.units: list[GUnit] = []
        self.roles: list[GRole] = []
        self.forums: list[GForum] = []
        self.people: dict[str, dict[str, Any]] = {}
        self.role_data: dict[str, dict[str, Any]] = {}
        self.unit_data: dict[str, dict[str, Any]] = {}
        self.capabilities: list[dict[str, Any]] = []
        self.capability_levels: list[list[str]] = [[], [], []]
        self.outcomes: list[dict[str, Any]] = []
        self.decisions: list[dict[str, Any]] = []
        self.flows: list[dict[str, Any]] = []
        self.changes: list[dict[str, Any]] = []
        self.ids = {kind.name: _Ids() for kind in ENTITY_KINDS}

    # The steps run in this order: later steps draw on what earlier ones made.
    def build(self) -> ModelGenerator:
        self._units()
        self._roles()
        self._people()
        self._capabilities()
        self._forums()
        self._outcomes()
        self._decisions()
        self._flows()
        self._changes()
        self._unit_fields()
        return self

    # -- helpers --------------------------------------------------------------------------

    def _review_by(self) -> dt.date:
        """Most reviews are due in the next two years; one in a hundred is overdue."""
        if self.rng.random() < 0.01:
            return TODAY - dt.timedelta(days=self.rng.randint(1, 200))
        return TODAY + dt.timedelta(days=self.rng.randint(30, 730))

    def _status(self, trial: float = 0.03, proposed: float = 0.02) -> str | None:
        draw = self.rng.random()
        if draw < trial:
            return "trial"
        if draw < trial + proposed:
            return "proposed"
        return None  # active, the default: left out as people write it

    def _person_name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    # -- units ----------------------------------------------------------------------------

    def _level_sizes(self, n_units: int) -> list[int]:
        """Units per level below the executive office: a geometric tree 5 levels deep."""
        rest = n_units - 1
        tops = min(6, max(1, rest // 15))
        lo, hi = 0.0, 64.0
        for _ in range(60):  # tops * (1 + r + ... + r^4) = rest
            r = (lo + hi) / 2
            if tops * sum(r**k for k in range(MAX_DEPTH)) < rest:
                lo = r
            else:
                hi = r
        sizes: list[int] = []
        remaining = rest
        for k in range(MAX_DEPTH):
            last = k == MAX_DEPTH - 1
            want = remaining if last else min(remaining, max(1, round(tops * r**k)))
            if want <= 0:
                break
            sizes.append(want)
            remaining -= want
        return sizes

    def _units(self) -> None:
        n_units = max(6, round(self.n_roles / 10))
        office = GUnit(
            self.ids["unit"].take("Executive Office"), "Executive Office", 1, "Strategy", None
        )
        self.units.append(office)
        sizes = self._level_sizes(n_units)
        previous: list[GUnit] = []
        for depth, size in enumerate(sizes, start=1):
            current: list[GUnit] = []
            parents = list(previous)
            self.rng.shuffle(parents)
            for index in range(size):
                parent = parents[index % len(parents)] if parents else None
                current.append(self._unit(depth, parent, index))
            previous = current
        # Children in the order they were made, which is the order of their ids' creation.
        for unit in self.units:
            if unit.parent is not None:
                unit.parent.children.append(unit)

    def _unit(self, level: int, parent: GUnit | None, index: int) -> GUnit:
        rng = self.rng
        external = level >= 3 and rng.random() < 0.02
        if level == 1:
            base = DIRECTORATES[index % len(DIRECTORATES)]
            name = base if index < len(DIRECTORATES) else f"{base} {REGIONS[index % 14]}"
            area = base
        elif external:
            supplier = rng.choice(SUPPLIERS)
            area = parent.area if parent else rng.choice(AREAS)
            name = f"{supplier} ({area})"
        else:
            area = rng.choice(AREAS) if level == 2 else (parent.area if parent else "Operations")
            if level == 2:
                name = area
            elif level == 3:
                name = f"{area} {rng.choice(ASPECTS)}"
            elif level == 4:
                name = f"{parent.name if parent else area} {rng.choice(REGIONS)} Team"
            else:
                name = f"{area} {rng.choice(ASPECTS)} {rng.choice(REGIONS)} Squad"
        unit = GUnit(self.ids["unit"].take(name), name, level, area, parent, external)
        self.units.append(unit)
        return unit

    # -- roles ----------------------------------------------------------------------------

    def _manager_room(self, unit: GUnit) -> int:
        """How many managers the unit's lead can have: the lead's span of control also
        holds the child units' leads (and, for the chief executive, the directors)."""
        reports = len(unit.children)
        if unit is self.units[0]:
            reports += sum(1 for u in self.units[1:] if u.level == 1)
        return max(1, MAX_SPAN - reports)

    def _role_counts(self) -> list[int]:
        """Roles per unit: about the average, at least 3, and few enough that the unit's
        managers (8 reports each) can hold them all."""
        rng, units = self.rng, self.units
        average = self.n_roles / len(units)
        caps = [1 + self._manager_room(u) * (1 + MAX_SPAN) for u in units]
        counts = [min(cap, max(3, round(average * rng.uniform(0.6, 1.4)))) for cap in caps]
        order = list(range(len(units)))
        rng.shuffle(order)
        total, position, stuck = sum(counts), 0, 0
        while total != self.n_roles:
            index = order[position % len(order)]
            position += 1
            if total < self.n_roles and counts[index] < caps[index]:
                counts[index] += 1
                total += 1
                stuck = 0
            elif total > self.n_roles and counts[index] > 3:
                counts[index] -= 1
                total -= 1
                stuck = 0
            else:
                stuck += 1
                if stuck > len(order):
                    raise ValueError(f"cannot place {self.n_roles} roles in {len(units)} units")
        return counts

    def _roles(self) -> None:
        rng = self.rng
        for unit, count in zip(self.units, self._role_counts(), strict=True):
            lead = self._role(unit, *self._lead_title(unit), "lead")
            lead.reports_to = (
                unit.parent.lead
                if unit.parent
                else (self.units[0].lead if unit is not self.units[0] else None)
            )
            # Enough managers that none has more than 8 reports, but leave room in the
            # lead's span for the child units' leads.
            specialists = count - 1
            managers = 1
            while math.ceil((specialists - managers) / managers) > MAX_SPAN:
                managers += 1
            managers = min(managers, self._manager_room(unit))
            titles = rng.sample(MANAGER_TITLES, k=min(managers, len(MANAGER_TITLES)))
            for index in range(managers):
                title, profession = titles[index % len(titles)]
                manager = self._role(unit, f"{title}, {unit.name}", profession, "manager")
                manager.reports_to = lead
            for index in range(count - 1 - managers):
                title, profession = rng.choice(SPECIALISTS)
                role = self._role(unit, f"{title}, {unit.name}", profession, "specialist")
                role.reports_to = unit.managers[index % managers]
        for role in self.roles:
            self.role_data[role.id] = self._role_fields(role)

    def _lead_title(self, unit: GUnit) -> tuple[str, str]:
        if unit is self.units[0]:
            return "Chief Executive", "Leadership"
        if unit.external:
            return f"Account Director, {unit.name}", "Commercial"
        prefix = ["Director of", "Head of", "Head of", "Lead,", "Lead,"][unit.level - 1]
        return f"{prefix} {unit.name}", "Leadership"

    def _role(self, unit: GUnit, title: str, profession: str, rank: str) -> GRole:
        role = GRole(self.ids["role"].take(title), title, unit, rank, profession)
        unit.roles.append(role)
        self.roles.append(role)
        return role

    def _role_fields(self, role: GRole) -> dict[str, Any]:
        rng = self.rng
        area = role.unit.area
        picks = rng.sample(ACCOUNTABILITIES, k=rng.randint(2, 5))
        headcount = 1 if role.rank != "specialist" else rng.choice([1, 1, 1, 2, 2, 3, 4])
        data: dict[str, Any] = {
            "title": role.title,
            "summary": f"{role.title.split(',')[0]} in {role.unit.name}.",
            "unit": role.unit.id,
            "reports_to": role.reports_to.id if role.reports_to else None,
            "purpose": f"Makes {area.lower()} work well for the people {role.unit.name} serves.",
            "accountabilities": [p.format(area=area.lower(), unit=role.unit.name) for p in picks],
            "holders": [],
            "headcount": headcount,
            "profession": role.profession,
        }
        status = self._status(trial=0.02, proposed=0.03)
        if status:
            data["status"] = status
        if role.rank == "lead" and role.unit.level == 1:
            data["stability"] = "fixed"
        if rng.random() < 0.5:
            data["review_by"] = self._review_by()
        if role.rank == "lead" and rng.random() < 0.3:
            data["contact"] = {"email": f"{role.unit.id}@example.org"}
        return data

    # -- people ---------------------------------------------------------------------------

    def _people(self) -> None:
        """Holders: named inline mostly, a person id for about a quarter; proposed roles
        are being recruited, and 1% of active roles are unfilled (a health warning)."""
        rng = self.rng
        for role in self.roles:
            data = self.role_data[role.id]
            if data.get("status") == "proposed" or rng.random() < 0.01:
                continue
            holders: list[str] = []
            for _ in range(data["headcount"]):
                name = self._person_name()
                if rng.random() < 0.25:
                    person_id = self.ids["person"].take(name)
                    self.people[person_id] = {
                        "name": name,
                        "email": f"{person_id.replace('-', '.')}@example.org",
                        "handle": f"@{person_id}",
                    }
                    holders.append(person_id)
                else:
                    holders.append(name)
            data["holders"] = holders

    # -- capabilities ---------------------------------------------------------------------

    def _capabilities(self) -> None:
        rng = self.rng
        total = max(12, self.n_roles // 25)
        n1 = max(3, total // 20)
        n2 = max(n1, total // 4)
        n3 = total - n1 - n2
        by_level = [
            [u for u in self.units if u.level == lvl and not u.external]
            for lvl in range(1, MAX_DEPTH + 1)
        ]
        tops = by_level[0][1:] or by_level[0]
        seconds = by_level[1] or tops
        teams = [u for lvl in by_level[2:] for u in lvl] or seconds
        for index in range(n1):
            owner = tops[index % len(tops)]
            domain = CAPABILITY_DOMAINS[index % len(CAPABILITY_DOMAINS)]
            if index >= len(CAPABILITY_DOMAINS):
                domain = f"{domain} ({owner.name})"
            self._capability(domain, None, owner, 0)
        for index in range(n2):
            owner = seconds[index % len(seconds)]
            parent = self.capability_levels[0][index % n1]
            self._capability(f"{owner.area} {rng.choice(ASPECTS)}", parent, owner, 1)
        for _ in range(n3):
            owner = rng.choice(teams)
            parent = rng.choice(self.capability_levels[1])
            kind = rng.choice(["Services", "Tools", "Data", "Processes"])
            name = f"{owner.area} {rng.choice(ASPECTS)} {kind}"
            self._capability(name, parent, owner, 2)

    def _capability(self, name: str, parent: str | None, owner: GUnit, level: int) -> None:
        rng = self.rng
        cap_id = self.ids["capability"].take(name)
        current = rng.randint(1, 4)
        data: dict[str, Any] = {
            "name": name,
            "summary": f"What {owner.name} does for {name.lower()}.",
            "parent": parent,
        }
        if level == 2 and rng.random() < 0.2:
            data["owner"] = f"role:{owner.lead.id}"
        else:
            data["owner"] = owner.id
        data["maturity"] = {"current": current, "target": min(5, current + rng.randint(0, 2))}
        if rng.random() < 0.3:
            data["review_by"] = self._review_by()
        self.capabilities.append({"id": cap_id, **data})
        self.capability_levels[level].append(cap_id)
        if len(owner.capabilities) < 4:
            owner.capabilities.append(cap_id)

    # -- forums ---------------------------------------------------------------------------

    def _forum_plan(self) -> list[tuple[GUnit, str]]:
        """(unit, forum kind) for one forum per 20 roles: the top levels first."""
        budget = max(3, round(self.n_roles / 20))
        plan: list[tuple[GUnit, str]] = []
        office = self.units[0]
        plan += [(office, "board"), (office, "leadership"), (office, "risk")]
        by_level: dict[int, list[GUnit]] = {}
        for unit in self.units[1:]:
            if not unit.external:
                by_level.setdefault(unit.level, []).append(unit)
        for level in sorted(by_level):
            kinds = FORUMS_BY_LEVEL[level - 1]
            # Top levels: every unit has its main forum and a second one; lower down, one.
            wanted = 3 if level == 1 else (2 if level == 2 else 1)
            for unit in by_level[level]:
                for kind in [kinds[0], *self.rng.sample(kinds[1:], k=wanted - 1)]:
                    if len(plan) < budget:
                        plan.append((unit, kind))
        return plan

    def _forums(self) -> None:
        for unit, kind in self._forum_plan():
            suffix, forum_type, _, _ = FORUM_KINDS[kind]
            name = f"{unit.name} {suffix}"
            forum = GForum(self.ids["forum"].take(name), name, unit, kind, forum_type)
            unit.forums.append(forum)
            self.forums.append(forum)
        for forum in self.forums:
            forum.data = self._forum_fields(forum)

    def _seat(self, role: GRole, hours: float) -> bool:
        if role.hours + hours > MEETING_BUDGET:
            return False
        role.hours += hours
        return True

    def _forum_fields(self, forum: GForum) -> dict[str, Any]:
        rng, unit = self.rng, forum.unit
        _, forum_type, cadence, minutes = FORUM_KINDS[forum.kind]
        hours = MEETINGS_PER_WEEK[cadence] * minutes / 60
        chair = unit.lead if self._seat(unit.lead, hours) else None
        if chair is None:  # the lead is booked up: a manager chairs on their behalf
            chair = next((m for m in unit.managers if self._seat(m, hours)), None)
        secretary = next(
            (
                r
                for r in unit.roles[1:]
                if r is not chair and r.rank != "lead" and self._seat(r, hours)
            ),
            None,
        )
        # Members: the unit's managers and its child units' leads, and for governance one
        # lead of a sibling unit (related units, as real forums draw on them).
        candidates = [*unit.managers, *(c.lead for c in unit.children)]
        if forum_type == "governance" and unit.parent is not None:
            siblings = [u for u in unit.parent.children if u is not unit]
            if siblings:
                candidates.append(rng.choice(siblings).lead)
        members: list[str] = []
        for role in candidates:
            if role is chair or role is secretary or len(members) >= 10:
                continue
            if self._seat(role, hours):
                members.append(role.id)
        if not members:  # a specialist of the unit takes part rather than nobody
            for role in unit.roles[::-1]:
                if role not in (chair, secretary) and self._seat(role, hours):
                    members.append(role.id)
                    break
        data: dict[str, Any] = {
            "name": forum.name,
            "summary": f"The {FORUM_KINDS[forum.kind][0].lower()} of {unit.name}.",
            "type": forum_type,
            "purpose": self._forum_purpose(forum),
            "chair": chair.id if chair else None,
            "secretary": secretary.id if secretary else None,
            "members": members,
            "cadence": cadence,
            "duration_minutes": minutes,
            "quorum": max(2, (len(members) + 2) // 2),
            "reports_to": self._forum_parent(forum),
            "inputs": [
                f"{unit.area} performance report",
                "Risk and issue log",
                *(["Escalations from the forums below"] if unit.children else []),
            ],
            "outputs": [
                "Decisions and actions log",
                f"Report to {unit.parent.name if unit.parent else 'the Board'}",
            ],
        }
        status = self._status(trial=0.04, proposed=0.01)
        if status:
            data["status"] = status
        if forum.kind in ("board", "risk") and unit.level == 1:
            data["stability"] = "fixed"
        data["review_by"] = self._review_by()
        return data

    def _forum_purpose(self, forum: GForum) -> str:
        area = forum.unit.area.lower()
        name = forum.unit.name
        return {
            "board": f"Sets the direction of {name} and holds it to account for delivery, "
            "spend and risk.",
            "leadership": f"Runs {name} day to day: plans, people, budget and delivery.",
            "risk": f"Assures the Board that {area} risks are known, owned and within appetite.",
            "design": f"Agrees the architecture and standards for {area} and grants exceptions.",
            "portfolio": f"Prioritises and funds the {area} portfolio of work.",
            "service": f"Reviews how {area} services perform against their service levels.",
            "planning": f"Plans and prioritises the work of {name}.",
            "incident": f"Learns from major {area} incidents and tracks the actions.",
            "change": f"Approves changes to {area} services and schedules their release.",
        }[forum.kind]

    def _forum_parent(self, forum: GForum) -> str | None:
        """The nearest forum of an ancestor unit (the same type if there is one); at the
        top, the executive office's board. A unit's other forums report to its main one."""
        unit = forum.unit
        if forum is unit.forums[0]:
            chain = unit.ancestors() or ([self.units[0]] if unit is not self.units[0] else [])
            for ancestor in chain:
                same = [f for f in ancestor.forums if f.type == forum.type]
                if same or ancestor.forums:
                    return (same or ancestor.forums)[0].id
            return None
        return unit.forums[0].id

    def _charter(self, forum: GForum) -> str:
        data, unit = forum.data, forum.unit
        reports = data.get("reports_to")
        rows = [
            "## Remit",
            "",
            f"{data['purpose']} The {forum.name} covers {unit.name}"
            + (f" and its {len(unit.children)} units." if unit.children else "."),
            "",
            "## Decision-making",
            "",
            "The chair is accountable for the forum's decisions and takes them after hearing "
            f"the members' views. The forum is quorate with {data['quorum']} members present, "
            "including the chair or a named deputy.",
            "",
            "## Escalation",
            "",
            (
                "Matters beyond the forum's thresholds go to the "
                f"[{reports}](../forums/{reports}.md) by paper."
                if reports
                else "This is the top forum: it escalates to the organisation's accounting officer."
            ),
            "",
            "## Ways of working",
            "",
            "- Papers go out three working days before the meeting.",
            "- Each paper states the decision sought on its first page.",
            f"- The {data['cadence']} meeting runs for {data['duration_minutes']} minutes.",
            "- Decisions and actions are published within two working days.",
            "",
        ]
        return "\n".join(rows)

    # -- outcomes -------------------------------------------------------------------------

    def _outcomes(self) -> None:
        rng = self.rng
        for index in range(max(3, self.n_roles // 200)):
            area = rng.choice(AREAS)
            for_users = index % 2 == 0
            name = (
                f"People get {area.lower()} services quickly and first time"
                if for_users
                else f"{area} costs less to run and is trusted"
            )
            measures = []
            for number in range(rng.randint(1, 3)):
                current = rng.randint(10, 90)
                measures.append(
                    {
                        "name": f"{area} measure {number + 1}",
                        "current": current,
                        "target": min(100, current + rng.randint(5, 30)),
                        "unit": rng.choice(["%", "days", "calls", "£k"]),
                    }
                )
            data = {
                "id": self.ids["outcome"].take(name),
                "name": name,
                "summary": f"What good looks like for {area.lower()}.",
                "for": "users" if for_users else "organisation",
                "measures": measures,
                "constraints": rng.sample(
                    [
                        "Statutory deadlines are not ours to change",
                        "An assisted route stays available for people who cannot go online",
                        "Spend stays within the settlement",
                        "Personal data stays in the UK",
                    ],
                    k=rng.randint(0, 2),
                ),
                "review_by": self._review_by(),
            }
            self.outcomes.append(data)

    # -- decisions ------------------------------------------------------------------------

    def _decisions(self) -> None:
        total = max(len(self.forums), round(self.n_roles / 5))
        # First, one decision held by each forum (A for governance, R for management).
        for forum in self.forums:
            self._decision(forum.unit, forum)
        # The rest are held by roles, across the units (bigger units a little more often).
        for _ in range(total - len(self.forums)):
            self._decision(self.rng.choice(self.units), None)

    def _decision(self, unit: GUnit, forum: GForum | None) -> None:
        rng = self.rng
        category, title_pattern, threshold = rng.choice(DECISION_KINDS)
        amount = rng.choice([5, 10, 25, 50, 100, 250, 500])
        title = title_pattern.format(area=unit.area.lower(), unit=unit.name, n=amount)
        if forum is not None:
            title = f"{title} ({forum.name})"
        staff = [r for r in unit.roles[1:]]
        if forum is not None and forum.type == "governance":
            accountable = f"forum:{forum.id}"
            responsible = [unit.lead.id]
            escalates = forum.data.get("reports_to")
            escalates_to = f"forum:{escalates}" if escalates else None
        else:
            owner = (
                unit.lead if rng.random() < 0.6 or not unit.managers else rng.choice(unit.managers)
            )
            accountable = owner.id
            responsible = [
                r.id
                for r in rng.sample(staff, k=min(len(staff), rng.randint(1, 3)))
                if r is not owner
            ] or [f"unit:{unit.id}"]
            if forum is not None:
                responsible.insert(0, f"forum:{forum.id}")
            if owner.reports_to is not None:
                escalates_to = owner.reports_to.id
            elif unit.forums:
                escalates_to = f"forum:{unit.forums[0].id}"
            else:
                escalates_to = None
        consulted = []
        if unit.parent is not None:
            consulted.append(unit.parent.lead.id)
            consulted += [s.lead.id for s in unit.parent.children if s is not unit][
                : rng.randint(0, 2)
            ]
        consulted += [r.id for r in rng.sample(staff, k=min(len(staff), rng.randint(1, 2)))]
        consulted = [
            c for c in dict.fromkeys(consulted) if c not in responsible and c != accountable
        ] or [f"unit:{unit.id}"]
        informed = [f"unit:{unit.id}"]
        if unit.children:
            informed.append(f"unit:{rng.choice(unit.children).id}")
        related_forums = unit.forums or next((a.forums for a in unit.ancestors() if a.forums), [])
        if related_forums:
            informed.append(f"forum:{related_forums[0].id}")
        informed = [i for i in informed if i not in (accountable, *responsible, *consulted)] or [
            f"unit:{(unit.parent or unit).id}"
        ]
        data: dict[str, Any] = {
            "id": self.ids["decision"].take(title),
            "title": title,
            "category": category,
            "accountable": accountable,
            "responsible": responsible,
            "consulted": consulted,
            "informed": informed,
            "escalates_to": escalates_to,
            "threshold": threshold.format(n=amount),
        }
        status = self._status(trial=0.02, proposed=0.02)
        if status:
            data["status"] = status
        if rng.random() < 0.1:
            data["stability"] = "fixed"
        if rng.random() < 0.4:
            data["review_by"] = self._review_by()
        self.decisions.append(data)

    # -- flows ----------------------------------------------------------------------------

    def _flows(self) -> None:
        rng = self.rng
        deep = [u for u in self.units if u.level >= 3 and u.parent is not None] or self.units[1:]
        for _ in range(max(3, self.n_roles // 100)):
            start = rng.choice(deep)
            verb = rng.choice(["Handle", "Deliver", "Resolve", "Fulfil", "Approve"])
            thing = rng.choice(["request", "application", "case", "change", "order"])
            name = f"{verb} a {start.area.lower()} {thing}"
            stage_names = rng.sample(STAGES, k=rng.randint(5, 8))
            owner = start
            stages = []
            seen_ids: dict[str, int] = {}
            for position, stage_name in enumerate(stage_names):
                if position and rng.random() < 0.5:  # a handoff to a related unit
                    related = [
                        *owner.children,
                        *(owner.parent.children if owner.parent else []),
                        *([owner.parent] if owner.parent else []),
                    ]
                    owner = rng.choice(related) if related else owner
                stage_id = slugify(stage_name)
                seen_ids[stage_id] = seen_ids.get(stage_id, 0) + 1
                if seen_ids[stage_id] > 1:
                    stage_id = f"{stage_id}-{seen_ids[stage_id]}"
                stage: dict[str, Any] = {
                    "id": stage_id,
                    "name": stage_name,
                    "owner": owner.id if rng.random() < 0.85 else f"role:{owner.lead.id}",
                    "capabilities": rng.sample(
                        self.capability_levels[2] or self.capability_levels[1], k=rng.randint(1, 2)
                    ),
                    "lead_time_days": rng.choice([0.5, 1, 2, 3, 5, 10, 15, 20, 30]),
                    "pain": rng.randint(0, 3),
                }
                stages.append(stage)
            self.flows.append(
                {
                    "id": self.ids["flow"].take(name),
                    "name": name,
                    "summary": f"How {start.name} and its partners {name.lower()}.",
                    "outcome": rng.choice(self.outcomes)["id"],
                    "trigger": f"Someone asks {start.name} to {name.lower()}.",
                    "result": "The request is done and the requester knows it.",
                    "stages": stages,
                    "review_by": self._review_by(),
                }
            )

    # -- changes --------------------------------------------------------------------------

    def _changes(self) -> None:
        rng = self.rng
        pools: list[tuple[str, Sequence[str]]] = [
            ("forum", [f.id for f in self.forums]),
            ("decision", [d["id"] for d in self.decisions]),
            ("role", [r.id for r in self.roles]),
            ("unit", [u.id for u in self.units]),
            ("capability", [c["id"] for c in self.capabilities]),
            ("flow", [f["id"] for f in self.flows]),
        ]
        governance = [f for f in self.forums if f.type == "governance"] or self.forums
        for index in range(max(5, self.n_roles // 100)):
            status = CHANGE_STATUSES[index % len(CHANGE_STATUSES)]
            forum = rng.choice(governance)
            area = forum.unit.area
            verb = rng.choice(["Simplify", "Merge", "Automate", "Devolve", "Pilot"])
            thing = rng.choice(["approvals", "reporting", "forums", "handoffs", "reviews"])
            title = f"{verb} {area.lower()} {thing}"
            affects = []
            for _ in range(rng.randint(1, 4)):
                kind, ids = rng.choice(pools)
                affects.append(f"{kind}:{rng.choice(ids)}")
            start = TODAY + dt.timedelta(days=rng.randint(-300, 200))
            data: dict[str, Any] = {
                "id": self.ids["change"].take(title),
                "title": title,
                "summary": f"A change to how {forum.unit.name} works.",
                "status": status,
                "hypothesis": f"If we {title.lower()}, then decisions in {area.lower()} "
                "take less time without more incidents.",
                "affects": list(dict.fromkeys(affects)),
                "outcome": rng.choice(self.outcomes)["id"],
                "start": start if status != "idea" else None,
                "review": start + dt.timedelta(days=rng.randint(60, 180))
                if status != "idea"
                else None,
                "decided_by": forum.id,
            }
            self.changes.append(data)

    # -- files ----------------------------------------------------------------------------

    def _unit_fields(self) -> None:
        for unit in self.units:
            data: dict[str, Any] = {
                "name": unit.name,
                "summary": f"{unit.name}: part of "
                f"{unit.parent.name if unit.parent else 'the organisation'}.",
                "type": "external supplier" if unit.external else LEVEL_TYPES[unit.level - 1],
                "parent": unit.parent.id if unit.parent else None,
                "lead": unit.lead.id,
                "purpose": f"Runs {unit.area.lower()} for the organisation and its users.",
                "team_type": self.rng.choice(TEAM_TYPES) if unit.level >= 4 else None,
                "external": True if unit.external else None,
                "supplier_tier": self.rng.randint(1, 3) if unit.external else None,
                "capabilities": unit.capabilities or None,
                "review_by": self._review_by(),
            }
            if unit.level == 1:
                data["stability"] = "fixed"
            self.unit_data[unit.id] = data

    def files(self) -> dict[str, str]:
        """Relative path in the content folder -> text, in a stable order."""
        out: dict[str, str] = {"organisation.yml": dump(self._organisation())}
        for unit in self.units:
            data = self.unit_data[unit.id]
            if unit.level <= 2:
                body = (
                    f"{unit.name} has {len(unit.roles)} roles and "
                    f"{len(unit.children)} units.\n\nIts lead is the "
                    f"[{unit.lead.title}](../roles/{unit.lead.id}.md).\n"
                )
                out[f"units/{unit.id}.md"] = markdown(data, body)
            else:
                out[f"units/{unit.id}.yml"] = dump(data)
        for role in self.roles:
            out[f"roles/{role.id}.yml"] = dump(self.role_data[role.id])
        for person_id, data in self.people.items():
            out[f"people/{person_id}.yml"] = dump(data)
        for forum in self.forums:
            out[f"forums/{forum.id}.md"] = markdown(forum.data, self._charter(forum))
        for kind, items in (
            ("decision", self.decisions),
            ("capability", self.capabilities),
            ("flow", self.flows),
            ("outcome", self.outcomes),
            ("change", self.changes),
        ):
            folder = KIND[kind].folder
            for item in items:
                data = {k: v for k, v in item.items() if k != "id"}
                out[f"{folder}/{item['id']}.yml"] = dump(data)
        out["pages/your-first-week.md"] = (
            "# Your first week\n\nFind your role in the [roles index](roles/index.md), then "
            "the forums you sit in and the decisions you take part in.\n"
        )
        out["pages/how-decisions-get-made.md"] = (
            "# How decisions get made\n\nEvery decision has one accountable role or forum. "
            "See [who decides](who-decides/index.md).\n"
        )
        return out

    def _organisation(self) -> dict[str, Any]:
        return {
            "name": f"Generated Organisation {self.n_roles} (seed {self.seed})",
            "summary": "A generated operating model for benchmarks.",
            "purpose": "Serve the public well, at a fair cost, and keep their trust.",
            "governance_model": "federated",
            "principles": [
                {
                    "title": "Start with user needs",
                    "description": "Every change starts from evidence about the people it serves.",
                },
                {
                    "title": "One accountable owner for every decision",
                    "description": "Each decision has exactly one accountable role or forum.",
                },
                {"title": "Decide at the lowest level that has the information"},
                {"title": "Secure and lawful by design"},
                {"title": "Change the model in small, reviewed steps"},
            ],
            "settings": {
                "max_depth": MAX_DEPTH,
                "max_span_of_control": MAX_SPAN,
                "max_meeting_hours_per_week": MAX_MEETING_HOURS,
                "review_period_days": 365,
            },
        }

    def counts(self) -> Counts:
        span: dict[str, int] = {}
        for role in self.roles:
            if role.reports_to is not None:
                span[role.reports_to.id] = span.get(role.reports_to.id, 0) + 1
        by_kind = {
            "unit": len(self.units),
            "role": len(self.roles),
            "person": len(self.people),
            "forum": len(self.forums),
            "decision": len(self.decisions),
            "capability": len(self.capabilities),
            "flow": len(self.flows),
            "outcome": len(self.outcomes),
            "change": len(self.changes),
            "page": 2,
        }
        files = {KIND[kind].folder: count for kind, count in by_kind.items()}
        return Counts(
            files,
            max(u.level for u in self.units),
            max(span.values()),
            max(r.hours for r in self.roles),
        )


# --- a small YAML emitter -----------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.()'&/%£+:;!?@-]*[A-Za-z0-9.)%'!?]|[A-Za-z]")
_NOT_PLAIN = re.compile(r": | #|:$")
_YAML_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"})


def scalar(value: Any) -> str:
    """One value as YAML: plain when unambiguous, else JSON's double-quoted form (which is
    valid YAML)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.fullmatch(text) and not _NOT_PLAIN.search(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def _dump_lines(data: dict[str, Any], indent: str, lines: list[str]) -> None:
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            _dump_lines(value, indent + "  ", lines)
        elif isinstance(value, list):
            if not value:
                lines.append(f"{indent}{key}: []")
                continue
            lines.append(f"{indent}{key}:")
            for item in value:
                if isinstance(item, dict):
                    nested: list[str] = []
                    _dump_lines(item, indent + "    ", nested)
                    lines.append(f"{indent}  - {nested[0][len(indent) + 4 :]}")
                    lines.extend(nested[1:])
                else:
                    lines.append(f"{indent}  - {scalar(item)}")
        else:
            lines.append(f"{indent}{key}: {scalar(value)}")


def dump(data: dict[str, Any]) -> str:
    lines: list[str] = []
    _dump_lines(data, "", lines)
    return "\n".join(lines) + "\n"


def markdown(data: dict[str, Any], body: str) -> str:
    return f"---\n{dump(data)}---\n\n{body}"


# --- writing ------------------------------------------------------------------------------


def generate(out: Path, roles: int, seed: int = 1) -> Counts:
    """Write a generated model into the content folder `out` (replacing a generated model
    already there); return what it holds."""
    generator = ModelGenerator(roles, seed).build()
    files = generator.files()
    _prepare(out)
    folders = sorted({path.rsplit("/", 1)[0] for path in files if "/" in path})
    for folder in folders:
        (out / folder).mkdir(parents=True, exist_ok=True)
    for relative, text in files.items():
        with open(out / relative, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    counts = generator.counts()
    stamp = {"roles": roles, "seed": seed, "files": counts.files}
    (out / STAMP).write_text(json.dumps(stamp, sort_keys=True) + "\n", encoding="utf-8")
    return counts


def _prepare(out: Path) -> None:
    """Refuse to overwrite a folder we did not generate."""
    if out.exists() and any(out.iterdir()):
        if not (out / STAMP).exists():
            raise FileExistsError(f"{out} is not empty and was not made by this generator")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def stamp_of(out: Path) -> dict[str, Any] | None:
    """What generated the model in `out` (None if nothing did)."""
    try:
        return json.loads((out / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate_model",
        description="Write a generated operating model (a content folder) for benchmarks.",
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--size",
        choices=sorted(SIZES),
        default="S",
        help="S=1,000 roles, M=10,000, L=50,000 (default S)",
    )
    group.add_argument("--roles", type=int, help="any number of roles (at least 50)")
    parser.add_argument("--out", type=Path, required=True, help="the content folder to write")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(list(argv) if argv is not None else None)
    roles = args.roles if args.roles is not None else SIZES[args.size]
    started = time.perf_counter()
    try:
        counts = generate(args.out, roles, args.seed)
    except (ValueError, FileExistsError) as problem:
        print(f"generate_model: {problem}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.files.items())
    print(f"{args.out}: {summary} ({sum(counts.files.values())} files, {elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
