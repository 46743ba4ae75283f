"""The `opmodel` command. Subcommands return exit codes; this is the only module that
prints to the terminal or exits."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from opmodel.checks import as_diagnostics, run_checks
from opmodel.diagnostics import Severity, display_path, format_json, format_text
from opmodel.model.build import load_model
from opmodel.schema_files import editor_settings, write_schemas

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _check(args: argparse.Namespace) -> int:
    result = load_model(args.content)
    diagnostics = list(result.diagnostics)
    if result.model is not None:
        diagnostics += as_diagnostics(result.model, run_checks(result.model), strict=args.strict)
    diagnostics.sort()
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    if args.format == "json":
        sys.stdout.write(format_json(diagnostics))
    else:
        sys.stdout.write(format_text(diagnostics))
        if result.model is not None:
            counts = ", ".join(
                f"{len(result.model.of_kind(kind))} {kind}s"
                for kind in ("unit", "role", "forum", "decision")
            )
            summary = f"{display_path(args.content)}: {counts}"
        else:
            summary = display_path(args.content)
        print(f"{summary}: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return EXIT_ERRORS if errors else EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    written = write_schemas(args.out)
    for path in written:
        print(display_path(path))
    if args.vscode:
        settings_path = Path(".vscode/settings.json")
        settings = json.loads(settings_path.read_text()) if settings_path.exists() else {}
        settings.update(editor_settings(display_path(args.out), display_path(args.content)))
        settings_path.parent.mkdir(exist_ok=True)
        settings_path.write_text(json.dumps(settings, indent=2, sort_keys=True) + "\n")
        print(display_path(settings_path))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="opmodel",
        description="Turn an operating model written as YAML/Markdown into a browsable site.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate the model and run the health checks")
    check.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        help="the model's folder (default: content)",
    )
    check.add_argument("--strict", action="store_true", help="treat health warnings as errors")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(run=_check)

    schema = commands.add_parser("schema", help="write the JSON Schema of each kind for editors")
    schema.add_argument(
        "--out",
        type=Path,
        default=Path("content/.schema"),
        help="folder for <kind>.schema.json (default: content/.schema)",
    )
    schema.add_argument("--content", type=Path, default=Path("content"))
    schema.add_argument(
        "--vscode",
        action="store_true",
        help="also map the schemas to content files in .vscode/settings.json",
    )
    schema.set_defaults(run=_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("opmodel: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"opmodel: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_ERRORS


if __name__ == "__main__":
    sys.exit(main())
