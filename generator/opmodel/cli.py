"""The `opmodel` command. Subcommands return exit codes; this is the only module that
prints to the terminal or exits."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import sys
import textwrap
import threading
import time
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path

import yaml

from opmodel.checks import diagnose
from opmodel.dependencies import unmet_requirements
from opmodel.diagnostic_formats import FORMATS
from opmodel.diagnostics import Severity, did_you_mean, display_path, format_text
from opmodel.model.build import load_model
from opmodel.schema_files import editor_settings, write_schemas
from opmodel.site.publish import Stopped
from opmodel.speed import Speed
from opmodel.speed.local_cache import CACHE_DIR

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2

EPILOG = """\
exit status: 0 ok; 1 the model has errors (or a build failed); 2 usage: a mistyped
command or option, or no project where one is needed.
-q/--quiet and -v/--verbose go before or after the command (see `opmodel COMMAND -h`)."""

START_HINT = "start one with: opmodel new DIR"

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


def _epilog(command: str) -> str:
    return f"{textwrap.fill(VERBOSITY[command], width=79)}\n\n{EPILOG}"


def _check(args: argparse.Namespace) -> int:
    if missing := _no_content(args.content, "check"):
        return _usage(missing)
    started = time.perf_counter()
    result = load_model(args.content, Speed.fastest(None if args.no_cache else CACHE_DIR))
    loaded = time.perf_counter()
    _, diagnostics = diagnose(result, strict=args.strict)
    if args.verbosity > 0:
        cache = "no cache" if args.no_cache else f"cache in {CACHE_DIR.as_posix()}/"
        _note(
            f"opmodel: read the model in {loaded - started:.2f} s ({cache}), "
            f"checked it in {time.perf_counter() - loaded:.2f} s"
        )
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
        if args.verbosity >= 0:
            print(f"{summary}: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return EXIT_ERRORS if errors else EXIT_OK


def _usage(message: str) -> int:
    print(f"opmodel: {message}", file=sys.stderr)
    return EXIT_USAGE


def _note(message: str) -> None:
    """A progress or detail line: stderr, so standard output stays the command's answer."""
    print(message, file=sys.stderr)


def _no_content(content: Path, command: str) -> str | None:
    """Why `content` cannot be a model's folder (it is missing or a file), with the way
    out; None when it is a folder. A folder without organisation.yml is the checks'
    business (an error in the model, exit 1), not a usage error."""
    if content.is_dir():
        return None
    shown = _shown(content)
    if content.exists():
        return f"{shown} is not a folder; pass the model's folder: opmodel {command} PATH"
    if content == Path("content") and not Path("mkdocs.yml").exists():
        return f"no content folder at {shown} (and no mkdocs.yml here); {START_HINT}"
    configured = _plugin_content(Path("mkdocs.yml")) if content == Path("content") else None
    if configured is not None and configured.is_dir():
        where = display_path(configured)
        return (
            f"no content folder at {shown}; mkdocs.yml's opmodel plugin reads {where}: "
            f"opmodel {command} {where}"
        )
    return (
        f"no content folder at {shown}; pass the model's folder (opmodel {command} PATH) "
        f"or {START_HINT}"
    )


def _shown(path: Path) -> str:
    """A path as the user would type it, with `./` when it is a bare relative name."""
    text = display_path(path)
    return text if path.is_absolute() or text.startswith(".") else f"./{text}"


def _schema(args: argparse.Namespace) -> int:
    out = args.content / ".schema" if args.out is None else args.out
    if _inside(out, args.content) and not (args.content / "organisation.yml").is_file():
        # Writing content/.schema/ would create a content folder that looks like a model.
        where = _shown(args.content)
        return _usage(
            f"no model at {where} (no organisation.yml), so no schemas written into it; "
            f"pass --out DIR to write them elsewhere, or {START_HINT}"
        )
    written = write_schemas(out)
    for path in written:
        if args.verbosity >= 0:
            print(display_path(path))
    if args.vscode:
        settings_path = Path(".vscode/settings.json")
        settings = json.loads(settings_path.read_text()) if settings_path.exists() else {}
        settings.update(editor_settings(display_path(out), display_path(args.content)))
        settings_path.parent.mkdir(exist_ok=True)
        settings_path.write_text(json.dumps(settings, indent=2, sort_keys=True) + "\n")
        if args.verbosity >= 0:
            print(display_path(settings_path))
    return EXIT_OK


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _no_config(config_file: Path) -> str | None:
    """Why there is no site to build or serve here, in one line; None when there is."""
    if config_file.is_file():
        return None
    content = "" if Path("content").is_dir() else " (and no content folder at ./content)"
    where = "here" if config_file == Path("mkdocs.yml") else f"at {_shown(config_file)}"
    return f"no mkdocs.yml {where}{content}; {START_HINT}"


