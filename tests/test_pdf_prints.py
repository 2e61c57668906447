"""Browser prints of city web pages (made by scripts/print_pages.py): the site's chrome is page
furniture, narrow value cells stay apart; and page chrome recognised from its printed words."""

from __future__ import annotations

import logging
import shutil
import sys

import pytest

import sheetparse
from conftest import ROOT, SAMPLES
from pdf_factory import Page, grid, make_pdf
from sheetparse.blocks import TableBlock
from sheetparse.chrome import CHROME, CHROME_WORDS, chrome_kind
from sheetparse.readers.pdf.reader import read_pdf

PRINTS = ROOT / "tests" / "data" / "prints"
sys.path.insert(0, str(ROOT / "scripts"))
from print_pages import LEAD  # noqa: E402


def _unplaced(sheet: sheetparse.ProgressSheet) -> list[str]:
    return [d.text or "" for d in sheet.diagnostics if d.code == "unplaced-block"]


def _only_the_lead_is_left(sheet: sheetparse.ProgressSheet) -> None:
    """Nothing unplaced but the lead paragraph under the title, which is the sheet's preface
    (contract 1.1) where the structure step reads one."""
    preface = getattr(sheet, "preface", None)
    if preface:
        assert (_unplaced(sheet), preface) == ([], [LEAD])
    else:
        assert _unplaced(sheet) == [LEAD]


# --- printed words --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, kind",
    [
        ("本文へスキップします。", "skip"),
        ("文字サイズ・色合い変更", "means"),
        ("Ｆｏｒｅｉｇｎ　Ｌａｎｇｕａｇｅ", "means"),
        ("サイト内検索", "search"),
        ("ホーム > 市政情報 > 計画・取組 > 進捗シート", "breadcrumb"),
        ("トップページ ＞ 健康・福祉", "breadcrumb"),
        ("更新日：2026年3月31日", "update"),
        ("最終更新日 令和7年6月30日", "update"),
        ("ページ番号：1023456", "update"),
        ("ページの先頭へ戻る", "pagetop"),
        ("▲このページの先頭へ", "pagetop"),
        ("ツイート シェア LINEで送る", "share"),
        ("このページを印刷する", "share"),
        ("PDF形式のファイルをご覧いただく場合には、Adobe Acrobat Reader が必要です。", "plugin"),
        ("このページに関するお問い合わせ", "inquiry"),
        ("電話番号：04-7167-1111", "inquiry"),
        ("ファクス：04-7167-0000", "inquiry"),
        ("メールアドレス：fukushi@example.lg.jp", "inquiry"),
        ("このページの情報は役に立ちましたか？", "feedback"),
        ("Copyright © 柏市 All Rights Reserved.", "copyright"),
        ("サイトポリシー", "footer"),
        ("柏市役所　電話：04-7167-1111（代表）", "footer"),
        ("〒277-8505 千葉県柏市柏5丁目10番1号", "footer"),
        ("開庁時間：月曜日から金曜日 午前8時30分から午後5時15分", "footer"),
    ],
)
def test_printed_chrome_lines(line: str, kind: str):
    assert chrome_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "第5期計画 基本施策の実現に向けた主な取組 進捗シート",
        "方針1-施策1 地域での支えあい",
        "（基本施策1の方向性）",
        "令和7年度事業実績",
        "・地域出前講座を36回開催した。",
        "▲講座の様子",
        "市民",
        LEAD,
        "更新",  # a word, not a dated line
        "電話相談を受け付けた件数",
        "問い合わせ件数の推移",
    ],
)
def test_sheet_lines_are_not_chrome(line: str):
    assert chrome_kind(line) is None


def test_one_table_of_chrome_kinds_gives_the_html_readers_markup_words():
    from sheetparse.readers.html import reader

    assert reader._CHROME_WORDS is CHROME_WORDS
    assert {"pankuzu", "gnavi", "inquiry", "pagetop", "copyright"} <= CHROME_WORDS
    assert all(k.printed for k in CHROME)


# --- hand-made pages ------------------------------------------------------------------------


