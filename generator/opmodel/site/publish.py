"""Atomic builds: MkDocs writes into a fresh folder beside the target, which is swapped in
only when the build succeeded. A failed or killed build leaves the previous site as it was
(MkDocs alone empties site_dir first).

`opmodel build` stages here, around its `mkdocs build`; a plain `mkdocs build` or
`mkdocs gh-deploy` stages in the plugin (`site/mkdocs/plugin.py`), with the same functions."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

STAGED_ENV = "OPMODEL_STAGED_BUILD"
NO_DIAGRAMS_ENV = "OPMODEL_NO_DIAGRAMS"
"""Set (to anything) by `opmodel build --no-diagrams`: the one way to reach the plugin from
the command line, since mkdocs.yml is the user's."""
QUIET_ENV = "OPMODEL_QUIET"
"""Set by `opmodel -q build|serve`: the plugin shows MkDocs' warnings and errors only.
MkDocs' own --quiet would hide the model's warnings too."""
POLL_ENV = "OPMODEL_SERVE_POLL"
"""Set by `opmodel serve --poll`: the server polls the folders for edits, as MkDocs does,
instead of hearing of them from the system (`site/mkdocs/serve.py`), for folders whose
changes the system does not report (a network share, some container mounts)."""


def verbosity_options(verbosity: int) -> tuple[list[str], dict[str, str]]:
    """MkDocs' command-line options and environment for opmodel's -q (-1) or -v (1)."""
    if verbosity < 0:
        return [], {QUIET_ENV: "1"}
    return (["--verbose"] if verbosity > 0 else []), {}


"""Set for the `mkdocs build` that `build_site` runs: its site_dir is a staging folder
already, and the plugin need not stage again."""


def build_site(
    config_file: Path,
    site_dir: Path,
    *,
    strict: bool = False,
    diagrams: bool = True,
    verbosity: int = 0,
) -> int:
    """Run `mkdocs build` into a temporary folder, then swap it into `site_dir`;
    `verbosity` is opmodel's -q (-1) or -v (1)."""
    site_dir = site_dir.resolve()
    staging = stage(site_dir)
    try:
        command = [
            sys.executable,
            "-m",
            "opmodel.site.mkdocs",  # MkDocs' command line, without the teardown
            "build",
            "--clean",
            "--config-file",
            str(config_file),
            "--site-dir",
            str(staging),
        ]
        if strict:
            command.append("--strict")
        options, verbosity_env = verbosity_options(verbosity)
        command.extend(options)
        # Material prints a banner about MkDocs 2 on every build; our users cannot act on it.
        env = os.environ | {"NO_MKDOCS_2_WARNING": "1", STAGED_ENV: "1"} | verbosity_env
        if not diagrams:
            env[NO_DIAGRAMS_ENV] = "1"  # read by the plugin (site/mkdocs/configure.py)
        status = run_child(command, env=env)
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
    """Replace `target` with `new` by two renames: at no point is there a half-written site.
    The previous site is deleted by a process of its own, which goes on after the build
    has returned: deleting a large model's 18,000 pages took 6 s."""
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        old.rename(target.with_name(f"{_gone_prefix(target)}{os.getpid()}-{time.time_ns()}"))
    delete_in_background(sorted(target.parent.glob(f"{_gone_prefix(target)}*")))


def _gone_prefix(site_dir: Path) -> str:
    """Previous sites waiting to be deleted (any left by a deletion cut short go with the
    next build's)."""
    return f".{site_dir.name}-gone-"


_DELETE = "import shutil, sys\nfor path in sys.argv[1:]:\n    shutil.rmtree(path, True)"


def delete_in_background(folders: Sequence[Path]) -> None:
    """Delete `folders` in a detached process (here, if one cannot be started)."""
    if not folders:
        return
    try:
        subprocess.Popen(
            [sys.executable, "-c", _DELETE, *map(str, folders)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # not stopped by the Ctrl-C meant for a build
        )
    except OSError:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


class Staging:
    """A build written into a hidden folder beside site_dir (`stage`) and swapped in once
    it has finished (`swap`): a build killed part-way leaves the previous site as it was."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.folder = stage(site_dir)

    def publish(self) -> None:
        swap(self.folder, self.site_dir)

    def discard(self) -> None:
        """The build failed or stopped: its staging folder goes, site_dir is as it was."""
        shutil.rmtree(self.folder, ignore_errors=True)


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
STOP_SECONDS = 10.0
"""How long a child asked to stop may take before it is killed."""
POLL_SECONDS = 0.1
TERMINAL_SECONDS = 2.0
"""How long a child may take to stop on the Ctrl-C its terminal sent it too."""


class Stopped(Exception):
    """A stop signal (`STOP_SIGNALS`) reached opmodel; its children are gone."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def run_child(command: Sequence[str], env: dict[str, str] | None = None) -> int:
    """Run `command` and return its exit status. A SIGINT, SIGTERM or SIGHUP to opmodel
    meanwhile stops the child first: it gets SIGINT, on which MkDocs tidies up (its
    KeyboardInterrupt: the server's temporary folder, the plugin's staging folder) where
    SIGTERM would kill it where it stands; if it is still running after `STOP_SECONDS`, it
    is killed. Then `Stopped` is raised, once the child is gone."""
    if threading.current_thread() is not threading.main_thread():
        return subprocess.run(command, check=False, env=env).returncode  # no handlers here
    received: list[int] = []
    previous = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}

    def note(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    for signum in STOP_SIGNALS:
        signal.signal(signum, note)
    try:
        child = subprocess.Popen(command, env=env)
        status = _wait_stopping(child, received)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if received:
        raise Stopped(received[0])
    return status


def _wait_stopping(child: subprocess.Popen[bytes], received: list[int]) -> int:
    """Wait for `child`; once a stop signal is in `received`, ask it to stop, then kill it.
    (A plain `wait()` would not wake for a signal: Python resumes it after the handler.)"""
    steps: list[tuple[float, int]] | None = None  # (when, signal to send) once one came
    while (status := child.poll()) is None:
        if received and steps is None:
            now = time.monotonic()
            wait = TERMINAL_SECONDS if received[0] == signal.SIGINT and _in_terminal() else 0
            steps = [(now + wait, signal.SIGINT), (now + wait + STOP_SECONDS, signal.SIGKILL)]
        while steps and steps[0][0] <= time.monotonic():
            child.send_signal(steps.pop(0)[1])
        time.sleep(POLL_SECONDS)
    return status


def _in_terminal() -> bool:
    """Whether opmodel runs in the foreground of a terminal, with its child in its process
    group: a Ctrl-C there reached the child too, and a second SIGINT could cut its
    tidying short. It is given `TERMINAL_SECONDS` to stop on its own first."""
    try:
        tty = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        return False
    try:
        return os.tcgetpgrp(tty) == os.getpgrp()
    except OSError:
        return False
    finally:
        os.close(tty)
