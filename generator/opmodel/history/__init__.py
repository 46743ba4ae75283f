"""The model through git: as it was at a revision, and who changed each entity when.

Every git call is in `history/git.py` (the package's only subprocess). Nothing here writes
to the work tree or the repository.

    repo = find_repository(Path("content"))
    old = load_model_at(repo.root, repo.content_rel, "v1.0")          # HistoryError if not
    since = changes_since(repo.root, repo.content_rel, "30 days")     # Baseline, never raises
    history = entity_history(repo.root, repo.content_rel)             # History, never raises
    history.get(("role", "analyst"), ())                              # newest first
"""

from opmodel.history.git import Commit
from opmodel.history.log import (
    Baseline,
    EntityKey,
    History,
    baseline_moment,
    baseline_words,
    changes_since,
    entity_history,
    entity_key,
)
from opmodel.history.models import WORK_TREE, Side, model_at
from opmodel.history.revision import (
    HistoryError,
    Repository,
    find_repository,
    load_model_at,
    resolve_revision,
)

__all__ = [
    "WORK_TREE",
    "Baseline",
    "Commit",
    "EntityKey",
    "History",
    "HistoryError",
    "Repository",
    "Side",
    "baseline_moment",
    "baseline_words",
    "changes_since",
    "entity_history",
    "entity_key",
    "find_repository",
    "load_model_at",
    "model_at",
    "resolve_revision",
]
