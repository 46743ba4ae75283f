"""The `opmodel` command. Subcommands return exit codes; this package is the only code that
prints to the terminal or exits.

`parser` builds the command line; `model_commands` (check, schema, reference),
`site_commands` (build, serve), `file_commands` (generate, export, import, new) and
`diff_command` run the commands; `versions` answers --version; `signals` stops on SIGTERM
and SIGHUP as on Ctrl-C; `output` and `project` are what the commands share.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from typing import NoReturn

from opmodel.cli import output
from opmodel.cli.output import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
from opmodel.cli.parser import VERBOSITY, build_parser, parse
from opmodel.cli.signals import stopping_on
from opmodel.cli.versions import versions
from opmodel.dependencies import unmet_requirements
from opmodel.site.publish import Stopped

__all__ = [
    "EXIT_ERRORS",
    "EXIT_OK",
    "EXIT_USAGE",
    "VERBOSITY",
    "build_parser",
    "console",
    "main",
    "parse",
    "run",
    "versions",
]


def console() -> NoReturn:
    """The `opmodel` script and `python -m opmodel`: `main`, then the process ends at once
    (`os._exit`, as mypy's command does) instead of freeing what the command left to the
    system (`output.leave_to_the_system`). Its output is flushed first; no command run here
    registers anything to run at exit (`mkdocs build` and `serve` run in a child)."""
    output.end_without_teardown()
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `opmodel check | head`: the reader has gone
        pass
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    if unmet := unmet_requirements():
        for problem in unmet:
            print(f"opmodel: {problem}", file=sys.stderr)
        return EXIT_USAGE
    with stopping_on(signal.SIGTERM, signal.SIGHUP):
        return run(args)


def run(args: argparse.Namespace) -> int:
    """The parsed command's exit status; an interruption or a stop signal, and an error of
    the operating system (a full disk, a folder not writable), each end in one line."""
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("opmodel: interrupted", file=sys.stderr)
        return 128 + signal.SIGINT
    except Stopped as stop:  # children stopped and waited for (site/publish.py)
        print(f"opmodel: stopped by {stop}", file=sys.stderr)
        return 128 + stop.signum
    except OSError as exc:
        print(f"opmodel: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_ERRORS
