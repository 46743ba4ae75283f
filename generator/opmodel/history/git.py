"""Every call to `git`: the only module of opmodel's history that runs a program.

Each function runs one git process and parses its output; none writes to the work tree or
the repository. Output is requested NUL-separated (`-z`), so paths with spaces, quotes or
newlines come back as they are. User configuration that would change what git prints
(`diff.relative`, `log.showSignature`, path quoting, colours) is overridden per call.

Every failure is a `GitError` with a one-line message for the user, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

_CONFIG = (
    "-c",
    "core.quotepath=false",
    "-c",
    "log.showSignature=false",
    "-c",
    "color.ui=false",
    "-c",
    "diff.relative=false",
)
_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
"""No credential prompts; no index refresh (a read-only command must not take locks)."""

_RECORD = "\x1e"
_FIELD = "\x1f"
COMMIT_FORMAT = f"{_RECORD}%H{_FIELD}%cI{_FIELD}%aN{_FIELD}%s"
"""One commit header: sha, committer date (ISO 8601), author (after .mailmap), subject."""


class GitError(Exception):
    """A one-line message for the user: what went wrong, in their terms."""


@dataclass(frozen=True)
class Commit:
    """One commit, as people refer to it."""

    sha: str
    date: dt.datetime
    """The committer date (when the change landed), with its time zone."""
    author: str
    subject: str

    @property
    def short_sha(self) -> str:
        return self.sha[:7]


@dataclass(frozen=True)
class TreeEntry:
    path: str
    """Relative to the repository's top level, with `/` separators."""
    blob: str


@dataclass(frozen=True)
class FileChange:
    """One line of `git log --name-status`: `status` is A, M, D, T or R (rename)."""

    status: str
    path: str
    old_path: str | None = None
    """The path before a rename."""


def _run(repo: Path, args: Iterable[str], stdin: bytes | None = None) -> bytes:
    """git's stdout; GitError with git's own first line of complaint when it fails."""
    command = ["git", "-C", str(repo), *_CONFIG, *args]
    try:
        done = subprocess.run(
            command,
            input=stdin,
            capture_output=True,
            check=False,
            env={**os.environ, **_ENV},
        )
    except FileNotFoundError:
        raise GitError("git is not installed (install it to compare revisions)") from None
    except OSError as exc:
        raise GitError(f"could not run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        raise GitError(_first_line(done.stderr) or f"git {next(iter(args), '')} failed")
    return done.stdout


def _first_line(stderr: bytes) -> str:
    for line in stderr.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if line:
            return line.removeprefix("fatal: ").removeprefix("error: ")
    return ""


def toplevel(path: Path) -> Path:
    """The top folder of the work tree that holds `path` (a folder that exists)."""
    try:
        out = _run(path, ["rev-parse", "--show-toplevel"])
    except GitError as exc:
        if "not a git repository" in str(exc):
            raise GitError(f"{path} is not in a git repository") from None
        raise
    return Path(out.decode("utf-8").rstrip("\n"))


def resolve_commit(repo: Path, rev: str) -> str | None:
    """The full sha of the commit `rev` names (a sha, branch, tag, `HEAD~2`), or None."""
    if not rev or rev.startswith("-"):
        return None  # never let a revision be read as an option
    try:
        out = _run(repo, ["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"])
    except GitError:
        return None
    return out.decode("ascii").strip() or None


def ref_names(repo: Path) -> list[str]:
    """Branch and tag names, for "did you mean" after an unknown revision."""
    try:
        out = _run(repo, ["for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/tags"])
    except GitError:
        return []
    return out.decode("utf-8", "replace").split()


def ls_tree(repo: Path, commit: str, folder: str) -> list[TreeEntry]:
    """Every file (blob) under `folder` at `commit`, in git's order. Symbolic links and
    submodules are left out: the loader reads neither at a revision."""
    spec = [f"{folder}/"] if folder else []
    out = _run(repo, ["ls-tree", "-r", "-z", "--full-tree", commit, "--", *spec])
    entries = []
    for record in out.decode("utf-8", "surrogateescape").split("\0"):
        if not record:
            continue
        meta, _, path = record.partition("\t")
        mode, kind, blob = meta.split(" ")
        if kind == "blob" and mode in ("100644", "100755"):
            entries.append(TreeEntry(path, blob))
    return entries


def read_blobs(repo: Path, blobs: Iterable[str]) -> dict[str, bytes]:
    """The contents of many blobs from ONE `git cat-file --batch` process.

    Starting git once per file costs milliseconds each (10,000 files: most of a minute);
    one process fed every id on stdin reads them all in a fraction of that.
    """
    wanted = sorted(set(blobs))
    if not wanted:
        return {}
    out = _run(repo, ["cat-file", "--batch"], stdin="".join(f"{b}\n" for b in wanted).encode())
    contents: dict[str, bytes] = {}
    at = 0
    for _ in wanted:
        end = out.index(b"\n", at)
        header = out[at:end].decode("ascii").split(" ")
        at = end + 1
        if len(header) != 3:  # "<id> missing": the repository is damaged
            raise GitError(f"git could not read object {header[0]}")
        size = int(header[2])
        contents[header[0]] = out[at : at + size]
        at += size + 1  # the contents end with a newline of their own
    return contents


def log_name_status(
    repo: Path, folder: str, since: str | None = None
) -> Iterator[tuple[Commit, list[FileChange]]]:
    """Every commit that touched `folder`, newest first, with the files it changed; with
    `since` (a full sha), only the commits made after it (`since..HEAD`).

    ONE `git log` process for the whole history; renames are detected (`-M`) so a caller
    can follow an entity across a change of file name.
    """
    spec = [folder] if folder else []
    out = _run(
        repo,
        [
            "log",
            "-M",
            "--root",
            "--name-status",
            "-z",
            "--no-relative",
            f"--format={COMMIT_FORMAT}",
            f"{since}..HEAD" if since else "HEAD",
            "--",
            *spec,
        ],
    )
    commit: Commit | None = None
    files: list[FileChange] = []
    tokens = iter(out.decode("utf-8", "surrogateescape").split("\0"))
    for raw in tokens:
        token = raw.lstrip("\n")
        if token.startswith(_RECORD):
            if commit is not None:
                yield commit, files
            commit, files = parse_commit(token), []
        elif token:
            status = token[0]
            if status in "RC":
                old, new = next(tokens), next(tokens)
                files.append(FileChange(status, new, old if status == "R" else None))
            else:
                files.append(FileChange(status, next(tokens)))
    if commit is not None:
        yield commit, files


def last_commit(repo: Path, rev: str = "HEAD", before: dt.datetime | None = None) -> Commit | None:
    """The commit `rev` names, or with `before`, the newest commit reachable from it that
    was committed before that moment; None when there is none."""
    args = ["log", "-1", f"--format={COMMIT_FORMAT}"]
    if before is not None:
        args.append(f"--before={before.isoformat()}")
    out = _run(repo, [*args, rev, "--"]).decode("utf-8", "replace").strip("\n")
    return parse_commit(out) if out else None


def first_commit(repo: Path, folder: str) -> Commit | None:
    """The oldest commit that touched `folder`."""
    spec = [folder] if folder else []
    out = _run(repo, ["log", "--reverse", f"--format={COMMIT_FORMAT}", "HEAD", "--", *spec])
    head = out.decode("utf-8", "replace").split("\n", 1)[0]
    return parse_commit(head) if head else None


def parse_commit(header: str) -> Commit:
    sha, date, author, subject = header.removeprefix(_RECORD).split(_FIELD, 3)
    return Commit(sha, dt.datetime.fromisoformat(date), author, subject)
