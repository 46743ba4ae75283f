"""opmodel: an organisation's operating model, from plain files to a browsable site.

The pipeline runs one way: load files -> build the typed model -> run checks / build views
-> render diagrams and the site.
"""

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
