"""Excel reader: a sheet as the workbook (.xlsx) a city typed it into.

Each visible worksheet's used range becomes blocks in reading order (top to bottom, left to
right; worksheets in tab order). Rows are told apart by their rulings, as a reader of the
printed page would: a row with two or more ruled cells belongs to a table, a row of unruled
cells is text (a title, a measure heading, a direction paragraph typed across the sheet); in a
workbook without any rulings, a row with two or more filled cells is a table row. Consecutive
table rows form a table, split where an empty unruled column separates two tables side by
side; merged ranges become rowspan/colspan, and the narrow layout columns a merged range runs
through are dropped.

Cell text is what the sheet prints: numbers through their number format (``1,100`` for
``#,##0``, ``45.5%`` for ``0.0%``; see :mod:`.xlsx_format`), text as typed. A cell with line
breaks gives one ``line`` part per line (each ``・`` line an item), a cell without gives one
``text`` part. Hidden rows, columns and worksheets are not printed and are skipped, with an
``hidden-content`` diagnostic where they hold text. A title repeated at the top of every
worksheet is kept once (the others are skipped as running headers). Every block and cell
carries its worksheet and top-left cell address.

openpyxl is an optional dependency (``pip install "sheetparse[xlsx]"``).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ... import diagnostics as dg
from ...blocks import Document, Loc, Part, Skipped, TableBlock, TextBlock
from ...errors import (
    CorruptDocument,
    EncryptedDocument,
    InputTooLarge,
    MissingDependency,
    SheetParseError,
    UnsupportedFormat,
)
from ...limits import DEFAULT_LIMITS, Limits
from ...sniff import not_a_workbook
from ...textutil import collapse_ws, strip_ws
from ..grid import Placed, owners, segment
from .format import display
from .parts import ShapeText, SheetLayout, sheet_layout, sheet_parts, sheet_shapes

#: how much a workbook may expand when unzipped, relative to max_bytes (a zip bomb guard)
_EXPANSION = 20
_HEADER_CODES = re.compile(r"&(?:\"[^\"]*\"|\d+|[A-Za-z&])")


@dataclass(frozen=True, slots=True)
class _Text:
    """A cell's printed text with the font facts that make it a heading."""

    text: str
    bold: bool
    size: float


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError as e:
        raise MissingDependency(
            'reading .xlsx workbooks needs openpyxl: pip install "sheetparse[xlsx]"'
        ) from e
    return openpyxl


def _check_package(data: bytes, limits: Limits) -> None:
    """A workbook package, not another zip, not a bomb; typed errors otherwise."""
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise EncryptedDocument(
            "an OLE2 compound file: a password-protected workbook or a legacy .xls; save it as "
            ".xlsx without a password"
        )
    reason = None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            if "xl/workbook.xml" not in names and not any(
                n.startswith("xl/") and n.endswith("workbook.xml") for n in names
            ):
                reason = not_a_workbook(z)
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise CorruptDocument(f"not a readable .xlsx (ZIP) package: {e}") from e
    if reason is not None:
        raise UnsupportedFormat(reason)
    if limits.max_bytes is not None:
        total = sum(i.file_size for i in infos)
        if total > _EXPANSION * limits.max_bytes:
            raise InputTooLarge(
                f"the workbook unpacks to {total:,} bytes, more than {_EXPANSION} times the "
                f"max_bytes limit; not read"
            )


def _load(data: bytes, limits: Limits) -> Any:
    openpyxl = _openpyxl()
    _check_package(data, limits)
    try:
        return openpyxl.load_workbook(
            io.BytesIO(data),
            read_only=True,
            data_only=True,
            keep_links=False,
            keep_vba=False,
            rich_text=False,
        )
    except MemoryError:
        raise
    except Exception as e:  # openpyxl raises KeyError, ValueError, TypeError, XML errors …
        raise CorruptDocument(
            f"a damaged workbook that openpyxl cannot open ({type(e).__name__}: {e})"
        ) from e


_SIDES = ("left", "right", "top", "bottom")


def _sides(cell: Any) -> frozenset[str]:
    """The sides on which a cell draws a border of its own."""
    border = cell.border
    return frozenset(side for side in _SIDES if getattr(getattr(border, side, None), "style", None))


def _text_of(cell: Any) -> str:
    text = display(cell.value, cell.number_format)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "")


