"""YAML as opmodel reads it: positions kept, and PyYAML's traps closed.

PyYAML on its own keeps the last of duplicate keys, reads `no`/`on` as booleans, `0777` as
511 and `1:20` as 80, and expands alias bombs ("billion laughs") when the data is walked.
So we let libyaml (CSafeLoader, ~10x faster than the pure-Python loader) *compose* the node
graph, with every implicit type resolver switched off, and build Python values ourselves:
YAML 1.2 core types only, duplicate keys refused, aliases and nesting counted against a
budget, and the position of every key and value kept for messages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from opmodel.codes import (
    CONTROL_CHARACTER,
    DUPLICATE_KEY,
    INVALID_VALUE,
    UNSUPPORTED_TAG,
    WRONG_TYPE,
    YAML_SYNTAX,
    YAML_TOO_COMPLEX,
)
from opmodel.diagnostics import Position

MAX_NODES = 20_000
"""Values built per document, aliases counted each time they are used: a real model file
holds a few hundred; a billion-laughs file reaches this in milliseconds."""
MAX_DEPTH = 64


class _PlainScalars:
    """PyYAML's YAML 1.1 type guessing switched off: an untagged plain scalar is tagged
    `_PLAIN_TAG`, and `build` decides its type with the YAML 1.2 rules below; quoted, block
    and `!!str` scalars keep the string tag and stay text."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 (PyYAML's class attribute)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            return _PLAIN_TAG
        return super().resolve(kind, value, implicit)  # type: ignore[misc]


class _Composer(_PlainScalars, yaml.CSafeLoader):
    """libyaml's parser: what reads every file."""


class _PureComposer(_PlainScalars, yaml.SafeLoader):
    """PyYAML's own parser, in Python: the second opinion when libyaml refuses a text."""


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)$")
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")

_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN_TAG = "tag:opmodel,2026:plain"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"


class YamlProblem(Exception):
    """A problem that stops one file from loading, with where it is; `also`: the other
    problems found in the same file, so that a user sees them all in one run."""

    def __init__(self, code: str, message: str, position: Position, hint: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.position = position
        self.hint = hint
        self.also: list[YamlProblem] = []

    def every(self) -> list[YamlProblem]:
        """This problem and the others found with it, in file order."""
        return sorted([self, *self.also], key=lambda p: (p.position.line, p.position.column))


def combined(problems: list[YamlProblem]) -> YamlProblem:
    """One exception for several problems (each once), the first in file order raised."""
    unique = list({(p.code, p.message, p.position): p for p in problems}.values())
    first, *others = sorted(unique, key=lambda p: (p.position.line, p.position.column))
    first.also = others
    return first


UNSHOWABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)
"""Characters that no view may carry (HTML, SVG and XML refuse or mangle them; a CSV cell
or a terminal hides them): C0 controls but tab, line feed and carriage return; DEL; C1
controls; lone surrogates; and Unicode's non-characters."""

_MAYBE_UNSHOWABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe-\U0010ffff]"
)
"""`UNSHOWABLE` with the planes' 32 non-characters widened to one range: several times
quicker to search (a text of emoji stays below the range)."""


def has_unshowable(text: str) -> bool:
    """Whether `text` holds a character of `UNSHOWABLE`: one quick search, mostly."""
    return _MAYBE_UNSHOWABLE.search(text) is not None and UNSHOWABLE.search(text) is not None


def unshowable(
    text: str,
    position: Position,
    hint: str = "delete it; in double quotes an escape such as \\a or \\0 writes one",
) -> YamlProblem:
    """OPM118 for `text`, in which `UNSHOWABLE` found something: each such character named."""
    found = dict.fromkeys(UNSHOWABLE.findall(text))
    named = ", ".join(f"U+{ord(char):04X} ({_what(char)})" for char in found)
    return YamlProblem(
        CONTROL_CHARACTER,
        f"the text holds {named}, which no page can show",
        position,
        hint,
    )


def _what(char: str) -> str:
    point = ord(char)
    if 0xD800 <= point <= 0xDFFF:
        return "a lone surrogate"
    if point < 0x20 or 0x7F <= point <= 0x9F:
        return "a control character"
    return "a Unicode non-character"


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


def _position(mark: Any, line_offset: int) -> Position:
    return Position(mark.line + 1 + line_offset, mark.column + 1)


