"""The Excel reader: worksheets into text and tables by their rulings, merged ranges, wrapped
lines as items, hidden rows/columns/sheets skipped, numbers printed through their number
format, sheet and cell on every record, and typed errors for what is not a workbook."""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile

import pytest

openpyxl = pytest.importorskip("openpyxl")
from openpyxl.styles import Border, Font, Side  # noqa: E402

import sheetparse  # noqa: E402
from conftest import SAMPLES  # noqa: E402
from sheetparse.blocks import TableBlock, TextBlock  # noqa: E402
from sheetparse.cells import split_cell  # noqa: E402
from sheetparse.errors import (  # noqa: E402
    CorruptDocument,
    InputTooLarge,
    MissingDependency,
    UnsupportedFormat,
)
from sheetparse.limits import Limits  # noqa: E402
from sheetparse.readers.xlsx.format import display  # noqa: E402
from sheetparse.readers.xlsx.reader import read_xlsx  # noqa: E402

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def box(ws, ref: str, value=None, number_format: str | None = None, merge: bool = True):
    """Write a ruled (and, for a range, merged) cell."""
    first = ref.split(":")[0]
    if value is not None:
        ws[first] = value
    if number_format:
        ws[first].number_format = number_format
    for row in ws[ref] if ":" in ref else ((ws[ref],),):
        for cell in row:
            cell.border = BOX
    if ":" in ref and merge:
        ws.merge_cells(ref)


