"""The two PDF backends (pdfplumber and PDFium) give the same result.

On every committed sample PDF (and the seed printed by other hands, in ../shared): identical
JSON, locations apart, which may differ by at most 0.5 pt (PDFium computes in single
precision). On every PDF of ../shared/corpus: the same reader output — blocks with their
text, table grids and spans, the diagnostics and the page furniture — or the same error.
Skipped where ../shared is absent.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

import pytest

import sheetparse
from conftest import SHARED
from sheetparse.blocks import Document, TableBlock
from sheetparse.export.records import to_json
from sheetparse.readers.pdf.backend import PageObjects, Segment, open_pdf
from sheetparse.readers.pdf.descriptors import VerticalMetrics, cid_fonts
from sheetparse.readers.pdf.reader import read_pdf
from sheetparse.readers.pdf.tables import find_grids

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.pdf"))
EXTERNAL = SHARED / "samples" / "kashiwa-r7-excel.pdf"
CORPUS = sorted((SHARED / "corpus").rglob("*.pdf")) if (SHARED / "corpus").exists() else []
#: how far two backends' locations may lie apart (pt)
TOLERANCE = 0.5


def _split_boxes(value: Any, boxes: list[list[float]]) -> Any:
    """The JSON value without its ``bbox`` entries, which are collected into ``boxes``."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k == "bbox":
                boxes.append(v or [])
            else:
                out[k] = _split_boxes(v, boxes)
        return out
    if isinstance(value, list):
        return [_split_boxes(v, boxes) for v in value]
    return value


def _json(path: Path, backend: str) -> tuple[Any, list[list[float]]]:
    boxes: list[list[float]] = []
    sheet = sheetparse.parse(path, backend=backend)
    return _split_boxes(json.loads(to_json(sheet)), boxes), boxes


def assert_same_json(path: Path) -> None:
    a, boxes_a = _json(path, "pdfplumber")
    b, boxes_b = _json(path, "pdfium")
    assert a == b
    assert len(boxes_a) == len(boxes_b)
    for x, y in zip(boxes_a, boxes_b, strict=True):
        assert len(x) == len(y)
        assert all(abs(p - q) <= TOLERANCE for p, q in zip(x, y, strict=True)), (x, y)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_both_backends_give_the_same_json_on_the_samples(path: Path):
    assert_same_json(path)


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/samples not present")
def test_both_backends_give_the_same_json_on_the_seed_printed_by_other_hands():
    assert_same_json(EXTERNAL)


def summary(doc: Document) -> dict[str, Any]:
    """The format-neutral part of a reader's output: no locations."""
    blocks: list[Any] = []
    for b in doc.blocks:
        if isinstance(b, TableBlock):
            rows = [[(c.parts, c.rowspan, c.colspan, c.covered_by) for c in row] for row in b.rows]
            blocks.append(("table", b.header_rows, rows))
        else:
            blocks.append((b.kind, b.level, b.text))
    return {
        "blocks": blocks,
        "diagnostics": [(d.code, d.level, d.message) for d in doc.diagnostics],
        "skipped": [(s.reason, s.text) for s in doc.skipped],
        "pages": doc.page_count,
    }


def outcome(path: Path, backend: str) -> Any:
    try:
        return summary(read_pdf(path.read_bytes(), backend=backend))
    except sheetparse.SheetParseError as e:
        return type(e).__name__


#: corpus files the backends still read differently, by name prefix, with the cause; strict,
#: so a file that starts to agree fails here until it is taken off the list
KNOWN_DIFFERENT: dict[str, str] = {}


def _corpus_param(path: Path) -> Any:
    for prefix, why in KNOWN_DIFFERENT.items():
        if path.name.startswith(prefix):
            return pytest.param(path, marks=pytest.mark.xfail(reason=why, strict=True))
    return path


@pytest.mark.skipif(not CORPUS, reason="corpus not present (../shared)")
@pytest.mark.parametrize("path", [_corpus_param(p) for p in CORPUS], ids=lambda p: p.name)
def test_both_backends_read_the_corpus_alike(path: Path):
    assert outcome(path, "pdfplumber") == outcome(path, "pdfium")


# --- vertical writing ---------------------------------------------------------------------------

#: the glyphs of the vertical-writing test PDF, by CID
_VCHARS = {1: "事", 2: "「", 3: "業", 4: " ", 5: "」"}


