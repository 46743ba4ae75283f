"""Boilerplate fits the organisation it is about: a starter site is named after
organisation.yml (so replacing that file renames the site, and `opmodel new --name` names
it), a site that names itself in mkdocs.yml keeps its name, and the units index describes
the units this model has rather than "directorates, departments, teams and partners"."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from opmodel import load_model
from opmodel.scaffold import scaffold
from opmodel.views.indexes import index_table, units_intro


def _title_and_header(site: Path) -> tuple[str, str]:
    html = (site / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    header = re.search(
        r'<div class="md-header__topic">\s*<span class="md-ellipsis">(.*?)</span>', html, re.S
    )
    assert title and header, html[:2000]
    return title[1].strip(), header[1].strip()


def test_a_starter_site_takes_its_name_from_organisation_yml(tmp_path: Path, run: Any) -> None:
    project = tmp_path / "site"
    scaffold(project)
    organisation = project / "content" / "organisation.yml"
    text = organisation.read_text(encoding="utf-8")
    organisation.write_text(re.sub(r"(?m)^name: .*$", "name: Globex Corporation", text))

    done = run("opmodel", "build", cwd=project)

    assert done.status == 0, done.output
    title, header = _title_and_header(project / "site")
    assert title.endswith("Globex Corporation") and header == "Globex Corporation"
    assert "Example Organisation" not in (project / "site" / "index.html").read_text()


def test_opmodel_new_name_names_the_organisation_and_the_site(tmp_path: Path, run: Any) -> None:
    done = run("opmodel", "new", "site", "--name", "Acme & Sons", cwd=tmp_path)
    assert done.status == 0, done.output
    project = tmp_path / "site"
    model = load_model(project / "content").model
    assert model is not None and model.organisation.name == "Acme & Sons"

    assert run("opmodel", "build", cwd=project).status == 0
    assert _title_and_header(project / "site")[1] == "Acme &amp; Sons"


def test_a_site_that_names_itself_in_mkdocs_yml_keeps_its_name(tmp_path: Path, run: Any) -> None:
    project = tmp_path / "site"
    scaffold(project, name="Acme")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace('site_name: "Acme"', "site_name: Our handbook")
    config.write_text(re.sub(r"(?m)^      site_name: organisation.*\n", "", text))

    assert run("opmodel", "build", cwd=project).status == 0
    assert _title_and_header(project / "site")[1] == "Our handbook"


def test_the_units_index_describes_the_units_this_model_has(
    tmp_path: Path, write_model: Any
) -> None:
    content = write_model(
        tmp_path,
        {
            "units/project.yml": "name: Project\ntype: project\n",
            **{
                f"units/sig-{n}.yml": f"name: SIG {n}\ntype: SIG\nparent: project\n"
                for n in range(3)
            },
            **{
                f"units/wg-{n}.yml": f"name: WG {n}\ntype: working group\nparent: sig-0\n"
                for n in range(2)
            },
            "units/vendor.yml": "name: Vendor\nparent: project\nexternal: true\n",
        },
    )
    model = load_model(content).model
    assert model is not None

    intro = index_table(model, "unit").intro

    assert intro == (
        "3 SIGs, 2 working groups, 1 project and 1 unit without a type. 1 is an external partner."
    )
    assert "Directorates" not in intro


def test_a_units_intro_says_nothing_about_types_no_unit_has(build_model: Any) -> None:
    model = build_model({"units/a.yml": "name: A\n", "units/b.yml": "name: B\nparent: a\n"})
    assert units_intro(model.units) == "The organisation's units, with their parent and lead."
    example = load_model(Path(__file__).resolve().parents[2] / "content").model
    assert example is not None
    assert units_intro(example.units).startswith("13 teams, 5 departments")


def test_a_name_with_markup_is_text_in_the_title_header_and_tooltips(
    tmp_path: Path, run: Any
) -> None:
    project = tmp_path / "site"
    scaffold(project, name="</title><script>alert(1)</script> & Co")

    assert run("opmodel", "build", cwd=project).status == 0, "build"

    html = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    escaped = "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"
    assert _title_and_header(project / "site")[1] == escaped
    assert f'title="{escaped}"' in html  # escaped once, not twice
