"""Readers: one per format, each turning bytes into a :class:`sheetparse.blocks.Document`.

Readers know nothing of progress sheets; :mod:`sheetparse.structure` does. Every reader has the
signature ``read(data: bytes, *, limits: Limits) -> Document`` (the PDF reader also takes a
path) and raises only
:class:`sheetparse.errors.SheetParseError` subclasses.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from ..blocks import Document
from ..errors import UnsupportedFormat
from ..limits import Limits
from ..model import Format

Reader = Callable[..., Document]

#: format → (module, function); imported on first use so that, e.g., reading Markdown never
#: loads pdfminer
_READERS: dict[str, tuple[str, str]] = {
    "markdown": ("markdown", "read_markdown"),
    "html": ("html", "read_html"),
    "pdf": ("pdf", "read_pdf"),
    "xlsx": ("xlsx", "read_xlsx"),
}


def get_reader(fmt: Format) -> Reader:
    """The reader function for a format."""
    try:
        module, func = _READERS[fmt]
    except KeyError:
        raise UnsupportedFormat(f"no reader for format {fmt!r}") from None
    try:
        return getattr(import_module(f"{__name__}.{module}"), func)
    except ModuleNotFoundError as e:
        if e.name and e.name.startswith(__name__):
            raise UnsupportedFormat(f"this build of sheetparse has no {fmt} reader") from e
        raise


def read(
    data: bytes | Path, fmt: Format, limits: Limits, *, pdf_backend: str | None = None
) -> Document:
    """Run the reader for ``fmt`` on ``data`` (a PDF with ``pdf_backend``, if given; a PDF
    may be given as its path, read from disk as parsing goes)."""
    if fmt == "pdf" and pdf_backend is not None:
        return get_reader(fmt)(data, limits=limits, backend=pdf_backend)
    return get_reader(fmt)(data, limits=limits)
