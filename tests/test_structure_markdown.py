"""Heading variants, table vocabulary and Markdown irregularities the seed does not contain,
on small hand-written sheets with hand-written expectations."""

from __future__ import annotations

import pytest

import sheetparse
from sheetparse.readers.markdown.reader import read_markdown_text, split_row

INDICATOR = """\
| 事業名 | 現状値 (R5) | 実績値 | | 目標値 (R12) |
|---|---|---|---|---|
| | | R7 | R8 | |
| 講座の実施 | 39 | 36 | | 51 |
"""

APPROACH = """\
| 対象 | 市民 | 地域 | 市 |
|---|---|---|---|
| 令和7年度事業実績 | ・実績一 ・実績二 | | |
| 当初期待した効果 | 効果の文 | | |
| 生じた変化・課題 | 変化の文 | | |
| 今後の方向性 | 方向の文 | | |
"""


def sheet(*parts: str) -> sheetparse.ProgressSheet:
    return sheetparse.parse_text("第5期計画 進捗シート\n\n" + "\n\n".join(parts), format="markdown")


@pytest.mark.parametrize(
    "heading, mid, title",
    [
        ("方針1-施策1 地域の支えあい", "1-1", "地域の支えあい"),
        ("方針1—施策3 連携体制の構築", "1-3", "連携体制の構築"),
        ("方針2－施策2 切れ目のない支援", "2-2", "切れ目のない支援"),
        ("方針3ー施策1 健康づくり", "3-1", "健康づくり"),
        ("方針１－施策２\u3000全角の見出し", "1-2", "全角の見出し"),
        ("## 方針4-施策4 見出し記号つき", "4-4", "見出し記号つき"),
        ("方針一－施策二 漢数字の見出し", "1-2", "漢数字の見出し"),
        ("方針２－施策十二 全角と漢数字", "2-12", "全角と漢数字"),
    ],
)
def test_heading_variants(heading, mid, title):
    s = sheet(heading, INDICATOR)
    assert [(m.id, m.title) for m in s.measures] == [(mid, title)]
    assert not [d for d in s.diagnostics if d.code == "heading-typo"]


def test_heading_typo_is_read_and_reported():
    s = sheet("方針2-1 施策1 相談体制の充実", INDICATOR)
    assert [(m.id, m.policy, m.number) for m in s.measures] == [("2-1", 2, 1)]
    typo = [d for d in s.diagnostics if d.code == "heading-typo"]
    assert len(typo) == 1 and typo[0].level == "warning"
    assert "方針2-1 施策1" in typo[0].message and typo[0].location.line == 3


def test_synonym_headers_and_labels():
    table = INDICATOR.replace("事業名", "指標名")
    s = sheet("方針1-施策1 題", table, "気持ち・行動の変化を促すためのアプローチ", APPROACH)
    m = s.measures[0]
    assert m.indicators[0].name == "講座の実施"
    kinds = [(n.kind, n.label) for n in m.narratives]
    assert kinds == [
        ("results", "令和7年度事業実績"),
        ("expected_effects", "当初期待した効果"),
        ("changes_and_issues", "生じた変化・課題"),
        ("next_steps", "今後の方向性"),
    ]
    assert m.narratives[0].items == ["実績一", "実績二"]
    assert m.narratives[0].fiscal_year == 2025 and m.narratives[0].actor is None


@pytest.mark.parametrize(
    "labels",
    [
        ("令和7年度実績", "当初期待された効果", "取組の成果と課題", "今後の取組方針"),
        ("令和7年度の取組", "期待される効果", "生じた変化及び課題", "次年度以降の取組"),
        ("令和７（２０２５）年度事業実績", "期待した成果", "成果と課題", "今後の展開"),
    ],
)
def test_other_wordings_of_the_approach_rows(labels):
    table = APPROACH
    for old, new in zip(
        ("令和7年度事業実績", "当初期待した効果", "生じた変化・課題", "今後の方向性"),
        labels,
        strict=True,
    ):
        table = table.replace(old, new)
    s = sheet("方針1-施策1 題", INDICATOR, "気持ち・行動の変化を促すためのアプローチ", table)
    m = s.measures[0]
    assert [(n.kind, n.label) for n in m.narratives] == list(
        zip(
            ("results", "expected_effects", "changes_and_issues", "next_steps"), labels, strict=True
        )
    )
    assert m.narratives[0].fiscal_year == 2025
    assert not [d for d in s.diagnostics if d.code == "unknown-label"]


