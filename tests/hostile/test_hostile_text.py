"""Text that no page can show, tags after the first, and files that look like entities but
are not read: each is reported, every one in the same run, and a build that meets them
publishes nothing (the previous site stays byte for byte)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

ORGANISATION = "name: Test\npurpose: Testing\n"
MKDOCS = "site_name: Text\ndocs_dir: content/pages\nplugins:\n  - opmodel\n"
UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

CONTROL_TITLE = 'title: "Bell\\a Null\\0 NonChar\\uFFFE"\nunit: data\n'
CONTROL_BODY = "---\nname: Board\n---\nThe \x1b[31mred\x1b[0m charter\x7f.\n"


def _project(root: Path, files: dict[str, str]) -> Path:
    content = root / "content"
    for relative, text in {
        "organisation.yml": ORGANISATION,
        "units/data.yml": "name: Data\n",
        "pages/guide.md": "# Guide\n",
        **files,
    }.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    return content


def _site(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted((root / "site").rglob("*")) if p.is_file()}


def test_every_bad_tag_in_a_file_is_reported_at_its_own_line(
    tmp_path: Path, run_opmodel: Any
) -> None:
    _project(
        tmp_path,
        {
            "roles/tags.yml": "title: Tags\n"
            "contact: !!python/object:foo.Bar {}\n"
            "summary: !custom x\n"
            "photo: !!binary aGk=\n"
        },
    )

    run = run_opmodel("check", cwd=tmp_path)

    found = re.findall(r"content/roles/tags\.yml:(\d+):\d+: error: YAML tag '([^']+)'", run.output)
    assert found == [("2", "!!python/object:foo.Bar"), ("3", "!custom"), ("4", "!!binary")]
    assert run.status == 1 and "Traceback" not in run.output


def test_control_characters_are_refused_and_a_build_publishes_nothing_new(
    tmp_path: Path, run_opmodel: Any
) -> None:
    """Escaped in a YAML value, or raw in a Markdown text: `check` refuses each at its place,
    and `build` leaves the site it built before untouched, with no such character in it."""
    content = _project(tmp_path, {"roles/analyst.yml": "title: Analyst\nunit: data\n"})
    first = run_opmodel("build", cwd=tmp_path)
    assert first.status == 0, first.output
    before = _site(tmp_path)
    cases = {
        "roles/analyst.yml": (CONTROL_TITLE, r"content/roles/analyst\.yml:1:8: error: .*U\+0007"),
        "forums/board.md": (CONTROL_BODY, r"content/forums/board\.md:4:5: error: .*U\+001B"),
    }
    for relative, (text, expect) in cases.items():
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_text(text, encoding="utf-8")

        check = run_opmodel("check", cwd=tmp_path)
        build = run_opmodel("build", cwd=tmp_path)

        for run in (check, build):
            assert run.status == 1, run.output
            assert "Traceback" not in run.output, run.output
            assert re.search(expect + r".*\[OPM118\]", run.output), run.output
        assert _site(tmp_path) == before, f"{relative}: the refused build changed the site"
        (content / relative).unlink()
    views = (".html", ".svg", ".json", ".csv", ".xml", ".txt")
    published = [
        p for p, data in before.items() if p.suffix in views and UNSHOWABLE.search(data.decode())
    ]
    assert published == []


def test_files_named_unlike_ids_are_never_skipped_silently(
    tmp_path: Path, run_opmodel: Any
) -> None:
    names = ["..yml", ".hidden.yml", "Bad Name.yml", "x.yaml.bak"]
    _project(tmp_path, {f"roles/{name}": "title: X\n" for name in names})

    run = run_opmodel("check", cwd=tmp_path)

    lines = run.output.splitlines()
    for name, severity in zip(names, ["warning", "warning", "error", "error"], strict=True):
        assert any(line.startswith(f"content/roles/{name}:1:1: {severity}: ") for line in lines), (
            f"{name}: no {severity}\n{run.output}"
        )
    assert "rename it to 'hidden.yml'" in run.output


def test_build_says_which_hidden_files_it_did_not_read(tmp_path: Path, run_opmodel: Any) -> None:
    _project(tmp_path, {"roles/.hidden.yml": "title: Hidden\n", "roles/..yml": "title: X\n"})

    run = run_opmodel("build", cwd=tmp_path)

    assert run.status == 0, run.output
    for name in ("..yml", ".hidden.yml"):
        assert f"content/roles/{name}:1:1: warning: '{name}' is not read" in run.output, run.output
