"""The `serve` step: how long after saving a role file its page is fresh under `opmodel serve`.

`opmodel serve` is started on the size's folder; once the role's page is served (the first
build), the role file is edited twice, as a person would while previewing, and the page is
fetched every 50 ms until it shows the edit:

- purpose: a sentence added to the role's purpose (only its own page shows it);
- title:   the role renamed (every page that links to it shows the new name).

Each edit is timed twice: until the role's page shows it (`seconds`, `title_seconds`), and
until the site's search index does (`site_seconds`, `title_site_seconds`), which the server
writes last, after the pages that link to the role: then the whole site is fresh, and the
next edit starts from an idle server, as one made a moment later would.

The file is restored afterwards. Peak memory is the `mkdocs serve` process's high-water mark
(VmHWM), read before it is stopped.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

POLL_SECONDS = 0.05


def measure_serve(
    command: Sequence[str],
    folder: Path,
    role: Path,
    env: dict[str, str],
    logs: Path,
    timeout: float,
) -> dict[str, Any]:
    port = _free_port()
    page = f"http://127.0.0.1:{port}/roles/{role.stem}.html"
    original = role.read_text(encoding="utf-8")
    logs.mkdir(parents=True, exist_ok=True)
    with open(logs / "serve.out", "wb") as out, open(logs / "serve.err", "wb") as err:
        started = time.perf_counter()
        server = subprocess.Popen(
            [*command, "serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"],
            cwd=folder,
            env=env,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        result: dict[str, Any] = {}
        try:
            if _wait_for(page, lambda text: True, timeout) is None:
                return {"returncode": None, "timed_out": True, "seconds": timeout}
            result["first_build_seconds"] = time.perf_counter() - started
            index = f"http://127.0.0.1:{port}/search/search_index.json"
            purpose = original.replace("\npurpose: ", "\npurpose: Edited while serving. ", 1)
            result["seconds"], result["site_seconds"] = _edit_and_wait(
                role, purpose, (page, index), "Edited while serving.", timeout
            )
            renamed = re.sub(
                r"^title: (.*)$", r"title: \1 Renamed", purpose, count=1, flags=re.MULTILINE
            )
            result["title_seconds"], result["title_site_seconds"] = _edit_and_wait(
                role, renamed, (page, index), " Renamed", timeout
            )
            result["peak_rss_mb"] = _peak_rss_mb(server.pid)
            result["returncode"] = 0
        finally:
            role.write_text(original, encoding="utf-8")
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
    return result


def _edit_and_wait(
    role: Path, text: str, urls: Sequence[str], shown: str, timeout: float
) -> list[float | None]:
    """Save `text` to `role`; seconds until each of `urls`, in turn, shows `shown`."""
    started = time.perf_counter()
    role.write_text(text, encoding="utf-8")
    seconds: list[float | None] = []
    for url in urls:
        if _wait_for(url, lambda body: shown in body, timeout) is None:
            return seconds + [None] * (len(urls) - len(seconds))
        seconds.append(time.perf_counter() - started)
    return seconds


def _wait_for(url: str, ready: Any, timeout: float) -> str | None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body: str = response.read().decode("utf-8", errors="replace")
            if ready(body):
                return body
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(POLL_SECONDS)
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _peak_rss_mb(root: int) -> float | None:
    """The largest VmHWM among `root` and its descendants (`mkdocs serve` runs as a child of
    `opmodel serve`)."""
    peaks = []
    pending = [root]
    while pending:
        pid = pending.pop()
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            continue
        found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        if found:
            peaks.append(int(found[1]) / 1024)
        pending.extend(int(child) for child in children)
    return max(peaks) if peaks else None
