"""Stopping `opmodel serve` or `opmodel build` with SIGINT, SIGTERM or SIGHUP (Ctrl-C, a
service manager, a closed terminal) stops everything it started: the MkDocs child and the
processes that one started are gone, the port is free, no staging or temporary folder is
left, and opmodel exits 128 + the signal's number, as a shell reports a signalled command.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

Cli = Callable[..., list[str]]
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _descendants(pid: int) -> set[int]:
    """Every process `pid` started, and those they started (Linux: /proc)."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_until(condition: Callable[[], bool], what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def _start(args: list[str], project: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        args,
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # no terminal: the signal comes from this test alone
    )


def _stop(process: subprocess.Popen[str], signum: int) -> tuple[set[int], str]:
    """Send `signum` to opmodel alone; returns the processes it had started and its output."""
    started = _descendants(process.pid)
    assert started, "opmodel started no MkDocs process"
    os.kill(process.pid, signum)
    try:
        output, _ = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise AssertionError(f"opmodel did not stop on {signal.Signals(signum).name}") from None
    return started, output


def _assert_all_gone(started: set[int], name: str) -> None:
    time.sleep(0.2)  # a grandchild reparented to init is reaped by it
    left = sorted(pid for pid in started if _alive(pid))
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"after {name}, processes opmodel started are still running: {left}"


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_a_signal_stops_opmodel_serve_and_its_server(
    signum: int, example_project: Path, run_env: dict[str, str], cli: Cli
) -> None:
    port = _free_port()
    env = run_env | {"OPMODEL_NO_DIAGRAMS": "1"}
    serve = _start(cli("opmodel", "serve", "--dev-addr", f"127.0.0.1:{port}"), example_project, env)
    try:
        _wait_until(lambda: _listening(port) or serve.poll() is not None, "the server")
        assert serve.poll() is None, "opmodel serve stopped by itself"
    except BaseException:
        os.killpg(serve.pid, signal.SIGKILL)
        raise
    name = signal.Signals(signum).name
    started, output = _stop(serve, signum)
    assert serve.returncode == 128 + signum, f"{name}: exit {serve.returncode}\n{output}"
    assert "Traceback" not in output
    _assert_all_gone(started, name)
    assert _port_free(port), f"after {name}, the port is still taken"
    temporary = sorted(p.name for p in Path(env["TMPDIR"]).iterdir())
    assert not temporary, f"after {name}, MkDocs left {temporary} behind"


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_a_signal_stops_opmodel_build_and_its_mkdocs(
    signum: int, example_project: Path, run_env: dict[str, str], cli: Cli
) -> None:
    build = _start(cli("opmodel", "build"), example_project, run_env)
    try:
        # Stopped while MkDocs writes the site (the model is loaded, forked workers run).
        _wait_until(
            lambda: (
                any(p.is_dir() for p in example_project.glob(".site-building-*/assets"))
                or build.poll() is not None
            ),
            "the build to write files",
        )
        assert build.poll() is None, "the build finished before it could be stopped"
    except BaseException:
        os.killpg(build.pid, signal.SIGKILL)
        raise
    name = signal.Signals(signum).name
    started, output = _stop(build, signum)
    assert build.returncode == 128 + signum, f"{name}: exit {build.returncode}\n{output}"
    assert "Traceback" not in output
    _assert_all_gone(started, name)
    left = sorted(p.name for p in example_project.iterdir() if p.name.startswith(".site"))
    assert not left, f"after {name}, the build left {left}"
    assert not (example_project / "site").exists(), "a stopped build published a site"


def test_ctrl_c_in_a_terminal_stops_opmodel_serve_once_and_cleanly(
    tmp_path: Path, run_env: dict[str, str], cli: Cli
) -> None:
    """Ctrl-C in a terminal reaches opmodel and MkDocs both: MkDocs must shut down once (a
    second SIGINT from opmodel could cut its tidying short), leaving nothing behind."""
    project = tmp_path / "small"
    (project / "content" / "pages").mkdir(parents=True)
    (project / "content" / "organisation.yml").write_text("name: Small\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Small\ndocs_dir: content/pages\ntheme:\n  name: material\n"
        "plugins:\n  - opmodel\n",
        encoding="utf-8",
    )
    port = _free_port()
    args = cli("opmodel", "serve", "--dev-addr", f"127.0.0.1:{port}")
    pid, terminal = pty.fork()
    if pid == 0:  # the child: opmodel in the foreground of a terminal of its own
        os.chdir(project)
        os.execve(args[0], args, run_env)
    try:
        _wait_until(lambda: _listening(port), "the server")
        started = _descendants(pid)
        os.write(terminal, b"\x03")  # Ctrl-C: the terminal sends SIGINT to the foreground
        output = _read_until_closed(terminal)
        _, status = os.waitpid(pid, 0)
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        os.close(terminal)
    assert os.waitstatus_to_exitcode(status) == 128 + signal.SIGINT, output
    assert "Traceback" not in output and output.count("Shutting down") == 1, output
    _assert_all_gone(started, "Ctrl-C")
    assert _port_free(port)
    assert not list(Path(run_env["TMPDIR"]).iterdir()), "MkDocs left its temporary folder"


def _read_until_closed(terminal: int, timeout: float = 60) -> str:
    data = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([terminal], [], [], 1)
        if not ready:
            continue
        try:
            chunk = os.read(terminal, 4096)
        except OSError:  # the terminal is gone with its last process
            break
        if not chunk:
            break
        data += chunk
    return data.decode(errors="replace")
