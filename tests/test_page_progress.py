"""Progress page by page on a long PDF: a batch reports the pages of a book as they are read,
from the batch's own process and from its workers."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from sheetparse.batch.convert import convert_batch
from sheetparse.batch.progress import BarProgress, JsonProgress
from sheetparse.readprogress import LONG, on_pages, page_read

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
LONG_PDF = SAMPLES / "kashiwa-r7.lo.pdf"  # 20 pages
SHORT_PDF = SAMPLES / "minatono-h30.lo.pdf"  # 4 pages


def test_pages_are_reported_only_inside_the_block_and_for_long_documents():
    seen: list[tuple[int, int]] = []
    page_read(1, 100)  # no listener: nothing happens
    with on_pages(lambda d, t: seen.append((d, t))):
        page_read(3, LONG - 1)  # short: not reported
        page_read(LONG, LONG)
    page_read(5, 100)
    assert seen == [(LONG, LONG)]


@pytest.mark.parametrize("jobs", [0, 1], ids=["in-process", "worker"])
def test_a_batch_reports_a_long_pdf_page_by_page(tmp_path: Path, jobs: int):
    src = tmp_path / "in"
    src.mkdir()
    (src / "book.pdf").write_bytes(LONG_PDF.read_bytes())
    (src / "short.pdf").write_bytes(SHORT_PDF.read_bytes())
    stream = io.StringIO()
    report = convert_batch([src], tmp_path / "out", progress=JsonProgress(stream), jobs=jobs)
    assert not report.failures
    events = [json.loads(line) for line in stream.getvalue().splitlines()]
    pages = [e for e in events if e["event"] == "pages"]
    # the last page is always reported; the short file never is
    assert pages and {e["path"] for e in pages} == {"book.pdf"}
    assert pages[-1]["done"] == pages[-1]["pages"] == 20
    assert [e["done"] for e in pages] == sorted(e["done"] for e in pages)
    done_at = next(
        i for i, e in enumerate(events) if e.get("path") == "book.pdf" and e["event"] == "file"
    )
    assert events.index(pages[-1]) < done_at


def test_the_bar_shows_the_pages_of_the_book_being_read():
    bar = BarProgress(io.StringIO())
    bar.start(3, 3)
    bar.pages("book.pdf", 37, 451)
    assert "book.pdf p.37/451" in bar.line(120)
