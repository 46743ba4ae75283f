"""A symbolic link in the model, to a folder or a file, at any depth or as `content/` itself,
could publish files from outside the project (a pull request adding `pages -> /etc`): it is
refused with an error naming the link and where it points (OPM116), by `opmodel check`, by
`opmodel build` and by a plain `mkdocs build` (the plugin's load fails in `on_config`, before
MkDocs reads a linked `docs_dir: content/pages`), and nothing behind it is published.

Golden cases cannot make links, so these cases build their files and links here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SECRET = "SECRET-FROM-OUTSIDE"
ORGANISATION = "name: Test\npurpose: Testing\n"
MKDOCS = "site_name: Links\ndocs_dir: content/pages\nplugins:\n  - opmodel\n"
HINT = "(copy the {} into content/: a link could publish files from outside it) [OPM116]"

CASES: dict[str, tuple[str, str, str]] = {
    # name: (link under the project folder, what it points to, the expected message)
    "pages-folder": (
        "content/pages",
        "../outside",
        "content/pages:1:1: error: opmodel does not follow the symbolic link to '../outside' "
        + HINT.format("folder"),
    ),
    "kind-folder": (
        "content/roles",
        "../outside",
        "content/roles:1:1: error: opmodel does not follow the symbolic link to '../outside' "
        + HINT.format("folder"),
    ),
    "subfolder-of-a-kind-folder": (
        "content/units/digital/team",
        "../../../outside",
        "content/units/digital/team:1:1: error: opmodel does not follow the symbolic link to "
        "'../../../outside' " + HINT.format("folder"),
    ),
    "content-itself": (
        "content",
        "outside",
        "content:1:1: error: opmodel does not follow the symbolic link to 'outside' "
        "(pass the folder it points to) [OPM116]",
    ),
    "organisation-file": (
        "content/organisation.yml",
        "../outside/organisation.yml",
        "content/organisation.yml:1:1: error: opmodel does not follow the symbolic link to "
        "'../outside/organisation.yml' " + HINT.format("file"),
    ),
}
OUTSIDE: dict[str, dict[str, str]] = {
    # what each link would publish: files valid where the link stands, so that only the
    # refusal of the link keeps them off the site
    "pages-folder": {"leak.md": f"# {SECRET}\n\n{SECRET}\n"},
    "kind-folder": {"leak.yml": f"title: {SECRET}\nunit: digital\n"},
    "subfolder-of-a-kind-folder": {"leak.yml": f"name: {SECRET}\n"},
    "content-itself": {
        "organisation.yml": f"name: {SECRET}\npurpose: Testing\n",
        "pages/guide.md": "# Guides\n",  # MkDocs needs its docs_dir to start at all
    },
    "organisation-file": {"organisation.yml": f"name: {SECRET}\npurpose: Testing\n"},
}


def _project(root: Path, case: str) -> Path:
    """A valid model whose one link is `case`'s; outside/ holds what the link would publish."""
    link, target, _ = CASES[case]
    outside = root / "outside"
    outside.mkdir()
    for name, text in OUTSIDE[case].items():
        (outside / name).parent.mkdir(parents=True, exist_ok=True)
        (outside / name).write_text(text, encoding="utf-8")
    content = root / "content"
    (content / "units/digital").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "organisation.yml").write_text(ORGANISATION, encoding="utf-8")
    (content / "units/digital.yml").write_text("name: Digital\n", encoding="utf-8")
    (content / "pages/guide.md").write_text("# Guides\n", encoding="utf-8")
    path = root / link
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
    path.symlink_to(target, target_is_directory=not target.endswith(".yml"))
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    return root


def _published(site: Path) -> list[str]:
    if not site.exists():
        return []
    return [
        p.relative_to(site).as_posix()
        for p in sorted(site.rglob("*"))
        if p.is_file() and SECRET.encode() in p.read_bytes()
    ]


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_refuses_a_symbolic_link_naming_where_it_points(
    case: str, tmp_path: Path, run_opmodel: Any
) -> None:
    root = _project(tmp_path, case)

    run = run_opmodel("check", cwd=root)

    assert "Traceback" not in run.output, run.output
    assert run.status == 1, run.output
    assert CASES[case][2] in run.output.splitlines(), run.output
    assert SECRET not in run.output


@pytest.mark.parametrize("case", sorted(CASES))
def test_build_refuses_a_symbolic_link_and_publishes_nothing(
    case: str, tmp_path: Path, run_opmodel: Any
) -> None:
    root = _project(tmp_path, case)

    run = run_opmodel("build", cwd=root)

    assert "Traceback" not in run.output, run.output
    assert run.status == 1, run.output
    assert CASES[case][2] in run.output, run.output
    assert _published(root / "site") == []
    assert not (root / "site").exists(), sorted((root / "site").rglob("*"))


def test_a_plain_mkdocs_build_refuses_a_linked_pages_folder_and_keeps_the_site(
    tmp_path: Path,
) -> None:
    """MkDocs would read a linked `docs_dir` itself: the plugin's load must fail first."""
    root = _project(tmp_path, "pages-folder")
    link = root / "content/pages"
    link.unlink()
    link.mkdir()
    (link / "guide.md").write_text("# Guides\n", encoding="utf-8")
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]
    env = os.environ | {"SOURCE_DATE_EPOCH": "1795392000", "NO_MKDOCS_2_WARNING": "1"}
    first = subprocess.run(mkdocs, cwd=root, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    shutil.rmtree(link)
    link.symlink_to("../outside", target_is_directory=True)

    run = subprocess.run(mkdocs, cwd=root, env=env, capture_output=True, text=True)

    assert run.returncode != 0, run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    assert CASES["pages-folder"][2] in run.stderr, run.stderr
    assert _published(root / "site") == []
    after = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before, "the refused build changed the site"