def save(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def measure_sheet(wb):
    """The workbook's first worksheet with a sheet title (A1) and one measure heading (A3)."""
    ws = wb.active
    ws.title = "方針1"
    ws["A1"] = "第5期計画 進捗シート"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A3"] = "方針1-施策1 居場所づくり"
    ws["A3"].font = Font(bold=True, size=12)
    return ws


def sheet_with_values(values: list[tuple[object, str | None]]) -> bytes:
    """A one-measure sheet whose indicator row holds ``values`` (value, number format) as
    現状値 (R5), 実績値 R7 and 目標値 (R12)."""
    wb = openpyxl.Workbook()
    ws = measure_sheet(wb)
    box(ws, "A5:B6", "事業名")
    box(ws, "C5:C6", "現状値\n(R5)")
    box(ws, "D5", "実績値")
    box(ws, "D6", "R7")
    box(ws, "E5:E6", "目標値\n(R12)")
    box(ws, "A7:B7", "サロン数")
    for col, (value, fmt) in zip("CDE", values, strict=True):
        box(ws, f"{col}7", value, fmt)
    return save(wb)


# --- the samples --------------------------------------------------------------------------------


def test_every_record_carries_its_sheet_and_cell():
    path = SAMPLES / "kashiwa-r7.xlsx"
    wb = openpyxl.load_workbook(path)
    sheet = sheetparse.parse(path)

    def at(loc) -> str:
        assert loc.sheet and loc.cell and loc.line is None and loc.page is None
        value = wb[loc.sheet][loc.cell].value
        return "" if value is None else str(value)

    for m in sheet.measures:
        assert f"施策{m.number}" in at(m.source)
        for ind in m.indicators:
            assert at(ind.source) == ind.name
            for o in [ind.baseline, *ind.actuals, ind.target]:
                assert o.source.sheet == ind.source.sheet
                assert (at(o.source) != "") == (o.raw != "")
        for n in m.narratives:
            assert n.source.sheet and n.source.cell


def test_hidden_helper_column_and_rows_are_skipped_and_reported():
    doc = read_xlsx((SAMPLES / "minatono-h30.xlsx").read_bytes())
    all_text = " ".join(
        b.text if isinstance(b, TextBlock) else " ".join(c.text for c in b.cells())
        for b in doc.blocks
    )
    assert "集計用" not in all_text and "確認済" not in all_text and "作業用" not in all_text
    hidden = [d for d in doc.diagnostics if d.code == "hidden-content"]
    assert [d.location.sheet for d in hidden] == ["方針1", "方針2"]


# --- layout -------------------------------------------------------------------------------------


def test_rulings_tell_text_rows_from_tables_and_merges_become_spans():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws["A1"] = "見出し"
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = "本文の段落"
    box(ws, "A4:A5", "対象")
    box(ws, "B4:G4", "過程")
    box(ws, "B5:D5", "気持ちの変化")
    box(ws, "E5:G5", "行動の変化")
    box(ws, "A6", "市民")
    box(ws, "B6:D6", "・一つ目\n・二つ目")
    box(ws, "E6:G6", "行う")
    ws["A8"] = "▲写真の説明"
    blocks = read_xlsx(save(wb)).blocks
    assert [(type(b).__name__, getattr(b, "kind", None)) for b in blocks] == [
        ("TextBlock", "heading"),
        ("TextBlock", "paragraph"),
        ("TableBlock", None),
        ("TextBlock", "caption"),
    ]
    table = blocks[2]
    # B:G collapse to the two logical columns the merges define
    assert table.n_cols == 3
    assert [[c.text for c in row] for row in table.rows] == [
        ["対象", "過程", ""],
        ["", "気持ちの変化", "行動の変化"],
        ["市民", "・一つ目 ・二つ目", "行う"],
    ]
    assert (table.rows[0][0].rowspan, table.rows[0][1].colspan) == (2, 2)
    assert table.rows[1][0].covered_by == (0, 0)
    assert table.rows[2][1].loc.cell == "B6" and table.rows[2][1].loc.sheet == "S"


def test_wrapped_lines_are_line_parts_and_bullets_decide_items():
    wb = openpyxl.Workbook()
    ws = wb.active
    box(ws, "A1", "ラベル")
    box(ws, "B1", "・一つ目の項目\n・二つ目の項目は長く\n折り返した続き")
    box(ws, "A2", "ラベル2")
    box(ws, "B2", "一行目\n二行目")
    box(ws, "A3", "ラベル3")
    box(ws, "B3", "一つだけの段落")
    (table,) = read_xlsx(save(wb)).blocks
    assert {p.kind for p in table.rows[0][1].parts} == {"line"}
    assert split_cell(table.rows[0][1]).items == [
        "一つ目の項目",
        "二つ目の項目は長く折り返した続き",
    ]
    assert split_cell(table.rows[1][1]).items == ["一行目", "二行目"]
    assert [p.kind for p in table.rows[2][1].parts] == ["text"]


def test_side_by_side_tables_are_split_at_the_empty_column():
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in (1, 2):
        box(ws, f"A{r}", f"左{r}")
        box(ws, f"B{r}", f"左値{r}")
        box(ws, f"D{r}", f"右{r}")
        box(ws, f"E{r}", f"右値{r}")
    blocks = read_xlsx(save(wb)).blocks
    assert [[c.text for c in t.rows[0]] for t in blocks] == [["左1", "左値1"], ["右1", "右値1"]]


def test_a_workbook_without_rulings_uses_filled_cells():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "題"
    ws["A3"], ws["B3"] = "事業名", "R7"
    ws["A4"], ws["B4"] = "サロン数", 3
    blocks = read_xlsx(save(wb)).blocks
    assert isinstance(blocks[0], TextBlock) and isinstance(blocks[1], TableBlock)
    assert [[c.text for c in r] for r in blocks[1].rows] == [["事業名", "R7"], ["サロン数", "3"]]


def test_hidden_rows_columns_and_sheets():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "見える"
    box(ws, "A1", "a")
    box(ws, "B1", "隠し列")
    box(ws, "C1", "c")
    box(ws, "A2", "隠し行")
    box(ws, "C2", "x")
    box(ws, "A3", "d")
    box(ws, "C3", "e")
    ws.column_dimensions["B"].hidden = True
    ws.row_dimensions[2].hidden = True
    other = wb.create_sheet("隠しシート")
    other["A1"] = "見えない"
    other.sheet_state = "hidden"
    doc = read_xlsx(save(wb))
    (table,) = doc.blocks
    assert [[c.text for c in r] for r in table.rows] == [["a", "c"], ["d", "e"]]
    msgs = [d.message for d in doc.diagnostics if d.code == "hidden-content"]
    assert len(msgs) == 2 and "3 cell(s)" in msgs[0] and "隠しシート" in msgs[1]


def test_a_title_repeated_on_every_sheet_is_kept_once():
    wb = openpyxl.Workbook()
    for k, name in enumerate(("方針1", "方針2")):
        ws = wb.active if k == 0 else wb.create_sheet(name)
        ws.title = name
        ws["A1"] = "第5期計画 進捗シート"
        ws["A2"] = f"方針{k + 1}-施策1 題{k}"
    doc = read_xlsx(save(wb))
    assert [b.text for b in doc.blocks] == [
        "第5期計画 進捗シート",
        "方針1-施策1 題0",
        "方針2-施策1 題1",
    ]
    assert [(s.text, s.reason, s.loc.sheet) for s in doc.skipped] == [
        ("第5期計画 進捗シート", "running-header", "方針2")
    ]


# --- values -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "values, want",
    [
        ([(39, None), (36, None), (51, None)], [("39", 39), ("36", 36), ("51", 51)]),
        (
            [(904, "#,##0"), (590, "General"), (1100, "#,##0")],
            [("904", 904), ("590", 590), ("1,100", 1100)],
        ),
        (
            [("1,100", None), ("—", None), ("４２", "@")],
            [("1,100", 1100), ("—", None), ("４２", 42)],
        ),
        ([(0.5, None), (21.4, "0.0"), (0, "0")], [("0.5", 0.5), ("21.4", 21.4), ("0", 0)]),
        (
            [(0.38, "0.0%"), (0.455, "0.0%"), (0.6, "0%")],
            [("38.0%", 38), ("45.5%", 45.5), ("60%", 60)],
        ),
    ],
)
def test_numbers_stored_as_numbers_or_as_text(values, want):
    sheet = sheetparse.parse(sheet_with_values(values), format="xlsx")
    (ind,) = sheet.measures[0].indicators
    got = [(o.raw, o.value) for o in (ind.baseline, ind.actuals[0], ind.target)]
    assert got == want
    assert (ind.baseline.source.sheet, ind.baseline.source.cell) == ("方針1", "C7")


