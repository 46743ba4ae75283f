"""Nothing lost, on a model nobody wrote by hand: the completeness checks that
test_site_pages.py and test_site_links.py run over the example, run again over a small
model from benchmarks/generate_model.py (60 roles, every kind, references of every sort).
The checks are those tests' own functions, called with this site, so the two never drift.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import test_site_links as links
import test_site_pages as pages

REPO = Path(__file__).resolve().parents[2]
ROLES = 60


@pytest.fixture(scope="module")
def generated_site(
    tmp_path_factory: pytest.TempPathFactory, copy_example: Any, build_site: Any, read_site: Any
) -> Any:
    project = copy_example(tmp_path_factory.mktemp("generated"))
    generated = project / "generated"
    command = ["-m", "benchmarks.generate_model", "--roles", str(ROLES), "--seed", "1"]
    subprocess.run(
        [sys.executable, *command, "--out", str(generated)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    shutil.rmtree(project / "content")
    generated.rename(project / "content")
    assert build_site(project / "mkdocs.yml", project / "site") == 0
    site = read_site(project)
    assert len(site.model.roles) == ROLES
    return site


def test_every_generated_entity_has_its_page(generated_site: Any) -> None:
    pages.test_every_entity_has_exactly_one_page_whose_heading_is_its_label(generated_site)


def test_every_generated_reference_is_a_link(generated_site: Any) -> None:
    pages.test_every_reference_in_an_entity_is_a_link_on_its_page(generated_site)


def test_every_generated_backlink_is_listed(generated_site: Any) -> None:
    pages.test_every_backlink_is_listed_once_in_a_section_or_under_referenced_by(generated_site)


def test_every_generated_entity_is_in_its_index(generated_site: Any) -> None:
    pages.test_each_index_page_links_every_entity_of_its_kind_once(generated_site)


def test_the_generated_site_has_no_broken_internal_link(generated_site: Any) -> None:
    links.test_no_internal_link_is_broken(generated_site)
