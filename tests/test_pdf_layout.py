"""The PDF reader on hand-made pages: tables, merged cells, wrapped text, furniture, page breaks.

Each page is written by tests/pdf_factory.py with known geometry, so every expectation below is
worked out from the page as drawn, not from the reader's output. Every test runs on both PDF
backends.
"""

from __future__ import annotations

import pytest

from pdf_factory import Page, grid, make_pdf
from sheetparse.blocks import TableBlock, TextBlock
from sheetparse.cells import split_cell
from sheetparse.readers.pdf import backend as pdf_backend
from sheetparse.readers.pdf.reader import read_pdf


@pytest.fixture(autouse=True, params=pdf_backend.BACKENDS)
def backend(request, monkeypatch) -> str:
    """Every page on both PDF backends (fake bold, look-alikes, clipping … included): each is
    made the default in turn, and the expectations are the same."""
    monkeypatch.setattr(pdf_backend, "DEFAULT_BACKEND", request.param)
    return request.param


def _tables(doc) -> list[TableBlock]:
    return [b for b in doc.blocks if isinstance(b, TableBlock)]


def _texts(doc) -> list[TextBlock]:
    return [b for b in doc.blocks if isinstance(b, TextBlock)]


def _grid_text(t: TableBlock) -> list[list[str]]:
    return [[c.text for c in row] for row in t.rows]


# --- tables -------------------------------------------------------------------------------


def test_merged_cells_become_one_cell_with_their_span():
    # the indicator-table head: 事業名 and 目標値 span two rows, 実績値 spans three columns
    xs = [40, 160, 200, 240, 280, 330]
    ys = [100, 118, 136, 154]
    pg = grid(
        Page(),
        xs,
        ys,
        [
            (0, 0, 2, 1, ["事業名"]),
            (0, 1, 1, 3, ["実績値"]),
            (0, 4, 2, 1, ["目標値"]),
            (1, 1, 1, 1, ["R7"]),
            (1, 2, 1, 1, ["R8"]),
            (1, 3, 1, 1, ["R9"]),
            (2, 0, 1, 1, ["講座の実施"]),
            (2, 1, 1, 1, ["36"]),
            (2, 2, 1, 1, []),
            (2, 3, 1, 1, []),
            (2, 4, 1, 1, ["51"]),
        ],
    )
    (t,) = _tables(read_pdf(make_pdf([pg])))
    assert _grid_text(t) == [
        ["事業名", "実績値", "", "", "目標値"],
        ["", "R7", "R8", "R9", ""],
        ["講座の実施", "36", "", "", "51"],
    ]
    head = t.rows[0]
    assert (head[0].rowspan, head[0].colspan) == (2, 1)
    assert (head[1].rowspan, head[1].colspan) == (1, 3)
    assert head[2].covered_by == (0, 1) and head[3].covered_by == (0, 1)
    assert t.rows[1][0].covered_by == (0, 0) and t.rows[1][4].covered_by == (0, 4)
    assert t.rows[2][2].covered_by is None and t.rows[2][2].is_empty
    # every cell knows its page and its box on that page
    assert head[1].loc.page == 1
    assert head[1].loc.bbox == (160, 100, 280, 118)
    assert t.rows[2][0].loc.bbox == (40, 136, 160, 154)
    assert t.loc.bbox == (40, 100, 330, 154)


def test_borders_drawn_as_thin_filled_rectangles_are_rulings():
    pg = Page()
    for y in (100, 120, 140):
        pg.rect(40, y - 0.4, 300, y + 0.4, fill=True, stroke=False)
    for x in (40, 150, 300):
        pg.rect(x - 0.4, 100, x + 0.4, 140, fill=True, stroke=False)
    pg.rect(40, 100, 300, 120, fill=True, stroke=False, gray=0.9)  # header shading
    for x, y, s in ((42, 102, "対象"), (152, 102, "市民"), (42, 122, "実績"), (152, 122, "本文")):
        pg.text(x, y, s, 9)
    (t,) = _tables(read_pdf(make_pdf([pg])))
    assert _grid_text(t) == [["対象", "市民"], ["実績", "本文"]]


