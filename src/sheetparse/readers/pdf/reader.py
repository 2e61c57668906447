"""PDF reader: born-digital progress sheets (exported from Excel or Word, printed by a browser).

bytes or file ──guard──▶ backend (pdfplumber or PDFium) ──▶ per page: glyphs, rulings ──▶
tables + free lines ──▶ furniture dropped ──▶ paragraphs, tables joined across pages ──▶ blocks.

What it raises (all :class:`~sheetparse.errors.SheetParseError`): :class:`CorruptDocument`
for a damaged, truncated or non-PDF file; :class:`EncryptedDocument` where an empty password
does not open it; :class:`NoTextLayer` for a scan (OCR is out of scope), and its subclass
:class:`UndecodableText` for a text layer that cannot be decoded (fonts without a Unicode map:
most glyphs ``(cid:N)``); :class:`InputTooLarge` over ``limits.max_pages`` or where a compressed
stream inflates beyond ``limits.max_stream_bytes``. Everything it repaired or guessed is a
diagnostic.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ... import diagnostics as dg
from ...blocks import Document, Loc
from ...errors import (
    CorruptDocument,
    EncryptedDocument,
    InputTooLarge,
    NoTextLayer,
    UndecodableText,
)
from ...limits import DEFAULT_LIMITS, Limits
from ...model import Diagnostic
from ...readprogress import page_read
from .assemble import assemble
from .backend import BackendError, OpenedPdf, check_backend, open_pdf
from .guard import check
from .page import PageLayout, layout_page
from .store import PageStore
from .text import CharStats

_QUIET_LOGGERS = ("pdfminer", "pdfplumber")
#: a page whose glyphs are this share or more without a Unicode mapping cannot be decoded
UNDECODABLE_SHARE = 0.25


_quiet_lock = threading.Lock()
_quiet_depth = 0
_quiet_saved: list[tuple[logging.Logger, int]] = []


@contextmanager
def _quiet() -> Iterator[None]:
    """pdfminer logs a warning for every oddity of a file; the reader reports what matters as
    diagnostics, so those logs are silenced while any read runs (counted, so that reads in
    several threads restore the levels only when the last one ends)."""
    global _quiet_depth
    with _quiet_lock:
        if _quiet_depth == 0:
            for name in _QUIET_LOGGERS:
                logger = logging.getLogger(name)
                _quiet_saved.append((logger, logger.level))
                logger.setLevel(logging.CRITICAL + 1)
        _quiet_depth += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_depth -= 1
            if _quiet_depth == 0:
                for logger, level in _quiet_saved:
                    logger.setLevel(level)
                _quiet_saved.clear()


def _open(data: bytes | Path, backend: str) -> OpenedPdf:
    try:
        return open_pdf(data, password="", backend=backend)
    except BackendError as e:
        if e.kind == "encrypted":
            raise EncryptedDocument(
                "the PDF is encrypted and does not open with an empty password; remove the "
                f"password first (e.g. qpdf --decrypt) ({e})"
            ) from None
        raise CorruptDocument(f"the PDF is damaged and cannot be read ({e})") from None


def read_pdf(
    data: bytes | Path, *, limits: Limits = DEFAULT_LIMITS, backend: str | None = None
) -> Document:
    """Blocks of a PDF file given as bytes or as its path (read from disk as needed), read
    with the named backend (:data:`BACKENDS`; the default for None). The guard runs first
    whichever backend reads the file."""
    backend = check_backend(backend)
    check(data, limits.max_stream_bytes)
    doc = Document(format="pdf")
    with _quiet(), PageStore() as store:
        pdf = _open(data, backend)
        try:
            _layout_pages(pdf, store, doc, limits)
        finally:
            pdf.close()
        doc.page_count = pdf.page_count
        assemble(store, doc, limits)
    return doc


def _layout_pages(pdf: OpenedPdf, store: PageStore, doc: Document, limits: Limits) -> None:
    """Lay out every page into ``store``; raise where the document has no readable text."""
    n = pdf.page_count
    if n == 0:
        raise CorruptDocument("the PDF has no pages")
    if limits.max_pages is not None and n > limits.max_pages:
        raise InputTooLarge(
            f"the PDF has {n:,} pages (limit {limits.max_pages:,}, max_pages); a progress "
            "sheet has a few dozen — raise the limit if this file is genuine"
        )
    stats = CharStats()
    pages = store.pages
    failed: list[str] = []
    for i in range(n):
        try:
            objs = pdf.page(i)
        except BackendError as e:
            failed.append(str(e))
            doc.diagnostics.append(
                dg.make(
                    "error",
                    "page-unreadable",
                    f"Page {i + 1} could not be read and is left out ({e}).",
                    Loc(page=i + 1),
                )
            )
            continue
        store.add(layout_page(objs, stats, limits.max_cells))
        page_read(i + 1, n)
    if not pages:
        raise CorruptDocument(f"no page of the PDF could be read ({failed[0]})")
    if not any(p.n_chars for p in pages):
        images = sum(p.n_images for p in pages)
        what = (
            f"its {len(pages)} page(s) hold {images} image(s) and no text: a scan"
            if images
            else f"its {len(pages)} page(s) hold no text at all"
        )
        raise NoTextLayer(
            f"the PDF has no text layer ({what}); OCR is out of scope — run it through OCR "
            "software (e.g. ocrmypdf) or ask the publisher for a born-digital PDF"
        )
    _check_decodable(pages, doc)
    for p in pages:
        if not p.n_chars and p.n_images:
            doc.diagnostics.append(
                dg.make(
                    "warning",
                    "page-without-text",
                    f"Page {p.number} holds {p.n_images} image(s) and no text (a scanned page?); "
                    "OCR is out of scope, so nothing was read from it.",
                    Loc(page=p.number),
                )
            )
    _char_diagnostics(stats, doc.diagnostics)


def _undecodable(p: PageLayout) -> bool:
    return p.n_chars > 0 and p.n_unmapped >= UNDECODABLE_SHARE * p.n_chars


def _check_decodable(pages: list[PageLayout], doc: Document) -> None:
    """Raise :class:`UndecodableText` where the pages whose text cannot be decoded hold most of
    the document's text; else report the glyphs without a Unicode mapping page by page."""
    total = sum(p.n_chars for p in pages)
    bad = [p for p in pages if _undecodable(p)]
    if bad and sum(p.n_chars for p in bad) * 2 >= total:
        unmapped = sum(p.n_unmapped for p in pages)
        which = (
            ("its page" if len(pages) == 1 else f"all {len(pages)} pages")
            if len(bad) == len(pages)
            else f"{len(bad)} of {len(pages)} pages ({_page_list(bad)})"
        )
        raise UndecodableText(
            f"the PDF's text cannot be decoded: {unmapped:,} of its {total:,} characters on "
            f"{which} have no Unicode mapping (its fonts carry no ToUnicode map; the text "
            "reads as (cid:N) codes or wrong characters); run it through OCR (e.g. ocrmypdf "
            "--force-ocr) or export it again from its source with fonts that map to Unicode"
        )
    for p in pages:
        if not p.n_unmapped:
            continue
        share = p.n_unmapped / p.n_chars
        what = (
            "its text cannot be decoded (OCR it, or export it again)"
            if _undecodable(p)
            else "the rest of the page is read"
        )
        doc.diagnostics.append(
            dg.make(
                "warning",
                "glyph-unmapped",
                f"{p.n_unmapped:,} of the page's {p.n_chars:,} characters ({share:.0%}) have no "
                "Unicode mapping in the PDF's fonts (no ToUnicode table) and are shown as U+FFFD "
                f"(\ufffd); {what}.",
                Loc(page=p.number),
            )
        )


