"""What every kind has: the common fields (DESIGN.md, "Fields (common)"), and the fields
the loader fills in itself, hidden from the JSON Schema."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import ClassVar

from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from opmodel.model.refs import Ref
from opmodel.model.schema.fields import Contact, Link, Stability, Status, Strict


class Entity(Strict):
    kind: ClassVar[str] = ""
    label_field: ClassVar[str] = "name"

    id: SkipJsonSchema[str] = Field(default="", exclude=True)
    body: SkipJsonSchema[str] = Field(default="", exclude=True)
    path: SkipJsonSchema[str] = Field(default="", exclude=True)
    positions: SkipJsonSchema[dict[str, tuple[int, int]]] = Field(
        default_factory=dict, exclude=True, repr=False
    )
    """Line and column of each top-level field, for messages about this entity."""

    summary: str | None = Field(
        default=None, examples=["Sets the data standards every team follows."]
    )
    """One line: what it is, shown in tables and link tooltips."""
    description: str | None = Field(
        default=None,
        examples=["Meets **monthly**; see the [handbook](https://intranet.example.org/handbook)."],
    )
    """More about it, in Markdown."""
    status: Status = Field(default="active", examples=["trial"])
    """Where it is in its lifecycle."""
    stability: Stability = Field(default="adaptable", examples=["fixed"])
    """Whether it is part of the fixed spine or may be adapted."""
    review_by: dt.date | None = Field(default=None, examples=[dt.date(2026, 3, 31)])
    """When it is next due for review (YYYY-MM-DD); past that date it is overdue."""
    tags: tuple[str, ...] = Field(default=(), examples=[["data", "onboarding"]])
    """Free keywords, for search and filtering."""
    links: tuple[Link, ...] = Field(
        default=(),
        examples=[[{"title": "Handbook", "url": "https://intranet.example.org/handbook"}]],
    )
    """Related pages elsewhere, each a `title` and a `url`."""
    contact: Contact | None = Field(
        default=None, examples=[{"email": "data-team@example.org", "chat": "#data-team"}]
    )
    """How to get in touch about it."""

    @cached_property
    def ref(self) -> Ref:
        # kept on the entity (not a field: pydantic leaves it out of comparisons and dumps)
        return Ref(self.kind, self.id)

    @property
    def label(self) -> str:
        """What people call it: its name or title, else its id."""
        value = getattr(self, self.label_field, None)
        return value if value else self.id

    def position(self, field: str | None = None) -> tuple[int, int]:
        """Where `field` (or the entity, for None) stands in its file."""
        return self.positions.get(field or "", self.positions.get("", (1, 1)))

    def text_position(self, field: str) -> tuple[int, int]:
        """Where the text of `field` (`description`, `body`, `links[0].url`) starts in the
        file: a check adds the line and column of what it found within the text."""
        return self.positions.get(field + ":text") or self.position(
            field.split("[")[0].split(".")[0]
        )

    @property
    def is_fixed(self) -> bool:
        return self.stability == "fixed"


LOADER_FIELDS = frozenset({"id", "body", "path", "positions"})
