"""Time history and diff on a large model in a throwaway git repository.

    python -m benchmarks.history_diff --roles 10000

Generates the model (benchmarks.generate_model), commits it as v1, then three commits of
the kind of edits a model gets (titles reworded, roles moving unit, files renamed with
every reference updated, forums meeting more often or retiring, new roles, roadmap items
deleted), and times: `entity_history` (one `git log`), `load_model_at` (one `ls-tree`, one
`cat-file --batch`, then the loader reading from memory; its cache cleared), the plain
`load_model` of the work tree for comparison, `diff_models` and `explained_by`. Each timing
is the best of `--repeat` runs: a busy machine only ever makes a run slower.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.generate_model import main as generate
from opmodel.diff import diff_models, explained_by
from opmodel.history import entity_history, load_model_at
from opmodel.history import git as git_calls
from opmodel.history.revision import _load_commit
from opmodel.model.build import load_model

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, env={**os.environ, **GIT_ENV})


def commit(root: Path, message: str, tag: str = "") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    if tag:
        git(root, "tag", tag)


def timed(label: str, action: Callable[[], Any], repeat: int = 1) -> Any:
    """Run `action` `repeat` times; print the fastest (the machine may be busy)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    print(f"{label:<50} {min(times):7.2f} s" + (f"  (best of {repeat})" if repeat > 1 else ""))
    return result


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def set_status(path: Path, status: str) -> None:
    text = path.read_text(encoding="utf-8")
    if re.search(r"(?m)^status: ", text):
        path.write_text(re.sub(r"(?m)^status: .*$", f"status: {status}", text), encoding="utf-8")
    elif text.startswith("---\n"):
        path.write_text(f"---\nstatus: {status}\n{text[4:]}", encoding="utf-8")
    else:
        path.write_text(f"status: {status}\n{text}", encoding="utf-8")


def rename_roles(content: Path, ids: list[str]) -> None:
    """Rename role files and rewrite every reference to them, as a careful editor would."""
    pattern = re.compile(r"(?<![\w-])(role:)?(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    for path in content.rglob("*"):
        if path.suffix in (".yml", ".md") and path.is_file():
            text = path.read_text(encoding="utf-8")
            changed = pattern.sub(lambda m: f"{m[1] or ''}{m[2]}-renamed", text)
            if changed != text:
                path.write_text(changed, encoding="utf-8")
    for ident in ids:
        (content / "roles" / f"{ident}.yml").rename(content / "roles" / f"{ident}-renamed.yml")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roles", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the repository")
    parser.add_argument("--profile", action="store_true", help="profile load_model_at")
    parser.add_argument("--repeat", type=int, default=3, help="best of N for each timing")
    parser.add_argument("--extra-commits", type=int, default=50, help="small commits after v1")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="opmodel-history-bench-"))
    content = root / "content"
    try:
        timed(
            "generate the model",
            lambda: generate(["--roles", str(args.roles), "--out", str(content)]),
        )
        git(root, "init", "-q", "-b", "main")
        timed("commit v1", lambda: commit(root, "v1", tag="v1"))
        roles = sorted(p.stem for p in (content / "roles").glob("*.yml"))
        forums = sorted((content / "forums").glob("*.md"))
        # 2: reword 100 titles, move 20 roles to another unit
        for ident in roles[:100]:
            edit(content / "roles" / f"{ident}.yml", "title: ", "title: Senior ")
        units = sorted(p.stem for p in (content / "units").glob("*.yml"))
        for index, ident in enumerate(roles[100:120]):
            path = content / "roles" / f"{ident}.yml"
            text = path.read_text(encoding="utf-8")
            path.write_text(
                re.sub(r"(?m)^unit: .*$", f"unit: {units[index]}", text), encoding="utf-8"
            )
        commit(root, "reword titles, move roles")
        # 3: rename 20 roles (references updated), 10 forums weekly, 5 retiring
        rename_roles(content, roles[200:220])
        for path in forums[:10]:
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"(?m)^cadence: .*$", "cadence: weekly", text), encoding="utf-8")
        for path in forums[10:15]:
            set_status(path, "retiring")
        commit(root, "rename roles, forum cadence and retirement")
        # 4: 10 new roles, 10 roadmap items deleted
        for n in range(10):
            (content / "roles" / f"new-role-{n}.yml").write_text(f"title: New role {n}\n")
        for path in sorted((content / "changes").glob("*.yml"))[:10]:
            path.unlink()
        commit(root, "new roles, roadmap tidy")
        # then small everyday commits: a few roles' purposes reworded in each
        for n in range(args.extra_commits):
            for ident in roles[1000 + 5 * n : 1005 + 5 * n]:
                path = content / "roles" / f"{ident}.yml"
                text = path.read_text(encoding="utf-8")
                text = re.sub(r"(?m)^summary: .*$", f"summary: Reworded in commit {n}.", text)
                path.write_text(text, encoding="utf-8")
            commit(root, f"reword {n}")

        files = sum(1 for _ in content.rglob("*.*"))
        print(f"repository: {root} ({files} files, {4 + args.extra_commits} commits)")
        n = args.repeat
        history = timed("entity_history (one git log)", lambda: entity_history(root, "content"), n)
        followed = sum(len(history.get(("role", f"{i}-renamed"), ())) > 1 for i in roles[200:220])
        print(f"  {len(history)} entities with history; {followed} of 20 renamed roles followed")

        def read_git() -> Any:
            entries = git_calls.ls_tree(root, "v1", "content")
            return git_calls.read_blobs(root, (e.blob for e in entries))

        timed("  of which: ls-tree + cat-file --batch", read_git, n)
        old = timed(
            "load_model_at v1 (git, then load_model from memory)",
            lambda: (_load_commit.cache_clear(), load_model_at(root, "content", "v1"))[1],
            n,
        )
        if args.profile:
            import cProfile
            import pstats

            cProfile.runctx(
                "load_model_at(root, 'content', 'v1')", globals(), locals(), "/tmp/lma.prof"
            )
            pstats.Stats("/tmp/lma.prof").sort_stats("cumulative").print_stats(25)
        result = timed(
            "load_model of the work tree (for comparison)", lambda: load_model(content), n
        )
        if result.model is None:
            print("\n".join(d.format() for d in list(result.diagnostics)[:5]))
            return 1
        new_model = result.model
        diff = timed("diff_models v1 -> work tree", lambda: diff_models(old, new_model), n)
        timed("explained_by", lambda: explained_by(diff, new_model), n)
        counts = diff.counts()
        print("  " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
