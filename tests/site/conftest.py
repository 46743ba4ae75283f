"""The built site, as users get it: `opmodel build` of the real example, read back as HTML.

Building the example takes seconds, so it is built once per session (`example_site`) and
every test reads the same pages. Tests that need another model (hostile names, a broken
file) build a copy of the example in their own temporary folder (`copy_example`,
`build_site`). HTML is read with the standard library's parser: no new dependencies.
"""

from __future__ import annotations

import posixpath
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from opmodel import Finding, Model, load_model, run_checks
from opmodel.cli import main
from opmodel.model.schema import Entity
from opmodel.site import urls

REPO = Path(__file__).resolve().parents[2]
SOURCE_DATE_EPOCH = 1_795_392_000
"""2026-11-23T00:00:00Z, as in tests/conftest.py: "today" for the health checks and roadmap."""

USE_DIRECTORY_URLS = False
"""The example's mkdocs.yml enables Material's offline plugin, which turns directory URLs
off so that the site works from file://: `roles/x.md` is built as `roles/x.html`."""

VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)
LINK_ATTRIBUTES = ("href", "src", "xlink:href")


@dataclass(frozen=True)
class Link:
    """One href/src on a page, with where it sits."""

    tag: str
    attribute: str
    value: str
    section: str | None
    """The id of the last <h2> before it inside the article (None: before any, or outside)."""
    inside: tuple[str, ...]
    """The open elements around it, outermost first."""

    @property
    def in_article(self) -> bool:
        return "article" in self.inside


@dataclass
class Element:
    """A captured element: its text (entities decoded) and the links inside it."""

    tag: str
    attrs: dict[str, str]
    section: str | None
    text_parts: list[str] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join("".join(self.text_parts).split())


@dataclass
class Table:
    section: str | None
    rows: list[list[Element]] = field(default_factory=list)
    """Every <tr>, header rows included, as its cells (<th> and <td>)."""