def _parts(text: str) -> tuple[Part, ...]:
    """A cell's text as parts: one line part per line of a multi-line cell, else one text
    part."""
    lines = [collapse_ws(x) for x in text.split("\n")]
    lines = [x for x in lines if x]
    if len(lines) > 1:
        return tuple(Part("line", x) for x in lines)
    return (Part("text", lines[0]),) if lines else ()


def _heading(t: _Text | None) -> int | None:
    """Heading level of a bold cell by its font size (14pt and up: 1; 12pt: 2; else 3)."""
    if t is None or not t.bold:
        return None
    return 1 if t.size >= 14 else 2 if t.size >= 12 else 3


class _SheetReader:
    """One worksheet → blocks: cells from openpyxl's read-only stream, the layout (merges,
    hidden rows and columns) from the worksheet's XML."""

    def __init__(self, ws: Any, layout: SheetLayout, doc: Document, limits: Limits) -> None:
        self.ws = ws
        self.layout = layout
        self.doc = doc
        self.limits = limits
        self.name: str = ws.title

    def loc(self, row: int, col: int) -> Loc:
        from openpyxl.utils import get_column_letter

        return Loc(sheet=self.name, cell=f"{get_column_letter(col)}{row}")

    def cells(self) -> Iterator[Any]:
        """Every cell the worksheet stores (with a value or a style), however its recorded
        dimension reads."""
        ws = self.ws
        reset = getattr(ws, "reset_dimensions", None)
        if reset is not None:
            reset()  # a wrong <dimension> must not cut the sheet short
        budget = None if self.limits.max_cells is None else 4 * self.limits.max_cells
        n = 0
        for row in ws.iter_rows():
            for cell in row:
                if getattr(cell, "row", None) is None:
                    continue  # padding of the stream, not a stored cell
                n += 1
                if budget is not None and n > budget:
                    raise InputTooLarge(
                        f"worksheet {self.name!r} stores more than {budget:,} cells (four times "
                        "the max_cells limit)"
                    )
                yield cell

    def read(self) -> list[TextBlock | TableBlock]:
        layout = self.layout
        hidden_cols = layout.hidden_cols
        texts: dict[tuple[int, int], _Text] = {}
        rules: set[tuple[int, int]] = set()
        #: positions with a border on their top, on their bottom edge
        tops: set[tuple[int, int]] = set()
        bottoms: set[tuple[int, int]] = set()
        hidden_text: list[tuple[int, int]] = []
        styles: dict[object, frozenset[str]] = {}
        for cell in self.cells():
            r, c = cell.row, cell.column
            if cell.has_style:
                key = getattr(cell, "_style_id", None)
                if key is None:
                    key = id(cell)
                sides = styles.get(key)
                if sides is None:
                    sides = styles[key] = _sides(cell)
                if sides:
                    rules.add((r, c))
                    if "top" in sides:
                        tops.add((r, c))
                    if "bottom" in sides:
                        bottoms.add((r, c))
            if cell.value is None:
                continue
            text = _text_of(cell)
            if not text.strip():
                continue
            if layout.row_hidden(r) or c in hidden_cols:
                hidden_text.append((r, c))
                continue
            font = cell.font
            texts[(r, c)] = _Text(text, bool(font and font.b), float((font and font.sz) or 11))
        merged = layout.merges
        if hidden_text:
            r, c = min(hidden_text)
            self.doc.diagnostics.append(
                dg.make(
                    "info",
                    "hidden-content",
                    f"Worksheet {self.name!r}: {len(hidden_text)} cell(s) with text in hidden rows "
                    "or columns are not printed and were left out.",
                    self.loc(r, c),
                )
            )
        if not texts:
            return []
        r0 = min(r for r, _ in texts)
        r1 = max(r for r, _ in texts)
        c0 = min(c for _, c in texts)
        c1 = max(c for _, c in texts)
        for a, b, cc, d in merged:
            if a <= r1 and cc >= r0 and b <= c1 and d >= c0:
                r0, r1, c0, c1 = min(r0, a), max(r1, cc), min(c0, b), max(c1, d)
        if self.limits.max_cells is not None and (r1 - r0 + 1) * (c1 - c0 + 1) > (
            4 * self.limits.max_cells
        ):
            raise InputTooLarge(
                f"worksheet {self.name!r} spans {r1 - r0 + 1:,} rows × {c1 - c0 + 1:,} columns, "
                f"far more than the max_cells limit of {self.limits.max_cells:,}"
            )
        rows = [r for r in range(r0, r1 + 1) if not layout.row_hidden(r)]
        cols = [c for c in range(c0, c1 + 1) if c not in hidden_cols]
        if self.limits.max_cells is not None and len(rows) * len(cols) > self.limits.max_cells:
            raise InputTooLarge(
                f"worksheet {self.name!r} spans {len(rows):,} rows × {len(cols):,} columns, "
                f"more than the max_cells limit of {self.limits.max_cells:,}"
            )
        placed = self.placed(texts, rules, merged, rows, cols)
        placed = join_open_cells(placed, tops, bottoms)
        return list(segment(placed, rows, cols, max_cells=self.limits.max_cells))

    def placed(
        self,
        texts: dict[tuple[int, int], _Text],
        rules: set[tuple[int, int]],
        merged: list[tuple[int, int, int, int]],
        rows: list[int],
        cols: list[int],
    ) -> list[Placed]:
        """Every visible position of the used range as a placed cell (merged ranges as one)."""

        def ruled(r: int, c: int) -> bool:
            # a cell's own borders only: the line a neighbour draws on its edge (the blank row
            # under a table, the title above it) does not make it a table cell
            return (r, c) in rules

        out: list[Placed] = []
        covered: set[tuple[int, int]] = set()
        row_set, col_set = set(rows), set(cols)
        for a, b, cc, d in merged:
            if not (
                any(r in row_set for r in range(a, cc + 1))
                and any(c in col_set for c in range(b, d + 1))
            ):
                continue
            t = texts.get((a, b))
            is_ruled = any(
                ruled(r, c)
                for r in range(a, cc + 1)
                for c in range(b, d + 1)
                if (cc - a + 1) * (d - b + 1) <= 4096
            ) or ruled(a, b)
            out.append(
                Placed(
                    a,
                    b,
                    cc - a + 1,
                    d - b + 1,
                    _parts(t.text) if t else (),
                    self.loc(a, b),
                    is_ruled,
                    _heading(t),
                )
            )
            for r in range(a, cc + 1):
                for c in range(b, d + 1):
                    covered.add((r, c))
        # single cells: only those with text or rulings (an empty unruled position is the
        # absence of a cell; layout() fills it)
        for r, c in sorted((set(texts) | rules) - covered):
            if r in row_set and c in col_set:
                t = texts.get((r, c))
                out.append(
                    Placed(
                        r,
                        c,
                        1,
                        1,
                        _parts(t.text) if t else (),
                        self.loc(r, c),
                        (r, c) in rules,
                        _heading(t),
                    )
                )
        return out


