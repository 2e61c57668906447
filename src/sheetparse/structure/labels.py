"""Printed labels: how a label cell or heading is normalised for output and matched to a
family's label rules."""

from __future__ import annotations

import regex

from ..families.registry import Family, Label
from ..ja import find_fiscal_year
from ..textutil import collapse_ws, fold

#: a leading section number: １　, 1. , ２．, (1) followed by a space, ①, ≪ … ≫ brackets are
#: not numbers (a rule may name them)
_SECTION_NUMBER = regex.compile(
    r"^\s*(?:[0-9０-９]{1,2}\s*[.．、]\s*|[0-9０-９]{1,2}[\s\u3000]+|[(（][0-9０-９]{1,2}[)）]\s+"
    r"|[①-⑳⑴-⒇]\s*)"
)
#: an annex marker before a heading (（別紙）, 別紙2): where it is printed, not what it is
_ANNEX = regex.compile(r"^\s*[(（]?\s*別紙\s*[0-9０-９]*\s*[)）]?[\s\u3000]*(?=\S)")
#: a trailing note in brackets (事業の対象（誰を、何を）, 事業費（千円）)
_TRAILING_NOTE = regex.compile(r"[(（【\[][^()（）【】\[\]]*[)）】\]]$")
#: a run of white space between two Japanese characters (kana, kanji, CJK punctuation), or
#: after one before an opening bracket: layout, not text
_JP = r"[\p{Han}\p{Hiragana}\p{Katakana}ー々〆・、。「」『』（）【】〔〕≪≫《》〈〉※]"
_LAYOUT_SPACE = regex.compile(rf"(?<={_JP})[\s\u3000]+(?={_JP})")


def label_text(text: str) -> str:
    """A label as the contract prints it: white space removed between Japanese characters
    (``目　的`` → ``目的``, ``事 業 費 A`` → ``事業費 A``), a leading section number dropped
    (``１ 事業概要`` → ``事業概要``)."""
    t = collapse_ws(text.replace("\u3000", " "))
    t = _ANNEX.sub("", t, count=1)
    t = _SECTION_NUMBER.sub("", t, count=1)
    return _LAYOUT_SPACE.sub("", t).strip()


def label_keys(text: str) -> tuple[str, ...]:
    """The folded forms a label is matched in: whole, and without a trailing bracketed note."""
    f = fold(label_text(text))
    keys = [f]
    g = f
    while (m := _TRAILING_NOTE.search(g)) and m.start() > 0:
        g = g[: m.start()]
        keys.append(g)
    return tuple(keys)


def match_label(fam: Family, text: str, where: str) -> Label | None:
    """The first label rule of ``fam`` that the printed ``text`` matches (``where``: "cell" or
    "text"), else None."""
    if not fam.labels or not text.strip() or len(text) > 120:
        return None
    keys = label_keys(text)
    for label in fam.labels:
        if label.rule.where not in ("any", where):
            continue
        if any(label.pattern.fullmatch(k) for k in keys):
            return label
    return None


_YEARS = regex.compile(r"(?:令和|平成|昭和|[RHSＲＨＳ])?\s*[0-9０-９元]{1,4}\s*年度")


def single_year(label: str, era: str | None = None) -> int | None:
    """The fiscal year a label names, where it names one (``令和７年度の方向性`` → 2025); None
    where it names none or several (``取組実績（令和５年度・６年度）``)."""
    if len(_YEARS.findall(label)) > 1:
        return None
    return find_fiscal_year(label, era)


_NUMBER_UNIT = regex.compile(
    r"^(?P<n>[0-9０-９][0-9０-９,，.．]*)\s*(?P<u>[^\s0-9０-９][^\s]{0,12})$"
)


def number_and_unit(raw: str) -> tuple[float | int | None, str | None]:
    """The number and unit of a figure stated in prose (``8,339kW``, ``89,442t-CO2``)."""
    from ..ja import parse_number

    n = parse_number(raw)
    if n is not None and n.value is not None:
        return n.value, n.unit
    m = _NUMBER_UNIT.match(raw.strip())
    if m is not None and (n := parse_number(m.group("n"))) is not None:
        return n.value, m.group("u")
    return None, None


def trailing_unit(text: str) -> tuple[str, str | None]:
    """A label and the unit in its trailing brackets (``事業費（千円）`` → ``事業費``, ``千円``;
    ``（単位：円）`` too), the label unchanged where the brackets hold no unit."""
    m = regex.search(r"[（(]\s*(?:単位\s*[:：]\s*)?(?P<u>[^()（）]{1,8})\s*[)）]\s*$", text)
    if m is None or not _is_unit(m.group("u")):
        return text, None
    return text[: m.start()].rstrip(), m.group("u").strip()


_UNITS = regex.compile(
    r"^(?:千円|百万円|万円|円|人|件|回|%|％|箇所|か所|ヶ所|施設|団体|世帯|本|台|種類|事業|日|時間"
    r"|t|kW|kWh|ha|km|m|㎡|m2|PV|t-CO2)$"
)


def _is_unit(text: str) -> bool:
    return bool(_UNITS.match(fold(text)))


__all__ = [
    "label_keys",
    "label_text",
    "match_label",
    "number_and_unit",
    "single_year",
    "trailing_unit",
]
