"""The `opmodel` command line: its parser, and what a mistyped command or option is told
(the closest spelling; argparse suggests none before Python 3.14)."""

from __future__ import annotations

import argparse
import importlib
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from opmodel.cli.versions import Versions
from opmodel.diagnostic_formats import FORMATS
from opmodel.diagnostics import did_you_mean
from opmodel.speed.local_cache import CACHE_DIR

EPILOG = """\
exit status: 0 ok; 1 the model has errors (or a build failed); 2 usage: a mistyped
command or option, or no project where one is needed.
-q/--quiet and -v/--verbose go before or after the command (see `opmodel COMMAND -h`)."""

VERBOSITY = {
    "check": "-q: the problems only, no summary line. -v: also how long reading and checking "
    "took, and the cache used.",
    "schema": "-q: no list of the files written. -v: as without it.",
    "build": "-q: MkDocs' warnings (the model's among them) and errors only, no closing "
    "line. -v: MkDocs --verbose (its debug log).",
    "serve": "-q: MkDocs' warnings and errors only. -v: MkDocs --verbose (its debug log).",
    "generate": "-q: no closing line. -v: the closing line says how long it took.",
    "reference": "-q: no closing line when writing a file. -v: as without it.",
    "export": "-q: no closing line. -v: also each file written.",
    "new": "-q: no closing line. -v: also each file written.",
    "import": "-q: no list of the files written, no closing line. -v: as without it.",
    "diff": "-q: no notes about the revisions compared. -v: as without it.",
}
"""What -q/-v change for each command (its --help); problems are always printed."""


class _Run:
    """A command's function, imported when the command runs: each command module imports
    what it needs (the model's schema, the site), and `opmodel check` with nothing changed
    takes a fraction of a second that importing every command would more than double."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def __call__(self, args: argparse.Namespace) -> int:
        run = getattr(importlib.import_module(f"opmodel.cli.{self.module}"), self.name)
        return int(run(args))


def _epilog(command: str) -> str:
    return f"{textwrap.fill(VERBOSITY[command], width=79)}\n\n{EPILOG}"


CONTENT_HELP = "the model's folder (default: content); the same as --content"


def _verbosity_options(*, top: bool) -> argparse.ArgumentParser:
    """-q/-v, accepted before the command and after it. After it they are SUPPRESSed when
    absent, so `opmodel -q check` is not undone by the subcommand's own default."""
    options = argparse.ArgumentParser(add_help=False)
    group = options.add_mutually_exclusive_group()
    default = 0 if top else argparse.SUPPRESS
    group.add_argument(
        "-q",
        "--quiet",
        dest="verbosity",
        action="store_const",
        const=-1,
        default=default,
        help="only the answer and the problems: no summary or progress lines",
    )
    group.add_argument(
        "-v",
        "--verbose",
        dest="verbosity",
        action="store_const",
        const=1,
        default=default,
        help="more detail: timings, the cache, each file written, MkDocs' debug log",
    )
    return options