def test_text_overflowing_into_empty_cells_stays_in_its_cell():
    # a spreadsheet cell without wrapping: its text runs on over the empty cells to its right
    pg = grid(
        Page(),
        [40, 100, 160, 220],
        [100, 120, 140],
        [
            (0, 0, 1, 1, ["【施策1】の推進に向けた取組"]),
            (0, 1, 1, 1, []),
            (0, 2, 1, 1, []),
            (1, 0, 1, 1, ["対象"]),
            (1, 1, 1, 1, ["市民"]),
            (1, 2, 1, 1, ["市"]),
        ],
    )
    doc = read_pdf(make_pdf([pg]))
    (t,) = _tables(doc)
    assert _grid_text(t) == [["【施策1】の推進に向けた取組", "", ""], ["対象", "市民", "市"]]
    assert [d.code for d in doc.diagnostics] == ["cell-text-overflow"]


def test_two_cells_texts_meeting_at_a_ruling_stay_two_cells():
    # a browser print of a narrow indicator table: rulings are thin filled rectangles,
    # 1,180 ends 0.9 pt left of the R6 column's ruling, 1,320（見込） starts 1.1 pt right of it
    # and, wider than its column, runs on across the next ruling (its 見 lies across it)
    xs, ys = [40, 120, 160, 200, 250], [100, 120, 140]
    pg = Page()
    for y in ys:
        pg.rect(xs[0], y - 0.375, xs[-1], y + 0.375, fill=True, stroke=False)
    for x in xs:
        pg.rect(x - 0.375, ys[0], x + 0.375, ys[-1], fill=True, stroke=False)
    for x, text in ((42, "事業名"), (122, "R5"), (162, "R6"), (202, "目標値")):
        pg.text(x, 104, text, 9)
    pg.text(42, 124, "サロン", 9)
    pg.text(160 - 0.9 - 22.5, 124, "1,180", 9)  # five half-em glyphs: 22.5 pt
    pg.text(160 + 1.1, 124, "1,320（見込）", 9)  # ends at 219.6, past the ruling at 200
    pg.text(250 - 1.1 - 22.5, 124, "1,500", 9)
    doc = read_pdf(make_pdf([pg]))
    (t,) = _tables(doc)
    assert _grid_text(t) == [
        ["事業名", "R5", "R6", "目標値"],
        ["サロン", "1,180", "1,320（見込）", "1,500"],
    ]
    assert [d.code for d in doc.diagnostics] == ["cell-text-overflow"]


def test_borders_drawn_as_one_open_path_are_rulings():
    # the outer border and the middle rule as one stroked polyline (a curve to pdfminer)
    pg = Page().polyline(
        [(40, 120), (40, 100), (300, 100), (300, 140), (40, 140), (40, 120), (300, 120)],
        close=False,
    )
    pg.line(150, 100, 150, 140)
    for x, y, s in ((42, 102, "対象"), (152, 102, "市民"), (42, 122, "実績"), (152, 122, "本文")):
        pg.text(x, y, s, 9)
    (t,) = _tables(read_pdf(make_pdf([pg])))
    assert _grid_text(t) == [["対象", "市民"], ["実績", "本文"]]


def test_a_frame_around_text_is_not_a_table():
    pg = Page().box(40, 100, 300, 130).text(45, 105, "囲み記事の本文", 10)
    doc = read_pdf(make_pdf([pg]))
    assert not _tables(doc)
    assert [b.text for b in _texts(doc)] == ["囲み記事の本文"]


# --- text inside cells ---------------------------------------------------------------------


def _cell_parts(lines: list[str], width: float, size: float = 10.0) -> list[str]:
    pg = grid(
        Page(),
        [40, 40 + width, 40 + width + 60],
        [100, 220],
        [(0, 0, 1, 1, lines), (0, 1, 1, 1, ["右"])],
        size=size,
    )
    (t,) = _tables(read_pdf(make_pdf([pg])))
    return [p.text for p in t.rows[0][0].parts]


def test_wrapped_lines_join_without_spaces_and_hard_lines_stay_apart():
    # 10 pt glyphs, 2 pt padding both sides: 12 characters fill a 124 pt cell
    lines = ["・地域出前講座に参加して", "みようと思う", "・自分のできる活動", "▲写真の説明"]
    assert _cell_parts(lines, 124) == [
        "・地域出前講座に参加してみようと思う",
        "・自分のできる活動",
        "▲写真の説明",
    ]


