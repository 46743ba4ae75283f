"""The two YAML parsers opmodel composes node graphs with, YAML 1.1's type guessing
switched off in both, and where a node stands as a `Position`."""

from __future__ import annotations

from typing import Any

import yaml

from opmodel.diagnostics import Position

PLAIN_TAG = "tag:opmodel,2026:plain"
"""The tag an untagged plain scalar gets: its type is decided later, by YAML 1.2's rules
(`yaml_values`)."""


class _PlainScalars:
    """PyYAML's YAML 1.1 type guessing switched off: an untagged plain scalar is tagged
    `PLAIN_TAG`, and `build_document` decides its type with the YAML 1.2 rules; quoted,
    block and `!!str` scalars keep the string tag and stay text."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 (PyYAML's class attribute)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            return PLAIN_TAG
        return super().resolve(kind, value, implicit)  # type: ignore[misc]


class Composer(_PlainScalars, yaml.CSafeLoader):
    """libyaml's parser: what reads every file."""


class PureComposer(_PlainScalars, yaml.SafeLoader):
    """PyYAML's own parser, in Python: the second opinion when libyaml refuses a text."""


def mark_position(mark: Any, line_offset: int) -> Position:
    """A parser's mark (0-based) as the 1-based line and column a message shows."""
    return Position(mark.line + 1 + line_offset, mark.column + 1)
