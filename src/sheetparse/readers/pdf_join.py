"""Tables continued on the next page, joined back into one; tables as blocks.

A table that ends a page and a table that starts the next page are one table where their
columns line up: the same outer edges, and the column boundaries of one a subset of the
other's (a continuation often prints only the label column and one merged text column).
Rows the continuation repeats from the table's head (a repeated header) are dropped. A row the
page break split in two (its first cell, the row label, empty on the new page) is merged back
into one row, cell by cell.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..blocks import Cell, Loc, TableBlock, empty_cell
from ..errors import InputTooLarge
from ..textutil import strip_ws
from .pdf_page import PageTable, TCell

#: column boundaries this close (pt) are the same boundary
TOLERANCE = 3.0


def _match(value: float, bounds: list[float]) -> bool:
    return any(abs(value - b) <= TOLERANCE for b in bounds)


def can_continue(a: PageTable, b: PageTable) -> bool:
    """True where ``b`` (first on its page) can continue ``a`` (last on the page before)."""
    if b.page != a.last_page + 1:
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


def join(a: PageTable, b: PageTable) -> tuple[PageTable, JoinReport]:
    """``b`` appended to ``a`` (see the module docstring)."""
    report = JoinReport()
    xs = _union(a.xs, b.xs)
    acells = _remap(a.cells, a.xs, xs)
    bcells = _remap(b.cells, b.xs, xs)
    # a header the continuation repeats
    k = 0
    while k < min(a.n_rows, b.n_rows) - 1:
        head = _row(bcells, k)
        if not head or head != _row(acells, k) or not any(t for _, _, t in head):
            break
        if any(c.r1 > k + 1 for c in bcells if c.r0 == k):
            # a header cell spanning further rows: only a whole header block is repeated
            span = max(c.r1 for c in bcells if c.r0 == k)
            if span > min(a.n_rows, b.n_rows) - 1 or any(
                _row(bcells, r) != _row(acells, r) for r in range(k, span)
            ):
                break
            k = span
            continue
        k += 1
    report.header_rows = k
    bcells = [replace(c, r0=c.r0 - k, r1=c.r1 - k) for c in bcells if c.r0 >= k]
    b_rows = b.n_rows - k
    # a row the page break split: its label cell is empty on the new page
    last = a.n_rows - 1
    first = [c for c in bcells if c.r0 == 0]
    label_b = next((c for c in first if c.c0 == 0), None)
    label_a = next((c for c in acells if c.r0 <= last < c.r1 and c.c0 == 0), None)
    pairs: list[tuple[TCell, TCell]] = []
    if (
        label_b is not None and not label_b.parts and any(c.parts for c in first)
        and label_a is not None and label_a.parts
    ):
        for bc in first:
            ac = next(
                (c for c in acells if c.r1 == a.n_rows and c.c0 == bc.c0 and c.c1 == bc.c1),
                None,
            )
            if ac is None:
                pairs = []
                break
            pairs.append((ac, bc))
    if pairs:
        report.row_merged = True
        offset = a.n_rows - 1
        merged = {id(ac): bc for ac, bc in pairs}
        joined_a = []
        for c in acells:
            bc = merged.get(id(c))
            if bc is not None:
                c = replace(c, parts=c.parts + bc.parts, r1=offset + bc.r1)
            joined_a.append(c)
        rest = [
            replace(c, r0=c.r0 + offset, r1=c.r1 + offset) for c in bcells if c.r0 > 0
        ]
        cells = joined_a + rest
        n_rows = a.n_rows - 1 + b_rows
    else:
        offset = a.n_rows
        cells = acells + [replace(c, r0=c.r0 + offset, r1=c.r1 + offset) for c in bcells]
        n_rows = a.n_rows + b_rows
    joined = PageTable(a.page, xs, n_rows, cells, a.bbox, b.page, b.bottom)
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
        for r in range(c.r0, c.r1):
            for col in range(c.c0, c.c1):
                if (r, col) != (c.r0, c.c0) and grid[r][col] is None:
                    grid[r][col] = empty_cell(c.loc, (c.r0, c.c0))
    loc = Loc(page=t.page, bbox=t.bbox)
    rows = tuple(
        tuple(cell if cell is not None else empty_cell(loc) for cell in row) for row in grid
    )
    return TableBlock(rows, loc)
