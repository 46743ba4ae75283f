"""The site served under a sub-path (`http://host/ops/`), as an intranet often serves it, and
without `site_url` in mkdocs.yml: the home page, an entity page, the 404 page and the 404
page shown for a missing address deep in the site load every asset and link only to pages
that exist. (The 404 page linked `/assets/...` and `/index.html`: nothing under /ops/.)"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest

PREFIX = "/ops/"
MISSING = "roles/no-such-role/really/"


class _UnderPrefix(SimpleHTTPRequestHandler):
    """The site folder at PREFIX, nothing elsewhere; a missing file gets 404.html with
    status 404, as nginx's `error_page` or GitHub Pages serve it."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = urlsplit(self.path).path
        if not path.startswith(PREFIX):
            self.send_error(404)
            return None
        self.path = "/" + path.removeprefix(PREFIX)
        target = Path(self.translate_path(self.path))
        if (target.is_dir() and not (target / "index.html").exists()) or not target.exists():
            return self._not_found()
        return super().send_head()

    def _not_found(self) -> Any:
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@pytest.fixture(scope="module")
def under_ops(built_example: Path, serve_folder: Callable[..., Any]) -> Iterator[str]:
    with serve_folder(built_example, handler=_UnderPrefix) as base_url:
        yield base_url.rstrip("/") + PREFIX


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize(
    "path", ["index.html", "roles/chief-data-officer.html", "404.html", MISSING], ids=str
)
def test_pages_under_a_sub_path_load_every_asset_and_link_to_pages_that_exist(
    browse: Any, under_ops: str, tally: Any, path: str
) -> None:
    page = browse(ignored_errors=("status of 404",) if path == MISSING else ()).new_page()
    failed: list[str] = []
    page.on(
        "response",
        lambda r: (
            r.status >= 400 and r.url != under_ops + path and failed.append(f"{r.status} {r.url}")
        ),
    )
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    page.goto(under_ops + path, wait_until="networkidle")
    assert page.locator("link[rel=stylesheet]").count() >= 2
    # Styled: Material's stylesheet has loaded (the header is fixed-height and coloured).
    assert page.locator("header.md-header").evaluate("e => getComputedStyle(e).position") in (
        "sticky",
        "fixed",
    )
    hrefs = page.eval_on_selector_all("a[href]", "list => list.map(a => a.href)")
    local = {urldefrag(h)[0] for h in hrefs if h.startswith(under_ops.split(PREFIX)[0])}
    outside = sorted(h for h in local if not h.startswith(under_ops))
    broken = sorted(f"{code} {h}" for h in local - set(outside) if (code := _status(h)) >= 400)
    assert not failed, failed
    assert not outside, f"links outside {PREFIX}: {outside[:10]}"
    assert not broken, f"broken links: {broken[:10]}"
    assert len(local) >= 5
    tally.check("pages under /ops/ with every asset and link found", 1)
    tally.check("links followed under /ops/", len(local))
