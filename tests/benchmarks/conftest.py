"""The benchmarks package lives at the repository's top level, beside generator/: put the
repository on the import path for these tests (pytest's rootdir insertion does not)."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