def parse(text: str, *, line_offset: int = 0) -> Any:
    """Parse one YAML document into plain Python values (LocatedMap/LocatedList inside).

    `line_offset` shifts positions for YAML embedded in a file (Markdown front matter).
    Raises YamlProblem for anything that stops the document from loading.
    """
    try:
        if len(text) > _UNSCANNED_CHARS:
            _refuse_deep_nesting(text, line_offset)
        node = yaml.compose(text, Loader=_Composer)
    except yaml.YAMLError as exc:
        raise _refusal(exc, text, line_offset) from None
    except RecursionError:
        raise YamlProblem(
            YAML_TOO_COMPLEX,
            f"nesting deeper than {MAX_DEPTH} levels",
            Position(1 + line_offset, 1),
        ) from None
    if node is None:
        return None
    # libyaml refuses raw control characters; it lets a few non-ASCII ones through (U+0085,
    # U+FDD0, U+1FFFE...), and an ASCII text (`isascii` costs nothing) holds none of them
    return _build_all(
        node, line_offset, text, every_scalar=not text.isascii() and has_unshowable(text)
    )


def _build_all(node: yaml.Node, line_offset: int, text: str, *, every_scalar: bool = True) -> Any:
    """The value of `node`; every problem found on the way raised together."""
    budget = _Budget(text=text, every_scalar=every_scalar)
    try:
        value = _build(node, line_offset, budget, depth=0)
    except YamlProblem as stop:
        raise combined([*budget.problems, stop]) from None
    if budget.problems:
        raise combined(budget.problems)
    return value


_UNSCANNED_CHARS = 1_000
"""libyaml's composer recurses in C once per nesting level and crashes the whole process
(a segfault, not a RecursionError) somewhere past 20,000 levels on an 8 MB stack, and much
sooner on a thread's smaller stack. A text nests at most one level per character, so only
longer texts need scanning first, event by event, which does not recurse."""


