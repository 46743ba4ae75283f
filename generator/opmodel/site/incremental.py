"""What one build made, kept for the next build in the same process (`opmodel serve`).

A serve session builds the site again after every edit. The model is loaded again (the
entity cache makes an unchanged file cost one `stat`), compared with the last one
(`reads.Changes`), and only the diagrams and pages that read a changed part of it are made
again. Every other page is the very object the last build had, which also tells the plugin
which pages MkDocs need not render again.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from opmodel.export.json_model import JsonPieces
from opmodel.model.model import Model
from opmodel.model.reads import Changes, Memo
from opmodel.site.figures import KeptFigures, PageDiagram
from opmodel.site.pages import GeneratedPage


@dataclass
class Incremental:
    diagrams: Memo[list[PageDiagram]] = field(default_factory=Memo)
    pages: Memo[GeneratedPage] = field(default_factory=Memo)
    figures: KeptFigures = field(default_factory=dict)
    json: JsonPieces = field(default_factory=JsonPieces)
    env: jinja2.Environment | None = None
    """The templates, compiled once for as long as the settings stay the same."""
    _model: Model | None = None
    """The model of the last build that finished."""
    _settings: Hashable = None
    _pending: tuple[Model, Hashable] | None = None

    def begin(self, model: Model, settings: Hashable) -> Changes:
        """Start a build of `model`. `settings`: everything else the pages depend on (the
        templates, URL style): when they differ from the last build's, everything is made
        again."""
        if self._model is None or settings != self._settings:
            changes = Changes.all()
            self.env = None
        else:
            changes = Changes.between(self._model, model)
        self._pending = (model, settings)
        self.diagrams.begin(changes)
        self.pages.begin(changes)
        return changes

    def end(self) -> None:
        """The build finished: what it made is what the next one compares against."""
        assert self._pending is not None
        self._model, self._settings = self._pending
        self._pending = None
        self.diagrams.end()
        self.pages.end()

    @property
    def summary(self) -> str:
        return (
            f"opmodel: {self.pages.made} pages and {self.diagrams.made} entity diagrams made "
            f"again, {self.pages.reused} pages kept"
        )


def folder_stamp(folder: Path | None) -> tuple[tuple[str, int, int], ...]:
    """Each file under `folder` with its size and mtime: a template edit changes it."""
    if folder is None or not folder.is_dir():
        return ()
    stamps = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            # relative: the same folder named relatively or absolutely gives the same stamp
            stamps.append((path.relative_to(folder).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)
