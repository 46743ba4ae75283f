"""Profile `opmodel check` and a cold `mkdocs build` of a generated model with cProfile.

    .venv/bin/python -m benchmarks.profile --size M --what check build
    .venv/bin/python -m benchmarks.profile --size M --what check-cold    # no entity cache

Uses the model and mkdocs.yml that `benchmarks.run` made in benchmarks/out/<size>/
(generating them if missing). Writes `<what>.prof` (open with `python -m pstats` or
snakeviz) and `<what>.txt`: time per package (time in C functions such as `re` or
`str.join` is charged to the package that called them), the slowest functions of our own
code by cumulative time, and the top functions by own time overall.

cProfile slows Python-heavy code by about 1.5-2x and sees only the main thread: diagram
rendering waits on `dot` processes in worker threads, which shows up as time waiting in
`render_figures`. Percentages are what to compare, not seconds.
"""

from __future__ import annotations

import argparse
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from benchmarks.generate_model import SIZES
from benchmarks.run import ENV, REPO, prepare_content, write_mkdocs_yml

Func = tuple[str, int, str]


def bucket(filename: str) -> str:
    """Which package a function belongs to: `opmodel.site.render`, `mkdocs`, `material`."""
    path = filename.replace(os.sep, "/")
    if "/generator/opmodel/" in path:
        module = path.split("/generator/", 1)[1].removesuffix(".py").replace("/", ".")
        return module.removesuffix(".__init__")
    if "/site-packages/" in path:
        top = path.split("/site-packages/", 1)[1].split("/", 1)[0]
        return top.removesuffix(".py").split(".")[0]
    if filename == "~":
        return "builtins"
    if "<frozen" in filename or "/lib/python3" in path:
        return "stdlib"
    return "other"


def package_times(stats: pstats.Stats) -> dict[str, float]:
    """Own time per package; a C function's time goes to its callers' packages."""
    totals: dict[str, float] = defaultdict(float)
    raw = stats.stats  # type: ignore[attr-defined]
    for (filename, _, _), (_, _, own, _, callers) in raw.items():
        if filename != "~":
            totals[bucket(filename)] += own
            continue
        if not callers:
            totals["builtins"] += own
            continue
        for caller, (_, _, caller_own, _) in callers.items():
            totals[bucket(caller[0])] += caller_own
    return dict(totals)


def total_time(stats: pstats.Stats) -> float:
    return float(stats.total_tt)  # type: ignore[attr-defined]


STAGES: list[tuple[str, str, str]] = [
    (
        "opmodel: load, check, views, diagrams, pages (on_config)",
        "opmodel/site/mkdocs/plugin.py",
        "on_config",
    ),
    ("  of which diagrams (build DOT + render SVG)", "opmodel/site/figures.py", "page_diagrams"),
    ("  of which rendering SVGs (waiting on dot)", "opmodel/site/figures.py", "render_figures"),
    ("  of which the RACI matrices", "opmodel/views/who_decides.py", "raci_matrices"),
    ("MkDocs: Markdown -> HTML (Page.render)", "mkdocs/structure/pages.py", "render"),
    (
        "MkDocs: page build, template + events (_build_page)",
        "mkdocs/commands/build.py",
        "_build_page",
    ),
    (
        "  of which Material search indexing (on_page_context)",
        "material/plugins/search/plugin.py",
        "on_page_context",
    ),
    ("MkDocs: writing files (write_file)", "mkdocs/utils/__init__.py", "write_file"),
]
"""(label, file, function) of the cumulative times that split a build into its stages."""


def stage_times(stats: pstats.Stats) -> list[tuple[str, float]]:
    raw = stats.stats  # type: ignore[attr-defined]
    found = []
    for label, suffix, function in STAGES:
        times = [
            data[3]
            for (filename, _, name), data in raw.items()
            if name == function and filename.replace(os.sep, "/").endswith(suffix)
        ]
        if times:
            found.append((label, max(times)))
    return found


