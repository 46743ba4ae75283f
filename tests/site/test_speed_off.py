"""Switching the speed machinery off changes no output (`opmodel.speed`): a plain runner (one
core, no cache) builds byte for byte the site the fastest runner builds, cold or from its
caches, with every loop forked (forced on the example, which is below the sizes where forking
starts). The example built before and after a change to this machinery compares the same
way: `sha256sum` of every file of the two site folders."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from tests.site.conftest import REPO
from tests.site.test_site_rebuild import _mkdocs_build

import opmodel.speed
from opmodel.site.generate import Generated, generate
from opmodel.speed import Speed, fork_map, prerender


def _hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _on_cores(monkeypatch: pytest.MonkeyPatch, cores: int) -> None:
    monkeypatch.setattr(opmodel.speed, "available_workers", lambda: cores)
    monkeypatch.setattr(prerender, "available_workers", lambda: cores)
    if cores > 1:  # fork every loop and prerender every page, however few
        monkeypatch.setattr(fork_map, "MIN_ITEMS", 1)
        monkeypatch.setattr(prerender, "MIN_PAGES", 1)


def test_the_site_is_the_same_with_the_speed_machinery_off_or_forced_on(
    copy_example: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Copies of the example, outside git: the same (empty) history for both.
    (tmp_path / "plain").mkdir()
    (tmp_path / "forked").mkdir()
    plain_project = copy_example(tmp_path / "plain")
    config = plain_project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - opmodel:\n", "  - opmodel:\n      cache: false\n"),
        encoding="utf-8",
    )
    forked_project = copy_example(tmp_path / "forked")
    with monkeypatch.context() as patch:
        _on_cores(patch, 1)
        _mkdocs_build(plain_project, tmp_path / "plain-site", patch)
    with monkeypatch.context() as patch:
        _on_cores(patch, 2)
        _mkdocs_build(forked_project, tmp_path / "cold", patch)
        _mkdocs_build(forked_project, tmp_path / "warm", patch)  # from every cache

    assert not (plain_project / ".cache").exists()
    assert (forked_project / ".cache").is_dir()
    plain = _hashes(tmp_path / "plain-site")
    assert _hashes(tmp_path / "cold") == plain
    assert _hashes(tmp_path / "warm") == plain


def _tree(generated: Generated) -> dict[str, bytes]:
    tree = {page.path: page.markdown.encode() for page in generated.pages}
    tree |= generated.assets
    tree |= {path: text.encode() for path, text in generated.guides.items()}
    return tree


def test_opmodel_generate_is_the_same_with_every_runner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    monkeypatch.setattr(fork_map, "MIN_ITEMS", 1)
    content = REPO / "content"

    def made(speed: Speed) -> dict[str, bytes]:
        return _tree(generate(content, baseline=None, speed=speed))

    plain = made(Speed.plain())
    assert made(Speed(workers=2, cache_dir=tmp_path / "cache")) == plain
    assert made(Speed(workers=2, cache_dir=tmp_path / "cache")) == plain  # from the caches
    serving = Speed.fastest(tmp_path / "cache", serving=True)
    assert made(serving) == plain
    assert made(serving) == plain  # every page kept from the last build
