"""The built example site in a real browser: Debian's Chromium driven by Playwright.

The example is built once per session with `opmodel build --site-dir` (as users run it, with
SOURCE_DATE_EPOCH fixed) and served by `http.server` on 127.0.0.1 in a thread. Every page a
test opens is watched: console errors, uncaught exceptions, JavaScript dialogs and requests
to another host are recorded, and the `browse` fixture (behind `page`) fails the test at
teardown if any happened, so every test checks those on the pages it visits.

Loading a page is what these tests spend their time on (about half a second each), so one
`tour` loads each page type once and records what the tests about errors, requests,
diagrams and accessibility then read.

Playwright's own browser builds are never downloaded (`playwright install` is not used): the
system's /usr/bin/chromium is launched instead (`make system-deps` installs it). Without it
the browser tests are skipped with a message saying how to install it.

What the suite covered (pages loaded, checks, requests) is printed at the end of the run by
`pytest_terminal_summary` in tests/conftest.py, so it shows without `-s` and adds up the
workers of a parallel run.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from opmodel import Model, load_model
from opmodel.model.refs import Ref
from opmodel.site import urls

REPO = Path(__file__).resolve().parents[2]
VENDOR = Path(__file__).resolve().parent / "vendor"
AXE = VENDOR / "axe.min.js"
CHROMIUM = Path(os.environ.get("OPMODEL_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SOURCE_DATE_EPOCH = "1795392000"
"""2026-11-23T00:00:00Z, as in tests/conftest.py."""
VIEWPORT = {"width": 1280, "height": 900}
"""Wide enough for Material's tabs (shown from 1220 px) and both sidebars."""
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
HARMLESS_SCHEMES = frozenset({"data", "blob", "about"})
"""Requests that never leave the machine: inline data, object URLs, about:blank frames."""


# -- What the run covered ---------------------------------------------------------------


@dataclass
class Tally:
    """Counts for the terminal summary: what the browser tests actually exercised."""

    pages: set[str] = field(default_factory=set)
    requests: int = 0
    remote: list[str] = field(default_factory=list)
    checks: Counter[str] = field(default_factory=Counter)
    axe_scans: int = 0
    axe_serious: int = 0

    def check(self, kind: str, n: int = 1) -> None:
        self.checks[kind] += n


TALLY = Tally()


@pytest.fixture(scope="session")
def tally() -> Tally:
    return TALLY


def pytest_sessionfinish(session: Any) -> None:
    """Hand this process's tally to the summary in tests/conftest.py, which adds up the
    tallies of every worker when the suite runs in parallel (pytest-xdist)."""
    record = {
        # Paths, not URLs: each worker serves the same sites on ports of its own.
        "pages": sorted({urlsplit(url).path for url in TALLY.pages}),
        "requests": TALLY.requests,
        "remote": TALLY.remote,
        "checks": dict(TALLY.checks),
        "axe_scans": TALLY.axe_scans,
        "axe_serious": TALLY.axe_serious,
    }
    worker_output = getattr(session.config, "workeroutput", None)
    if worker_output is not None:
        worker_output["browser_tally"] = record
    else:
        session.config.browser_tallies = [record]


# -- Building and serving -----------------------------------------------------------------


