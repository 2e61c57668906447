"""Full-width rows of a ruled grid are text, not table rows.

Sheets laid out in a spreadsheet are often ruled from top to bottom: the measure heading, the
direction paragraph or a table's title sits in a bordered cell merged across the whole width,
touching the table below it, so the rulings make one grid of it all. A row that is one cell
across every column holds no tabular data: its text becomes text blocks (one per paragraph),
and the rows between such rows become tables of their own, each with only the columns that
its cells use.
"""

from __future__ import annotations

from dataclasses import replace

from .page import PageTable, TCell
from .text import TextLine

#: a piece of text taken out of a grid: (page, wrapped lines of one paragraph)
TextPiece = tuple[int, list[TextLine]]


def _subtable(t: PageTable, cells: list[TCell], r0: int, r1: int) -> PageTable:
    """Rows ``r0``..``r1 - 1`` of ``t`` as a table of their own (unused columns dropped)."""
    starts = sorted({c.c0 for c in cells})
    cmap = {c: i for i, c in enumerate(starts)}
    cmap[t.n_cols] = len(starts)
    cells = [replace(c, r0=c.r0 - r0, r1=c.r1 - r0, c0=cmap[c.c0], c1=cmap[c.c1]) for c in cells]
    xs = [t.xs[c] for c in starts] + [t.xs[-1]]
    tops = [c.loc.bbox[1] for c in cells if c.r0 == 0 and c.loc.bbox]
    bottoms = [c.loc.bbox[3] for c in cells if c.r1 == r1 - r0 and c.loc.bbox]
    top = min(tops) if tops else t.bbox[1]
    bottom = max(bottoms) if bottoms else t.bbox[3]
    page = min((c.loc.page for c in cells if c.loc.page), default=t.page)
    return PageTable(page, xs, r1 - r0, cells, (xs[0], top, xs[-1], bottom), t.last_page, t.bottom)


def split_full_rows(t: PageTable) -> list[PageTable | TextPiece]:
    """The table with its full-width rows turned into text pieces, in reading order; the
    table itself (in a one-element list) where it has none."""
    full = {c.r0: c for c in t.cells if c.c0 == 0 and c.c1 == t.n_cols}
    if not full:
        return [t]
    out: list[PageTable | TextPiece] = []
    start = 0
    r = 0
    while r < t.n_rows:
        cell = full.get(r)
        if cell is None:
            r += 1
            continue
        if r > start:
            cells = [c for c in t.cells if start <= c.r0 and c.r1 <= r]
            out.append(_subtable(t, cells, start, r))
        page = cell.loc.page or t.page
        out.extend((page, g) for g in cell.groups)
        r = start = cell.r1
    if start < t.n_rows:
        cells = [c for c in t.cells if start <= c.r0]
        out.append(_subtable(t, cells, start, t.n_rows))
    return out
