"""The public surface: a small, sorted `__all__`, and a table of stable, tested codes."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

import opmodel
from opmodel import codes
from opmodel.codes import CODES

TESTS = Path(__file__).parent
PACKAGE = Path(opmodel.__file__).parent


def test_all_is_sorted() -> None:
    assert opmodel.__all__ == sorted(opmodel.__all__)


def test_all_names_exist() -> None:
    assert [name for name in opmodel.__all__ if not hasattr(opmodel, name)] == []


def test_all_lists_every_public_name_of_the_package() -> None:
    # dir(), not vars(): the package imports its public names when first asked for them
    public = {
        name
        for name in dir(opmodel)
        if not name.startswith("_")
        and not inspect.ismodule(getattr(opmodel, name))
        and name != "annotations"
    }

    assert public == set(opmodel.__all__)


def test_the_pipeline_is_public() -> None:
    assert {"load_model", "run_checks", "Model", "Diagnostic"} <= set(opmodel.__all__)


def test_codes_are_not_declared_twice() -> None:
    # CODES is built as a dict, so a repeated code would silently replace the first.
    declared = re.findall(r'Code\("(OPM\d+)"', inspect.getsource(codes))

    assert len(declared) == len(set(declared)) == len(CODES)


def test_every_code_has_a_unique_kebab_case_name() -> None:
    names = [code.name for code in CODES.values()]

    assert len(names) == len(set(names))
    assert [n for n in names if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", n)] == []


@pytest.mark.parametrize("key", sorted(CODES))
def test_every_code_is_well_formed_and_documented(key: str) -> None:
    code = CODES[key]

    assert code.code == key
    assert re.fullmatch(r"OPM[1-4]\d\d", key)
    assert code.summary.endswith(".") and len(code.summary) > 10


def test_every_code_has_a_constant_named_after_it() -> None:
    constants = {
        name: value
        for name, value in vars(codes).items()
        if isinstance(value, str) and re.fullmatch(r"OPM\d{3}", value)
    }

    assert constants == {c.name.upper().replace("-", "_"): key for key, c in CODES.items()}


def test_modules_name_codes_by_their_constant_not_a_bare_string() -> None:
    bare = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != PACKAGE / "codes.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.fullmatch(r"OPM\d{3}", node.value)
    ]

    assert bare == []


def _test_texts() -> str:
    this = Path(__file__).resolve()
    return "\n".join(
        path.read_text(encoding="utf-8")
        for path in sorted(TESTS.rglob("*"))
        if path.suffix in (".py", ".yml") and path.resolve() != this
    )


def test_every_code_is_exercised_by_a_test_or_golden_case() -> None:
    texts = _test_texts()

    assert [key for key in sorted(CODES) if key not in texts] == []
