"""Tables printed one under the other that a converter joined into one table (Word merges
adjacent tables; LibreOffice Writer's HTML then holds them as one), on hand-written pages."""

from __future__ import annotations

import sheetparse

PAGE = """<html><body>
<h1>第3期計画 進捗管理シート（平成30年度）</h1>
<p><b>方針１－施策１ 居場所づくり</b></p>
<p><b>【施策1】の推進に向けた共創型オーガナイズアクション</b></p>
<table border="1">
<tr><td>対象</td><td colspan="5">めざす成果に向けて生み出したい変化の過程（プロセス）</td></tr>
<tr><td></td><td colspan="2">意識の変化</td><td colspan="2">行動の変化</td><td>めざす成果</td></tr>
<tr><td>市民</td><td colspan="2">・集える場所がほしいと思う</td><td colspan="2">・サロンに参加する</td>
    <td rowspan="2">居場所がある</td></tr>
<tr><td>行政</td><td colspan="2">要因を把握したいと思う</td><td colspan="2">補助制度を周知する</td></tr>
<tr><td>指標名</td><td>単位</td><td>基準値（平成28年度）</td><td colspan="2">実績値</td>
    <td>目標値（令和3年度）</td></tr>
<tr><td></td><td></td><td></td><td>平成29年度</td><td>平成30年度</td><td></td></tr>
<tr><td>ふれあいサロンの設置数</td><td>か所</td><td>42</td><td>45</td><td>48</td><td>60</td></tr>
<tr><td>対象</td><td>市民</td><td colspan="2">地域</td><td colspan="2">行政</td></tr>
<tr><td>平成30年度取組実績</td><td colspan="5">・補助金を交付した。</td></tr>
</table>
</body></html>"""


def test_tables_joined_into_one_are_read_apart():
    s = sheetparse.parse(PAGE.encode(), format="html")
    (m,) = s.measures
    got = [(n.kind, n.actor, n.items) for n in m.narratives]
    assert got == [
        ("mindset_change", "市民", ["集える場所がほしいと思う"]),
        ("behavior_change", "市民", ["サロンに参加する"]),
        ("mindset_change", "市", ["要因を把握したいと思う"]),
        ("behavior_change", "市", ["補助制度を周知する"]),
        ("outcome", None, ["居場所がある"]),
        ("results", None, ["補助金を交付した。"]),
    ]
    (ind,) = m.indicators
    assert (ind.name, ind.unit) == ("ふれあいサロンの設置数", "か所")
    assert (ind.baseline.fiscal_year, ind.baseline.value) == (2016, 42)
    assert [(a.fiscal_year, a.value) for a in ind.actuals] == [(2017, 45), (2018, 48)]
    assert (ind.target.fiscal_year, ind.target.value) == (2021, 60)
    (d,) = [d for d in s.diagnostics if d.code == "tables-unstacked"]
    assert "3 tables" in d.message
    assert s.coverage.unplaced_chars == 0


def test_one_table_with_two_header_rows_is_not_cut():
    page = """<table border="1">
<tr><th rowspan="2">事業名</th><th rowspan="2">現状値(R5)</th><th colspan="2">実績値</th>
    <th rowspan="2">目標値(R12)</th></tr>
<tr><th>R7</th><th>R8</th></tr>
<tr><td>講座の実施</td><td>39</td><td>36</td><td></td><td>51</td></tr>
<tr><td>目標を共有する事業</td><td>1</td><td>2</td><td></td><td>3</td></tr>
</table>"""
    s = sheetparse.parse(
        f"<h1>第5期計画 進捗シート</h1><h2>方針1-施策1 題</h2>{page}".encode(), format="html"
    )
    assert [i.name for i in s.measures[0].indicators] == ["講座の実施", "目標を共有する事業"]
    assert not [d for d in s.diagnostics if d.code == "tables-unstacked"]


def test_a_value_merged_across_a_column_without_a_year_counts_for_the_next_one():
    # the grid of two joined tables has a column of its own under 実績値 that names no year;
    # the target value is merged across it and the 目標値 column
    page = """<table border="1">
<tr><td>事業名</td><td>現状値(R5)</td><td colspan="3">実績値</td><td>目標値(R12)</td></tr>
<tr><td></td><td></td><td>R7</td><td>R8</td><td></td><td></td></tr>
<tr><td>講座の実施</td><td>39</td><td>36</td><td></td><td colspan="2">51</td></tr>
</table>"""
    s = sheetparse.parse(
        f"<h1>第5期計画 進捗シート</h1><h2>方針1-施策1 題</h2>{page}".encode(), format="html"
    )
    (ind,) = s.measures[0].indicators
    assert [(a.fiscal_year, a.raw) for a in ind.actuals] == [(2025, "36"), (2026, "")]
    assert (ind.target.fiscal_year, ind.target.value) == (2030, 51)
    assert not [d for d in s.diagnostics if d.code == "unplaced-block"]
