"""Model -> the site's tree of generated pages and assets, independent of MkDocs.

Both the MkDocs plugin and `opmodel generate DIR` call `generate`; the plugin serves the
result as virtual files, `generate DIR` writes it out for any Material-compatible engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from opmodel import codes
from opmodel.checks import diagnose
from opmodel.clock import today
from opmodel.diagnostics import Diagnostic, Severity, format_text
from opmodel.diagrams import GraphvizMissing, RenderError
from opmodel.export import ical, model_json
from opmodel.export.json_model import JsonPieces
from opmodel.model.build import load_model
from opmodel.model.model import Model
from opmodel.model.reads import TRACKING
from opmodel.site import urls
from opmodel.site.evolution import evolution
from opmodel.site.figures import page_diagrams, render_figures
from opmodel.site.markdown import html_text, sanitise
from opmodel.site.pages import GeneratedPage, NavEntry, navigation, site_pages
from opmodel.site.render import environment
from opmodel.speed import Speed
from opmodel.speed.incremental import folder_stamp
from opmodel.views.reference import content_reference

CSS = ("opmodel.css",)
JAVASCRIPT = (
    "vendor/tablesort.min.js",
    "vendor/tablesort.number.min.js",
    "vendor/svg-pan-zoom.min.js",
    "opmodel.js",
)
POLYFILLS = ("vendor/iframe-worker-shim.js",)


ENGINE_EXTENSIONS: tuple[Any, ...] = (
    "tables",
    "attr_list",
    "md_in_html",
    {"toc": {"permalink": True}},
    "admonition",
)
"""What the generated pages (tables and figures in raw HTML with Markdown inside) and the
guides of a starter model use; the plugin adds the first ones itself."""
ENGINE_FEATURES = ("navigation.tabs", "navigation.sections", "navigation.prune", "content.tooltips")

DEFAULT_BASELINE = "90 days"
GENERATED_DOCS = "docs"
"""`opmodel generate OUT` writes the pages to OUT/docs/ and their mkdocs.yml to OUT/ (MkDocs
refuses a docs_dir that is the config file's own folder)."""
MODEL_JSON = "model.json"
"""The whole resolved model, published beside the site for other intranet tools."""


class GenerateFailed(Exception):
    """The model has errors; the message is the formatted diagnostics."""


class Assets(Mapping[str, bytes]):
    """The site's files besides its pages, by path; a file given as a function is made when
    first read: model.json takes a quarter of a second on a large model, which
    `opmodel serve` spends after the page that changed is written (`site/mkdocs/quick.py`)."""

    def __init__(self, files: Mapping[str, bytes | Callable[[], bytes]]) -> None:
        self._files = dict(files)

    def __getitem__(self, path: str) -> bytes:
        data = self._files[path]
        if callable(data):
            data = self._files[path] = data()
        return data

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)

    def under(self, mount: str) -> Assets:
        """The same files under `mount`, those not made yet still not made."""
        return Assets({mount + path: data for path, data in self._files.items()})


