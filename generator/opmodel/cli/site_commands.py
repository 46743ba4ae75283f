"""`opmodel build` and `serve`: the site, built atomically or previewed live. MkDocs runs
in a child process (site/publish.py), so this package never imports it."""

from __future__ import annotations

import argparse
import os
import sys

from opmodel.cli.output import EXIT_ERRORS, EXIT_OK, note, usage
from opmodel.cli.project import mkdocs_site_dir, no_config
from opmodel.diagnostics import display_path


def run_build(args: argparse.Namespace) -> int:
    from opmodel.site.publish import build_site

    if missing := no_config(args.config_file):
        return usage(missing)
    site_dir = args.site_dir or mkdocs_site_dir(args.config_file)
    status = build_site(
        args.config_file,
        site_dir,
        strict=args.strict,
        diagrams=not args.no_diagrams,
        verbosity=args.verbosity,
    )
    if status == 0:
        if args.verbosity >= 0:
            note(f"opmodel: site built in {display_path(site_dir)}/")
        if args.open:
            import webbrowser

            webbrowser.open((site_dir / "index.html").resolve().as_uri())
    else:
        print("opmodel: build failed; the previous site is untouched", file=sys.stderr)
    return EXIT_ERRORS if status else EXIT_OK


def run_serve(args: argparse.Namespace) -> int:
    from opmodel.site.publish import POLL_ENV, run_child, verbosity_options

    if missing := no_config(args.config_file):
        return usage(missing)
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
    if args.poll:
        env[POLL_ENV] = "1"
    # mkdocs serve watches docs_dir, mkdocs.yml and theme/; the plugin adds content/.
    return run_child(command + options, env=env)