def _vertical_pdf() -> bytes:
    """A PDF with text written top to bottom in three Type0 fonts on one CIDFont program-less
    family: ``F1`` horizontal (Identity-H) and ``F2`` vertical (Identity-V, default /DW2)
    share their descendant, so PDFium gives both one name; ``F3`` is vertical with its own
    /DW2 and /W2 (an origin moved for 「 and 」, advance changed for 」), its CIDFont packed
    in an object stream; ``F4`` is vertical with no advance at all (/DW2 [0 0], as 神戸市's
    brackets). Page 2 turns the columns a quarter (a rotated text matrix)."""
    cmap = "\n".join(
        [
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            "/CMapName /Test-UCS def /CMapType 2 def",
            "1 begincodespacerange <0000> <FFFF> endcodespacerange",
            f"{len(_VCHARS)} beginbfchar",
            *(f"<{c:04X}> <{ord(t):04X}>" for c, t in _VCHARS.items()),
            "endbfchar endcmap CMapName currentdict /CMap defineresource pop end end",
        ]
    ).encode()

    def hexs(cids: list[int]) -> str:
        return "<" + "".join(f"{c:04X}" for c in cids) + ">"

    page1 = (
        f"BT /F1 10 Tf 1 0 0 1 72 760 Tm {hexs([1, 3])} Tj ET\n"
        f"BT /F2 12 Tf 1 0 0 1 100 700 Tm {hexs([1, 3, 4, 1])} Tj ET\n"
        f"BT /F2 9 Tf 0.5 Tc 1 0 0 1 130 700 Tm [{hexs([2, 1])} 300 {hexs([3, 5])}] TJ ET\n"
        f"BT /F3 11 Tf 1 0 0 1 160 700 Tm {hexs([2, 1, 3, 5, 1])} Tj ET\n"
        f"BT /F3 10 Tf 2 0 0 2 200 700 Tm {hexs([1, 5])} Tj ET\n"
        f"BT /F4 8 Tf 0 Tc 1 0 0 1 250 700 Tm {hexs([2, 5])} Tj 1 0 0 1 250 650 Tm {hexs([1, 5])} Tj ET\n"
    ).encode()
    page2 = (
        f"BT /F2 12 Tf 0 1 -1 0 300 400 Tm {hexs([1, 3, 1])} Tj ET\n"
        f"BT /F3 11 Tf 0 -1 1 0 300 300 Tm {hexs([2, 1, 5])} Tj ET\n"
    ).encode()
    cidfont3 = (
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestGothic "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 16 0 R /DW 1000 /W [4 [500]] /DW2 [900 -1000] "
        b"/W2 [2 [-1000 200 900] 5 5 -600 800 700] >>"
    )
    objstm_head = b"11 0 "
    objstm = zlib.compress(objstm_head + cidfont3)
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 12 0 R] /Count 2 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R /F2 9 0 R /F3 10 0 R /F4 17 0 R >> >> "
        b"/Contents 4 0 R >>",
        4: b"<< /Length %d >>\nstream\n" % len(page1) + page1 + b"\nendstream",
        5: b"<< /Type /Font /Subtype /Type0 /BaseFont /TestMincho-H /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 8 0 R >>",
        6: b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestMincho "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 7 0 R /DW 1000 /W [4 [500]] >>",
        7: b"<< /Type /FontDescriptor /FontName /TestMincho /Flags 4 /FontBBox [0 -120 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
        8: b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
        9: b"<< /Type /Font /Subtype /Type0 /BaseFont /TestMincho-V /Encoding /Identity-V "
        b"/DescendantFonts [6 0 R] /ToUnicode 8 0 R >>",
        10: b"<< /Type /Font /Subtype /Type0 /BaseFont /TestGothic-V /Encoding /Identity-V "
        b"/DescendantFonts 14 0 R /ToUnicode 8 0 R >>",
        12: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F2 9 0 R /F3 10 0 R >> >> /Contents 13 0 R >>",
        13: b"<< /Length %d >>\nstream\n" % len(page2) + page2 + b"\nendstream",
        14: b"[11 0 R]",
        15: b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (len(objstm_head), len(objstm))
        + objstm
        + b"\nendstream",
        16: b"<< /Type /FontDescriptor /FontName /TestGothic /Flags 4 "
        b"/FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 "
        b"/StemV 80 >>",
        17: b"<< /Type /Font /Subtype /Type0 /BaseFont /TestBrackets-V /Encoding /Identity-V "
        b"/DescendantFonts [18 0 R] /ToUnicode 8 0 R >>",
        18: b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestBrackets "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 19 0 R /DW 1000 /DW2 [0 0] /W2 [2 2 0 0 0 5 5 0 0 0] >>",
        19: b"<< /Type /FontDescriptor /FontName /TestBrackets /Flags 4 "
        b"/FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 "
        b"/StemV 80 >>",
    }
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for n in sorted(objs):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + objs[n] + b"\nendobj\n"
    size = 20
    # a cross-reference stream: object 11 lives in the object stream 15
    rows = b""
    for n in range(size + 1):
        if n == 11:
            rows += bytes([2]) + (15).to_bytes(4, "big") + (0).to_bytes(2, "big")
        elif n in offsets:
            rows += bytes([1]) + offsets[n].to_bytes(4, "big") + (0).to_bytes(2, "big")
        elif n == size:
            rows += bytes([1]) + len(out).to_bytes(4, "big") + (0).to_bytes(2, "big")
        else:
            rows += bytes([0]) + (0).to_bytes(4, "big") + (255).to_bytes(2, "big")
    xref = len(out)
    out += (
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n"
        % (size, size + 1, len(rows))
        + rows
        + b"\nendstream\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_the_fonts_vertical_metrics_are_read_from_the_file():
    fonts = cid_fonts(_vertical_pdf())
    assert fonts["TestMincho"] == [None, VerticalMetrics(880.0, -1000.0, {})] or fonts[
        "TestMincho"
    ] == [VerticalMetrics(880.0, -1000.0, {}), None]
    (gothic,) = fonts["TestGothic"]
    assert gothic == VerticalMetrics(
        900.0, -1000.0, {2: (-1000.0, 200.0, 900.0), 5: (-600.0, 800.0, 700.0)}
    )


def test_both_backends_box_vertical_writing_alike():
    data = _vertical_pdf()
    a = open_pdf(data, backend="pdfplumber")
    b = open_pdf(data, backend="pdfium")
    try:
        for index in range(a.page_count):
            ca, cb = a.page(index).chars, b.page(index).chars
            assert [c.text for c in ca] == [c.text for c in cb]
            assert len(ca) > 3
            for x, y in zip(ca, cb, strict=True):
                assert (x.font, x.upright) == (y.font, y.upright), (x, y)
                for field in ("x0", "top", "x1", "bottom", "size"):
                    assert abs(getattr(x, field) - getattr(y, field)) < 0.01, (field, x, y)
    finally:
        a.close()
        b.close()


# --- paths ----------------------------------------------------------------------------------------


def _raw_pdf(content: bytes) -> bytes:
    """A one-page PDF drawing ``content`` (no resources)."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_both_backends_classify_curved_paths_alike():
    """pdfminer counts a Bézier piece by its end point only: a thin filled band whose rounded
    ends have control points far off it is still a ruling, and so is a filled path of a move
    and one curve; the straight pieces of a stroked path with curves are its rulings."""
    content = (
        b"50 700 m 200 700 l 205 690 205 711 200 701 c 50 701 l 45 711 45 690 50 700 c f\n"
        b"300 600 m 380 590 420 610 400 601 c f\n"
        b"1 w 50 500 m 200 500 l 230 480 230 450 200 430 c 50 430 l S\n"
    )
    data = _raw_pdf(content)
    a = open_pdf(data, backend="pdfplumber")
    b = open_pdf(data, backend="pdfium")
    try:
        pa, pb = a.page(0), b.page(0)
        assert len(pa.rects) == 2
        assert len(pa.segments) == 2
        for la, lb in ((pa.rects, pb.rects), (pa.segments, pb.segments)):
            assert len(la) == len(lb)
            for x, y in zip(la, lb, strict=True):
                for field in ("x0", "top", "x1", "bottom"):
                    assert abs(getattr(x, field) - getattr(y, field)) < 0.01, (field, x, y)
        assert [(r.stroke, r.fill) for r in pa.rects] == [(r.stroke, r.fill) for r in pb.rects]
    finally:
        a.close()
        b.close()


def _two_cells(x0: float, top: float) -> list[Segment]:
    """The rulings of a one-row, two-cell table 100 pt wide and 20 pt high."""
    edge = [(x0, top, x0 + 100, top), (x0, top + 20, x0 + 100, top + 20)]
    edge += [(x, top, x, top + 20) for x in (x0, x0 + 50, x0 + 100)]
    return [Segment(*e, 0.5, None) for e in edge]


def test_tables_starting_on_one_line_are_read_left_to_right():
    """Two tables side by side (a spread's two pages) whose tops differ by rounding noise, which
    differs between the backends, come left to right; a table lower down comes after them."""
    segments = _two_cells(300, 100.0) + _two_cells(50, 100.004) + _two_cells(50, 200.0)
    page = PageObjects(1, 595.0, 842.0, [], segments, [], [])
    assert [(g.xs[0], round(g.ys[0])) for g in find_grids(page)] == [
        (50, 100),
        (300, 100),
        (50, 200),
    ]
