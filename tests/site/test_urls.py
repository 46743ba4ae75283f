"""Links between pages: the shortcuts in `urls` agree with `posixpath.relpath` everywhere."""

from __future__ import annotations

import posixpath
from itertools import product

import pytest

from opmodel.site import urls

PATHS = [
    "index.md",
    "health.md",
    "roles.md",
    "roles/x.md",
    "roles/index.md",
    "roles/roles.md",
    "roles/sub/y.md",
    "units/a.md",
    "a/b/c.md",
    "who-decides/raci.md",
    "assets/opm.css",
]


@pytest.mark.parametrize(("source", "target"), list(product(PATHS, [*PATHS, "."])))
def test_relative_is_relpath(source: str, target: str) -> None:
    assert urls.relative(source, target) == posixpath.relpath(
        target, posixpath.dirname(source) or "."
    )


@pytest.mark.parametrize(
    ("source", "target", "directory_urls"), list(product(PATHS, [*PATHS, "."], [True, False]))
)
def test_url_link_is_relpath_between_built_pages(
    source: str, target: str, directory_urls: bool
) -> None:
    here = urls.url_of(source, directory_urls)
    base = here if here.endswith("/") or here == "" else posixpath.dirname(here) + "/"
    built = urls.url_of(target, directory_urls)
    expected = posixpath.relpath(built or ".", base.rstrip("/") or ".")
    if (built == "" or built.endswith("/")) and not expected.endswith("/"):
        expected += "/"
    expected = "./" if expected == "./" else expected

    assert urls.url_link(source, target, directory_urls) == expected
