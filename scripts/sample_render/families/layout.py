"""A printed evaluation sheet as a page layout: lines of text and ruled grids of cells on one
column grid, the way a city lays its template out in a spreadsheet (方眼紙: many narrow columns,
each box a merged range).

A template module (:mod:`.ikeda`, :mod:`.yokohama`, :mod:`.policy`) turns its model of a sheet
into a :class:`Page`; :mod:`.html` and :mod:`.xlsx` print any page, so the renderings of one
sheet agree cell for cell. Nothing here knows sheetparse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Box:
    """One cell of a grid: rows ``r``..``r+rs-1`` and columns ``c``..``c+cs-1`` of the page's
    column grid (``r`` counts from the grid's first row)."""

    r: int
    c: int
    #: the lines the cell prints (one per paragraph or list item; a line break between them)
    lines: tuple[str, ...] = ()
    rs: int = 1
    cs: int = 1
    #: a label cell (shaded, centred)
    head: bool = False
    align: Align | None = None
    #: a figure as printed: stored as a number in the workbook where it is one
    number: bool = False
    #: struck through with a diagonal and hatched (a year not yet reached)
    hatched: bool = False
    #: characters stacked top to bottom (縦書き: 主/な/内/訳)
    vertical: bool = False
    #: a smaller font (notes under a label)
    small: bool = False
    #: highlighted (池田市 shades the year just evaluated and prints 国土強靭化 in yellow)
    fill: str | None = None
    #: printed at least this high (points): a box left for text to be written in
    height: float | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def box(
    r: int,
    c: int,
    text: str | list[str] | tuple[str, ...] = "",
    rs: int = 1,
    cs: int = 1,
    **kw: object,
) -> Box:
    """A box from a text (lines split at ``\\n``) or a list of lines."""
    lines = (tuple(text.split("\n")) if text else ()) if isinstance(text, str) else tuple(text)
    return Box(r, c, lines, rs, cs, **kw)  # type: ignore[arg-type]


@dataclass
class Grid:
    """A ruled table: boxes on the page's column grid."""

    boxes: list[Box] = field(default_factory=list)

    def add(self, *boxes: Box) -> None:
        self.boxes.extend(boxes)

    @property
    def n_rows(self) -> int:
        return max((b.r + b.rs for b in self.boxes), default=0)


@dataclass(frozen=True)
class Line:
    """Text outside the tables: pieces side by side on one printed line, each from a column of
    the grid to another (a title centred over the page, a NO. box at its right, two section
    headings over two tables)."""

    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class Piece:
    c: int
    cs: int
    text: str
    size: float = 10.5
    bold: bool = False
    align: Align = "left"
    #: drawn in a box (池田市's NO. box)
    boxed: bool = False
    #: the workbook stores this number and prints the text through a number format
    #: (``"NO. "0``), where the city typed the number alone
    number: int | None = None
    number_format: str | None = None


def line(c: int, cs: int, text: str, **kw: object) -> Line:
    return Line((Piece(c, cs, text, **kw),))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Gap:
    """Vertical space between two blocks (an empty, narrow row in the workbook)."""

    height: float = 6.0


Block = Line | Grid | Gap


@dataclass
class Page:
    """One sheet as printed (it may run over two printed pages)."""

    #: the worksheet's tab name in the workbook
    name: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


@dataclass
class Book:
    """Sheets printed one after another in one file, on one column grid."""

    #: the file's title (the HTML page's <title>, the workbook's title property)
    title: str
    #: column widths of the grid, in spreadsheet character units
    widths: tuple[float, ...]
    pages: list[Page] = field(default_factory=list)
    #: who published it (the workbook's author, the CMS page's inquiry box)
    department: str = ""
    landscape: bool = False
    #: the cells' font size (points; notes print smaller)
    font_size: float = 7.0


__all__ = ["Align", "Block", "Book", "Box", "Gap", "Grid", "Line", "Page", "Piece", "box", "line"]
