"""`opmodel generate OUT` builds as it is under MkDocs and ProperDocs, in both URL styles,
with no broken internal link: its mkdocs.yml records the style the links were written for
(tables, lists and diagrams are raw HTML, which neither engine rewrites)."""

from __future__ import annotations

import os
import posixpath
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.site.conftest import REPO, SOURCE_DATE_EPOCH, parse_page

from opmodel.cli import main

BIN = Path(sys.executable).parent
STYLES = {"directory URLs": [], "file URLs": ["--no-directory-urls"]}


@pytest.fixture(scope="module", params=list(STYLES))
def generated(request: Any, tmp_path_factory: Any) -> Path:
    """The example's tree, diagrams included (their nodes link too), in one URL style."""
    out = tmp_path_factory.mktemp(request.param.replace(" ", "-"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(SOURCE_DATE_EPOCH))
        args = ["generate", str(out), "--content", str(REPO / "content")]
        assert main(args + STYLES[request.param]) == 0
    return out


def broken_links(root: Path) -> tuple[int, list[str]]:
    """(internal links checked, those that reach no file of the site or no id on it)."""
    pages = {p.path: p for p in (parse_page(root, f) for f in sorted(root.rglob("*.html")))}
    checked, broken = 0, []
    for page in pages.values():
        for link in page.links:
            target, fragment = page.resolve(link.value)
            if target is None:
                continue
            checked += 1
            if (root / target).is_dir():
                target = posixpath.join(target, "index.html")
            where = f"{page.path}: {link.value}"
            if target.startswith("..") or not (root / target).is_file():
                broken.append(f"{where} -> {target} does not exist")
            elif fragment and target in pages and fragment not in pages[target].ids:
                broken.append(f"{where} -> no id {fragment!r}")
    return checked, broken


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_the_generated_tree_builds_with_no_broken_link(generated: Path, engine: str) -> None:
    site = generated / f"site-{engine}"
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(SOURCE_DATE_EPOCH)}
    run = subprocess.run(
        [str(BIN / engine), "build", "--strict", "--site-dir", str(site)],
        cwd=generated,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr

    checked, broken = broken_links(site)
    print(f"\n{engine}, {generated.name}: {checked} internal links, {len(broken)} broken")
    assert checked > 5_000, "the link walk found suspiciously few links"
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:30])


def test_the_configuration_names_the_pages_assets_and_url_style(generated: Path) -> None:
    config = yaml.safe_load((generated / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = generated / config["docs_dir"]

    assert config["theme"]["name"] == "material"
    assert {"tables", "md_in_html", "attr_list"} <= {
        e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]
    }
    for asset in config["extra_css"] + config["extra_javascript"]:
        assert (docs / asset).is_file(), asset
    written = not (docs / "roles" / "index.md").read_text().count('.html"')
    assert config["use_directory_urls"] is written
    assert {"At a glance": "index.md"} in config["nav"]


def test_generating_twice_writes_the_same_configuration(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(SOURCE_DATE_EPOCH))
    made = []
    for name in ("a", "b"):
        args = ["generate", str(tmp_path / name), "--content", str(REPO / "content")]
        assert main([*args, "--no-diagrams"]) == 0
        made.append((tmp_path / name / "mkdocs.yml").read_bytes())
    assert made[0] == made[1]
