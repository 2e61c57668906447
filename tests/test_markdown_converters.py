"""Markdown as other HTML-to-Markdown converters write it (Pandoc's commonmark_x and gfm,
markdownify / MarkItDown), on small hand-written sheets with hand-written expectations."""

from __future__ import annotations

import sheetparse
from sheetparse.readers.markdown.cells import cell_parts
from sheetparse.readers.markdown.reader import read_markdown_text


def sheet(text: str) -> sheetparse.ProgressSheet:
    return sheetparse.parse_text(text, format="markdown")


def test_pandoc_attribute_blocks_and_fenced_divs_are_markup():
    s = sheet("""\
::: {#tmp_contents}
# 第5期計画 進捗シート {#第5期計画-進捗シート}

## 方針1-施策1 地域の支えあい {#方針1-施策1-地域の支えあい .measure}

### （基本施策1の方向性）

方向性の文。

:::

![▲講座の様子](images/1-1-figure-1.png){width="480"}
""")
    assert s.title == "第5期計画 進捗シート"
    m = s.measures[0]
    assert (m.id, m.title, m.figures) == ("1-1", "地域の支えあい", ["講座の様子"])
    assert [(n.kind, n.items) for n in m.narratives] == [("direction", ["方向性の文。"])]
    assert s.coverage.unplaced_chars == 0


def test_raw_html_block_with_tags_wrapped_over_lines():
    # Pandoc (gfm) keeps a <figure> as raw HTML and wraps its tags at 72 columns
    s = sheet("""\
# 第5期計画 進捗シート

## 方針1-施策1 地域の支えあい

<figure>
<img src="images/1-1-figure-1.png" width="480"
alt="▲作成した『相談情報』のチラシ" />
<figcaption
aria-hidden="true">▲作成した『相談情報』のチラシ</figcaption>
</figure>

<p>▲二枚目の写真</p>
""")
    assert s.measures[0].figures == ["作成した『相談情報』のチラシ", "二枚目の写真"]
    assert s.coverage.unplaced_chars == 0
    assert not [d for d in s.diagnostics if d.code == "unplaced-block"]


def test_html_block_locations_are_markdown_lines():
    doc = read_markdown_text("前の行\n\n<div>\n<p>一行目</p>\n<p>二行目</p>\n</div>\n")
    assert [(b.text, b.loc.line) for b in doc.blocks] == [
        ("前の行", 1),
        ("一行目", 4),
        ("二行目", 5),
    ]


def test_list_lines_outside_tables_lose_their_markers():
    s = sheet("""\
# 第5期計画 進捗シート

## 方針1-施策1 地域の支えあい

### （基本施策1の方向性）

- 一つ目の方向。
- 二つ目の方向。

- 2 -
""")
    assert [n.items for n in s.measures[0].narratives] == [["一つ目の方向。", "二つ目の方向。"]]
    assert s.coverage.skipped_chars == len("-2-")


def test_list_flattened_into_a_cell_with_markdown_markers():
    assert [(p.kind, p.text) for p in cell_parts(" * 一つ目の項目 * 二つ目、* 印を含む ")] == [
        ("li", "一つ目の項目"),
        ("li", "二つ目、* 印を含む"),
    ]
    assert [(p.kind, p.text) for p in cell_parts("- 実施した。 ![](img/a.jpg) ▲訓練の様子")] == [
        ("li", "実施した。"),
        ("caption", "▲訓練の様子"),
    ]
    # not lists: a dash meaning no value, a negative number, text with a star inside
    assert [p.text for p in cell_parts("-")] == ["-"]
    assert [p.text for p in cell_parts("▲5")] == ["▲5"]
    assert [p.text for p in cell_parts("注 * 印")] == ["注 * 印"]
    # a picture is not text (its alt text is not printed), unless the alt is a ▲ caption
    assert cell_parts("![写真](images/4-2.jpg)") == ()
    assert [p.text for p in cell_parts("文。 ![▲写真の説明](a.png)")] == ["文。 ▲写真の説明"]


