"""The `opmodel` command. Subcommands return exit codes; this is the only module that
prints to the terminal or exits."""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import yaml

from opmodel.checks import diagnose
from opmodel.dependencies import unmet_requirements
from opmodel.diagnostic_formats import FORMATS
from opmodel.diagnostics import Severity, display_path, format_text
from opmodel.fork_map import available_workers
from opmodel.local_cache import CACHE_DIR
from opmodel.model.build import load_model
from opmodel.schema_files import editor_settings, write_schemas
from opmodel.site.publish import Stopped

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _check(args: argparse.Namespace) -> int:
    result = load_model(
        args.content,
        cache_dir=None if args.no_cache else CACHE_DIR,
        workers=available_workers(),
    )
    _, diagnostics = diagnose(result, strict=args.strict)
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    output_format = args.output_format or args.format or "text"
    if args.format is not None:
        print("opmodel: --format is deprecated; use --output-format", file=sys.stderr)
    sys.stdout.write(FORMATS[output_format](diagnostics))
    if output_format in ("text", "github"):  # a person reads these; json and sarif are data
        summary = display_path(args.content)
        if result.model is not None:
            found = [
                (len(result.model.of_kind(k)), k) for k in ("unit", "role", "forum", "decision")
            ]
            counts = [f"{n} {kind}{'' if n == 1 else 's'}" for n, kind in found if n]
            if counts:  # no sentence about zero things ("0 decisions")
                summary += f": {', '.join(counts)}"
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


def _build(args: argparse.Namespace) -> int:
    from opmodel.site.publish import build_site

    site_dir = args.site_dir or _mkdocs_site_dir(args.config_file)
    status = build_site(
        args.config_file, site_dir, strict=args.strict, diagrams=not args.no_diagrams
    )
    if status == 0:
        print(f"opmodel: site built in {display_path(site_dir)}/", file=sys.stderr)
        if args.open:
            import webbrowser

            webbrowser.open((site_dir / "index.html").resolve().as_uri())
    else:
        print("opmodel: build failed; the previous site is untouched", file=sys.stderr)
    return EXIT_ERRORS if status else EXIT_OK


def _mkdocs_site_dir(config_file: Path) -> Path:
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TagTolerantLoader)
    except (OSError, yaml.YAMLError):
        data = None
    site = data.get("site_dir", "site") if isinstance(data, dict) else "site"
    return config_file.parent / str(site)


def _serve(args: argparse.Namespace) -> int:
    from opmodel.site.publish import run_child

    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--config-file",
        str(args.config_file),
        "--dev-addr",
        args.dev_addr,
        "--livereload",
        # After an edit, only the pages that changed are rendered (site/serve.py).
        "--dirty",
    ]
    # mkdocs serve watches docs_dir, mkdocs.yml and theme/; the plugin adds content/.
    return run_child(command)


def _reference(args: argparse.Namespace) -> int:
    from opmodel.site.generate import reference_markdown

    text = reference_markdown()
    if args.out is None:
        sys.stdout.write(text)
    else:
        _write(args.out, text.encode("utf-8"))
        print(f"opmodel: wrote the content reference to {display_path(args.out)}", file=sys.stderr)
    return EXIT_OK


