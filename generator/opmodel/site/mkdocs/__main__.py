"""`python -m opmodel.site.mkdocs build ...`: MkDocs' own command line, for the `mkdocs build`
that `opmodel build` runs (`site/publish.py`), ending the process as soon as it is done.

A large site's build leaves hundreds of megabytes of objects (the model, 18,000 pages,
their tables of contents) that Python would free one by one on its way out: a second of a
cold build of 18,000 pages, after the site was written. Here the command runs as `mkdocs`
would run it, with the same messages and exit status; then what is registered to run at
exit runs (logging's flush among it), the output is flushed, and the process ends at once
(`os._exit`, as `opmodel` itself ends: `cli.console`).
"""

from __future__ import annotations

import atexit
import os
import sys

from mkdocs.__main__ import cli


def main() -> None:
    try:
        cli(prog_name="mkdocs")
        status = 0
    except SystemExit as done:  # click's way out, with the command's status
        status = _status(done.code)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    os._exit(status)


def _status(code: object) -> int:
    """What `SystemExit(code)` would have the process exit with (a message: printed, 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


if __name__ == "__main__":
    main()