def _build(args: argparse.Namespace) -> int:
    from opmodel.site.publish import build_site

    if missing := _no_config(args.config_file):
        return _usage(missing)
    site_dir = args.site_dir or _mkdocs_site_dir(args.config_file)
    status = build_site(
        args.config_file,
        site_dir,
        strict=args.strict,
        diagrams=not args.no_diagrams,
        verbosity=args.verbosity,
    )
    if status == 0:
        if args.verbosity >= 0:
            _note(f"opmodel: site built in {display_path(site_dir)}/")
        if args.open:
            import webbrowser

            webbrowser.open((site_dir / "index.html").resolve().as_uri())
    else:
        print("opmodel: build failed; the previous site is untouched", file=sys.stderr)
    return EXIT_ERRORS if status else EXIT_OK


def _mkdocs_site_dir(config_file: Path) -> Path:
    data = _mkdocs_config(config_file)
    return config_file.parent / str(data.get("site_dir", "site"))


def _mkdocs_config(config_file: Path) -> dict[str, object]:
    """mkdocs.yml's top level as written, or {} when it cannot be read (MkDocs will say
    why when it runs)."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TagTolerantLoader)
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _plugin_content(config_file: Path) -> Path | None:
    """The content folder mkdocs.yml's opmodel plugin reads, if it names one."""
    plugins = _mkdocs_config(config_file).get("plugins")
    entries = plugins if isinstance(plugins, list) else [plugins]
    for entry in entries:
        options = entry.get("opmodel") if isinstance(entry, dict) else None
        if isinstance(options, dict) and isinstance(options.get("content"), str):
            return config_file.parent / options["content"]
    return None


def _serve(args: argparse.Namespace) -> int:
    from opmodel.site.publish import run_child, verbosity_options

    if missing := _no_config(args.config_file):
        return _usage(missing)
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
        # After an edit, only the pages that changed are rendered (site/mkdocs/serve.py).
        "--dirty",
    ]
    options, env = verbosity_options(args.verbosity)
    # Material's banner about MkDocs 2 is not for our users to act on (as in build_site).
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"} | env
    # mkdocs serve watches docs_dir, mkdocs.yml and theme/; the plugin adds content/.
    return run_child(command + options, env=env)


def _reference(args: argparse.Namespace) -> int:
    from opmodel.site.generate import reference_markdown

    text = reference_markdown()
    if args.out is None:
        sys.stdout.write(text)
    else:
        _write(args.out, text.encode("utf-8"))
        if args.verbosity >= 0:
            _note(f"opmodel: wrote the content reference to {display_path(args.out)}")
    return EXIT_OK


