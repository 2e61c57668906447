"""The committed sample PDFs beyond their scores: locations, furniture, page joins, and the same
records as the Markdown archive of the same sheet."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import sheetparse
from conftest import SAMPLES, SHARED
from sheetparse.blocks import TableBlock, TextBlock
from sheetparse.readers.pdf.reader import read_pdf

PDFS = sorted(SAMPLES.glob("*.pdf"))
EXTERNAL = SHARED / "samples" / "kashiwa-r7-excel.pdf"


def _comparable(sheet: sheetparse.ProgressSheet) -> object:
    """The records with what legitimately differs between formats taken out: locations,
    column labels as printed, diagnostics, coverage, and white space inside text."""
    data = json.loads(sheet.model_dump_json())

    def clean(x: object) -> object:
        if isinstance(x, dict):
            return {
                k: clean(v)
                for k, v in x.items()
                if k not in ("source", "label", "diagnostics", "coverage")
            }
        if isinstance(x, list):
            return [clean(v) for v in x]
        if isinstance(x, str):
            return re.sub(r"\s+", "", x)
        return x

    return clean(data)


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_every_block_and_cell_has_page_and_box(path: Path):
    doc = read_pdf(path.read_bytes())
    assert doc.page_count and doc.blocks
    for b in doc.blocks:
        locs = [b.loc] if isinstance(b, TextBlock) else [b.loc, *(c.loc for c in b.cells())]
        for loc in locs:
            assert 1 <= loc.page <= doc.page_count
            x0, top, x1, bottom = loc.bbox
            assert x0 <= x1 and top <= bottom


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_records_point_back_to_the_page(path: Path):
    sheet = sheetparse.parse(path)
    for m in sheet.measures:
        assert m.source.page and m.source.bbox
        for ind in m.indicators:
            for obs in [ind.baseline, ind.target, *ind.actuals]:
                if obs is not None:
                    assert obs.source.page and obs.source.bbox
        for n in m.narratives:
            assert n.source.page and n.source.bbox


@pytest.mark.parametrize("name", ["kashiwa-r7.lo.pdf", "kashiwa-r7.chromium.pdf"])
def test_same_records_as_the_markdown_archive(name: str):
    """One sheet, two formats, one JSON (locations and printed column labels aside)."""
    md = sheetparse.parse(SAMPLES / "kashiwa-r7.md")
    pdf = sheetparse.parse(SAMPLES / name)
    assert _comparable(pdf)["measures"] == _comparable(md)["measures"]
    assert (pdf.title, pdf.plan_term, pdf.report_fiscal_year) == (
        md.title,
        md.plan_term,
        md.report_fiscal_year,
    )


def test_page_numbers_are_skipped_one_per_page():
    doc = read_pdf((SAMPLES / "kashiwa-r7.lo.pdf").read_bytes())
    assert [s.text for s in doc.skipped] == [f"- {n} -" for n in range(1, 21)]
    assert {s.reason for s in doc.skipped} == {"page-number"}


def test_browser_header_and_footer_are_skipped():
    doc = read_pdf((SAMPLES / "kashiwa-r7.chromium.pdf").read_bytes())
    reasons = [s.reason for s in doc.skipped]
    n = doc.page_count
    # date and page title at the top, address and N/M at the bottom, on every page
    assert reasons.count("running-header") == 2 * n
    assert reasons.count("running-footer") == n and reasons.count("page-number") == n
    assert all("進捗シート" not in s.text or s.reason == "running-header" for s in doc.skipped)
    assert doc.blocks[0].text == "第5期計画 基本施策の実現に向けた主な取組 進捗シート"


def test_tables_cut_by_page_breaks_are_joined_with_cells_from_both_pages():
    doc = read_pdf((SAMPLES / "kashiwa-r7.chromium.pdf").read_bytes())
    spanning = [
        t
        for t in doc.blocks
        if isinstance(t, TableBlock) and len({c.loc.page for c in t.cells()}) > 1
    ]
    assert spanning
    codes = {d.code for d in doc.diagnostics}
    assert {"table-continued", "row-continued"} <= codes


@pytest.mark.skipif(not EXTERNAL.exists(), reason="external sample not present (../shared)")
def test_external_excel_pdf_same_records_as_markdown():
    md = sheetparse.parse(SAMPLES / "kashiwa-r7.md")
    assert _comparable(sheetparse.parse(EXTERNAL))["measures"] == _comparable(md)["measures"]


def test_pages_stored_portrait_and_shown_landscape_read_the_same(tmp_path):
    """A scanner-style layout: each landscape page stored in a portrait box with its content
    turned a quarter, and ``/Rotate 90`` to show it upright."""
    pypdf = pytest.importorskip("pypdf")
    from pypdf.generic import RectangleObject

    w = pypdf.PdfWriter(clone_from=SAMPLES / "sakuragaoka-r6.lo.pdf")
    for p in w.pages:
        width, height = float(p.mediabox.width), float(p.mediabox.height)
        p.add_transformation(pypdf.Transformation().rotate(90).translate(tx=height, ty=0))
        p.mediabox = RectangleObject([0, 0, height, width])
        p.cropbox = RectangleObject([0, 0, height, width])
        p.rotate(90)
    path = tmp_path / "rotated.pdf"
    w.write(path)
    sheet = sheetparse.parse(path)
    md_like = sheetparse.parse(SAMPLES / "sakuragaoka-r6.lo.pdf")
    assert _comparable(sheet)["measures"] == _comparable(md_like)["measures"]
    assert sheet.measures[0].source.bbox == md_like.measures[0].source.bbox