def opmodel_build(config_file: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """`opmodel build` as a user runs it, from the config file's folder."""
    script = Path(sys.executable).with_name("opmodel")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "opmodel.cli"]
    env = os.environ | {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [*command, "build", "--config-file", config_file.name, "--site-dir", str(site_dir)],
        cwd=config_file.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _LocalServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that drops a connection (a page left mid-load) is no error of ours;
        anything else is still printed."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serving(root: Path, handler: type[SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 on a free port; yields the base URL (ending in `/`)."""
    server = _LocalServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def serve_folder() -> Callable[..., Any]:
    """`serving` for test modules: `with serve_folder(root, handler=...) as base_url:`."""
    return serving


@dataclass(frozen=True)
class Site:
    root: Path
    base_url: str
    model: Model

    def url(self, path: str) -> str:
        """The served URL of a site-relative file (`roles/x.html`)."""
        return self.base_url + path

    def path_of(self, url: str) -> str:
        """The site-relative file a served URL points to (query and fragment dropped)."""
        path = urlsplit(url).path.lstrip("/")
        return path or "index.html"

    def file_of(self, ref: Ref) -> str:
        """The site-relative file of an entity's page (these sites turn directory URLs off)."""
        return built_url(urls.page_path(ref))


@pytest.fixture(scope="session")
def example_model() -> Model:
    result = load_model(REPO / "content")
    assert result.model is not None, "\n".join(d.format() for d in result.diagnostics)
    return result.model


@pytest.fixture(scope="session")
def built_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's example, built once into a temporary site folder."""
    site_dir = tmp_path_factory.mktemp("browser") / "site"
    built = opmodel_build(REPO / "mkdocs.yml", site_dir)
    assert built.returncode == 0, f"the example did not build:\n{built.stdout}{built.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def site(built_example: Path, example_model: Model) -> Iterator[Site]:
    with serving(built_example) as base_url:
        yield Site(built_example, base_url, example_model)


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """Serve another built site for the rest of the session; returns its base URL."""
    stops: list[Any] = []

    def start(root: Path) -> str:
        context = serving(root)
        stops.append(context)
        return context.__enter__()

    yield start
    for context in reversed(stops):
        context.__exit__(None, None, None)


# -- The browser --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is missing: install Debian's chromium (`make system-deps`, or "
            "`apt-get install chromium`); Playwright's own browser builds are not used"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Watch:
    """What happened on the pages of one browser context."""

    allowed_schemes: frozenset[str] = frozenset({"http"})
    ignored_errors: tuple[str, ...] = ()
    """Substrings of console errors that a test expects (e.g. a hostile `<img src=x>`)."""
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(f"{page.url}: {error}"))
        page.on("dialog", self._dialog)
        page.on("request", lambda request: self._request(request.url))
        page.on("load", lambda _: TALLY.pages.add(_without_query(page.url)))

    def _console(self, message: Any) -> None:
        if message.type != "error":
            return
        text = f"{message.location.get('url', '')}: {message.text}"
        if not any(ignored in text for ignored in self.ignored_errors):
            self.console_errors.append(text)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _request(self, url: str) -> None:
        self.requests.append(url)
        TALLY.requests += 1
        if not self.is_local(url):
            TALLY.remote.append(url)

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in HARMLESS_SCHEMES:
            return True
        if parts.scheme not in self.allowed_schemes:
            return False
        return parts.scheme == "file" or parts.hostname in LOCAL_HOSTS

    def reset(self) -> None:
        """Forget what was seen so far (the tour reads each page's findings on its own)."""
        for seen in (self.console_errors, self.page_errors, self.dialogs, self.requests):
            seen.clear()

    def remote_requests(self) -> list[str]:
        return [url for url in self.requests if not self.is_local(url)]

    def problems(self) -> list[str]:
        return (
            [f"console error: {e}" for e in self.console_errors]
            + [f"uncaught exception: {e}" for e in self.page_errors]
            + [f"dialog opened: {d}" for d in self.dialogs]
            + [f"request to another host: {u}" for u in self.remote_requests()]
        )


