"""How one city prints its sheet: the words of its headers, its era style, its markup habits.

The JSON says *what* the sheet contains; a :class:`Style` says how a given city typesets it, so
that one JSON can be rendered the way different cities would publish it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

_FULLWIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
_KANJI_ERAS = ((2019, "令和"), (1989, "平成"))


def era_short(year: int) -> str:
    """2025 → ``R7``, 2018 → ``H30`` (fiscal years from 2019 are 令和)."""
    if year >= 2019:
        return f"R{year - 2018}"
    return f"H{year - 1988}"


def era_long(year: int) -> str:
    """2019 → ``令和元年度``, 2018 → ``平成30年度``."""
    for start, name in _KANJI_ERAS:
        if year >= start:
            n = year - start + 1
            return f"{name}{'元' if n == 1 else n}年度"
    raise ValueError(f"no era for {year}")


def fullwidth(text: str) -> str:
    return text.translate(_FULLWIDTH)


@dataclass(frozen=True)
class Style:
    """A city's printing habits (everything the JSON does not say)."""

    city: str
    department: str
    phone: str
    updated: str
    breadcrumbs: tuple[str, ...]
    #: indicator table header words
    name_header: str = "事業名"
    baseline_word: str = "現状値"
    actual_word: str = "実績値"
    target_word: str = "目標値"
    unit_header: str = "単位"
    #: "short" prints R7 / H30, "long" prints 令和7年度 / 平成30年度
    years: Literal["short", "long"] = "short"
    actor_header: str = "対象"
    #: how each actor is labelled (市 may print as 行政)
    actor_labels: dict[str, str] = field(
        default_factory=lambda: {"市民": "市民", "地域": "地域", "市": "市"}
    )
    process_header: str = "目指す成果に向けて生み出したい変化の過程（プロセス）"
    org_title: str = "【施策{number}】の推進に向けた共創型オーガナイズアクション"
    approach_title: str = "気持ち・行動の変化を促すためのアプローチ"
    #: measure headings: "h" → <h2>, "bold" → <p><strong>
    heading_markup: Literal["h", "bold"] = "h"
    #: 方針１－施策１ instead of 方針1-施策1
    fullwidth_heading: bool = False
    #: multi-item cells in HTML: "ul" → <ul><li>, "br" → ・item<br>・item
    cell_lists: Literal["ul", "br"] = "ul"
    #: measure captions outside tables: "figure" → <figure><figcaption>, "p" → <p>▲…</p>
    captions: Literal["figure", "p"] = "figure"
    #: a hidden row inside each indicator table of the workbook (a helper row)
    hidden_helper_row: bool = False
    #: figure captions outside tables typed into a text box of the workbook, not a cell
    text_box_captions: bool = False

    def year(self, year: int) -> str:
        return era_short(year) if self.years == "short" else era_long(year)

    def year_paren(self, year: int) -> str:
        y = self.year(year)
        return f"({y})" if self.years == "short" else f"（{y}）"

    def heading(self, policy: int, number: int, title: str) -> str:
        head = f"方針{policy}-施策{number}"
        if self.fullwidth_heading:
            head = fullwidth(head)
        return f"{head} {title}"

    def direction_label(self, label: str) -> str:
        return f"（{label}）"

    def actor(self, actor: str) -> str:
        return self.actor_labels[actor]


KASHIWA = Style(
    city="柏市",
    department="福祉部 福祉政策課",
    phone="04-7167-1111",
    updated="2026年3月31日",
    breadcrumbs=("ホーム", "市政情報", "計画・取組", "福祉・保健の計画"),
)

MINATONO = Style(
    city="みなと野市",
    department="健康福祉部 地域福祉課",
    phone="000-000-0000",
    updated="2019年6月28日",
    breadcrumbs=("トップページ", "健康・福祉", "地域福祉", "地域福祉計画"),
    name_header="指標名",
    baseline_word="基準値",
    years="long",
    actor_labels={"市民": "市民", "地域": "地域", "市": "行政"},
    process_header="めざす成果に向けて生み出したい変化の過程（プロセス）",
    heading_markup="bold",
    fullwidth_heading=True,
    cell_lists="br",
    captions="p",
    hidden_helper_row=True,
    text_box_captions=True,
)
