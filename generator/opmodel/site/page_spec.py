"""What a row of the table of pages (`pages.py`) holds: a page's path, title, view,
template, navigation place and search entry, and what else than the model it shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Generic, Literal, TypeVar

from opmodel.checks import Finding
from opmodel.model.model import Model
from opmodel.model.schema import Entity
from opmodel.site import urls
from opmodel.site.evolution import Evolution
from opmodel.views.entity_pages import EntityPage

NO_HISTORY = Evolution("", reason="history is switched off")
COMMITS_SHOWN = 5
"""An entity page lists its latest commits since the baseline, this many."""


@dataclass(frozen=True)
class Inputs:
    """What pages show besides the model."""

    findings: tuple[Finding, ...] = ()
    """The health checks' findings (the health page)."""
    today: dt.date = dt.date.min
    """The roadmap's "due soon" counts from it."""
    evolution: Evolution = NO_HISTORY
    """What changed since the baseline, and each entity's commits."""
    reference: bool = False
    """Whether the site has the content reference (plugin option `reference: true`)."""

    def commits(self, entity: Entity) -> tuple[Any, ...]:
        history = self.evolution.history
        return tuple(history.get((entity.kind, entity.id), ())[:COMMITS_SHOWN]) if history else ()


@dataclass(frozen=True)
class Nav:
    """Where a page sits in the navigation: in `section` (None: at the top level), at
    `place` (the navigation lists everything by place; sections where their first page
    is). The navigation's order is not the pages' order: search lists pages as made."""

    section: str | None
    place: int


@dataclass(frozen=True)
class WhatChanged:
    """The "What changed" page: `what_changed.md.j2` reads these three names."""

    view: Evolution
    model: Model
    significance: tuple[str, ...]


@dataclass(frozen=True)
class PageSpec:
    """One page of the site that is not an entity's."""

    path: str
    """Source path, as MkDocs addresses Markdown files (`urls.py`)."""
    title: str
    """Its title in the navigation and, for `search="title"`, in the search index."""
    template: str
    view: Callable[[Model, Inputs], object]
    """What it shows: a frozen dataclass from `views/`, read from the model it is given
    (where pages are kept between builds, that model notes what the page reads)."""
    name: str | None = "view"
    """The template's name for the view; None: the template reads each of the view's
    fields by its own name (`health.md.j2`: `groups`, `total`)."""
    diagrams: Literal["diagram", "diagrams"] = "diagram"
    """How the template gets the diagrams placed on its path: `diagram`, one slot for them
    all (empty without any), or `diagrams`, a list of slots, one each."""
    nav: Nav | None = None
    search: Literal["page", "title"] = "page"
    """What the search index holds of it: the page's text, or its title only (a long
    table's cells are noise in search results)."""
    shown: Callable[[Model, Inputs], bool] = lambda model, inputs: True
    """Whether the site has the page."""
    depends: Callable[[Inputs], object] = lambda inputs: None
    """What of `Inputs` it shows: it is made again when that changes (`Memo`)."""


E = TypeVar("E", bound=Entity)
FRAME_TEMPLATE = "entity.md.j2"
"""What every entity page's template extends: the frame (`EntityPage`) they share."""


@dataclass(frozen=True)
class EntitySpec(Generic[E]):
    """The pages of one kind's entities: one page each, out of the navigation. The
    template reads the view as `view`, the entity's latest commits as `commits`, and its
    diagram (`figures.ENTITY_DIAGRAMS`) as `diagram`. Search holds its title and text
    fields (`search.entity_digest`), weighed by its kind (`search.entity_boost`)."""

    cls: type[E]
    template: str
    view: Callable[[Model, E], EntityPage[E]]
    path: Callable[[Entity], str] = lambda entity: urls.page_path(entity.ref)

    def page_view(self, model: Model, entity: Entity) -> EntityPage[E]:
        assert isinstance(entity, self.cls), (entity.ref, self.cls)
        return self.view(model, entity)


def template_values(spec: PageSpec, view: object) -> dict[str, object]:
    """The names `spec.template` reads: the view under `spec.name`, or each of its fields."""
    if spec.name is not None:
        return {spec.name: view}
    assert is_dataclass(view) and not isinstance(view, type), spec.path
    return {f.name: getattr(view, f.name) for f in fields(view)}
