"""Input built to break the loader is refused with a clear `path:line:column` message and
a non-zero exit, by `opmodel check` and by `opmodel build`, never with a traceback: path
traversal in references, ids and file names (refused.yml), and, generated here because
they are too large or too binary to commit, a 50 MB file, 100,000 levels of nesting, alias
bombs and binary files."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

CASES = Path(__file__).resolve().parent / "refused.yml"
ORGANISATION = "name: Test\n"


def _write(content: Path, files: dict[str, str | bytes]) -> None:
    for relative, data in {"organisation.yml": ORGANISATION, **files}.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")


def _assert_refused(run: Any, expect: list[str]) -> None:
    assert "Traceback" not in run.output, run.output
    assert run.status == 1, f"exit {run.status}:\n{run.output}"
    lines = run.output.splitlines()
    for pattern in expect:
        assert any(re.fullmatch(pattern, line) for line in lines), (
            f"no line matches {pattern!r}:\n{run.output}"
        )


def _cases() -> list[Any]:
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    return [pytest.param(case, id=name) for name, case in cases.items()]


@pytest.mark.parametrize("case", _cases())
def test_check_refuses_hostile_files_with_a_located_message(
    case: dict[str, Any], tmp_path: Path, run_opmodel: Any
) -> None:
    _write(tmp_path / "content", case["files"])
    _assert_refused(run_opmodel("check", cwd=tmp_path), case["expect"])


def _billion_laughs(levels: int = 9) -> str:
    lines = ["title: Laughs", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join(lines) + "\n"


GENERATED: dict[str, tuple[dict[str, str | bytes], str]] = {
    "fifty-megabytes": (
        {},  # written in the test, not held in memory here
        r"content/roles/huge\.yml:1:1: error: file is 50\.0 MB.*\[OPM113\]",
    ),
    "flow-nesting-100000-deep": (
        {"roles/deep.yml": "title: Deep\ntags: " + "[" * 100_000 + "]" * 100_000 + "\n"},
        r"content/roles/deep\.yml:2:\d+: error: nesting deeper than \d+ levels \[OPM104\]",
    ),
    "block-nesting-1000-deep": (
        {
            "roles/deep.yml": "title: Deep\ndescription:\n"
            + "".join(f"{'  ' * i}k{i}:\n" for i in range(1, 1_000))
        },
        r"content/roles/deep\.yml:\d+:\d+: error: nesting deeper than \d+ levels \[OPM104\]",
    ),
    "billion-laughs": (
        {"roles/laughs.yml": _billion_laughs()},
        r"content/roles/laughs\.yml:\d+:\d+: error: the document expands to more than .*\[OPM104\]",
    ),
    "recursive-alias": (
        {"roles/loop.yml": "title: Loop\ntags: &loop [a, *loop]\n"},
        r"content/roles/loop\.yml:2:\d+: error: .*alias.*\[OPM104\]",
    ),
    "binary-with-nul-bytes": (
        {"roles/binary.yml": bytes(range(256)) * 64},
        r"content/roles/binary\.yml:\d+:\d+: error: file is (binary|not UTF-8).*\[OPM102\]",
    ),
    "png-image-named-yml": (
        {"people/photo.yml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(200))},
        r"content/people/photo\.yml:1:1: error: file is not UTF-8.*\[OPM102\]",
    ),
    "utf-16-text": (
        {"roles/utf16.yml": "title: Analyst\n".encode("utf-16")},
        r"content/roles/utf16\.yml:\d+:\d+: error: .*\[OPM10[12]\]",
    ),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_check_refuses_generated_hostile_files(name: str, tmp_path: Path, run_opmodel: Any) -> None:
    files, expect = GENERATED[name]
    _write(tmp_path / "content", files)
    if name == "fifty-megabytes":
        (tmp_path / "content" / "roles").mkdir()
        with (tmp_path / "content" / "roles" / "huge.yml").open("w", encoding="utf-8") as out:
            out.write("title: ")
            chunk = "a" * (1024 * 1024)
            for _ in range(50):
                out.write(chunk)
        assert (tmp_path / "content" / "roles" / "huge.yml").stat().st_size > 50 * 1024 * 1024
    _assert_refused(run_opmodel("check", cwd=tmp_path), [expect])


def test_build_refuses_every_hostile_file_at_once_and_keeps_the_previous_site(
    tmp_path: Path, run_opmodel: Any
) -> None:
    """One build over a model holding all the generated hostile files: every file is
    reported (not only the first), the exit is 1, and the site built before is untouched."""
    content = tmp_path / "content"
    _write(content, {"units/data.yml": "name: Data\n"})
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Hostile\ndocs_dir: content/pages\nplugins:\n  - opmodel\n", encoding="utf-8"
    )
    (content / "pages").mkdir()
    first = run_opmodel("build", "--site-dir", "site", cwd=tmp_path)
    assert first.status == 0, first.output
    before = {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}

    names = [n for n in sorted(GENERATED) if n != "fifty-megabytes"]
    for name in names:  # one file per case, named after it
        files = GENERATED[name][0]
        _write(content, {str(Path(p).parent / f"{name}.yml"): d for p, d in files.items()})
    run = run_opmodel("build", "--site-dir", "site", cwd=tmp_path)
    assert "Traceback" not in run.output, run.output
    assert run.status == 1, run.output
    for name in names:
        assert re.search(rf"content/\w+/{name}\.yml:\d+:\d+: error: ", run.output), (
            f"{name} not reported:\n{run.output}"
        )
    after = {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert after == before, "the failed build changed the site"
