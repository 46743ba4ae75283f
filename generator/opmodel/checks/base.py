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


@dataclass(frozen=True)
class Context:
    model: Model
    today: dt.date

    @property
    def settings(self) -> Settings:
        return self.model.organisation.settings


Check = Callable[[Context], Iterator[Finding]]
