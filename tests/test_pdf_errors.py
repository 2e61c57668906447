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
    NotAProgressSheet,
    NoTextLayer,
    UndecodableText,
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


# --- fonts without a Unicode map ---------------------------------------------------------------


def _without_tounicode(data: bytes, font: str | None = None) -> bytes:
    """The PDF with the ToUnicode maps of its fonts (those whose name contains ``font``)
    removed, as old Word and 一太郎 exports and some printer drivers write them."""
    import io

    pypdf = pytest.importorskip("pypdf")
    from pypdf.generic import NameObject

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    removed = 0
    for page in writer.pages:
        for _, ref in page["/Resources"]["/Font"].items():
            f = ref.get_object()
            if (font is None or font in str(f.get("/BaseFont"))) and "/ToUnicode" in f:
                del f[NameObject("/ToUnicode")]
                removed += 1
    assert removed
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "name",
    [
        "minatono-h30.lo.pdf",  # CID fonts, Identity-H: every glyph (cid:N)
        "../tests/data/prints/narrow-indicator.pdf",  # Chromium's Type 3: (cid:N) and wrong letters
    ],
)
def test_a_pdf_whose_fonts_carry_no_unicode_map_is_undecodable_text(name: str):
    data = _without_tounicode((SAMPLES / name).read_bytes())
    with pytest.raises(UndecodableText) as e:
        sheetparse.parse(data, format="pdf")
    assert isinstance(e.value, NoTextLayer) and not isinstance(e.value, NotAProgressSheet)
    message = str(e.value)
    assert "cannot be decoded" in message and "OCR" in message and "ToUnicode" in message
    assert e.value.code == "undecodable-text"


def test_some_glyphs_without_a_unicode_map_are_counted_per_page_and_the_rest_is_read():
    # one of the workbook export's CJK font subsets (used on pages 2 and 4) loses its map
    data = _without_tounicode((SAMPLES / "minatono-h30.lo.pdf").read_bytes(), "FAAAAA+")
    sheet = sheetparse.parse(data, format="pdf")
    unmapped = [d for d in sheet.diagnostics if d.code == "glyph-unmapped"]
    assert [(d.level, d.location.page) for d in unmapped] == [("warning", 2), ("warning", 4)]
    assert unmapped[0].message.startswith("76 of the page's 918 characters (8%) have no Unicode")
    assert "the rest of the page is read" in unmapped[0].message
    assert sheet.title.startswith("第3期みなと野市地域福祉計画")
    assert len(sheet.measures) == len(sheetparse.parse(SAMPLES / "minatono-h30.lo.pdf").measures)
    assert "\ufffd" in sheet.model_dump_json()  # what could not be decoded shows as U+FFFD


def test_unmapped_glyphs_are_told_from_symbol_bullets_whatever_the_backend():
    from sheetparse.readers.pdf.backend import Char
    from sheetparse.readers.pdf.text import CharStats, clean_chars

    def char(text: str, x: float) -> Char:
        return Char(text, x, 0, x + 5, 5, 10, "F")

    stats = CharStats()
    out = clean_chars(
        [char("\uf0b7", 0), char("(cid:12)", 10), char("\ufffd", 20), char("\ue123", 30)],
        stats,
    )
    assert [c.text for c in out] == ["•", "\ufffd", "\ufffd", "\ufffd"]
    assert stats.unmapped == 3  # a Symbol-font bullet is a bullet, not an unmapped glyph


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
