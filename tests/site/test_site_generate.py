"""`opmodel generate DIR`: the generated Markdown tree for other engines, diagrams inline."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from opmodel.cli import main
from opmodel.model.model import Model
from opmodel.site import urls
from opmodel.site.generate import GENERATED_DOCS, GenerateFailed, generate

REPO = Path(__file__).resolve().parents[2]


def test_the_tree_has_every_entity_page_with_its_diagrams_in_place(
    tmp_path: Path, example_model: Model, monkeypatch: Any
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")

    assert main(["generate", str(tmp_path / "tree"), "--content", str(REPO / "content")]) == 0

    out = tmp_path / "tree" / GENERATED_DOCS
    for entity in example_model.all_entities():
        assert (out / urls.page_path(entity.ref)).is_file(), urls.page_path(entity.ref)
    texts = {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*.md")}
    assert not [path for path, text in texts.items() if "opmodel figure" in text]
    role = next(r for r in example_model.roles if r.reports_to is not None)
    assert '<svg class="opm-diagram"' in texts[urls.page_path(role.ref)]
    assert texts["index.md"].count('<svg class="opm-diagram"') == 1  # structure
    assert 'id="opm_governance"' in texts[urls.index_path("forum")]  # linked from home


def test_links_follow_the_url_style_the_engine_will_use(
    tmp_path: Path, example_model: Model, monkeypatch: Any
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    role = next(r for r in example_model.roles if r.reports_to is not None)
    manager = role.reports_to
    assert manager is not None
    for flag, href in (([], f"../{manager.id}/"), (["--no-directory-urls"], f"{manager.id}.html")):
        out = tmp_path / (flag[0] if flag else "directories")
        args = ["generate", str(out), "--content", str(REPO / "content"), "--no-diagrams"]
        assert main(args + flag) == 0
        text = (out / GENERATED_DOCS / urls.page_path(role.ref)).read_text()
        assert f'<td>Reports to</td><td><a href="{href}">' in text


def test_a_script_url_fails_the_build_as_it_fails_check(tmp_path: Path, write_model: Any) -> None:
    """OPM208 is an error in every build, strict or not, where health findings only warn."""
    content = write_model(tmp_path, {"pages/guide.md": "# Guide\n\n[x](JaVaScRiPt:alert(1))\n"})

    with pytest.raises(GenerateFailed) as failed:
        generate(content, diagrams=False, baseline=None)

    assert re.search(r"guide\.md:3:5: error: javascript: URL .*\[OPM208\]", str(failed.value))
