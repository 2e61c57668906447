"""The HTML reader: CMS pages, tables with rowspan/colspan, chrome left out, source lines,
encodings as Japanese sites serve them, and hostile input (deep nesting, huge tables, external
entities) answered with a typed error or a diagnostic, never a crash, a hang or lost text."""

from __future__ import annotations

import http.server
import threading

import pytest

import sheetparse
from conftest import SAMPLES
from sheetparse.blocks import TableBlock, TextBlock
from sheetparse.errors import InputTooLarge, NotAProgressSheet
from sheetparse.limits import Limits
from sheetparse.readers.html.depth import flatten_deep
from sheetparse.readers.html.inline import parts_from_fragment
from sheetparse.readers.html.reader import read_html
from sheetparse.textutil import strip_ws


def page(body: str, head: str = '<meta charset="utf-8">') -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="ja">\n<head>\n{head}\n<title>進捗 | 架空市</title>\n'
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


#: a small sheet in plain HTML: one measure with every table, written by hand
SHEET = """\
<h1>第2期計画 進捗シート（令和6年度）</h1>
<h2>方針1-施策1 居場所づくり</h2>
<p>（基本施策1の方向性）</p>
<p>だれもが集える場をつくります。</p>
<p>【施策1】の推進に向けた共創型オーガナイズアクション</p>
<table>
<tr><th rowspan="2">対象</th><th colspan="3">目指す成果に向けて生み出したい変化の過程（プロセス）</th></tr>
<tr><th>気持ちの変化</th><th>行動の変化</th><th>目指す成果</th></tr>
<tr><th>市民</th><td><ul><li>参加したい</li><li>誘いたい</li></ul></td><td>参加する</td>
<td rowspan="3"><p>居場所が広がる</p></td></tr>
<tr><th>地域</th><td>開きたい</td><td>開く</td></tr>
<tr><th>市</th><td>支えたい</td><td>支える</td></tr>
</table>
<table>
<thead>
<tr><th rowspan="2">事業名</th><th rowspan="2">現状値<br>(R4)</th><th colspan="2">実績値</th>
<th rowspan="2">目標値<br>(R8)</th></tr>
<tr><th>R6</th><th>R7</th></tr>
</thead>
<tbody><tr><td>サロン数</td><td>10</td><td>1,200</td><td></td><td>&nbsp;</td></tr></tbody>
</table>
<p>気持ち・行動の変化を促すためのアプローチ</p>
<table>
<tr><th>対象</th><th>市民</th><th>地域</th><th>市</th></tr>
<tr><th>令和6年度事業実績</th><td colspan="3"><p>講座を開いた。</p><p><img src="a.jpg" alt=""></p><p>▲講座の様子</p></td></tr>
<tr><th>当初期待した効果</th><td>参加が増えること。</td><td></td><td>担い手が増えること。</td></tr>
</table>
<figure><img src="b.png" alt="図"><figcaption>▲全体図</figcaption></figure>
"""


def blocks_of(html: str, **kw) -> list:
    return read_html(html.encode("utf-8"), **kw).blocks


def texts(doc) -> list[str]:
    out = []
    for b in doc.blocks:
        if isinstance(b, TextBlock):
            out.append(b.text)
        else:
            out += [c.text for c in b.cells()]
    return out


# --- the sheet ----------------------------------------------------------------------------------


def test_hand_written_sheet():
    s = sheetparse.parse_text(page(SHEET), format="html")
    assert s.title == "第2期計画 進捗シート（令和6年度）"
    assert (s.plan_term, s.report_fiscal_year) == (2, 2024)
    (m,) = s.measures
    assert (m.id, m.title, m.figures) == ("1-1", "居場所づくり", ["全体図"])
    (ind,) = m.indicators
    assert ind.name == "サロン数"
    assert (ind.baseline.fiscal_year, ind.baseline.value) == (2022, 10)
    assert [(o.fiscal_year, o.value, o.raw) for o in ind.actuals] == [
        (2024, 1200, "1,200"),
        (2025, None, ""),
    ]
    assert (ind.target.fiscal_year, ind.target.value, ind.target.raw) == (2026, None, "")
    got = [(n.kind, n.actor, n.items, n.figures) for n in m.narratives]
    assert got == [
        ("direction", None, ["だれもが集える場をつくります。"], []),
        ("mindset_change", "市民", ["参加したい", "誘いたい"], []),
        ("behavior_change", "市民", ["参加する"], []),
        ("mindset_change", "地域", ["開きたい"], []),
        ("behavior_change", "地域", ["開く"], []),
        ("mindset_change", "市", ["支えたい"], []),
        ("behavior_change", "市", ["支える"], []),
        ("outcome", None, ["居場所が広がる"], []),  # the cell merged down the actor rows
        ("results", None, ["講座を開いた。"], ["講座の様子"]),  # colspan=3: one narrative
        ("expected_effects", "市民", ["参加が増えること。"], []),  # own text per actor
        ("expected_effects", "市", ["担い手が増えること。"], []),
    ]


