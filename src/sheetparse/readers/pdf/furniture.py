"""Page furniture: running headers, running footers and page numbers.

A line is furniture when it sits in the top or bottom margin band of its page, beyond every
table, and either reads as a page number (``- 3 -``, ``3 / 22``, ``P.3``, ``3ページ``) or
repeats at the same height on many pages (digits aside: ``令和7年度 進捗シート 3``). A line
printed once (the document title on page 1) is never furniture, whatever its position; nor is
the first of a repeated top line printed larger than the body text (the title that a
spreadsheet's print titles repeat on every page): the structure step reads it as the title.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Literal

from .page import HEADING_STEP, PageLayout, body_size

Reason = Literal["running-header", "running-footer", "page-number"]

#: share of the page height at the top and the bottom where furniture is looked for
BAND = 0.1
#: a repeated line must be on at least this share of the pages (and on two or more)
REPEAT_SHARE = 0.5
#: how far (pt) the same running line may move from page to page
Y_TOLERANCE = 3.0

_DASH = "-－―‐ー—–~〜～"
_PAGE_NUMBER = re.compile(
    rf"^[{_DASH}(（\[［]?\s*(?:[pPｐＰ]\.?|ページ|頁)?\s*[0-9０-９]{{1,4}}\s*"
    rf"(?:[/／]\s*[0-9０-９]{{1,4}})?\s*(?:ページ|頁)?\s*[{_DASH})）\]］]?$"
)
_DIGITS = re.compile(r"[0-9０-９]+")


def is_page_number(text: str) -> bool:
    """True for the ways sheets print page numbers (``- 3 -``, ``3/22``, ``P.3``, ``3``)."""
    return _PAGE_NUMBER.match(text.strip()) is not None


def find_furniture(pages: list[PageLayout]) -> dict[tuple[int, int], Reason]:
    """(page number, index into that page's ``lines``) → why the line is furniture."""
    candidates: list[tuple[int, int, str, float, str]] = []  # page, index, band, y, text
    sizes: dict[tuple[int, int], float] = {}
    out: dict[tuple[int, int], Reason] = {}
    for p in pages:
        top_limit = p.height * BAND
        bottom_limit = p.height * (1 - BAND)
        tables_top = min((t.bbox[1] for t in p.tables), default=p.height)
        tables_bottom = max((t.bbox[3] for t in p.tables), default=0.0)
        for i, ln in enumerate(p.lines):
            if ln.bottom <= top_limit and ln.bottom <= tables_top + 1:
                band = "top"
            elif ln.top >= bottom_limit and ln.top >= tables_bottom - 1:
                band = "bottom"
            else:
                continue
            if is_page_number(ln.text):
                out[(p.number, i)] = "page-number"
            else:
                candidates.append((p.number, i, band, ln.top, ln.text))
                sizes[(p.number, i)] = ln.size
    groups: dict[tuple[str, str], list[tuple[int, int, float]]] = defaultdict(list)
    for page, i, band, y, text in candidates:
        key = _DIGITS.sub("#", "".join(text.split()))
        groups[(band, key)].append((page, i, y))
    n_pages = len(pages)
    need = max(2, int(n_pages * REPEAT_SHARE + 0.999))
    large = body_size(pages) + HEADING_STEP
    for (band, _key), hits in groups.items():
        ys = sorted(y for _, _, y in hits)
        median = ys[len(ys) // 2]
        near = [(page, i) for page, i, y in hits if abs(y - median) <= Y_TOLERANCE]
        if len({page for page, _ in near}) >= need:
            reason: Reason = "running-header" if band == "top" else "running-footer"
            first = min(near)
            keep_first = band == "top" and all(sizes[hit] >= large for hit in near)
            for page, i in near:
                if not (keep_first and (page, i) == first):
                    out[(page, i)] = reason
    return out