def test_full_width_parentheses_in_labels():
    table = INDICATOR.replace("現状値 (R5)", "現状値（Ｒ５）").replace(
        "目標値 (R12)", "目標値（Ｒ１２）"
    )
    s = sheet("方針1-施策1 題", "（基本施策1の方向性）", "方向の本文。", table)
    m = s.measures[0]
    assert m.indicators[0].baseline.fiscal_year == 2023
    assert m.indicators[0].baseline.label == "現状値（Ｒ５）"
    assert m.indicators[0].target.fiscal_year == 2030
    assert (m.narratives[0].kind, m.narratives[0].label, m.narratives[0].items) == (
        "direction",
        "基本施策1の方向性",
        ["方向の本文。"],
    )


def test_li_lists_and_separate_text_per_actor():
    table = """\
| 対象 | 市民 | 地域 | 市 |
|---|---|---|---|
| 令和6年度事業実績 | <ul><li>市民の一</li><li>市民の二</li></ul> | <ul><li>地域の一</li></ul> | |
"""
    s = sheet("方針1-施策1 題", "気持ち・行動の変化を促すためのアプローチ", table)
    got = [(n.kind, n.actor, n.items, n.fiscal_year) for n in s.measures[0].narratives]
    assert got == [
        ("results", "市民", ["市民の一", "市民の二"], 2024),
        ("results", "地域", ["地域の一"], 2024),
    ]


def test_missing_trailing_pipes_and_fewer_cells():
    table = """\
| 事業名 | 現状値 (R5) | 実績値 | | 目標値 (R12)
|---|---|---|---|---
| | | R7 | R8
| 講座の実施 | 39 | 36
"""
    s = sheet("方針1-施策1 題", table)
    ind = s.measures[0].indicators[0]
    assert (ind.baseline.value, [a.value for a in ind.actuals], ind.target.raw) == (
        39,
        [36, None],
        "",
    )
    assert ind.target.value is None


def test_alignment_colons_and_escaped_pipes():
    assert split_row("| a \\| b | :c: |") == [" a | b ", " :c: "]
    doc = read_markdown_text("| x | y |\n|:--|--:|\n| 1 | 2 |\n")
    table = doc.blocks[0]
    assert table.header_rows == 1 and [c.text for c in table.rows[1]] == ["1", "2"]


def test_two_row_header_with_years_in_kanji_era():
    table = """\
| 事業名 | 現状値 | 実績値 | | 目標値 |
|---|---|---|---|---|
| | 令和5年度 | 令和6年度 | 令和7年度 | 令和12年度 |
| 相談件数 | 1,077 | 932 | 約1,000 | 1,360 |
"""
    s = sheet("方針1-施策1 題", table)
    ind = s.measures[0].indicators[0]
    assert ind.baseline.fiscal_year == 2023 and ind.baseline.value == 1077
    assert [(a.fiscal_year, a.label, a.value) for a in ind.actuals] == [
        (2024, "令和6年度", 932),
        (2025, "令和7年度", 1000),
    ]
    assert ind.actuals[1].approximate is True
    assert ind.target.fiscal_year == 2030


def test_unit_column_and_unit_in_value():
    table = """\
| 指標名 | 単位 | 現状値(R5) | 実績値(R7) | 目標値(R12) |
|---|---|---|---|---|
| 参加者数 | 人 | 100 | 120 | 200 |
| 達成率 | | 45％ | 50％ | 80％ |
"""
    s = sheet("方針1-施策1 題", table)
    a, b = s.measures[0].indicators
    assert (a.unit, a.baseline.value, a.actuals[0].fiscal_year) == ("人", 100, 2025)
    assert (b.unit, b.baseline.value, b.baseline.raw) == ("％", 45, "45％")


