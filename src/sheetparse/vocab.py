"""The one table of what a progress sheet prints: headings, table titles, header and row
labels, with their synonyms.

Everything the structure step recognises by its wording is here, so that a new city's wording
is one line in this file. Labels are matched on :func:`sheetparse.textutil.fold` (NFKC, no white
space), never on the text that goes into the output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .ja import kanji_to_int
from .model import Actor, NarrativeKind
from .textutil import fold

_D = r"[0-9０-９]+"
#: a heading's policy or measure number: digits, or kanji numerals (方針一－施策二)
_N = r"(?:[0-9０-９]+|[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_DASH = r"\-‐‑–—―－ー−"

# --- headings and block labels (matched on the printed text) -------------------------------

#: measure heading (施策見出し): 方針1-施策1 / 方針1—施策3 / 方針１－施策２ / 方針1ー施策1 /
#: 方針2-1 施策1 (a typo: the extra number is reported, the 施策 number is used)
MEASURE_HEADING = re.compile(
    rf"^\s*(?P<head>(?:基本)?方針\s*(?P<policy>{_N})\s*"
    rf"(?:[{_DASH}]\s*(?P<extra>{_N})\s*)?"
    rf"[{_DASH}\s・]*(?:基本)?施策\s*(?P<number>{_N}))"
    rf"\s*[:：.．]?\s*(?P<title>.*?)\s*$"
)

#: direction label (方向性): (基本施策1の方向性) with ASCII or full-width parentheses
DIRECTION_LABEL = re.compile(
    rf"^\s*[（(]\s*(?P<label>基本施策\s*(?P<number>{_N})\s*の方向性)\s*[)）]\s*(?P<rest>.*?)\s*$"
)

#: the same label run into the text before it (a converter joined the heading's lines)
DIRECTION_LABEL_RUN_IN = re.compile(rf"[（(]\s*基本施策\s*{_N}\s*の方向性\s*[)）]")

#: organize-action table title (共創型オーガナイズアクション), optionally naming its measure
ORG_TITLE = re.compile(
    rf"^\s*(?:[【\[［]?\s*施策\s*(?P<number>{_N})\s*[】\]］]?)?.*共創型オーガナイズアクション\s*$"
)

#: the org table's process super-header, printed as a paragraph above some tables
PROCESS_TITLE = re.compile(
    r"^\s*目指す成果に向けて生み出したい変化の過程\s*[（(]?\s*プロセス\s*[)）]?\s*$"
)

#: approach table title (アプローチ)
APPROACH_TITLE = re.compile(r"^\s*気持ち[・･]\s*行動の変化を促すためのアプローチ\s*$")

#: a page number printed as a line of its own (- 3 -, －3－, 3 / 22, p.3) in a conversion
PAGE_NUMBER = re.compile(
    rf"^\s*(?:[{_DASH}]\s*)?{_D}(?:\s*[{_DASH}])?\s*$"
    rf"|^\s*{_D}\s*[/／]\s*{_D}\s*$|^\s*(?:page|p\.)\s*{_D}\s*$",
    re.IGNORECASE,
)

#: a page's publication or update date (更新日：2019年6月28日): not the year a sheet reports on
PUBLICATION_DATE = re.compile(r"(?:更新|掲載|公開|作成|登録|発行)日|最終更新|更新")

#: document-level: plan term (計画期), e.g. 第5期計画
PLAN_TERM = re.compile(r"第\s*(?P<n>[0-9０-９一二三四五六七八九十]+)\s*期")


def heading_number(text: str) -> int:
    """The value of a number the patterns above matched (``2``, ``２``, ``二``, ``十二``)."""
    value = kanji_to_int(text)
    if value is None:  # the patterns admit only what kanji_to_int reads
        raise ValueError(f"not a heading number: {text!r}")
    return value


# --- table vocabulary (matched on folded labels) -------------------------------------------

ColumnRole = Literal["name", "unit", "baseline", "actual", "target", "note", "actor"]


@dataclass(frozen=True, slots=True)
class Synonyms:
    """Folded labels that mean one thing; ``prefix`` also accepts a label that starts with one
    of them and continues with a parenthesis or a year (``現状値(R5)``, ``目標値R9年度``)."""

    words: frozenset[str]
    prefix: bool = False

    def match(self, label: str) -> bool:
        f = fold(label)
        if f in self.words:
            return True
        if self.prefix:
            return any(f.startswith(w) for w in self.words)
        return False


def _syn(*words: str, prefix: bool = False) -> Synonyms:
    return Synonyms(frozenset(fold(w) for w in words), prefix)


#: indicator table header cells → column role
INDICATOR_COLUMNS: dict[ColumnRole, Synonyms] = {
    "name": _syn(
        "事業名",
        "指標名",
        "指標",
        "成果指標",
        "活動指標",
        "事業名・指標名",
        "事業・指標名",
        "評価指標",
        "取組指標",
        "事業名(指標)",
        "指標項目",
        "KPI",
    ),
    "unit": _syn("単位"),
    "baseline": _syn(
        "現状値",
        "基準値",
        "現況値",
        "策定時",
        "計画策定時",
        "基準年度",
        "当初値",
        "策定時の値",
        prefix=True,
    ),
    "target": _syn("目標値", "目標", "最終目標", "目標値(最終年度)", "目標年度", prefix=True),
    "actual": _syn("実績値", "実績", "進捗値", prefix=True),
    "note": _syn("備考", "注記"),
}
#: a header word that marks an actual as a forecast (見込): kept as the observation's note
FORECAST_WORDS = ("見込み", "見込")

#: organize-action table (共創型オーガナイズアクション) columns → narrative kind
ORG_COLUMNS: dict[NarrativeKind, Synonyms] = {
    NarrativeKind.mindset_change: _syn(
        "気持ちの変化", "意識の変化", "気持ち(意識)の変化", "気持ち・意識の変化"
    ),
    NarrativeKind.behavior_change: _syn("行動の変化", "行動変容"),
    NarrativeKind.outcome: _syn("目指す成果", "目指すべき成果", "めざす成果", "目指す姿"),
}
ORG_PROCESS_HEADER = _syn(
    "目指す成果に向けて生み出したい変化の過程(プロセス)", "変化の過程(プロセス)"
)

#: the column that names the actor (対象) in org and approach tables
ACTOR_HEADER = _syn("対象", "主体", "対象者")
#: actors (対象) and the labels sheets print for them
ACTOR_LABELS: dict[str, Actor] = {
    fold(k): v
    for k, v in {
        "市民": "市民",
        "地域": "地域",
        "市": "市",
        "行政": "市",
        "市(行政)": "市",
    }.items()
}

#: approach table (アプローチ) row labels → narrative kind. A year may precede or follow
#: (令和7年度事業実績, R7事業実績).
APPROACH_ROWS: dict[NarrativeKind, re.Pattern[str]] = {
    NarrativeKind.results: re.compile(
        r"^.*(?:年度)?(?:の)?(?:事業実績|取組実績|取り組み実績|活動実績|実施状況|取組状況|実施内容"
        r"|取組内容|実施結果)$"
        # a fiscal year (or 今年度) and 実績 / 取組 alone: 令和7年度実績, 今年度の取組
        r"|^.*年度(?:の)?(?:実績|取組|取り組み)$"
    ),
    NarrativeKind.expected_effects: re.compile(
        r"^(?:当初)?期待(?:した|する|される|された|していた)(?:効果|成果)$"
    ),
    NarrativeKind.changes_and_issues: re.compile(
        r"^生じた変化(?:又は|または|・|及び|と|や|/)課題$|^(?:(?:取組|事業)の)?(?:変化|成果)(?:又は|または|と|・|及び)課題$"
        r"|^(?:生じた)?課題$"
    ),
    NarrativeKind.next_steps: re.compile(
        r"^今後の(?:取組|取り組み)?(?:の)?(?:方向性|方針|展開|予定)$|^今後の(?:取組|取り組み)$"
        r"|^次年度(?:以降)?の(?:取組|取り組み)(?:の方向性)?$"
    ),
}

#: words a table header may contain for the structure step to recognise the table's kind
TABLE_KIND_TITLES = {
    "organize": ORG_TITLE,
    "approach": APPROACH_TITLE,
}


def actor_of(label: str) -> Actor | None:
    """The actor (市民 / 地域 / 市) a label names, else None."""
    return ACTOR_LABELS.get(fold(label))


def approach_kind(label: str) -> NarrativeKind | None:
    """The narrative kind of an approach-table row label, else None."""
    f = fold(label)
    if not f:
        return None
    for kind, pattern in APPROACH_ROWS.items():
        if pattern.match(f):
            return kind
    return None


def org_kind(label: str) -> NarrativeKind | None:
    """The narrative kind of an organize-action column header, else None."""
    for kind, syn in ORG_COLUMNS.items():
        if syn.match(label):
            return kind
    return None


#: a fiscal-year token inside a folded header (R5, (R12), 令和7年度, H30年度, 2025年度, 元年度)
_YEAR_TOKEN = re.compile(
    r"[(\[]?(?:令和|平成|昭和|大正|明治|[RHSrhs]\.?)(?:\d{1,2}|元)(?:年度|年)?[)\]]?"
    r"|[(\[]?(?:19|20)\d\d(?:年度|年)[)\]]?|[(\[]?\d{1,2}年度[)\]]?"
)


def strip_years(label: str) -> str:
    """A folded header without its fiscal-year tokens (``現状値(R5)`` → ``現状値``)."""
    return _YEAR_TOKEN.sub("", fold(label))


def indicator_role(label: str) -> ColumnRole | None:
    """The role of an indicator-table header cell (the most specific one wins)."""
    f = strip_years(label)
    if not f:
        return None
    for role in ("target", "baseline", "unit", "note", "name", "actual"):
        if INDICATOR_COLUMNS[role].match(f):  # type: ignore[index]
            return role  # type: ignore[return-value]
    return None


def is_forecast(label: str) -> str | None:
    """The forecast word (見込) in a header, else None."""
    f = fold(label)
    return next((w for w in FORECAST_WORDS if w in f), None)