def _generate(args: argparse.Namespace) -> int:
    from opmodel.site.generate import GENERATED_DOCS, GenerateFailed, engine_config, generate

    if missing := _no_content(args.content, "generate OUT"):
        return _usage(missing)
    started = time.perf_counter()
    try:
        generated = generate(
            args.content,
            use_directory_urls=not args.no_directory_urls,
            diagrams=not args.no_diagrams,
            speed=Speed.fastest(None),
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
    if args.verbosity >= 0:
        took = f" in {time.perf_counter() - started:.2f} s" if args.verbosity > 0 else ""
        _note(
            f"opmodel: wrote {len(generated.pages) + len(generated.guides)} pages to "
            f"{display_path(docs)}/ and their configuration to "
            f"{display_path(args.out / 'mkdocs.yml')}{took} (build with `mkdocs build` there)"
        )
    return EXIT_OK


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _export(args: argparse.Namespace) -> int:
    from opmodel.export import SINGLE_FILE, export_model

    if missing := _no_content(args.content, "export"):
        return _usage(missing)
    result = load_model(args.content)
    if result.model is None:
        sys.stderr.write(format_text(result.diagnostics))
        print("opmodel: the model has errors; nothing exported", file=sys.stderr)
        return EXIT_ERRORS
    if str(args.out) == "-" and args.format in SINGLE_FILE:
        sys.stdout.write(SINGLE_FILE[args.format](result.model))
        return EXIT_OK
    written = export_model(result.model, args.format, args.out)
    if args.verbosity > 0:
        for path in written:
            _note(f"opmodel: wrote {display_path(path)}")
    if args.verbosity >= 0:
        _note(f"opmodel: wrote {len(written)} file(s) to {display_path(args.out)}")
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from opmodel.scaffold import ScaffoldError, scaffold

    try:
        written = scaffold(args.dir, name=args.name)
    except ScaffoldError as exc:
        print(f"opmodel: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.verbosity > 0:
        for path in written:
            _note(f"opmodel: wrote {display_path(path)}")
    if args.verbosity >= 0:
        _note(
            f"opmodel: wrote {len(written)} files to {display_path(args.dir)}/; next: "
            f"cd {display_path(args.dir)} && opmodel check && opmodel build"
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
        if args.verbosity >= 0:
            _note(f"opmodel: dry run: would write {len(plan.files)} file(s)")
        return EXIT_OK
    written = write_plan(plan)
    for path in written:
        if args.verbosity >= 0:
            print(display_path(path))
    if args.verbosity >= 0:
        _note(f"opmodel: wrote {len(written)} file(s)")
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
        if args.verbosity >= 0:
            _note(f"opmodel diff: {note}")
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


class _Versions(argparse.Action):
    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, nargs=0, help=str(kwargs["help"]))

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        sys.stdout.write("".join(f"{line}\n" for line in versions()))
        parser.exit(EXIT_OK)


def versions() -> list[str]:
    """opmodel's version and those of what it runs on, as found (not as required)."""
    lines = [f"{name} {_version_of(name)}" for name in ("opmodel", "mkdocs", "mkdocs-material")]
    return [*lines, f"graphviz {_graphviz_version()}"]


def _version_of(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not found"


def _graphviz_version() -> str:
    from opmodel.diagrams.render import GraphvizMissing, dot_version

    dot = shutil.which("dot")
    if dot is None:
        return "not found (dot is not on PATH; opmodel build --no-diagrams needs none)"
    try:
        said = dot_version(dot)  # "dot - graphviz version 12.2.1 (20241206.2353)"
    except GraphvizMissing as missing:
        return f"not usable ({missing})"
    found = re.search(r"version (\S+)", said)
    return f"{found.group(1) if found else said} ({dot})"


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
        action=_Versions,
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
    check.set_defaults(run=_check)

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
    schema.set_defaults(run=_schema)

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
    build.set_defaults(run=_build)

    serve = command("serve", help="live preview that rebuilds on every edit")
    serve.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    serve.set_defaults(run=_serve)

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
    gen.set_defaults(run=_generate)

    ref = command(
        "reference", help="write the content reference (every field of every kind) as Markdown"
    )
    ref.add_argument("out", type=Path, nargs="?", help="a .md file (default: standard output)")
    ref.set_defaults(run=_reference)

    export = command("export", help="write the model as JSON, CSV or ArchiMate XML")
    _add_content(export)
    export.add_argument("--format", choices=("json", "csv", "archimate"), required=True)
    export.add_argument(
        "--out",
        type=Path,
        required=True,
        help="the file to write (a folder for csv; - for standard output)",
    )
    export.set_defaults(run=_export)

    new = command("new", help="create a starter model and site in a new folder")
    new.add_argument("dir", type=Path, help="an empty or new folder")
    new.add_argument("--name", default="Example Organisation", help="the organisation's name")
    new.set_defaults(run=_new)

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
    csv_import.set_defaults(run=_import)

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
    diff.set_defaults(run=_diff)
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


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
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
