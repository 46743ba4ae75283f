"""Each kind of `opmodel.kinds` with the schema class its files are read into.

The kinds' table is plain data below the loader (which may not import the model); this is
where it meets the classes, in the table's order. A class is found by the `kind` it
declares, so a row without a class, or a class without a row, fails here on import.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from opmodel.kinds import ALL_KINDS
from opmodel.model.schema import ENTITY_CLASSES, Entity


def _classes() -> Mapping[str, type[Entity]]:
    names = [kind.name for kind in ALL_KINDS]
    if set(names) != set(ENTITY_CLASSES):
        raise RuntimeError(  # a programming error, caught by any test that imports this
            f"kinds without a class: {sorted(set(names) - set(ENTITY_CLASSES))}; "
            f"classes without a kind: {sorted(set(ENTITY_CLASSES) - set(names))}"
        )
    return MappingProxyType({name: ENTITY_CLASSES[name] for name in names})


MODEL_CLASSES: Mapping[str, type[Entity]] = _classes()
"""kind -> the schema class of its entities, in `ALL_KINDS` order."""
