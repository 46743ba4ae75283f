"""DOT -> SVG: the only place that runs a program (Graphviz's `dot`).

Starting `dot` costs 7-16 ms, so diagrams are rendered in batches: one `dot` process per
worker reads several graphs on stdin and writes their SVGs one after another (each starts
with `<?xml`, which is how the output is split; `dot -o` would keep only the first). A
content-hash cache (the DOT source, the `dot` version and the post-processing version)
means an unchanged diagram is never rendered twice.

The SVGs are made fit to inline in HTML and reproducible: no XML prolog, doctype or
comments (Graphviz writes its version into one), no Graphviz `<title>`s (they would show
internal node names as tooltips), and the root `<svg>` carries `class="opm-diagram"`,
`role="img"`, an `aria-label` and a `<title>` with the caller's text alternative. The fixed
`width`/`height` become `style="--opm-width:…"`, so the site's CSS decides the size (the
`viewBox` keeps the proportions).
"""

from __future__ import annotations

import functools
import hashlib
import html
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from opmodel.diagrams.writer import DotGraph
from opmodel.speed.local_cache import Store

DOT_ARGS = ("-Tsvg", "-Gnewrank=true")
"""`newrank` lets `rank=same` cross clusters, and made a 5,000-node graph 2.3x faster."""
CACHE_FORMAT = "opmodel-svg-1"
"""Part of every cache key: bump it when the post-processing below changes."""

INSTALL_HINT = (
    "install Graphviz: `apt-get install graphviz` (Debian/Ubuntu), "
    "`brew install graphviz` (macOS), `choco install graphviz` (Windows) or see "
    "https://graphviz.org/download/; or build the site without diagrams "
    "(plugin option `diagrams: false`, CLI `--no-diagrams`)"
)


class GraphvizMissing(RuntimeError):
    """Graphviz's `dot` program is not installed (or cannot be run)."""

    def __init__(self, detail: str = "Graphviz's `dot` program was not found on PATH") -> None:
        super().__init__(f"{detail}; opmodel needs it to draw diagrams. To fix: {INSTALL_HINT}.")


class RenderError(RuntimeError):
    """`dot` refused a diagram: a bug in the diagram's builder, not in the user's model."""

    def __init__(self, key: str, stderr: str) -> None:
        self.key = key
        message = stderr.strip() or "no message"
        super().__init__(f"Graphviz could not render diagram '{key}': {message}")


@dataclass(frozen=True)
class RenderStats:
    rendered: int
    """Diagrams drawn by `dot` in this run."""
    cached: int
    """Diagrams taken from the cache."""


@dataclass(frozen=True)
class Diagram:
    """A diagram ready to render: `key` names it (and its cache entry's owner)."""

    key: str
    title: str
    alt_text: str
    """The text alternative for screen readers (the SVG's `aria-label` and `<title>`)."""
    dot_source: str

    @classmethod
    def from_graph(cls, key: str, title: str, alt_text: str, graph: DotGraph) -> Diagram:
        return cls(key, title, alt_text, graph.source)


def render_diagrams(
    diagrams: Iterable[Diagram], cache_dir: Path | None, *, workers: int | None = None
) -> tuple[dict[str, str], RenderStats]:
    """Render `diagrams` (keys must be unique): key -> inline-ready SVG."""
    sources: dict[str, str] = {}
    alt_texts: dict[str, str] = {}
    for diagram in diagrams:
        if diagram.key in sources:
            raise ValueError(f"two diagrams have the key '{diagram.key}'")
        sources[diagram.key] = diagram.dot_source
        alt_texts[diagram.key] = diagram.alt_text
    return render_svgs(sources, cache_dir, alt_texts, workers=workers)


