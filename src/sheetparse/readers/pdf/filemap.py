"""A PDF's bytes for the byte scans (the guard, font descriptors): the bytes given, or a
read-only memory map of the file on disk, so that a large book is not read into memory."""

from __future__ import annotations

import mmap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

Buffer = bytes | mmap.mmap


@contextmanager
def mapped(source: bytes | Path) -> Iterator[Buffer]:
    """``source`` itself, or the file at ``source`` mapped read-only for the block."""
    if isinstance(source, bytes):
        yield source
        return
    with source.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
        yield m


def release(data: Buffer, upto: int) -> None:
    """Give the mapped pages before ``upto`` back to the system (they are read again from the
    file if touched); a no-op on bytes or where the platform has no madvise."""
    if isinstance(data, mmap.mmap) and hasattr(data, "madvise"):
        upto -= upto % mmap.PAGESIZE
        if upto > 0:
            data.madvise(mmap.MADV_DONTNEED, 0, upto)
