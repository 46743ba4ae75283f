"""A model has only the kinds it has: no page links to the index of a kind it lacks, and no
sentence counts zero things ("0 changes on trial"). Each small model below lacks most
kinds; its site is generated in-process (no diagrams, no history) and every internal link
of every page must lead to a generated page, guide or asset (diagrams included)."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from opmodel.scaffold import scaffold
from opmodel.site import urls
from opmodel.site.generate import Generated, generate

MODELS: dict[str, dict[str, str]] = {
    "organisation-only": {},
    "unit-and-role": {
        "units/team.yml": "name: Team\n",
        "roles/lead.yml": "title: Lead\nunit: team\n",
    },
    "one-person": {"people/sam.yml": "name: Sam\n"},
    "one-forum": {"forums/board.md": "---\nname: Board\n---\nThe board's charter.\n"},
    "role-and-decision": {
        "roles/lead.yml": "title: Lead\n",
        "decisions/budget.yml": "title: Budget\naccountable: lead\n",
    },
    "one-capability": {"capabilities/delivery.yml": "name: Delivery\n"},
    "one-flow": {"flows/intake.yml": "name: Intake\nstages:\n  - id: ask\n    name: Ask\n"},
    "one-outcome": {"outcomes/happy.yml": "name: Happy users\n"},
    "one-change": {"changes/try.yml": "title: Try it\nstatus: trial\n"},
    "one-guide": {"pages/welcome.md": "# Welcome\n"},
}
ZERO_THINGS = re.compile(
    r"\b0 (changes?|hours?|forums?|roles?|decisions?|units?|people|persons?|capabilit\w*"
    r"|flows?|outcomes?|parts?|stages?|members?|holders?|reports?|entit\w*|guides?)\b"
    r"|\(0\)"  # a heading counting nothing: "## Planned (0)"
)
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")
HTML_LINK = re.compile(r"""\b(?:href|src|xlink:href)="([^"]*)\"""")


def _generate(content: Path, use_directory_urls: bool, diagrams: bool = False) -> Generated:
    return generate(
        content, diagrams=diagrams, baseline=None, use_directory_urls=use_directory_urls
    )


def _broken_links(made: Generated, use_directory_urls: bool) -> list[str]:
    sources = {p.path for p in made.pages} | set(made.guides) | set(made.assets)
    built = {urls.url_of(path, use_directory_urls) for path in sources}
    broken = []
    for page in made.pages:
        text = page.markdown
        folder = posixpath.dirname(page.path)
        for target in MARKDOWN_LINK.findall(text):
            path = _internal(target)
            if path is not None and posixpath.normpath(posixpath.join(folder, path)) not in sources:
                broken.append(f"{page.path}: [..]({target})")
        here = urls.url_of(page.path, use_directory_urls)
        base = here if here.endswith("/") else posixpath.dirname(here)
        for target in HTML_LINK.findall(text):
            path = _internal(target)
            if path is None:
                continue
            resolved = posixpath.normpath(posixpath.join(base, path))
            resolved = "" if resolved == "." else resolved
            if resolved not in built and resolved + "/" not in built:
                broken.append(f"{page.path}: href={target}")
    return broken


def _internal(target: str) -> str | None:
    """The path part of a link within the site; None for other sites, mail and anchors."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return unquote(parts.path)


def _zero_sentences(made: Generated) -> list[str]:
    return [
        f"{page.path}: {match[0]!r}"
        for page in made.pages
        for match in ZERO_THINGS.finditer(re.sub(r"<[^>]+>", " ", page.markdown))
    ]


@pytest.mark.usefixtures("source_date")
@pytest.mark.parametrize("use_directory_urls", [True, False], ids=["directories", "files"])
@pytest.mark.parametrize("name", sorted(MODELS))
def test_a_small_model_links_only_to_pages_it_has(
    name: str, use_directory_urls: bool, tmp_path: Path, write_model: Any
) -> None:
    made = _generate(write_model(tmp_path, MODELS[name]), use_directory_urls)

    assert _broken_links(made, use_directory_urls) == []


@pytest.mark.usefixtures("source_date")
@pytest.mark.parametrize("name", sorted(MODELS))
def test_a_small_model_says_nothing_about_zero_things(
    name: str, tmp_path: Path, write_model: Any
) -> None:
    """With diagrams: their descriptions count things too."""
    made = _generate(write_model(tmp_path, MODELS[name]), True, diagrams=True)

    assert _zero_sentences(made) == []


@pytest.mark.usefixtures("source_date")
def test_the_new_starter_links_only_to_pages_it_has(tmp_path: Path) -> None:
    scaffold(tmp_path / "x")
    made = _generate(tmp_path / "x" / "content", False)

    assert _broken_links(made, False) == []
    assert _zero_sentences(made) == []
