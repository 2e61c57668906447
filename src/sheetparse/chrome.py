"""Site chrome of a municipal web page: what marks it in the markup and what it prints.

A city's CMS wraps a sheet in the site's furniture: a skip link, the site name, the language
and text-size tools, a search box, the global navigation, breadcrumbs (パンくず), the update date
(更新日), share buttons, the inquiry box (このページに関するお問い合わせ), a feedback form, the
local navigation, the site footer with its links and address, the copyright line and
``ページの先頭へ戻る`` links. None of it is the sheet.

The HTML reader recognises it by the id and class words of the elements that hold it
(``tmp_pankuzu``, ``gnavi``, ``tmp_inquiry``); a browser's print of the page (a PDF) keeps only
the words printed (``ホーム > 市政情報 > …``, ``更新日：2026年3月31日``). Both come from one
table, :data:`CHROME`: one row per kind of chrome with its markup words and its printed lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .ja.chars import fold

__all__ = [
    "CHROME",
    "CHROME_WORDS",
    "FOOTER_KINDS",
    "HEADER_END_KINDS",
    "HEADER_KINDS",
    "ChromeKind",
    "chrome_kind",
]


@dataclass(frozen=True, slots=True)
class ChromeKind:
    """One kind of site chrome."""

    name: str
    #: lower-case words of the id or class of an element that holds it (HTML)
    markup: frozenset[str]
    #: regular expressions that a whole printed line of it matches (after width folding and
    #: white space collapsed; case-insensitive)
    printed: tuple[str, ...] = ()
    #: where a page prints it: ``header`` above the sheet (its lines mark the site header, up
    #: to the last of them), ``header-end`` there too but only once a ``header`` line began it
    #: (a spreadsheet prints its own 更新日 above its title), ``footer`` below the sheet (its
    #: first line begins the site footer), else anywhere
    zone: Literal["header", "header-end", "footer"] | None = None


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DATE = r"(?:令和|平成|昭和|R|H)?\s*[0-9元]"
_CRUMB = r"(?:>|»|›|〉|≫|/|＞)"

#: Every kind of chrome; the HTML reader's markup words and the PDF reader's printed lines.
CHROME: tuple[ChromeKind, ...] = (
    ChromeKind(
        "skip",
        _words("skip sronly visuallyhidden"),
        (
            r"(?:本文|メインコンテンツ|コンテンツ|メニュー|ナビゲーション)(?:へ|に|を)"
            r"(?:スキップ|移動|進む|ジャンプ|飛ばす)(?:します|する)?。?",
            r"skip to (?:main )?content|skip navigation",
        ),
        "header",
    ),
    ChromeKind(
        "means",  # the site's reading aids
        _words("means accessibility utility"),
        (
            r"文字(?:の)?(?:サイズ|大きさ)(?:[・/]?(?:色合い|背景色|配色)(?:の)?(?:変更)?)?(?:変更)?"
            r"(?: ?(?:標準|拡大|縮小|小|中|大|[+-]))*",
            r"(?:色合い|背景色|配色)(?:の)?(?:変更)?",
            r"(?:音声)?読み上げ(?:機能)?",
            r"ふりがな(?:をつける|表示)?",
            r"やさしい日本語",
            r"foreign language|language|多言語(?:翻訳|対応)?",
        ),
        "header",
    ),
    ChromeKind(
        "search",
        _words("search"),
        (r"(?:サイト内)?検索(?:する)?|サイト内を検索|キーワード(?:で探す|検索)?",),
        "header",
    ),
    ChromeKind(
        "navigation",
        _words(
            "nav navi navigation gnav gnavi lnav lnavi snav snavi fnav fnavi subnav localnav "
            "globalnav menu globalmenu sidebar sidenav pager pagination banner"
        ),
        (r"メニュー(?:を(?:開く|閉じる))?|閉じる",),
    ),
    ChromeKind(
        "breadcrumb",
        _words("breadcrumb breadcrumbs pankuzu topicpath crumb crumbs"),
        (
            rf"(?:現在(?:の)?(?:位置|ページ)\s*[:：]?\s*)?"
            rf"(?:ホーム|トップページ|トップ|top|home)\s*{_CRUMB}\s*.+",
        ),
        "header",
    ),
    ChromeKind(
        "update",
        _words("update updated"),
        (
            rf"(?:最終)?(?:更新|掲載|公開|登録)(?:日|日時)\s*[:：]?\s*{_DATE}.*",
            r"ページ(?:番号|ID)\s*[:：]?\s*[0-9]+",
        ),
        "header-end",
    ),
    ChromeKind(
        "pagetop",
        _words("pagetop"),
        (
            r"[▲△↑^]?\s*(?:この)?(?:ページ|画面)の?(?:先頭|トップ|上部|最初|上)(?:へ|に)"
            r"(?:戻る|もどる|移動(?:する)?)?",
            r"[▲△↑^]?\s*(?:page ?top|back to top|top of page|トップへ戻る)",
        ),
    ),
    ChromeKind(
        "share",
        _words("sns share social"),
        (
            r"(?:(?:ツイート|ポスト|シェア|いいね!?|LINEで(?:送る|共有)|facebook|twitter|tweet"
            r"|share|x|line)\s*)+",
            r"(?:この)?ページを(?:印刷|共有)(?:する)?|印刷(?:する|用ページ(?:を表示)?)?",
        ),
    ),
    ChromeKind(
        "plugin",
        _words("plugin"),
        (
            r".*(?:Adobe|Acrobat)\s*(?:Acrobat\s*)?Reader.*",
            r"PDF(?:形式の)?(?:ファイル)?を(?:ご覧|閲覧|表示|開く|お読み).*",
        ),
    ),
    ChromeKind(
        "inquiry",
        _words("inquiry toiawase contact"),
        (
            r"(?:この|本)(?:ページ|記事|情報)(?:に(?:関する|ついての)|の)(?:お)?問(?:い)?合(?:わ)?せ(?:先)?",
            r"(?:お)?問(?:い)?合(?:わ)?せ(?:先|フォーム|窓口)?(?:はこちら)?",
            r"(?:電話|電話番号|tel|ファクス|ファックス|ファクシミリ|fax)(?:番号)?\s*[:：]?\s*"
            r"\(?[0-9]{2,5}\)?[-ー−(（)）\s][0-9].*",
            r"(?:e-?mail|eメール|メール(?:アドレス)?)\s*[:：]?\s*\S*@\S*|メール(?:フォーム|での(?:お)?問い合わせ)",
        ),
        "footer",
    ),
    ChromeKind(
        "feedback",
        _words(""),
        (
            r"このページの(?:情報|内容)は(?:役に立ちましたか|見つけやすかったですか|"
            r"(?:わ|分)かりやすかったですか)[?？]?",
            r"このページ(?:について|に関する)(?:の)?(?:ご意見|アンケート).*",
            r"役に立った|役に立たなかった|どちらともいえない|見つけ(?:やす|にく)かった|送信(?:する)?",
        ),
        "footer",
    ),
    ChromeKind(
        "copyright",
        _words("copyright"),
        (r"(?:copyright|copr\.|\(c\)|©).*",),
    ),
    ChromeKind(
        "footer",  # the site footer's links and the city hall's address
        _words(""),
        (
            r"サイトポリシー|サイトマップ|個人情報(?:の)?(?:取り?扱い|保護)(?:について|方針)?"
            r"|プライバシーポリシー|(?:ウェブ)?アクセシビリティ(?:方針|について)?"
            r"|(?:リンク|著作権|免責事項)(?:[・、](?:リンク|著作権|免責事項))*(?:について)?"
            r"|RSS(?:について|配信)?|よくある(?:ご)?質問|組織(?:から探す|一覧)|庁舎案内"
            r"|このサイトについて",
            r"\S{1,12}(?:市|町|村|区)役(?:所|場)(?: .*)?",
            r"〒\s*[0-9]{3}-?[0-9]{4}.*",
            r"(?:開庁|受付)(?:時間|日).*|法人番号.*|代表電話.*",
        ),
    ),
)

#: the markup words of every kind (what an element's id or class says)
CHROME_WORDS: frozenset[str] = frozenset(w for k in CHROME for w in k.markup)
#: kinds printed above the sheet / below it
HEADER_KINDS = frozenset(k.name for k in CHROME if k.zone == "header")
HEADER_END_KINDS = frozenset(k.name for k in CHROME if k.zone == "header-end")
FOOTER_KINDS = frozenset(k.name for k in CHROME if k.zone == "footer")

_PRINTED = [
    (k.name, re.compile("|".join(f"(?:{p})" for p in k.printed), re.IGNORECASE))
    for k in CHROME
    if k.printed
]
_WS = re.compile(r"\s+")


def chrome_kind(text: str) -> str | None:
    """The kind of chrome a whole printed line is (``"breadcrumb"`` for ``ホーム > 市政情報 >
    計画``), or None for a line that is not recognisably chrome."""
    line = _WS.sub(" ", fold(text)).strip()
    if not line or len(line) > 200:
        return None
    for name, pattern in _PRINTED:
        if pattern.fullmatch(line):
            return name
    return None
