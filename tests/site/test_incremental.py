"""Pages made again only where the model changed (`opmodel serve`) are exactly the pages a
full generation makes: after each edit, the incremental result is compared page by page
with a fresh `generate` of the same files."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from opmodel.site.generate import Generated, generate
from opmodel.site.render import PageContext
from opmodel.speed import Speed
from opmodel.speed.incremental import Incremental, folder_stamp

REPO = Path(__file__).resolve().parents[2]
TEXT_FIELDS = ("title", "name", "summary", "purpose", "description", "trigger", "result")

Edit = Callable[[Path], None]


def _sub(path: str, pattern: str, replacement: str) -> Edit:
    def edit(content: Path) -> None:
        file = content / path
        text = file.read_text(encoding="utf-8")
        changed, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
        assert count == 1, f"{path}: no match for {pattern!r}"
        file.write_text(changed, encoding="utf-8")

    return edit


def _add_role(content: Path) -> None:
    (content / "roles" / "incremental-test-role.yml").write_text(
        "title: Incremental Test Role\nunit: user-centred-design-practice\n"
        "reports_to: head-of-user-centred-design\npurpose: Checks the serve path.\n"
        "holders: []\nheadcount: 1\n",
        encoding="utf-8",
    )


def _remove_added_role(content: Path) -> None:
    (content / "roles" / "incremental-test-role.yml").unlink()


EDITS: list[tuple[str, Edit]] = [
    ("role purpose", _sub("roles/accessibility-lead.yml", r"^purpose: ", "purpose: Edited. ")),
    ("role title", _sub("roles/accessibility-lead.yml", r"^title: .*$", "title: Access Lead")),
    (
        "role status",
        _sub("roles/accessibility-lead.yml", r"^status: proposed$", "status: retiring"),
    ),
    # The roadmap lists what is due for review from every entity's facts, not its prose.
    (
        "role review date",
        _sub("roles/accessibility-lead.yml", r"^review_by: .*$", "review_by: 2026-01-31"),
    ),
    (
        "reporting line",
        _sub(
            "roles/accessibility-lead.yml",
            r"^reports_to: .*$",
            "reports_to: head-of-service-management",
        ),
    ),
    (
        "forum chair",
        _sub("forums/change-advisory-board.md", r"^chair: .*$", "chair: head-of-cloud-platform"),
    ),
    (
        "forum cadence",
        _sub("forums/change-advisory-board.md", r"^cadence: .*$", "cadence: monthly"),
    ),
    ("a new role", _add_role),
    ("the new role renamed", _sub("roles/incremental-test-role.yml", r"^title: .*$", "title: X")),
    ("the new role removed", _remove_added_role),
    # Search entries of roles and units hold their people's handles (`search.py`).
    ("person handle", _sub("people/aisha-begum.yml", r"^handle: .*$", "handle: '@aisha'")),
    ("organisation name", _sub("organisation.yml", r"^name: ", "name: The ")),
]


def _pages(generated: Generated) -> dict[str, tuple[object, ...]]:
    return {
        p.path: (p.text, p.blocks, p.in_nav, p.search, p.search_boost, p.figures)
        for p in generated.pages
    }


def _generate(content: Path, cache: Path, incremental: Incremental | None) -> Generated:
    speed = Speed(cache_dir=cache, incremental=incremental)
    return generate(content, baseline=None, speed=speed)


@pytest.fixture
def content(example_content: Path) -> Path:
    return example_content


def test_each_edit_gives_the_pages_a_full_generation_gives(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    incremental = Incremental()
    _generate(content, cache, incremental)
    for name, edit in EDITS:
        edit(content)
        kept = _generate(content, cache, incremental)
        full = _generate(content, cache, None)
        assert _pages(kept) == _pages(full), name
        if name == "role purpose":  # a deep field: its own page and its unit's (which lists
            # its roles), not the pages linking to it, nor the home page's counts, nor the
            # roadmap's review dates
            assert 0 < incremental.memo("pages").made <= 2, incremental.memo("pages").made


def test_random_text_edits_give_the_pages_a_full_generation_gives(
    content: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    incremental = Incremental()
    _generate(content, cache, incremental)
    files = sorted(
        p for p in content.rglob("*") if p.suffix in (".yml", ".md") and p.parent.name != "pages"
    )
    rng = random.Random(5)
    for _ in range(12):
        file = rng.choice(files)
        text = file.read_text(encoding="utf-8")
        # plain scalars only: a quoted or folded value would need its own quoting
        fields = [f for f in TEXT_FIELDS if re.search(rf"^{f}: [A-Za-z]", text, re.MULTILINE)]
        if not fields:
            continue
        field = rng.choice(fields)
        file.write_text(
            re.sub(rf"^{field}: (?=[A-Za-z])", f"{field}: Changed ", text, count=1, flags=re.M),
            encoding="utf-8",
        )
        kept = _generate(content, cache, incremental)
        full = _generate(content, cache, None)
        assert _pages(kept) == _pages(full), f"{file.name}: {field}"
        assert incremental.memo("pages").made < len(full.pages)


def test_nothing_changed_makes_nothing_again(content: Path, tmp_path: Path) -> None:
    incremental = Incremental()
    first = _generate(content, tmp_path / "cache", incremental)
    again = _generate(content, tmp_path / "cache", incremental)
    assert incremental.memo("pages").made == 0 and incremental.memo("diagrams").made == 0
    assert all(a is b for a, b in zip(first.pages, again.pages, strict=True) if not a.figures)


def test_a_listing_page_made_again_renders_only_the_rows_that_changed(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A renamed role is shown in its own row of the roles index and in the rows that link
    to it (a report's "reports to", who decides, the RACI matrices); every other row is the
    last rendering's.
    Rows are kept while their page is: a round that does not make the page again (a
    purpose edit) does not lose them."""
    rendered: list[tuple[str, object]] = []
    really = PageContext._rendered_with

    def noting(ctx: PageContext, model: object, caller: object) -> str:
        rendered.append((ctx.page, model))
        return really(ctx, model, caller)  # type: ignore[arg-type]

    monkeypatch.setattr(PageContext, "_rendered_with", noting)
    cache = tmp_path / "cache"
    incremental = Incremental()
    _generate(content, cache, incremental)
    every_row = len(rendered)
    assert every_row > 100
    for name in ("role purpose", "role title"):
        rendered.clear()
        dict(EDITS)[name](content)
        kept = _generate(content, cache, incremental)
        assert _pages(kept) == _pages(_generate(content, cache, None)), name
    made_again = [page for page, _ in rendered]  # (the full generations keep no rows)
    assert 0 < len(made_again) < 10, made_again
    listings = {"roles/index.md", "who-decides/index.md", "who-decides/raci.md"}
    assert set(made_again) <= listings, made_again


def test_a_template_edit_makes_everything_again(content: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    incremental = Incremental()

    def build() -> Generated:
        return generate(
            content,
            templates=templates,
            baseline=None,
            speed=Speed(cache_dir=tmp_path / "cache", incremental=incremental),
        )

    build()
    role = (REPO / "generator/opmodel/site/templates/role.md.j2").read_text(encoding="utf-8")
    edited = role.replace("<td>Reports to</td>", "<td>Edited template</td>")
    assert edited != role
    (templates / "role.md.j2").write_text(edited, encoding="utf-8")
    after = build()
    assert incremental.memo("pages").made == len(after.pages)
    assert any("Edited template" in p.markdown for p in after.pages)


def test_a_folder_named_relatively_or_absolutely_has_one_stamp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`mkdocs serve` names the theme folder relatively in its first config and absolutely
    in later ones: that alone must not make every page be rendered again."""
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "main.html").write_text("{% extends 'base.html' %}\n")
    monkeypatch.chdir(tmp_path)
    assert folder_stamp(Path("theme")) == folder_stamp(tmp_path / "theme") != ()
