"""A composed YAML node graph as Python values: YAML 1.2's core types only, duplicate keys
refused, tags reported, aliases and nesting counted against a budget, and where every key
and value stands kept (`LocatedMap`, `LocatedList`)."""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml

from opmodel.codes import (
    DUPLICATE_KEY,
    INVALID_VALUE,
    UNSUPPORTED_TAG,
    WRONG_TYPE,
    YAML_TOO_COMPLEX,
)
from opmodel.diagnostics import Position
from opmodel.load.located import LocatedList, LocatedMap
from opmodel.load.problems import YamlProblem, combined
from opmodel.load.unshowable import has_unshowable, unshowable
from opmodel.load.yaml_composers import PLAIN_TAG, mark_position

MAX_NODES = 20_000
"""Values built per document, aliases counted each time they are used: a real model file
holds a few hundred; a billion-laughs file reaches this in milliseconds."""
MAX_DEPTH = 64

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)$")
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")

_TYPED_STARTS = frozenset("~nNtTfF+-.0123456789") | {""}
"""How a plain scalar that is not text can start (null, a boolean, a number or a date, by
the patterns above): any other is text without trying them."""

_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"


@dataclass
class _Budget:
    nodes: int = 0
    open: set[int] = field(default_factory=set)
    """The collections being built (by node id): meeting one again is a recursive alias."""
    text: str = ""
    """The document, for where block scalars' text starts (libyaml's marks hold no text)."""
    problems: list[YamlProblem] = field(default_factory=list)
    """Problems that do not stop the reading (a tag, a control character): all reported."""
    every_scalar: bool = False
    """Whether to look for unshowable characters in every value, not only double-quoted ones
    (where an escape such as `\\a` writes one): when the text itself holds one."""


def build_document(
    node: yaml.Node, line_offset: int, text: str, *, every_scalar: bool = True
) -> Any:
    """The value of `node`; every problem found on the way raised together."""
    budget = _Budget(text=text, every_scalar=every_scalar)
    try:
        value = _build(node, line_offset, budget, depth=0)
    except YamlProblem as stop:
        raise combined([*budget.problems, stop]) from None
    if budget.problems:
        raise combined(budget.problems)
    return value


_POSITIONS: dict[tuple[int, int], Position] = {}
"""Every position made so far, shared: a large model makes nearly a million (each key,
value and item has one), most of them the same few hundred (line 2, column 7), and a
`Position` is frozen. Sharing them took a third off building a document's values, and
makes the entities that forked workers send back smaller."""
_MAX_SHARED = 100_000


def _at(mark: Any, line_offset: int) -> Position:
    """`mark_position`, shared (`_POSITIONS`)."""
    key = (mark.line + 1 + line_offset, mark.column + 1)
    found = _POSITIONS.get(key)
    if found is None:
        if len(_POSITIONS) >= _MAX_SHARED:
            _POSITIONS.clear()
        found = _POSITIONS[key] = Position(*key)
    return found


def _build(node: yaml.Node, line_offset: int, budget: _Budget, depth: int) -> Any:
    return _build_at(node, _at(node.start_mark, line_offset), line_offset, budget, depth)


def _build_at(
    node: yaml.Node, where: Position, line_offset: int, budget: _Budget, depth: int
) -> Any:
    """The value of `node`, which stands at `where` (worked out once by the caller, which
    keeps it too)."""
    budget.nodes += 1
    if budget.nodes > MAX_NODES:
        raise YamlProblem(
            YAML_TOO_COMPLEX,
            f"the document expands to more than {MAX_NODES:,} values",
            where,
            "anchors and aliases multiply; write the values out instead",
        )
    if depth > MAX_DEPTH:
        raise YamlProblem(YAML_TOO_COMPLEX, f"nesting deeper than {MAX_DEPTH} levels", where)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, where, budget)
    if id(node) in budget.open:
        raise YamlProblem(YAML_TOO_COMPLEX, "an alias refers to the value that contains it", where)
    budget.open.add(id(node))
    try:
        return _collection(node, line_offset, budget, depth, where)
    finally:
        budget.open.discard(id(node))


