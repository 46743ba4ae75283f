"""`opmodel --version`: the versions of opmodel and of what it runs on, as found."""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections.abc import Sequence
from importlib import metadata

from opmodel.cli.output import EXIT_OK


class Versions(argparse.Action):
    """`--version`: print `versions()` and exit, as argparse's own "version" action would
    with one line."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, nargs=0, help=str(kwargs["help"]))

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        sys.stdout.write("".join(f"{line}\n" for line in versions()))
        parser.exit(EXIT_OK)


def versions() -> list[str]:
    """opmodel's version and those of what it runs on, as found (not as required)."""
    lines = [f"{name} {_version_of(name)}" for name in ("opmodel", "mkdocs", "mkdocs-material")]
    return [*lines, f"graphviz {_graphviz_version()}"]


def _version_of(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not found"


def _graphviz_version() -> str:
    from opmodel.diagrams.render import GraphvizMissing, dot_version

    dot = shutil.which("dot")
    if dot is None:
        return "not found (dot is not on PATH; opmodel build --no-diagrams needs none)"
    try:
        said = dot_version(dot)  # "dot - graphviz version 12.2.1 (20241206.2353)"
    except GraphvizMissing as missing:
        return f"not usable ({missing})"
    found = re.search(r"version (\S+)", said)
    return f"{found.group(1) if found else said} ({dot})"