def _refuse_deep_nesting(text: str, line_offset: int, loader: type = _Composer) -> None:
    open_collections = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            open_collections += 1
            if open_collections > MAX_DEPTH + 1:  # as `_build` counts: the top level is 0
                raise YamlProblem(
                    YAML_TOO_COMPLEX,
                    f"nesting deeper than {MAX_DEPTH} levels",
                    _position(event.start_mark, line_offset),
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            open_collections -= 1


def _refusal(exc: yaml.YAMLError, text: str, line_offset: int) -> YamlProblem:
    """What to tell the user when libyaml refused the text.

    libyaml has limits of its own that move between releases (PyYAML 6.0.4's bundled libyaml
    refuses 1,000 open brackets, 6.0.2's did not), and says so in words that move too. So we
    never read its wording to tell a limit from a mistake: we read the text again with
    PyYAML's pure-Python parser, first walking its events (which does not recurse). Nesting
    past our budget is OPM104 where it crosses the budget; a text that parser composes whole
    was refused for a limit, not a mistake, so it is OPM104 too; anything else is a syntax
    error, in libyaml's words and at its position.
    """
    if isinstance(exc, yaml.reader.ReaderError):  # control characters and the like
        return YamlProblem(
            YAML_SYNTAX,
            f"YAML syntax: {exc.reason} (character #x{exc.character:04x})",
            _byte_position(text, exc.position, line_offset),
            "delete it: most editors do not show it",
        )
    marked = exc if isinstance(exc, yaml.MarkedYAMLError) else None
    mark = (marked.problem_mark or marked.context_mark) if marked else None
    where = _position(mark, line_offset) if mark else Position(1 + line_offset, 1)
    try:
        _refuse_deep_nesting(text, line_offset, loader=_PureComposer)
        node = yaml.compose(text, Loader=_PureComposer)  # within our depth: cannot recurse far
    except YamlProblem as too_deep:
        return too_deep
    except yaml.YAMLError:
        pass  # a mistake in the text: both parsers refuse it
    else:
        try:  # the pure parser reads escapes libyaml refuses: a lone surrogate (`"\\ud800"`)
            if node is not None:
                _build_all(node, line_offset, text)
        except YamlProblem as found:
            if any(problem.code == CONTROL_CHARACTER for problem in found.every()):
                return found
        return YamlProblem(
            YAML_TOO_COMPLEX,
            "the YAML parser refused the file here: it is nested or sized beyond what the "
            "parser reads",
            where,
            "split long or deeply nested values",
        )
    if marked:
        message, hint = _syntax_message(marked, text, line_offset)
        return YamlProblem(YAML_SYNTAX, f"YAML syntax: {message}", where, hint)
    first_line = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
    return YamlProblem(YAML_SYNTAX, f"YAML syntax: {first_line}", where)


def _syntax_message(
    exc: yaml.MarkedYAMLError, text: str, line_offset: int
) -> tuple[str, str | None]:
    """PyYAML's problem in words a user can act on, and where the construct it was reading
    began: an unclosed bracket or quote is only noticed at the end of the file."""
    problem = exc.problem or "invalid YAML"
    context, start, mark = exc.context, exc.context_mark, exc.problem_mark
    if problem.startswith("but found another document"):
        return "a second YAML document ('---'); an entity file holds one", None
    if problem.startswith("mapping values are not allowed"):
        return problem, "check the indentation, or quote a value that contains ': '"
    if problem.startswith("found character that cannot start any token") and mark:
        lines = text.splitlines()
        line = lines[mark.line] if mark.line < len(lines) else ""
        char = line[mark.column] if mark.column < len(line) else ""
        if char == "\t":
            return "a tab character", "indent with spaces: YAML does not allow tabs here"
        return (
            f"a value cannot start with {char!r}",
            "put the value in quotes" if char else None,
        )
    if context and context.endswith("; first occurrence") and start:  # duplicate anchor
        at = _position(start, line_offset)
        return f"{context.removesuffix('; first occurrence')} (first at line {at.line})", None
    if context and start and mark and (start.line, start.column) != (mark.line, mark.column):
        at = _position(start, line_offset)
        return f"{problem} ({context} started at line {at.line}, column {at.column})", None
    return problem, None


def _byte_position(text: str, offset: int, line_offset: int) -> Position:
    """libyaml counts in bytes of UTF-8; editors count in characters."""
    before = text.encode("utf-8")[:offset].decode("utf-8", errors="replace")
    return Position(
        before.count("\n") + 1 + line_offset, len(before) - (before.rfind("\n") + 1) + 1
    )


def _build(node: yaml.Node, line_offset: int, budget: _Budget, depth: int) -> Any:
    budget.nodes += 1
    where = _position(node.start_mark, line_offset)
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
        items.item_positions = []
        for child in node.value:
            items.append(_build(child, line_offset, budget, depth + 1))
            items.item_positions.append(_position(child.start_mark, line_offset))
        return items
    assert isinstance(node, yaml.MappingNode)
    _expect_tag(node, _MAP_TAG, where, budget)
    mapping = LocatedMap()
    mapping.position = where
    mapping.key_positions = {}
    mapping.value_positions = {}
    mapping.text_positions = {}
    for key_node, value_node in node.value:
        key_where = _position(key_node.start_mark, line_offset)
        key = _build(key_node, line_offset, budget, depth + 1)
        if not isinstance(key, str | int | float | bool) or key is None:
            raise YamlProblem(WRONG_TYPE, "a key must be plain text", key_where)
        key = str(key)
        if key in mapping:
            first = mapping.key_positions[key]
            raise YamlProblem(
                DUPLICATE_KEY,
                f"duplicate key '{key}' (first at line {first.line})",
                key_where,
                "YAML keeps only one of them; merge the two or rename one",
            )
        mapping[key] = _build(value_node, line_offset, budget, depth + 1)
        mapping.key_positions[key] = key_where
        mapping.value_positions[key] = _position(value_node.start_mark, line_offset)
        if isinstance(value_node, yaml.ScalarNode):
            mapping.text_positions[key] = _text_start(value_node, budget.text, line_offset)
    return mapping


def _text_start(node: yaml.ScalarNode, text: str, line_offset: int) -> Position:
    mark = node.start_mark
    if node.style in ("|", ">"):
        # The text starts on the line after the indicator (`|-`, `|2`, a comment), at the
        # indentation of its first line.
        newline = text.find("\n", mark.index)
        if newline < 0:
            return _position(mark, line_offset)
        rest = text[newline + 1 :]
        first_line = rest.split("\n", 1)[0]
        indent = len(first_line) - len(first_line.lstrip(" "))
        return Position(mark.line + 2 + line_offset, indent + 1)
    if node.style in ('"', "'"):
        return Position(mark.line + 1 + line_offset, mark.column + 2)
    return _position(mark, line_offset)


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
    if node.tag != _PLAIN_TAG:
        _expect_tag(node, _PLAIN_TAG, where, budget)
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
