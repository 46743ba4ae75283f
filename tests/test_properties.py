"""Whatever is in content/, loading reports diagnostics; it never raises.

Hypothesis feeds random text, mutated valid files and random field values through
`load_model`; every outcome must be a model or well-formed diagnostics.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opmodel import LoadResult, load_model
from opmodel.codes import CODES
from opmodel.load.yaml import YamlProblem, parse
from opmodel.model.schema import ENTITY_CLASSES, LOADER_FIELDS

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

VALID_FILES = {
    "roles/head-of-data.yml": (
        "title: Head of Data\nunit: data\nreports_to: ceo\nholders: [Ann Lee]\n"
        "accountabilities:\n  - Run the data service\nreview_by: 2027-01-31\n"
    ),
    "forums/data-board.md": (
        "---\nname: Data board\ntype: governance\nchair: head-of-data\n"
        "members: [head-of-data]\ncadence: monthly\nduration_minutes: 60\n---\n"
        "Decides data standards.\n"
    ),
    "flows/request.yml": (
        "name: Request\nstages:\n  - {id: ask, owner: data, pain: 2}\n"
        "  - id: build\n    owner: role:head-of-data\n    lead_time_days: 3.5\n"
    ),
}
SUPPORT = {"units/data.yml": "name: Data\n", "roles/ceo.yml": "title: CEO\n"}
YAML_NOISE = [*":-[]{}#&*!|>'\"%@`,?\n\t ", "---", "- ", ": ", "&a ", "*a", "\x00", "é"]


def load(files: dict[str, str | bytes]) -> LoadResult:
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        for relative, data in {"organisation.yml": "name: Test\n", **files}.items():
            path = content / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        result = load_model(content)
    assert_well_formed(result)
    return result


def assert_well_formed(result: LoadResult) -> None:
    for diagnostic in result.diagnostics:
        assert diagnostic.code in CODES
        assert diagnostic.line >= 1 and diagnostic.column >= 1
        assert len(diagnostic.format().splitlines()) == 1
    assert (result.model is None) == bool(result.diagnostics.errors)


@SETTINGS
@given(st.text(max_size=300))
def test_random_text_parses_or_is_a_yaml_problem(text: str) -> None:
    try:
        parse(text)
    except YamlProblem as problem:
        assert problem.code in CODES


@SETTINGS
@given(st.sampled_from(sorted(VALID_FILES)), st.text(max_size=200))
def test_random_text_in_an_entity_file_never_raises(name: str, text: str) -> None:
    load({name: text})


@SETTINGS
@given(st.sampled_from(sorted(VALID_FILES)), st.binary(max_size=200))
def test_random_bytes_in_an_entity_file_never_raise(name: str, data: bytes) -> None:
    load({name: data})


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    """A valid file with a few edits: characters dropped, YAML punctuation inserted, lines
    repeated or swapped."""
    name = draw(st.sampled_from(sorted(VALID_FILES)))
    text = VALID_FILES[name]
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["drop", "insert", "repeat-line", "swap-lines"]))
        if edit == "drop":
            text = text[:at] + text[at + draw(st.integers(1, 5)) :]
        elif edit == "insert":
            text = text[:at] + draw(st.sampled_from(YAML_NOISE)) + text[at:]
        else:
            lines = text.splitlines(keepends=True) or [""]
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if edit == "repeat-line":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "".join(lines)
    return name, text


@SETTINGS
@given(mutated())
def test_mutated_valid_files_never_raise(case: tuple[str, str]) -> None:
    name, text = case
    load({**SUPPORT, **{n: t for n, t in VALID_FILES.items() if n != name}, name: text})


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["data", "unit:data", "forum:x", "role:", ":", "weekly", "2026-02-30"])
    | st.dates()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def field_names(kind: str) -> list[str]:
    fields = ENTITY_CLASSES[kind].model_fields
    return sorted((f.alias or name) for name, f in fields.items() if name not in LOADER_FIELDS)


@st.composite
def random_entity(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    kind, folder = draw(
        st.sampled_from(
            [
                ("unit", "units"),
                ("role", "roles"),
                ("forum", "forums"),
                ("decision", "decisions"),
                ("capability", "capabilities"),
                ("flow", "flows"),
                ("outcome", "outcomes"),
                ("change", "changes"),
                ("person", "people"),
            ]
        )
    )
    names = st.sampled_from([*field_names(kind), "id", "$schema", "nonsense"])
    data = draw(st.dictionaries(names, VALUES, max_size=5))
    return f"{folder}/x.yml", data


@SETTINGS
@given(random_entity())
def test_random_field_values_never_raise(case: tuple[str, dict[str, Any]]) -> None:
    name, data = case
    load({**SUPPORT, name: yaml.safe_dump(data, allow_unicode=True)})


@SETTINGS
@given(st.dictionaries(st.sampled_from(field_names("organisation")), VALUES, max_size=4))
def test_random_organisation_fields_never_raise(data: dict[str, Any]) -> None:
    load({"organisation.yml": yaml.safe_dump(data, allow_unicode=True)})
