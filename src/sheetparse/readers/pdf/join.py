"""Tables continued on the next page, joined back into one; tables as blocks.

A table that ends a page and a table that starts the next page are one table where their
columns line up: the same outer edges, and the column boundaries of one a subset of the
other's (a continuation often prints only the label column and one merged text column).
Rows the continuation repeats from the table's head (a repeated header) are dropped. A row the
page break split in two is merged back into one row, cell by cell, where the PDF's tags say a
cell's text goes on, where the break cut every cell open (no ruling at the break), or where the
row label is printed above the break and left empty below it; never where a new row label
starts below the break (one that is not the rest of the label above it). A merged cell cut
open by the break (a spreadsheet's merged cell spanning rows on both pages) becomes one cell
again. Text cut by the break is joined as one item where the last line above the break was
full.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...blocks import Cell, Loc, TableBlock, empty_cell
from ...errors import InputTooLarge
from ...textutil import strip_ws
from .page import PageTable, TCell
from .text import is_wrap

#: column boundaries this close (pt) are the same boundary
TOLERANCE = 3.0


def _match(value: float, bounds: list[float]) -> bool:
    return any(abs(value - b) <= TOLERANCE for b in bounds)


#: a table carried over a page break runs down to the foot of its page; one that ends
#: higher up (a sheet's last box, the next sheet starting on the next page) is complete
FOOT = 0.6


def can_continue(a: PageTable, b: PageTable, a_page_height: float | None = None) -> bool:
    """True where ``b`` (first on its page) can continue ``a`` (last on the page before)."""
    if b.page != a.last_page + 1:
        return False
    if a_page_height and a.bottom < FOOT * a_page_height:
        return False
    if abs(a.xs[0] - b.xs[0]) > TOLERANCE or abs(a.xs[-1] - b.xs[-1]) > TOLERANCE:
        return False
    inner_a, inner_b = a.xs[1:-1], b.xs[1:-1]
    return all(_match(x, inner_a) for x in inner_b) or all(_match(x, inner_b) for x in inner_a)


def _union(a: list[float], b: list[float]) -> list[float]:
    out = list(a)
    for x in b:
        if not _match(x, out):
            out.append(x)
    return sorted(out)


def _remap(cells: list[TCell], xs: list[float], to: list[float]) -> list[TCell]:
    index = [min(range(len(to)), key=lambda k, x=x: abs(to[k] - x)) for x in xs]
    return [replace(c, c0=index[c.c0], c1=index[c.c1]) for c in cells]


def _row(cells: list[TCell], r: int) -> list[tuple[int, int, str]]:
    return sorted((c.c0, c.c1, strip_ws(c.text)) for c in cells if c.r0 == r)


@dataclass(slots=True)
class JoinReport:
    """What joining did, for the diagnostic."""

    header_rows: int = 0
    row_merged: bool = False
    cells_merged: int = 0


def _repeated_header(acells: list[TCell], bcells: list[TCell], a_rows: int, b_rows: int) -> int:
    """How many leading rows of the continuation repeat the table's head."""
    k = 0
    while k < min(a_rows, b_rows) - 1:
        head = _row(bcells, k)
        if not head or head != _row(acells, k) or not any(t for _, _, t in head):
            break
        span = max(c.r1 for c in bcells if c.r0 == k)
        # a header cell spanning rows: the whole block must repeat
        if span > k + 1 and (
            span > min(a_rows, b_rows) - 1
            or any(_row(bcells, r) != _row(acells, r) for r in range(k + 1, span))
        ):
            break
        k = span
    return k


def _continues(ac: TCell, bc: TCell) -> bool:
    """True where the first line of ``bc`` continues the last line of ``ac`` (one item cut
    by the page break)."""
    if not ac.groups or not bc.groups:
        return False
    return is_wrap(ac.groups[-1][-1], bc.groups[0][0], ac.limit, same_page=False)


def _merged(ac: TCell, bc: TCell, r1: int) -> TCell:
    """``ac`` with the text of ``bc`` (its continuation on the next page) appended."""
    if _continues(ac, bc):
        groups = [*ac.groups[:-1], ac.groups[-1] + bc.groups[0], *bc.groups[1:]]
    else:
        groups = ac.groups + bc.groups
    return replace(ac, groups=groups, r1=r1, open_bottom=bc.open_bottom)


