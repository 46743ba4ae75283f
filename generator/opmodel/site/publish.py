"""Atomic builds: MkDocs writes into a fresh folder beside the target, which is swapped in
only when the build succeeded. A failed or killed build leaves the previous site as it was
(MkDocs alone empties site_dir first).

`opmodel build` stages here, around its `mkdocs build`; a plain `mkdocs build` or
`mkdocs gh-deploy` stages in the plugin (`site/plugin.py`), with the same functions."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

STAGED_ENV = "OPMODEL_STAGED_BUILD"
"""Set for the `mkdocs build` that `build_site` runs: its site_dir is a staging folder
already, and the plugin need not stage again."""


def build_site(
    config_file: Path, site_dir: Path, *, strict: bool = False, diagrams: bool = True
) -> int:
    """Run `mkdocs build` into a temporary folder, then swap it into `site_dir`."""
    site_dir = site_dir.resolve()
    staging = stage(site_dir)
    try:
        command = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--clean",
            "--config-file",
            str(config_file),
            "--site-dir",
            str(staging),
        ]
        if strict:
            command.append("--strict")
        # Material prints a banner about MkDocs 2 on every build; our users cannot act on it.
        env = os.environ | {"NO_MKDOCS_2_WARNING": "1", STAGED_ENV: "1"}
        if not diagrams:
            env["OPMODEL_NO_DIAGRAMS"] = "1"  # read by the plugin (site/plugin.py)
        status = subprocess.run(command, check=False, env=env).returncode
        if status != 0:
            return status
        swap(staging, site_dir)
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def stage(site_dir: Path) -> Path:
    """A fresh hidden folder beside `site_dir` to build into, once what killed builds left
    there is cleared (`_tidy`)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _tidy(site_dir)
    # The pid in the name tells a later build whether this folder's build is still running.
    prefix = f"{_staging_prefix(site_dir)}{os.getpid()}-"
    return Path(tempfile.mkdtemp(prefix=prefix, dir=site_dir.parent))


def _staging_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-building-"


def _tidy(site_dir: Path) -> None:
    """Clear what builds killed before they could tidy up (SIGKILL, a power cut) left: their
    hidden staging folders, and the previous site if a kill fell between `swap`'s two
    renames. Staging folders of builds still running are left alone."""
    old = site_dir.with_name(f".{site_dir.name}-old")
    if old.is_dir() and not site_dir.exists():
        old.rename(site_dir)
    prefix = _staging_prefix(site_dir)
    for staging in site_dir.parent.glob(f"{prefix}*"):
        pid = staging.name.removeprefix(prefix).split("-")[0]
        if staging.is_dir() and not (pid.isdigit() and _running(int(pid))):
            shutil.rmtree(staging, ignore_errors=True)


def _running(pid: int) -> bool:
    if os.name != "posix":
        return True  # no harmless way to ask: keep the folder
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def swap(new: Path, target: Path) -> None:
    """Replace `target` with `new` by two renames: at no point is there a half-written site."""
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