def test_rowspan_and_colspan_make_a_rectangular_grid():
    tables = [b for b in blocks_of(page(SHEET)) if isinstance(b, TableBlock)]
    org, ind, app = tables
    assert {len(r) for t in tables for r in t.rows} == {4, 5}
    assert all(len(r) == org.n_cols for r in org.rows)
    outcome = org.rows[2][3]
    assert (outcome.rowspan, outcome.text) == (3, "居場所が広がる")
    assert [org.rows[r][3].covered_by for r in (3, 4)] == [(2, 3), (2, 3)]
    assert ind.header_rows == 2
    assert [c.text for c in ind.rows[1]] == ["", "", "R6", "R7", ""]
    assert ind.rows[1][0].covered_by == (0, 0)
    assert app.rows[1][1].colspan == 3
    assert [c.covered_by for c in app.rows[1][2:]] == [(1, 1), (1, 1)]


def test_cells_go_through_the_same_code_as_markdown_inline_html():
    fragment = (
        '<ul style="list-style-type: none"> <li>一つ目</li> <li>二つ目</li> </ul>'
        "<p>段落</p>・行A<br>・行B"
    )
    (table,) = blocks_of(
        page(f"<table><tr><th>a</th><th>b</th></tr><tr><td>x</td><td>{fragment}</td></tr></table>")
    )
    assert table.rows[1][1].parts == parts_from_fragment(fragment)


def test_source_lines_on_every_record():
    path = SAMPLES / "kashiwa-r7.html"
    lines = path.read_text(encoding="utf-8").splitlines()
    sheet = sheetparse.parse(path)
    for m in sheet.measures:
        assert m.source.line and f"方針{m.policy}-施策{m.number}" in lines[m.source.line - 1]
        for ind in m.indicators:
            assert ind.name in lines[ind.source.line - 1]
            for o in [ind.baseline, *ind.actuals, ind.target]:
                assert o.source.line
                assert (f">{o.raw}<" if o.raw else "<td></td>") in lines[o.source.line - 1]
        for n in m.narratives:
            assert n.source.line
            if n.items:  # the label's line, or the first item's a line or two below it
                near = strip_ws("".join(lines[n.source.line - 1 : n.source.line + 2]))
                assert strip_ws(n.items[0])[:10] in near


def test_title_is_the_pages_heading_not_the_title_tag():
    sheet = sheetparse.parse(SAMPLES / "kashiwa-r7.html")
    assert sheet.title == "第5期計画 基本施策の実現に向けた主な取組 進捗シート"
    doc = read_html((SAMPLES / "kashiwa-r7.html").read_bytes())
    assert any(s.text.endswith("| 柏市") for s in doc.skipped)


def test_cms_chrome_is_skipped_not_read():
    doc = read_html((SAMPLES / "kashiwa-r7.html").read_bytes())
    all_text = " ".join(texts(doc))
    for chrome in (
        "本文へスキップ",
        "くらし・手続き",
        "サイト内検索",
        "福祉・保健の計画",
        "更新日",
        "このページに関するお問い合わせ",
        "サイトポリシー",
        "Copyright",
        "JavaScript",
    ):
        assert chrome not in all_text
        assert any(chrome in s.text for s in doc.skipped), chrome
    assert {s.reason for s in doc.skipped} == {"chrome"}
    assert sheetparse.parse(SAMPLES / "kashiwa-r7.html").coverage.skipped_chars > 0


