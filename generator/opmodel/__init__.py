"""opmodel: an organisation's operating model, from plain files to a browsable site.

The pipeline runs one way: load files -> build the typed model -> run checks / build views
-> render diagrams and the site.
"""

from __future__ import annotations

import importlib
import typing

if typing.TYPE_CHECKING:
    from opmodel.checks import Finding, run_checks
    from opmodel.diagnostics import Diagnostic, Severity
    from opmodel.model.build import LoadResult, load_model
    from opmodel.model.model import Backlink, Model
    from opmodel.model.refs import Ref

__all__ = [
    "Backlink",
    "Diagnostic",
    "Finding",
    "LoadResult",
    "Model",
    "Ref",
    "Severity",
    "load_model",
    "run_checks",
]

_HOMES = {
    "Backlink": "opmodel.model.model",
    "Diagnostic": "opmodel.diagnostics",
    "Finding": "opmodel.checks",
    "LoadResult": "opmodel.model.build",
    "Model": "opmodel.model.model",
    "Ref": "opmodel.model.refs",
    "Severity": "opmodel.diagnostics",
    "load_model": "opmodel.model.build",
    "run_checks": "opmodel.checks",
}
"""Where each public name is defined. They are imported when first asked for, not with the
package: every `opmodel` command imports this package, and the model's schema (pydantic)
is most of a second's start-up that `opmodel check` with nothing changed need not pay."""


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'opmodel' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