def test_a_note_in_brackets_after_a_value_is_the_note_without_its_brackets():
    table = """\
| 事業名 | 現状値 (R5) | 実績値 | | 目標値 (R12) |
|---|---|---|---|---|
| | | R6 | R7 | |
| 講座の実施 | 1,180 | 1,320（見込） | 875(見込み) | 1,500 |
| 相談件数 | 12件【累計】 | 30 ※暫定 | 326,800（0） | 40 |
"""
    s = sheet("方針1-施策1 題", table)
    a, b = s.measures[0].indicators
    got = [(o.raw, o.value, o.note) for o in a.actuals]
    assert got == [("1,320（見込）", 1320, "見込"), ("875(見込み)", 875, "見込み")]
    assert (b.baseline.raw, b.baseline.value, b.baseline.note) == ("12件【累計】", 12, "累計")
    assert [(o.value, o.note) for o in b.actuals] == [(30, "※暫定"), (326800, "0")]


def test_organize_table_per_actor_and_merged_outcome():
    table = """\
| 対象 | 気持ちの変化 | 行動の変化 | 目指す成果 |
|---|---|---|---|
| 市民 | <ul> 思う 感じる </ul> | <ul> 行う </ul> | 成果の文 |
| 地域 | <ul> 地域が思う </ul> | | |
| 市 | <ul> 市が思う </ul> | <ul> 市が行う </ul> | |
"""
    s = sheet("方針1-施策1 題", "【施策1】の推進に向けた共創型オーガナイズアクション", table)
    got = [(n.kind, n.actor, n.items) for n in s.measures[0].narratives]
    assert got == [
        ("mindset_change", "市民", ["思う", "感じる"]),
        ("behavior_change", "市民", ["行う"]),
        ("mindset_change", "地域", ["地域が思う"]),
        ("behavior_change", "地域", []),
        ("mindset_change", "市", ["市が思う"]),
        ("behavior_change", "市", ["市が行う"]),
        ("outcome", None, ["成果の文"]),
    ]
    empty = [d for d in s.diagnostics if d.code == "empty-cell"]
    assert len(empty) == 1 and empty[0].location.line == 10  # the 地域 row


def test_unknown_row_label_is_other_with_diagnostic():
    table = APPROACH + "| 担当課の所見 | 所見の文 | | |\n"
    s = sheet("方針1-施策1 題", "気持ち・行動の変化を促すためのアプローチ", table)
    other = s.measures[0].narratives[-1]
    assert (other.kind, other.label, other.items) == ("other", "担当課の所見", ["所見の文"])
    assert any(d.code == "unknown-label" for d in s.diagnostics)


def test_canonical_order_whatever_the_print_order():
    org = """\
| 対象 | 気持ちの変化 | 行動の変化 | 目指す成果 |
|---|---|---|---|
| 市民 | 思う | 行う | 成果 |
"""
    s = sheet(
        "方針1-施策1 題",
        "気持ち・行動の変化を促すためのアプローチ",
        APPROACH,
        "【施策1】の推進に向けた共創型オーガナイズアクション",
        org,
        "（基本施策1の方向性）",
        "方向性の文。",
    )
    assert [n.kind for n in s.measures[0].narratives] == [
        "direction",
        "mindset_change",
        "behavior_change",
        "outcome",
        "results",
        "expected_effects",
        "changes_and_issues",
        "next_steps",
    ]


