"""What opmodel refuses before libyaml composes a text (nesting deep enough to crash it),
and what it tells the user when libyaml refused one: a limit, or a mistake in words a user
can act on, at the place to look."""

from __future__ import annotations

import yaml

from opmodel.codes import CONTROL_CHARACTER, YAML_SYNTAX, YAML_TOO_COMPLEX
from opmodel.diagnostics import Position
from opmodel.load.problems import YamlProblem
from opmodel.load.yaml_composers import Composer, PureComposer, mark_position
from opmodel.load.yaml_values import MAX_DEPTH, build_document


def refuse_deep_nesting(text: str, line_offset: int, loader: type = Composer) -> None:
    """OPM104 where `text` nests deeper than `MAX_DEPTH`, found by walking the parser's
    events, which (unlike composing) does not recurse."""
    open_collections = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            open_collections += 1
            if open_collections > MAX_DEPTH + 1:  # as `build_document` counts: top level 0
                raise YamlProblem(
                    YAML_TOO_COMPLEX,
                    f"nesting deeper than {MAX_DEPTH} levels",
                    mark_position(event.start_mark, line_offset),
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            open_collections -= 1


def refusal(exc: yaml.YAMLError, text: str, line_offset: int) -> YamlProblem:
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
    where = mark_position(mark, line_offset) if mark else Position(1 + line_offset, 1)
    try:
        refuse_deep_nesting(text, line_offset, loader=PureComposer)
        node = yaml.compose(text, Loader=PureComposer)  # within our depth: cannot recurse far
    except YamlProblem as too_deep:
        return too_deep
    except yaml.YAMLError:
        pass  # a mistake in the text: both parsers refuse it
    else:
        try:  # the pure parser reads escapes libyaml refuses: a lone surrogate (`"\\ud800"`)
            if node is not None:
                build_document(node, line_offset, text)
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
        at = mark_position(start, line_offset)
        return f"{context.removesuffix('; first occurrence')} (first at line {at.line})", None
    if context and start and mark and (start.line, start.column) != (mark.line, mark.column):
        at = mark_position(start, line_offset)
        return f"{problem} ({context} started at line {at.line}, column {at.column})", None
    return problem, None


def _byte_position(text: str, offset: int, line_offset: int) -> Position:
    """libyaml counts in bytes of UTF-8; editors count in characters."""
    before = text.encode("utf-8")[:offset].decode("utf-8", errors="replace")
    return Position(
        before.count("\n") + 1 + line_offset, len(before) - (before.rfind("\n") + 1) + 1
    )
