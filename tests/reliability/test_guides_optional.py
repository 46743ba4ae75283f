"""The guides folder (content/pages/) is optional: a model without it builds, with
`opmodel build` and with plain `mkdocs build`, from the configuration `opmodel new` writes;
and no file of the model is published as it is (the YAML stays a source)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from opmodel.scaffold import scaffold


def _published(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def _assert_a_whole_site(site: Path) -> set[str]:
    published = _published(site)
    assert {"index.html", "roles/index.html", "who-decides/index.html"} <= published
    assert not [p for p in published if p.endswith((".yml", ".yaml", ".md"))]
    return published


@pytest.mark.parametrize("command", ["opmodel", "mkdocs"])
def test_a_new_model_without_guides_builds(command: str, tmp_path: Path, run: Any) -> None:
    project = tmp_path / "project"
    scaffold(project, name="No Guides")
    shutil.rmtree(project / "content" / "pages")
    args = ["build", "--site-dir", "site"] if command == "opmodel" else ["build", "-d", "site"]

    done = run(command, *args, cwd=project)

    assert done.status == 0, done.output
    assert "Traceback" not in done.output
    _assert_a_whole_site(project / "site")


def test_a_new_model_publishes_its_guides_and_no_model_file(tmp_path: Path, run: Any) -> None:
    project = tmp_path / "project"
    scaffold(project)

    done = run("mkdocs", "build", "--strict", "-d", "site", cwd=project)

    assert done.status == 0, done.output
    assert "WARNING" not in done.output  # builds clean
    published = _assert_a_whole_site(project / "site")
    assert "editing-this-model.html" in published
    assert "forums/delivery-review.html" in published  # the generated page, not the source
    page = (project / "site" / "forums" / "delivery-review.html").read_text(encoding="utf-8")
    assert "opm-" in page


def test_a_site_whose_docs_dir_is_the_guides_folder_still_builds(tmp_path: Path, run: Any) -> None:
    """mkdocs.yml files written before guides became optional say `docs_dir: content/pages`."""
    project = tmp_path / "project"
    scaffold(project)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "docs_dir: content\n", "docs_dir: content/pages\n"
    )
    config.write_text(text, encoding="utf-8")

    done = run("opmodel", "build", "--site-dir", "site", cwd=project)

    assert done.status == 0, done.output
    assert "editing-this-model.html" in _assert_a_whole_site(project / "site")