def _chrome_page() -> bytes:
    """One printed page of a CMS: the browser's date and title, the site header (site name,
    a search box drawn as two boxes, navigation, breadcrumbs, update date), the sheet, then the
    inquiry box, local navigation and footer, and the browser's address and page count."""
    pg = Page()
    pg.text(20, 12, "12/5/26, 4:40 AM", 7).text(260, 12, "進捗シート | みなと野市", 7)
    pg.text(40, 40, "本文へスキップします。", 9).text(40, 56, "みなと野市", 9)
    pg.box(40, 72, 160, 86).box(160, 72, 200, 86).text(163, 74, "検索", 9)
    pg.text(40, 92, "くらし・手続き", 9).text(120, 92, "健康・福祉", 9)
    pg.text(40, 108, "トップページ > 健康・福祉 > 進捗管理シート", 9)
    pg.text(40, 124, "更新日：2019年6月28日", 9)
    pg.text(40, 144, "第3期計画 進捗管理シート", 16)
    pg.text(40, 170, "方針1-施策1 地域の支えあい", 12)
    grid(
        pg,
        [40, 200, 260, 320],
        [190, 208, 226],
        [
            (0, 0, 1, 1, ["事業名"]),
            (0, 1, 1, 1, ["現状値(R5)"]),
            (0, 2, 1, 1, ["目標値(R12)"]),
            (1, 0, 1, 1, ["講座の実施"]),
            (1, 1, 1, 1, ["39"]),
            (1, 2, 1, 1, ["51"]),
        ],
    )
    pg.text(40, 240, "ページの先頭へ戻る", 9)
    pg.text(40, 260, "このページに関するお問い合わせ", 9)
    pg.text(40, 274, "健康福祉部 地域福祉課", 9).text(40, 288, "電話番号：000-000-0000", 9)
    pg.text(40, 308, "地域福祉", 9).text(40, 322, "地域福祉計画", 9)
    pg.text(40, 340, "みなと野市役所 電話：000-000-0000（代表）", 9)
    pg.text(40, 354, "Copyright © みなと野市 All Rights Reserved.", 9)
    pg.text(20, 820, "file:///home/user/shinchoku.html", 7).text(560, 820, "1/1", 7)
    return make_pdf([pg])


def test_a_printed_pages_chrome_is_furniture():
    doc = read_pdf(_chrome_page())
    chrome = [s.text for s in doc.skipped if s.reason == "chrome"]
    assert chrome == [
        "本文へスキップします。",
        "みなと野市",
        "くらし・手続き 健康・福祉",
        "トップページ > 健康・福祉 > 進捗管理シート",
        "更新日：2019年6月28日",
        "ページの先頭へ戻る",
        "このページに関するお問い合わせ",
        "健康福祉部 地域福祉課",
        "電話番号：000-000-0000",
        "地域福祉",
        "地域福祉計画",
        "みなと野市役所 電話：000-000-0000（代表）",
        "Copyright © みなと野市 All Rights Reserved.",
        "検索",  # the search box's button: its boxes are the site's, not a table of the sheet
    ]
    # the browser's own header and footer, on a print of one page
    assert {s.text: s.reason for s in doc.skipped if s.reason != "chrome"} == {
        "12/5/26, 4:40 AM": "running-header",
        "進捗シート | みなと野市": "running-header",
        "file:///home/user/shinchoku.html": "running-footer",
        "1/1": "page-number",
    }
    sheet = sheetparse.parse(_chrome_page(), format="pdf")
    assert sheet.title == "第3期計画 進捗管理シート"
    assert [(i.name, i.baseline.value, i.target.value) for i in sheet.measures[0].indicators] == [
        ("講座の実施", 39, 51)
    ]
    assert sheet.coverage.unplaced_chars == 0


def test_lines_above_the_title_without_site_chrome_are_kept():
    # a sheet exported from a spreadsheet: what stands above its title is the sheet's
    pg = Page()
    pg.text(40, 40, "資料2", 9).text(40, 56, "みなと野市 健康福祉部", 9)
    pg.text(40, 80, "第3期計画 進捗管理シート", 16)
    pg.text(40, 110, "お問い合わせ件数は前年より増えた。", 9)
    grid(pg, [40, 200, 260], [130, 148, 166], [(0, 0, 1, 2, ["事業名"]), (1, 0, 1, 2, ["講座"])])
    doc = read_pdf(make_pdf([pg]))
    assert not [s for s in doc.skipped if s.reason == "chrome"]


def test_a_sheets_own_update_date_does_not_make_the_lines_above_it_chrome():
    pg = Page()
    pg.text(40, 40, "第3期計画 進捗管理シート", 9)  # the title, printed no larger than the text
    pg.text(400, 56, "更新日：令和元年6月28日", 9)
    grid(pg, [40, 200, 260], [80, 98, 116], [(0, 0, 1, 2, ["事業名"]), (1, 0, 1, 2, ["講座"])])
    doc = read_pdf(make_pdf([pg]))
    assert [s.text for s in doc.skipped] == ["更新日：令和元年6月28日"]
    assert doc.blocks[0].text == "第3期計画 進捗管理シート"


