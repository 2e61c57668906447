"""Coverage accounting: where every character of the source went.

Each text block and table cell a reader produced is marked by the structure step as *placed*
(its text is in a record field), *structure* (a heading, label, table title or header the
vocabulary knows) or *reported* (content the contract has no field for, kept whole in an
``unmapped-content`` diagnostic). Whatever is left unmarked is reported in an
``unplaced-block`` diagnostic, so nothing is dropped silently; the tally is
:class:`sheetparse.model.Coverage`.
"""

from __future__ import annotations

from typing import Literal

from .blocks import Cell, Document, TableBlock, TextBlock
from .model import Coverage
from .textutil import strip_ws

Status = Literal["placed", "structure", "reported", "skipped", "unplaced"]


class Ledger:
    """Marks per block or cell (by identity); the first *placed* mark wins over others."""

    __slots__ = ("_marks",)

    def __init__(self) -> None:
        self._marks: dict[int, Status] = {}

    def mark(self, status: Status, *objs: Cell | TextBlock | TableBlock) -> None:
        marks = self._marks
        for obj in objs:
            key = id(obj)
            if marks.get(key) != "placed":
                marks[key] = status

    def placed(self, *objs: Cell | TextBlock | TableBlock) -> None:
        marks = self._marks
        for obj in objs:
            marks[id(obj)] = "placed"  # it wins over any other mark

    def structure(self, *objs: Cell | TextBlock | TableBlock) -> None:
        marks = self._marks
        for obj in objs:
            key = id(obj)
            if marks.get(key) != "placed":
                marks[key] = "structure"

    def status(self, obj: Cell | TextBlock | TableBlock) -> Status | None:
        return self._marks.get(id(obj))

    def unmarked(self, table: TableBlock) -> list[Cell]:
        """The cells of ``table`` with text (not covered by a merge) that bear no mark."""
        marks = self._marks
        return [
            c
            for row in table.rows
            for c in row
            if c.covered_by is None and id(c) not in marks and not c.is_empty
        ]


def _chars(text: str) -> int:
    return len(strip_ws(text))


def tally(doc: Document, ledger: Ledger) -> Coverage:
    """Count the source's characters by where they went."""
    # by status; a unit without one (or an unknown one) counts as unplaced
    sums = dict.fromkeys(("placed", "structure", "reported", "skipped", "unplaced"), 0)
    skipped = sum(_chars(s.text) for s in doc.skipped)
    status_of = ledger._marks.get
    # the cells' one-line texts (made already for nearly every cell) gathered by status and
    # counted once per status: that text's only white space is single spaces and U+3000 (kept
    # as printed), and all else strip_ws keeps of the cell's text it keeps
    flats: dict[Status | None, list[str]] = {}
    for block in doc.blocks:  # every text block and every cell with text, once
        if isinstance(block, TextBlock):
            status = status_of(id(block))
            key = status if status in sums else "unplaced"
            sums[key] += _chars(block.text)  # type: ignore[index]
            continue
        for row in block.rows:
            for cell in row:
                if cell.covered_by is None and cell.parts:
                    status = status_of(id(cell))
                    group = flats.get(status)
                    if group is None:
                        group = flats[status] = []
                    group.append(cell.flat)
    for status, group in flats.items():
        text = "".join(group)
        key = status if status in sums else "unplaced"  # none (or an unknown one): unplaced
        sums[key] += len(text) - text.count(" ") - text.count("\u3000")  # type: ignore[index]
    sums["skipped"] += skipped
    return Coverage(
        source_chars=sum(sums.values()),
        placed_chars=sums["placed"],
        structure_chars=sums["structure"],
        reported_chars=sums["reported"],
        skipped_chars=sums["skipped"],
        unplaced_chars=sums["unplaced"],
    )
