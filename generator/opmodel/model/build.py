"""Files -> Model: validate every document, resolve references, refuse cycles, index backlinks.

Every problem is reported (not just the first); a model is returned only when there are no
errors, so checks and views never see a half-valid model. This module runs the stages and
assembles the model; one file's validation is `validate.py` (its messages from pydantic's
errors, `schema_errors.py`), the model from what validated `assemble.py` (unknown
references `references.py`, cycles `cycles.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from opmodel.codes import DUPLICATE_ID, NO_CONTENT
from opmodel.diagnostics import Diagnostics, Position, display_path
from opmodel.load.files import SourceFile, discover, rediscover
from opmodel.model.assemble import Loaded, assemble
from opmodel.model.cache import EntityCache
from opmodel.model.model import Model
from opmodel.model.refs import Ref
from opmodel.model.schema import Entity
from opmodel.model.validate import read_one
from opmodel.speed import Speed


@dataclass(frozen=True)
class LoadResult:
    model: Model | None
    diagnostics: Diagnostics
    entities: tuple[Entity, ...] = ()
    """Every entity that validated, with the organisation and guide pages, also when the
    model did not load (a file with errors keeps the fields that validated), for the
    checks that read one entity alone (`checks.findings_of`)."""


Found = tuple[list[SourceFile], Diagnostics]
"""What `discover` found in a content folder: its files, and the problems with its names."""


def load_model(
    content: Path, speed: Speed | None = None, *, discovered: Found | None = None
) -> LoadResult:
    """Load and validate the model in `content`; `model` is None when there are errors.

    `speed`: where to keep validated entities (files unchanged since the last load are not
    read again, `cache.py`) and how many cores read the others; default one core, no cache.
    `discovered`: what `discover(content, ...)` gave the caller, who walked the folder already
    (`opmodel check`, to see whether anything changed).
    """
    speed = speed or Speed.plain()
    with speed.gc_paused():
        return _load(content, speed, discovered)


def _load(content: Path, speed: Speed, discovered: Found | None) -> LoadResult:
    diagnostics = Diagnostics()
    if not content.is_dir():
        diagnostics.add(
            display_path(content),
            Position(),
            NO_CONTENT,
            "content folder not found",
            "pass the folder with --content",
        )
        return LoadResult(None, diagnostics)
    sources, named = discovered or _discovered(content, speed)
    diagnostics.extend(named)
    cache = EntityCache.open(speed.cache_dir, content, display_path(content))
    unique = list(_unique(sources, diagnostics))
    entities = {source.display: cache.get(source) for source in unique}
    to_read = [source for source in unique if entities[source.display] is None]
    for source, (entity, found) in zip(to_read, speed.map(read_one, to_read), strict=True):
        diagnostics.extend(found)
        if entity is not None and not found:
            cache.put(source, entity)
        entities[source.display] = entity
    cache.save(at_exit=speed.cache_at_exit)
    loaded = [
        Loaded(entity, source)
        for source in unique
        if (entity := entities[source.display]) is not None
    ]
    # Files that exist but did not load are already reported; references to them are not
    # "unknown" as well.
    valid = {(item.entity.kind, item.entity.id) for item in loaded}
    invalid = {Ref(s.kind, s.id) for s in sources if (s.kind, s.id) not in valid}
    assembly = speed.carried("assembly", lambda last: assemble(loaded, invalid, diagnostics, last))
    model = assembly.model
    return LoadResult(
        model if not diagnostics.errors else None,
        diagnostics,
        tuple(item.entity for item in loaded),
    )


# --- files ------------------------------------------------------------------------------


def _discovered(content: Path, speed: Speed) -> Found:
    """What `discover` finds in `content`; under a server that knows which files changed
    since its last build, without walking the folder where only known files changed."""

    def walk(last: tuple[Path, Found] | None) -> tuple[Path, Found]:
        if last is not None and last[0] == content and speed.changed is not None:
            sources = rediscover(last[1][0], speed.changed)
            if sources is not None:
                return content, (sources, last[1][1])
        diagnostics = Diagnostics()
        return content, (discover(content, diagnostics), diagnostics)

    return speed.carried("discovered", walk)[1]


def _unique(sources: list[SourceFile], diagnostics: Diagnostics) -> Iterator[SourceFile]:
    """The sources with a kind and id not seen before; a second one is reported."""
    seen: dict[tuple[str, str], SourceFile] = {}
    for source in sources:
        key = (source.kind, source.id)
        if key in seen:
            diagnostics.add(
                source.display,
                Position(),
                DUPLICATE_ID,
                f"duplicate {source.kind} id '{source.id}' (also {seen[key].display})",
                "ids are file names and must be unique within a kind; rename one",
            )
            continue
        seen[key] = source
        yield source
