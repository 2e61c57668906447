"""A worksheet dumped into one pipe table, as pandas writes it (MarkItDown on a workbook).

Such a conversion turns a whole worksheet — title, headings, paragraphs and the tables typed
between them — into a single table: the sheet's first row as its header, with ``Unnamed: N``
where that row is empty, ``NaN`` in every empty cell, a cell's line breaks written as a
literal ``\\n``, merged cells reduced to their first cell and no rulings. This module reads it
back as the sheet showed it: rows with one filled cell are text (a heading, a paragraph),
runs of rows with two or more filled cells are tables, and the columns a merged cell ran
through (empty in every row of a table) are dropped. A table row with one filled cell (a
row label whose text was a picture) reads as text: without the sheet's merges and rulings it
cannot be told from a title typed between two tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ...blocks import Block, Cell, Loc, TableBlock, TextBlock, expand_spans
from .cells import cell_parts
from .loc import line_loc

#: what pandas writes for an empty cell (NaN) or an empty header cell (Unnamed: 3)
_PLACEHOLDER = re.compile(r"^\s*(?:NaN|nan|NaT|None|Unnamed: \d+(?:_level_\d+)?)\s*$")
_UNNAMED = re.compile(r"^\s*Unnamed: \d+")
#: the words of a placeholder, anywhere
_PLACEHOLDER_WORD = re.compile(r"NaN|nan|NaT|None|Unnamed: \d")
#: the share of placeholder cells from which a table is a dumped sheet
_DUMP_SHARE = 0.3


def may_hold_dump(text: str) -> bool:
    """False where no table of a document (``text``) can be a dumped worksheet: none of the
    placeholder words can be anywhere in it (a cell's text is a piece of its line). Every
    word but ``None`` has an ``a``: one search for a character, most often."""
    return "a" in text or "None" in text


def is_sheet_dump(rows: Sequence[Sequence[str]]) -> bool:
    """True where a pipe table is a pandas dump of a worksheet: its header row has an
    ``Unnamed: N`` cell, or a large share of its cells are ``NaN``."""
    if not rows:
        return False
    if any("Unnamed: " in c and _UNNAMED.match(c) for c in rows[0]):
        return True
    if sum(map(len, rows)) < 4:
        return False
    text = "\n".join(["\n".join(row) for row in rows])
    # (most tables have no placeholder at all: plain searches for what each word starts
    # with, before the pattern's)
    if not (may_hold_dump(text) and _PLACEHOLDER_WORD.search(text)):
        return False
    cells = [c for row in rows for c in row]
    return sum(bool(_PLACEHOLDER.match(c)) for c in cells) >= _DUMP_SHARE * len(cells)


def _cell(text: str, loc: Loc) -> Cell:
    if _PLACEHOLDER.match(text):
        return Cell((), loc)
    return Cell(cell_parts(text.replace("\\n", "<br>")), loc)


def sheet_blocks(
    rows: Sequence[Sequence[str]], lines: Sequence[int], max_cells: int | None = None
) -> Iterator[Block]:
    """The text and tables of a dumped worksheet (``lines``: each row's Markdown line)."""
    grid = [[_cell(t, line_loc(n)) for t in row] for row, n in zip(rows, lines, strict=True)]
    filled = [sum(not c.is_empty for c in row) for row in grid]

    def in_table(r: int) -> bool:
        return filled[r] >= 2

    run: list[int] = []
    for r in range(len(grid)):
        if in_table(r):
            run.append(r)
            continue
        if run:
            yield from _table(grid, run, max_cells)
            run = []
        for cell in grid[r]:
            for part in cell.parts:
                yield TextBlock(part.text, "paragraph", cell.loc)
    if run:
        yield from _table(grid, run, max_cells)


def _table(grid: list[list[Cell]], run: list[int], max_cells: int | None) -> Iterator[Block]:
    """A run of table rows without the columns empty in all of them (a merged cell's)."""
    width = max(len(grid[r]) for r in run)
    keep = [
        c for c in range(width) if any(c < len(grid[r]) and not grid[r][c].is_empty for r in run)
    ]
    if len(run) == 1:  # one row is no table: its cells are text side by side
        for c in keep:
            for part in grid[run[0]][c].parts:
                yield TextBlock(part.text, "paragraph", grid[run[0]][c].loc)
        return
    rows = [
        [grid[r][c] if c < len(grid[r]) else Cell((), grid[r][0].loc) for c in keep] for r in run
    ]
    yield TableBlock(expand_spans(rows, max_cells=max_cells), rows[0][0].loc)
