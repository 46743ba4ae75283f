"""An entity page's "Recent changes" lists the entity's commits after the baseline only:
the commit that first imported the model is no news, and is not repeated on every page."""

from __future__ import annotations

from typing import Any

from opmodel.site.generate import generate

RECENT = "## Recent changes"


def _pages(repo: Any, baseline: str) -> dict[str, str]:
    generated = generate(repo.content, diagrams=False, baseline=baseline)
    return {page.path: page.filled(page.text) for page in generated.pages}


def _model(repo: Any) -> None:
    repo.write(
        {
            "units/data.yml": "name: Data\n",
            "roles/analyst.yml": "title: Analyst\nunit: data\n",
            "roles/head-of-data.yml": "title: Head of data\nunit: data\n",
        }
    )


def test_an_entity_unchanged_since_the_imported_model_has_no_recent_changes(repo: Any) -> None:
    _model(repo)
    repo.commit("import the operating model", days_ago=10)
    repo.write({"roles/analyst.yml": "title: Senior analyst\nunit: data\n"})
    repo.commit("promote the analyst", days_ago=2)

    # "90 days" is before the history starts: the baseline is the import commit itself.
    pages = _pages(repo, "90 days")

    analyst, head = pages["roles/analyst.md"], pages["roles/head-of-data.md"]
    assert RECENT in analyst
    assert "promote the analyst" in analyst
    assert "import the operating model" not in analyst
    assert RECENT not in head
    assert RECENT not in pages["units/data.md"]


def test_only_the_commits_after_a_revision_baseline_are_listed(repo: Any) -> None:
    _model(repo)
    repo.commit("import the operating model", days_ago=30)
    repo.write({"roles/head-of-data.yml": "title: Head of data and AI\nunit: data\n"})
    repo.commit("widen the head of data's remit", days_ago=20, tag="v1")
    repo.write({"roles/analyst.yml": "title: Senior analyst\nunit: data\n"})
    repo.commit("promote the analyst", days_ago=2)

    pages = _pages(repo, "v1")

    assert "promote the analyst" in pages["roles/analyst.md"]
    assert RECENT not in pages["roles/head-of-data.md"]  # changed, but before v1
    # within the window "changes since 25 days ago", the same change is listed
    assert "widen the head of data" in _pages(repo, "25 days")["roles/head-of-data.md"]
