"""The model as it was at a git revision, read from the repository without a checkout."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TypeVar

from opmodel.diagnostics import Diagnostic, did_you_mean, display_path
from opmodel.history import git
from opmodel.history.git import GitError
from opmodel.history.tree import tree_root
from opmodel.model.build import load_model
from opmodel.model.model import Model, freeze_tables
from opmodel.model.schema import Entity

E = TypeVar("E", bound=Entity)


class HistoryError(Exception):
    """Why a revision could not be compared: one line for the user.

    `diagnostics` holds the loader's messages when the model at the revision is invalid,
    with paths written as `REV:content/roles/x.yml` (what `git show` takes).
    """

    def __init__(self, message: str, diagnostics: Iterable[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.diagnostics = tuple(diagnostics)


@dataclass(frozen=True)
class Repository:
    """Where a content folder sits in git: the work tree's top folder and the folder's path
    inside it (`content`, `docs/model`; `""` when the content is the top folder itself)."""

    root: Path
    content_rel: str


def find_repository(content: Path) -> Repository:
    """The repository that holds `content` (which need not exist in the work tree: it may
    have been deleted since the revision being compared). Raises HistoryError."""
    absolute = content.resolve()
    existing = absolute
    while not existing.is_dir() and existing != existing.parent:
        existing = existing.parent
    try:
        root = git.toplevel(existing).resolve()
    except GitError as exc:
        raise HistoryError(_not_a_repository(content, exc)) from None
    try:
        relative = absolute.relative_to(root).as_posix()
    except ValueError:
        raise HistoryError(f"{display_path(content)} is outside the git work tree {root}") from None
    return Repository(root, "" if relative == "." else relative)


def _not_a_repository(content: Path, exc: GitError) -> str:
    if "not in a git repository" in str(exc):
        return (
            f"{display_path(content)} is not in a git repository: "
            "history and diffs between revisions need one"
        )
    return str(exc)


def resolve_revision(repo_root: Path, rev: str) -> str:
    """The full sha of `rev`; HistoryError naming the revision (and the closest branch or
    tag) when there is no such commit."""
    sha = git.resolve_commit(repo_root, rev)
    if sha is None:
        hint = did_you_mean(rev, git.ref_names(repo_root))
        raise HistoryError(
            f"unknown revision '{rev}': not a commit, branch or tag in {repo_root}"
            + (f" ({hint})" if hint else "")
        )
    return sha


def load_model_at(repo_root: Path, content_rel: str | Path, rev: str) -> Model:
    """The model in `content_rel` as it was at `rev`, without touching the work tree.

    ONE `git ls-tree` lists the folder and ONE `git cat-file --batch` reads every file;
    the loader reads them from memory (`tree.py`). The entities' `path` (and any message)
    reads `REV:content/roles/x.yml`, as `git show` takes it. The last few models are kept:
    a commit never changes, and `mkdocs serve` asks again on every rebuild.

    Raises HistoryError (one line) when `repo_root` is not a repository, `rev` names no
    commit, the folder does not exist at `rev`, or the model there does not load.
    """
    folder = PurePosixPath(content_rel).as_posix().strip("/")
    folder = "" if folder == "." else folder
    try:
        git.toplevel(repo_root)
    except GitError as exc:
        raise HistoryError(_not_a_repository(repo_root, exc)) from None
    sha = resolve_revision(repo_root, rev)
    return _load_commit(repo_root.resolve(), folder, sha, rev)


@lru_cache(maxsize=4)
def _load_commit(repo_root: Path, folder: str, sha: str, rev: str) -> Model:
    shown = folder or "the top folder"
    try:
        entries = git.ls_tree(repo_root, sha, folder)
        if not entries:
            raise HistoryError(f"{shown} does not exist at {rev} ({sha[:7]})")
        blobs = git.read_blobs(repo_root, (entry.blob for entry in entries))
    except GitError as exc:
        raise HistoryError(str(exc)) from None
    strip = len(folder) + 1 if folder else 0
    files = {}
    for entry in entries:
        relative = PurePosixPath(entry.path[strip:])
        if relative.parts and ".." not in relative.parts and not relative.is_absolute():
            files[relative.as_posix()] = blobs[entry.blob]
    content = tree_root(files)
    result = load_model(content)
    prefix = display_path(content) + "/"
    label = f"{rev}:{folder}/" if folder else f"{rev}:"
    if result.model is None:
        errors = [
            replace(d, path=_at_revision(d.path, prefix, label)) for d in result.diagnostics.errors
        ]
        raise HistoryError(
            f"the model in {shown} at {rev} ({sha[:7]}) does not load: {len(errors)} error(s), "
            f"the first: {errors[0].format() if errors else 'missing organisation'}",
            errors,
        )
    return _with_paths(result.model, prefix, label)


def _at_revision(path: str, prefix: str, label: str) -> str:
    """A path in the temporary folder as the file at the revision: `v1:content/roles/x.yml`."""
    return label + path[len(prefix) :] if path.startswith(prefix) else path


def _with_paths(model: Model, prefix: str, label: str) -> Model:
    """The model with each entity's `path` naming its file at the revision, not in the
    temporary folder (which is gone by now)."""

    def moved(entity: E) -> E:
        return entity.model_copy(update={"path": _at_revision(entity.path, prefix, label)})

    tables = {
        kind: {entity_id: moved(entity) for entity_id, entity in by_id.items()}
        for kind, by_id in model.entities.items()
    }
    return Model(
        organisation=moved(model.organisation),
        entities=freeze_tables(tables),
        pages=tuple(moved(page) for page in model.pages),
        backlinks=model.backlinks,
        prose_links=model.prose_links,
    )
