"""Free Markdown guides (`content/pages/`): the one kind that takes front matter it does
not know."""

from __future__ import annotations

from typing import ClassVar

from pydantic import ConfigDict, Field

from opmodel.model.schema.entity import Entity


class Page(Entity):
    """A free Markdown guide from content/pages/, published as it is."""

    model_config = ConfigDict(extra="allow", frozen=True, coerce_numbers_to_str=True)
    """Other front matter (Material's `hide:`, `icon:`) belongs to the page's site."""

    kind: ClassVar[str] = "page"
    label_field: ClassVar[str] = "title"
    title: str | None = Field(default=None, examples=["How to raise a decision"])
    """The page's title; without one, its first heading or its file name."""
