"""`python -m opmodel.cli`: the `opmodel` command, as scripts and tests run it without the
console script."""

from opmodel.cli import console

console()