def _page_list(pages: list[PageLayout]) -> str:
    numbers = [str(p.number) for p in pages[:8]]
    return "page " + ", ".join(numbers) + (" …" if len(pages) > 8 else "")


def _char_diagnostics(stats: CharStats, out: list[Diagnostic]) -> None:
    if stats.lookalikes:
        examples = ", ".join(sorted(stats.lookalike_examples))
        out.append(
            dg.make(
                "info",
                "glyph-lookalike",
                f"{stats.lookalikes} character(s) named by the PDF's fonts with look-alike code "
                "points (CJK radicals, compatibility ideographs, punctuation) mapped to the "
                f"characters they show: {examples}.",
            )
        )
    if stats.doubled:
        out.append(
            dg.make(
                "info",
                "glyph-doubled",
                f"{stats.doubled} doubled character(s) of fake-bold text (each glyph drawn twice) "
                "dropped.",
            )
        )
    if stats.clipped:
        out.append(
            dg.make(
                "info",
                "glyph-clipped",
                f"{stats.clipped} character(s) drawn but hidden (clipped away, e.g. the part of a "
                "cell a page break cut off, or drawn outside the page) left out: they are not "
                "printed.",
            )
        )
    if stats.overflow_runs:
        out.append(
            dg.make(
                "info",
                "cell-text-overflow",
                f"{stats.overflow_runs} line(s) of cell text run across the column rulings "
                "into the empty cells beside them (a spreadsheet cell without wrapping); "
                "each was kept whole in the cell it starts in.",
            )
        )
