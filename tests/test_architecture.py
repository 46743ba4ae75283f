"""Imports run one way: load -> model -> checks/views -> diagrams -> site/cli.

Read from the source with `ast` (nothing is imported), so a wrong-way import fails here
even before it would cause a cycle. Imports inside functions and under TYPE_CHECKING count.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "generator" / "opmodel"

LAYERS = ("load", "model", "checks", "views", "diagrams", "site", "cli")
FOUNDATION = (
    "codes",
    "diagnostics",
    "diagnostic_formats",
    "ids",
    "kinds",
    "clock",
    "dependencies",
    # How fast a build runs (caches, forking, the GC pause, what a server keeps between
    # builds): handed to every stage as one `Speed`, so it may know none of them. What it
    # must know of a model comes in as a `speed.memo.Tracking` (model/reads.py).
    "speed",
)
"""Shared by every layer (the loader reports diagnostics before any model exists), so they
import no layer themselves."""

BESIDE = ("checks", "views", "diagrams", "site", "cli")
"""What a package that only reads a model may not import."""

MAY_NOT_IMPORT: dict[str, tuple[str, ...]] = {
    **{
        module: (*LAYERS, "diff", "history", "export", "importer", "scaffold", "schema_files")
        for module in FOUNDATION
    },
    "load": ("model", "checks", "views", "diagrams", "site", "cli"),
    "model": ("checks", "views", "diagrams", "site", "cli"),
    "checks": ("diagrams", "site", "cli"),
    "views": ("diagrams", "site", "cli"),
    "diagrams": ("site", "cli"),
    "site": ("cli",),
    # diff and history read models (history also reads git): they sit beside checks/views,
    # below the site that shows them, and neither needs the other.
    "diff": (*BESIDE, "history"),
    "history": (*BESIDE, "diff"),
    # The exports (model.json, CSV, ArchiMate, iCalendar) read a model; the site publishes
    # some of them (model.json, the forums' calendars), so they sit below it.
    "export": (*BESIDE, "importer", "scaffold"),
    # The CSV import reads sheets and writes YAML for the loader; it checks what it writes
    # with the model, and nothing shows it but the CLI.
    "importer": (*BESIDE, "export", "scaffold"),
    # `opmodel new`'s starter files: data and the code that copies them.
    "scaffold": (*BESIDE, "export", "importer"),
    # The JSON Schema files, written from the model's schema.
    "schema_files": (*BESIDE, "export", "importer", "scaffold"),
}

MKDOCS_ADAPTER = "site/mkdocs/"
"""The MkDocs adapter is thin and alone: the core must outlive MkDocs (see DESIGN.md:
Material's end of life, Zensical, `opmodel generate`)."""

SUBPROCESS_ALLOWED = {
    # One place per outside program, so each has one cache, one error message and one
    # install hint:
    "diagrams/render.py",  # Graphviz `dot`, batched
    # MkDocs: the atomic build, and `opmodel serve` handing over to `mkdocs serve` (both
    # stop their child on a signal: `run_child`), keeping MkDocs out of the cli package
    "site/publish.py",
    "history/git.py",  # git, for `opmodel diff`, "what changed" and each entity's history
}


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def relative(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def dotted(path: Path) -> str:
    parts = ["opmodel", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) for every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = dotted(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            yield node.lineno, module
            for alias in node.names:  # `from opmodel import site` imports a layer too
                yield node.lineno, f"{module}.{alias.name}"


def layer_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "opmodel" else None


def top(name: str) -> str:
    return name.split(".")[0]


@pytest.mark.parametrize("path", modules(), ids=relative)
def test_imports_run_one_way(path: Path) -> None:
    own = layer_of(dotted(path))
    forbidden = MAY_NOT_IMPORT.get(own or "", ())

    wrong = [
        f"{relative(path)}:{line} imports {name}"
        for line, name in imported(path)
        if layer_of(name) in forbidden
    ]

    assert wrong == []


@pytest.mark.parametrize("path", modules(), ids=relative)
def test_nothing_imports_the_cli(path: Path) -> None:
    wrong = [name for _, name in imported(path) if layer_of(name) == "cli"]

    # The cli package imports itself; `python -m opmodel` runs it.
    assert relative(path).startswith("cli/") or relative(path) == "__main__.py" or wrong == []


@pytest.mark.parametrize("path", modules(), ids=relative)
def test_only_the_site_adapter_imports_mkdocs(path: Path) -> None:
    uses_mkdocs = any(top(name) == "mkdocs" for _, name in imported(path))

    assert not uses_mkdocs or relative(path).startswith(MKDOCS_ADAPTER)


def _allowed_subprocess(path: Path) -> bool:
    name = relative(path)
    return any(name == allowed or name.startswith(allowed) for allowed in SUBPROCESS_ALLOWED)


@pytest.mark.parametrize("path", modules(), ids=relative)
def test_only_the_listed_modules_run_subprocesses(path: Path) -> None:
    uses = {top(name) for _, name in imported(path)} & {"subprocess", "pty"}

    assert not uses or _allowed_subprocess(path)


@pytest.mark.parametrize("path", modules(), ids=relative)
def test_nothing_imports_the_graphviz_package(path: Path) -> None:
    """A test dependency only: diagrams/writer.py writes the DOT and render.py runs `dot`
    (the package would run it too, from `.pipe()` or `.render()`, with no cache)."""
    assert [name for _, name in imported(path) if top(name) == "graphviz"] == []


def test_the_import_reader_resolves_relative_imports(tmp_path: Path) -> None:
    # Guards the guard: a relative import must count as the module it names.
    path = PACKAGE / "load" / "files.py"
    names = {name for _, name in imported(path)}

    assert "opmodel.diagnostics" in names
    assert dotted(path) == "opmodel.load.files"
    assert layer_of("opmodel.model.build") == "model"