def test_items_on_their_own_lines_without_bullets_stay_apart():
    # the first line ends three characters short of the edge: the author broke it there
    lines = ["講座に参加する", "関連する情報を自ら集める"]
    assert _cell_parts(lines, 124) == lines


def test_an_opening_bracket_moved_to_the_next_line_is_a_wrap():
    # 「 may not end a line: with room for one more character the layout moved 「や together
    lines = ["要支援者の思いをかなえ", "「やってみたい」を支える"]  # 11 of 12 characters used
    assert _cell_parts(lines, 124) == ["要支援者の思いをかなえ「やってみたい」を支える"]


def test_a_full_line_ending_with_a_full_stop_ends_an_item_in_a_list_of_sentences():
    # the first item fills its line exactly; every item the cell breaks off ends with 。
    lines = ["講座を開催しました。", "研修を行った。", "周知に努めた。"]
    assert _cell_parts(lines, 104) == lines


def test_a_full_stop_inside_a_paragraph_is_not_an_item_end():
    # one paragraph (nothing the author broke off): a full line ending with 。 wraps
    lines = ["講座を開催しました。", "研修も行った。"]
    assert _cell_parts(lines, 104) == ["講座を開催しました。研修も行った。"]


def test_a_line_break_before_a_word_separator_dot_is_a_wrap():
    # 課題・目標 wrapped before the ・: a full line (10 characters) ending in a kanji
    lines = ["市民、地域、市が課題", "・目標を共有する"]
    assert _cell_parts(lines, 104) == ["市民、地域、市が課題・目標を共有する"]


def test_a_bullet_after_a_full_line_that_ends_an_item_starts_an_item():
    lines = ["・市民と地域をつなぐ", "・目標を共有する"]
    assert _cell_parts(lines, 104) == lines


def test_latin_words_keep_their_space_across_a_wrap():
    # 80 pt of room: 相談窓口 (40) + space + Wi-Fi (25) leaves 10 pt, too little for "and"
    lines = ["相談窓口 Wi-Fi", "and LINE で受付"]
    assert _cell_parts(lines, 84) == ["相談窓口 Wi-Fi and LINE で受付"]


def test_a_latin_word_with_the_comma_after_it_moves_to_the_next_line_as_one():
    # 104 pt of room: after 8 characters (80 pt) "NPO" (3 × 5 pt) would fit, "NPO、" would not:
    # 、 may not start a line, so the layout moved the word and its comma together
    lines = ["地域住民や企業や", "NPO、ボランティア"]
    assert _cell_parts(lines, 104) == ["地域住民や企業やNPO、ボランティア"]


def test_a_range_with_a_latin_tilde_moves_to_the_next_line_as_one_word():
    # "~30" does not break inside (a Latin run): 7 wide characters and "(10" use 85 of 100 pt;
    # "~" alone (5 pt) would have fitted, "~30" (15 pt) would not
    lines = ["利用者は若年(10代", "~30代)の利用"]
    assert _cell_parts(lines, 104) == ["利用者は若年(10代~30代)の利用"]


def test_a_number_broken_by_the_layout_is_one_number():
    # a narrow cell: 4,218人 does not fit after 登録者は; the layout broke inside the number
    lines = ["登録者は4,2", "18人"]  # 40 + 15 pt of 56 pt: "18" would not fit
    assert _cell_parts(lines, 60) == ["登録者は4,218人"]


def test_header_printed_one_character_per_line_is_one_word():
    pg = grid(
        Page(),
        [40, 54, 200],
        [100, 140],
        [(0, 0, 1, 1, ["達", "成", "度"]), (0, 1, 1, 1, ["本文"])],
        size=9,
        pad=2,
    )
    (t,) = _tables(read_pdf(make_pdf([pg])))
    assert t.rows[0][0].text == "達成度"


def test_one_digit_values_on_two_lines_of_a_wide_cell_stay_apart():
    assert _cell_parts(["1", "2"], 124) == ["1", "2"]