def test_a_footer_marker_followed_by_the_sheets_tables_starts_no_footer():
    pg = Page()
    pg.text(40, 40, "第3期計画 進捗管理シート", 16)
    pg.text(40, 70, "お問い合わせ", 9)  # a line of the sheet's own, not the site footer
    pg.text(40, 86, "地域福祉課が担当する。", 9)
    grid(pg, [40, 200, 260], [110, 128, 146], [(0, 0, 1, 2, ["事業名"]), (1, 0, 1, 2, ["講座"])])
    doc = read_pdf(make_pdf([pg]))
    assert [s.text for s in doc.skipped if s.reason == "chrome"] == ["お問い合わせ"]


# --- browser prints -------------------------------------------------------------------------


def test_a_printed_cms_page_in_full_chrome_reads_as_its_html():
    """scripts/print_pages.py: みなと野市's first measure as a CMS page in full chrome, printed."""
    from print_pages import first_measure, with_more_chrome
    from sample_render.render_html import render_html
    from sample_render.style import MINATONO

    pdf = sheetparse.parse(PRINTS / "cms-chrome.pdf")
    _only_the_lead_is_left(pdf)
    skipped = {s.text for s in read_pdf((PRINTS / "cms-chrome.pdf").read_bytes()).skipped}
    for text in (
        "本文へスキップします。",
        "ページ番号：1023456",
        "更新日：2019年6月28日",
        "ページの先頭へ戻る",
        "このページに関するお問い合わせ",
        "このページの情報は役に立ちましたか？",
        "Copyright © みなと野市 All Rights Reserved.",
    ):
        assert text in skipped
    html = with_more_chrome(render_html(first_measure("minatono-h30"), MINATONO).decode())
    page = sheetparse.parse(html.encode(), format="html")
    _only_the_lead_is_left(page)

    def records(s: sheetparse.ProgressSheet) -> list:
        return [
            (
                m.id,
                m.title,
                [(i.name, [(o.fiscal_year, o.value) for o in i.actuals]) for i in m.indicators],
                [(n.kind, n.actor, n.items, n.figures) for n in m.narratives],
            )
            for m in s.measures
        ]

    assert records(pdf) == records(page)
    assert pdf.title == page.title


def test_narrow_value_cells_of_a_browser_print_stay_apart():
    """scripts/print_pages.py: fixed narrow columns; 1,320（見込） starts a point right of its
    column's left ruling, 1,180 ends just left of it, and the value runs on past the next."""
    sheet = sheetparse.parse(PRINTS / "narrow-indicator.pdf")
    got = [
        [(o.raw, o.value, o.note) for o in (i.baseline, *i.actuals, i.target)]
        for i in sheet.measures[0].indicators
    ]
    assert got == [
        [
            ("1,050", 1050, None),
            ("1,180", 1180, None),
            ("1,320（見込）", 1320, "見込"),
            ("1,500", 1500, None),
        ],
        [
            ("875", 875, None),
            ("1,180", 1180, None),
            ("875(見込み)", 875, "見込み"),
            ("900", 900, None),
        ],
    ]
    doc = read_pdf((PRINTS / "narrow-indicator.pdf").read_bytes())
    (table,) = [b for b in doc.blocks if isinstance(b, TableBlock)]
    assert [c.text for c in table.rows[2]] == [
        "サロンの開催数",
        "1,050",
        "1,180",
        "1,320（見込）",
        "1,500",
    ]
    assert sheet.coverage.unplaced_chars == 0


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium (apt: chromium)")
@pytest.mark.parametrize("stem", ["kashiwa-r7", "minatono-h30", "sakuragaoka-r6"])
def test_every_sample_page_printed_in_full_chrome(stem: str, tmp_path):
    """Printed now by Chromium: every sample page, chrome and all, reads with nothing unplaced
    but the lead paragraph, and scores 100 against its expected JSON."""
    import json

    from print_pages import print_pdf, sample_pages, with_more_chrome

    from conftest import score

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    html, city = sample_pages()[stem]
    out = print_pdf(with_more_chrome(html, city), tmp_path / f"{stem}.pdf")
    sheet = sheetparse.parse(out)
    _only_the_lead_is_left(sheet)
    gold = json.loads((SAMPLES / f"{stem}.expected.json").read_text(encoding="utf-8"))
    recall, precision, misses = score(json.loads(sheet.model_dump_json()), gold)
    assert (recall, precision) == (1.0, 1.0), misses[:5]
