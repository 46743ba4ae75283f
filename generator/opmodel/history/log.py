"""Who changed each entity and when, and which revision "changes since ..." starts from.

Both read git once for the whole content folder: per-file `git log` calls would cost
seconds on a model of thousands of files. Neither raises when there is no history (the
folder is not in a repository, the repository has no commits, git is missing): the result
says so in `reason`, and a site can still be built.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from opmodel import clock
from opmodel.history import git
from opmodel.history.git import Commit, GitError
from opmodel.history.revision import HistoryError, resolve_revision
from opmodel.ids import ID_PATTERN
from opmodel.kinds import ENTITY_SUFFIXES, FOLDER_KINDS, KIND
from opmodel.load.files import ORGANISATION_STEMS

EntityKey = tuple[str, str]
"""(kind, id): ("role", "analyst"), ("organisation", "organisation"), ("page", "guide")."""


@dataclass(frozen=True)
class History(Mapping[EntityKey, tuple[Commit, ...]]):
    """The latest commits of each entity, newest first; a Mapping keyed by (kind, id).

    Entities that were renamed (their file moved) are listed under their current id with the
    commits from before the move. Entities deleted since are listed under their last id.
    """

    commits: Mapping[EntityKey, tuple[Commit, ...]] = field(default_factory=dict)
    reason: str | None = None
    """Why there is no history (None when git answered)."""

    @property
    def available(self) -> bool:
        return self.reason is None

    def __getitem__(self, key: EntityKey) -> tuple[Commit, ...]:
        return self.commits[key]

    def __iter__(self) -> Iterator[EntityKey]:
        return iter(self.commits)

    def __len__(self) -> int:
        return len(self.commits)


def entity_key(path: str, content_rel: str) -> EntityKey | None:
    """The entity a repository path holds, by the loader's rules; None for other files."""
    folder = content_rel.strip("/")
    if folder:
        if not path.startswith(folder + "/"):
            return None
        path = path[len(folder) + 1 :]
    parts = PurePosixPath(path).parts
    if any(part.startswith(".") for part in parts):
        return None
    name = PurePosixPath(path)
    if len(parts) == 1:
        if name.stem in ORGANISATION_STEMS and name.suffix in ENTITY_SUFFIXES:
            return ("organisation", "organisation")
        return None
    kind = FOLDER_KINDS.get(parts[0])
    if kind is None or name.suffix not in KIND[kind].suffixes or not ID_PATTERN.match(name.stem):
        return None
    return (kind, name.stem)


def entity_history(
    repo_root: Path, content_rel: str | Path, limit_per_entity: int = 5, since: str | None = None
) -> History:
    """The last `limit_per_entity` commits of every entity in the content folder; with
    `since` (a full sha, a baseline's `rev`), only those made after it: an entity that has
    not changed since is not in the result.

    ONE `git log -M --name-status -z` over the folder, newest first. A rename (R) makes
    the older path an alias of the newer one, so older commits count for the entity under
    its current id.
    """
    folder = PurePosixPath(content_rel).as_posix().strip("/")
    folder = "" if folder == "." else folder
    try:
        git.toplevel(repo_root)
        log = list(git.log_name_status(repo_root, folder, since))
    except GitError as exc:
        return History(reason=_no_history(repo_root, exc))
    found: dict[EntityKey, list[Commit]] = {}
    newer_path: dict[str, str] = {}  # a path as it was -> the same file's newest path
    for commit, files in log:
        moves: dict[str, str] = {}
        for change in files:
            current = newer_path.get(change.path, change.path)
            if change.old_path is not None:
                moves[change.old_path] = current
            key = entity_key(current, folder)
            if key is None:
                continue
            commits = found.setdefault(key, [])
            if len(commits) < limit_per_entity and (not commits or commits[-1] != commit):
                commits.append(commit)
        # Only commits older than this one knew the file by its old path (the same commit
        # may add a new file at the old path).
        newer_path.update(moves)
    return History({key: tuple(found[key]) for key in sorted(found)})


def _no_history(repo_root: Path, exc: GitError) -> str:
    message = str(exc)
    if "not in a git repository" in message:
        return f"no history: {repo_root} is not in a git repository"
    if any(words in message for words in ("bad revision 'HEAD'", "does not have any commits")):
        return "no history: the repository has no commits yet"
    return f"no history: {message}"


@dataclass(frozen=True)
class Baseline:
    """The revision that "changes since `requested`" compares the model with."""

    requested: str
    rev: str | None
    """A full commit sha for `load_model_at`; None when there is nothing to compare with."""
    commit: Commit | None = None
    reason: str | None = None
    """Why `rev` is None, or a note on how it was chosen (history shorter than asked)."""


_AGO = re.compile(r"^\s*(\d+)\s*(day|week|month|year)s?(\s+ago)?\s*$", re.IGNORECASE)
_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*$")
_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def baseline_moment(baseline: str) -> dt.datetime | None:
    """The start of the day that "N days" (weeks, months, years) ago or "YYYY-MM-DD" names,
    in UTC; None when `baseline` is a revision. "Today" is SOURCE_DATE_EPOCH when set, so a
    site built twice from the same commit compares with the same baseline."""
    if match := _AGO.match(baseline):
        day = clock.today() - dt.timedelta(days=int(match[1]) * _DAYS[match[2].lower()])
    elif match := _DATE.match(baseline):
        try:
            day = dt.date.fromisoformat(match[1])
        except ValueError:
            return None
    else:
        return None
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def baseline_words(baseline: str) -> str:
    """How to say a baseline: `30 days` -> `30 days ago`; a date or revision as it is."""
    text = " ".join(baseline.split())
    match = _AGO.match(text)
    return f"{text} ago" if match and not match[3] else text


def changes_since(repo_root: Path, content_rel: str | Path, baseline: str) -> Baseline:
    """The commit to diff the model against for "what changed since `baseline`".

    `baseline` is a revision (sha, branch, tag, `HEAD~3`), a date (`2026-01-31`) or a
    duration (`30 days`, `6 weeks`, `3 months`). For a date or duration it is the last
    commit made before that day began: the model as it stood then. When the history is
    shorter, the first commit that touched the content folder, with a note in `reason`.
    Never raises: when nothing can be compared, `rev` is None and `reason` says why.
    """
    folder = PurePosixPath(content_rel).as_posix().strip("/")
    folder = "" if folder == "." else folder
    moment = baseline_moment(baseline)
    try:
        git.toplevel(repo_root)
        if moment is None:
            sha = resolve_revision(repo_root, baseline.strip())
            commit = git.last_commit(repo_root, sha)
            return Baseline(baseline, sha, commit)
        commit = git.last_commit(repo_root, "HEAD", before=moment)
        if commit is not None:
            return Baseline(baseline, commit.sha, commit)
        first = git.first_commit(repo_root, folder)
        if first is None:
            return Baseline(baseline, None, reason="no commit has touched the content folder yet")
        return Baseline(
            baseline,
            first.sha,
            first,
            reason=f"the history starts after {moment.date().isoformat()}: "
            f"compared with the first commit, {first.short_sha}",
        )
    except HistoryError as exc:
        return Baseline(baseline, None, reason=str(exc))
    except GitError as exc:
        return Baseline(baseline, None, reason=_no_history(repo_root, exc))
