"""Grids of placed cells → table blocks: shared by the HTML and Excel readers.

A source grid (an HTML table after rowspan/colspan, a worksheet's used range) is a set of
:class:`Placed` cells — content at a top-left position with its span. This module lays a subset
of its rows and columns out as a :class:`~sheetparse.blocks.TableBlock` grid (spans counted over
the rows and columns kept, so hidden rows or dropped columns shrink them), finds the columns that
only continue a merged cell from the left (a workbook's narrow layout columns), and splits a grid
at rows that are text rather than table: a single cell spanning the whole width (a title typed
across a worksheet, a heading row of a page laid out as one big table).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from ..blocks import NO_LOC, Cell, Loc, Part, TableBlock, TextBlock
from ..errors import InputTooLarge
from ..textutil import CAPTION_MARK


@dataclass(frozen=True, slots=True, init=False)
class Placed:
    """A cell at its position in a source grid, with its span in that grid's coordinates."""

    row: int
    col: int
    rowspan: int
    colspan: int
    parts: tuple[Part, ...]
    loc: Loc = NO_LOC
    #: drawn with a border (None where the source cannot say, as in most HTML)
    ruled: bool | None = None
    #: heading level where the cell is styled as one (bold, large), for text outside tables
    #: (:attr:`heading`)
    _heading: int | None = None
    _empty: bool = field(default=True, init=False, repr=False, compare=False)
    #: what tells the heading level where it is asked for: a reader that must look at the
    #: source to know it defers that to the few cells printed outside a table
    _heading_of: Callable[[], int | None] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def __init__(
        self,
        row: int,
        col: int,
        rowspan: int,
        colspan: int,
        parts: tuple[Part, ...],
        loc: Loc = NO_LOC,
        ruled: bool | None = None,
        heading: int | None = None,
        heading_of: Callable[[], int | None] | None = None,
    ) -> None:
        # the slots set directly, as Cell does (a reader places every cell of a table); the
        # emptiness, asked of every cell, known at once
        _SET_ROW(self, row)
        _SET_COL(self, col)
        _SET_ROWSPAN(self, rowspan)
        _SET_COLSPAN(self, colspan)
        _SET_PARTS(self, parts)
        _SET_LOC(self, loc)
        _SET_RULED(self, ruled)
        _SET_HEADING(self, heading)
        _SET_HEADING_OF(self, heading_of)
        n = len(parts)  # (most cells: one part or none, asked without a list made of them)
        if n == 1:
            _SET_EMPTY(self, not parts[0].text.strip())
        elif not n:
            _SET_EMPTY(self, True)
        else:
            _SET_EMPTY(self, not any([p.text.strip() for p in parts]))

    @property
    def is_empty(self) -> bool:
        return self._empty

    @property
    def heading(self) -> int | None:
        """The heading level (``heading_of``'s answer, asked once, where it was given)."""
        of = self._heading_of
        if of is not None:
            _SET_HEADING(self, of())
            _SET_HEADING_OF(self, None)
        return self._heading

    def covers(self, row: int, col: int) -> bool:
        return (
            self.row <= row < self.row + self.rowspan and self.col <= col < self.col + self.colspan
        )


_SET_ROW = Placed.row.__set__  # type: ignore[attr-defined]
_SET_COL = Placed.col.__set__  # type: ignore[attr-defined]
_SET_ROWSPAN = Placed.rowspan.__set__  # type: ignore[attr-defined]
_SET_COLSPAN = Placed.colspan.__set__  # type: ignore[attr-defined]
_SET_PARTS = Placed.parts.__set__  # type: ignore[attr-defined]
_SET_LOC = Placed.loc.__set__  # type: ignore[attr-defined]
_SET_RULED = Placed.ruled.__set__  # type: ignore[attr-defined]
_SET_HEADING = Placed._heading.__set__  # type: ignore[attr-defined]
_SET_HEADING_OF = Placed._heading_of.__set__  # type: ignore[attr-defined]
_SET_EMPTY = Placed._empty.__set__  # type: ignore[attr-defined]


def _count_in(keep: Sequence[int], start: int, span: int) -> tuple[int, int]:
    """(index of the first kept id in [start, start+span), how many kept ids lie there)."""
    lo = bisect_left(keep, start)
    hi = bisect_left(keep, start + span)
    return lo, hi - lo


def _clip(start: int, span: int, n: int) -> tuple[int, int]:
    """(start, span) of a run clipped to ``range(n)``."""
    lo = min(max(start, 0), n)
    return lo, min(max(start + span, 0), n) - lo


