"""The table of pages (`site/pages.py`): every template renders against every view kind
it takes, on a small model with every kind (the export tests' hostile one), and the
table names every template the package ships."""

from __future__ import annotations

import datetime as dt
import runpy
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import get_type_hints

from opmodel import Model, run_checks
from opmodel.diff import diff_models, explained_by
from opmodel.history import Baseline
from opmodel.model.refs import KINDS
from opmodel.site.evolution import Evolution
from opmodel.site.page_spec import FRAME_TEMPLATE
from opmodel.site.pages import (
    ENTITY_PAGES,
    SITE_PAGES,
    entity_view,
    site_pages,
)
from opmodel.site.render import PACKAGE_TEMPLATES, PageContext, environment, render_page
from opmodel.views.entity_pages import FRAME_FIELDS, EntityPage

EXPORT_CASES = Path(__file__).resolve().parents[1] / "export" / "export_cases.py"
hostile_files: Callable[[], dict[str, str]] = runpy.run_path(str(EXPORT_CASES))["hostile_files"]
TODAY = dt.date(2026, 11, 23)


def _evolution(model: Model, old: Model) -> Evolution:
    diff = diff_models(old, model)
    return Evolution("90 days", Baseline("90 days", "0" * 40), diff, explained_by(diff, model))


def test_every_template_renders_against_every_view_kind_it_takes(
    build_model: Callable[[dict[str, str]], Model], tmp_path: Path
) -> None:
    files = hostile_files()
    old = build_model({k: v for k, v in files.items() if not k.startswith(("changes/", "flows/"))})
    model = build_model(files)
    assert {e.kind for e in model.all_entities()} == set(KINDS) == set(ENTITY_PAGES)
    findings = run_checks(model, today=TODAY)
    env = environment()

    for evolution in (None, _evolution(model, old)):  # what changed: without history, with
        pages = {
            p.path: p
            for p in site_pages(
                model, findings, env, today=TODAY, evolution=evolution, reference=True
            )
        }
        assert [spec.path for spec in SITE_PAGES] == list(pages)[: len(SITE_PAGES)]
        assert all(page.text.startswith(("# ", "---\n")) for page in pages.values())

    for entity in model.all_entities():
        spec = ENTITY_PAGES[entity.kind]
        view = entity_view(model, entity)
        assert isinstance(view, get_type_hints(spec.view)["return"]), entity.ref
        assert type(view).__name__ == f"{entity.kind.capitalize()}Page"
        assert spec.path(entity) in pages
        own = {f.name for f in fields(view)} - set(FRAME_FIELDS)
        assert set(view.extra) == own, entity.ref  # what templates of before read

    used = {spec.template for spec in SITE_PAGES} | {s.template for s in ENTITY_PAGES.values()}
    shipped = {path.name for path in PACKAGE_TEMPLATES.glob("*.md.j2")}
    assert used | {FRAME_TEMPLATE} == shipped


def test_a_template_that_reads_view_extra_still_renders(
    build_model: Callable[[dict[str, str]], Model], tmp_path: Path
) -> None:
    """An organisation's own `role.md.j2`, written when the kind's facts were a dict."""
    model = build_model(hostile_files())
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "role.md.j2").write_text(
        "{% for h in view.extra.holders %}{{ h.name }};{% endfor %}", encoding="utf-8"
    )
    role = model.entities["role"]["boss"]
    context = PageContext(model, "roles/boss.md", True)
    view = entity_view(model, role)
    assert isinstance(view, EntityPage)

    text = render_page(environment(tmp_path / "overrides"), "role.md.j2", context, view=view)

    assert text.count(";") == 3
