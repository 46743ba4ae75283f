"""Jinja rendering of generated pages: one template per page kind, looked up first in the
organisation's own templates folder, then in the package. StrictUndefined makes a typo in
a template fail the build instead of printing nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

import jinja2

from opmodel.model import schedule
from opmodel.model.model import Model
from opmodel.model.prose_links import ProseLink
from opmodel.model.refs import Ref
from opmodel.model.schema import Entity
from opmodel.site import urls
from opmodel.site.markdown import (
    ProseLinks,
    html_text,
    md_code,
    md_doc,
    md_external_link,
    md_text,
    prose_html,
)
from opmodel.speed.memo import Memo

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
STATUS_NOTES = {
    "proposed": "proposed",
    "trial": "on trial",
    "retiring": "retiring",
    "retired": "retired",
    "idea": "idea",
    "planned": "planned",
    "adopted": "adopted",
    "dropped": "dropped",
}


def environment(override_folder: Path | None = None) -> jinja2.Environment:
    folders = [str(override_folder)] if override_folder and override_folder.is_dir() else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, str(PACKAGE_TEMPLATES)]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown output: escaping is explicit, via the md/html filters
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Templates do not change during a build (nor under serve: `incremental.py` makes a
        # new environment when they do), so each `include` need not stat its file again.
        auto_reload=False,
    )
    env.filters.update(
        md=md_text,
        doc=md_doc,
        code=md_code,
        html=html_text,
        prose=_prose,
        external=md_external_link,
        hours=lambda h: f"{h:.1f}".rstrip("0").rstrip(".") if h else "0",
        date=lambda d: d.isoformat() if isinstance(d, dt.date) else "",
        when=schedule.when,  # a forum's `meets` in words
    )
    return env


@jinja2.pass_context
def _prose(
    context: jinja2.runtime.Context,
    text: str | None,
    entity: Entity | None = None,
    title: str | None = None,
) -> str:
    """The `prose` filter: `text` (a description, a body) rendered, its links leading where
    the model says (`model/prose_links.py`), as URLs from this page. The text is the prose
    of `entity`, or else of the page's own entity (the organisation on the home page).
    `title`: the page's title, which the text does not repeat as its first heading."""
    page = context.get("ctx")
    if not isinstance(page, PageContext) or not text:
        return prose_html(text, title=title)
    return prose_html(text, page.prose_links(entity), title)


