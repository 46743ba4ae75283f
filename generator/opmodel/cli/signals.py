"""SIGTERM and SIGHUP stop opmodel as Ctrl-C does: what it was writing is tidied up, and
it exits 128 + the signal's number."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

from opmodel.site.publish import Stopped


@contextlib.contextmanager
def stopping_on(*signals: signal.Signals) -> Iterator[None]:
    """These signals raise `Stopped` in the main thread, which the command's caller turns
    into 128 + the signal's number (`opmodel.cli.run`)."""
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
