"""Entity ids: the file stem, a lower-case slug."""

from __future__ import annotations

import re
import unicodedata

ID_RE = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ID_PATTERN = re.compile(f"^{ID_RE}$")


def slugify(text: str) -> str:
    """The id a user probably meant: `Head of Data` -> `head-of-data`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "entity"
