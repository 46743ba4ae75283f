"""Renames: an entity whose file (and so id) changed, but not what it says.

A removed entity O and an added entity N of the same kind are the same entity, renamed,
when:

1. their content is *equal* or *nearly equal*. Content is every field except `id`, `path`
   and `positions` (the body counts), with the references in O mapped through the renames
   found so far (a role renamed together with its unit still points at "the same" unit).
   Nearly equal: of the fields that either sets (to other than the default), at least
   `NEAR` (three quarters) are equal. So a role with a title, unit, reporting line and
   purpose may move unit as it is renamed; one that changes half of what it says is a
   new role.
2. and they are each other's unique best match: no other candidate scores as well for O or
   for N. A candidate's score is its content similarity, then how close the two ids are
   (`head-of-data` -> `head-of-data-and-ai` before `-> chief-of-staff`). Two exact ties
   are left as a removal and an addition rather than guessed.

Renames that reference each other are found in rounds. In the first, a reference to any
removed entity counts as equal to a reference to any added entity of the same kind (a unit
and its lead, renamed together, point at each other's new ids). Each later round maps
references through the renames the round before found, until the pairs stop changing (at
most `ROUNDS`), so every rename reported holds with the renames reported.
Near matching compares every removed entity with every added one of its kind; above
`NEAR_LIMIT` such comparisons per kind only exact matches (by content hash) are sought.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Mapping, Sequence

from opmodel.diff.fields import entity_fields, similarity
from opmodel.model.refs import Ref
from opmodel.model.schema import Entity

NEAR = 0.75
ROUNDS = 4
NEAR_LIMIT = 40_000

Score = tuple[float, float]


def find_renames(removed: Sequence[Entity], added: Sequence[Entity]) -> dict[Ref, Ref]:
    """Old ref -> new ref for every rename among `removed` (old model) and `added` (new)."""
    by_kind_removed: dict[str, list[Entity]] = defaultdict(list)
    by_kind_added: dict[str, list[Entity]] = defaultdict(list)
    for entity in removed:
        by_kind_removed[entity.kind].append(entity)
    for entity in added:
        by_kind_added[entity.kind].append(entity)
    kinds = sorted(by_kind_removed.keys() & by_kind_added.keys())
    if not kinds:
        return {}
    # The first round is optimistic: a reference to any removed entity matches one to any
    # added entity of its kind, so that a unit and its lead renamed together can find each
    # other. Later rounds check each pair with the renames actually found.
    old_map: dict[Ref, Ref] = {e.ref: _anything(e.kind) for e in removed}
    new_map: dict[Ref, Ref] = {e.ref: _anything(e.kind) for e in added}
    renames: dict[Ref, Ref] | None = None
    for _ in range(ROUNDS):
        found: dict[Ref, Ref] = {}
        for kind in kinds:
            found |= _match(by_kind_removed[kind], by_kind_added[kind], old_map, new_map)
        if found == renames:
            break
        renames, old_map, new_map = found, found, {}
    return dict(sorted((renames or {}).items()))


def _anything(kind: str) -> Ref:
    return Ref(kind, "*")  # not an id, so it equals no real reference


def _match(
    removed: list[Entity],
    added: list[Entity],
    old_map: Mapping[Ref, Ref],
    new_map: Mapping[Ref, Ref],
) -> dict[Ref, Ref]:
    old_fields = {e.ref: entity_fields(e, old_map) for e in removed}
    new_fields = {e.ref: entity_fields(e, new_map) for e in added}
    candidates: dict[tuple[Ref, Ref], Score] = {}
    # Exact matches by content, whatever the size.
    by_content: dict[str, list[Ref]] = defaultdict(list)
    for entity in added:
        by_content[repr(new_fields[entity.ref])].append(entity.ref)
    for entity in removed:
        for same in by_content.get(repr(old_fields[entity.ref]), ()):
            candidates[(entity.ref, same)] = (1.0, _id_closeness(entity.ref, same))
    if len(removed) * len(added) <= NEAR_LIMIT:
        cls = type(removed[0])
        for old in removed:
            for new in added:
                if (old.ref, new.ref) in candidates:
                    continue
                share = similarity(old_fields[old.ref], new_fields[new.ref], cls)
                if share >= NEAR:
                    candidates[(old.ref, new.ref)] = (share, _id_closeness(old.ref, new.ref))
    return _mutual_best(candidates)


def _id_closeness(old: Ref, new: Ref) -> float:
    return difflib.SequenceMatcher(None, old.id, new.id).ratio()


def _mutual_best(candidates: dict[tuple[Ref, Ref], Score]) -> dict[Ref, Ref]:
    """Pairs that are each other's unique best, repeatedly, until none is left."""
    pairs: dict[Ref, Ref] = {}
    remaining = dict(candidates)
    while remaining:
        best_old: dict[Ref, list[Score]] = defaultdict(list)
        best_new: dict[Ref, list[Score]] = defaultdict(list)
        for (old, new), score in remaining.items():
            best_old[old].append(score)
            best_new[new].append(score)
        chosen = [
            (old, new)
            for (old, new), score in sorted(remaining.items())
            if _unique_top(score, best_old[old]) and _unique_top(score, best_new[new])
        ]
        if not chosen:
            break
        for old, new in chosen:
            pairs[old] = new
        used_old = {old for old, _ in chosen}
        used_new = {new for _, new in chosen}
        remaining = {
            pair: score
            for pair, score in remaining.items()
            if pair[0] not in used_old and pair[1] not in used_new
        }
    return pairs


def _unique_top(score: Score, scores: list[Score]) -> bool:
    top = max(scores)
    return score == top and scores.count(top) == 1
