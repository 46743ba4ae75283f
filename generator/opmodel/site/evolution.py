"""What changed, for the site: the model against a baseline revision, and each entity's
commits since then. Git is read through `opmodel.history` (its only subprocess); a content
folder outside git, a shallow clone or an unknown baseline give a page that says so."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from opmodel.diff import ModelDiff, diff_models, explained_by
from opmodel.history import (
    Baseline,
    History,
    HistoryError,
    changes_since,
    entity_history,
    find_repository,
    load_model_at,
)
from opmodel.model.model import Model
from opmodel.model.refs import Ref

SIGNIFICANCE_ORDER = ("high", "medium", "low")


@dataclass(frozen=True)
class Evolution:
    requested: str
    """The configured baseline, as written (`90 days`, a tag, a revision)."""
    baseline: Baseline | None = None
    diff: ModelDiff | None = None
    explanations: dict[str, list[Ref]] = field(default_factory=dict)
    history: History | None = None
    reason: str | None = None
    """Why there is no comparison, when there is none."""

    @property
    def available(self) -> bool:
        return self.diff is not None


def evolution(content: Path, model: Model, baseline: str) -> Evolution:
    try:
        repo = find_repository(content)
    except HistoryError as error:
        return Evolution(baseline, reason=str(error))
    since = changes_since(repo.root, repo.content_rel, baseline)
    # An entity's page lists its commits after the baseline only: the commit that first
    # imported the model is no news on every page. With no baseline to go by, the latest.
    history = entity_history(repo.root, repo.content_rel, since=since.rev)
    if since.rev is None:
        return Evolution(baseline, since, history=history, reason=since.reason)
    try:
        old = load_model_at(repo.root, repo.content_rel, since.rev)
    except HistoryError as error:
        return Evolution(baseline, since, history=history, reason=str(error))
    diff = diff_models(old, model)
    return Evolution(baseline, since, diff, explained_by(diff, model), history)