def render_svgs(
    sources: Mapping[str, str],
    cache_dir: Path | None,
    alt_texts: Mapping[str, str] | None = None,
    *,
    workers: int | None = None,
) -> tuple[dict[str, str], RenderStats]:
    """key -> DOT source in, key -> SVG text out, in the same order.

    `alt_texts` gives each key its text alternative (default: the key). Cache misses are
    split across `workers` (default: the CPU count) `dot` processes. Raises
    `GraphvizMissing` without `dot` and `RenderError` when `dot` refuses a graph.
    """
    if not sources:
        return {}, RenderStats(0, 0)
    dot = find_dot()
    version = dot_version(dot)
    digests = {key: cache_key(source, version) for key, source in sources.items()}
    store = Store(cache_dir / STORE if cache_dir is not None else None)
    kept = store.get_many(set(digests.values()))
    plain: dict[str, str] = {}
    misses: dict[str, str] = {}  # digest -> key of the first diagram with that source
    for key, digest in digests.items():
        hit = _cached_svg(kept.get(digest))
        if hit is not None:
            plain[key] = hit
        else:
            misses.setdefault(digest, key)
    jobs = [(key, sources[key]) for key in misses.values()]
    fresh = _render_all(dot, jobs, workers or os.cpu_count() or 1)
    by_digest: dict[str, str] = {}
    for (key, _), svg in zip(jobs, fresh, strict=True):
        by_digest[digests[key]] = svg
    store.put_many({digest: svg.encode("utf-8") for digest, svg in by_digest.items()})
    store.close()
    for key, digest in digests.items():
        plain.setdefault(key, by_digest.get(digest, ""))
    labels = alt_texts or {}
    svgs = {key: finish(plain[key], labels.get(key, key)) for key in sources}
    cached = sum(1 for key, digest in digests.items() if digest not in by_digest)
    return svgs, RenderStats(rendered=len(sources) - cached, cached=cached)


def find_dot() -> str:
    found = shutil.which("dot")
    if found is None:
        raise GraphvizMissing()
    return found


@functools.cache
def dot_version(dot: str) -> str:
    """`dot -V` (it prints to stderr): part of the cache key, since layouts change."""
    try:
        done = subprocess.run([dot, "-V"], capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.SubprocessError) as error:
        raise GraphvizMissing(f"Graphviz's `dot` ({dot}) could not be run: {error}") from None
    return (done.stderr or done.stdout).decode("utf-8", "replace").strip()


def cache_key(source: str, version: str) -> str:
    text = "\0".join((CACHE_FORMAT, version, " ".join(DOT_ARGS), source))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- running dot ------------------------------------------------------------------------


def _render_all(dot: str, jobs: list[tuple[str, str]], workers: int) -> list[str]:
    """Render `jobs` in at most `workers` batches; SVGs come back in the order of `jobs`."""
    if not jobs:
        return []
    batches = _balance(jobs, min(workers, len(jobs)))
    results: dict[str, str] = {}
    if len(batches) == 1:
        results.update(zip((k for k, _ in batches[0]), _render_batch(dot, batches[0]), strict=True))
    else:
        with ThreadPoolExecutor(max_workers=len(batches)) as pool:
            done = pool.map(lambda batch: _render_batch(dot, batch), batches)
            for batch, svgs in zip(batches, done, strict=True):
                results.update(zip((k for k, _ in batch), svgs, strict=True))
    return [results[key] for key, _ in jobs]


def _balance(jobs: list[tuple[str, str]], count: int) -> list[list[tuple[str, str]]]:
    """Split into `count` batches of about equal DOT size (largest first, to the lightest)."""
    batches: list[list[tuple[str, str]]] = [[] for _ in range(count)]
    sizes = [0] * count
    for job in sorted(jobs, key=lambda job: -len(job[1])):
        lightest = sizes.index(min(sizes))
        batches[lightest].append(job)
        sizes[lightest] += len(job[1])
    return [batch for batch in batches if batch]


def _render_batch(dot: str, batch: Sequence[tuple[str, str]]) -> list[str]:
    returncode, out, err = _run_dot(dot, "\n".join(source for _, source in batch))
    svgs = [part for part in re.split(r"(?=<\?xml)", out) if part.strip()]
    if returncode == 0 and len(svgs) == len(batch):
        return [_normalise(svg) for svg in svgs]
    if len(batch) == 1:
        raise RenderError(batch[0][0], err)
    # dot stops at the first graph it cannot parse: find which one, render the rest.
    return [svg for job in batch for svg in _render_batch(dot, [job])]


