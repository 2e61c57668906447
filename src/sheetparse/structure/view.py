"""A table seen as merged cells with positions: which cell shows at a grid position, where
each cell starts and how far it spans. Shared by the form, grid and evaluation readers."""

from __future__ import annotations

from collections.abc import Iterator

from ..blocks import Cell, TableBlock


class TableView:
    """Read-only positions of a table's merged cells."""

    __slots__ = ("n_cols", "n_rows", "pos", "table")

    def __init__(self, table: TableBlock) -> None:
        self.table = table
        self.n_rows = len(table.rows)
        self.n_cols = table.n_cols
        self.pos: dict[int, tuple[int, int]] = {}
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                if cell.covered_by is None:
                    self.pos[id(cell)] = (r, c)

    def at(self, r: int, c: int) -> Cell:
        """The cell whose content shows at (r, c): a merged cell's top-left where covered."""
        cell = self.table.rows[r][c]
        if cell.covered_by is not None:
            rr, cc = cell.covered_by
            return self.table.rows[rr][cc]
        return cell

    def start(self, cell: Cell) -> tuple[int, int]:
        return self.pos[id(cell)]

    def box(self, cell: Cell) -> tuple[int, int, int, int]:
        """(first row, first column, end row, end column) of a cell (ends exclusive)."""
        r, c = self.pos[id(cell)]
        return r, c, r + cell.rowspan, c + cell.colspan

    def origins(self) -> Iterator[Cell]:
        """Every cell once, row by row, left to right."""
        for row in self.table.rows:
            for cell in row:
                if cell.covered_by is None:
                    yield cell

    def row_origins(self, r: int, c0: int = 0, c1: int | None = None) -> Iterator[Cell]:
        """The distinct cells showing in row ``r`` between columns c0 and c1, left to right."""
        seen: set[int] = set()
        for c in range(c0, self.n_cols if c1 is None else c1):
            cell = self.at(r, c)
            if id(cell) not in seen:
                seen.add(id(cell))
                yield cell

    def covered(self, cell: Cell) -> list[Cell]:
        """The placeholder cells a merged cell covers (its own position excluded)."""
        r0, c0, r1, c1 = self.box(cell)
        return [
            self.table.rows[r][c]
            for r in range(r0, r1)
            for c in range(c0, c1)
            if (r, c) != (r0, c0)
        ]


def text(cell: Cell) -> str:
    """A cell's text with layout white space collapsed."""
    return cell.flat


__all__ = ["TableView", "text"]
