"""`opmodel build` as users rely on it: the same input gives byte-identical output, and a
model with an error fails the build without touching the site already published."""

from __future__ import annotations

import gzip
import re
import struct
from pathlib import Path
from typing import Any


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_two_builds_of_the_same_model_are_byte_identical(
    example_site: Any, example_config: Path, tmp_path: Path, build_site: Any
) -> None:
    again = tmp_path / "elsewhere" / "site"
    assert build_site(example_config, again) == 0
    first, second = _snapshot(example_site.root), _snapshot(again)
    assert sorted(first) == sorted(second), "the two builds wrote different files"
    differing = [path for path in first if first[path] != second[path]]
    assert not differing, "files that differ between two builds:\n" + "\n".join(differing)
    print(f"\n{len(first)} files identical in two builds")


def test_gzipped_sitemap_carries_source_date_epoch_not_the_build_time(
    example_site: Any, source_date_epoch: int
) -> None:
    """A gzip header holds a modification time; it must come from SOURCE_DATE_EPOCH, or two
    builds a second apart would differ. (The byte comparison above covers it only when the
    two builds fall in different seconds, so it is pinned here.)"""
    data = (example_site.root / "sitemap.xml.gz").read_bytes()
    assert data[:2] == b"\x1f\x8b"
    (mtime,) = struct.unpack("<I", data[4:8])
    assert mtime == source_date_epoch
    assert gzip.decompress(data) == (example_site.root / "sitemap.xml").read_bytes()


def test_a_model_with_an_error_fails_the_build_and_leaves_the_site_untouched(
    copy_example: Any, build_site: Any, tmp_path: Path, capfd: Any
) -> None:
    project = copy_example(tmp_path)
    site = project / "site"
    assert build_site(project / "mkdocs.yml", site) == 0
    before = _snapshot(site)
    assert "index.html" in before
    capfd.readouterr()

    (project / "content" / "roles" / "broken-role.yml").write_text(
        "title: Broken role\nunit: no-such-unit\n", encoding="utf-8"
    )
    assert build_site(project / "mkdocs.yml", site) == 1

    out, err = capfd.readouterr()
    messages = out + err
    assert re.search(r"roles/broken-role\.yml:2:\d+: error", messages), messages
    assert "Traceback" not in messages
    assert _snapshot(site) == before, "the failed build changed the published site"
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".site")]
    assert not leftovers, f"the failed build left staging folders: {leftovers}"