def test_caption_and_bullets_split_into_items_and_figures():
    pg = grid(
        Page(),
        [40, 400, 460],
        [100, 160],
        [
            (0, 0, 1, 1, ["・一つ目の項目", "・二つ目の項目", "▲講座の様子"]),
            (0, 1, 1, 1, ["市"]),
        ],
    )
    (t,) = _tables(read_pdf(make_pdf([pg])))
    ct = split_cell(t.rows[0][0])
    assert ct.items == ["一つ目の項目", "二つ目の項目"]
    assert ct.figures == ["講座の様子"]


# --- glyphs ----------------------------------------------------------------------------------


def test_fake_bold_doubles_are_dropped_and_reported():
    pg = Page().text(40, 40, "【事業実施期間】", 12).text(40.3, 40.2, "【事業実施期間】", 12)
    doc = read_pdf(make_pdf([pg]))
    assert [b.text for b in doc.blocks] == ["【事業実施期間】"]
    (d,) = [d for d in doc.diagnostics if d.code == "glyph-doubled"]
    assert d.message.startswith("8 doubled")


def test_font_lookalikes_are_mapped_and_reported():
    pg = Page().text(40, 40, "⽅針1-施策1 ⻑期的な⽀援", 12).text(40, 60, "市民\u2027地域", 10)
    doc = read_pdf(make_pdf([pg]))
    assert [b.text for b in doc.blocks] == ["方針1-施策1 長期的な支援", "市民・地域"]
    (d,) = [d for d in doc.diagnostics if d.code == "glyph-lookalike"]
    assert d.message.startswith("4 character(s)")


def test_a_dash_named_by_a_combining_stroke_is_a_dash():
    # Chromium with IPAex fonts names the glyph of — by the lowest code point sharing it,
    # U+0336 COMBINING LONG STROKE OVERLAY: a "no value" dash, not a combining mark
    doc = read_pdf(make_pdf([Page().text(40, 40, "\u0336", 10)]))
    assert [b.text for b in doc.blocks] == ["\u2014"]


def test_ideographic_space_is_kept_as_printed():
    doc = read_pdf(make_pdf([Page().text(40, 40, "市民\u3000協働の推進", 10)]))
    assert [b.text for b in doc.blocks] == ["市民\u3000協働の推進"]


def test_a_gap_between_latin_runs_is_a_space_but_not_between_japanese():
    pg = Page().text(40, 40, "Wi-Fi", 10).text(69, 40, "ABC", 10)  # 25 pt run, 4 pt gap
    pg.text(40, 60, "地域", 10).text(62, 60, "福祉", 10)  # 2 pt gap between kanji
    doc = read_pdf(make_pdf([pg]))
    assert [b.text for b in doc.blocks] == ["Wi-Fi ABC", "地域福祉"]


def test_clipped_text_is_not_read():
    pg = Page().text(40, 40, "見える文字", 10)
    pg.clip(40, 100, 200, 120).text(42, 102, "セル内", 10).text(42, 130, "はみ出し", 10).unclip()
    doc = read_pdf(make_pdf([pg]))
    assert [b.text for b in doc.blocks] == ["見える文字", "セル内"]
    (d,) = [d for d in doc.diagnostics if d.code == "glyph-clipped"]
    assert d.message.startswith("4 character(s)")  # はみ出し: reported, not silently lost


# --- text outside tables ----------------------------------------------------------------------


def test_paragraphs_headings_and_labels():
    pg = Page(width=300)
    pg.text(20, 20, "進捗シート", 16)
    pg.text(20, 50, "方針1-施策1 地域の活動", 12)
    pg.text(20, 70, "（基本施策1の方向性）", 10)
    # a paragraph of 26 characters wrapped at the 280 pt text edge (26 x 10 pt from x=20)
    pg.text(20, 85, "地域住民が地域生活課題に気づき、学びを深める場を広く", 10)
    pg.text(20, 98, "提供します。", 10)
    pg.text(20, 120, "▲活動の様子", 10)
    pg.box(20, 140, 150, 160).box(150, 140, 280, 160).text(22, 142, "対象", 9).text(
        152, 142, "市", 9
    )
    doc = read_pdf(make_pdf([pg]))
    blocks = _texts(doc)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "進捗シート"),
        ("heading", "方針1-施策1 地域の活動"),
        ("paragraph", "（基本施策1の方向性）"),
        ("paragraph", "地域住民が地域生活課題に気づき、学びを深める場を広く提供します。"),
        ("caption", "▲活動の様子"),
    ]
    assert [b.level for b in blocks[:2]] == [1, 2]
    assert blocks[3].loc.page == 1 and blocks[3].loc.bbox[1] == pytest.approx(85, abs=0.01)
    assert isinstance(doc.blocks[-1], TableBlock)