def layout(
    cells: Iterable[Placed],
    rows: Sequence[int],
    cols: Sequence[int],
    *,
    max_cells: int | None = None,
) -> tuple[tuple[Cell, ...], ...]:
    """The block grid of ``cells`` over the kept (sorted) ``rows`` and ``cols``.

    A cell whose span keeps no row or column is left out; positions no cell covers are empty
    cells located like the nearest cell on their left. Raises :class:`InputTooLarge` before
    allocating more than ``max_cells`` positions.
    """
    n_rows, n_cols = len(rows), len(cols)
    if max_cells is not None and n_rows * n_cols > max_cells:
        raise InputTooLarge(
            f"a table has more than {max_cells:,} cells ({n_rows:,} rows × {n_cols:,} columns); "
            "raise the max_cells limit if this file is genuine"
        )
    grid: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
    # where no row (column) is dropped, a position's index is its offset from the first kept
    # one, clipped to the grid: what the bisection finds, without it (most tables)
    row0 = rows[0] if n_rows and rows[-1] - rows[0] == n_rows - 1 else None
    col0 = cols[0] if n_cols and cols[-1] - cols[0] == n_cols - 1 else None
    for p in cells:
        if row0 is None:
            r0, rs = _count_in(rows, p.row, p.rowspan)
        else:
            r0, rs = p.row - row0, p.rowspan
            if r0 < 0 or r0 + rs > n_rows:  # (clipped only where it reaches outside)
                r0, rs = _clip(r0, rs, n_rows)
        if col0 is None:
            c0, cs = _count_in(cols, p.col, p.colspan)
        else:
            c0, cs = p.col - col0, p.colspan
            if c0 < 0 or c0 + cs > n_cols:
                c0, cs = _clip(c0, cs, n_cols)
        if not rs or not cs or grid[r0][c0] is not None:
            continue
        grid[r0][c0] = Cell(p.parts, p.loc, rs, cs)
        if rs > 1 or cs > 1:  # (most cells span nothing: no positions to cover)
            cover(grid, r0, c0, rs, cs, p.loc)
    return tuple(filled(row) for row in grid)


def filled(row: list[Cell | None]) -> tuple[Cell, ...]:
    """A grid row with the positions no cell covers as empty cells, located like the nearest
    cell on their left."""
    if None in row:
        last = NO_LOC
        for c, cell in enumerate(row):
            if cell is None:
                row[c] = cell = Cell((), last)
            last = cell.loc
    return tuple(row)  # type: ignore[arg-type]


def cover(grid: list[list[Cell | None]], r0: int, c0: int, rs: int, cs: int, loc: Loc) -> None:
    """The positions a merged cell at (r0, c0) covers, not yet taken, as its covered cells
    (the grid's rows made as long as the cell reaches)."""
    origin = (r0, c0)
    end = c0 + cs
    line = grid[r0]  # (as long as the cell reaches: the caller made it so)
    for c in range(c0 + 1, end):
        if line[c] is None:
            line[c] = Cell((), loc, 1, 1, origin)
    for r in range(r0 + 1, r0 + rs):
        line = grid[r]
        if len(line) < end:
            line.extend([None] * (end - len(line)))
        for c in range(c0, end):
            if line[c] is None:
                line[c] = Cell((), loc, 1, 1, origin)


def placed_from_grid(grid: Sequence[Sequence[Cell]]) -> list[Placed]:
    """The top-left cells of an expanded block grid, as placed cells."""
    return [
        Placed(r, c, cell.rowspan, cell.colspan, cell.parts, cell.loc)
        for r, row in enumerate(grid)
        for c, cell in enumerate(row)
        if cell.covered_by is None
    ]


def owners(cells: Iterable[Placed]) -> dict[tuple[int, int], Placed]:
    """Which cell shows at each position it covers (the first one placed wins an overlap)."""
    out: dict[tuple[int, int], Placed] = {}
    for p in cells:
        for r in range(p.row, p.row + p.rowspan):
            for c in range(p.col, p.col + p.colspan):
                out.setdefault((r, c), p)
    return out


def continuation_columns(
    owner: dict[tuple[int, int], Placed], rows: Sequence[int], cols: Sequence[int]
) -> set[int]:
    """Columns in which every kept row is covered by a cell that also covers the kept column
    on the left: layout columns a merged range runs through, which carry no column of their
    own."""
    out = set()
    for left, c in pairwise(cols):
        if all((p := owner.get((r, c))) is not None and p is owner.get((r, left)) for r in rows):
            out.add(c)
    return out


def continuation_rows(
    owner: dict[tuple[int, int], Placed], rows: Sequence[int], cols: Sequence[int]
) -> set[int]:
    """Rows in which no cell begins: every kept column is covered by a cell merged down from a
    row above (a label and its text both merged over two rows). They carry no row of their
    own, as a reader of the printed page sees none."""
    return {
        r for r in rows[1:] if all((p := owner.get((r, c))) is not None and p.row < r for c in cols)
    }