def _generate(args: argparse.Namespace) -> int:
    from opmodel.site.generate import GENERATED_DOCS, GenerateFailed, engine_config, generate

    try:
        generated = generate(
            args.content,
            use_directory_urls=not args.no_directory_urls,
            diagrams=not args.no_diagrams,
            workers=available_workers(),
        )
    except GenerateFailed as failure:
        print(failure, file=sys.stderr)
        return EXIT_ERRORS
    docs = args.out / GENERATED_DOCS
    for page in generated.pages:
        _write(docs / page.path, page.markdown.encode("utf-8"))
    for path, data in generated.assets.items():
        _write(docs / path, data)
    for path, text in generated.guides.items():
        _write(docs / path, text.encode("utf-8"))
    config = engine_config(
        generated, use_directory_urls=not args.no_directory_urls, docs_dir=GENERATED_DOCS
    )
    _write(args.out / "mkdocs.yml", config.encode("utf-8"))
    print(
        f"opmodel: wrote {len(generated.pages) + len(generated.guides)} pages to "
        f"{display_path(docs)}/ and their configuration to "
        f"{display_path(args.out / 'mkdocs.yml')} (build with `mkdocs build` there)",
        file=sys.stderr,
    )
    return EXIT_OK


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _export(args: argparse.Namespace) -> int:
    from opmodel.export import SINGLE_FILE, export_model

    result = load_model(args.content)
    if result.model is None:
        sys.stderr.write(format_text(result.diagnostics))
        print("opmodel: the model has errors; nothing exported", file=sys.stderr)
        return EXIT_ERRORS
    if str(args.out) == "-" and args.format in SINGLE_FILE:
        sys.stdout.write(SINGLE_FILE[args.format](result.model))
        return EXIT_OK
    written = export_model(result.model, args.format, args.out)
    print(f"opmodel: wrote {len(written)} file(s) to {display_path(args.out)}", file=sys.stderr)
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from opmodel.scaffold import ScaffoldError, scaffold

    try:
        written = scaffold(args.dir, name=args.name)
    except ScaffoldError as exc:
        print(f"opmodel: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(
        f"opmodel: wrote {len(written)} files to {display_path(args.dir)}/; next: "
        f"cd {display_path(args.dir)} && opmodel check && opmodel build",
        file=sys.stderr,
    )
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from opmodel.importer import MappingError, parse_mappings, plan_import, write_plan

    try:
        mappings = parse_mappings(args.map or ())
    except MappingError as exc:
        print(f"opmodel: {exc}", file=sys.stderr)
        return EXIT_USAGE
    plan = plan_import(args.file, args.kind, args.content, mappings, force=args.force)
    for problem in plan.problems:
        print(problem.format(), file=sys.stderr)
    if plan.errors:
        print(f"opmodel: {len(plan.errors)} error(s); nothing written", file=sys.stderr)
        return EXIT_ERRORS
    if args.dry_run:
        for planned in plan.files:
            action = "overwrite" if planned.replaces else "new"
            sys.stdout.write(f"# {display_path(planned.path)} ({action}, row {planned.row})\n")
            sys.stdout.write(planned.text + ("" if planned.text.endswith("\n") else "\n"))
        print(f"opmodel: dry run: would write {len(plan.files)} file(s)", file=sys.stderr)
        return EXIT_OK
    written = write_plan(plan)
    for path in written:
        print(display_path(path))
    print(f"opmodel: wrote {len(written)} file(s)", file=sys.stderr)
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from opmodel import diff
    from opmodel.history import HistoryError, find_repository, model_at

    try:
        repo = find_repository(args.content)
        old = model_at(repo, args.content, args.old)
        new = model_at(repo, args.content, args.new)
    except HistoryError as exc:
        print(f"opmodel diff: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    for note in filter(None, (old.note, new.note)):
        print(f"opmodel diff: {note}", file=sys.stderr)
    changes = diff.diff_models(old.model, new.model)
    why = diff.explained_by(changes, new.model)
    formatter = {
        "text": diff.format_text,
        "markdown": diff.format_markdown,
        "json": diff.format_json,
    }[args.format]
    sys.stdout.write(formatter(changes, old.label, new.label, why))
    return EXIT_OK  # differences are the answer, not a failure


class _TagTolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` tags; we only need `site_dir`, so tags load
    as None."""


_TagTolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


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

    build = commands.add_parser("build", help="check the model, then build the site atomically")
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
    build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help="live preview that rebuilds on every edit")
    serve.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    serve.set_defaults(run=_serve)

    gen = commands.add_parser(
        "generate",
        help="write the generated Markdown tree (OUT/docs/) and a ready mkdocs.yml to OUT "
        "(for MkDocs, ProperDocs or another engine without the plugin)",
    )
    gen.add_argument("out", type=Path)
    gen.add_argument("--content", type=Path, default=Path("content"))
    gen.add_argument("--no-diagrams", action="store_true")
    gen.add_argument(
        "--no-directory-urls",
        action="store_true",
        help="links for an engine set to `use_directory_urls: false` (roles/x.html, not "
        "roles/x/): tables, lists and diagrams link by URL",
    )
    gen.set_defaults(run=_generate)

    ref = commands.add_parser(
        "reference", help="write the content reference (every field of every kind) as Markdown"
    )
    ref.add_argument("out", type=Path, nargs="?", help="a .md file (default: standard output)")
    ref.set_defaults(run=_reference)

    export = commands.add_parser("export", help="write the model as JSON, CSV or ArchiMate XML")
    export.add_argument("--format", choices=("json", "csv", "archimate"), required=True)
    export.add_argument("--content", type=Path, default=Path("content"))
    export.add_argument(
        "--out",
        type=Path,
        required=True,
        help="the file to write (a folder for csv; - for standard output)",
    )
    export.set_defaults(run=_export)

    new = commands.add_parser("new", help="create a starter model and site in a new folder")
    new.add_argument("dir", type=Path, help="an empty or new folder")
    new.add_argument("--name", default="Example Organisation", help="the organisation's name")
    new.set_defaults(run=_new)

    imp = commands.add_parser("import", help="create entity files from a spreadsheet export")
    sources = imp.add_subparsers(dest="source", required=True, metavar="FORMAT")
    csv_import = sources.add_parser("csv", help="roles or units from a CSV file")
    csv_import.add_argument("file", type=Path)
    csv_import.add_argument("--kind", choices=("roles", "units"), required=True)
    csv_import.add_argument("--content", type=Path, default=Path("content"))
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
    csv_import.set_defaults(run=_import)

    diff = commands.add_parser(
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
    diff.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        help="the model's folder (default: content)",
    )
    diff.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    diff.set_defaults(run=_diff)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if unmet := unmet_requirements():
        for problem in unmet:
            print(f"opmodel: {problem}", file=sys.stderr)
        return EXIT_USAGE
    with _stopping_on(signal.SIGTERM, signal.SIGHUP):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
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


@contextlib.contextmanager
def _stopping_on(*signals: signal.Signals) -> Iterator[None]:
    """These signals stop opmodel as Ctrl-C does: what it was writing is tidied up, and it
    exits 128 + the signal's number (`_run`)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers (opmodel called from a thread)
        return
    previous = {signum: signal.signal(signum, _stop) for signum in signals}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _stop(signum: int, frame: object) -> None:
    raise Stopped(signum)


if __name__ == "__main__":
    sys.exit(main())
