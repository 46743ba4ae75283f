"""Characters no page can show, found in YAML values and Markdown bodies alike (OPM118)."""

from __future__ import annotations

import re

from opmodel.codes import CONTROL_CHARACTER
from opmodel.diagnostics import Position
from opmodel.load.problems import YamlProblem

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