class PageParser(HTMLParser):
    """Collects what the tests look at: ids, links, headings, list items and tables."""

    CAPTURED = frozenset({"title", "h1", "h2", "h3", "p", "li", "td", "th", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[Link] = []
        self.elements: list[Element] = []
        self.tables: list[Table] = []
        self._stack: list[str] = []
        self._open: list[Element] = []
        self._tables: list[Table] = []
        self._rows: list[list[Element]] = []
        self._section: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attributes(tag, attrs)
        if tag in VOID_ELEMENTS:
            return
        self._stack.append(tag)
        values = {name: value or "" for name, value in attrs}
        if tag == "h2" and "article" in self._stack:
            self._section = values.get("id")
        if tag == "table":
            self._tables.append(Table(self._section))
        if tag == "tr":
            self._rows.append([])
        if tag in self.CAPTURED:
            self._open.append(Element(tag, values, self._section))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attributes(tag, attrs)  # <path .../> in SVG: nothing to open or close

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._stack:
            return
        while self._stack:
            closed = self._stack.pop()
            self._close(closed)
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text_parts.append(data)

    def _attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        inside = (*self._stack, tag)
        for name, value in attrs:
            if name in ("id", "name") and value and tag != "meta" and tag != "input":
                self.ids.append(value)
            if name in LINK_ATTRIBUTES and value is not None:
                section = self._section if "article" in self._stack else None
                self.links.append(Link(tag, name, value, section, inside))
                if tag == "a" and name in ("href", "xlink:href"):
                    for element in self._open:
                        element.hrefs.append(value)

    def _close(self, tag: str) -> None:
        if tag == "article":
            self._section = None
        if tag in self.CAPTURED:
            for index in range(len(self._open) - 1, -1, -1):
                if self._open[index].tag == tag:
                    element = self._open.pop(index)
                    self.elements.append(element)
                    self._file_in_table(element)
                    break
        if tag == "table" and self._tables:
            self.tables.append(self._tables.pop())

    def _file_in_table(self, element: Element) -> None:
        if element.tag == "tr" and self._rows:
            cells = self._rows.pop()
            if self._tables:
                self._tables[-1].rows.append(cells)
        elif element.tag in ("td", "th") and self._rows:
            self._rows[-1].append(element)


@dataclass
class Page:
    """One built HTML page, parsed."""

    path: str
    """Relative to the site root, posix (`roles/head-of-data.html`)."""
    source: str
    ids: set[str]
    links: list[Link]
    elements: list[Element]
    tables: list[Table]

    def of(self, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag]

    @property
    def h1(self) -> str:
        headings = self.of("h1")
        assert len(headings) == 1, f"{self.path}: {len(headings)} <h1> elements"
        return headings[0].text

    def resolve(self, href: str) -> tuple[str | None, str]:
        """(the site-relative file an internal link points to, its fragment); None for the
        file of an external link or a link to this same page."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("//"):
            return None, parts.fragment
        if not parts.path:
            return self.path, unquote(parts.fragment)
        if parts.path.startswith("/"):  # 404.html: MkDocs links it from the site root
            return posixpath.normpath(unquote(parts.path).lstrip("/")), unquote(parts.fragment)
        joined = posixpath.join(posixpath.dirname(self.path), unquote(parts.path))
        return posixpath.normpath(joined), unquote(parts.fragment)

    def article_targets(
        self, section: str | None = None, *, excluding: str | None = None
    ) -> set[str]:
        """The files that links inside the article (or one of its h2 sections, or all but
        one) point to."""
        found = set()
        for link in self.links:
            if link.tag != "a" or not link.in_article:
                continue
            if section is not None and link.section != section:
                continue
            if excluding is not None and link.section == excluding:
                continue
            target, _ = self.resolve(link.value)
            if target is not None:
                found.add(target)
        return found


def parse_page(root: Path, file: Path) -> Page:
    return parse_source(file.relative_to(root).as_posix(), file.read_text(encoding="utf-8"))


def parse_source(path: str, source: str) -> Page:
    parser = PageParser()
    parser.feed(source)
    parser.close()
    return Page(
        path,
        source,
        set(parser.ids),
        parser.links,
        parser.elements,
        parser.tables,
    )


@dataclass
class BuiltSite:
    root: Path
    model: Model

    @cached_property
    def pages(self) -> dict[str, Page]:
        """Every HTML page of the site, by its site-relative path."""
        return {
            page.path: page
            for page in (parse_page(self.root, f) for f in sorted(self.root.rglob("*.html")))
        }

    def files(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*") if p.is_file())

    def page(self, path: str) -> Page:
        assert path in self.pages, f"{path} was not built"
        return self.pages[path]

    @staticmethod
    def url(source_path: str) -> str:
        """The built file for a generated page's source path (`roles/x.md`)."""
        return urls.url_of(source_path, USE_DIRECTORY_URLS)

    def entity_url(self, entity: Entity) -> str:
        return self.url(urls.page_path(entity.ref))

    def entity_page(self, entity: Entity) -> Page:
        return self.page(self.entity_url(entity))


def build(config_file: Path, site_dir: Path) -> int:
    """`opmodel build` with a fixed clock, as a user runs it; returns the exit code."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(SOURCE_DATE_EPOCH))
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        return main(["build", "--config-file", str(config_file), "--site-dir", str(site_dir)])


def loaded(content: Path) -> Model:
    result = load_model(content)
    messages = "\n".join(d.format() for d in result.diagnostics)
    assert result.model is not None, f"the model did not load:\n{messages}"
    return result.model


@pytest.fixture(scope="session")
def example_config() -> Path:
    """The repository's mkdocs.yml."""
    return REPO / "mkdocs.yml"


@pytest.fixture(scope="session")
def source_date_epoch() -> int:
    """The SOURCE_DATE_EPOCH every build here runs with."""
    return SOURCE_DATE_EPOCH


@pytest.fixture(scope="session")
def example_model() -> Model:
    return loaded(REPO / "content")


@pytest.fixture(scope="session")
def example_site(
    tmp_path_factory: pytest.TempPathFactory, example_config: Path, example_model: Model
) -> BuiltSite:
    """The repository's example, built once for the whole session."""
    site_dir = tmp_path_factory.mktemp("example") / "site"
    status = build(example_config, site_dir)
    assert status == 0, "the example site did not build"
    return BuiltSite(site_dir, example_model)


@pytest.fixture(scope="session")
def example_findings(example_model: Model) -> list[Finding]:
    """The health findings on the same "today" as the build."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(SOURCE_DATE_EPOCH))
        return run_checks(example_model)


@pytest.fixture(scope="session")
def copy_example() -> Callable[[Path], Path]:
    """Copy mkdocs.yml, content/ and theme/ into `folder`/project; returns the project."""

    def copy(folder: Path) -> Path:
        project = folder / "project"
        project.mkdir()
        shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copytree(REPO / "content", project / "content")
        shutil.copytree(REPO / "theme", project / "theme")
        return project

    return copy


@pytest.fixture(scope="session")
def parse_html() -> Callable[[str, str], Page]:
    """Parse HTML text as if it were the page at a site-relative path."""
    return parse_source


@pytest.fixture(scope="session")
def build_site() -> Callable[[Path, Path], int]:
    """Build a project's mkdocs.yml into a site folder; returns `opmodel build`'s exit code."""
    return build


@pytest.fixture(scope="session")
def read_site() -> Callable[[Path], BuiltSite]:
    """A built copy of the example, read back (its own model loaded from its content/)."""

    def read(project: Path, site_dir: Path | None = None) -> BuiltSite:
        return BuiltSite(site_dir or project / "site", loaded(project / "content"))

    return read
