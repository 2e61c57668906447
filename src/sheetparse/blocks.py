"""Format-neutral blocks: what every reader produces and the structure step consumes.

Readers know nothing of progress sheets. They turn a file into a flat list of blocks — text
(headings, paragraphs, figure captions) and tables as a rectangular grid of cells with merged
cells expanded — each with its :class:`Loc`. A cell keeps its inner structure as
:class:`Part` objects (paragraphs, list items, lines), so that splitting a cell into items is
decided once, in :mod:`sheetparse.cells`, not once per reader.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .errors import InputTooLarge
from .model import Diagnostic, Format, Location
from .textutil import collapse_ws

#: How a piece of cell text was marked up, which decides how it splits into items:
#: ``p`` a paragraph (one item); ``li`` a list item (one item); ``list`` the text of a list
#: that lost its ``<li>`` tags (split at bullets, else at spaces); ``text`` free text (split at
#: bullets, else one item); ``line`` a hard line of a multi-line cell (Excel line break,
#: ``<br>``, a PDF line that starts a new item); ``caption`` an explicit figure caption.
PartKind = Literal["p", "li", "list", "text", "line", "caption"]


@dataclass(frozen=True, slots=True)
class Loc:
    """Lightweight location of a block or cell (converted to :class:`Location` at the edge)."""

    page: int | None = None
    line: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    sheet: str | None = None
    cell: str | None = None
    #: the Location made of it, shared by every record printed there (Location is frozen):
    #: the cells of a Markdown row, or of an HTML line, share one Loc
    _model: Location | None = field(default=None, init=False, repr=False, compare=False)

    def to_model(self) -> Location:
        model = self._model
        if model is None:
            model = self._make_model()
            _SET_LOC_MODEL(self, model)
        return model

    def _make_model(self) -> Location:
        # only the keys that are set: a record's location is made for every value, and
        # pydantic keeps a set of the keys given per instance (five keys: 728 bytes, two: 216)
        given: dict[str, Any] = {}
        if self.page is not None:
            given["page"] = self.page
        if self.line is not None:
            given["line"] = self.line
        if self.bbox:
            given["bbox"] = [round(v, 2) for v in self.bbox]
        if self.sheet is not None:
            given["sheet"] = self.sheet
        if self.cell is not None:
            given["cell"] = self.cell
        return Location(**given)


_SET_LOC_MODEL = Loc._model.__set__  # type: ignore[attr-defined]
NO_LOC = Loc()


@dataclass(frozen=True, slots=True, init=False)
class Part:
    """A run of text inside a cell, with the markup that decides how it splits."""

    kind: PartKind
    text: str

    def __init__(self, kind: PartKind, text: str) -> None:
        # the slots set directly, as Cell does (readers make a part for nearly every cell)
        _SET_KIND(self, kind)
        _SET_PART_TEXT(self, text)


_SET_KIND = Part.kind.__set__  # type: ignore[attr-defined]
_SET_PART_TEXT = Part.text.__set__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True, eq=False, init=False)
class Cell:
    """One grid position of a table.

    A merged cell's content sits at its top-left position with its span; every other position
    it covers holds an empty Cell whose ``covered_by`` names that top-left ``(row, col)``.
    Identity (not value) equality, so the structure step can account for each cell once.
    """

    parts: tuple[Part, ...] = ()
    loc: Loc = NO_LOC
    rowspan: int = 1
    colspan: int = 1
    covered_by: tuple[int, int] | None = None
    #: the text and the one-line text, computed on first use: the structure step reads a cell
    #: many times over (classifying, header rows, labels, coverage)
    _text: str | None = field(default=None, init=False, repr=False)
    _flat: str | None = field(default=None, init=False, repr=False)

    def __init__(
        self,
        parts: tuple[Part, ...] = (),
        loc: Loc = NO_LOC,
        rowspan: int = 1,
        colspan: int = 1,
        covered_by: tuple[int, int] | None = None,
    ) -> None:
        # the dataclass's own __init__ sets each field through object.__setattr__ (it is
        # frozen); setting the slots directly makes the same, still frozen, cell in half the
        # time (readers make thousands)
        _SET_PARTS(self, parts)
        _SET_LOC(self, loc)
        _SET_ROWSPAN(self, rowspan)
        _SET_COLSPAN(self, colspan)
        _SET_COVERED_BY(self, covered_by)
        # an empty cell's text known at once (a third of a sheet's cells are empty)
        text = None if parts else ""
        _SET_TEXT(self, text)
        _SET_FLAT(self, text)

    @property
    def text(self) -> str:
        """All text of the cell, parts joined by a space."""
        text = self._text
        if text is None:
            parts = self.parts
            one = len(parts) == 1  # most cells: its text as it is
            text = parts[0].text if one else " ".join([p.text for p in parts if p.text])
            _SET_TEXT(self, text)
        return text

    @property
    def flat(self) -> str:
        """The text on one line: runs of layout white space as one space, trimmed
        (:func:`~sheetparse.textutil.collapse_ws`)."""
        flat = self._flat
        if flat is None:
            flat = collapse_ws(self.text)
            _SET_FLAT(self, flat)
        return flat

    @property
    def is_empty(self) -> bool:
        # no part has any text (the text joins them); the text read directly once made
        text = self._text
        return not (text if text is not None else self.text).strip()


_SET_PARTS = Cell.parts.__set__  # type: ignore[attr-defined]
_SET_LOC = Cell.loc.__set__  # type: ignore[attr-defined]
_SET_ROWSPAN = Cell.rowspan.__set__  # type: ignore[attr-defined]
_SET_COLSPAN = Cell.colspan.__set__  # type: ignore[attr-defined]
_SET_COVERED_BY = Cell.covered_by.__set__  # type: ignore[attr-defined]
_SET_TEXT = Cell._text.__set__  # type: ignore[attr-defined]
_SET_FLAT = Cell._flat.__set__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True, eq=False)
class TextBlock:
    """Text outside tables: a heading, a paragraph or a figure caption."""

    text: str
    kind: Literal["heading", "paragraph", "caption"] = "paragraph"
    loc: Loc = NO_LOC
    #: heading level where the markup says (h1 → 1); None otherwise
    level: int | None = None


@dataclass(frozen=True, slots=True, eq=False)
class TableBlock:
    """A table as a rectangular grid (every row has the same number of cells)."""

    rows: tuple[tuple[Cell, ...], ...]
    loc: Loc = NO_LOC
    #: rows the markup marks as header (Markdown rows above the separator, HTML ``<thead>``)
    header_rows: int = 0
    _shown: tuple[tuple[str, ...], ...] | None = field(default=None, init=False, repr=False)

    @property
    def n_cols(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    @property
    def shown(self) -> tuple[tuple[str, ...], ...]:
        """The one-line text that shows at each position (:attr:`Cell.flat`; a merged cell's at
        every position it covers), computed once: the structure step looks up labels in it."""
        shown = self._shown
        if shown is None:
            out = []
            rows = self.rows
            n = self.n_cols
            for row in rows:
                texts = []
                for cell in row if len(row) == n else row[:n]:
                    if cell.covered_by is not None:
                        r0, c0 = cell.covered_by
                        cell = rows[r0][c0]
                    texts.append(cell.flat)
                out.append(tuple(texts))
            shown = tuple(out)
            object.__setattr__(self, "_shown", shown)
        return shown

    def cells(self) -> Iterable[Cell]:
        for row in self.rows:
            yield from row


Block = TextBlock | TableBlock


@dataclass(frozen=True, slots=True)
class Skipped:
    """Text a reader recognised as page furniture and left out (running header, page number)."""

    text: str
    reason: Literal["running-header", "running-footer", "page-number", "chrome"]
    loc: Loc = NO_LOC


@dataclass(slots=True)
class Document:
    """A reader's output: the blocks in reading order plus what the reader itself noticed."""

    format: Format
    blocks: list[Block] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    page_count: int | None = None