def join_open_cells(
    placed: list[Placed], tops: set[tuple[int, int]], bottoms: set[tuple[int, int]]
) -> list[Placed]:
    """Cells beside a row label merged down over several rows, with no ruling between them,
    as one cell: the printed page shows one box (the text, then a picture and its ``▲``
    caption typed into the cell below), so the row is one row of the table.

    The label is a ruled merged cell with text that is the first cell of its rows (nothing
    printed to its left in them: a 目指す成果 merged down beside the actor labels is not one).
    Inside its rows a cell to its right takes in the cells below it while no border separates
    them (neither its bottom nor their top is ruled) and they lie within its columns; empty
    positions below (no text, no border) are taken in as well.
    """
    labels = sorted(
        (p for p in placed if p.ruled and p.rowspan > 1 and not p.is_empty),
        key=lambda p: (p.row, p.col),
    )
    if not labels:
        return placed
    owner = owners(placed)
    out = {(p.row, p.col): p for p in placed}
    width = max(p.col + p.colspan for p in placed)
    done: set[int] = set()  # rows already read under a label (overlapping merges)
    for label in labels:
        first, last = label.row, label.row + label.rowspan - 1
        right = label.col + label.colspan
        if first in done or any(
            (q := owner.get((r, c))) is not None and not q.is_empty
            for r in range(first, last + 1)
            for c in range(1, label.col)
        ):
            continue
        done.update(range(first, last + 1))
        for r in range(first, last + 1):
            for c0 in range(right, width):
                cell = out.get((r, c0))
                if cell is None:
                    continue
                while (below := cell.row + cell.rowspan) <= last:
                    span = range(cell.col, cell.col + cell.colspan)
                    if any((below - 1, c) in bottoms or (below, c) in tops for c in span):
                        break
                    under = list({id(q): q for c in span if (q := owner.get((below, c)))}.values())
                    if any(
                        q.row != below or q.rowspan != 1 or q.col < span[0] or q.col > span[-1]
                        or q.col + q.colspan > span[-1] + 1
                        for q in under
                    ):  # fmt: skip
                        break
                    under.sort(key=lambda q: q.col)
                    cell = Placed(
                        cell.row,
                        cell.col,
                        cell.rowspan + 1,
                        cell.colspan,
                        cell.parts + tuple(part for q in under for part in q.parts),
                        cell.loc,
                        cell.ruled or any(q.ruled for q in under),
                        cell.heading,
                    )
                    for q in under:
                        del out[(q.row, q.col)]
                    for rr in range(cell.row, below + 1):
                        for c in span:
                            owner[(rr, c)] = cell
                    out[(cell.row, cell.col)] = cell
    return list(out.values())


