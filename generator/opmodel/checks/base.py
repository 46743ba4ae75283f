"""What a check returns, and the context it runs in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from opmodel.model.model import Model
from opmodel.model.refs import Ref
from opmodel.model.schema import Settings


@dataclass(frozen=True, order=True)
class Finding:
    """One health problem about one entity (or the model as a whole when `subject` is None)."""

    code: str
    subject: Ref | None
    message: str
    field: str | None = None
    hint: str | None = None
    at: tuple[int, int] | None = None
    """Line and column in the entity's file, when the finding is inside a field's text."""
    path: str | None = None
    """The file, for a finding about the organisation or a guide page (`subject` None)."""
    error: bool = False
    """An error whatever `--strict` says (an unsafe URL), where health findings warn."""


@dataclass(frozen=True)
class Context:
    model: Model
    today: dt.date

    @property
    def settings(self) -> Settings:
        return self.model.organisation.settings


Check = Callable[[Context], Iterator[Finding]]
