"""`python -m opmodel`: the `opmodel` command, for environments whose scripts folder is
not on PATH."""

import sys

from opmodel.cli import main

sys.exit(main())
