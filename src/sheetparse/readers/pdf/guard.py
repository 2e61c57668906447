"""Cheap checks on a PDF's bytes before a PDF library parses them.

* A Flate-compressed stream can inflate a thousandfold (a "zip bomb"): pdfminer would inflate
  it whole into memory. Every Flate stream the parser may inflate (content streams, object
  streams, fonts; not images, which are never decoded) is inflated here in bounded chunks and
  counted, stopping at ``max_stream_bytes``.
* A file cut short (an interrupted download) has no ``%%EOF`` marker.

A file on disk is scanned through a read-only memory map whose pages are given back behind
the scan, so that checking a large book does not hold it in memory.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from ...errors import CorruptDocument, InputTooLarge
from .filemap import Buffer, mapped, release

_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)(?![A-Za-z])")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_CHUNK = 1 << 20
#: a mapped file's pages are released once the scan is this far past them
_RELEASE = 8 << 20


def check(source: bytes | Path, max_stream_bytes: int | None) -> None:
    """Both checks, on a PDF's bytes or on the file at ``source``."""
    with mapped(source) as data:
        check_header(data)
        check_streams(data, max_stream_bytes)


def check_header(data: Buffer) -> None:
    """Raise :class:`CorruptDocument` unless the bytes start like a PDF and are complete."""
    if b"%PDF-" not in data[:1024]:
        raise CorruptDocument("not a PDF: the file does not start with a %PDF- header")
    if b"%%EOF" not in data[-4096:] and data.find(b"%%EOF") < 0:
        raise CorruptDocument(
            "the PDF is truncated (it has no %%EOF end marker): an incomplete download or copy; "
            "fetch the file again"
        )


def check_streams(data: Buffer, max_bytes: int | None) -> None:
    """Raise :class:`InputTooLarge` if any Flate stream inflates beyond ``max_bytes``."""
    if max_bytes is None:
        return
    released = 0
    for m in _STREAM.finditer(data):
        start = m.end()
        if start - released > 2 * _RELEASE:
            released = start - _RELEASE
            release(data, released)
        # the stream's dictionary: from the object header before it
        head_from = data.rfind(b" obj", max(0, m.start() - 4096), m.start())
        head = data[head_from if head_from >= 0 else max(0, m.start() - 1024) : m.start()]
        if not _FLATE.search(head) or _IMAGE.search(head):
            continue
        end = data.find(b"endstream", start)
        _inflated_size(data[start : end if end >= 0 else len(data)], max_bytes)


def _inflated_size(raw: bytes, max_bytes: int) -> int:
    d = zlib.decompressobj()
    total = 0
    buf = raw
    try:
        while buf:
            out = d.decompress(buf, _CHUNK)
            total += len(out)
            if total > max_bytes:
                raise InputTooLarge(
                    f"a compressed stream in the PDF inflates to more than {max_bytes:,} bytes "
                    "(max_stream_bytes); refusing to decompress it. Raise the limit if the file "
                    "is genuine"
                )
            if d.eof:
                break
            buf = d.unconsumed_tail
        if not d.eof:
            total += len(d.flush())
    except zlib.error:
        pass  # a damaged stream: the parser reports it (or repairs it) itself
    return total
