"""The library's entry points: :func:`parse` and :func:`parse_text`."""

from __future__ import annotations

import codecs
import hashlib
import os
from pathlib import Path

from . import readers
from .deadline import time_limit
from .errors import (
    EmptyInput,
    InputTooLarge,
    SheetParseError,
    UnknownFamily,
    UnreadableInput,
    UnsupportedFormat,
)
from .files import load, sha256_of
from .limits import DEFAULT_LIMITS, Limits
from .model import Format, ProgressSheet, Source
from .sniff import normalise_format, sniff
from .structure import build_sheet


class InternalError(SheetParseError):
    """A bug in sheetparse surfaced while parsing; the message names the original error."""

    code = "internal-error"


def check_family(family: str | None) -> None:
    """Raise :class:`UnknownFamily` where ``family`` names no shipped profile."""
    if family is None:
        return
    from .families import family_names

    names = family_names()
    if family not in names:
        raise UnknownFamily(f"no sheet family {family!r}; known: {', '.join(names)}")


def _build(
    data: bytes | Path,
    fmt: str | None,
    path: str | None,
    limits: Limits,
    digest: str | None = None,
    family: str | None = None,
    backend: str | None = None,
) -> ProgressSheet:
    if isinstance(data, Path):  # a PDF left on disk (sheetparse.files.load)
        resolved: Format = "pdf"
        digest = digest or sha256_of(data)
    else:
        if limits.max_bytes is not None and len(data) > limits.max_bytes:
            raise InputTooLarge(
                f"{len(data):,} bytes is over the limit of {limits.max_bytes:,} bytes (max_bytes)"
            )
        if not data.strip():
            raise EmptyInput("the file is empty")
        resolved = normalise_format(fmt) if fmt else sniff(data, path)
        digest = digest or hashlib.sha256(data).hexdigest()
    doc = readers.read(data, resolved, limits, pdf_backend=backend)
    source = Source(path=path, sha256=digest, format=resolved, page_count=doc.page_count)
    return build_sheet(doc, source, family)


def _guarded(
    data: bytes | Path,
    fmt: str | None,
    path: str | None,
    limits: Limits,
    digest: str | None = None,
    family: str | None = None,
    backend: str | None = None,
) -> ProgressSheet:
    """Run the pipeline under the time limit; only SheetParseError escapes."""
    try:
        check_family(family)
        with time_limit(limits.timeout):
            return _build(data, fmt, path, limits, digest, family=family, backend=backend)
    except SheetParseError as e:
        raise e.with_path(path) from None
    except RecursionError:
        raise InputTooLarge("the input is nested too deeply to parse", path=path) from None
    except MemoryError:
        raise InputTooLarge("the input needs more memory than is available", path=path) from None
    except Exception as e:  # the guarantee: nothing but SheetParseError escapes
        raise InternalError(
            f"internal error ({type(e).__name__}: {e}); please report it with the file",
            path=path,
        ) from e


def parse(
    source: str | os.PathLike[str] | bytes,
    format: str | None = None,
    *,
    limits: Limits | None = None,
    family: str | None = None,
    backend: str | None = None,
) -> ProgressSheet:
    """Parse a sheet from a path or from the file's bytes.

    ``format`` is ``"pdf"``, ``"html"``, ``"markdown"`` or ``"xlsx"``; sniffed when None.
    ``family`` reads the sheet as that family (``sheetparse.families.family_names()``);
    detected when None. Raises only :class:`sheetparse.errors.SheetParseError` subclasses.
    ``backend`` reads a PDF with ``"pdfplumber"`` or ``"pdfium"`` (default: pdfium).
    Raises only :class:`sheetparse.errors.SheetParseError` subclasses (and ValueError for an
    unknown backend).
    """
    limits = limits or DEFAULT_LIMITS
    if backend is not None:  # a typo fails at once, not only on the first PDF
        from .readers.pdf.backend import check_backend

        check_backend(backend)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _guarded(bytes(source), format, None, limits, family=family, backend=backend)
    if isinstance(source, str) and ("\n" in source or len(source) > 4096):
        raise UnreadableInput(
            "parse() takes a path or bytes; this str looks like a document's text: "
            "use sheetparse.parse_text(text, format=...)"
        )
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        try:
            data = load(Path(path), limits, format)
        except SheetParseError as e:
            raise e.with_path(path) from None
        return _guarded(data, format, path, limits, family=family, backend=backend)
    raise TypeError(f"source must be a path or bytes, not {type(source).__name__}")


def parse_text(
    text: str,
    format: str = "markdown",
    *,
    limits: Limits | None = None,
    family: str | None = None,
) -> ProgressSheet:
    """Parse a sheet held in memory as text (Markdown or HTML)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    fmt = normalise_format(format)
    if fmt not in ("markdown", "html"):
        raise UnsupportedFormat(f"parse_text reads markdown or html text, not {fmt}")
    utf8 = text.encode("utf-8")
    # The text is already decoded: a byte-order mark tells the reader so (it outranks any
    # <meta charset> the text still carries), while the digest is that of the text's UTF-8.
    return _guarded(
        codecs.BOM_UTF8 + utf8,
        fmt,
        None,
        limits or DEFAULT_LIMITS,
        hashlib.sha256(utf8).hexdigest(),
        family,
    )
