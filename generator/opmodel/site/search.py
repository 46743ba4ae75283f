"""What the site's search index holds for a generated page: its title and its own words.

Material's search plugin indexes every heading's section of every page. On entity pages
most of the text is other entities' names (backlinks, RACI tables, diagrams), so searching
for a forum found every page that links to it, and at 10,000 roles indexing took over a
minute and gave a search index of tens of megabytes for every reader to download. The
plugin shows the search plugin this digest instead of the page: the title, then the
entity's own prose (summary, purpose, accountabilities, description, notes). Index and
matrix pages are found by their title.
"""

from __future__ import annotations

from opmodel.model.schema import Entity
from opmodel.site.markdown import html_text, prose_html

TEXT_FIELDS = ("summary", "purpose", "hypothesis", "threshold", "trigger", "result")
LIST_FIELDS = ("accountabilities", "constraints")
PROSE_FIELDS = ("description", "body")


def entity_digest(entity: Entity) -> str:
    parts = [title_digest(entity.label)]
    for name in TEXT_FIELDS:
        value = getattr(entity, name, None)
        if isinstance(value, str) and value.strip():
            parts.append(f"<p>{html_text(value)}</p>")
    for name in LIST_FIELDS:
        items = getattr(entity, name, ())
        if items:
            parts.append("<ul>" + "".join(f"<li>{html_text(i)}</li>" for i in items) + "</ul>")
    for name in PROSE_FIELDS:
        value = getattr(entity, name, None)
        if isinstance(value, str):
            parts.append(_without_headings(prose_html(value)))
    return "\n".join(part for part in parts if part)


def title_digest(title: str) -> str:
    """The heading starts the page's one entry (Material reads a heading without an id as
    text; the first section's id is not used in its link)."""
    return f'<h1 id="title">{html_text(title)}</h1>'


def _without_headings(html: str) -> str:
    """Headings in prose would split the digest into entries that point at anchors the
    digest does not have; as paragraphs their words are still found."""
    for level in range(1, 7):
        html = html.replace(f"<h{level}", "<p").replace(f"</h{level}>", "</p>")
    return html