@pytest.mark.parametrize(
    "value, fmt, printed",
    [
        (1100, "#,##0", "1,100"),
        (1234.5, "#,##0.00", "1,234.50"),
        (0.455, "0.0%", "45.5%"),
        (0.5, "0%", "50%"),  # half away from zero, as Excel rounds
        (2.5, "0", "3"),
        (-5, "#,##0;△#,##0", "△5"),
        (-5, "#,##0;[Red]-#,##0", "-5"),
        (-5, "#,##0", "-5"),
        (0, '#,##0;-#,##0;"-"', "-"),
        (1234567, "#,##0,", "1,235"),
        (42, '0"件"', "42件"),
        (42, 'General"人"', "42人"),
        (1500, "[$¥-411]#,##0", "¥1,500"),
        (7, "00", "07"),
        (12345678, "0.00E+00", "1.23E+07"),
        (0.1 + 0.2, "General", "0.3"),
        (1026, "General", "1026"),
        (100, "#,##0_ ", "100"),
        (dt.datetime(2025, 4, 1), "yyyy/m/d", "2025/4/1"),
        (dt.datetime(2025, 4, 1), '[$-411]ggge"年"m"月"d"日"', "令和7年4月1日"),
        (dt.datetime(2018, 6, 28), 'ge"."m"."d', "H30.6.28"),
        (dt.datetime(2025, 4, 1), 'm"月"d"日"(aaa)', "4月1日(火)"),
        (dt.datetime(2025, 4, 1, 13, 5), "h:mm", "13:05"),
        (dt.datetime(2025, 4, 1, 13, 5), "h:mm AM/PM", "1:05 PM"),
        ("文字列", "#,##0", "文字列"),
        (True, "General", "TRUE"),
    ],
)
def test_number_formats_print_as_excel_does(value, fmt, printed):
    assert display(value, fmt) == printed


# --- errors -------------------------------------------------------------------------------------