def test_page_heading_inside_a_header_element_is_kept():
    html = page(
        '<header id="tmp_header"><p>架空市</p></header><div class="page-header">'
        "<h1>第1期計画 進捗シート</h1></div><nav><ul><li>くらし</li></ul></nav>"
        + SHEET.split("\n", 1)[1]
    )
    s = sheetparse.parse_text(html, format="html")
    assert s.title == "第1期計画 進捗シート"
    assert len(s.measures) == 1


def test_bold_paragraphs_are_headings_and_br_separates_lines():
    doc = read_html((SAMPLES / "minatono-h30.html").read_bytes())
    heads = [b.text for b in doc.blocks if isinstance(b, TextBlock) and b.kind == "heading"]
    assert "方針１－施策１ だれもが気軽に集える居場所づくり" in heads
    doc = read_html(
        page("<p><strong>（基本施策1の方向性）</strong><br>一行目<br>二行目</p>").encode()
    )
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "（基本施策1の方向性）"),
        ("paragraph", "一行目"),
        ("paragraph", "二行目"),
    ]


def test_a_page_wrapped_in_its_source_reads_as_the_browser_shows_it():
    # Pandoc (and many CMS editors) wrap a page's source at 72 columns: those line breaks are
    # spaces on screen (none between two Japanese characters), so items split as the contract
    # says for the text, not at them; and a heading paragraph that runs on into its
    # (基本施策Nの方向性) label is read apart
    body = """<h1>第2期計画 進捗シート（令和6年度）</h1>
<p>方針1-施策1 居場所づくり
(基本施策1の方向性)
だれもが集える場を
つくります。</p>
<table>
<tr><th>事業名</th><th>現状値 (R4)</th><th>実績値 (R6)</th><th>目標値 (R8)</th></tr>
<tr><td>サロン数</td><td>10</td><td>12</td><td>20</td></tr>
</table>
<p>気持ち・行動の変化を促すためのアプローチ</p>
<table>
<tr><th>対象</th><th>市民</th><th>地域</th><th>市</th></tr>
<tr><th>令和6年度事業実績</th><td colspan="3">講座を開いた。 ・講座
8回、120人 ・相談 30件<br>・広報を
続けた</td></tr>
</table>"""
    s = sheetparse.parse(page(body).encode(), format="html")
    (m,) = s.measures
    assert m.title == "居場所づくり"
    direction, results = m.narratives
    assert (direction.kind, direction.items) == ("direction", ["だれもが集える場をつくります。"])
    assert results.items == ["講座を開いた。", "講座 8回、120人", "相談 30件", "広報を続けた"]
    assert [d.code for d in s.diagnostics if d.code == "label-run-in"] == ["label-run-in"]


def test_nested_layout_tables_are_read_as_their_text():
    plain = sheetparse.parse_text(page(SHEET), format="html")
    wrapped = page(
        '<table width="100%"><tr><td class="menu"><table><tr><td>メニュー</td></tr>'
        "</table></td><td>" + SHEET + "</td></tr></table>"
    )
    s = sheetparse.parse_text(wrapped, format="html")
    assert s.measures == plain.measures or [
        m.model_dump(exclude={"source"}) for m in s.measures
    ] == [m.model_dump(exclude={"source"}) for m in plain.measures]
    assert [n.items for n in s.measures[0].narratives] == [
        n.items for n in plain.measures[0].narratives
    ]


def test_a_row_printed_across_the_whole_table_is_text():
    html = page(
        '<table><tr><th colspan="4">気持ち・行動の変化を促すためのアプローチ</th></tr>'
        "<tr><th>対象</th><th>市民</th><th>地域</th><th>市</th></tr>"
        '<tr><th>当初期待した効果</th><td colspan="3">効果</td></tr></table>'
    )
    b = blocks_of(html)
    assert isinstance(b[0], TextBlock) and b[0].text == "気持ち・行動の変化を促すためのアプローチ"
    assert isinstance(b[1], TableBlock) and len(b[1].rows) == 2 and b[1].n_cols == 4


