"""Models shaped like real organisations' data, for trying the site as their staff would.

    python -m benchmarks.shapes --shape open-source --out /tmp/oss/content
    python -m benchmarks.shapes --shape team-of-teams --out /tmp/teams/content

`generate_model.py` makes large, evenly grown hierarchies for timing. Real data converted
into the content format looks different, and that is where the site has to hold up:

- open-source: one root; 35 special-interest groups and committees directly under it, each
  with 5-9 subprojects (about 290 units); 72 recurring meetings with no hierarchy between
  them (two or three per group, each with a weekday, time and time zone), each chaired by
  its group's chair role; three decisions taken by groups' meetings; chairs and tech
  leads held by 1-3 people known mainly by their handle; groups with chat channels (by
  name, through `settings.chat_url`), mailing lists and meeting links, meetings with their
  call's link; charters in Markdown that link other groups' folders and
  repository-root paths, as charters copied from a project's own repository do (the
  root paths lead to the repository, `settings.prose_base_url`);
- team-of-teams: 166 teams, 47 directly under the top, about 400 people, one council whose
  members are the teams' representatives; no flows, decisions or capabilities.

Both check without errors. The same seed gives byte-identical files.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

from benchmarks.generate_model import dump, markdown, slugify

SHAPES = ("open-source", "team-of-teams")

_AREAS = (
    "API Machinery",
    "Apps",
    "Architecture",
    "Auth",
    "Autoscaling",
    "CLI",
    "Cloud Provider",
    "Cluster Lifecycle",
    "Contributor Experience",
    "Docs",
    "Etcd",
    "Instrumentation",
    "Multicluster",
    "Network",
    "Node",
    "Release",
    "Scalability",
    "Scheduling",
    "Security",
    "Storage",
    "Testing",
    "UI",
    "Windows",
    "Batch",
    "Device Management",
    "Observability",
    "Packaging",
    "Runtime",
    "Service Mesh",
    "Serverless",
    "Telemetry",
    "Edge",
    "Usability",
)
_COMMITTEES = ("Steering Committee", "Code of Conduct Committee", "Security Response Committee")
_SUBPROJECT_WORDS = (
    "api",
    "controller",
    "dns",
    "gateway",
    "ingress",
    "policy",
    "proxy",
    "registry",
    "sdk",
    "operator",
    "dashboard",
    "metrics",
    "tracing",
    "logging",
    "scheduler",
    "plugins",
    "csi",
    "drivers",
    "images",
    "installer",
    "conformance",
    "e2e",
    "benchmarks",
    "website",
    "tools",
)
_FIRST = (
    "Ana",
    "Bo",
    "Chen",
    "Dara",
    "Eli",
    "Femi",
    "Gus",
    "Hana",
    "Ivo",
    "Jun",
    "Kai",
    "Lea",
    "Mo",
    "Nia",
    "Oli",
    "Pia",
    "Quin",
    "Ravi",
    "Sol",
    "Tess",
    "Uma",
    "Vik",
    "Wen",
    "Yara",
)
_LAST = (
    "Abara",
    "Berg",
    "Costa",
    "Dunn",
    "Eze",
    "Fujita",
    "Gray",
    "Haddad",
    "Ito",
    "Jensen",
    "Kovacs",
    "Lund",
    "Mensah",
    "Novak",
    "Okafor",
    "Petrov",
    "Quist",
    "Rossi",
    "Sato",
    "Tan",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday")
_ZONES = (("America/Los_Angeles", "PT"), ("Europe/Berlin", "CET"), ("Asia/Tokyo", "JST"))


def generate(shape: str, out: Path, seed: int = 1) -> dict[str, int]:
    """Write the model of `shape` into the content folder `out`; returns files per kind."""
    if out.exists():
        shutil.rmtree(out)
    files = (_open_source if shape == "open-source" else _team_of_teams)(random.Random(seed))
    counts: dict[str, int] = {}
    for relative, text in sorted(files.items()):
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        kind = relative.split("/", 1)[0] if "/" in relative else "organisation"
        counts[kind] = counts.get(kind, 0) + 1
    return counts


class _People:
    """People known by their handle (the file name), most with a name, some with only it."""

    def __init__(self, rng: random.Random, domain: str) -> None:
        self.rng = rng
        self.domain = domain
        self.files: dict[str, str] = {}

    def new(self, *, named: bool = True) -> str:
        while True:
            first, last = self.rng.choice(_FIRST), self.rng.choice(_LAST)
            handle = f"{first[0]}{last}{self.rng.randint(1, 99)}".lower()
            if f"people/{handle}.yml" not in self.files:
                break
        data: dict[str, object] = {"handle": handle}
        if named:
            data["name"] = f"{first} {last}"
        data["email"] = f"{handle}@{self.domain}"
        self.files[f"people/{handle}.yml"] = dump(data)
        return handle

    def some(self, low: int, high: int) -> list[str]:
        return [self.new(named=self.rng.random() > 0.2) for _ in range(self.rng.randint(low, high))]


def _open_source(rng: random.Random) -> dict[str, str]:
    people = _People(rng, "users.noreply.example.org")
    files = {
        "organisation.yml": dump(
            {
                "name": "Open Cloud Project",
                "purpose": "Build and maintain an open-source cloud platform in the open.",
                "settings": {
                    "chat_url": "https://chat.example.org/messages/{channel}",
                    "prose_base_url": "https://git.example.org/community/blob/main",
                },
            }
        ),
        "units/project.yml": dump(
            {"name": "Open Cloud Project", "type": "project", "lead": "steering-committee-chair"}
        ),
    }
    groups = [f"SIG {area}" for area in _AREAS] + list(_COMMITTEES[:2])
    slugs = [slugify(name) for name in groups]
    for index, (name, slug) in enumerate(zip(groups, slugs, strict=True)):
        chair, lead = f"{slug}-chair", f"{slug}-tech-lead"
        files[f"units/{slug}.yml"] = dump(
            {
                "name": name,
                "type": "committee" if "Committee" in name else "special-interest group",
                "parent": "project",
                "lead": chair,
                "purpose": f"Owns the {name.removeprefix('SIG ')} area of the project.",
                "contact": {
                    "chat": f"#{slug}",
                    "mailing_list": f"{slug}@lists.example.org",
                    "meeting": f"https://meet.example.org/{slug}",
                    "url": f"https://git.example.org/community/tree/main/{slug}",
                },
            }
        )
        files[f"roles/{chair}.yml"] = dump(
            {
                "title": f"{name} Chair",
                "unit": slug,
                "reports_to": "steering-committee-chair" if slug != "steering-committee" else None,
                "accountabilities": ["Runs the group's meetings", "Represents the group"],
                "holders": people.some(1, 3),
            }
        )
        files[f"roles/{lead}.yml"] = dump(
            {
                "title": f"{name} Tech Lead",
                "unit": slug,
                "reports_to": chair,
                "accountabilities": ["Sets the group's technical direction"],
                "holders": people.some(1, 2),
            }
        )
        for word in rng.sample(_SUBPROJECT_WORDS, rng.randint(5, 9)):
            files[f"units/{slug}-{word}.yml"] = dump(
                {
                    "name": f"{name.removeprefix('SIG ')} {word}",
                    "type": "subproject",
                    "parent": slug,
                    "lead": lead,
                }
            )
        for kind in ("weekly meeting", "triage", "office hours")[: 3 if index < 2 else 2]:
            other = slugs[(index + 1) % len(slugs)]
            day, hour, (zone, abbreviation) = (
                rng.choice(_WEEKDAYS),
                rng.choice((9, 10, 17)),
                rng.choice(_ZONES),
            )
            meets: dict[str, object] = {
                "day": day.lower(),
                "time": f"{hour:02d}:00",
                "timezone": zone,
            }
            if kind == "office hours":
                meets["week_of_month"] = rng.choice((1, 3, "last"))
            files[f"forums/{slug}-{slugify(kind)}.md"] = markdown(
                {
                    "name": f"{name} {kind}",
                    "type": "management",
                    "chair": chair,
                    "members": [chair, lead],
                    "cadence": "weekly" if kind != "office hours" else "monthly",
                    "duration_minutes": 60 if kind == "weekly meeting" else 30,
                    "meets": meets,
                    "contact": {
                        "chat": f"#{slug}",
                        "meeting": f"https://meet.example.org/{slug}-{slugify(kind)}",
                    },
                },
                f"# {name} {kind}\n\n"
                f"Meets on {day} at {hour}:00 {abbreviation}.\n\n"
                f"Work shared with [{other}](../{other}) is tracked there; see the "
                "[contributor guide](/contributors/guide.md) and the "
                f"[charter](./charter.md).\n",
            )
    files |= _open_source_decisions(slugs)
    return files | people.files


def _open_source_decisions(slugs: list[str]) -> dict[str, str]:
    """What the project's forums decide: a release, a new subproject, an enhancement."""
    steering, first_sig = "steering-committee", slugs[0]
    decisions = {
        "approve-a-new-subproject": ("Approve a new subproject", steering, "governance"),
        "accept-an-enhancement-proposal": (
            "Accept an enhancement proposal",
            first_sig,
            "technical",
        ),
        "cut-a-release": ("Cut a release", "sig-release", "delivery"),
    }
    files = {}
    for slug, (title, group, category) in decisions.items():
        files[f"decisions/{slug}.yml"] = dump(
            {
                "title": title,
                "category": category,
                "accountable": f"forum:{group}-weekly-meeting",
                "responsible": [f"{group}-tech-lead"],
                "consulted": [f"{steering}-chair"],
            }
        )
    return files


