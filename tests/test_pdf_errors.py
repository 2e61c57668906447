"""Bad PDF input: each case gives its own clear error, never a crash, a hang or log spam."""

from __future__ import annotations

import pytest

import sheetparse
from conftest import SAMPLES
from pdf_factory import Page, make_pdf
from sheetparse.errors import (
    CorruptDocument,
    EncryptedDocument,
    InputTooLarge,
    NoTextLayer,
)
from sheetparse.limits import Limits
from sheetparse.readers.pdf import backend as pdf_backend
from sheetparse.readers.pdf.reader import read_pdf


@pytest.fixture(autouse=True, params=pdf_backend.BACKENDS)
def backend(request, monkeypatch) -> str:
    """Every case on both PDF backends: each is made the default in turn."""
    monkeypatch.setattr(pdf_backend, "DEFAULT_BACKEND", request.param)
    return request.param


def _page(text: str = "方針1-施策1 テスト") -> Page:
    return Page().text(40, 40, text, 12)


def test_encrypted_with_a_user_password_is_refused_clearly():
    data = make_pdf([_page()], user_password="secret")
    with pytest.raises(EncryptedDocument, match="empty password"):
        read_pdf(data)


def test_encrypted_with_an_empty_user_password_opens():
    """Owner-password-only PDFs (print/copy restrictions) are read as usual."""
    doc = read_pdf(make_pdf([_page("暗号化されたページ")], user_password=""))
    assert [b.text for b in doc.blocks] == ["暗号化されたページ"]


def test_scan_without_text_layer_says_ocr_is_out_of_scope():
    data = make_pdf([Page().image(0, 0, 595, 842), Page().image(0, 0, 595, 842)])
    with pytest.raises(NoTextLayer) as e:
        read_pdf(data)
    assert "OCR is out of scope" in str(e.value)
    assert "2 image(s)" in str(e.value)


def test_pdf_with_nothing_on_it_has_no_text_layer():
    with pytest.raises(NoTextLayer, match="no text at all"):
        read_pdf(make_pdf([Page().line(10, 10, 100, 10)]))


def test_a_scanned_page_among_text_pages_is_a_warning():
    doc = read_pdf(make_pdf([_page(), Page().image(0, 0, 595, 842)]))
    diags = [d for d in doc.diagnostics if d.code == "page-without-text"]
    assert len(diags) == 1 and diags[0].location.page == 2


def test_truncated_pdf():
    data = make_pdf([_page(), _page()])
    with pytest.raises(CorruptDocument, match="truncated"):
        read_pdf(data[: len(data) * 2 // 3])


def test_corrupt_pdf():
    data = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
    with pytest.raises(CorruptDocument, match="damaged"):
        read_pdf(data)


def test_not_a_pdf_when_pdf_is_forced():
    with pytest.raises(CorruptDocument, match="not a PDF"):
        sheetparse.parse(b"<html><body>hello</body></html>", format="pdf")


def test_page_limit():
    data = make_pdf([_page(), _page(), _page()])
    with pytest.raises(InputTooLarge, match="3 pages"):
        read_pdf(data, limits=Limits(max_pages=2))
    assert read_pdf(data, limits=Limits(max_pages=3)).page_count == 3


def test_stream_that_inflates_beyond_the_limit_is_refused_before_parsing():
    data = make_pdf([_page()], extra_stream=b" " * 8_000_000)  # Flate: 8 MB → a few KB
    assert len(data) < 30_000
    with pytest.raises(InputTooLarge, match="max_stream_bytes"):
        read_pdf(data, limits=Limits(max_stream_bytes=1_000_000))
    # the same file is read under the default limit (64 MB)
    assert read_pdf(data).blocks


def test_stream_limit_counts_inflated_not_compressed_bytes():
    data = make_pdf([_page()], extra_stream=b"x" * 500_000)
    assert len(data) < 50_000
    read_pdf(data, limits=Limits(max_stream_bytes=600_000))
    with pytest.raises(InputTooLarge):
        read_pdf(data, limits=Limits(max_stream_bytes=400_000))


def test_errors_surface_through_parse_with_the_path(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(make_pdf([_page()], user_password="secret"))
    with pytest.raises(EncryptedDocument) as e:
        sheetparse.parse(path)
    assert str(path) in str(e.value)
    assert e.value.code == "encrypted-document"


def test_pdfminer_warnings_do_not_reach_stderr(capfd):
    """Chromium's Type 3 fonts make pdfminer log a warning per glyph; none may leak."""
    sheetparse.parse(SAMPLES / "minatono-h30.chromium.pdf")
    assert capfd.readouterr().err == ""