class PageContext:
    """Link helpers bound to the page being rendered (links are relative to it)."""

    def __init__(
        self, model: Model, page: str, use_directory_urls: bool, parts: Memo[str] | None = None
    ) -> None:
        self.model = model
        self.page = page
        self.use_directory_urls = use_directory_urls
        self.parts = parts
        """Under a server, this page's parts as its last rendering made them (`part`)."""

    def part(self, key: Hashable, inputs: object, caller: Callable[[], str]) -> str:
        """What `{% call ctx.part(key, inputs) %}...{% endcall %}` renders: a part of a page
        (a row of a listing of 10,000), kept from the page's last rendering under a server
        while nothing it looked up through the model (the entities it links to) nor its
        `inputs` (everything else it shows) changed."""
        if self.parts is None:
            return caller()
        rendered: str = self.parts.get(
            key, self.model, lambda model: self._rendered_with(model, caller), inputs=inputs
        )
        return rendered

    def _rendered_with(self, model: Model, caller: Callable[[], str]) -> str:
        """`caller()` with every link helper looking up in `model` (noting the part's reads)."""
        page_model, self.model = self.model, model
        try:
            return str(caller())
        finally:
            self.model = page_model

    def prose_links(self, entity: Entity | None = None) -> ProseLinks:
        """Where the links in the prose of `entity` (default: this page's own) lead from
        this page."""
        source = entity.ref if entity is not None else self._own_ref()
        found: dict[str, str | None] = {}
        # A URL leads to one place from one entity, whichever field it is in.
        for link in self.model.prose_links.get(source, ()) if source else ():
            found.setdefault(link.url, self._prose_href(link))
        return tuple(sorted(found.items()))

    def _prose_href(self, link: ProseLink) -> str | None:
        if link.href is not None:
            return link.href
        target = link.target
        if target is None:
            return None
        path = urls.guide_path(target.id) if target.kind == "page" else urls.page_path(target)
        return self.url(path) + link.fragment

    def _own_ref(self) -> Ref | None:
        """The entity whose page this is: `units/x.md` -> unit:x; the home page -> the
        organisation."""
        if self.page == urls.HOME:
            return self.model.organisation.ref
        folder, _, name = self.page.partition("/")
        kind = next((k for k, f in urls.SECTIONS.items() if f == folder), None)
        if kind is None or "/" in name or not name.endswith(".md"):
            return None
        return Ref(kind, name[: -len(".md")])

    def path(self, target: str) -> str:
        """A Markdown link target for a generated page's source path."""
        return urls.relative(self.page, target)

    def url(self, target: str) -> str:
        """A URL for raw HTML (and SVG) on this page."""
        return urls.url_link(self.page, target, self.use_directory_urls)

    def link(self, ref: Ref | Entity | None, label: str | None = None) -> str:
        """A Markdown link to an entity, labelled with its name; '—' for None."""
        if ref is None:
            return "—"
        text, target, badges = self._link_parts(ref, label)
        return f"[{md_text(text)}]({self.path(target)}){badges}"

    def links(self, refs: Any, empty: str = "—") -> str:
        return _joined([self.link(r) for r in refs], empty)

    def href(self, ref: Ref | Entity) -> str:
        entity_ref = ref.ref if isinstance(ref, Entity) else ref
        return self.url(urls.page_path(entity_ref))

    def a(self, ref: Ref | Entity | None, label: str | None = None) -> str:
        """An HTML link to an entity, labelled with its name; '—' for None."""
        if ref is None:
            return "—"
        text, target, badges = self._link_parts(ref, label)
        return f'<a href="{self.url(target)}">{html_text(text)}</a>{badges}'

    def a_list(self, refs: Any, empty: str = "—") -> str:
        """HTML links to entities, separated by commas; `empty` when there are none."""
        return _joined([self.a(r) for r in refs], empty)

    def _link_parts(self, ref: Ref | Entity, label: str | None) -> tuple[str, str, str]:
        """What a link to an entity shows, in Markdown or HTML alike: its label (not yet
        escaped), the page it leads to and its badges."""
        if isinstance(ref, Ref) and ref.kind == "organisation":
            # The organisation's page is the home page (a change to organisation.yml, say).
            return label or self.model.organisation.label, urls.HOME, ""
        entity = self._shown(ref)
        return label or entity.label, urls.page_path(entity.ref), self.badges(entity)

    def _shown(self, ref: Ref | Entity) -> Entity:
        """The entity a link shows (its facts only: `Model.shown`)."""
        return ref if isinstance(ref, Entity) else self.model.shown(ref)

    def badges(self, entity: Entity) -> str:
        """Small inline markers for status and the fixed spine (HTML, safe in Markdown)."""
        marks = []
        if entity.status in STATUS_NOTES:
            marks.append(
                f' <span class="opm-badge opm-status-{entity.status}">'
                f"{STATUS_NOTES[entity.status]}</span>"
            )
        if entity.is_fixed:
            marks.append(
                ' <span class="opm-badge opm-fixed" title="Fixed spine: changes need '
                'the decision-making forum">fixed</span>'
            )
        return "".join(marks)


def _joined(links: list[str], empty: str) -> str:
    return ", ".join(links) if links else empty


def render_page(env: jinja2.Environment, template: str, context: PageContext, **values: Any) -> str:
    page = env.get_template(template).render(
        ctx=context,
        link=context.link,
        links=context.links,
        a=context.a,
        a_list=context.a_list,
        href=context.href,
        path=context.path,
        url=context.url,
        badges=context.badges,
        urls=urls,
        org=context.model.organisation,
        **values,
    )
    return page


LinkFn = Callable[[Ref], str]
