"""The one URL scheme: where every generated page lives, and links between them.

Pages are addressed by their source path (`roles/head-of-data.md`), as MkDocs addresses
Markdown files; Markdown links use those paths and MkDocs turns them into URLs. Diagrams
(SVG) are not Markdown, so they link by final URL, computed here the way MkDocs does with
`use_directory_urls`.
"""

from __future__ import annotations

import posixpath

from opmodel.kinds import ENTITY_KINDS
from opmodel.model.refs import Ref

SECTIONS: dict[str, str] = {kind.name: kind.folder for kind in ENTITY_KINDS}
"""kind -> the folder of its pages (and its index page)."""

HOME = "index.md"
WHO_DECIDES = "who-decides/index.md"
RACI = "who-decides/raci.md"
HEALTH = "health.md"
ROADMAP = "roadmap.md"
WHAT_CHANGED = "what-changed.md"
REFERENCE = "reference.md"
"""The content reference (plugin option `reference: true`)."""
ASSETS = "assets/opmodel"
DIAGRAMS = "assets/opmodel/diagrams"
GOVERNANCE_MAP = "diagram-governance"
"""The governance map's figure id on the forums index, where the home page links."""


def diagram_id(key: str) -> str:
    """The HTML id of the figure showing the diagram `key` (`diagram-governance`)."""
    return f"diagram-{key}"


FORUMS_CALENDAR = "calendars/forums.ics"
"""Every forum's meetings, one iCalendar feed (`export/ical.py`)."""


def forum_calendar(forum_id: str) -> str:
    """One forum's meetings as an iCalendar feed (in a folder of their own, so no forum's
    id can clash with the feed of all of them)."""
    return f"calendars/forums/{forum_id}.ics"


def page_path(ref: Ref) -> str:
    return f"{SECTIONS[ref.kind]}/{ref.id}.md"


def index_path(kind: str) -> str:
    return f"{SECTIONS[kind]}/index.md"


def guide_path(page_id: str) -> str:
    """Guides are published beside the home page, as if content/pages/ were the docs_dir
    (which it is in sites configured before guides became optional)."""
    return f"{page_id}.md"


def relative(from_page: str, to_path: str) -> str:
    """A Markdown link from one source page to another source path or asset."""
    return _relpath(to_path, posixpath.dirname(from_page))


def _relpath(path: str, start: str) -> str:
    """`posixpath.relpath(path, start or ".")` for the normalised relative paths of a site,
    without its two `abspath` calls in the usual cases: a large site makes 100,000s."""
    path = path.rstrip("/") or path
    if path in (".", "/") or path.startswith(("../", "./", "/")) or "/./" in path:
        return posixpath.relpath(path, start or ".")
    if not start or start == ".":
        return path
    if path == start:
        return "."
    if path.startswith(start + "/"):
        return path[len(start) + 1 :]
    if "/" not in start:  # pages sit at most one folder deep
        return "../" + path
    return posixpath.relpath(path, start)


def url_of(path: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a source path (`roles/x.md` -> `roles/x/`)."""
    if not path.endswith(".md"):
        return path
    stem = path[: -len(".md")]
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def url_link(from_page: str, to_path: str, use_directory_urls: bool = True) -> str:
    """A link usable in HTML/SVG on `from_page`'s built page, to `to_path`'s built page."""
    here = url_of(from_page, use_directory_urls)
    base = here if here.endswith("/") or here == "" else posixpath.dirname(here) + "/"
    target = url_of(to_path, use_directory_urls)
    rel = _relpath(target or ".", base.rstrip("/") or ".")
    if (target == "" or target.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return "./" if rel == "./" else rel