def test_a_sheet_exported_as_one_ruled_table():
    """A workbook saved as a web page: headings are unruled rows of the one big table."""
    ruled = 'style="border: 1px solid #000000"'
    rows = [
        '<tr><td colspan="4"><b><font size="4">第1期計画 進捗シート</font></b></td></tr>',
        '<tr><td colspan="4"><b>方針1-施策1 居場所づくり</b></td></tr>',
        "<tr><td><b>（基本施策1の方向性）</b></td><td></td><td></td><td></td></tr>",
        '<tr><td colspan="4">だれもが集える場をつくります。</td></tr>',
        "<tr><td></td><td></td><td></td><td></td></tr>",
        "<tr><td><b>気持ち・行動の変化を促すためのアプローチ</b></td><td></td><td></td><td></td></tr>",
        f"<tr><td {ruled}>対象</td><td {ruled}>市民</td><td {ruled}>地域</td><td {ruled}>市</td></tr>",
        f'<tr><td {ruled}>当初期待した効果</td><td colspan="3" {ruled}>効果</td></tr>',
    ]
    doc = read_html(page('<table border="0">' + "".join(rows) + "</table>").encode())
    kinds = [
        (type(b).__name__, getattr(b, "kind", None), getattr(b, "level", None)) for b in doc.blocks
    ]
    assert kinds == [
        ("TextBlock", "heading", 1),
        ("TextBlock", "heading", 3),
        ("TextBlock", "heading", 3),
        ("TextBlock", "paragraph", None),
        ("TextBlock", "heading", 3),
        ("TableBlock", None, None),
    ]
    s = sheetparse.parse_text(page('<table border="0">' + "".join(rows) + "</table>"), "html")
    assert s.title == "第1期計画 進捗シート"
    assert [(n.kind, n.items) for n in s.measures[0].narratives] == [
        ("direction", ["だれもが集える場をつくります。"]),
        ("expected_effects", ["効果"]),
    ]


def test_rulings_given_by_class_in_the_pages_style_sheet():
    """Excel's "save as web page": borders by class, headings bold by class."""
    style = (
        "<style>.xl65 {border:.5pt solid windowtext;} .xl66 {font-weight:700; "
        "font-size:14.0pt;} td.xl67 {border:none;}</style>"
    )
    rows = [
        '<tr><td class="xl66" colspan="3">第1期計画 進捗シート</td></tr>',
        '<tr><td class="xl67">注記の段落</td><td></td><td></td></tr>',
        '<tr><td class="xl65">事業名</td><td class="xl65">R6</td><td class="xl65">R7</td></tr>',
        '<tr><td class="xl65">サロン数</td><td class="xl65">3</td><td class="xl65">4</td></tr>',
    ]
    doc = read_html(page("<table>" + "".join(rows) + "</table>", style).encode())
    assert [
        (type(b).__name__, getattr(b, "kind", None), getattr(b, "level", None)) for b in doc.blocks
    ] == [("TextBlock", "heading", 1), ("TextBlock", "paragraph", None), ("TableBlock", None, None)]
    assert [[c.text for c in r] for r in doc.blocks[2].rows] == [
        ["事業名", "R6", "R7"],
        ["サロン数", "3", "4"],
    ]


def test_in_page_table_of_contents_is_chrome():
    doc = read_html(
        page('<p><a href="#m1">方針1</a><br><a href="#m2">方針2</a></p>' + SHEET).encode()
    )
    assert "方針1" not in texts(doc)
    assert any(s.text == "方針1" for s in doc.skipped)


# --- encodings ----------------------------------------------------------------------------------


def test_shift_jis_page_with_numeric_references():
    sheet = sheetparse.parse(SAMPLES / "kashiwa-r7.sjis.html")
    items = [i for m in sheet.measures for n in m.narratives for i in n.items]
    assert any("市⇄市民" in i for i in items)  # &#8644; in a Shift_JIS page
    by_id = {m.id: m for m in sheet.measures}
    assert by_id["1-3"].indicators[0].baseline.raw == "—"  # &#8212;
    assert not any(d.code == "encoding-detected" for d in sheet.diagnostics)