MARKITDOWN = """\
# 第3期計画 進捗シート（平成30年度）

**方針１－施策１ 居場所づくり**

**【施策1】の推進に向けた共創型オーガナイズアクション**

| 対象 | めざす成果に向けて生み出したい変化の過程（プロセス） | | |
| --- | --- | --- | --- |
| 意識の変化 | 行動の変化 | めざす成果 |
| 市民 | * 集える場所がほしいと思う * 運営に関わりたいと思う | ・サロンに参加する | 居場所がある |
| 地域 | 集会所を活用したいと思う | ・サロンを立ち上げる |
| 行政 | 要因を把握したいと思う | 補助制度を周知する |

| 指標名 | 単位 | 基準値 （平成28年度） | 実績値 | | 目標値 （令和3年度） |
| --- | --- | --- | --- | --- | --- |
| 平成29年度 | 平成30年度 |
| ふれあいサロンの設置数 | か所 | ４２ | ４５ | ４８ | ６０ |

**気持ち・行動の変化を促すためのアプローチ**

| 対象 | 市民 | 地域 | 行政 |
| --- | --- | --- | --- |
| 平成30年度取組実績 | * 補助金を交付した。 * ガイドブックを配布した。 ![](images/a.jpg) ▲ガイドブックの表紙 | | |
| 期待する効果 | ![写真](images/b.jpg) | | |
"""


def test_markdownify_tables_without_rowspan_are_realigned():
    """MarkItDown writes a colspan as empty cells and drops the cells a rowspan covered: the
    header's lower row comes out short and shifted left, the merged outcome cell missing."""
    s = sheet(MARKITDOWN)
    m = s.measures[0]
    got = [(n.kind, n.actor, n.label, n.items, n.figures) for n in m.narratives]
    assert got == [
        (
            "mindset_change",
            "市民",
            "意識の変化",
            ["集える場所がほしいと思う", "運営に関わりたいと思う"],
            [],
        ),
        ("behavior_change", "市民", "行動の変化", ["サロンに参加する"], []),
        ("mindset_change", "地域", "意識の変化", ["集会所を活用したいと思う"], []),
        ("behavior_change", "地域", "行動の変化", ["サロンを立ち上げる"], []),
        ("mindset_change", "市", "意識の変化", ["要因を把握したいと思う"], []),
        ("behavior_change", "市", "行動の変化", ["補助制度を周知する"], []),
        ("outcome", None, "めざす成果", ["居場所がある"], []),
        (
            "results",
            None,
            "平成30年度取組実績",
            ["補助金を交付した。", "ガイドブックを配布した。"],
            ["ガイドブックの表紙"],
        ),
        ("expected_effects", None, "期待する効果", [], []),
    ]
    (ind,) = m.indicators
    assert (ind.name, ind.unit) == ("ふれあいサロンの設置数", "か所")
    assert (ind.baseline.fiscal_year, ind.baseline.value) == (2016, 42)
    assert [(a.fiscal_year, a.value) for a in ind.actuals] == [(2017, 45), (2018, 48)]
    assert (ind.target.fiscal_year, ind.target.value) == (2021, 60)


def test_short_body_rows_are_not_realigned():
    # a body row with its last cells merged down is short too: it stays where it is
    doc = read_markdown_text(
        "| 対象 | 気持ちの変化 | 行動の変化 | 目指す成果 |\n|---|---|---|---|\n"
        "| 市民 | 思う | 行う | 成果 |\n| 地域 | 地域が思う | 地域が行う |\n"
    )
    (table,) = doc.blocks
    assert [c.text for c in table.rows[2]] == ["地域", "地域が思う", "地域が行う", ""]
    assert all(c.rowspan == 1 for row in table.rows for c in row)


def test_docling_style_spans_copied_into_every_cell():
    """Docling copies a merged cell's text into every position it spans (group headers too),
    joins a cell's lines with <br> and its paragraphs without a space."""
    s = sheet("""\
## 第5期計画 進捗シート

## 方針1-施策1 地域の支えあい

【施策1】の推進に向けた共創型オーガナイズアクション

| 対象 | 目指す成果に向けて生み出したい変化の過程（プロセス） | 目指す成果に向けて生み出したい変化の過程（プロセス） | 目指す成果に向けて生み出したい変化の過程（プロセス） |
|---|---|---|---|
| 対象 | 気持ちの変化 | 行動の変化 | 目指す成果 |
| 市民 | 興味を持つ<br>参加したいと思う | 参加する | 関心が高まる |
| 地域 | 必要性を感じる | 周知する | 関心が高まる |

| 事業名 | 現状値 (R5) | 実績値 | 実績値 | 目標値 (R12) |
|---|---|---|---|---|
| 事業名 | 現状値 (R5) | R7 | R8 | 目標値 (R12) |
| 講座の実施 | 39 | 36 |  | 51 |

気持ち・行動の変化を促すためのアプローチ

| 対象 | 市民 | 地域 | 市 |
|---|---|---|---|
| 令和7年度事業実績 | 講座を開催した。<br>要望に応えた。▲講座の様子 | 講座を開催した。<br>要望に応えた。▲講座の様子 | 講座を開催した。<br>要望に応えた。▲講座の様子 |
""")
    m = s.measures[0]
    got = [(n.kind, n.actor, n.items, n.figures) for n in m.narratives]
    assert got == [
        ("mindset_change", "市民", ["興味を持つ", "参加したいと思う"], []),
        ("behavior_change", "市民", ["参加する"], []),
        ("mindset_change", "地域", ["必要性を感じる"], []),
        ("behavior_change", "地域", ["周知する"], []),
        ("outcome", None, ["関心が高まる"], []),
        ("results", None, ["講座を開催した。", "要望に応えた。"], ["講座の様子"]),
    ]
    (ind,) = m.indicators
    assert [(a.fiscal_year, a.raw) for a in ind.actuals] == [(2025, "36"), (2026, "")]
    assert (ind.baseline.value, ind.target.value) == (39, 51)
    assert s.coverage.unplaced_chars == 0