def _team_of_teams(rng: random.Random) -> dict[str, str]:
    people = _People(rng, "example.com")
    files = {
        "organisation.yml": dump(
            {"name": "Northwind Software", "purpose": "Ship and run Northwind's products."}
        ),
        "units/northwind.yml": dump({"name": "Northwind", "type": "company", "lead": "ceo"}),
        "roles/ceo.yml": dump(
            {
                "title": "Chief Executive",
                "unit": "northwind",
                "accountabilities": ["Leads the company"],
                "holders": [people.new()],
            }
        ),
    }
    top = [f"team-{n:02d}" for n in range(1, 48)]
    nested = [(f"team-{n:03d}", top[(n - 48) % len(top)]) for n in range(48, 167)]
    representatives = []
    for slug, parent in [(s, "northwind") for s in top] + nested:
        lead = f"{slug}-lead"
        files[f"units/{slug}.yml"] = dump(
            {
                "name": f"Team {slug.removeprefix('team-').lstrip('0')}",
                "type": "team",
                "parent": parent,
                "lead": lead,
            }
        )
        files[f"roles/{lead}.yml"] = dump(
            {
                "title": f"Team {slug.removeprefix('team-').lstrip('0')} Lead",
                "unit": slug,
                "reports_to": "ceo" if parent == "northwind" else f"{parent}-lead",
                "accountabilities": ["Leads the team", "Represents it on the council"],
                "holders": [people.new()],
            }
        )
        files[f"roles/{slug}-engineer.yml"] = dump(
            {
                "title": "Engineer",
                "unit": slug,
                "reports_to": lead,
                "accountabilities": ["Builds and runs the team's services"],
                "holders": people.some(1, 2),
            }
        )
        if parent == "northwind":
            representatives.append(lead)
    files["forums/council.md"] = markdown(
        {
            "name": "Council",
            "type": "governance",
            "chair": "ceo",
            "members": representatives,
            "cadence": "monthly",
            "duration_minutes": 90,
        },
        "# Council\n\nThe teams' representatives agree what the company works on next.\n",
    )
    return files | people.files


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shape", choices=SHAPES, required=True)
    parser.add_argument("--out", type=Path, required=True, help="the content folder to write")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(list(argv) if argv is not None else None)
    counts = generate(args.shape, args.out, args.seed)
    print(", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
