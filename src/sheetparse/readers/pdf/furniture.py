"""Page furniture: running headers, running footers, page numbers and a web page's chrome.

A line is furniture when it sits in the top or bottom margin band of its page, beyond every
table, and either reads as a page number (``- 3 -``, ``3 / 22``, ``P.3``, ``3ページ``) or
repeats at the same height on many pages (digits aside: ``令和7年度 進捗シート 3``). A line
printed once (the document title on page 1) is never furniture, whatever its position; nor is
the first of a repeated top line printed larger than the body text (the title that a
spreadsheet's print titles repeat on every page): the structure step reads it as the title.
A browser's own header and footer (the print's date and time, the page's address, the title
printed on the same line) are furniture on a print of any length, one page included.

A city's web page printed by a browser also prints the site's chrome (:mod:`sheetparse.chrome`):
lines that read as chrome (``ページの先頭へ戻る``, ``更新日：…``, ``Copyright © …``) wherever they
stand; on the first page, everything above the last line of the site header (a skip link,
breadcrumbs, and the update date after them) that comes before the sheet's first heading or
table (site name, navigation, a search box); and everything from the first line of the site
footer (the inquiry box, a feedback form) after the last table of the sheet (the department,
local navigation, footer links, address).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Literal

from ...chrome import FOOTER_KINDS, HEADER_END_KINDS, HEADER_KINDS, chrome_kind
from .page import HEADING_STEP, PageLayout, PageTable, body_size

Reason = Literal["running-header", "running-footer", "page-number", "chrome"]

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
#: what a browser prints in its own header and footer: the date and time of the print
#: (``12/5/26, 4:40 AM``, ``2026/12/05 16:40``) and the page's address
_BROWSER_STAMP = re.compile(
    r"^(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+(?:午前|午後)?\s*\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s*[AaPp]\.?[Mm]\.?)?|(?:https?|file|ﬁle):/{2,3}\S*)$"
)


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
        banded: list[tuple[int, str, float, str]] = []
        stamps: list[tuple[str, float]] = []  # band, y of a browser's date or address
        for i, ln in enumerate(p.lines):
            if ln.bottom <= top_limit and ln.bottom <= tables_top + 1:
                band = "top"
            elif ln.top >= bottom_limit and ln.top >= tables_bottom - 1:
                band = "bottom"
            else:
                continue
            if is_page_number(ln.text):
                out[(p.number, i)] = "page-number"
            elif _BROWSER_STAMP.match(ln.text.strip()):
                out[(p.number, i)] = "running-header" if band == "top" else "running-footer"
                stamps.append((band, ln.top))
            else:
                banded.append((i, band, ln.top, ln.text))
                sizes[(p.number, i)] = ln.size
        for i, band, y, text in banded:
            if any(b == band and abs(y - sy) <= Y_TOLERANCE for b, sy in stamps):
                # printed beside the browser's date or the page's address: the browser's own
                # header or footer (the page's title), on a print of one page too
                out[(p.number, i)] = "running-header" if band == "top" else "running-footer"
            else:
                candidates.append((p.number, i, band, y, text))
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


def is_chrome_box(table: PageTable) -> bool:
    """A ruled box of the site's own (a search field and its 検索 button), not a sheet's table."""
    texts = [c.text for c in table.cells if c.text.strip()]
    return bool(texts) and all(chrome_kind(t) is not None for t in texts)


def find_chrome(
    pages: list[PageLayout], furniture: dict[tuple[int, int], Reason]
) -> tuple[dict[tuple[int, int], Reason], set[tuple[int, int]]]:
    """A printed web page's chrome: (page number, line index) of its lines, and (page number,
    table index) of the ruled boxes among it (see the module docstring)."""
    lines: dict[tuple[int, int], Reason] = {}
    kinds: dict[tuple[int, int], str] = {}
    order: list[tuple[int, float, str, int]] = []  # page, top, "line"/"table", index
    for p in pages:
        for i, ln in enumerate(p.lines):
            if (p.number, i) in furniture:
                continue
            order.append((p.number, ln.top, "line", i))
            if (kind := chrome_kind(ln.text)) is not None:
                kinds[(p.number, i)] = kind
                lines[(p.number, i)] = "chrome"
        for k, t in enumerate(p.tables):
            order.append((p.number, t.bbox[1], "table", k))
    order.sort(key=lambda item: (item[0], item[1], item[2] == "line"))
    by_number = {p.number: p for p in pages}
    tables: set[tuple[int, int]] = set()

    def is_box(item: tuple[int, float, str, int]) -> bool:
        return item[2] == "table" and is_chrome_box(by_number[item[0]].tables[item[3]])

    # the site header: on the first page, up to its last line before the sheet begins
    large = body_size(pages) + HEADING_STEP
    first = order[0][0] if order else 0
    end = -1
    for n, item in enumerate(order):
        page, _, what, i = item
        if page != first:
            break
        if what == "table":
            if not is_box(item):
                break
            continue
        kind = kinds.get((page, i))
        if kind in HEADER_KINDS or (kind in HEADER_END_KINDS and end >= 0):
            end = n
        elif kind is None and by_number[page].lines[i].size >= large:
            break  # the sheet's title
    # the site footer: from its first line after the sheet's last table to the end
    start = len(order)
    for n in range(len(order) - 1, -1, -1):
        item = order[n]
        if item[2] == "table" and not is_box(item):
            break
        if item[2] == "line" and kinds.get((item[0], item[3])) in FOOTER_KINDS:
            start = n
    for n, item in enumerate(order):
        if n <= end or n >= start:
            if item[2] == "line":
                lines[(item[0], item[3])] = "chrome"
            elif is_box(item):
                tables.add((item[0], item[3]))
    return lines, tables
