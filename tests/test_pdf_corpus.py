"""Real municipal PDFs of other families (../shared/corpus/real, not committed): the reader
survives their geometry and the pipeline says clearly that they are not progress sheets.
Skipped where the corpus is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

import sheetparse
from conftest import SHARED
from sheetparse.blocks import TableBlock
from sheetparse.readers.pdf.reader import read_pdf

CORPUS = SHARED / "corpus" / "real"
#: the 307-page budget book is left to the benchmark: it alone takes ~15 s
FILES = (
    sorted(p for p in CORPUS.glob("*.pdf") if not p.name.startswith("fuji"))
    if CORPUS.exists()
    else []
)

pytestmark = pytest.mark.skipif(not FILES, reason="robustness corpus not present (../shared)")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_other_families_are_not_progress_sheets(path: Path):
    with pytest.raises(sheetparse.NotAProgressSheet):
        sheetparse.parse(path)


@pytest.mark.parametrize(
    "path", [p for p in FILES if p.name.startswith("ikeda")], ids=lambda p: p.name
)
def test_forms_ruled_with_filled_rectangles_give_their_tables(path: Path):
    doc = read_pdf(path.read_bytes())
    assert sum(isinstance(b, TableBlock) for b in doc.blocks) == 5  # as pdfplumber finds


def test_fake_bold_headings_are_read_once():
    (path,) = [p for p in FILES if p.name.startswith("kyoto")]
    doc = read_pdf(path.read_bytes())
    text = " ".join(c.text for b in doc.blocks if isinstance(b, TableBlock) for c in b.cells())
    assert "【事業実施期間】" in text and "【【事事" not in text
    assert any(d.code == "glyph-doubled" for d in doc.diagnostics)


def test_printed_page_numbers_of_another_style_are_furniture():
    (path,) = [p for p in FILES if p.name.startswith("kobe")]
    doc = read_pdf(path.read_bytes())
    numbers = [s.text.replace(" ", "") for s in doc.skipped if s.reason == "page-number"]
    assert numbers == ["－14－", "－15－", "－16－"]
    headers = {s.text for s in doc.skipped if s.reason == "running-header"}
    assert headers == {"事務事業評価シート"}
