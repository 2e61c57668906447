"""A ProgressSheet JSON as the Excel workbook a city types it into: one worksheet per 方針,
merged cells, thin borders, wrapped text with one ``・`` line per item, numbers stored as
numbers with the number format that prints them as the sheet does, a hidden helper column,
A4 landscape with a page-number footer. Deterministic: fixed timestamps in the package."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .sheet import ACTORS, ApproachRow, IndicatorTable, Json, MeasureView, OrgTable, policies
from .style import Style
from .xlsx_shapes import TextBox, add_text_boxes

#: visible grid columns (A..L) and their widths; M is a hidden helper column
N_COLS = 12
WIDTHS = [16.0] + [10.5] * (N_COLS - 1)
HELPER_COL = N_COLS + 1
FONT = "ＭＳ Ｐゴシック"
FIXED_TIME = dt.datetime(2026, 3, 31, 9, 0, 0)

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="E2EFDA")
_TEXT = Alignment(wrap_text=True, vertical="top", horizontal="left")
_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
_NUMBER = Alignment(vertical="center", horizontal="right")
_OVERFLOW = Alignment(wrap_text=False, vertical="center", horizontal="left")

_INT = re.compile(r"-?[0-9]+")
_GROUPED = re.compile(r"-?[0-9]{1,3}(?:,[0-9]{3})+")
_DECIMAL = re.compile(r"-?[0-9]+\.([0-9]+)")
_PERCENT = re.compile(r"(-?[0-9]+(?:\.([0-9]+))?)%")


def stored_value(raw: str) -> tuple[object, str]:
    """How a city stores a printed value: plain and grouped numbers, decimals and percents as
    numbers with the format that prints them back as ``raw``; anything else as text."""
    if _INT.fullmatch(raw):
        return int(raw), "General"
    if _GROUPED.fullmatch(raw):
        return int(raw.replace(",", "")), "#,##0"
    if m := _DECIMAL.fullmatch(raw):
        return float(raw), "0." + "0" * len(m.group(1))
    if m := _PERCENT.fullmatch(raw):
        decimals = len(m.group(2) or "")
        value = round(float(m.group(1)) / 100, decimals + 2)
        return value, "0" + ("." + "0" * decimals if decimals else "") + "%"
    return raw, "@"


def _width(text: str) -> float:
    """Display width in column units (a full-width character is about two)."""
    return sum(1.9 if unicodedata.east_asian_width(ch) in "WFA" else 1.0 for ch in text)


def _lines(text: str, width: float) -> int:
    usable = max(width - 1.5, 4.0)
    return sum(max(1, math.ceil(_width(line) / usable)) for line in text.split("\n"))


def _cell_text(n: Json | None) -> str:
    """A narrative as one cell: one ``・`` line per item (a single item without a bullet),
    then ``▲`` caption lines."""
    if n is None:
        return ""
    items: list[str] = n["items"]
    lines = [items[0]] if len(items) == 1 else [f"・{i}" for i in items]
    lines += [f"▲{c}" for c in n["figures"]]
    return "\n".join(lines)


@dataclass
class _Writer:
    ws: Worksheet
    style: Style
    row: int = 1

    def __post_init__(self) -> None:
        self.heights: dict[int, float] = {}
        self.text_boxes: list[TextBox] = []

    # -- cells ------------------------------------------------------------------------------

    def put(
        self,
        r: int,
        c1: int,
        c2: int,
        value: object,
        *,
        r2: int | None = None,
        head: bool = False,
        number_format: str | None = None,
        box: bool = True,
        bold: bool = False,
        size: float = 10,
    ) -> None:
        """Write ``value`` into the range r..r2 × c1..c2 (merged when larger than a cell)."""
        r2 = r2 or r
        ws = self.ws
        cell = ws.cell(row=r, column=c1)
        if value not in (None, ""):
            cell.value = value
        cell.font = Font(name=FONT, size=size, bold=bold or head)
        if number_format:
            cell.number_format = number_format
        cell.alignment = _CENTER if head else _NUMBER if number_format not in (None, "@") else _TEXT
        if (r2, c2) != (r, c1):
            ws.merge_cells(start_row=r, start_column=c1, end_row=r2, end_column=c2)
        if box:
            for rr in range(r, r2 + 1):
                for cc in range(c1, c2 + 1):
                    ws.cell(row=rr, column=cc).border = _BOX
                    if head:
                        ws.cell(row=rr, column=cc).fill = _HEAD_FILL
        if isinstance(value, str) and value:
            width = sum(WIDTHS[c - 1] for c in range(c1, c2 + 1))
            need = _lines(value, width) * 13.5 + 5 * (size / 10)
            rows = range(r, r2 + 1)
            have = sum(self.heights.get(x, 15.0) for x in rows)
            if need > have:
                self.heights[r2] = self.heights.get(r2, 15.0) + need - have

    def text_row(
        self, text: str, *, bold: bool = False, size: float = 10, merge: bool = False
    ) -> None:
        """A line of text outside tables (typed into column A, merged across when long)."""
        self.put(self.row, 1, N_COLS if merge else 1, text, box=False, bold=bold, size=size)
        if not merge:  # typed into A and overflowing to the right: one line high
            self.ws.cell(row=self.row, column=1).alignment = _OVERFLOW
            self.heights[self.row] = max(15.0, size * 1.6)
        self.row += 1

    def skip(self, n: int = 1) -> None:
        self.row += n

    # -- tables -----------------------------------------------------------------------------

    def org_table(self, org: OrgTable, mid: str) -> None:
        s, r = self.style, self.row
        spans = ((2, 5), (6, 9), (10, 12))
        self.put(r, 1, 1, s.actor_header, r2=r + 1, head=True)
        self.put(r, 2, N_COLS, s.process_header, head=True)
        for (c1, c2), kind in zip(
            spans, ("mindset_change", "behavior_change", "outcome"), strict=True
        ):
            self.put(r + 1, c1, c2, org.labels[kind], head=True)
        body = r + 2
        for i, actor in enumerate(ACTORS):
            rr = body + i
            self.put(rr, 1, 1, s.actor(actor), head=True)
            for (c1, c2), kind in zip(
                spans[:2], ("mindset_change", "behavior_change"), strict=True
            ):
                self.put(rr, c1, c2, _cell_text(org.cells.get((kind, actor))))
            if org.merged_outcome is None:
                self.put(rr, *spans[2], _cell_text(org.cells.get(("outcome", actor))))
        if org.merged_outcome is not None:
            self.put(body, *spans[2], _cell_text(org.merged_outcome), r2=body + len(ACTORS) - 1)
        self.row = body + len(ACTORS)

    def indicator_table(self, t: IndicatorTable) -> None:
        s, r = self.style, self.row
        n_logical = (
            1
            + t.unit_column
            + (t.baseline_year is not None)
            + len(t.actual_years)
            + (t.target_year is not None)
        )
        if n_logical > N_COLS:
            raise ValueError(f"an indicator table of {n_logical} columns does not fit")
        name_end = N_COLS - (n_logical - 1)
        self.put(r, 1, name_end, s.name_header, r2=r + 1, head=True)
        c = name_end + 1
        if t.unit_column:
            self.put(r, c, c, s.unit_header, r2=r + 1, head=True)
            c += 1
        if t.baseline_year is not None:
            self.put(
                r, c, c, f"{s.baseline_word}\n{s.year_paren(t.baseline_year)}", r2=r + 1, head=True
            )
            c += 1
        if t.actual_years:
            c_end = c + len(t.actual_years) - 1
            self.put(r, c, c_end, s.actual_word, head=True)
            for k, y in enumerate(t.actual_years):
                self.put(r + 1, c + k, c + k, s.year(y), head=True)
            c = c_end + 1
        if t.target_year is not None:
            self.put(
                r, c, c, f"{s.target_word}\n{s.year_paren(t.target_year)}", r2=r + 1, head=True
            )
        helper = self.ws.cell(row=r, column=HELPER_COL, value="（集計用）")
        helper.font = Font(name=FONT, size=9)
        rr = r + 2
        if s.hidden_helper_row:
            # a helper row kept in the table but hidden from print
            self.put(rr, 1, name_end, "（前年度値・作業用）")
            for cc in range(name_end + 1, N_COLS + 1):
                self.put(rr, cc, cc, 0, number_format="General")
            self.ws.row_dimensions[rr].hidden = True
            rr += 1
        for ind in t.indicators:
            self.put(rr, 1, name_end, ind["name"])
            c = name_end + 1
            if t.unit_column:
                self.put(rr, c, c, ind.get("unit") or "")
                c += 1
            obs = []
            if t.baseline_year is not None:
                obs.append(ind.get("baseline"))
            obs += ind["actuals"]
            if t.target_year is not None:
                obs.append(ind.get("target"))
            for ob in obs:
                raw = ob["raw"] if ob else ""
                value, fmt = stored_value(raw) if raw else (None, None)
                self.put(rr, c, c, value, number_format=fmt)
                c += 1
            helper = self.ws.cell(row=rr, column=HELPER_COL, value=f"{ind['name']}：確認済")
            helper.font = Font(name=FONT, size=9)
            rr += 1
        self.row = rr

    def approach_table(self, rows: list[ApproachRow]) -> None:
        s, r = self.style, self.row
        spans = ((2, 5), (6, 9), (10, 12))
        self.put(r, 1, 1, s.actor_header, head=True)
        for (c1, c2), actor in zip(spans, ACTORS, strict=True):
            self.put(r, c1, c2, s.actor(actor), head=True)
        rr = r + 1
        for row in rows:
            self.put(rr, 1, 1, row.label, head=True)
            if row.merged is not None:
                self.put(rr, 2, N_COLS, _cell_text(row.merged))
                if not row.merged["items"] and not row.merged["figures"]:
                    self.heights[rr] = 120.0  # the sheet printed a photograph here
            else:
                for (c1, c2), actor in zip(spans, ACTORS, strict=True):
                    self.put(rr, c1, c2, _cell_text(row.per_actor.get(actor)))
            rr += 1
        self.row = rr

    # -- a measure --------------------------------------------------------------------------

    def measure(self, m: MeasureView) -> None:
        s = self.style
        self.text_row(s.heading(m.policy, m.number, m.title), bold=True, size=12)
        if m.direction is not None:
            self.text_row(s.direction_label(m.direction["label"]), bold=True)
            for item in m.direction["items"]:
                self.text_row(item, merge=True)
        self.skip()
        if m.org is not None:
            self.text_row(s.org_title.format(number=m.number), bold=True)
            self.org_table(m.org, m.id)
            self.skip()
        if m.indicators is not None:
            self.indicator_table(m.indicators)
            self.skip()
        if m.approach:
            self.text_row(s.approach_title, bold=True)
            self.approach_table(m.approach)
            self.skip()
        for cap in m.figures:
            self.heights[self.row] = 150.0  # the figure itself (not reproduced)
            self.skip()
            if s.text_box_captions:
                self.text_boxes.append(TextBox(self.row, 1, self.row, 6, (f"▲{cap}",)))
                self.heights[self.row] = 20.0
                self.skip()
            else:
                self.text_row(f"▲{cap}")
            self.skip()
        self.skip()

    def finish(self) -> None:
        ws = self.ws
        for c, w in enumerate(WIDTHS, 1):
            ws.column_dimensions[get_column_letter(c)].width = w
        ws.column_dimensions[get_column_letter(HELPER_COL)].width = 24
        ws.column_dimensions[get_column_letter(HELPER_COL)].hidden = True
        for r, h in self.heights.items():
            ws.row_dimensions[r].height = round(h, 1)
        fit_a4(ws, landscape=True, margin=0.6)
        ws.oddFooter.center.text = "- &P -"
        ws.print_area = f"A1:{get_column_letter(N_COLS)}{max(self.row - 1, 1)}"


def fit_a4(ws: Worksheet, *, landscape: bool, margin: float) -> None:
    """Print on A4 (landscape or portrait), one page wide, centred, with the given top and
    bottom margins (inches)."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = margin


def _fixed_zip(data: bytes) -> bytes:
    """The package with fixed member timestamps and document dates (byte-identical runs)."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    body,
                )
            member = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            dst.writestr(member, body)
    return out.getvalue()


def render_xlsx(sheet: Json, style: Style) -> bytes:
    """The workbook's bytes: one worksheet per 方針, the title on the first."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = style.department
    wb.properties.lastModifiedBy = style.department
    wb.properties.title = sheet["title"]
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    boxes: dict[int, list[TextBox]] = {}
    for k, (policy, measures) in enumerate(policies(sheet).items()):
        ws = wb.create_sheet(f"方針{policy}")
        w = _Writer(ws, style)
        if k == 0:
            w.text_row(sheet["title"], bold=True, size=14)
            w.skip()
        for m in measures:
            w.measure(m)
        w.finish()
        if w.text_boxes:
            boxes[k + 1] = w.text_boxes
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    if boxes:
        data = add_text_boxes(data, boxes)
    return _fixed_zip(data)