def _add_content(parser: argparse.ArgumentParser, *, positional: bool = True) -> None:
    """The model's folder: `--content DIR`, and where no other positional argument is in
    the way, `PATH` too (`opmodel check acme/content`). `_one_content` reconciles them."""
    if positional:
        parser.add_argument("path", type=Path, nargs="?", metavar="PATH", help=CONTENT_HELP)
    parser.add_argument(
        "--content",
        type=Path,
        default=None,
        metavar="DIR",
        help="the model's folder (default: content)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="opmodel",
        description="Turn an operating model written as YAML/Markdown into a browsable site.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_verbosity_options(top=True)],
    )
    parser.add_argument(
        "--version",
        action=Versions,
        help="print the versions of opmodel, MkDocs, Material and Graphviz, and exit",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = [_verbosity_options(top=False)]

    def command(name: str, **kwargs: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            parents=common,
            epilog=_epilog(name),
            formatter_class=argparse.RawDescriptionHelpFormatter,
            **kwargs,  # type: ignore[arg-type]
        )
        sub.set_defaults(parser=sub)
        return sub

    check = command("check", help="validate the model and run the health checks")
    _add_content(check)
    check.add_argument("--strict", action="store_true", help="treat health warnings as errors")
    check.add_argument(
        "--output-format",
        choices=tuple(FORMATS),
        default=None,
        help="text (default); json (a list, README: 'Output for machines'); github "
        "(workflow annotations); sarif (SARIF 2.1.0, for code scanning)",
    )
    check.add_argument(
        "--format", choices=("text", "json"), default=None, help="deprecated: --output-format"
    )
    check.add_argument(
        "--no-cache",
        action="store_true",
        help=f"read every file again instead of reusing what {CACHE_DIR.as_posix()}/ kept",
    )
    check.set_defaults(run=_Run("model_commands", "run_check"))

    schema = command("schema", help="write the JSON Schema of each kind for editors")
    _add_content(schema)
    schema.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder for <kind>.schema.json (default: .schema in the model's folder, which "
        "must hold a model)",
    )
    schema.add_argument(
        "--vscode",
        action="store_true",
        help="also map the schemas to content files in .vscode/settings.json",
    )
    schema.set_defaults(run=_Run("model_commands", "run_schema"))

    build = command("build", help="check the model, then build the site atomically")
    build.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    build.add_argument(
        "-d",
        "--site-dir",
        type=Path,
        default=None,
        help="where the site goes (default: site_dir from mkdocs.yml)",
    )
    build.add_argument(
        "--strict", action="store_true", help="fail on MkDocs warnings and health warnings"
    )
    build.add_argument("--open", action="store_true", help="open the built site in a browser")
    build.add_argument(
        "--no-diagrams", action="store_true", help="build without diagrams (no Graphviz needed)"
    )
    build.set_defaults(run=_Run("site_commands", "run_build"))

    serve = command("serve", help="live preview that rebuilds on every edit")
    serve.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    serve.add_argument(
        "--poll",
        action="store_true",
        help="look for edits twice a second instead of being told by the system (for a "
        "content folder on a network share, whose changes the system does not report)",
    )
    serve.set_defaults(run=_Run("site_commands", "run_serve"))

    gen = command(
        "generate",
        help="write the generated Markdown tree (OUT/docs/) and a ready mkdocs.yml to OUT "
        "(for MkDocs, ProperDocs or another engine without the plugin)",
    )
    gen.add_argument("out", type=Path, metavar="OUT", help="the folder to write into")
    _add_content(gen)
    gen.add_argument("--no-diagrams", action="store_true")
    gen.add_argument(
        "--no-directory-urls",
        action="store_true",
        help="links for an engine set to `use_directory_urls: false` (roles/x.html, not "
        "roles/x/): tables, lists and diagrams link by URL",
    )
    gen.set_defaults(run=_Run("file_commands", "run_generate"))

    ref = command(
        "reference", help="write the content reference (every field of every kind) as Markdown"
    )
    ref.add_argument("out", type=Path, nargs="?", help="a .md file (default: standard output)")
    ref.set_defaults(run=_Run("model_commands", "run_reference"))

    export = command("export", help="write the model as JSON, CSV or ArchiMate XML")
    _add_content(export)
    export.add_argument("--format", choices=("json", "csv", "archimate"), required=True)
    export.add_argument(
        "--out",
        type=Path,
        required=True,
        help="the file to write (a folder for csv; - for standard output)",
    )
    export.set_defaults(run=_Run("file_commands", "run_export"))

    new = command("new", help="create a starter model and site in a new folder")
    new.add_argument("dir", type=Path, help="an empty or new folder")
    new.add_argument("--name", default="Example Organisation", help="the organisation's name")
    new.set_defaults(run=_Run("file_commands", "run_new"))

    imp = command("import", help="create entity files from a spreadsheet export")
    sources = imp.add_subparsers(dest="source", required=True, metavar="FORMAT")
    csv_import = sources.add_parser(
        "csv",
        help="roles or units from a CSV file",
        parents=common,
        epilog=_epilog("import"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    csv_import.set_defaults(parser=csv_import)
    csv_import.add_argument("file", type=Path)
    csv_import.add_argument("--kind", choices=("roles", "units"), required=True)
    # FILE is the positional argument here: the model's folder is --content only.
    _add_content(csv_import, positional=False)
    csv_import.add_argument(
        "--map",
        action="append",
        metavar="HEADER=FIELD",
        help="read column HEADER as FIELD (HEADER=- skips it); repeatable",
    )
    csv_import.add_argument(
        "--dry-run", action="store_true", help="print the files instead of writing them"
    )
    csv_import.add_argument("--force", action="store_true", help="overwrite existing files")
    csv_import.set_defaults(run=_Run("file_commands", "run_import"))

    diff = command(
        "diff",
        help="what changed in the model between two git revisions",
        description="Compare the model at revision OLD with NEW (default: the working tree): "
        "entities added, removed, renamed and changed, and what that means (decision rights "
        "that moved, forums created or retired, roles that moved). Exits 0 whether or not "
        "there are differences, 1 when a revision cannot be read.",
    )
    diff.add_argument(
        "old", metavar="OLD", help="a commit, branch or tag; or a date (2026-01-31) or '30 days'"
    )
    diff.add_argument("new", metavar="NEW", nargs="?", help="as OLD (default: the working tree)")
    # OLD and NEW are the positional arguments here: the model's folder is --content only.
    _add_content(diff, positional=False)
    diff.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    diff.set_defaults(run=_Run("diff_command", "run_diff"))
    return parser


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The parsed command line; a mistyped command or option exits 2 with the closest
    spelling (argparse suggests none before Python 3.14)."""
    parser = build_parser()
    words = list(sys.argv[1:] if argv is None else argv)
    _suggest_command(parser, words)
    args, extras = parser.parse_known_args(words)
    used: argparse.ArgumentParser = getattr(args, "parser", parser)
    if extras:
        used.error(_unrecognised(extras, used))
    if hasattr(args, "content"):
        args.content = _one_content(args, used)
    return args


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _suggest_command(parser: argparse.ArgumentParser, words: list[str]) -> None:
    """The first word that is not an option names the command (no top-level option takes
    a value); an unknown one is refused with the nearest command's name."""
    word = next((w for w in words if not w.startswith("-")), None)
    known = _subcommands(parser)
    if word is None or word in known:
        return
    hint = did_you_mean(word, known) or f"choose from {', '.join(known)}"
    parser.error(f"unknown command '{word}' ({hint})")


def _unrecognised(extras: list[str], parser: argparse.ArgumentParser) -> str:
    options = [name for action in parser._actions for name in action.option_strings]
    hints = []
    for extra in extras:
        hint = did_you_mean(extra.split("=", 1)[0], options) if extra.startswith("-") else None
        hints.append(f"{extra} ({hint})" if hint else extra)
    return f"unrecognized arguments: {' '.join(hints)}"


def _one_content(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Path:
    given = [p for p in (getattr(args, "path", None), args.content) if p is not None]
    if len(given) == 2 and given[0].resolve() != given[1].resolve():
        parser.error(
            f"PATH {given[0].as_posix()} and --content {given[1].as_posix()} disagree; "
            "give one of them"
        )
    return given[0] if given else Path("content")