def _row_split(
    first: list[TCell],
    bottom: dict[tuple[int, int], TCell],
    acells: list[TCell],
    last: int,
    after_header: bool = False,
) -> bool:
    """True where the continuation's first row is the rest of the table's last row
    (``after_header``: the continuation repeats the table's header above that row)."""
    if not first or any((c.c0, c.c1) not in bottom for c in first):
        return False
    # the PDF's tags say that a cell's text goes on across the break
    for bc in first:
        ac = bottom[(bc.c0, bc.c1)]
        if ac.groups and bc.groups:
            pb, nb = ac.groups[-1][-1].block, bc.groups[0][0].block
            if pb is not None and pb == nb:
                return True
    # a new row label below the break (not the rest of the label above it) starts a new row,
    # however open the cells look (Chromium draws no ruling under a row that ends a page)
    label_b = next((c for c in first if c.c0 == 0), None)
    label_a = bottom.get((0, label_b.c1)) if label_b is not None else None
    if (
        label_a is not None
        and label_a.groups
        and label_b.groups
        and strip_ws(label_a.text) != strip_ws(label_b.text)
        and not _continues(label_a, label_b)
    ):
        return False
    # the page break cut every cell of the row open; below a repeated header the row's top
    # edge is the header's ruling, so the cut shows above the break only
    if all((c.open_top or after_header) and bottom[(c.c0, c.c1)].open_bottom for c in first) and (
        all(c.open_bottom for c in bottom.values())
    ):
        return True
    # the row label (first column) is printed above the break and left empty below it
    label_a = next((c for c in acells if c.r0 <= last < c.r1 and c.c0 == 0), None)
    return (
        label_b is not None
        and not label_b.groups
        and any(c.groups for c in first)
        and label_a is not None
        and bool(label_a.groups)
    )


def join(a: PageTable, b: PageTable) -> tuple[PageTable, JoinReport]:
    """``b`` appended to ``a`` (see the module docstring)."""
    report = JoinReport()
    xs = _union(a.xs, b.xs)
    acells = _remap(a.cells, a.xs, xs)
    bcells = _remap(b.cells, b.xs, xs)
    k = _repeated_header(acells, bcells, a.n_rows, b.n_rows)
    report.header_rows = k
    bcells = [replace(c, r0=c.r0 - k, r1=c.r1 - k) for c in bcells if c.r0 >= k]
    b_rows = b.n_rows - k
    last = a.n_rows - 1
    bottom = {(c.c0, c.c1): c for c in acells if c.r1 == a.n_rows}
    first = [c for c in bcells if c.r0 == 0]
    if _row_split(first, bottom, acells, last, after_header=k > 0):
        report.row_merged = True
        offset = a.n_rows - 1
        pairs = {(c.c0, c.c1): c for c in first}
    else:
        offset = a.n_rows
        # a merged cell the page break cut open (no ruling under it, none over its rest)
        pairs = {
            (c.c0, c.c1): c
            for c in first
            if c.open_top and (c.c0, c.c1) in bottom and bottom[(c.c0, c.c1)].open_bottom
        }
    report.cells_merged = len(pairs)
    used = {id(c) for c in pairs.values()}
    cells = []
    for c in acells:
        bc = pairs.get((c.c0, c.c1)) if c.r1 == a.n_rows else None
        cells.append(_merged(c, bc, offset + bc.r1) if bc is not None else c)
    cells += [replace(c, r0=c.r0 + offset, r1=c.r1 + offset) for c in bcells if id(c) not in used]
    joined = PageTable(a.page, xs, offset + b_rows, cells, a.bbox, b.page, b.bottom)
    return joined, report


def to_block(t: PageTable, max_cells: int | None) -> TableBlock:
    """The table as a rectangular grid of :class:`Cell` (merged cells expanded)."""
    n_rows, n_cols = t.n_rows, t.n_cols
    if max_cells is not None and n_rows * n_cols > max_cells:
        raise InputTooLarge(
            f"a table has more than {max_cells:,} cells; raise the max_cells limit if this file "
            "is genuine"
        )
    grid: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
    for c in sorted(t.cells, key=lambda c: (c.r0, c.c0)):
        if grid[c.r0][c.c0] is not None:
            continue
        grid[c.r0][c.c0] = Cell(c.parts, c.loc, c.r1 - c.r0, c.c1 - c.c0)
        owner = (c.r0, c.c0)  # one tuple for all the positions it covers (a book has many)
        for r in range(c.r0, c.r1):
            for col in range(c.c0, c.c1):
                if (r, col) != owner and grid[r][col] is None:
                    grid[r][col] = empty_cell(c.loc, owner)
    loc = Loc(page=t.page, bbox=t.bbox)
    rows = tuple(
        tuple(cell if cell is not None else empty_cell(loc) for cell in row) for row in grid
    )
    return TableBlock(rows, loc)
