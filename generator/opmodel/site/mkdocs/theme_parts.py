"""The theme's parts that come out the same on every entity page, rendered once a folder.

Material renders its navigation sidebar, its tabs, the header's search box, palette
toggle and logo, the back-to-top button, and `base.html`'s stylesheet, script and
configuration tags again for every page. On a page outside the navigation (every entity
page) the navigation marks no item active, and every link in those parts is relative to the
page's folder: `roles/a/` and `roles/b/` both get `../../units/x/`. So each part's HTML is
the same for every such page in one folder. On a large model rendering them was a fifth of
writing an entity page; now each is rendered once per folder (about ten on any model) and
handed back after that.

Only Material's own parts are reused, and only where the site does not override them or a
template they include (`custom_dir`), as what they read is known: the site's
configuration, navigation and language, the page's folder through the `url` filter, and
the page itself only to compare it with navigation items (`nav-item.html`). A page in the
navigation, or one whose folder holds a page of the navigation (a link into it would be
relative to the page's own folder), is rendered as usual.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme
from mkdocs.utils import get_theme_dir

PARTIALS = {
    "partials/nav.html": ("partials/nav-item.html", "partials/logo.html", "partials/source.html"),
    "partials/tabs.html": ("partials/tabs-item.html",),
    "partials/search.html": (),
    "partials/palette.html": (),
    "partials/logo.html": (),
    "partials/source.html": (),
    "partials/top.html": (),
}
"""Each partial reused, with the templates it includes or imports, which must be stock too
(icons aside: they are the same on every page whoever drew them)."""

BLOCKS = {
    "styles": ("partials/icons.html",),
    "libs": (),
    "fonts": (),
    "config": (),
    "scripts": (),
}
"""`base.html`'s blocks reused, with what they include. A site's `main.html` that overrides
one renders its own for every page (and Material's, once a folder, where it calls
`super()`)."""

BASE = "base.html"

_ORIGINALS = "_opmodel_originals"
"""Where a template keeps its own render functions, by partial or block name (installing
twice wraps once)."""

RenderFunc = Callable[[Any], Iterator[str]]


def reuse(env: jinja2.Environment, theme: Theme) -> tuple[str, ...]:
    """Have `env` render the `PARTIALS` and `BLOCKS` that are Material's own once per
    folder of pages outside the navigation (under another theme, none); which it does."""
    if theme.name != "material":
        return ()
    theme_dir = Path(get_theme_dir(theme.name))

    def stock(*names: str) -> list[jinja2.Template] | None:
        templates = [_template(env, name) for name in names]
        found = [t for t in templates if t is not None and _is_in(t, theme_dir)]
        return found if len(found) == len(names) else None

    reused = []
    for name, includes in PARTIALS.items():
        if (templates := stock(name, *includes)) is not None:
            template = templates[0]
            template.root_render_func = _reusing(name, _original(template, name, "root"))
            reused.append(name)
    for block, includes in BLOCKS.items():
        if (templates := stock(BASE, *includes)) is not None:
            base, name = templates[0], f"{BASE}#{block}"
            base.blocks[block] = _reusing(name, _original(base, name, block))
            reused.append(name)
    return tuple(reused)


def _original(template: jinja2.Template, name: str, part: str) -> RenderFunc:
    """The template's own render function for its root or `part` block."""
    originals: dict[str, RenderFunc] = template.__dict__.setdefault(_ORIGINALS, {})
    if name not in originals:
        originals[name] = template.root_render_func if part == "root" else template.blocks[part]
    return originals[name]


def _template(env: jinja2.Environment, name: str) -> jinja2.Template | None:
    try:
        return env.get_template(name)
    except jinja2.TemplateNotFound:
        return None


def _is_in(template: jinja2.Template, folder: Path) -> bool:
    return template.filename is not None and Path(template.filename).is_relative_to(folder)


def _reusing(name: str, original: RenderFunc) -> RenderFunc:
    def render(context: Any) -> Iterator[str]:
        nav, page = context.get("nav"), context.get("page")
        last = _LAST
        if last.page is not page or last.nav is not nav:  # a page's first reused part
            last.page, last.nav = page, nav
            last.rendered = _rendered_for(nav) if isinstance(nav, Navigation) else None
            last.folder = None if last.rendered is None else _folder(last.rendered, page)
        folder, rendered = last.folder, last.rendered
        if folder is None or rendered is None:
            yield from original(context)
            return
        key = (name, folder)
        html = rendered.parts.get(key)
        if html is None:
            html = rendered.parts[key] = "".join(original(context))
        yield html

    return render


@dataclass
class _Rendered:
    """One navigation's partials, by (partial, folder), and what tells its pages apart."""

    in_nav: set[int]
    """The navigation's pages (by identity: pages compare by title and file)."""
    folders: set[str]
    """Every folder that holds a page of the navigation, or its home page."""
    parts: dict[tuple[str, str], str] = field(default_factory=dict)


@dataclass
class _Last:
    """The page whose parts were asked for last, with its folder and navigation's parts: a
    page asks for a dozen, one after another."""

    page: object = None
    nav: object = None
    folder: str | None = None
    rendered: _Rendered | None = None


_LAST = _Last()

_BY_NAV: weakref.WeakKeyDictionary[Navigation, _Rendered] = weakref.WeakKeyDictionary()
"""Each build's navigation's partials: a server's next build has a new navigation, and a
quick build renders with the last one's (`quick.py`)."""


def _rendered_for(nav: Navigation) -> _Rendered:
    rendered = _BY_NAV.get(nav)
    if rendered is None:
        urls = [page.url for page in nav.pages]
        if nav.homepage is not None:
            urls.append(nav.homepage.url)
        folders = {url[: end + 1] for url in urls for end, c in enumerate(url) if c == "/"}
        rendered = _BY_NAV[nav] = _Rendered({id(page) for page in nav.pages}, folders)
    return rendered


def _folder(rendered: _Rendered, page: Any) -> str | None:
    """The folder links on `page` are relative to, where its partials are the same as on
    every other page there (`rendered`: its navigation's); None: render them for the page."""
    if not isinstance(page, Page) or page.url is None:
        return None
    if id(page) in rendered.in_nav:
        return None
    url = page.url.lstrip("/")
    if url.endswith("/"):  # roles/a/ (directory URLs): its links are relative to roles/a/
        if url in rendered.folders:
            return None
        return "/" + url[: url.rstrip("/").rfind("/") + 1]
    # roles/a.html: relative to roles/, like every page there (a file holds no page)
    return "/" + url[: url.rfind("/") + 1] + "\0file"
