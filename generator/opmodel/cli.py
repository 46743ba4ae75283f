"""The `opmodel` command. Subcommands return exit codes; this is the only module that
prints to the terminal or exits."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

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
    import subprocess

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
    ]
    # mkdocs serve watches docs_dir, mkdocs.yml and theme/; the plugin adds content/.
    return subprocess.run(command, check=False).returncode


def _generate(args: argparse.Namespace) -> int:
    from opmodel.site.generate import GenerateFailed, generate

    try:
        generated = generate(args.content, use_directory_urls=True, diagrams=not args.no_diagrams)
    except GenerateFailed as failure:
        print(failure, file=sys.stderr)
        return EXIT_ERRORS
    for page in generated.pages:
        _write(args.out / page.path, page.text.encode("utf-8"))
    for path, data in generated.assets.items():
        _write(args.out / path, data)
    for path, text in generated.guides.items():
        _write(args.out / path, text.encode("utf-8"))
    print(
        f"opmodel: wrote {len(generated.pages) + len(generated.guides)} pages to "
        f"{display_path(args.out)}/",
        file=sys.stderr,
    )
    return EXIT_OK


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


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
        "generate", help="write the generated Markdown tree to a folder (for other engines)"
    )
    gen.add_argument("out", type=Path)
    gen.add_argument("--content", type=Path, default=Path("content"))
    gen.add_argument("--no-diagrams", action="store_true")
    gen.set_defaults(run=_generate)
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