PANDOC = r"""# 第2期計画 進捗シート（令和6年度）

## 方針1-施策1 見守りの充実

#### 【施策1】の推進に向けた共創型オーガナイズアクション

+------+--------------+--------------+--------------+
| 対象 | 目指す成果に向けて生み出したい変化の過程   |
|      +--------------+--------------+--------------+
|      | 気持ちの変化 | 行動の変化   | 目指す成果   |
+======+==============+==============+==============+
| 市民 | -   相談して | -            | 見守りの輪が |
|      | みようと思う |    LINEに登  | 広がる       |
|      | -   気にかけ |    録する    |              |
|      | たいと思う   |              |              |
+------+--------------+--------------+--------------+
| 地域 | 必要性を感じ | 集会所を使う |              |
|      | る           |              |              |
+------+--------------+--------------+--------------+

  ------------------------------------------------------
  事業名         現状値\        実績値      目標値\
                 （令和5年度）              (R12)
  -------------- -------------- ----------- ------------
                                令和6年度

  見守り訪問の   ---            1,2         \-
  件数                          04
  ------------------------------------------------------

#### 気持ち・行動の変化を促すためのアプローチ

+------+--------------------------------------------+
| 令和 | -   実績の一つ目。                         |
| 6年  |                                            |
| 度事 |     続きの段落。                           |
| 業実 |                                            |
| 績   | ![](images/1-1.png)                        |
|      |                                            |
|      | ▲訓練の様子                                |
+------+--------------------------------------------+

  対象               市民                   地域   市
  ------------------ ---------------------- ------ ----
  当初期待した効果   見守りが広がること。
"""


def test_pandoc_grid_multiline_and_simple_tables():
    """``pandoc -t markdown``: grid tables (here with Pandoc 3's spans), a multiline and a
    simple table, columns aligned in display width, cell text wrapped anywhere."""
    s = sheet(PANDOC)
    m = s.measures[0]
    got = [(n.kind, n.actor, n.label, n.items, n.figures) for n in m.narratives]
    assert got == [
        (
            "mindset_change",
            "市民",
            "気持ちの変化",
            ["相談してみようと思う", "気にかけたいと思う"],
            [],
        ),
        ("behavior_change", "市民", "行動の変化", ["LINEに登録する"], []),
        ("mindset_change", "地域", "気持ちの変化", ["必要性を感じる"], []),
        ("behavior_change", "地域", "行動の変化", ["集会所を使う"], []),
        ("outcome", None, "目指す成果", ["見守りの輪が広がる"], []),
        ("results", None, "令和6年度事業実績", ["実績の一つ目。 続きの段落。"], ["訓練の様子"]),
        ("expected_effects", None, "当初期待した効果", ["見守りが広がること。"], []),
    ]
    (ind,) = m.indicators
    assert ind.name == "見守り訪問の件数"
    assert (ind.baseline.fiscal_year, ind.baseline.raw, ind.baseline.value) == (2023, "—", None)
    assert [(a.fiscal_year, a.raw, a.value) for a in ind.actuals] == [(2024, "1,204", 1204)]
    assert (ind.target.fiscal_year, ind.target.raw, ind.target.value) == (2030, "-", None)
    assert s.coverage.unplaced_chars == 0


def test_grid_table_cells_keep_their_spans():
    doc = read_markdown_text(PANDOC)
    org = next(b for b in doc.blocks if getattr(b, "rows", None))
    assert [[c.text for c in row] for row in org.rows] == [
        ["対象", "目指す成果に向けて生み出したい変化の過程", "", ""],
        ["", "気持ちの変化", "行動の変化", "目指す成果"],
        ["市民", "相談してみようと思う 気にかけたいと思う", "LINEに登録する", "見守りの輪が広がる"],
        ["地域", "必要性を感じる", "集会所を使う", ""],
    ]
    assert (org.rows[0][0].rowspan, org.rows[0][1].colspan, org.header_rows) == (2, 3, 2)
    assert [c.loc.line for c in org.rows[2]] == [12] * 4


