"""Pages read so far of a long document, for a batch's progress: a city's book of hundreds
of sheets takes minutes to read, and a bar that only moves per file would stand still.

The PDF reader tells :func:`page_read` after each page; whoever runs the parse (a batch
worker) listens with :func:`on_pages`. Outside such a block nothing happens.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: ``hook(done, total)``: ``done`` of the document's ``total`` pages are read
PageHook = Callable[[int, int], None]

#: documents shorter than this many pages are not reported page by page
LONG = 20
#: at most one report in this many seconds (and the last page always)
INTERVAL = 0.5

_hook: ContextVar[PageHook | None] = ContextVar("sheetparse_page_hook", default=None)


@contextmanager
def on_pages(hook: PageHook | None) -> Iterator[None]:
    """Within the block, pass the pages read of long documents to ``hook``, at most one
    report per :data:`INTERVAL` seconds."""
    token = _hook.set(_throttled(hook) if hook is not None else None)
    try:
        yield
    finally:
        _hook.reset(token)


def page_read(done: int, total: int) -> None:
    """``done`` of ``total`` pages are read (called by the reader)."""
    hook = _hook.get()
    if hook is not None and total >= LONG:
        hook(done, total)


def _throttled(hook: PageHook) -> PageHook:
    last = time.monotonic()

    def report(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if done >= total or now - last >= INTERVAL:
            last = now
            hook(done, total)

    return report