def test_table_before_heading_of_the_next_policy():
    org = "| 対象 | 気持ちの変化 | 行動の変化 | 目指す成果 |\n|---|---|---|---|\n| 市民 | 思う | 行う | 成果 |\n"
    s = sheet(
        "方針1-施策2 前",
        INDICATOR,
        "【施策1】の推進に向けた共創型オーガナイズアクション",
        org,
        "方針2-施策1 後",
        INDICATOR,
    )
    m1, m2 = s.measures
    assert not m1.narratives
    assert [n.kind for n in m2.narratives] == ["mindset_change", "behavior_change", "outcome"]
    d = [d for d in s.diagnostics if d.code == "table-before-heading"]
    assert len(d) == 1 and "measure 2-1" in d[0].message


def test_unknown_paragraph_and_table_are_unplaced_with_their_text():
    odd = "| 区分 | 金額 |\n|---|---|\n| 人件費 | 1,000 |\n"
    s = sheet("方針1-施策1 題", INDICATOR, "※この欄は参考です。", odd)
    unplaced = [d for d in s.diagnostics if d.code == "unplaced-block"]
    assert [d.text for d in unplaced] == ["※この欄は参考です。", "区分 | 金額\n人件費 | 1,000"]
    assert s.coverage.unplaced_chars == len("※この欄は参考です。") + len("区分金額人件費1,000")


def test_report_year_from_title():
    s = sheetparse.parse_text("令和6年度 第4期計画 進捗シート\n\n方針1-施策1 題\n\n" + INDICATOR)
    assert (s.title, s.report_fiscal_year, s.plan_term) == (
        "令和6年度 第4期計画 進捗シート",
        2024,
        4,
    )
    assert not [d for d in s.diagnostics if d.code == "report-year-inferred"]


def test_a_pages_update_date_is_not_the_report_year():
    # a web page printed to PDF: the CMS's update date sits above the sheet; the title names
    # no year, so the year comes from the results label, not from the date of the page
    s = sheetparse.parse_text(
        "第5期計画 進捗シート\n\n更新日：2019年6月28日\n\n方針1-施策1 題\n\n"
        + INDICATOR
        + "\n気持ち・行動の変化を促すためのアプローチ\n\n"
        + APPROACH,
        format="markdown",
    )
    assert s.report_fiscal_year == 2025
    assert [d.code for d in s.diagnostics if d.code == "report-year-inferred"]


def test_heading_title_on_the_next_line_and_basic_prefixes():
    s = sheet(
        "**基本方針1-基本施策2**",
        "地域福祉を担う人材の育成",
        "(基本施策2の方向性)",
        "本文。",
        INDICATOR,
    )
    m = s.measures[0]
    assert (m.id, m.title) == ("1-2", "地域福祉を担う人材の育成")
    assert m.narratives[0].items == ["本文。"]
    assert s.coverage.unplaced_chars == 0


def test_org_title_without_brackets_places_the_table():
    org = "| 対象 | 気持ちの変化 | 行動の変化 | 目指す成果 |\n|---|---|---|---|\n| 市民 | 思う | 行う | 成果 |\n"
    s = sheet(
        "方針1-施策1 前",
        INDICATOR,
        "施策2の推進に向けた共創型オーガナイズアクション",
        org,
        "方針1-施策2 後",
        INDICATOR,
    )
    assert [len(m.narratives) for m in s.measures] == [0, 3]