def _collection(
    node: yaml.Node, line_offset: int, budget: _Budget, depth: int, where: Position
) -> Any:
    if isinstance(node, yaml.SequenceNode):
        _expect_tag(node, _SEQ_TAG, where, budget)
        items = LocatedList()
        items.position = where
        positions: list[Position] = []
        items.item_positions = positions
        for child in node.value:
            child_where = _at(child.start_mark, line_offset)
            items.append(_build_at(child, child_where, line_offset, budget, depth + 1))
            positions.append(child_where)
        return items
    assert isinstance(node, yaml.MappingNode)
    _expect_tag(node, _MAP_TAG, where, budget)
    mapping = LocatedMap()
    mapping.position = where
    key_positions: dict[str, Position] = {}
    value_positions: dict[str, Position] = {}
    text_positions: dict[str, Position] = {}
    mapping.key_positions = key_positions
    mapping.value_positions = value_positions
    mapping.text_positions = text_positions
    for key_node, value_node in node.value:
        key_where = _at(key_node.start_mark, line_offset)
        key = _build_at(key_node, key_where, line_offset, budget, depth + 1)
        if not isinstance(key, str | int | float | bool) or key is None:
            raise YamlProblem(WRONG_TYPE, "a key must be plain text", key_where)
        # interned: the same few dozen field names in every file, sent back from forked
        # workers once per batch of entities instead of once per use (`fork_map`)
        key = sys.intern(str(key))
        if key in mapping:
            first = key_positions[key]
            raise YamlProblem(
                DUPLICATE_KEY,
                f"duplicate key '{key}' (first at line {first.line})",
                key_where,
                "YAML keeps only one of them; merge the two or rename one",
            )
        value_where = _at(value_node.start_mark, line_offset)
        mapping[key] = _build_at(value_node, value_where, line_offset, budget, depth + 1)
        key_positions[key] = key_where
        value_positions[key] = value_where
        if isinstance(value_node, yaml.ScalarNode):
            text_positions[key] = (
                value_where
                if not value_node.style  # plain: where the value starts
                else _text_start(value_node, budget.text, line_offset)
            )
    return mapping


def _text_start(node: yaml.ScalarNode, text: str, line_offset: int) -> Position:
    mark = node.start_mark
    if node.style in ("|", ">"):
        # The text starts on the line after the indicator (`|-`, `|2`, a comment), at the
        # indentation of its first line.
        newline = text.find("\n", mark.index)
        if newline < 0:
            return mark_position(mark, line_offset)
        rest = text[newline + 1 :]
        first_line = rest.split("\n", 1)[0]
        indent = len(first_line) - len(first_line.lstrip(" "))
        return Position(mark.line + 2 + line_offset, indent + 1)
    if node.style in ('"', "'"):
        return Position(mark.line + 1 + line_offset, mark.column + 2)
    return mark_position(mark, line_offset)


def _expect_tag(node: yaml.Node, tag: str, where: Position, budget: _Budget) -> None:
    """A tag other than `tag` is reported, and the value read as if untagged, so that the
    next tag in the file is reported too."""
    if node.tag != tag:
        budget.problems.append(
            YamlProblem(
                UNSUPPORTED_TAG,
                f"YAML tag '{_shown_tag(node.tag)}' is not supported",
                where,
                "write the value without a tag",
            )
        )


def _shown_tag(tag: str) -> str:
    """The tag as the user wrote it: `!!python/object`, not `tag:yaml.org,2002:python/...`."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag.removeprefix(prefix) if tag.startswith(prefix) else tag


def _scalar(node: yaml.ScalarNode, where: Position, budget: _Budget) -> Any:
    value: str = node.value
    if (budget.every_scalar or node.style == '"') and has_unshowable(value):
        budget.problems.append(unshowable(value, where))
    if node.tag == _STR_TAG:  # quoted, block or `!!str`: text, always
        return value
    if node.tag != PLAIN_TAG:
        _expect_tag(node, PLAIN_TAG, where, budget)
        return value
    if value[:1] not in _TYPED_STARTS:  # most values: a name, a title, an id
        return value
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    if m := _DATE.match(value):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise YamlProblem(
                INVALID_VALUE, f"'{value}' is not a valid date", where, "use YYYY-MM-DD"
            ) from None
    return value