@pytest.mark.parametrize("codec, label", [("cp932", "Shift_JIS"), ("euc_jp", "EUC-JP")])
def test_wave_dash_and_minus_come_out_as_browsers_show_them(codec, label):
    body = "<h1>第1期計画 進捗シート</h1><p>妊婦7～8か月－ア</p>"
    text = page(body, f'<meta http-equiv="Content-Type" content="text/html; charset={label}">')
    if codec == "euc_jp":
        data = text.translate({0xFF5E: 0x301C, 0xFF0D: 0x2212}).encode(codec)
    else:
        data = text.encode(codec)
    doc = read_html(data)
    assert "妊婦7\uff5e8か月\uff0dア" in texts(doc)


@pytest.mark.parametrize("codec", ["cp932", "euc_jp"])
def test_undeclared_legacy_encoding_is_detected_and_reported(codec):
    text = (SAMPLES / "kashiwa-r7.html").read_text(encoding="utf-8")
    text = text.replace('<meta charset="UTF-8">\n', "")
    sheet = sheetparse.parse(text.encode(codec, errors="xmlcharrefreplace"), format="html")
    assert len(sheet.measures) == 14
    (d,) = [d for d in sheet.diagnostics if d.code == "encoding-detected"]
    assert codec in d.message and d.level == "info"


def test_wrong_declaration_is_corrected_and_reported():
    text = (SAMPLES / "kashiwa-r7.html").read_text(encoding="utf-8")
    text = text.replace('<meta charset="UTF-8">', '<meta charset="Shift_JIS">')
    sheet = sheetparse.parse(text.encode("utf-8"), format="html")
    assert len(sheet.measures) == 14
    (d,) = [d for d in sheet.diagnostics if d.code == "encoding-detected"]
    assert d.level == "warning" and "Shift_JIS" in d.message and "utf-8" in d.message


def test_c1_numeric_references_read_as_windows_1252():
    doc = read_html(page("<p>R6&#150;R7 &#x93;x&#x94;</p>").encode())
    assert texts(doc) == ["R6\u2013R7 \u201cx\u201d"]


# --- hostile input ------------------------------------------------------------------------------


def test_no_tables_and_other_tables_are_not_progress_sheets():
    with pytest.raises(NotAProgressSheet):
        sheetparse.parse_text(page("<h1>お知らせ</h1><p>本日は晴れ。</p>"), format="html")
    with pytest.raises(NotAProgressSheet):
        sheetparse.parse_text(
            page(
                "<table><tr><th>款</th><th>金額</th></tr>"
                "<tr><td>総務費</td><td>1,000</td></tr></table>"
            ),
            "html",
        )


def test_ten_thousand_levels_of_nesting_keep_their_text():
    deep = "<div>" * 10_000 + "奥深くの本文" + "</div>" * 10_000
    text = (SAMPLES / "kashiwa-r7.html").read_text(encoding="utf-8")
    text = text.replace("<h1>", deep + "<h1>", 1)
    sheet = sheetparse.parse(text.encode(), format="html")
    assert len(sheet.measures) == 14  # everything after the deep part is still read
    (deep_diag,) = [d for d in sheet.diagnostics if d.code == "nesting-too-deep"]
    assert deep_diag.location.line
    unplaced = [d.text for d in sheet.diagnostics if d.code == "unplaced-block"]
    assert any("奥深くの本文" in (t or "") for t in unplaced)


def test_deep_lists_and_table_cells_too():
    deep = "<ul><li>" * 3000 + "リスト" + "</li></ul>" * 3000
    doc = read_html(page(deep + "<p>後</p>").encode())
    assert "リスト" in texts(doc) and "後" in texts(doc)
    assert any(d.code == "nesting-too-deep" for d in doc.diagnostics)


def test_max_depth_limit_flattens_with_a_diagnostic():
    nested = "<div>" * 60 + "<p>奥</p>" + "</div>" * 60
    doc = read_html(page(nested).encode(), limits=Limits(max_depth=20))
    assert "奥" in " ".join(texts(doc))
    assert any(d.code == "nesting-too-deep" for d in doc.diagnostics)


def test_flatten_deep_keeps_text_and_shallow_markup():
    out = flatten_deep("<p>a</p>" + "<div>" * 5 + "<b>x</b>" + "</div>" * 5 + "<p>b</p>", 3)
    assert out.count("<div>") == 3 and "x" in out and "<b>" not in out
    assert out.startswith("<p>a</p>") and out.endswith("<p>b</p>")