def test_running_headers_footers_and_page_numbers_are_skipped_and_counted():
    pages = []
    for n in (1, 2, 3):
        pg = Page().text(40, 20, "柏市 進捗シート", 8).text(280, 810, f"- {n} -", 9)
        pg.text(40, 100, f"本文{n}ページ目", 10)
        pages.append(pg)
    pages[0].text(40, 60, "第5期計画 進捗シート", 14)
    doc = read_pdf(make_pdf(pages))
    assert [b.text for b in doc.blocks] == [
        "第5期計画 進捗シート",
        "本文1ページ目",
        "本文2ページ目",
        "本文3ページ目",
    ]
    assert sorted((s.reason, s.loc.page) for s in doc.skipped) == sorted(
        [("running-header", n) for n in (1, 2, 3)] + [("page-number", n) for n in (1, 2, 3)]
    )
    (d,) = [d for d in doc.diagnostics if d.code == "running-text-dropped"]
    assert d.message.startswith("6 line(s)")


def test_a_title_printed_once_at_the_top_is_not_furniture():
    doc = read_pdf(
        make_pdf(
            [
                Page().text(40, 20, "第5期計画 進捗シート", 14),
                Page().text(40, 20, "方針1-施策2 別の見出し", 12),
            ]
        )
    )
    assert [b.text for b in doc.blocks] == ["第5期計画 進捗シート", "方針1-施策2 別の見出し"]
    assert not doc.skipped


def test_a_title_repeated_on_every_page_by_print_titles_is_read_once():
    # a spreadsheet's print titles repeat the 14 pt title row at the top of every page; the
    # running date in the header margin is 8 pt: the first title stays, the rest is furniture
    pages = []
    for n in (1, 2, 3):
        pg = Page().text(40, 10, "2026/11/27", 8).text(40, 30, "第5期計画 進捗シート", 14)
        pages.append(pg.text(40, 80, f"方針1-施策{n} 見出し{n}。" + "本文" * 10, 10))
    doc = read_pdf(make_pdf(pages))
    assert [b.text for b in doc.blocks][:2] == [
        "第5期計画 進捗シート",
        "方針1-施策1 見出し1。" + "本文" * 10,
    ]
    assert sorted((s.text, s.loc.page) for s in doc.skipped) == [
        ("2026/11/27", 1),
        ("2026/11/27", 2),
        ("2026/11/27", 3),
        ("第5期計画 進捗シート", 2),
        ("第5期計画 進捗シート", 3),
    ]


# --- tables across pages ----------------------------------------------------------------------


def _approach(pg: Page, ys: list[float], rows: list[tuple[list[str], list[str]]]) -> Page:
    cells = []
    for r, (label, text) in enumerate(rows):
        cells += [(r, 0, 1, 1, label), (r, 1, 1, 1, text)]
    return grid(pg, [40, 140, 400], ys, cells)


def test_table_continued_on_next_page_with_repeated_header_and_split_row():
    p1 = _approach(
        Page(),
        [700, 720, 800],
        [
            (["対象"], ["市民"]),
            (["事業実績"], ["・一つ目の取組を実施した", "・二つ目の取組は"]),
        ],
    )
    p2 = _approach(
        Page(),
        [40, 60, 80, 120],
        [
            (["対象"], ["市民"]),  # the header, repeated
            ([], ["途中から続く", "・三つ目の取組"]),  # the rest of the split row
            (["今後の方向性"], ["・継続する"]),
        ],
    )
    doc = read_pdf(make_pdf([p1, p2]))
    (t,) = _tables(doc)
    assert _grid_text(t) == [
        ["対象", "市民"],
        ["事業実績", "・一つ目の取組を実施した ・二つ目の取組は 途中から続く ・三つ目の取組"],
        ["今後の方向性", "・継続する"],
    ]
    assert t.rows[1][1].loc.page == 1 and t.rows[2][1].loc.page == 2
    (d,) = [d for d in doc.diagnostics if d.code == "row-continued"]
    assert "1 repeated header row(s) removed" in d.message


