"""Books: a city publishes all its sheets in one PDF. Made here by concatenating the real
pages of a template (../shared/corpus, skipped where absent): each page gives the measure(s) it
gives alone, whatever page it is on."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import sheetparse
from conftest import SHARED

pypdf = pytest.importorskip("pypdf")

FAMILIES = SHARED / "corpus" / "families"
REAL = SHARED / "corpus" / "real"


def _pages(prefix: str) -> list[Path]:
    if not FAMILIES.exists():
        return []
    return sorted((FAMILIES / prefix).glob("*.pdf")) + sorted(REAL.glob(f"{prefix}_*.pdf"))


def _book(paths: list[Path]) -> bytes:
    w = pypdf.PdfWriter()
    for p in paths:
        w.append(str(p))
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _without_pages(o):
    """A measure's JSON with its page numbers left out (they differ in the book)."""
    if isinstance(o, dict):
        return {k: _without_pages(v) for k, v in o.items() if k != "page"}
    if isinstance(o, list):
        return [_without_pages(x) for x in o]
    return o


@pytest.mark.parametrize("prefix", ["ikeda", "yokohama", "kobe", "kyoto"])
def test_a_book_gives_each_sheet_as_alone(prefix: str):
    paths = _pages(prefix)
    if len(paths) < 3:
        pytest.skip("corpus not present (../shared)")
    book = sheetparse.parse(_book(paths), format="pdf")
    alone = [m for p in paths for m in sheetparse.parse(p).measures]
    # 神戸市 prints no number: a sheet's id is its place, in its file or in the book
    numbered = prefix != "kobe"
    if numbered:
        assert [m.id for m in book.measures] == [m.id for m in alone]
    else:
        assert [m.id for m in book.measures] == [str(k + 1) for k in range(len(alone))]
    for a, b in zip(alone, book.measures, strict=True):
        ja, jb = json.loads(a.model_dump_json()), json.loads(b.model_dump_json())
        if not numbered:
            ja["id"] = jb["id"]
        assert _without_pages(jb) == _without_pages(ja), a.id
    assert book.coverage is not None and book.coverage.unplaced_chars == 0