def zip_of(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return buf.getvalue()


def test_a_zip_of_something_else_is_unsupported():
    with pytest.raises(UnsupportedFormat, match="not an Excel workbook"):
        sheetparse.parse(zip_of({"readme.txt": "hello"}), format="xlsx")
    with pytest.raises(UnsupportedFormat, match="Word"):
        read_xlsx(zip_of({"word/document.xml": "<w/>"}))


def test_damaged_workbooks_are_corrupt_documents():
    with pytest.raises(CorruptDocument):
        read_xlsx(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(CorruptDocument):
        read_xlsx(zip_of({"xl/workbook.xml": "<broken"}))
    data = (SAMPLES / "kashiwa-r7.xlsx").read_bytes()
    with pytest.raises(CorruptDocument):
        read_xlsx(data[: len(data) // 2])


def test_unpacked_size_is_limited():
    data = zip_of({"xl/workbook.xml": "<x/>", "xl/big.xml": "0" * 200_000})
    with pytest.raises(InputTooLarge):
        read_xlsx(data, limits=Limits(max_bytes=5_000))


def test_cell_limit():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "a"
    ws["Z1000"] = "z"
    with pytest.raises(InputTooLarge):
        read_xlsx(save(wb), limits=Limits(max_cells=1_000))


def test_missing_openpyxl_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingDependency, match=r'pip install "sheetparse\[xlsx\]"'):
        read_xlsx((SAMPLES / "kashiwa-r7.xlsx").read_bytes())


def test_text_boxes_are_read_in_reading_order():
    sys.path.insert(0, str(SAMPLES.parent / "scripts"))
    try:
        from sample_render.xlsx_shapes import TextBox, add_text_boxes
    finally:
        sys.path.pop(0)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "図"
    ws["A1"] = "上の段落"
    ws["A6"] = "下の段落"
    data = add_text_boxes(save(wb), {1: [TextBox(3, 2, 4, 5, ("▲写真の説明", "補足の一行"))]})
    doc = read_xlsx(data)
    assert [(b.kind, b.text, b.loc.cell) for b in doc.blocks] == [
        ("paragraph", "上の段落", "A1"),
        ("caption", "▲写真の説明", "B3"),
        ("paragraph", "補足の一行", "B3"),
        ("paragraph", "下の段落", "A6"),
    ]
    assert [
        f for m in sheetparse.parse(SAMPLES / "minatono-h30.xlsx").measures for f in m.figures
    ] == ["見守りネットワークのイメージ図"]


def test_rows_hidden_by_default_show_only_where_given_a_height():
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, text in enumerate(("見える一", "隠れる", "見える二"), 1):
        ws[f"A{r}"] = text
    ws.sheet_format.zeroHeight = True
    ws.row_dimensions[1].height = 15
    ws.row_dimensions[3].height = 15
    doc = read_xlsx(save(wb))
    assert [b.text for b in doc.blocks] == ["見える一", "見える二"]
    assert [d.code for d in doc.diagnostics] == ["hidden-content"]


def test_a_wrong_recorded_dimension_does_not_cut_the_sheet():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["A5"] = "上", "下"
    data = save(wb)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert b'<dimension ref="A1:A5"/>' in body
                body = body.replace(b'<dimension ref="A1:A5"/>', b'<dimension ref="A1"/>')
            dst.writestr(info, body)
    assert [b.text for b in read_xlsx(out.getvalue()).blocks] == ["上", "下"]


def test_a_heading_cell_broken_over_lines_is_one_heading():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "方針1-施策1\n居場所づくり"
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = "一行目\n二行目"
    doc = read_xlsx(save(wb))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "方針1-施策1 居場所づくり"),
        ("paragraph", "一行目"),
        ("paragraph", "二行目"),
    ]


def test_a_one_row_box_is_text():
    wb = openpyxl.Workbook()
    ws = wb.active
    box(ws, "A1", "（基本施策1の方向性）")
    box(ws, "B1:F1", "だれもが集える場をつくります。")
    doc = read_xlsx(save(wb))
    assert [(type(b).__name__, b.text) for b in doc.blocks] == [
        ("TextBlock", "（基本施策1の方向性）"),
        ("TextBlock", "だれもが集える場をつくります。"),
    ]


# --- a row label merged down over a text cell and a picture's caption -------------------------


def _ruled(ws, ref: str, *, top: bool = True, bottom: bool = True) -> None:
    """Thin borders on every cell of ``ref``, less the top or bottom edge where asked."""
    for row in ws[ref] if ":" in ref else ((ws[ref],),):
        for cell in row:
            cell.border = Border(
                left=THIN, right=THIN, top=THIN if top else None, bottom=THIN if bottom else None
            )


def _picture(ws, anchor: str) -> None:
    from openpyxl.drawing.image import Image
    from PIL import Image as PILImage

    buf = io.BytesIO()
    PILImage.new("RGB", (160, 100), (200, 200, 200)).save(buf, "PNG")
    buf.seek(0)
    ws.add_image(Image(buf), anchor)


def approach_with_picture(*, per_actor: bool = False, ruled_between: bool = False) -> bytes:
    """An approach table whose 事業実績 label (A7:A8, merged down) spans the text (row 7) and,
    below it with no border between, a picture and its ▲ caption (row 8)."""
    wb = openpyxl.Workbook()
    ws = measure_sheet(wb)
    ws["A5"] = "気持ち・行動の変化を促すためのアプローチ"
    ws["A5"].font = Font(bold=True)
    for ref, text in (("A6", "対象"), ("B6", "市民"), ("C6", "地域"), ("D6", "市")):
        box(ws, ref, text)
    box(ws, "A7:A8", "令和7年度事業実績")
    if per_actor:
        ws["B7"], ws["D7"] = "・サロンを開いた。\n・参加を呼びかけた。", "・会場を貸した。"
        _ruled(ws, "B7:D7", bottom=ruled_between)
        ws["B8"] = "▲サロンの様子"
        _ruled(ws, "B8", top=ruled_between)  # C8 and D8: nothing, not even a border
    else:
        ws["B7"] = "・サロンを10か所で開催した。\n・参加者アンケートを実施した。"
        ws.merge_cells("B7:D7")
        _ruled(ws, "B7:D7", bottom=ruled_between)
        ws["B8"] = "▲サロンの様子"
        ws.merge_cells("B8:D8")
        _ruled(ws, "B8:D8", top=ruled_between)
    ws.row_dimensions[8].height = 110
    _picture(ws, "B8")
    for r, (label, text) in enumerate(
        (("当初期待した効果", "効果の文。"), ("今後の方向性", "方向の文。")), 9
    ):
        box(ws, f"A{r}", label)
        box(ws, f"B{r}:D{r}", text)
    return save(wb)


def test_a_caption_below_the_text_in_a_merged_down_row_is_that_rows_figure():
    sheet = sheetparse.parse(approach_with_picture(), format="xlsx")
    got = [(n.kind, n.label, n.items, n.figures) for n in sheet.measures[0].narratives]
    assert got == [
        (
            "results",
            "令和7年度事業実績",
            ["サロンを10か所で開催した。", "参加者アンケートを実施した。"],
            ["サロンの様子"],
        ),
        ("expected_effects", "当初期待した効果", ["効果の文。"], []),
        ("next_steps", "今後の方向性", ["方向の文。"], []),
    ]
    assert sheet.measures[0].narratives[0].source.cell == "B7"
    assert sheet.coverage.unplaced_chars == 0
    assert not [d for d in sheet.diagnostics if d.code in ("empty-cell", "row-continued")]


def test_per_actor_cells_take_in_the_caption_below_them():
    sheet = sheetparse.parse(approach_with_picture(per_actor=True), format="xlsx")
    got = [(n.actor, n.items, n.figures) for n in sheet.measures[0].narratives[:2]]
    assert got == [
        ("市民", ["サロンを開いた。", "参加を呼びかけた。"], ["サロンの様子"]),
        ("市", ["会場を貸した。"], []),
    ]
    assert [n.kind for n in sheet.measures[0].narratives].count("results") == 2


def test_a_ruling_between_the_text_and_the_caption_keeps_two_cells():
    doc = read_xlsx(approach_with_picture(ruled_between=True))
    table = next(b for b in doc.blocks if isinstance(b, TableBlock))
    assert [c.text for c in table.rows[1]][:2] == [
        "令和7年度事業実績",
        "・サロンを10か所で開催した。 ・参加者アンケートを実施した。",
    ]
    assert table.rows[2][1].text == "▲サロンの様子"


def test_a_row_covered_whole_by_cells_merged_from_above_is_no_row():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "方針1-施策1 居場所づくり"
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = "気持ち・行動の変化を促すためのアプローチ"
    for ref, text in (("A3", "対象"), ("B3", "市民"), ("C3", "地域"), ("D3", "市")):
        box(ws, ref, text)
    box(ws, "A4:A5", "令和7年度事業実績")
    box(ws, "B4:D5", "・講座を開いた。\n▲講座の様子")
    box(ws, "A6", "今後の方向性")
    box(ws, "B6:D6", "続ける。")
    table = next(b for b in read_xlsx(save(wb)).blocks if isinstance(b, TableBlock))
    assert len(table.rows) == 3
    sheet = sheetparse.parse(save(wb), format="xlsx")
    got = [(n.kind, n.items, n.figures) for n in sheet.measures[0].narratives]
    assert got == [
        ("results", ["講座を開いた。"], ["講座の様子"]),
        ("next_steps", ["続ける。"], []),
    ]
    assert "empty-cell" not in {d.code for d in sheet.diagnostics}
