"""The publishing recipes in docs/recipes/ (README: "Publishing") are real files: each YAML
file parses, every `opmodel ...` command in them is accepted by opmodel's own parser, and
the nginx recipe's `site_url` is the address its `location` serves."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from opmodel.cli import build_parser

REPO = Path(__file__).resolve().parents[2]
RECIPES = REPO / "docs" / "recipes"
YAML_RECIPES = ("github-actions.yml", "gitlab-ci.yml")
SHELL_ENDS = frozenset({">", ">>", "|", "||", "&&", ";", "2>&1"})


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


def opmodel_commands(document: Any) -> list[list[str]]:
    """Every `opmodel ...` command in the shell lines of a CI file, as its arguments."""
    commands = []
    for text in _strings(document):
        for line in text.splitlines():
            words = shlex.split(line, comments=True)
            while "opmodel" in words:
                words = words[words.index("opmodel") + 1 :]
                end = next((i for i, w in enumerate(words) if w in SHELL_ENDS), len(words))
                commands.append(words[:end])
                words = words[end:]
    return commands


def load(name: str) -> Any:
    return yaml.safe_load((RECIPES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", YAML_RECIPES)
def test_every_opmodel_command_in_a_ci_recipe_parses(name: str) -> None:
    commands = opmodel_commands(load(name))
    assert [c[0] for c in commands] == ["check", "build"], commands
    for args in commands:
        try:
            build_parser().parse_args(args)
        except SystemExit as stopped:  # argparse's way of refusing a command line
            pytest.fail(f"{name}: `opmodel {shlex.join(args)}` does not parse ({stopped})")


def test_github_actions_annotates_then_builds_and_deploys_what_it_built() -> None:
    workflow = load("github-actions.yml")
    runs = [step.get("run") for step in workflow["jobs"]["build"]["steps"]]
    assert "opmodel check --output-format github" in runs
    assert runs.index("opmodel check --output-format github") < runs.index(
        "opmodel build --site-dir site"
    )
    upload = workflow["jobs"]["build"]["steps"][-1]
    assert upload["uses"].startswith("actions/upload-pages-artifact@")
    assert upload["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_gitlab_pages_publishes_the_folder_it_builds() -> None:
    pipeline = load("gitlab-ci.yml")
    assert pipeline["pages"]["script"] == ["opmodel build --site-dir public"]
    assert pipeline["pages"]["artifacts"]["paths"] == ["public"]


def test_the_nginx_recipes_site_url_is_the_path_it_serves() -> None:
    conf = (RECIPES / "nginx-subpath.conf").read_text(encoding="utf-8")
    (site_url,) = re.findall(r"site_url:\s*(\S+)", conf)
    locations = re.findall(r"^location\s+(/\S*/)\s*\{", conf, re.M)
    assert locations == [urlsplit(site_url).path] == ["/ops/"]
    (alias,) = re.findall(r"^\s*alias\s+(\S+);", conf, re.M)
    assert alias.endswith("/"), "an alias for a location ending in / must end in / too"
    assert f"error_page 404 {locations[0]}404.html;" in conf


def test_the_readme_links_every_recipe() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for recipe in sorted(RECIPES.iterdir()):
        assert f"(docs/recipes/{recipe.name})" in readme, recipe.name
