"""After an edit, a server assembles the model again from the last assembly
(`model/assemble.py`): the model must be the one a fresh load of the same files gives,
backlinks and prose links in the same order."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest

from opmodel.model import assemble as assembly
from opmodel.model.build import load_model
from opmodel.model.model import Model
from opmodel.speed import Speed
from opmodel.speed.incremental import Incremental


@pytest.fixture
def content(example_content: Path) -> Path:
    return example_content


def _same(again: Model, fresh: Model) -> None:
    assert again == fresh
    assert list(again.backlinks.items()) == list(fresh.backlinks.items())
    assert list(again.prose_links.items()) == list(fresh.prose_links.items())


def _edit(path: Path, pattern: str, replacement: str) -> bool:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    path.write_text(changed, encoding="utf-8")
    return changed != text


def _an_edit(content: Path, rng: random.Random, step: int) -> None:
    """What a person editing the model does: renames a role, moves it to another unit,
    links a role from a charter, takes a member out of a forum."""
    roles = sorted((content / "roles").glob("*.yml"))
    role = rng.choice(roles)
    other = rng.choice(roles).stem
    unit = rng.choice(sorted((content / "units").rglob("*.yml"))).stem
    forum = rng.choice(sorted((content / "forums").glob("*.md")))
    edits = [
        (role, r"^title: (.*)$", rf"title: \1 {step}"),
        (role, r"^unit: .*$", f"unit: {unit}"),
        (forum, r"\Z", f"\nAsk [the role](../roles/{other}.md) first.\n"),
        (forum, r"^  - role:[^\n]*\n", ""),
        (role, r"^purpose: ", f"purpose: Edited {step}. "),
    ]
    while not _edit(*rng.choice(edits)):
        pass


def test_a_model_assembled_again_after_edits_is_the_one_a_fresh_load_gives(
    content: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    serving = Speed(1, tmp_path / "cache", Incremental())
    assert load_model(content, serving).model is not None
    quick: list[bool] = []
    really_again = assembly._again

    def counted(*args: Any) -> Any:
        found = really_again(*args)
        if found is not None:
            quick.append(True)
        return found

    monkeypatch.setattr(assembly, "_again", counted)
    rng = random.Random(20261207)
    for step in range(12):
        _an_edit(content, rng, step)
        again = load_model(content, serving)
        fresh = load_model(content, Speed(1))
        if fresh.model is None:  # an edit that makes a cycle or an error: a whole assembly
            assert again.model is None
            continue
        assert again.model is not None
        _same(again.model, fresh.model)
    assert len(quick) >= 10  # assembled again from the last, but where an error came


def test_a_new_or_removed_entity_assembles_the_whole_model(content: Path, tmp_path: Path) -> None:
    serving = Speed(1, tmp_path / "cache", Incremental())
    load_model(content, serving)
    (content / "roles" / "new-role.yml").write_text(
        "title: New Role\nunit: user-centred-design-practice\n", encoding="utf-8"
    )
    again = load_model(content, serving).model
    fresh = load_model(content, Speed(1)).model
    assert again is not None and fresh is not None
    _same(again, fresh)
    (content / "roles" / "new-role.yml").unlink()
    again = load_model(content, serving).model
    fresh = load_model(content, Speed(1)).model
    assert again is not None and fresh is not None
    _same(again, fresh)
