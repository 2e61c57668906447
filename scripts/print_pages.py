#!/usr/bin/env python3
"""Print web pages to PDF as a reader of a city's site does: the page as the browser shows it,
site chrome and all (no print stylesheet hides it), with the browser's own header and footer.

    .venv/bin/python scripts/print_pages.py                  # the test prints in tests/data/prints/
    .venv/bin/python scripts/print_pages.py --samples OUTDIR  # every sample page, in full chrome

* ``with_more_chrome(html)`` adds to a sample CMS page (``samples/*.html``, the ``tmp_`` layout of
  a common municipal CMS) what real pages print besides the chrome the samples already carry:
  share buttons, a page ID, text-size and reading tools, a lead paragraph under the title
  (``計画に掲げる…進捗状況を取りまとめました。``), ``ページの先頭へ戻る`` after every measure, the
  PDF plug-in note, a feedback questionnaire, the city hall's postal address and opening hours.
* ``print_pdf(html, out)`` prints a page with headless Chromium (A4 portrait; grey placeholders
  for its pictures).

The committed test prints (``tests/data/prints/``), each made here and read by the tests:

* ``narrow-indicator.pdf``: an indicator table with narrow fixed-width columns, the R6 value
  ``1,320（見込）`` wider than its column, starting a point from its left ruling with ``1,180``
  ending just left of it (issue 16: two cells must stay two cells).
* ``cms-chrome.pdf``: the first measure of the synthetic みなと野市 sheet as a CMS page in full
  chrome (every kind of :mod:`sheetparse.chrome`), printed: the chrome is page furniture.

Needs ``chromium`` (apt: chromium) and Japanese fonts (fonts-noto-cjk). The PDFs carry the print's
date, so a re-run changes their bytes, not their content.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from make_pdf_samples import _png, chromium_print  # noqa: E402
from sample_render.render_html import render_html  # noqa: E402
from sample_render.style import KASHIWA, MINATONO, Style  # noqa: E402

PRINTS = ROOT / "tests" / "data" / "prints"

#: the paragraph many CMS pages print between the sheet's title and its first measure
LEAD = "計画に掲げる基本施策の実現に向けた主な取組について、各年度の進捗状況を取りまとめました。"

_BASE_CSS = """
@page { size: A4 portrait; margin: 12mm; }
body { font-family: "Noto Sans CJK JP", "IPAexGothic", sans-serif; font-size: 10pt; }
"""


def with_more_chrome(html: str, city: str = "") -> str:
    """A sample CMS page with the rest of a real page's chrome and a lead paragraph."""

    def once(anchor: str, new: str, *, before: bool = False) -> None:
        nonlocal html
        if anchor not in html:
            raise ValueError(f"not a sample CMS page: no {anchor!r}")
        html = html.replace(anchor, new + anchor if before else anchor + new, 1)

    once(
        '<li><a href="/moji.html">文字サイズ・色合い変更</a></li>',
        '<li><a href="/yomiage.html">読み上げ</a></li><li><a href="/easy.html">やさしい日本語</a>'
        "</li>",
    )
    once(
        '<div id="tmp_contents">',
        '<div id="tmp_social_plugin" class="sns"><ul><li>ツイート</li><li>シェア</li>'
        "<li>LINEで送る</li></ul></div>\n"
        '<p class="update">ページ番号：1023456</p>\n',
        before=True,
    )
    html = re.sub(r"(<h1>[^<]*</h1>)", rf"\1\n<p>{LEAD}</p>", html, count=1)
    pagetop = '<p class="pagetop"><a href="#tmp_header">ページの先頭へ戻る</a></p>\n'
    parts = re.split(r"(?=<h2>|<p class=\"heading\"><strong>方針)", html)
    html = parts[0] + "".join(
        (pagetop if k else "") + part for k, part in enumerate(parts[1:])
    )  # before every measure but the first
    once('<div id="tmp_inquiry">', pagetop, before=True)
    once(
        '<div id="tmp_inquiry">',
        '<div class="plugin"><p>PDF形式のファイルをご覧いただく場合には、Adobe社が提供する'
        "Adobe Acrobat Reader（無料）が必要です。</p>"
        '<p><a href="https://get.adobe.com/jp/reader/">Adobe Acrobat Reader のダウンロードへ'
        "</a></p></div>\n",
        before=True,
    )
    once(
        '<nav id="tmp_lnavi">',
        '<form class="enquete" action="/enquete.html"><p>このページの情報は役に立ちましたか？</p>'
        '<p><label><input type="radio" name="q1">役に立った</label> '
        '<label><input type="radio" name="q1">どちらともいえない</label> '
        '<label><input type="radio" name="q1">役に立たなかった</label></p>'
        '<p><input type="submit" value="送信"></p></form>\n',
        before=True,
    )
    once(
        '<footer id="tmp_footer">',
        '\n<p class="pagetop"><a href="#tmp_header">ページの先頭へ戻る</a></p>\n'
        "<p>〒000-0000 " + (city or "みなと野市") + "本町1丁目1番1号</p>\n"
        "<p>開庁時間：月曜日から金曜日 午前8時30分から午後5時15分</p>",
    )
    return html


