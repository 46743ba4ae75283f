"""`python -m opmodel`: the `opmodel` command, for environments whose scripts folder is
not on PATH."""

from opmodel.cli import console

console()
