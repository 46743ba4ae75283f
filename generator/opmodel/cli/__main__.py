"""`python -m opmodel.cli`: the `opmodel` command, as scripts and tests run it without the
console script."""

import sys

from opmodel.cli import main

sys.exit(main())