def test_tables_continued_over_a_page_break_in_a_conversion():
    org_top = """\
| 対象 | 気持ちの変化 | 行動の変化 | 目指す成果 |
|---|---|---|---|
| 市民 | <ul> 思う </ul> | <ul> 行う </ul> | 成果の文の |
"""
    org_rest = """\
| | <ul> 感じる </ul> | | 続き |
|---|---|---|---|
| 地域 | <ul> 地域が思う </ul> | <ul> 地域が行う </ul> | |
"""
    approach_top = """\
| 対象 | 市民 | 地域 | 市 |
|---|---|---|---|
| 令和7年度事業実績 | ・一つ目の実績。 ・二つ目の実績は途中で | | |
"""
    approach_rest = """\
| | 改ページをまたいだ。 ・三つ目の実績。 | | |
|---|---|---|---|
| 当初期待した効果 | 効果の文。 | | |
"""
    s = sheet(
        "方針1-施策1 題",
        "【施策1】の推進に向けた共創型オーガナイズアクション",
        org_top,
        "- 2 -",
        org_rest,
        INDICATOR,
        "気持ち・行動の変化を促すためのアプローチ",
        approach_top,
        "3",
        approach_rest,
    )
    got = [(n.kind, n.actor, n.items) for n in s.measures[0].narratives]
    assert got == [
        ("mindset_change", "市民", ["思う", "感じる"]),
        ("behavior_change", "市民", ["行う"]),
        ("mindset_change", "地域", ["地域が思う"]),
        ("behavior_change", "地域", ["地域が行う"]),
        ("outcome", None, ["成果の文の続き"]),
        (
            "results",
            None,
            ["一つ目の実績。", "二つ目の実績は途中で改ページをまたいだ。", "三つ目の実績。"],
        ),
        ("expected_effects", None, ["効果の文。"]),
    ]
    assert s.coverage.unplaced_chars == 0
    assert s.coverage.skipped_chars == len("-2-") + 1
    dropped = [d for d in s.diagnostics if d.code == "running-text-dropped"]
    assert len(dropped) == 1 and "2 page numbers" in dropped[0].message
    assert len([d for d in s.diagnostics if d.code == "row-continued"]) == 2


def test_indicator_table_continued_with_and_without_its_header():
    rest = "| 二つ目の事業 | 10 | 12 | | 20 |\n|---|---|---|---|---|\n| 三つ目の事業 | 5 | 6 | 7 | 9 |\n"
    repeated = INDICATOR.replace("講座の実施", "四つ目の事業")
    s = sheet("方針1-施策1 題", INDICATOR, rest, repeated)
    inds = s.measures[0].indicators
    assert [i.name for i in inds] == ["講座の実施", "二つ目の事業", "三つ目の事業", "四つ目の事業"]
    assert [(a.fiscal_year, a.value) for a in inds[2].actuals] == [(2025, 6), (2026, 7)]
    assert inds[1].target.value == 20 and inds[1].target.fiscal_year == 2030


def test_running_title_repeated_on_each_page_is_dropped_not_lost():
    s = sheet("方針1-施策1 題", INDICATOR, "第5期計画 進捗シート", "方針1-施策2 次", INDICATOR)
    assert [m.id for m in s.measures] == ["1-1", "1-2"]
    assert s.coverage.unplaced_chars == 0 and s.coverage.skipped_chars == len("第5期計画進捗シート")


def test_an_earlier_measures_heading_repeated_on_each_page_is_furniture():
    # print titles repeat the sheet's first heading on every page: what follows stays with the
    # measure being read, and the repeat is counted as page furniture
    s = sheet("方針2-施策1 題", INDICATOR, "方針2-施策2 次", "方針2-施策1 題", INDICATOR)
    assert [(m.id, len(m.indicators)) for m in s.measures] == [("2-1", 1), ("2-2", 1)]
    (d,) = [d for d in s.diagnostics if d.code == "duplicate-heading"]
    assert "while measure 2-2 is being read" in d.message
    assert s.coverage.unplaced_chars == 0 and s.coverage.skipped_chars == len("方針2-施策1題")


def test_a_heading_listed_before_its_content_is_not_furniture():
    # a list of the measures (no content yet) before the body: the body's headings read on
    s = sheet("方針1-施策1 題", "方針1-施策2 次", "方針1-施策1 題", INDICATOR)
    assert [(m.id, len(m.indicators)) for m in s.measures] == [("1-1", 1), ("1-2", 0)]


def test_html_tables_inside_markdown():
    approach = """\
<table>
<tr><th>対象</th><th>市民</th><th>地域</th><th>市</th></tr>
<tr><td>令和7年度事業実績</td><td colspan="3"><ul><li>実績一</li><li>実績二</li></ul></td></tr>
<tr><td>当初期待した効果</td><td>市民の効果</td><td>地域の効果</td><td></td></tr>
</table>"""
    s = sheet("方針1-施策1 題", INDICATOR, "気持ち・行動の変化を促すためのアプローチ", approach)
    got = [(n.kind, n.actor, n.items, n.source.line) for n in s.measures[0].narratives]
    assert got == [
        ("results", None, ["実績一", "実績二"], 15),
        ("expected_effects", "市民", ["市民の効果"], 16),
        ("expected_effects", "地域", ["地域の効果"], 16),
    ]
    assert s.coverage.unplaced_chars == 0


