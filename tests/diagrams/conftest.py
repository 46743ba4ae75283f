"""A small organisation that exercises every diagram (`acme`), and the `link` to use.

The model is written as files and loaded the way users' models are, so the diagrams see
exactly what the site would give them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable

import pytest

from opmodel import Model, Ref

ACME: dict[str, str] = {
    "organisation.yml": "name: Acme\npurpose: Make things\n",
    # units: a directorate, two departments, three teams, one external supplier
    "units/hq.yml": "name: Headquarters\ntype: directorate\nlead: ceo\n",
    "units/data.yml": "name: Data\ntype: department\nparent: hq\nlead: cdo\n",
    "units/tech.yml": "name: Technology\ntype: department\nparent: hq\nlead: cto\n",
    "units/analytics.yml": "name: Analytics\ntype: team\nparent: data\nteam_type: enabling\n",
    "units/platform.yml": "name: Platform\ntype: team\nparent: tech\nteam_type: platform\n",
    "units/apps.yml": "name: Apps\ntype: team\nparent: tech\nstatus: trial\n",
    "units/hostco.yml": "name: HostCo\nexternal: true\nsupplier_tier: 1\n",
    # roles
    "roles/ceo.yml": "title: Chief Executive\nunit: hq\nholders: [Ada Lovelace]\n",
    "roles/cdo.yml": "title: Chief Data Officer\nunit: data\nreports_to: ceo\n",
    "roles/cto.yml": "title: Chief Technology Officer\nunit: tech\nreports_to: ceo\n",
    "roles/analyst.yml": "title: Analyst\nunit: analytics\nreports_to: cdo\n",
    "roles/engineer.yml": "title: Engineer\nunit: platform\nreports_to: cto\n",
    # forums: a governance board with two forums reporting to it
    "forums/board.md": (
        "---\nname: Board\ntype: governance\nchair: ceo\nmembers: [cdo, cto]\n"
        "cadence: monthly\nduration_minutes: 120\n---\nThe board sets direction.\n"
    ),
    "forums/data-council.yml": (
        "name: Data Council\ntype: governance\nchair: cdo\nmembers: [analyst]\n"
        "cadence: quarterly\nduration_minutes: 90\nreports_to: board\n"
    ),
    "forums/ops.yml": (
        "name: Operations\ntype: management\nchair: cto\nsecretary: engineer\n"
        "members: [cdo]\ncadence: weekly\nduration_minutes: 30\nreports_to: board\n"
    ),
    # decisions
    "decisions/publish-data.yml": (
        "title: Publish a dataset\naccountable: cdo\nresponsible: [analyst]\n"
        "escalates_to: forum:data-council\nthreshold: Personal data involved\n"
    ),
    "decisions/buy-server.yml": "title: Buy a server\naccountable: role:engineer\n",
    # capabilities: three levels
    "capabilities/data-mgmt.yml": "name: Data management\nmaturity: {current: 2, target: 4}\n",
    "capabilities/data-quality.yml": (
        "name: Data quality\nparent: data-mgmt\nowner: data\nmaturity: {current: 1, target: 4}\n"
    ),
    "capabilities/profiling.yml": (
        "name: Profiling\nparent: data-quality\nmaturity: {current: 3, target: 3}\n"
    ),
    "capabilities/reporting.yml": "name: Reporting\nparent: data-mgmt\n",
    "capabilities/hosting.yml": "name: Hosting\nowner: tech\nmaturity: {current: 3, target: 4}\n",
    # a flow with a handoff and a role-owned stage
    "outcomes/good-data.yml": "name: Good data\nfor: users\n",
    "flows/new-dataset.yml": (
        "name: New dataset\noutcome: good-data\ntrigger: Someone asks\nresult: Data is live\n"
        "stages:\n"
        "  - {id: ask, name: Ask, owner: analytics, lead_time_days: 2, pain: 0}\n"
        "  - {id: check, name: Check, owner: role:analyst, lead_time_days: 0.5, pain: 1}\n"
        "  - {id: host, name: Host, owner: platform, lead_time_days: 10, pain: 3}\n"
    ),
}


@pytest.fixture
def acme_files() -> dict[str, str]:
    return dict(ACME)


@pytest.fixture
def acme(build_model: Callable[[dict[str, str]], Model]) -> Model:
    return build_model(ACME)


def _link(ref: Ref) -> str:
    """Links as the site makes them from a page two folders deep."""
    return f"../../{ref.kind}s/{ref.id}/"


@pytest.fixture
def link() -> Callable[[Ref], str]:
    return _link


@pytest.fixture
def needs_dot() -> None:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` is not installed")