def test_row_cut_open_above_the_break_continues_below_a_repeated_header():
    # WeasyPrint: the page break cuts the row (no ruling under it on page 1); page 2 repeats
    # the header, whose ruling closes the row's top there, and prints the row label below
    p1 = _approach(Page(), [700, 720], [(["対象"], ["市民"])])
    for x in (40, 140, 400):
        p1.line(x, 720, x, 800)
    p1.text(142, 722, "・一つ目の取組を実施した", 9)
    p2 = _approach(
        Page(),
        [40, 60, 100, 140],
        [
            (["対象"], ["市民"]),
            (["事業実績"], ["・二つ目の取組"]),
            (["今後の方向性"], ["・継続する"]),
        ],
    )
    doc = read_pdf(make_pdf([p1, p2]))
    (t,) = _tables(doc)
    assert _grid_text(t) == [
        ["対象", "市民"],
        ["事業実績", "・一つ目の取組を実施した ・二つ目の取組"],
        ["今後の方向性", "・継続する"],
    ]
    (d,) = [d for d in doc.diagnostics if d.code == "row-continued"]
    assert "1 repeated header row(s) removed" in d.message and "row split" in d.message


def test_a_new_row_label_below_the_break_starts_a_new_row_though_the_cells_look_open():
    # Chromium: a row that ends the page gets no ruling under it, and the next page repeats
    # the header; the row below the break prints a label of its own (生じた変化 ended short
    # above the break, so 今後の方向性 is not its rest): two rows, not one
    p1 = _approach(Page(), [700, 720], [(["対象"], ["市民"])])
    for x in (40, 140, 400):
        p1.line(x, 720, x, 800)
    p1.text(42, 722, "生じた変化", 9)
    p1.text(142, 722, "・利用が増えた", 9)
    p2 = _approach(Page(), [40, 60], [(["対象"], ["市民"])])
    for x in (40, 140, 400):
        p2.line(x, 60, x, 100)
    p2.line(40, 100, 400, 100)
    p2.text(42, 62, "今後の方向性", 9)
    p2.text(142, 62, "・継続する", 9)
    (t,) = _tables(read_pdf(make_pdf([p1, p2])))
    assert _grid_text(t) == [
        ["対象", "市民"],
        ["生じた変化", "・利用が増えた"],
        ["今後の方向性", "・継続する"],
    ]


def test_a_closed_row_above_the_break_is_not_continued_below_a_repeated_header():
    p1 = _approach(Page(), [700, 720, 800], [(["対象"], ["市民"]), (["事業実績"], ["・実施した"])])
    p2 = _approach(
        Page(), [40, 60, 100], [(["対象"], ["市民"]), (["今後の方向性"], ["・継続する"])]
    )
    (t,) = _tables(read_pdf(make_pdf([p1, p2])))
    assert _grid_text(t) == [
        ["対象", "市民"],
        ["事業実績", "・実施した"],
        ["今後の方向性", "・継続する"],
    ]


def test_tables_with_other_columns_on_the_next_page_stay_apart():
    p1 = grid(
        Page(),
        [40, 140, 400],
        [700, 720, 800],
        [
            (0, 0, 1, 1, ["対象"]),
            (0, 1, 1, 1, ["市民"]),
            (1, 0, 1, 1, ["実績"]),
            (1, 1, 1, 1, ["本文"]),
        ],
    )
    p2 = grid(
        Page(),
        [40, 200, 300, 400],
        [40, 60, 80],
        [
            (0, 0, 1, 1, ["事業名"]),
            (0, 1, 1, 1, ["現状値"]),
            (0, 2, 1, 1, ["目標値"]),
            (1, 0, 1, 1, ["講座"]),
            (1, 1, 1, 1, ["39"]),
            (1, 2, 1, 1, ["51"]),
        ],
    )
    assert len(_tables(read_pdf(make_pdf([p1, p2])))) == 2


