"""Where the generated tree sits in a site, and what it must not overwrite there.

`generate` lays the tree out from the site's root; under a mount (`operating-model/`) every
path gets the same prefix, so relative links between generated pages stay as they are.
A site's own page at a path the tree uses is never replaced: it is an error (OPM121) that
names both.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from opmodel.codes import PAGE_IN_THE_WAY
from opmodel.diagnostics import Diagnostics, Position
from opmodel.site import urls
from opmodel.site.generate import Generated


class BadMount(ValueError):
    """The `mount:` option is not a folder inside the site."""


def normalise(mount: str) -> str:
    """`operating-model` or `/operating-model/` -> `operating-model/`; `` stays ``."""
    cleaned = mount.strip().strip("/")
    if not cleaned:
        return ""
    parts = cleaned.split("/")
    if any(part in ("", ".", "..") for part in parts) or "\\" in cleaned:
        raise BadMount(
            f"mount: '{mount}' is not a folder inside the site (write e.g. 'operating-model/')"
        )
    return cleaned + "/"


def mounted(generated: Generated, mount: str) -> Generated:
    """The same tree with every path, asset and navigation entry under `mount`."""
    if not mount:
        return generated
    return replace(
        generated,
        pages=[replace(page, path=mount + page.path) for page in generated.pages],
        nav=_nav_under(generated.nav, mount),
        assets=generated.assets.under(mount),
        guides={mount + path: text for path, text in generated.guides.items()},
        css=[mount + path for path in generated.css],
        javascript=[mount + path for path in generated.javascript],
        polyfills=[mount + path for path in generated.polyfills],
    )


def _nav_under(entries: list[Any], mount: str) -> list[Any]:
    nav: list[Any] = []
    for entry in entries:
        ((title, value),) = entry.items()
        nav.append({title: mount + value if isinstance(value, str) else _nav_under(value, mount)})
    return nav


def clashes(
    generated: Generated,
    mount: str,
    exists: Callable[[str], bool],
    shown: Callable[[str], str],
    use_directory_urls: bool,
    *,
    with_guides: bool = True,
) -> Diagnostics:
    """OPM121 for each of the site's own files (`exists(path)` in docs_dir) that would be
    published where the tree publishes one of its own; `shown(path)`: how to name it."""
    found = Diagnostics()
    ours: Iterable[str] = [
        *(page.path for page in generated.pages),
        *generated.assets,
        *(generated.guides if with_guides else ()),
    ]
    for path in ours:
        for theirs in _same_place(path, use_directory_urls):
            if exists(theirs):
                found.add(
                    shown(theirs),
                    Position(),
                    PAGE_IN_THE_WAY,
                    f"the site's own '{theirs}' ({shown(theirs)}) and opmodel's "
                    f"{_describe(path[len(mount) :])} have the same path",
                    "move yours, or set `mount: operating-model/` in the opmodel plugin's "
                    "options to put the model in a folder of the site",
                )
    return found


def _same_place(path: str, use_directory_urls: bool) -> list[str]:
    """The source paths MkDocs would publish at `path`'s place: itself, a README.md for an
    index.md, and with directory URLs `a.md` for `a/index.md` and the other way round."""
    if not path.endswith(".md"):
        return [path]
    folder, name = posixpath.split(path)
    places = [path]
    if name == "index.md":
        places.append(posixpath.join(folder, "README.md"))
        if use_directory_urls and folder:
            places.append(folder + ".md")
    elif use_directory_urls:
        stem = path.removesuffix(".md")
        places += [f"{stem}/index.md", f"{stem}/README.md"]
    return places


def _describe(path: str) -> str:
    if path == urls.HOME:
        return "home page"
    if path.endswith(".md"):
        return f"page '{path}'"
    return f"file '{path}'"