def _without_query(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


@dataclass
class Browsing:
    """One browser context (its own storage, so a palette choice does not leak) and its
    watch."""

    context: Any
    watch: Watch

    def new_page(self) -> Any:
        page = self.context.new_page()
        self.watch.attach(page)
        return page


@pytest.fixture
def browse(browser: Any) -> Iterator[Callable[..., Browsing]]:
    """Open browser contexts (viewport, colour scheme, allowed URL schemes) for a test; each
    is closed after the test, which then fails if any page logged an error, threw, opened a
    dialog or made a request to another host."""
    opened: list[Browsing] = []

    def open_context(
        *,
        viewport: dict[str, int] | None = None,
        color_scheme: str = "light",
        schemes: frozenset[str] = frozenset({"http"}),
        ignored_errors: tuple[str, ...] = (),
    ) -> Browsing:
        context = browser.new_context(viewport=viewport or VIEWPORT, color_scheme=color_scheme)
        context.set_default_timeout(15_000)
        browsing = Browsing(context, Watch(schemes, ignored_errors))
        opened.append(browsing)
        return browsing

    yield open_context
    problems = []
    for browsing in opened:
        browsing.context.close()
        problems += browsing.watch.problems()
    TALLY.check("pages watched for errors and remote requests", len(opened))
    assert not problems, "\n".join(problems[:30])


@pytest.fixture
def page(browse: Callable[..., Browsing]) -> Any:
    """A page in a fresh light-mode context at the desktop viewport, watched."""
    return browse().new_page()


# -- Helpers the tests share ---------------------------------------------------------------


@pytest.fixture(scope="session")
def open_page() -> Callable[[Any, str], Any]:
    """Go to a URL and wait until Material's scripts and ours have run."""

    def go(page: Any, url: str, *, idle: bool = False) -> Any:
        response = page.goto(url, wait_until="networkidle" if idle else "load")
        assert response is None or response.ok, f"{url}: HTTP {response.status}"
        return response

    return go


class Search:
    """Material's search box, used as a reader uses it."""

    RESULTS = "li.md-search-result__item > a.md-search-result__link"
    """Each result's own link (a result's sections are links nested further in)."""

    def __call__(self, page: Any, site: Site, query: str, expect: str) -> list[str]:
        """Type `query`; the site-relative files of the results, in order, once `expect`
        is among the first three (or after 5 s: the caller's assertion says what was
        listed instead)."""
        from playwright.sync_api import TimeoutError as Late

        box = page.locator("input.md-search__input")
        box.click()
        box.fill(query)
        box.press("End")  # Material searches on a key press; filling the box is not one
        found = (
            "([sel, want]) => [...document.querySelectorAll(sel)].slice(0, 3)"
            ".some(a => new URL(a.href).pathname.endsWith('/' + want))"
        )
        with contextlib.suppress(Late):
            page.wait_for_function(found, arg=[self.RESULTS, expect], timeout=5000)
        hrefs = page.locator(self.RESULTS).evaluate_all("els => els.map(e => e.href)")
        return [site.path_of(href) for href in hrefs]

    def titles(self, page: Any) -> list[str]:
        """The results' titles ("Kind · Name"), in order."""
        return list(page.locator(self.RESULTS).locator("h1").all_inner_texts())


@pytest.fixture(scope="session")
def search() -> Search:
    return Search()


def built_url(source_path: str) -> str:
    """The built file of a generated page's source path: the example's offline plugin turns
    directory URLs off, so `roles/x.md` is built as `roles/x.html`."""
    return urls.url_of(source_path, use_directory_urls=False)


@pytest.fixture(scope="session")
def page_types(example_model: Model) -> dict[str, str]:
    """One page of every kind the example has: label -> site-relative file."""
    return pages_of_every_type(example_model)


def pages_of_every_type(model: Model) -> dict[str, str]:
    types = {
        "home": built_url(urls.HOME),
        "who decides": built_url(urls.WHO_DECIDES),
        "RACI": built_url(urls.RACI),
        "health": built_url(urls.HEALTH),
        "roadmap": built_url(urls.ROADMAP),
        "not found": "404.html",
    }
    if model.pages:
        types["guide"] = built_url(urls.guide_path(model.pages[0].id))
    for kind in urls.SECTIONS:
        entities = model.of_kind(kind)
        if entities:
            types[f"{kind} index"] = built_url(urls.index_path(kind))
            types[f"{kind} page"] = built_url(urls.page_path(entities[0].ref))
    return types


@pytest.fixture(scope="session")
def axe_source() -> str:
    assert AXE.is_file(), f"{AXE} is missing (see tests/browser/vendor/README.txt)"
    return str(AXE)


@dataclass
class Visit:
    """One page of the tour: what the browser saw while loading it, in both palettes."""

    name: str
    path: str
    heading: str
    requests: list[str]
    problems: list[str]
    violations: dict[str, list[dict[str, Any]]]
    """Palette ("light", "dark") -> axe-core's violations (every impact level)."""
    diagrams: list[dict[str, Any]]
    """Each inline diagram's first group id (`key`), role, aria-label, caption, whether it
    got pan and zoom, the rendered size of its smallest node text and how many node texts
    reach past the figure's right edge."""


AXE_RUN = """async (only) => {
    const options = {resultTypes: ['violations']};
    if (only) options.runOnly = {type: 'rule', values: only};
    const results = await axe.run(document, options);
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                  summary: n.failureSummary}))}));
}"""
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The axe rules whose outcome depends on the palette: the dark pass runs only these."""
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; }"
"""Material fades colours when the palette changes; contrast is measured after the fade."""
DIAGRAMS = """() => Array.from(document.querySelectorAll('figure.opm-figure > svg')).map(svg => {
    const figure = svg.parentNode.getBoundingClientRect();
    const texts = Array.from(svg.querySelectorAll('g.node text'));
    // Rendered size: the font size in SVG units times the scale the page draws the SVG at.
    const px = t => parseFloat(t.getAttribute('font-size') || '14') * t.getScreenCTM().a;
    return {
        key: svg.id || (svg.querySelector('g[id]') || {}).id || '',
        role: svg.getAttribute('role') || '',
        label: svg.getAttribute('aria-label') || '',
        caption: (svg.parentNode.querySelector('figcaption') || {}).textContent || '',
        zoomable: svg.parentNode.classList.contains('opm-zoomable'),
        smallest_text_px: texts.length ? Math.min(...texts.map(px)) : null,
        texts_past_right_edge: texts.filter(
            t => t.getBoundingClientRect().right > figure.right + 0.5).length};
})"""
PALETTE_TOGGLE = "form[data-md-component='palette'] label:visible"


def scheme_of(page: Any) -> str:
    return str(page.evaluate("document.body.getAttribute('data-md-color-scheme')"))


def toggle_palette(page: Any) -> str:
    """Click Material's palette toggle; returns the scheme it switched to."""
    before = scheme_of(page)
    page.locator(PALETTE_TOGGLE).first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== {before!r}")
    return scheme_of(page)


@pytest.fixture(scope="session")
def tour(browser: Any, site: Site, page_types: dict[str, str], axe_source: str) -> dict[str, Visit]:
    """Every page type loaded once and scanned with axe-core: every rule in the light
    palette, then (after the palette toggle) the colour rules in the dark one. Shared by the
    tests about errors, requests, diagrams and accessibility, so that each page is loaded
    once, not once per test. Returns page-type name -> Visit."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
    context.set_default_timeout(15_000)
    watch = Watch()
    page = context.new_page()
    watch.attach(page)
    visits = {}
    for name, path in page_types.items():
        watch.reset()
        response = page.goto(site.url(path), wait_until="load")
        problems = [] if response and response.ok else [f"HTTP {response and response.status}"]
        heading = page.locator("article h1").first
        text = heading.inner_text() if heading.count() else ""
        page.add_style_tag(content=NO_TRANSITIONS)
        page.add_script_tag(path=axe_source)
        violations = {}
        for scheme, rules in (("light", None), ("dark", COLOUR_RULES)):
            if scheme == "dark":
                assert toggle_palette(page) == "slate", f"{path}: the palette did not turn dark"
            else:
                assert scheme_of(page) == "default", f"{path}: not in the light palette"
            violations[scheme] = page.evaluate(AXE_RUN, rules)
            TALLY.axe_scans += 1
            TALLY.axe_serious += sum(
                v["impact"] in ("serious", "critical") for v in violations[scheme]
            )
        diagrams = page.evaluate(DIAGRAMS)
        toggle_palette(page)  # back to light: Material remembers the choice for the next page
        visits[name] = Visit(
            name,
            path,
            text,
            list(watch.requests),
            problems + watch.problems(),
            violations,
            diagrams,
        )
    context.close()
    return visits


def copy_project(source: Path, folder: Path) -> Path:
    """Copy a project (mkdocs.yml, content/, theme/ when present) into `folder`."""
    project = folder / "project"
    project.mkdir(parents=True)
    shutil.copy2(source / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(source / "content", project / "content")
    if (source / "theme").is_dir():
        shutil.copytree(source / "theme", project / "theme")
    return project


@pytest.fixture(scope="session")
def build_project() -> Callable[[Path, Path], Path]:
    """Copy a project into a folder and build it; returns the site folder."""

    def build(source: Path, folder: Path) -> Path:
        project = copy_project(source, folder)
        site_dir = folder / "site"
        built = opmodel_build(project / "mkdocs.yml", site_dir)
        assert built.returncode == 0, f"{source} did not build:\n{built.stdout}{built.stderr}"
        return site_dir

    return build