def empty_cell(loc: Loc = NO_LOC, covered_by: tuple[int, int] | None = None) -> Cell:
    return Cell((), loc, 1, 1, covered_by)


def expand_spans(
    rows: Sequence[Sequence[Cell]], *, max_cells: int | None = None
) -> tuple[tuple[Cell, ...], ...]:
    """Lay out rows of cells with HTML rowspan/colspan semantics on a rectangular grid.

    ``rows`` lists only the cells that are present in the markup; positions covered by a span
    from above or the left are filled with covered placeholders, and short rows are padded with
    empty cells. Raises :class:`InputTooLarge` before allocating more than ``max_cells``.
    """
    n_rows = len(rows)
    if all(cell.rowspan == 1 and cell.colspan == 1 for row in rows for cell in row):
        return pad_rows(rows, max_cells)
    occupied: dict[tuple[int, int], Cell] = {}
    n_cols = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in occupied:
                c += 1
            rs = max(1, min(cell.rowspan, n_rows - r))
            cs = max(1, cell.colspan)
            if max_cells is not None and (c + cs) * n_rows > max_cells:
                raise InputTooLarge(
                    f"a table has more than {max_cells:,} cells; raise the max_cells limit "
                    "if this file is genuine"
                )
            if (rs, cs) != (cell.rowspan, cell.colspan):
                cell = Cell(cell.parts, cell.loc, rs, cs)
            occupied[(r, c)] = cell
            for dr in range(rs):
                for dc in range(cs):
                    if dr or dc:
                        occupied[(r + dr, c + dc)] = empty_cell(cell.loc, (r, c))
            c += cs
            n_cols = max(n_cols, c)
    if max_cells is not None and n_cols * n_rows > max_cells:
        raise InputTooLarge(
            f"a table has more than {max_cells:,} cells; raise the max_cells limit if this file "
            "is genuine"
        )
    grid = []
    for r in range(n_rows):
        grid.append(
            tuple(
                occupied.get((r, c)) or empty_cell(rows[r][-1].loc if rows[r] else NO_LOC)
                for c in range(n_cols)
            )
        )
    return tuple(grid)


def pad_rows(
    rows: Sequence[Sequence[Cell]], max_cells: int | None = None
) -> tuple[tuple[Cell, ...], ...]:
    """:func:`expand_spans` of rows without spans (most Markdown tables): each row as it is,
    short rows padded with empty cells."""
    n_rows = len(rows)
    n_cols = max((len(row) for row in rows), default=0)
    if max_cells is not None and n_cols * n_rows > max_cells:
        raise InputTooLarge(
            f"a table has more than {max_cells:,} cells; raise the max_cells limit "
            "if this file is genuine"
        )
    return tuple(
        tuple(row)
        if len(row) == n_cols  # (most rows: nothing to pad)
        else tuple(row)
        + tuple(empty_cell(row[-1].loc if row else NO_LOC) for _ in range(n_cols - len(row)))
        for row in rows
    )
