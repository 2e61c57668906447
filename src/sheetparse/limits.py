"""Resource limits with sane defaults, settable from the API and the CLI."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Upper bounds that keep one hostile or broken file from exhausting a machine.

    A value of ``None`` disables that limit.
    """

    #: bytes of input read at all (a progress sheet is rarely over a few MB)
    max_bytes: int | None = 100 * 1024 * 1024
    #: PDF pages
    max_pages: int | None = 500
    #: cells of one table (rows x columns after spans are expanded)
    max_cells: int | None = 250_000
    #: element nesting depth in HTML/XML (libxml2's own default without huge_tree is 256)
    max_depth: int | None = 256
    #: characters of one Markdown/text line
    max_line_chars: int | None = 2_000_000
    #: decompressed bytes of one PDF content stream
    max_stream_bytes: int | None = 64 * 1024 * 1024
    #: seconds per file (enforced by :func:`sheetparse.parse` and the batch runner)
    timeout: float | None = 120.0


DEFAULT_LIMITS = Limits()
