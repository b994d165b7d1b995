"""Turning SIGTERM into an exception, so a batch ends the way Ctrl-C ends it: cleanly.

Python raises KeyboardInterrupt for SIGINT on its own; SIGTERM (what `kill`,
systemd and container runtimes send) would end the process without running any
``finally``, leaving a JSON array open or a temporary file behind.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C
EXIT_TERMINATED = 143  # 128 + SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived; unwinds like Ctrl-C so every ``finally`` runs."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated()


@contextmanager
def sigterm_as_exception() -> Iterator[None]:
    """While inside, SIGTERM raises Terminated (only the main thread can take signals)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
