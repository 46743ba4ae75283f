"""opmodel added to an existing MkDocs site never replaces the site's own pages: a page at a
path the model uses is refused (OPM121), naming both; `mount:` puts the whole model in a
folder of the site, beside the site's own pages, with every link still working."""

from __future__ import annotations

import posixpath
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from opmodel.scaffold import scaffold

CONFIG = """site_name: Handbook
theme:
  name: material
plugins:
  - search
  - opmodel:
      content: model
{options}"""


def _site(tmp_path: Path, options: str = "") -> Path:
    """docs/index.md and docs/about.md of the site's own, and a small model beside them."""
    project = tmp_path / "handbook"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Our handbook\n\nSee [about](about.md).\n")
    (project / "docs" / "about.md").write_text("# About us\n")
    starter = tmp_path / "starter"
    scaffold(starter)
    shutil.copytree(starter / "content", project / "model")
    (project / "mkdocs.yml").write_text(CONFIG.format(options=options), encoding="utf-8")
    return project


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value and tag in ("a", "link", "script", "img"):
                self.links.append(value)


def _broken_links(site: Path) -> list[str]:
    broken = []
    # 404.html is Material's, with root-absolute links (served from any folder): not ours.
    for page in sorted(p for p in site.rglob("*.html") if p.name != "404.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        folder = page.parent.relative_to(site).as_posix()
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = site / posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)}: {link}")
    return broken


def test_a_page_of_the_sites_own_where_the_model_publishes_one_is_refused(
    tmp_path: Path, run: Any
) -> None:
    project = _site(tmp_path)

    done = run("mkdocs", "build", "-d", "site", cwd=project)

    assert done.status == 1, done.output
    assert "Traceback" not in done.output
    assert (
        "docs/index.md:1:1: error: the site's own 'index.md' (docs/index.md) and opmodel's "
        "home page have the same path (move yours, or set `mount: operating-model/`"
    ) in done.output
    assert "[OPM121]" in done.output
    assert "about.md" not in done.output  # only what is in the way


def test_a_mounted_model_lives_in_its_folder_beside_the_sites_own_pages(
    tmp_path: Path, run: Any
) -> None:
    project = _site(tmp_path, "      mount: operating-model/\n")

    done = run("mkdocs", "build", "-d", "site", cwd=project)

    assert done.status == 0, done.output
    site = project / "site"
    assert "Our handbook" in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "about" / "index.html").is_file()
    home = (site / "operating-model" / "index.html").read_text(encoding="utf-8")
    assert "Example Organisation" in home
    assert (site / "operating-model" / "roles" / "delivery-lead" / "index.html").is_file()
    assert (site / "operating-model" / "editing-this-model" / "index.html").is_file()
    assert (site / "operating-model" / "model.json").is_file()
    assert (site / "operating-model" / "assets" / "opmodel" / "opmodel.css").is_file()
    assert not (site / "roles").exists() and not (site / "assets" / "opmodel").exists()
    own = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="about/"' in own and 'href="operating-model/"' in own  # both in the nav
    assert _broken_links(site) == []


@pytest.mark.parametrize("mount", ["../outside/", "a/../../b", "/"])
def test_a_mount_outside_the_site_is_refused_or_ignored(
    mount: str, tmp_path: Path, run: Any
) -> None:
    project = _site(tmp_path, f"      mount: '{mount}'\n")

    done = run("mkdocs", "build", "-d", "site", cwd=project)

    assert "Traceback" not in done.output
    if mount == "/":  # the site's root: the same as no mount, so index.md is in the way
        assert "[OPM121]" in done.output
    else:
        assert "is not a folder inside the site" in done.output
    assert done.status == 1