def is_text_row(row: int, owner: dict[tuple[int, int], Placed], cols: Sequence[int]) -> bool:
    """A row made of one cell, one row high, spanning every kept column: a line of text
    printed across the table, not a row of it."""
    p = owner.get((row, cols[0]))
    if p is None or p.row != row or p.rowspan != 1 or p.is_empty:
        return False
    if p.col + p.colspan <= cols[-1]:
        return False  # it ends before the last column (most rows: a cell of a table)
    return all(owner.get((row, c)) is p for c in cols)


def text_blocks(p: Placed) -> Iterator[TextBlock]:
    """A cell printed outside any table: one text block per line, except that a heading
    cell's lines are one heading (a title broken over two lines is still one title)."""
    if (
        p.heading is not None
        and p.parts
        and not any(
            part.kind == "caption" or part.text.startswith(CAPTION_MARK) for part in p.parts
        )
    ):
        yield TextBlock(" ".join(part.text for part in p.parts), "heading", p.loc, p.heading)
        return
    for part in p.parts:
        if part.kind == "caption" or part.text.startswith(CAPTION_MARK):
            yield TextBlock(part.text, "caption", p.loc)
        elif p.heading is not None:
            yield TextBlock(part.text, "heading", p.loc, p.heading)
        else:
            yield TextBlock(part.text, "paragraph", p.loc)


def segment(
    placed: list[Placed],
    rows: Sequence[int],
    cols: Sequence[int],
    *,
    max_cells: int | None = None,
) -> Iterator[TextBlock | TableBlock]:
    """A sheet-like grid (a worksheet, a page exported as one big table) as text and tables,
    in reading order, told apart by their rulings as a reader of the printed page would.

    A row with two or more ruled cells belongs to a table; a row of unruled cells is text (a
    title, a heading, a paragraph typed across the sheet); where nothing is ruled, a row with
    two or more filled cells is a table row. A row covered by a ruled cell merged down from
    the table row above continues that table. Consecutive table rows form tables, split where an
    empty unruled column separates two tables side by side; a lone column is text.
    """
    owner = owners(placed)
    any_rules = any(p.ruled for p in placed)

    def row_cells(r: int) -> list[Placed]:
        seen: dict[int, Placed] = {}
        for c in cols:
            p = owner.get((r, c))
            if p is not None:
                seen.setdefault(id(p), p)
        return list(seen.values())

    table_rows: set[int] = set()
    for i, r in enumerate(rows):
        cells = row_cells(r)
        counted = (
            [p for p in cells if p.ruled] if any_rules else [p for p in cells if not p.is_empty]
        )
        continues = (
            i > 0
            and rows[i - 1] in table_rows
            and any(p.row < r and (p.ruled or not any_rules) for p in cells)
        )
        if len(counted) >= 2 or (continues and counted):
            table_rows.add(r)
    run: list[int] = []
    for r in rows:
        if r in table_rows:
            run.append(r)
            continue
        if run:
            yield from _tables(placed, owner, run, cols, max_cells)
            run = []
        for p in sorted(row_cells(r), key=lambda p: p.col):
            if p.row == r and not p.is_empty:
                yield from text_blocks(p)
    if run:
        yield from _tables(placed, owner, run, cols, max_cells)


def _tables(
    placed: list[Placed],
    owner: dict[tuple[int, int], Placed],
    run: list[int],
    cols: Sequence[int],
    max_cells: int | None,
) -> Iterator[TextBlock | TableBlock]:
    """The tables of a run of table rows, split at empty unruled columns between them; a lone
    column or a lone row is text."""

    def gap(c: int) -> bool:
        for r in run:
            p = owner.get((r, c))
            if p is not None and (p.ruled or not p.is_empty or p.colspan > 1):
                return False
        return True

    groups: list[list[int]] = [[]]
    for c in cols:
        if gap(c):
            if groups[-1]:
                groups.append([])
        else:
            groups[-1].append(c)
    inside = [p for p in placed if p.row + p.rowspan > run[0] and p.row <= run[-1]]
    for group in groups:
        if not group:
            continue
        members = [p for p in inside if p.col + p.colspan > group[0] and p.col <= group[-1]]
        if len(group) == 1:  # a lone column beside a table is text, not a table
            for p in sorted(members, key=lambda p: p.row):
                if not p.is_empty:
                    yield from text_blocks(p)
            continue
        if len(run) == 1:  # one row is no table: a boxed label and its text, side by side
            for p in sorted(members, key=lambda p: p.col):
                if not p.is_empty:
                    yield from text_blocks(p)
            continue
        dropped = continuation_columns(owner, run, group)
        keep = [c for c in group if c not in dropped]
        merged_rows = continuation_rows(owner, run, keep)
        grid = layout(members, [r for r in run if r not in merged_rows], keep, max_cells=max_cells)
        if grid and grid[0]:
            yield TableBlock(grid, grid[0][0].loc)
