"""Which format a file is in, from its first bytes (and its name where the bytes are text)."""

from __future__ import annotations

import io
import zipfile

from .errors import CorruptDocument, EmptyInput, UnsupportedFormat
from .model import Format

#: names users may pass for ``format=`` / ``--format``
FORMAT_ALIASES: dict[str, Format] = {
    "pdf": "pdf",
    "html": "html",
    "htm": "html",
    "xhtml": "html",
    "markdown": "markdown",
    "md": "markdown",
    "txt": "markdown",
    "text": "markdown",
    "xlsx": "xlsx",
    "excel": "xlsx",
    "xlsm": "xlsx",
}

_EXT: dict[str, Format] = {
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "markdown",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
}

_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", None),  # too short a magic to trust alone
)


def normalise_format(name: str) -> Format:
    """A user's format name (``md``, ``excel`` …) as a contract format."""
    try:
        return FORMAT_ALIASES[name.strip().lower().lstrip(".")]
    except KeyError:
        raise UnsupportedFormat(
            f"unknown format {name!r}; use one of pdf, html, markdown, xlsx"
        ) from None


def _ext(path: str | None) -> str:
    if not path:
        return ""
    name = path.rsplit("/", 1)[-1].lower()
    return "." + name.rsplit(".", 1)[-1] if "." in name else ""


def sniff(data: bytes, path: str | None = None) -> Format:
    """The format of ``data``; raises :class:`EmptyInput` or :class:`UnsupportedFormat`."""
    if not data.strip():
        raise EmptyInput("the file is empty")
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise UnsupportedFormat(
            "an OLE2 compound file: a legacy .xls/.doc or a password-protected Office file; "
            "save it as .xlsx (without a password) or PDF"
        )
    for magic, what in _IMAGES:
        if what and head.startswith(magic):
            raise UnsupportedFormat(f"{what}, not a document; OCR is out of scope")
    if _looks_binary(head):
        raise UnsupportedFormat("binary data that is not PDF, XLSX, HTML or text")
    ext = _ext(path)
    if ext in (".md", ".markdown", ".txt"):
        return "markdown"
    if ext in (".html", ".htm", ".xhtml"):
        return "html"
    lowered = data[:4096].lower().lstrip(b"\xef\xbb\xbf \t\r\n")
    if lowered.startswith(
        (b"<!doctype", b"<html", b"<?xml", b"<head", b"<body", b"<meta", b"<table", b"<!--")
    ):
        return "html"
    if ext in (".pdf", ".xlsx", ".xlsm"):
        raise UnsupportedFormat(f"named {ext} but the content is text, not {ext[1:].upper()}")
    return "markdown"


def not_a_workbook(z: zipfile.ZipFile) -> str:
    """What a ZIP package that holds no workbook is, said so that a person can act on it."""
    names = set(z.namelist())
    if "word/document.xml" in names:
        return "a Word document (.docx), not a workbook; save it as PDF or HTML"
    if "mimetype" in names:  # OpenDocument names its kind here (read no more than that)
        with z.open("mimetype") as f:
            mimetype = f.read(100)
        if mimetype.startswith(b"application/vnd.oasis.opendocument"):
            kind = mimetype.rsplit(b".", 1)[-1].decode("ascii", "replace")
            return f"an OpenDocument {kind} (.od*); save it as .xlsx (a spreadsheet) or as PDF"
    return "a ZIP archive that is not an Excel workbook (no xl/workbook.xml)"


def _zip_kind(data: bytes) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names):
                return "xlsx"
            reason = not_a_workbook(z)
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise CorruptDocument(f"a damaged or truncated ZIP container (XLSX?): {e}") from e
    raise UnsupportedFormat(reason)


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text with BOM
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 27 or 27 < b < 32)
    return control > max(4, len(head) // 50)
