"""Reading an input file from disk: its bytes, or — for a PDF — the path itself.

A PDF is left on disk and read from there page by page (both backends read a file as they
need it), so that a 400-page book does not sit in memory as bytes while it is parsed; the
other formats are read whole, as their readers need.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .errors import InputTooLarge, SheetParseError, UnreadableInput
from .limits import Limits
from .sniff import normalise_format

#: what a PDF starts with (within its first KiB, as :func:`sheetparse.sniff.sniff` looks)
_PDF_MAGIC = b"%PDF-"
_HEAD = 1024
_CHUNK = 1 << 20

T = TypeVar("T")


def load(path: Path, limits: Limits, fmt: str | None = None) -> bytes | Path:
    """The file's bytes, or ``path`` itself where the file is a PDF (by its first bytes, or
    ``fmt``) and so is read from disk as parsing goes."""
    size = _check_file(path, limits)
    if fmt is not None and normalise_format(fmt) != "pdf":
        return _guard_os(path.read_bytes)
    if size > _HEAD:

        def head() -> bytes:
            with path.open("rb") as f:
                return f.read(_HEAD)

        if _PDF_MAGIC in _guard_os(head):
            return path
    return _guard_os(path.read_bytes)


def sha256_of(path: Path) -> str:
    """The hex SHA-256 of a file, read in chunks."""

    def digest() -> str:
        h = hashlib.sha256()
        with path.open("rb") as f:
            while chunk := f.read(_CHUNK):
                h.update(chunk)
        return h.hexdigest()

    return _guard_os(digest)


def _check_file(path: Path, limits: Limits) -> int:
    def stat() -> int:
        size = path.stat().st_size
        if not path.is_file():
            raise UnreadableInput("not a regular file")
        if limits.max_bytes is not None and size > limits.max_bytes:
            raise InputTooLarge(
                f"{size:,} bytes is over the limit of {limits.max_bytes:,} bytes (max_bytes)"
            )
        return size

    return _guard_os(stat)


def _guard_os(read: Callable[[], T]) -> T:
    try:
        return read()
    except SheetParseError:
        raise
    except FileNotFoundError:
        raise UnreadableInput("no such file") from None
    except IsADirectoryError:
        raise UnreadableInput("is a directory, not a file") from None
    except PermissionError:
        raise UnreadableInput("permission denied") from None
    except OSError as e:
        raise UnreadableInput(f"cannot read: {e.strerror or e}") from None
