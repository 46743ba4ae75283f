"""`opmodel check`, `schema` and `reference`: the model checked, and its format described
(JSON Schema for editors, the content reference for people)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from opmodel.cli.check_cache import Answer, CheckCache, Survey, survey
from opmodel.cli.output import EXIT_ERRORS, EXIT_OK, leave_to_the_system, note, usage, write_file
from opmodel.cli.project import START_HINT, inside, no_content, shown_path
from opmodel.diagnostic_formats import FORMATS
from opmodel.diagnostics import Severity, display_path
from opmodel.speed import Speed
from opmodel.speed.local_cache import CACHE_DIR


def run_check(args: argparse.Namespace) -> int:
    if missing := no_content(args.content, "check"):
        return usage(missing)
    started = time.perf_counter()
    cache_dir = None if args.no_cache else CACHE_DIR
    walked = survey(args.content, strict=args.strict)
    answers = CheckCache.open(cache_dir, args.content)
    answer = answers.get(walked)
    again = answer is not None
    loaded = time.perf_counter()
    if answer is None:
        answer = _check(args, cache_dir, walked)
        answers.put(walked, answer)
    if args.verbosity > 0:
        cache = "no cache" if args.no_cache else f"cache in {CACHE_DIR.as_posix()}/"
        if again:
            cache += ": nothing changed since the last check, its answer again"
        note(
            f"opmodel: read the model in {loaded - started:.2f} s ({cache}), "
            f"checked it in {time.perf_counter() - loaded:.2f} s"
        )
    diagnostics = answer.diagnostics
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    output_format = args.output_format or args.format or "text"
    if args.format is not None:
        print("opmodel: --format is deprecated; use --output-format", file=sys.stderr)
    sys.stdout.write(FORMATS[output_format](list(diagnostics)))
    if output_format in ("text", "github"):  # a person reads these; json and sarif are data
        summary = display_path(args.content)
        counts = [f"{n} {kind}{'' if n == 1 else 's'}" for n, kind in answer.counts or () if n]
        if counts:  # no sentence about zero things ("0 decisions")
            summary += f": {', '.join(counts)}"
        if args.verbosity >= 0:
            print(f"{summary}: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return EXIT_ERRORS if errors else EXIT_OK


def _check(args: argparse.Namespace, cache_dir: Path | None, walked: Survey) -> Answer:
    """What a check of the model finds: its messages, and what the summary counts."""
    # here, not at the top: a check that finds nothing changed imports no model
    from opmodel.checks import diagnose
    from opmodel.model.build import load_model

    discovered = (walked.sources, walked.diagnostics)
    speed = Speed.fastest(cache_dir)
    # the checks too: right after loading, the collector would walk the whole new model
    # (a full collection of a 10,000-role model takes 0.3 s) and find nothing to free
    with speed.gc_paused():
        result = load_model(args.content, speed, discovered=discovered)
        leave_to_the_system(result)
        _, diagnostics = diagnose(result, strict=args.strict)
    counts = None
    if result.model is not None:
        kinds = ("unit", "role", "forum", "decision")
        counts = tuple((len(result.model.of_kind(kind)), kind) for kind in kinds)
    return Answer(tuple(diagnostics), counts)


def run_schema(args: argparse.Namespace) -> int:
    from opmodel.schema_files import editor_settings, write_schemas

    out = args.content / ".schema" if args.out is None else args.out
    if inside(out, args.content) and not (args.content / "organisation.yml").is_file():
        # Writing content/.schema/ would create a content folder that looks like a model.
        where = shown_path(args.content)
        return usage(
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


def run_reference(args: argparse.Namespace) -> int:
    from opmodel.site.generate import reference_markdown

    text = reference_markdown()
    if args.out is None:
        sys.stdout.write(text)
    else:
        write_file(args.out, text.encode("utf-8"))
        if args.verbosity >= 0:
            note(f"opmodel: wrote the content reference to {display_path(args.out)}")
    return EXIT_OK
