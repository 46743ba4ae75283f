"""The mappings and lists YAML reading returns: plain `dict` and `list`, which also
remember where they and each of their parts stand in the file, for messages."""

from __future__ import annotations

from typing import Any

from opmodel.diagnostics import Position


class LocatedMap(dict[str, Any]):
    """A mapping that remembers where it, each key and each value stand in the file."""

    position: Position
    key_positions: dict[str, Position]
    value_positions: dict[str, Position]
    text_positions: dict[str, Position]
    """Where the text of each string value starts: after a quote, or on the first line
    of a block scalar (`|`), at its indentation. A check that finds something inside a
    text (a URL in a description) adds its line and column within the text to this."""


class LocatedList(list[Any]):
    """A sequence that remembers where it and each item stand in the file."""

    position: Position
    item_positions: list[Position]
