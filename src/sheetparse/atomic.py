"""Atomic file writes: a temporary file in the same folder, then a rename.

An interrupted run (Ctrl-C, kill, a crash) leaves either the old file or the new one, never a
half-written one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes | str | Iterable[bytes],
    *,
    encoding: str = "utf-8",
) -> None:
    """Write ``data`` to ``path`` atomically (bytes as is, text in ``encoding``, pieces of
    bytes one after another)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    pieces = [data.encode(encoding)] if isinstance(data, str) else data
    if isinstance(pieces, (bytes, bytearray, memoryview)):
        pieces = [bytes(pieces)]
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as f:
            for piece in pieces:
                f.write(piece)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