def test_merged_cell_cut_open_by_the_page_break_is_one_cell():
    # a spreadsheet's merged cell (目指す成果) spans the last row on page 1 and the rows on
    # page 2: no ruling closes it at the break
    p1 = Page()
    grid(
        p1,
        [40, 140, 300],
        [740, 760, 800],
        [
            (0, 0, 1, 1, ["対象"]),
            (0, 1, 1, 1, ["目指す成果"]),
            (1, 0, 1, 1, ["市民"]),
        ],
    )
    p1.line(140, 760, 140, 800).line(300, 760, 300, 800).text(142, 762, "成果の文章", 9)
    p2 = Page()
    grid(p2, [40, 140, 300], [40, 80, 120], [(0, 0, 1, 1, ["地域"]), (1, 0, 1, 1, ["市"])])
    p2.line(140, 40, 140, 120).line(300, 40, 300, 120).line(140, 120, 300, 120)
    doc = read_pdf(make_pdf([p1, p2]))
    (t,) = _tables(doc)
    assert _grid_text(t) == [
        ["対象", "目指す成果"],
        ["市民", "成果の文章"],
        ["地域", ""],
        ["市", ""],
    ]
    assert t.rows[1][1].rowspan == 3
    assert t.rows[2][1].covered_by == (1, 1) and t.rows[3][1].covered_by == (1, 1)


def test_full_width_rows_of_a_ruled_form_are_text_and_split_the_tables():
    # a spreadsheet ruled from top to bottom: heading, direction, then the approach table
    xs = [40, 140, 400]
    ys = [100, 120, 160, 180, 220]
    pg = grid(
        Page(),
        xs,
        ys,
        [
            (0, 0, 1, 2, ["方針1-施策1 地域の活動"]),
            (1, 0, 1, 2, ["（基本施策1の方向性）", "地域の活動を支えます。"]),
            (2, 0, 1, 1, ["対象"]),
            (2, 1, 1, 1, ["市民"]),
            (3, 0, 1, 1, ["事業実績"]),
            (3, 1, 1, 1, ["・講座を開催した"]),
        ],
    )
    doc = read_pdf(make_pdf([pg]))
    assert [type(b).__name__ for b in doc.blocks] == [
        "TextBlock",
        "TextBlock",
        "TextBlock",
        "TableBlock",
    ]
    assert [b.text for b in doc.blocks[:3]] == [
        "方針1-施策1 地域の活動",
        "（基本施策1の方向性）",
        "地域の活動を支えます。",
    ]
    t = doc.blocks[3]
    assert _grid_text(t) == [["対象", "市民"], ["事業実績", "・講座を開催した"]]
    assert t.loc.bbox == (40, 160, 400, 220)
    assert doc.blocks[0].loc.page == 1
    (d,) = [d for d in doc.diagnostics if d.code == "table-rows-as-text"]
    assert "3 paragraph(s) or heading(s)" in d.message and "1 table(s)" in d.message


def test_a_whole_sheet_in_one_ruled_grid_parses():
    import sheetparse

    xs = [40, 140, 300, 460]
    ys = [60, 80, 100, 140, 160, 180, 200, 240]
    pg = Page().text(40, 30, "第1期テスト計画 進捗シート（令和7年度）", 14)
    grid(
        pg,
        xs,
        ys,
        [
            (0, 0, 1, 3, ["方針1-施策1 地域の活動"]),
            (1, 0, 1, 3, ["（基本施策1の方向性）"]),
            (2, 0, 1, 3, ["地域の活動を支えます。"]),
            (3, 0, 1, 3, ["気持ち・行動の変化を促すためのアプローチ"]),
            (4, 0, 1, 1, ["対象"]),
            (4, 1, 1, 1, ["市民"]),
            (4, 2, 1, 1, ["市"]),
            (5, 0, 1, 1, ["令和7年度事業実績"]),
            (5, 1, 1, 2, ["・講座を開催した"]),
            (6, 0, 1, 1, ["今後の取組の方向性"]),
            (6, 1, 1, 2, ["・継続する"]),
        ],
    )
    sheet = sheetparse.parse(make_pdf([pg]), format="pdf")
    (m,) = sheet.measures
    assert (m.id, m.title) == ("1-1", "地域の活動")
    assert [
        (n.kind.value if hasattr(n.kind, "value") else n.kind, n.items) for n in m.narratives
    ] == [
        ("direction", ["地域の活動を支えます。"]),
        ("results", ["講座を開催した"]),
        ("next_steps", ["継続する"]),
    ]
    assert sheet.report_fiscal_year == 2025
    assert sheet.coverage.unplaced_chars == 0