def _run_dot(dot: str, text: str) -> tuple[int, str, str]:
    try:
        done = subprocess.run(
            [dot, *DOT_ARGS], input=text.encode("utf-8"), capture_output=True, check=False
        )
    except OSError as error:
        raise GraphvizMissing(f"Graphviz's `dot` ({dot}) could not be run: {error}") from None
    return (
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


# --- post-processing --------------------------------------------------------------------

_PROLOG = re.compile(r"<\?xml.*?\?>\s*|<!DOCTYPE[^>]*>\s*|<!--.*?-->\s*", re.DOTALL)
_GRAPHVIZ_TITLE = re.compile(r"<title>[^<]*</title>\n?")
_ROOT = re.compile(r"<svg\b([^>]*)>")
_SIZE = re.compile(r'\s(width|height)="([^"]*)"')
_PAGE_PREFIX = re.compile(r'id="page\d+,\d+_')
"""`dot` prefixes the graph's id with its page number for every graph after the first
it reads: the same diagram would get a different id depending on its place in a batch."""


_CLUSTER = re.compile(r'<g id="[^"]*_cluster(\d+)" class="cluster')
_GROUP_TAG = re.compile(r"<g[\s>]|</g>")


def _normalise(svg: str) -> str:
    """What the cache stores: the SVG without anything version- or caller-specific."""
    svg = _PROLOG.sub("", svg)
    svg = _GRAPHVIZ_TITLE.sub("", svg)
    svg = _PAGE_PREFIX.sub('id="', svg)
    svg = _sort_clusters(svg)
    root = _ROOT.search(svg)
    if root is None:
        return svg.strip() + "\n"
    attributes = root[1]
    size = dict(_SIZE.findall(attributes))
    attributes = " " + " ".join(_SIZE.sub("", attributes).split())
    width = size.get("width", "")
    style = f' style="--opm-width:{width}"' if re.fullmatch(r"[0-9.]+(pt|px)?", width) else ""
    return (svg[: root.start()] + f"<svg{attributes}{style}>" + svg[root.end() :]).strip() + "\n"


def _sort_clusters(svg: str) -> str:
    """Put the clusters' SVG groups in the order the builder opened them.

    `dot` 2.43 orders sibling clusters by the memory address of their names, so the same
    graph comes out with its clusters shuffled when an earlier graph in the same batch
    left the heap in another state (the layout itself is the same). Builders number
    clusters as they open them, parents first, so sorting by number restores one order
    that still draws every parent cluster before the clusters inside it.
    """
    first = _CLUSTER.search(svg)
    if first is None:
        return svg
    blocks: list[tuple[int, str]] = []
    end = first.start()
    while (found := _CLUSTER.match(svg, end)) is not None:
        close = _group_end(svg, end)
        if close is None:
            return svg
        if svg.startswith("\n", close):
            close += 1
        blocks.append((int(found[1]), svg[end:close]))
        end = close
    ordered = "".join(block for _, block in sorted(blocks))
    return svg[: first.start()] + ordered + svg[end:]


def _group_end(svg: str, start: int) -> int | None:
    """The index just after the `</g>` that closes the `<g` at `start`."""
    depth = 0
    for tag in _GROUP_TAG.finditer(svg, start):
        depth += -1 if tag[0] == "</g>" else 1
        if depth == 0:
            return tag.end()
    return None


def finish(svg: str, alt_text: str) -> str:
    """Add the class, the role and the caller's text alternative to a normalised SVG."""
    text = html.escape(" ".join(alt_text.split()), quote=True)
    root = _ROOT.search(svg)
    if root is None:
        return svg
    opening = f'<svg class="opm-diagram" role="img" aria-label="{text}"{root[1]}>'
    return svg[: root.start()] + opening + f"\n<title>{text}</title>" + svg[root.end() :]


# --- cache --------------------------------------------------------------------------------


STORE = "diagrams.sqlite"
"""The cache's file in the cache folder: DOT source digest -> normalised SVG."""


def _cached_svg(entry: bytes | None) -> str | None:
    try:
        text = entry.decode("utf-8") if entry is not None else None
    except UnicodeDecodeError:
        return None
    return text if text is not None and text.startswith("<svg") else None  # damaged: a miss