@pytest.mark.timeout(60)
def test_a_five_thousand_column_table_is_read_without_hanging():
    row = "".join(f"<td>{i}</td>" for i in range(5000))
    doc = read_html(page(f"<table><tr>{row}</tr><tr>{row}</tr></table>").encode())
    (table,) = doc.blocks
    assert table.n_cols == 5000
    with pytest.raises(NotAProgressSheet):
        sheetparse.parse_text(page(f"<table><tr>{row}</tr></table>"), format="html")


def test_colspan_bombs_hit_the_cell_limit():
    row = "".join('<td colspan="1000">x</td>' for _ in range(300))
    with pytest.raises(InputTooLarge):
        read_html(
            page(f'<table><tr>{row}</tr><tr><td rowspan="65534">y</td></tr></table>').encode()
        )


def test_external_entities_are_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-VALUE", encoding="utf-8")
    html = (
        f'<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        "<html><body><h1>見出し &xxe;</h1><p>&xxe;</p></body></html>"
    )
    doc = read_html(html.encode())
    assert "TOPSECRET" not in " ".join(texts(doc) + [s.text for s in doc.skipped])


def test_the_parser_never_touches_the_network():
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY e "REMOTE">')

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        html = (
            f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "{url}/x.dtd">'
            f'<html><head><link rel="stylesheet" href="{url}/s.css"></head><body>'
            f'<h1>見出し</h1><img src="{url}/i.png"><iframe src="{url}/f.html"></iframe>'
            "<p>&e;</p></body></html>"
        )
        doc = read_html(html.encode())
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []
    assert "REMOTE" not in " ".join(texts(doc))


def test_a_one_row_table_is_a_box_of_text():
    html = page(
        "<h1>第1期計画 進捗シート</h1><h2>方針1-施策1 居場所づくり</h2>"
        "<table><tr><th>（基本施策1の方向性）</th><td>だれもが集える場をつくります。</td></tr>"
        "</table>"
    )
    doc = read_html(html.encode())
    assert [type(b).__name__ for b in doc.blocks] == ["TextBlock"] * 4
    s = sheetparse.parse_text(html, format="html")
    assert s.measures[0].narratives[0].items == ["だれもが集える場をつくります。"]


def test_a_content_section_header_is_not_site_chrome():
    html = page(
        '<div class="site-header"><p>架空市</p></div><h1>第1期計画 進捗シート</h1>'
        '<div class="section-header"><h2>方針1-施策1 居場所づくり</h2></div>'
        "<p>（基本施策1の方向性）</p><p>だれもが集える場をつくります。</p>"
        '<div class="footer"><p>架空市役所</p></div>'
    )
    s = sheetparse.parse_text(html, format="html")
    assert [m.id for m in s.measures] == ["1-1"]
    doc = read_html(html.encode())
    assert [x.text for x in doc.skipped] == ["進捗 | 架空市", "架空市", "架空市役所"]


def test_a_row_covered_whole_by_rowspans_from_above_is_no_row():
    body = """\
<h2>方針1-施策1 居場所づくり</h2>
<p>気持ち・行動の変化を促すためのアプローチ</p>
<table border="1">
<tr><th>対象</th><th>市民</th><th>地域</th><th>市</th></tr>
<tr><th rowspan="2">令和7年度事業実績</th><td colspan="3" rowspan="2">講座を開いた。<br>▲講座の様子</td></tr>
<tr></tr>
<tr><th>今後の方向性</th><td colspan="3">続ける。</td></tr>
</table>"""
    table = next(b for b in blocks_of(page(body)) if isinstance(b, TableBlock))
    assert len(table.rows) == 3
    s = sheetparse.parse(page(body).encode(), format="html")
    got = [(n.kind, n.items, n.figures) for n in s.measures[0].narratives]
    assert got == [
        ("results", ["講座を開いた。"], ["講座の様子"]),
        ("next_steps", ["続ける。"], []),
    ]
    assert "empty-cell" not in {d.code for d in s.diagnostics}