def test_paragraph_cut_by_a_page_break_is_one_paragraph():
    p1 = Page(width=300, height=400).text(20, 20, "（基本施策1の方向性）", 10)
    p1.text(20, 370, "地域住民が地域生活課題に気づき、学びを深める場を広く", 10)  # 26 of 26
    p2 = Page(width=300, height=400).text(20, 20, "提供します。", 10)
    p2.text(20, 60, "方針1-施策2 次の施策", 10)
    doc = read_pdf(make_pdf([p1, p2]))
    assert [b.text for b in doc.blocks] == [
        "（基本施策1の方向性）",
        "地域住民が地域生活課題に気づき、学びを深める場を広く提供します。",
        "方針1-施策2 次の施策",
    ]
    assert doc.blocks[1].loc.page == 1 and doc.blocks[1].loc.bbox[1] == pytest.approx(370, abs=0.01)
    assert [d.code for d in doc.diagnostics] == ["paragraph-continued"]


def test_a_paragraph_that_ends_a_page_short_is_not_continued():
    p1 = Page(width=300, height=400).text(20, 370, "短い段落です。", 10)
    p2 = Page(width=300, height=400).text(20, 20, "次の段落です。", 10)
    p2.text(20, 40, "地域住民が地域生活課題に気づき、学びを深める場を広く", 10)
    doc = read_pdf(make_pdf([p1, p2]))
    assert [b.text for b in doc.blocks][:2] == ["短い段落です。", "次の段落です。"]


def test_wraps_with_a_wide_right_margin_follow_the_text_column():
    # text column 40..480 (a 115 pt right margin): the table shows where lines end
    pg = Page()
    pg.text(40, 60, "あ" * 44, 10).text(40, 73, "いう。", 10)
    grid(pg, [40, 200, 480], [100, 120], [(0, 0, 1, 1, ["対象"]), (0, 1, 1, 1, ["市民"])])
    doc = read_pdf(make_pdf([pg]))
    assert [b.text for b in _texts(doc)] == ["あ" * 44 + "いう。"]


def test_a_title_with_one_larger_latin_digit_wraps_as_one_heading():
    # 20 pt title; the "5" comes from a Latin font set at 22 pt (LibreOffice Writer): the line
    # is still a 20 pt line, and it is full (シー, 40 pt, would not fit before 279)
    pg = Page(width=300, height=400).text(20, 40, "第", 20).text(40, 38, "5", 22)
    pg.text(51, 40, "期計画の主な取組の進捗", 20).text(20, 66, "シート", 20)
    pg.text(20, 120, "本文の段落です。" * 3, 10)
    doc = read_pdf(make_pdf([pg]))
    first = _texts(doc)[0]
    assert (first.text, first.kind) == ("第5期計画の主な取組の進捗シート", "heading")


def test_a_caption_wraps_inside_a_figure_indented_on_both_sides():
    # text column 20..280; the figure's caption starts 40 pt in, so it wraps 40 pt before the
    # right edge: チ ends at 240 and ラ (10 pt) would not have fitted before 240
    pg = Page(width=300, height=400).text(20, 20, "本文" * 13, 10)
    pg.text(60, 40, "▲作成した『柏市子育て支援施設』のチ", 10).text(60, 53, "ラシ", 10)
    pg.text(20, 80, "次の段落。", 10)
    doc = read_pdf(make_pdf([pg]))
    assert [(b.kind, b.text) for b in _texts(doc)] == [
        ("paragraph", "本文" * 13),
        ("caption", "▲作成した『柏市子育て支援施設』のチラシ"),
        ("paragraph", "次の段落。"),
    ]