@dataclass
class Generated:
    pages: list[GeneratedPage]
    nav: list[Any]
    """In mkdocs.yml's `nav` form."""
    assets: Assets
    guides: dict[str, str]
    """Guide source path -> Markdown, as written in content/pages/."""
    css: list[str] = field(default_factory=list)
    javascript: list[str] = field(default_factory=list)
    polyfills: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What happened, for the log (diagrams rendered and cached)."""
    sanitise: Callable[[str], str] = sanitise
    organisation: str = ""
    """The organisation's name, on one line: the site's name under `site_name: organisation`."""


def generate(
    content: Path,
    *,
    templates: Path | None = None,
    use_directory_urls: bool = True,
    diagrams: bool = True,
    strict: bool = False,
    baseline: str | None = DEFAULT_BASELINE,
    reference: bool = False,
    speed: Speed | None = None,
) -> Generated:
    """`baseline`: what the "What changed" page compares against (a revision, a tag, a
    date or "N days"); None switches history off. `speed`: caches, cores and what a server
    kept from its last build (`opmodel.speed`; default one core, no cache): the same site
    whichever."""
    speed = speed or Speed.plain()
    with speed.gc_paused():
        return _generate(
            content, templates, use_directory_urls, diagrams, strict, baseline, reference, speed
        )


def _generate(
    content: Path,
    templates: Path | None,
    use_directory_urls: bool,
    diagrams: bool,
    strict: bool,
    baseline: str | None,
    reference: bool,
    speed: Speed,
) -> Generated:
    result = load_model(content, speed)
    findings, diagnostics = diagnose(result, strict=strict)
    if result.model is None:
        raise GenerateFailed("opmodel: the model has errors\n" + format_text(diagnostics).rstrip())
    model = result.model
    # A model that loaded has no loader errors: these are the checks' (an unsafe URL, OPM208,
    # fails every build, as `check` does; under --strict, every health warning).
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors:
        why = "health warnings fail a strict build" if strict else "the model has errors"
        raise GenerateFailed(f"opmodel: {why}\n" + format_text(errors).rstrip())
    speed.begin(model, (use_directory_urls, diagrams, folder_stamp(templates)), TRACKING)
    env = speed.kept("env", lambda: environment(templates), per_settings=True)
    figures: dict[str, list[str]] = {}
    notes = []
    if diagrams:
        placed = list(page_diagrams(model, use_directory_urls, speed))
        try:
            figures, stats = render_figures(placed, speed)
        except (GraphvizMissing, RenderError) as failure:
            raise GenerateFailed(f"opmodel: {failure}") from None
        notes.append(f"opmodel: {stats.rendered} diagrams rendered, {stats.cached} from cache")
    pages = list(
        site_pages(
            model,
            findings,
            env,
            today=today(),
            use_directory_urls=use_directory_urls,
            diagrams=figures,
            evolution=evolution(content, model, baseline) if baseline else None,
            reference=reference,
            speed=speed,
        )
    )
    if clash := _guide_in_the_way(model, pages):
        raise GenerateFailed(f"opmodel: the model has errors\n{clash.format()}")
    if (summary := speed.end()) is not None:
        notes.append(summary)
    return Generated(
        pages=pages,
        nav=_mkdocs_nav(navigation(model, reference=reference)),
        assets=Assets(
            {**_assets(), MODEL_JSON: lambda: _model_json(model, speed), **_calendars(model)}
        ),
        guides={urls.guide_path(p.id): _guide_source(p.path) for p in model.pages},
        css=[f"{urls.ASSETS}/{name}" for name in CSS],
        javascript=[f"{urls.ASSETS}/{name}" for name in JAVASCRIPT],
        polyfills=[f"{urls.ASSETS}/{name}" for name in POLYFILLS],
        # the loader's warnings too (a hidden `.x.yml`, OPM117): a build says what it skipped
        warnings=[d.format() for d in diagnostics],
        notes=notes,
        organisation=" ".join(model.organisation.name.split()),
    )


def engine_config(generated: Generated, *, use_directory_urls: bool, docs_dir: str) -> str:
    """A ready `mkdocs.yml` for the tree `opmodel generate` writes, for an engine without
    the plugin (MkDocs, ProperDocs, which reads `mkdocs.yml` too): the theme, the Markdown
    extensions, the CSS and JavaScript the pages need and the navigation.

    `use_directory_urls` must be the style the links were written for: tables, lists and
    diagrams are raw HTML, which MkDocs publishes as it is, so their links are already the
    built site's (`../x/` or `x.html`) and a mismatch breaks them."""
    config = {
        # Material prints site_name as it is: the organisation's name is the model's text.
        "site_name": html_text(generated.organisation) or "Operating model",
        "docs_dir": docs_dir,
        "use_directory_urls": use_directory_urls,
        "theme": {"name": "material", "font": False, "features": list(ENGINE_FEATURES)},
        "markdown_extensions": list(ENGINE_EXTENSIONS),
        "extra_css": generated.css,
        "extra_javascript": generated.javascript,
        "nav": generated.nav,
    }
    header = (
        "# Written by `opmodel generate`: the generated tree's configuration for MkDocs or\n"
        "# ProperDocs (`mkdocs build` / `properdocs build` here). Links were written for\n"
        f"# use_directory_urls: {str(use_directory_urls).lower()}: for the other style, run"
        " `opmodel generate` again\n# with (or without) --no-directory-urls.\n"
    )
    return header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)


def _model_json(model: Model, speed: Speed) -> bytes:
    return model_json(model, speed.kept("json", JsonPieces)).encode("utf-8")


def _calendars(model: Model) -> dict[str, bytes]:
    """The forums' iCalendar feeds: one per forum that meets regularly, one for them all."""
    one, every = ical.feeds(model)
    found = {urls.forum_calendar(forum_id): data for forum_id, data in one.items()}
    if every is not None:
        found[urls.FORUMS_CALENDAR] = every
    return found


def _guide_in_the_way(model: Model, pages: list[GeneratedPage]) -> Diagnostic | None:
    """A guide published where one of the site's own pages goes would be replaced by it.
    The loader refuses the names every site uses (OPM120, so `check` does too); a page that
    an option adds (`reference: true`: the content reference) is known only here."""
    made = {page.path for page in pages}
    for guide in model.pages:
        if (path := urls.guide_path(guide.id)) in made:
            return Diagnostic(
                guide.path,
                1,
                1,
                Severity.ERROR,
                codes.RESERVED_PAGE_NAME,
                f"a guide page cannot be called '{guide.id}': the site puts its own page "
                f"{path} there (the plugin's options add some pages, `reference: true` the "
                "content reference)",
                f"rename the file, for example to '{guide.id}-guide.md', or turn that option off",
            )
    return None


def _guide_source(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def _mkdocs_nav(entries: list[Any]) -> list[Any]:
    """Titles in mkdocs.yml's `nav` are HTML (Material writes them into every page as they
    are), and a guide's title is model text: escape them."""
    nav: list[Any] = []
    for entry in entries:
        if isinstance(entry, NavEntry):
            nav.append({html_text(entry.title): entry.path})
        else:
            title, children = entry
            nav.append({html_text(title): _mkdocs_nav(children)})
    return nav


def _assets() -> dict[str, bytes]:
    root = resources.files("opmodel.site") / "assets"
    found: dict[str, bytes] = {}
    for name in (*CSS, *JAVASCRIPT, *POLYFILLS):
        found[f"{urls.ASSETS}/{name}"] = (root / name).read_bytes()
    return found


def reference_markdown(templates: Path | None = None) -> str:
    """The content reference as the site publishes it (`opmodel reference`)."""
    return environment(templates).get_template("reference.md.j2").render(view=content_reference())
