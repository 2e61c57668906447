"""Reading and writing in bounded memory: a PDF read from its path (not its bytes), PDFium's
document opened afresh every few pages, JSON written a measure at a time. Each must give
exactly what the all-at-once way gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sheetparse
from sheetparse.cli import main
from sheetparse.export import iter_json_bytes, to_json_bytes
from sheetparse.files import load
from sheetparse.limits import DEFAULT_LIMITS
from sheetparse.readers.pdf import pdfium

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PDF = SAMPLES / "kashiwa-r7.lo.pdf"


def test_a_pdf_is_left_on_disk_and_other_files_are_read():
    assert load(PDF, DEFAULT_LIMITS) == PDF
    assert isinstance(load(SAMPLES / "kashiwa-r7.md", DEFAULT_LIMITS), bytes)
    # a PDF named as another format is that format's bytes
    assert isinstance(load(PDF, DEFAULT_LIMITS, "html"), bytes)


@pytest.mark.parametrize("backend", ["pdfplumber", "pdfium"])
def test_a_pdf_read_from_its_path_is_the_pdf_read_from_its_bytes(backend: str):
    from_path = sheetparse.parse(PDF, backend=backend)
    from_bytes = sheetparse.parse(PDF.read_bytes(), format="pdf", backend=backend)
    assert from_path.source.path == str(PDF)
    from_bytes.source.path = str(PDF)
    assert to_json_bytes(from_path) == to_json_bytes(from_bytes)


def test_a_truncated_pdf_on_disk_is_refused_before_parsing(tmp_path: Path):
    cut = tmp_path / "cut.pdf"
    data = PDF.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(sheetparse.errors.CorruptDocument, match="truncated"):
        sheetparse.parse(cut)


def test_pdfium_reopening_the_document_changes_nothing(monkeypatch):
    whole = to_json_bytes(sheetparse.parse(PDF, backend="pdfium"))
    monkeypatch.setattr(pdfium.PdfiumDocument, "book_pages", 0)  # read as a book
    monkeypatch.setattr(pdfium.PdfiumDocument, "REOPEN", 1)  # afresh before every page
    assert to_json_bytes(sheetparse.parse(PDF, backend="pdfium")) == whole


@pytest.mark.parametrize("indent", [2, None])
def test_json_in_pieces_is_the_json_at_once(indent: int | None):
    sheet = sheetparse.parse(SAMPLES / "kashiwa-r7.md")
    assert len(sheet.measures) > 2
    pieces = list(iter_json_bytes(sheet, indent=indent))
    assert len(pieces) == len(sheet.measures) + 2
    assert b"".join(pieces) == to_json_bytes(sheet, indent=indent)
    assert json.loads(b"".join(pieces)) == json.loads(sheet.model_dump_json())


def test_the_cli_writes_what_the_library_serialises(tmp_path: Path, capsys):
    out = tmp_path / "out.json"
    assert main(["parse", str(SAMPLES / "kashiwa-r7.md"), "-o", str(out), "--quiet"]) == 0
    sheet = sheetparse.parse(SAMPLES / "kashiwa-r7.md")
    assert out.read_bytes() == to_json_bytes(sheet)
    assert main(["parse", str(SAMPLES / "kashiwa-r7.md"), "--compact"]) == 0
    assert capsys.readouterr().out.encode() == to_json_bytes(sheet, indent=None)


def test_pdfminer_keeps_what_pages_share_and_lets_go_of_what_they_do_not(
    tmp_path: Path, monkeypatch
):
    """A browser's print uses one font subset on every page: the cache is kept (re-parsing
    it per page tripled the time). Files appended one after another bring their own fonts:
    the cache is let go of, so that a long book does not grow."""
    pypdf = pytest.importorskip("pypdf")
    from sheetparse.readers.pdf import backend
    from sheetparse.readers.pdf.backend import PdfplumberDocument

    monkeypatch.setattr(backend, "BOOK_PAGES", 0)  # these short files read as books

    def read(path: Path) -> PdfplumberDocument:
        doc = PdfplumberDocument(path)
        for i in range(doc.page_count):
            doc.page(i)
        doc.close()
        return doc

    assert read(SAMPLES / "kashiwa-r7.chromium.pdf")._shared
    w = pypdf.PdfWriter()
    for k in range(4):  # one page of each file in turn, each appended with its own fonts
        for name in ("minatono-h30.lo.pdf", "sakuragaoka-r6.lo.pdf", "kashiwa-r7.lo.pdf"):
            w.append(str(SAMPLES / name), pages=[k])
    book = tmp_path / "appended.pdf"
    with book.open("wb") as f:
        w.write(f)
    doc = read(book)
    assert not doc._shared and len(doc._pdf.doc._cached_objs) <= doc.CACHE_LIMIT * 4


def test_a_sheet_of_a_few_dozen_pages_keeps_all_it_parsed():
    """Only a book (more than BOOK_PAGES pages) is read in bounded memory; a sheet file is
    read as fast as can be, nothing parsed twice."""
    from sheetparse.readers.pdf.backend import BOOK_PAGES, PdfplumberDocument

    doc = PdfplumberDocument(SAMPLES / "kashiwa-r7.chromium.pdf")
    assert doc.page_count <= BOOK_PAGES
    for i in range(doc.page_count):
        doc.page(i)
    assert len(doc._pdf.doc._cached_objs) > 1000  # every page's objects still there
    doc.close()