def report(prof: Path, title: str, top: int = 25) -> str:
    stats = pstats.Stats(str(prof))
    total = total_time(stats)
    raw = stats.stats  # type: ignore[attr-defined]
    lines = [f"# {title}", "", f"total profiled time: {total:.1f} s", ""]

    stages = stage_times(stats)
    if any(label.startswith("MkDocs") for label, _ in stages):
        lines.append("## Stages (cumulative time)")
        for label, seconds in stages:
            lines.append(f"{label:58} {seconds:8.1f} s {100 * seconds / total:5.1f}%")
        lines.append("")

    lines.append("## Own time by package (C calls charged to their caller)")
    packages = package_times(stats)
    ours = sum(t for name, t in packages.items() if name.startswith("opmodel"))
    lines.append(f"{'all of opmodel':42} {ours:8.1f} s {100 * ours / total:5.1f}%")
    for name, seconds in sorted(packages.items(), key=lambda kv: -kv[1])[:30]:
        lines.append(f"{name:42} {seconds:8.1f} s {100 * seconds / total:5.1f}%")

    lines += ["", f"## Our functions by cumulative time (top {top})"]
    own_funcs = [(f, data) for f, data in raw.items() if bucket(f[0]).startswith("opmodel")]
    for func, (_, calls, own, cumulative, _) in sorted(own_funcs, key=lambda fd: -fd[1][3])[:top]:
        lines.append(
            f"{100 * cumulative / total:5.1f}% cum {cumulative:7.1f}s  own {own:6.1f}s  "
            f"calls {calls:>8}  {_name(func)}"
        )

    lines += ["", f"## All functions by own time (top {top})"]
    for func, (_, calls, own, cumulative, _) in sorted(raw.items(), key=lambda fd: -fd[1][2])[:top]:
        lines.append(
            f"{100 * own / total:5.1f}% own {own:6.1f}s  cum {cumulative:7.1f}s  "
            f"calls {calls:>8}  {_name(func)}"
        )
    return "\n".join(lines) + "\n"


def _name(func: Func) -> str:
    filename, line, name = func
    if filename == "~":
        return name
    path = filename.replace(os.sep, "/")
    for marker in ("/generator/", "/site-packages/", "/lib/python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{path}:{line}({name})"


def profile(size: str, what: str, out: Path, seed: int) -> Path:
    folder = (REPO / "benchmarks" / "out" / size).resolve()
    prepare_content(folder, SIZES[size] if size in SIZES else int(size), seed, False)
    config = write_mkdocs_yml(folder, size)
    prof = out / f"{size}-{what}.prof"
    if what in ("check", "check-cold"):
        # `opmodel.cli`'s own entry point ends the process at once (`os._exit`), before
        # cProfile could write its figures: call `main` instead
        argv = ["check", "--content", "content", *(["--no-cache"] if what == "check-cold" else [])]
        profiled = f"from opmodel.cli import main; main({argv!r})"
        command = [
            sys.executable,
            "-c",
            f"import cProfile; cProfile.run({profiled!r}, {str(prof)!r})",
        ]
        site = None
    else:
        shutil.rmtree(folder / ".cache" / "opmodel", ignore_errors=True)  # a cold build
        site = Path(tempfile.mkdtemp(prefix="opmodel-profile-site-"))
        mkdocs = ["-m", "mkdocs", "build", "--quiet", "-f", config.name, "-d", str(site)]
        command = [sys.executable, "-m", "cProfile", "-o", str(prof), *mkdocs]
    try:
        subprocess.run(
            command,
            cwd=folder,
            env=os.environ | ENV,
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    finally:
        if site is not None:
            shutil.rmtree(site, ignore_errors=True)
    text = report(prof, f"{what} of size {size}")
    (out / f"{size}-{what}.txt").write_text(text, encoding="utf-8")
    return out / f"{size}-{what}.txt"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.profile",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--size", default="M")
    parser.add_argument(
        "--what", nargs="+", choices=("check", "check-cold", "build"), default=["check", "build"]
    )
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "profile")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for what in args.what:
        written = profile(args.size, what, args.out.resolve(), args.seed)
        print(written.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
