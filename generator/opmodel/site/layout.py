"""Where the model sits in a site, in plain data: the folders, the navigation, what of
docs_dir is the model's own source, and which of the site's own files are in the way.

The MkDocs adapter (`site/mkdocs/plugin.py`) reads these from mkdocs.yml and MkDocs' files
and acts on the answers; everything decided here is testable without MkDocs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

from opmodel.diagnostics import Diagnostics, display_path, format_text
from opmodel.site.generate import Generated
from opmodel.site.markdown import html_text
from opmodel.site.mount import clashes

NAV_SECTION = "Operating model"


class EscapedName(str):
    """The organisation's name as the site's name, HTML-escaped: the theme prints
    `config.site_name` as it is in most places (a name is the model's text, not mkdocs.yml's)
    and through `| e` in others, which `__html__` tells not to escape it twice."""

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)


@dataclass(frozen=True)
class Layout:
    content_dir: Path
    docs_dir: Path
    """Resolved."""
    mount: str
    guides_in_docs_dir: bool
    """docs_dir is content/pages itself: MkDocs publishes the guides as the site's pages."""
    content_in_docs_dir: str | None
    """content/'s path inside docs_dir ("" for `docs_dir: content`), None outside it."""

    @classmethod
    def of(cls, content_dir: Path, docs_dir: Path, mount: str) -> Layout:
        docs_dir = docs_dir.resolve()
        # A mounted model publishes its guides under the mount, whatever the docs_dir.
        guides_in_docs_dir = not mount and docs_dir == (content_dir / "pages").resolve()
        inside: str | None = None
        if content_dir.is_relative_to(docs_dir):
            relative = content_dir.relative_to(docs_dir)
            inside = "" if relative == Path() else relative.as_posix()
        return cls(content_dir, docs_dir, mount, guides_in_docs_dir, inside)

    def clashes(self, generated: Generated, docs_dir: Path, use_directory_urls: bool) -> str:
        """The report when the site's own files (in `docs_dir`, as mkdocs.yml names it)
        are where generated ones go; "" when none are: they are never replaced."""

        files = _files_in(docs_dir)

        def exists(path: str) -> bool:
            if path not in files:
                return False
            target = docs_dir / path
            if not target.is_file():  # a broken link
                return False
            # The model's own sources (docs_dir: content) are not the site's pages.
            return self.guides_in_docs_dir or not target.resolve().is_relative_to(self.content_dir)

        found: Diagnostics = clashes(
            generated,
            self.mount,
            exists,
            lambda path: display_path(docs_dir / path),
            use_directory_urls,
            with_guides=not self.guides_in_docs_dir,
        )
        if not found.errors:
            return ""
        return "opmodel: the site's own files are in the way\n" + format_text(found).rstrip()

    def source_test(self, config_dir: str, content_option: str, docs_dir: str) -> Any:
        """A test of (absolute source path or None, source folder or None, source path in
        the site) -> whether MkDocs found that file in the model's own sources, which are
        never published as they are; None when none of docs_dir is the model's.
        (`config_dir`, `docs_dir`: absolute, as MkDocs spells them.)

        With the content folder inside docs_dir (`docs_dir: content`, the layout `opmodel
        new` writes, so that a model without guides has a docs_dir), MkDocs would publish
        its YAML raw and render its Markdown at the generated pages' paths. The guides
        stay where docs_dir is content/pages itself, else `Generated.guides` adds them."""
        if self.guides_in_docs_dir:
            return None
        # MkDocs' paths are absolute but not resolved: compare with both spellings.
        spellings = (
            str(self.content_dir) + os.sep,
            os.path.abspath(os.path.join(config_dir, content_option)) + os.sep,
        )
        # By its path in docs_dir too: TechDocs' monorepo plugin, which runs after ours,
        # copies docs_dir to a temporary folder whenever there is a nav (ours).
        inside = self.content_in_docs_dir
        prefix = f"{inside}/" if inside else ""

        def source(abs_src_path: str | None, src_dir: str | None, src_uri: str) -> bool:
            if abs_src_path is None:
                return False  # another plugin's generated file
            if abs_src_path.startswith(spellings):
                return True
            in_docs_dir = src_dir is not None and os.path.abspath(src_dir) == docs_dir
            return inside is not None and in_docs_dir and src_uri.startswith(prefix)

        return source


def navigation(ours: list[Any], theirs: list[Any] | None, option: str, mount: str) -> Any:
    """(mkdocs.yml's nav, whether to put the site's own pages first once they are known).

    `option` is the plugin's `nav`: auto sets the whole navigation when mkdocs.yml has none
    (under a mount: the site's own pages, then ours), else appends a section; append always
    appends; none leaves it to mkdocs.yml."""
    if option == "none":
        return theirs, False
    if theirs is None and option == "auto" and mount:
        return theirs, True
    if theirs is None and option == "auto":
        return ours, False
    return [*(theirs or []), {NAV_SECTION: ours}], False


def with_polyfills(configured: list[Any], ours: list[str]) -> list[Any]:
    """Material's offline plugin adds iframe-worker from a CDN when it runs before us; the
    vendored copy replaces it so nothing is fetched from the internet."""
    kept = [p for p in configured if "iframe-worker" not in str(p)]
    return kept + [script for script in ours if script not in kept]


def page_title(meta: Mapping[str, Any], title: str | None, is_homepage: bool) -> str | None:
    """The title to put in a page's `meta`, escaped; None: leave it.

    Material writes `page.title | striptags` into <title>, and striptags *unescapes*
    entities: a name like `</title><script>...` would run on its page. A title in
    `page.meta` is written as it is, so every page gets one, escaped here from plain text
    (the front matter's title, else the text of the <h1>). The home page keeps the site name.
    """
    if "title" in meta:
        return html_text(meta["title"])
    if title and not is_homepage:
        return html_text(unescape(title))
    return None


def _files_in(folder: Path) -> frozenset[str]:
    """Every file under `folder` by its POSIX path relative to it, as MkDocs finds them
    (symbolic links to folders followed): one walk instead of a `stat` for every place a
    generated page could clash, 18,000 of them on a large model, at every build."""
    found = []
    for top, _folders, names in os.walk(folder, followlinks=True):
        relative = os.path.relpath(top, folder)
        prefix = "" if relative == "." else Path(relative).as_posix() + "/"
        found += [prefix + name for name in names]
    return frozenset(found)
