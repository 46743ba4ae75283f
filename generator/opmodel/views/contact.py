""" "How to reach them": an entity's contact details as the lines its page shows.

Each line is a label, the text to show and where it links. A chat channel written by name
(`#sig-network`) links through the organisation's `settings.chat_url`; an e-mail address
(and a mailing list given as one) links with `mailto:`. Whether a URL is safe to link is
the template's `external` filter's to decide (`site/markdown.py`), as for `links`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from opmodel.model.addresses import channel_name
from opmodel.model.schema import Entity, Person, Settings

LABELS = {
    "email": "Email",
    "chat": "Chat",
    "mailing_list": "Mailing list",
    "meeting": "Meetings",
    "url": "Web page",
}
"""Each field's label, in the order the lines are shown."""
SHOWN_LENGTH = 60
"""A URL shown as a link's text is cut to this many characters: the link keeps all of it."""


@dataclass(frozen=True)
class ContactLine:
    label: str
    text: str
    href: str | None
    """Where it links; None: shown as text (a channel name with no `settings.chat_url`)."""


def contact_lines(entity: Entity, settings: Settings) -> tuple[ContactLine, ...]:
    """The contact lines of `entity`, in the order of LABELS; a person's own `email` is
    their e-mail line when `contact` has none."""
    contact = entity.contact
    values = dict.fromkeys(LABELS, None) | (contact.model_dump() if contact else {})
    if isinstance(entity, Person) and values["email"] is None and entity.email:
        values["email"] = entity.email.strip()
    lines = []
    for field, label in LABELS.items():
        value = values.get(field)
        if value:
            lines.append(_line(field, label, value, settings))
    return tuple(lines)


def _line(field: str, label: str, value: str, settings: Settings) -> ContactLine:
    if field == "email" or (field == "mailing_list" and _is_address(value)):
        return ContactLine(label, value, "mailto:" + value)
    if field == "chat" and (name := channel_name(value)) is not None:
        template = settings.chat_url
        href = template.replace("{channel}", quote(name, safe="")) if template else None
        return ContactLine(label, value, href)
    return ContactLine(label, shown_url(value), value)


def _is_address(value: str) -> bool:
    return "@" in value and ":" not in value


def shown_url(url: str) -> str:
    """A URL as a link's text: without `https://` and a closing `/`, cut to SHOWN_LENGTH."""
    text = url
    for prefix in ("https://", "http://", "mailto:"):
        if text.lower().startswith(prefix):
            text = text[len(prefix) :]
            break
    text = text.rstrip("/") or url
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"
