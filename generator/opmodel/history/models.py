"""The two sides of a comparison: a model at a revision (or "N days ago"), or the work tree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from opmodel.diagnostics import display_path
from opmodel.history.log import baseline_moment, baseline_words, changes_since
from opmodel.history.revision import HistoryError, Repository, load_model_at, resolve_revision
from opmodel.model.build import load_model
from opmodel.model.model import Model

WORK_TREE = "the working tree"


@dataclass(frozen=True)
class Side:
    model: Model
    label: str
    """How to name it to people: `v1.0 (3f2a1bc)`, `30 days ago (3f2a1bc, 2026-10-24)`,
    `the working tree`."""
    note: str | None = None
    """How a date or duration was read, when the history is shorter than asked."""


def model_at(repo: Repository, content: Path, rev: str | None) -> Side:
    """The model at `rev` (a revision, a date or "N days"; see `changes_since`), or in the
    work tree's `content` folder when `rev` is None. Raises HistoryError (one line)."""
    if rev is None:
        result = load_model(content)
        if result.model is None:
            errors = result.diagnostics.errors
            first = errors[0].format() if errors else ""
            raise HistoryError(
                f"the model in {display_path(content)} does not load: {len(errors)} error(s), "
                f"the first: {first} (run `opmodel check`)",
                errors,
            )
        return Side(result.model, WORK_TREE)
    if baseline_moment(rev) is not None:
        baseline = changes_since(repo.root, repo.content_rel, rev)
        if baseline.rev is None or baseline.commit is None:
            raise HistoryError(f"nothing to compare with {rev}: {baseline.reason}")
        when = baseline.commit.date.date().isoformat()
        label = f"{baseline_words(rev)} ({baseline.commit.short_sha}, {when})"
        model = load_model_at(repo.root, repo.content_rel, baseline.rev)
        return Side(model, label, baseline.reason)
    sha = resolve_revision(repo.root, rev)
    model = load_model_at(repo.root, repo.content_rel, rev)
    return Side(model, rev if sha.startswith(rev) else f"{rev} ({sha[:7]})")
