"""YAML as opmodel reads it: positions kept, and PyYAML's traps closed.

PyYAML on its own keeps the last of duplicate keys, reads `no`/`on` as booleans, `0777` as
511 and `1:20` as 80, and expands alias bombs ("billion laughs") when the data is walked.
So we let libyaml (CSafeLoader, ~10x faster than the pure-Python loader) *compose* the node
graph, with every implicit type resolver switched off, and build Python values ourselves:
YAML 1.2 core types only, duplicate keys refused, aliases and nesting counted against a
budget, and the position of every key and value kept for messages.

`parse` is the one way in. The parsers are in `yaml_composers`, the values built from
their nodes in `yaml_values`, what is said when a parser refuses a text in `yaml_refusal`.
"""

from __future__ import annotations

from typing import Any

import yaml

from opmodel.codes import YAML_TOO_COMPLEX
from opmodel.diagnostics import Position
from opmodel.load.located import LocatedList, LocatedMap
from opmodel.load.problems import YamlProblem
from opmodel.load.unshowable import has_unshowable
from opmodel.load.yaml_composers import Composer
from opmodel.load.yaml_refusal import refusal, refuse_deep_nesting
from opmodel.load.yaml_values import MAX_DEPTH, MAX_NODES, build_document

__all__ = ["MAX_DEPTH", "MAX_NODES", "LocatedList", "LocatedMap", "YamlProblem", "parse"]
"""`parse` and what its callers meet: the values it returns, the problem it raises, its
limits."""

_UNSCANNED_CHARS = 1_000
"""libyaml's composer recurses in C once per nesting level and crashes the whole process
(a segfault, not a RecursionError) somewhere past 20,000 levels on an 8 MB stack, and much
sooner on a thread's smaller stack. A text nests at most one level per character, so only
longer texts need scanning first, event by event, which does not recurse."""


def parse(text: str, *, line_offset: int = 0) -> Any:
    """Parse one YAML document into plain Python values (LocatedMap/LocatedList inside).

    `line_offset` shifts positions for YAML embedded in a file (Markdown front matter).
    Raises YamlProblem for anything that stops the document from loading.
    """
    try:
        if len(text) > _UNSCANNED_CHARS:
            refuse_deep_nesting(text, line_offset)
        node = yaml.compose(text, Loader=Composer)
    except yaml.YAMLError as exc:
        raise refusal(exc, text, line_offset) from None
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
    return build_document(
        node, line_offset, text, every_scalar=not text.isascii() and has_unshowable(text)
    )