def test_a_bold_only_line_is_a_heading_and_can_be_the_title():
    # a page converted with its <h1> written in bold, after a breadcrumb naming the sheet too
    s = sheet("""\
[トップ](/) > [計画](/k/) > 第3期計画 進捗管理シート（平成30年度）

**第3期計画 進捗管理シート（平成30年度）**

**方針１－施策１ 居場所づくり**

本文の行で **一部だけ太字** のもの
""")
    assert (s.title, s.plan_term, s.report_fiscal_year) == (
        "第3期計画 進捗管理シート（平成30年度）",
        3,
        2018,
    )
    doc = read_markdown_text("**太字だけ**\n\n本文 **一部** 太字\n\n**前半** と **後半**\n")
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "paragraph"]


def test_worksheet_dumped_into_one_table_by_pandas():
    """MarkItDown on a workbook: each worksheet as one pandas table under its sheet name,
    NaN in empty cells, Unnamed: N in the empty header, line breaks as a literal \\n, merged
    cells reduced to their first cell."""
    s = sheet(r"""## 方針1
| 第5期計画 進捗シート | Unnamed: 1 | Unnamed: 2 | Unnamed: 3 | Unnamed: 4 |
| --- | --- | --- | --- | --- |
| 方針1-施策1 地域の支えあい | NaN | NaN | NaN | NaN |
| （基本施策1の方向性） | NaN | NaN | NaN | NaN |
| 方向性の文。 | NaN | NaN | NaN | NaN |
| 【施策1】の推進に向けた共創型オーガナイズアクション | NaN | NaN | NaN | NaN |
| 対象 | 目指す成果に向けて生み出したい変化の過程（プロセス） | NaN | NaN | NaN |
| NaN | 気持ちの変化 | NaN | 行動の変化 | 目指す成果 |
| 市民 | ・興味を持つ\n・参加したいと思う | NaN | ・参加する | 関心が高まる |
| 地域 | ・必要性を感じる | NaN | ・周知する | NaN |
| NaN | NaN | NaN | NaN | NaN |
| 事業名 | 現状値\n(R5) | 実績値 | NaN | 目標値\n(R12) |
| NaN | NaN | R7 | R8 | NaN |
| 講座の実施 | 39 | 36 | NaN | 51 |
| 気持ち・行動の変化を促すためのアプローチ | NaN | NaN | NaN | NaN |
| 対象 | 市民 | NaN | 地域 | 市 |
| 令和7年度事業実績 | 実績の文。 | NaN | NaN | NaN |
| 当初期待した効果 | ・効果の文。 | NaN | NaN | NaN |
""")
    assert s.title == "第5期計画 進捗シート"
    (m,) = s.measures
    assert (m.id, m.title) == ("1-1", "地域の支えあい")
    got = [(n.kind, n.actor, n.items) for n in m.narratives]
    assert got == [
        ("direction", None, ["方向性の文。"]),
        ("mindset_change", "市民", ["興味を持つ", "参加したいと思う"]),
        ("behavior_change", "市民", ["参加する"]),
        ("mindset_change", "地域", ["必要性を感じる"]),
        ("behavior_change", "地域", ["周知する"]),
        ("outcome", None, ["関心が高まる"]),
        ("results", None, ["実績の文。"]),
        ("expected_effects", None, ["効果の文。"]),
    ]
    (ind,) = m.indicators
    assert (ind.name, ind.baseline.value, ind.target.value) == ("講座の実施", 39, 51)
    assert [(a.fiscal_year, a.value) for a in ind.actuals] == [(2025, 36), (2026, None)]
    assert [
        sk.text
        for sk in read_markdown_text("## 方針1\n| a | Unnamed: 1 |\n|---|---|\n| b | c |\n").skipped
    ] == ["方針1"]
    assert s.coverage.unplaced_chars == 0


def test_a_table_with_empty_cells_is_not_a_dump():
    doc = read_markdown_text(
        "| 対象 | 市民 | 地域 | 市 |\n|---|---|---|---|\n"
        "| 令和7年度事業実績 | 文。 | | |\n| 当初期待した効果 | | | |\n"
    )
    (t,) = doc.blocks
    assert [[c.text for c in row] for row in t.rows][1] == ["令和7年度事業実績", "文。", "", ""]
