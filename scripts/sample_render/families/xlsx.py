"""A :class:`~.layout.Book` as the workbook a city types its evaluation sheets into: one
worksheet per sheet on a grid of narrow columns (方眼紙), each box a merged range with thin
borders, labels shaded, figures stored as numbers with the format that prints them as the
sheet does, stacked labels in vertical text, hatched cells shaded grey, A4 portrait pages.
Deterministic: fixed timestamps in the package."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..render_xlsx import FIXED_TIME, _fixed_zip, _lines, fit_a4, stored_value
from .layout import Book, Box, Gap, Grid, Line, Page

FONT = "ＭＳ Ｐゴシック"
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HATCHED = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN, diagonal=_THIN, diagonalUp=True)
_HEAD_FILL = PatternFill("solid", fgColor="DCE3EC")
_HATCH_FILL = PatternFill("solid", fgColor="A6A6A6")
_LINE_HEIGHT = 11.5


def _alignment(b: Box) -> Alignment:
    if b.vertical:
        return Alignment(textRotation=255, vertical="center", horizontal="center", wrap_text=True)
    horizontal = b.align or ("center" if b.head else "right" if b.number else "left")
    return Alignment(wrap_text=True, vertical="center", horizontal=horizontal)


class _Sheet:
    def __init__(self, ws: Worksheet, widths: tuple[float, ...], diagonals: bool) -> None:
        self.ws = ws
        self.widths = widths
        self.diagonals = diagonals
        self.font_size = 7.0
        self.row = 1
        self.heights: dict[int, float] = {}

    def _need(self, r: int, rs: int, c: int, cs: int, text: str, size: float) -> None:
        if not text:
            return
        width = sum(self.widths[c : c + cs])
        need = _lines(text, width * 10 / size) * _LINE_HEIGHT * size / 8 + 4
        rows = range(r, r + rs)
        have = sum(self.heights.get(x, 14.0) for x in rows)
        if need > have:
            last = r + rs - 1
            self.heights[last] = self.heights.get(last, 14.0) + need - have

    def grid(self, g: Grid) -> None:
        ws = self.ws
        top = self.row
        for r in range(g.n_rows):
            self.heights.setdefault(top + r, 14.0)
        for b in sorted(g.boxes, key=lambda b: (b.rs, b.r, b.c)):
            r, c = top + b.r, b.c + 1
            cell = ws.cell(row=r, column=c)
            size = self.font_size - 1 if b.small else self.font_size + 1
            if b.lines:
                if b.number and len(b.lines) == 1:
                    value, fmt = stored_value(b.lines[0])
                    cell.value = value
                    cell.number_format = fmt
                else:
                    cell.value = "".join(b.lines) if b.vertical else b.text
            cell.font = Font(name=FONT, size=size)
            cell.alignment = _alignment(b)
            if b.rs > 1 or b.cs > 1:
                ws.merge_cells(
                    start_row=r, start_column=c, end_row=r + b.rs - 1, end_column=c + b.cs - 1
                )
            fill = (
                _HATCH_FILL
                if b.hatched
                else PatternFill("solid", fgColor=b.fill)
                if b.fill
                else _HEAD_FILL
                if b.head
                else None
            )
            for rr in range(r, r + b.rs):
                for cc in range(c, c + b.cs):
                    x = ws.cell(row=rr, column=cc)
                    x.border = _HATCHED if b.hatched and self.diagonals else _BOX
                    if fill is not None:
                        x.fill = fill
            if b.height:
                have = sum(self.heights.get(x, 14.0) for x in range(r, r + b.rs))
                if b.height > have:
                    last = r + b.rs - 1
                    self.heights[last] = self.heights.get(last, 14.0) + b.height - have
            if not b.vertical:
                self._need(r, b.rs, b.c, b.cs, b.text, size)
            else:
                need = len("".join(b.lines)) * 11.0 + 6
                have = sum(self.heights.get(x, 14.0) for x in range(r, r + b.rs))
                if need > have:
                    last = r + b.rs - 1
                    self.heights[last] = self.heights.get(last, 14.0) + need - have
        self.row = top + g.n_rows

    def line(self, ln: Line) -> None:
        ws = self.ws
        r = self.row
        height = 14.0
        for p in ln.pieces:
            c = p.c + 1
            cell = ws.cell(row=r, column=c)
            if p.number is not None:
                cell.value = p.number
                cell.number_format = p.number_format or "General"
            else:
                cell.value = p.text
            cell.font = Font(name=FONT, size=p.size, bold=p.bold)
            cell.alignment = Alignment(horizontal=p.align, vertical="center", wrap_text=False)
            if p.cs > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + p.cs - 1)
            if p.boxed:
                for cc in range(c, c + p.cs):
                    ws.cell(row=r, column=cc).border = _BOX
            height = max(height, p.size * 1.6)
        self.heights[r] = height
        self.row += 1

    def gap(self, g: Gap) -> None:
        self.heights[self.row] = g.height
        self.row += 1

    def finish(self, landscape: bool) -> None:
        ws = self.ws
        for c, w in enumerate(self.widths, 1):
            ws.column_dimensions[get_column_letter(c)].width = w
        for r, h in sorted(self.heights.items()):
            ws.row_dimensions[r].height = round(h, 1)
        fit_a4(ws, landscape=landscape, margin=0.5)
        ws.sheet_view.showGridLines = False
        ws.print_area = f"A1:{get_column_letter(len(self.widths))}{max(self.row - 1, 1)}"


def _page(ws: Worksheet, page: Page, book: Book, diagonals: bool) -> None:
    s = _Sheet(ws, book.widths, diagonals)
    s.font_size = book.font_size
    for b in page.blocks:
        if isinstance(b, Grid):
            s.grid(b)
        elif isinstance(b, Line):
            s.line(b)
        elif isinstance(b, Gap):
            s.gap(b)
    s.finish(book.landscape)


def render_xlsx(book: Book, diagonals: bool = False) -> bytes:
    """The workbook's bytes: one worksheet per sheet, in order. Hatched cells are shaded grey;
    ``diagonals`` also strikes them through with a diagonal border (斜線), which LibreOffice
    exports as a stroke the PDF reader does not read yet (see tests/test_family_samples.py)."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = book.department
    wb.properties.lastModifiedBy = book.department
    wb.properties.title = book.title
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    for page in book.pages:
        _page(wb.create_sheet(page.name), page, book, diagonals)
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue())


__all__ = ["render_xlsx"]