def test_merged_cells_copied_by_a_converter_are_read_once():
    # Docling-style conversions repeat a merged cell's text in every column/row it spans
    approach = """\
| 対象 | 市民 | 地域 | 市 |
|---|---|---|---|
| 令和7年度事業実績 | ・実績一 ・実績二 | ・実績一 ・実績二 | ・実績一 ・実績二 |
| 当初期待した効果 | 市民の効果 | 地域の効果 | |
"""
    org = """\
| 対象 | 気持ちの変化 | 行動の変化 | 目指す成果 |
|---|---|---|---|
| 市民 | 思う | 行う | 成果の文 |
| 地域 | 地域が思う | 地域が行う | 成果の文 |
| 市 | 市が思う | 市が行う | 成果の文 |
"""
    s = sheet(
        "方針1-施策1 題",
        "【施策1】の推進に向けた共創型オーガナイズアクション",
        org,
        INDICATOR,
        "気持ち・行動の変化を促すためのアプローチ",
        approach,
    )
    got = [(n.kind, n.actor, n.items) for n in s.measures[0].narratives]
    assert ("outcome", None, ["成果の文"]) in got
    assert [g for g in got if g[0] == "results"] == [("results", None, ["実績一", "実績二"])]
    assert [g for g in got if g[0] == "expected_effects"] == [
        ("expected_effects", "市民", ["市民の効果"]),
        ("expected_effects", "地域", ["地域の効果"]),
    ]
    assert len([d for d in s.diagnostics if d.code == "merged-cell-repeated"]) == 2
    assert s.coverage.unplaced_chars == 0


def test_row_label_cut_over_two_rows_is_one_row():
    # a page break (WeasyPrint, wkhtmltopdf) cut the label cell: 生じた変 | 化又は課題
    approach = """\
| 対象 | 市民 | 地域 | 市 |
|---|---|---|---|
| 令和7年度事業実績 | 実績の文。 | | |
| 生じた変 | | | |
| 化又は課題 | ・変化の文。 ・課題の文。 | | |
| 当初期待 | 効果の文の前半 | | |
| した効果 | 後半。 | | |
| 今後の取組の方向性 | 方向の文。 | | |
"""
    s = sheet("方針1-施策1 題", "気持ち・行動の変化を促すためのアプローチ", approach)
    got = [(n.kind, n.label, n.items, n.source.line) for n in s.measures[0].narratives]
    assert got == [
        ("results", "令和7年度事業実績", ["実績の文。"], 9),
        ("expected_effects", "当初期待した効果", ["効果の文の前半後半。"], 12),
        ("changes_and_issues", "生じた変化又は課題", ["変化の文。", "課題の文。"], 11),
        ("next_steps", "今後の取組の方向性", ["方向の文。"], 14),
    ]
    codes = [d.code for d in s.diagnostics]
    assert "unknown-label" not in codes and "empty-cell" not in codes
    assert codes.count("row-continued") == 2
    assert s.coverage.unplaced_chars == 0


def test_unknown_labels_that_do_not_join_into_a_known_one_stay_apart():
    approach = """\
| 対象 | 市民 | 地域 | 市 |
|---|---|---|---|
| その他 | 一つ目。 | | |
| 備考 | 二つ目。 | | |
"""
    s = sheet("方針1-施策1 題", "気持ち・行動の変化を促すためのアプローチ", approach)
    got = [(n.kind, n.label, n.items) for n in s.measures[0].narratives]
    assert got == [("other", "その他", ["一つ目。"]), ("other", "備考", ["二つ目。"])]
