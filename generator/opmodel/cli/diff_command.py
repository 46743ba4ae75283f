"""`opmodel diff`: what changed in the model between two git revisions."""

from __future__ import annotations

import argparse
import sys

from opmodel.cli.output import EXIT_ERRORS, EXIT_OK, note


def run_diff(args: argparse.Namespace) -> int:
    from opmodel import diff
    from opmodel.history import HistoryError, find_repository, model_at

    try:
        repo = find_repository(args.content)
        old = model_at(repo, args.content, args.old)
        new = model_at(repo, args.content, args.new)
    except HistoryError as exc:
        print(f"opmodel diff: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    for line in filter(None, (old.note, new.note)):
        if args.verbosity >= 0:
            note(f"opmodel diff: {line}")
    changes = diff.diff_models(old.model, new.model)
    why = diff.explained_by(changes, new.model)
    formatter = {
        "text": diff.format_text,
        "markdown": diff.format_markdown,
        "json": diff.format_json,
    }[args.format]
    sys.stdout.write(formatter(changes, old.label, new.label, why))
    return EXIT_OK  # differences are the answer, not a failure
