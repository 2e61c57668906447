"""A per-call time limit that raises :class:`ParseTimeout` (POSIX, main thread).

Off the main thread, or where SIGALRM does not exist, the limit cannot interrupt Python code in
process; the batch runner enforces it from outside instead (worker processes).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import ParseTimeout


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`ParseTimeout` if the block runs longer than ``seconds``."""
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0  # never override an outer timer
    )
    if not usable:
        yield
        return

    def _expired(signum: int, frame: object) -> None:
        raise ParseTimeout(f"parsing took longer than {seconds:g} s (the time limit)")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