_CELL_REF = re.compile(r"([A-Z]+)(\d+)$")


def _row_of(block: TextBlock | TableBlock) -> int:
    m = _CELL_REF.match(block.loc.cell or "")
    return int(m.group(2)) if m else 0


def _with_shapes(
    blocks: list[TextBlock | TableBlock], shapes: list[ShapeText], sheet: str
) -> list[TextBlock | TableBlock]:
    """Blocks with the text of text boxes and shapes put in reading order by the row their
    top-left corner is anchored to."""
    from openpyxl.utils import get_column_letter

    out: list[TextBlock | TableBlock] = []
    pending = sorted(shapes, key=lambda s: (s.row, s.col))
    for block in blocks:
        row = _row_of(block)
        while pending and pending[0].row < row:
            out += _shape_blocks(pending.pop(0), sheet, get_column_letter)
        out.append(block)
    for shape in pending:
        out += _shape_blocks(shape, sheet, get_column_letter)
    return out


def _shape_blocks(shape: ShapeText, sheet: str, letter: Any) -> list[TextBlock]:
    loc = Loc(sheet=sheet, cell=f"{letter(shape.col)}{shape.row}")
    return [
        TextBlock(collapse_ws(p), "caption" if p.lstrip().startswith("▲") else "paragraph", loc)
        for p in shape.paragraphs
        if collapse_ws(p)
    ]


def read_xlsx(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Blocks of an .xlsx workbook given as bytes."""
    with warnings.catch_warnings():
        # openpyxl warns about workbook features it ignores (data validation, conditional
        # formats, slicers): nothing a reader of the printed sheet needs
        warnings.simplefilter("ignore")
        return _read(data, limits)


def _read(data: bytes, limits: Limits) -> Document:
    wb = _load(data, limits)
    doc = Document(format="xlsx")
    first_title: str | None = None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            parts = sheet_parts(z)
            for ws in wb.worksheets:
                part = parts.get(ws.title)
                if getattr(ws, "sheet_state", "visible") != "visible":
                    if any(
                        v not in (None, "") for row in ws.iter_rows(values_only=True) for v in row
                    ):
                        doc.diagnostics.append(
                            dg.make(
                                "info",
                                "hidden-content",
                                f"Worksheet {ws.title!r} is hidden (not printed); "
                                "its text was left out.",
                                Loc(sheet=ws.title),
                            )
                        )
                    continue
                layout = sheet_layout(z, part)
                blocks = _SheetReader(ws, layout, doc, limits).read()
                shapes = sheet_shapes(z, part)
                if shapes:
                    blocks = _with_shapes(blocks, shapes, ws.title)
                texts = [b for b in blocks if isinstance(b, TextBlock)]
                if first_title is None and texts:
                    first_title = strip_ws(texts[0].text)
                elif texts and blocks[0] is texts[0] and strip_ws(texts[0].text) == first_title:
                    doc.skipped.append(Skipped(texts[0].text, "running-header", texts[0].loc))
                    blocks = blocks[1:]
                doc.blocks.extend(blocks)
                for text, reason in layout.header_footer:
                    plain = collapse_ws(_HEADER_CODES.sub(" ", text))
                    if re.search(r"\w", plain):
                        doc.skipped.append(Skipped(plain, reason, Loc(sheet=ws.title)))  # type: ignore[arg-type]
    except SheetParseError:
        raise
    except MemoryError:
        raise
    except Exception as e:  # a damaged part met while streaming the cells
        raise CorruptDocument(f"a damaged workbook ({type(e).__name__}: {e})") from e
    finally:
        close = getattr(wb, "close", None)
        if close is not None:
            close()
    return doc