def print_pdf(html: str, out: Path, css: str = _BASE_CSS) -> Path:
    """``html`` printed by headless Chromium to ``out``."""
    with tempfile.TemporaryDirectory(prefix="sheetparse-print-") as tmp:
        work = Path(tmp)
        page_dir = work / "page"
        page_dir.mkdir()
        for src in sorted(set(re.findall(r'<img[^>]*\ssrc="([^"]+)"', html))):
            if "://" in src:
                continue
            target = page_dir / src.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_png(240, 160))
        if css:
            html = html.replace("</head>", f"<style>{css}</style>\n</head>", 1)
        page = page_dir / "page.html"
        page.write_text(html, encoding="utf-8")
        chromium_print(page, out, work)
    return out


def narrow_indicator_page() -> str:
    """An indicator table whose narrow fixed columns the values fill edge to edge."""
    return """<!DOCTYPE html>
<html lang="ja"><head><meta charset="UTF-8"><title>進捗シート | みなと野市</title>
<style>
table { border-collapse: collapse; font-size: 9pt; table-layout: fixed; width: 300px; }
th, td { border: 1px solid #000; padding: 0 1px; }
td.num { text-align: right; white-space: nowrap; }
</style></head><body>
<h1>第2期計画 進捗シート（令和6年度）</h1>
<h2>方針1-施策1 居場所づくり</h2>
<table>
<tr><th rowspan="2">事業名</th><th rowspan="2">現状値<br>(R4)</th><th colspan="2">実績値</th>
<th rowspan="2">目標値<br>(R8)</th></tr>
<tr><th>R5</th><th>R6</th></tr>
<tr><td>サロンの開催数</td><td class="num">1,050</td><td class="num">1,180</td>
<td class="num">1,320（見込）</td><td class="num">1,500</td></tr>
<tr><td>相談件数</td><td class="num">875</td><td class="num">1,180</td>
<td class="num">875(見込み)</td><td class="num">900</td></tr>
</table>
</body></html>
"""


def first_measure(stem: str) -> dict:
    """A sample's expected sheet cut to its first measure."""
    sheet = json.loads((ROOT / "samples" / f"{stem}.expected.json").read_text(encoding="utf-8"))
    sheet["measures"] = sheet["measures"][:1]
    return sheet


def sample_pages() -> dict[str, tuple[str, str]]:
    """Every sample page (stem → (HTML, city)): the committed CMS pages and さくらが丘市's."""
    from make_pdf_samples import _sakuragaoka_style

    sakura = json.loads(
        (ROOT / "samples" / "sakuragaoka-r6.expected.json").read_text(encoding="utf-8")
    )
    style: Style = _sakuragaoka_style()
    return {
        "kashiwa-r7": ((ROOT / "samples" / "kashiwa-r7.html").read_text("utf-8"), KASHIWA.city),
        "minatono-h30": (
            (ROOT / "samples" / "minatono-h30.html").read_text("utf-8"),
            MINATONO.city,
        ),
        "sakuragaoka-r6": (render_html(sakura, style).decode("utf-8"), style.city),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--samples", type=Path, help="print every sample page in full chrome here")
    args = ap.parse_args(argv)
    if args.samples:
        args.samples.mkdir(parents=True, exist_ok=True)
        for stem, (html, city) in sample_pages().items():
            out = print_pdf(with_more_chrome(html, city), args.samples / f"{stem}.print.pdf")
            print(f"wrote {out}")
        return 0
    PRINTS.mkdir(parents=True, exist_ok=True)
    print_pdf(narrow_indicator_page(), PRINTS / "narrow-indicator.pdf", css="")
    page = render_html(first_measure("minatono-h30"), MINATONO).decode("utf-8")
    print_pdf(with_more_chrome(page, MINATONO.city), PRINTS / "cms-chrome.pdf")
    for p in sorted(PRINTS.glob("*.pdf")):
        print(f"wrote {p.relative_to(ROOT)} ({p.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
