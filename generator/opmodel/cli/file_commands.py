"""`opmodel generate`, `export`, `import` and `new`: the commands that write files — the
Markdown tree for another engine, the model in other formats, entity files from a
spreadsheet, a starter project."""

from __future__ import annotations

import argparse
import sys
import time

from opmodel.cli.output import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, note, usage, write_file
from opmodel.cli.project import no_content
from opmodel.diagnostics import display_path, format_text
from opmodel.model.build import load_model
from opmodel.speed import Speed


def run_generate(args: argparse.Namespace) -> int:
    from opmodel.site.generate import GENERATED_DOCS, GenerateFailed, engine_config, generate

    if missing := no_content(args.content, "generate OUT"):
        return usage(missing)
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
        write_file(docs / page.path, page.markdown.encode("utf-8"))
    for path, data in generated.assets.items():
        write_file(docs / path, data)
    for path, text in generated.guides.items():
        write_file(docs / path, text.encode("utf-8"))
    config = engine_config(
        generated, use_directory_urls=not args.no_directory_urls, docs_dir=GENERATED_DOCS
    )
    write_file(args.out / "mkdocs.yml", config.encode("utf-8"))
    if args.verbosity >= 0:
        took = f" in {time.perf_counter() - started:.2f} s" if args.verbosity > 0 else ""
        note(
            f"opmodel: wrote {len(generated.pages) + len(generated.guides)} pages to "
            f"{display_path(docs)}/ and their configuration to "
            f"{display_path(args.out / 'mkdocs.yml')}{took} (build with `mkdocs build` there)"
        )
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from opmodel.export import SINGLE_FILE, export_model

    if missing := no_content(args.content, "export"):
        return usage(missing)
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
            note(f"opmodel: wrote {display_path(path)}")
    if args.verbosity >= 0:
        note(f"opmodel: wrote {len(written)} file(s) to {display_path(args.out)}")
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    from opmodel.scaffold import ScaffoldError, scaffold

    try:
        written = scaffold(args.dir, name=args.name)
    except ScaffoldError as exc:
        print(f"opmodel: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.verbosity > 0:
        for path in written:
            note(f"opmodel: wrote {display_path(path)}")
    if args.verbosity >= 0:
        note(
            f"opmodel: wrote {len(written)} files to {display_path(args.dir)}/; next: "
            f"cd {display_path(args.dir)} && opmodel check && opmodel build"
        )
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
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
            note(f"opmodel: dry run: would write {len(plan.files)} file(s)")
        return EXIT_OK
    written = write_plan(plan)
    for path in written:
        if args.verbosity >= 0:
            print(display_path(path))
    if args.verbosity >= 0:
        note(f"opmodel: wrote {len(written)} file(s)")
    return EXIT_OK
