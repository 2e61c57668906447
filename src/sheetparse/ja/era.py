"""Japanese era years and dates (和暦): 令和7年, R7, 令和7年度, 令和7年12月末, ㍻10年4月晦日.

Pure functions, no knowledge of sheets.  Conversion is arithmetic (era start year + n - 1), so
a year or date printed after its era ended or before it began (平成32年度, 平成31年5月1日 —
documents written around 2019 really print these — or 令和元年1月1日) still resolves; the
variants :func:`parse_era_year` and :func:`parse_date` report it with ``out_of_era=True`` and
the plain functions take ``strict=True`` to refuse it.  Impossible dates (2月30日) are errors.

Fiscal years (年度) run from 1 April to 31 March: 令和7年度 is FY2025, its end (年度末) is
2026-03-31.  明治 dates before 明治6年 (1873) were written in the old lunisolar calendar
(旧暦); they are converted arithmetically and carry a warning.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from sheetparse.ja.chars import fold
from sheetparse.ja.numerals import JaInputError, kanji_to_int, to_kanji

__all__ = [
    "ERAS",
    "Era",
    "EraDate",
    "EraYear",
    "era_of",
    "find_fiscal_year",
    "fiscal_year",
    "format_era",
    "parse_date",
    "parse_era_year",
    "to_date",
    "to_gregorian_year",
]

_MAX_TEXT = 256


@dataclass(frozen=True, slots=True)
class Era:
    """One era (元号): name, Latin initial, first day and last day (None: current)."""

    name: str
    letter: str
    romaji: str
    start: date
    end: date | None

    def contains(self, day: date) -> bool:
        """True when ``day`` lies within the era."""
        return self.start <= day and (self.end is None or day <= self.end)


#: The modern eras with their exact first days.  明治 starts on the day of the 改元の詔
#: (1868-10-23, 明治元年9月8日 in the old calendar; the change was declared retroactive to
#: 1 January of that lunisolar year).  An era's last day is the day before the next begins.
ERAS: tuple[Era, ...] = (
    Era("明治", "M", "Meiji", date(1868, 10, 23), date(1912, 7, 29)),
    Era("大正", "T", "Taisho", date(1912, 7, 30), date(1926, 12, 24)),
    Era("昭和", "S", "Showa", date(1926, 12, 25), date(1989, 1, 7)),
    Era("平成", "H", "Heisei", date(1989, 1, 8), date(2019, 4, 30)),
    Era("令和", "R", "Reiwa", date(2019, 5, 1), None),
)

_BY_KEY: dict[str, Era] = {}
for _era in ERAS:
    for _key in (_era.name, _era.name[0], _era.letter, _era.letter.lower(), _era.romaji.lower()):
        _BY_KEY[_key] = _era
del _era, _key

_GREGORIAN_SWITCH = date(1873, 1, 1)  # 明治6年1月1日: Japan adopts the Gregorian calendar


@dataclass(frozen=True, slots=True)
class EraYear:
    """A year read from text.

    ``year`` is Gregorian; ``era``/``era_year`` are as printed (None for 2025年度);
    ``fiscal`` is True for 年度 forms; ``out_of_era`` is True when the era did not cover the
    (fiscal) year, e.g. 平成32年度; ``warnings`` explains any such leniency.
    """

    year: int
    era: str | None
    era_year: int | None
    fiscal: bool
    out_of_era: bool
    raw: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EraDate:
    """A date read from text; ``era``/``era_year`` as printed, ``out_of_era`` as in EraYear."""

    date: date
    era: str | None
    era_year: int | None
    out_of_era: bool
    raw: str
    warnings: tuple[str, ...] = ()


# --------------------------------------------------------------------------- patterns

# Numerals allowed in years, months and days: digits, kanji, daiji (validated by kanji_to_int).
_NUM = r"[0-9]{1,4}|[〇○一二三四五六七八九十百千壱壹弐貳参參肆伍陸漆柒捌玖拾廿卅丗零]{1,9}"
_ERA_NAMES = "明治|大正|昭和|平成|令和"
_ERA_ALT = rf"{_ERA_NAMES}|[明大昭平令]|[MTSHRmtshr]"

# Whole-string forms (white space removed first).
_YEAR_HEAD_RE = re.compile(
    rf"(?:(?P<era>{_ERA_ALT})\.?(?P<ey>元|{_NUM})|(?:西暦|(?P<fy>FY))?(?P<gy>{_NUM}))"
)
# 令和元年（2019年）5月1日: a year with its equivalent in brackets, then the month and day.
_PAREN_YEAR_RE = re.compile(r"(?P<main>[^()]+?年)\((?P<alt>[^()]+?年)\)(?P<rest>[^()]+)")
_COMPACT_RE = re.compile(r"(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})")  # 20250401
_WEEKDAY_RE = re.compile(r"\((?P<wd>[月火水木金土日])(?:曜日?)?\)$")
_AS_OF_RE = re.compile(r"(?:現在|時点|付け|付)$")  # 令和7年4月1日現在 (as of)
_YM_RE = re.compile(rf"年(?P<m>{_NUM})月(?:分|中)?")  # 令和7年12月: a month, not a date
_PAREN_RE = re.compile(r"^(?P<main>[^()]+)\((?P<alt>[^()]+)\)$")
_YEAR_TAIL_RE = re.compile(r"(?P<suffix>年度|年)?")
# 令和7（2025）年度 / 2025（令和7）年: the equivalent year in brackets before the 年 or 年度
_YEAR_NO = rf"(?:(?:{_ERA_ALT})\.?(?:元|{_NUM})|{_NUM})"
_INNER_PAREN_RE = re.compile(rf"(?P<a>{_YEAR_NO})\((?P<b>{_YEAR_NO})\)(?P<suffix>年度|年)")
_MD_RE = re.compile(
    rf"年(?:"
    rf"(?P<m>{_NUM})月(?:(?P<d>{_NUM})日|(?P<eom>末日|末|晦日|晦)|(?P<bom>初日|初|朔日|朔))"
    rf"|(?P<m3>[0-9]{{1,2}})/(?P<d3>[0-9]{{1,2}})"
    rf"|(?P<newyear>元日|元旦)|(?P<eoy>大晦日|末)"
    rf"|(?P<fye>度末)"
    rf")"
    # 令和2.4.1, 2021/7/18, 令和2,4,1: one separator twice; month and day of one or two digits,
    # so a thousands group (1,234 — three digits) is never read as a month or a day
    rf"|(?P<sep>[./\-・,])(?P<m2>[0-9]{{1,2}})(?P=sep)(?P<d2>[0-9]{{1,2}})"
)

# Inside running labels (find_fiscal_year).
_FIND_ERA_RE = re.compile(rf"(?P<era>{_ERA_NAMES})\s*(?P<ey>元|{_NUM})\s*(?P<suffix>年度|年)?")
_FIND_LETTER_RE = re.compile(
    r"(?<![A-Za-z0-9])(?P<era>[MTSHR])\s?\.?\s?(?P<ey>元|[0-9]{1,2})(?![0-9A-Za-z])"
    r"\s*(?P<suffix>年度|年)?"
)
_FIND_GREG_RE = re.compile(
    r"(?:(?<![0-9A-Za-z])FY\s?(?P<fy>[0-9]{4})(?![0-9]))"
    r"|(?:(?<![0-9])(?P<gy>1[89][0-9]{2}|2[01][0-9]{2})\s*(?P<suffix>年度|年))"
)
_FIND_BARE_RE = re.compile(r"(?<![0-9.])(?P<ey>元|[0-9]{1,2})\s*年度")
_FIND_MONTH_RE = re.compile(rf"\s*(?:(?P<m>{_NUM})\s*月|[./](?P<m2>[0-9]{{1,2}})(?![0-9]))")

_WS_RE = re.compile(r"\s+")


# --------------------------------------------------------------------------- helpers


def _text(text: object, func: str) -> str:
    if not isinstance(text, str):
        raise JaInputError(f"{func}() expects str, got {type(text).__name__}: {text!r:.60}")
    if len(text) > _MAX_TEXT:
        raise ValueError(f"{func}(): text longer than {_MAX_TEXT} characters is not a date")
    return text


def _prepare(text: str) -> str:
    """Fold widths and glyphs, drop all white space (令和三年 十二月 → 令和三年十二月), and
    write a bracketed equivalent year after its 年/年度 (令和7(2025)年度 → 令和7年度(2025年度))."""
    s = _WS_RE.sub("", fold(text))
    return _INNER_PAREN_RE.sub(r"\g<a>\g<suffix>(\g<b>\g<suffix>)", s, count=1)


def _era(key: str) -> Era:
    return _BY_KEY[key]


def _num(text: str, what: str) -> int:
    if text == "元":
        return 1
    value = kanji_to_int(text.replace("○", "〇"))
    if value is None:
        raise ValueError(f"not a {what} number: {text!r}")
    return value


def _head(m: re.Match[str]) -> tuple[int, Era | None, int | None]:
    """Gregorian year, era and era year of a matched year head."""
    if m.group("era") is not None:
        era = _era(m.group("era"))
        n = _num(m.group("ey"), "year")
        if n < 1:
            raise ValueError(f"era year must be 1 or more (元年 is 1): {m.group(0)!r}")
        return era.start.year + n - 1, era, n
    gy = _num(m.group("gy"), "year")
    if not 1000 <= gy <= 9999:
        raise ValueError(f"a year without an era must have four digits: {m.group(0)!r}")
    return gy, None, None


def _year_out_of_era(era: Era, year: int, fiscal: bool) -> bool:
    if fiscal:
        first, last = date(year, 4, 1), date(year + 1, 3, 31)
    else:
        first, last = date(year, 1, 1), date(year, 12, 31)
    return last < era.start or (era.end is not None and first > era.end)


def _out_of_era_warning(era: Era, shown: str) -> str:
    end = "" if era.end is None else f" to {era.end.isoformat()}"
    return f"{shown} is outside {era.name} ({era.start.isoformat()}{end}); read arithmetically"


def _parse_year_only(s: str, raw: str) -> EraYear:
    m = _YEAR_HEAD_RE.match(s)
    if m is None:
        raise ValueError(f"not an era year: {raw!r}")
    tail = _YEAR_TAIL_RE.fullmatch(s, m.end())
    if tail is None:
        raise ValueError(f"not an era year: {raw!r}")
    suffix = tail.group("suffix")
    if m.group("gy") is not None and suffix is None and not m.group("gy").isdigit():
        raise ValueError(f"not a year: {raw!r}")
    year, era, n = _head(m)
    fiscal = suffix == "年度" or m.group("fy") is not None
    if m.group("fy") is not None and suffix == "年":
        raise ValueError(f"not a year: {raw!r}")
    out = era is not None and _year_out_of_era(era, year, fiscal)
    warnings = (_out_of_era_warning(era, s),) if out and era is not None else ()
    return EraYear(year, era.name if era else None, n, fiscal, out, raw, warnings)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _make_date(year: int, month: int, day: int | None, raw: str) -> date:
    if not 1 <= month <= 12:
        raise ValueError(f"impossible month {month} in {raw!r}")
    if day is None:
        day = _last_day(year, month)
    if not 1 <= day <= _last_day(year, month):
        raise ValueError(f"impossible date {year}-{month:02d}-{day:02d} in {raw!r}")
    return date(year, month, day)


def _parse_date_folded(s: str, raw: str) -> EraDate:
    weekday: str | None = None
    s = _AS_OF_RE.sub("", s)
    wm = _WEEKDAY_RE.search(s)
    if wm is not None:
        weekday, s = wm.group("wd"), s[: wm.start()]
    pm = _PAREN_YEAR_RE.fullmatch(s)
    if pm is not None:
        main = _parse_year_only(pm.group("main"), raw)
        alt = _parse_year_only(pm.group("alt"), raw)
        if main.year != alt.year:
            raise ValueError(f"the two years disagree ({main.year} vs {alt.year}): {raw!r}")
        if main.era is None and alt.era is not None:  # read in the era where one is printed
            return _parse_date_folded(pm.group("alt") + pm.group("rest"), raw)
        s = pm.group("main") + pm.group("rest")
    compact = _COMPACT_RE.fullmatch(s)
    if compact is not None:
        d = _make_date(int(compact["y"]), int(compact["m"]), int(compact["d"]), raw)
        return EraDate(d, None, None, False, raw)
    m = _YEAR_HEAD_RE.match(s)
    if m is None or m.group("fy") is not None:
        raise ValueError(f"not a date: {raw!r}")
    tail = _MD_RE.fullmatch(s, m.end())
    if tail is None:
        raise ValueError(f"not a date: {raw!r}")
    year, era, n = _head(m)
    g = tail.groupdict()
    if g["fye"] is not None:
        d = date(year + 1, 3, 31)
    elif g["newyear"] is not None:
        d = date(year, 1, 1)
    elif g["eoy"] is not None:
        d = date(year, 12, 31)
    else:
        month_text = g["m"] or g["m2"] or g["m3"]
        day_text = g["d"] or g["d2"] or g["d3"]
        month = _num(month_text, "month")
        if g["eom"] is not None:
            day: int | None = None
        elif g["bom"] is not None:
            day = 1
        else:
            day = _num(day_text, "day")
        d = _make_date(year, month, day, raw)
    warnings: list[str] = []
    out = False
    if era is not None:
        out = not era.contains(d)
        if out:
            warnings.append(_out_of_era_warning(era, s))
        if d < _GREGORIAN_SWITCH:
            warnings.append("date before 明治6年 (1873) was lunisolar (旧暦); read as Gregorian")
    if weekday is not None and "月火水木金土日"[d.weekday()] != weekday:
        warnings.append(f"printed weekday {weekday} does not match {d.isoformat()}")
    return EraDate(d, era.name if era else None, n, out, raw, tuple(warnings))


# --------------------------------------------------------------------------- public API


def parse_era_year(text: str) -> EraYear:
    """Read a year: 令和7年, R7, Ｒ７, R.7, H30, 令和元年, 令和7年度, 2025年度.

    Also 令和7年度（2025年度） (both halves must agree).

    Raises ValueError when the text is not one year (unknown era, 令和0年, two different years).
    """
    raw = _text(text, "parse_era_year")
    s = _prepare(raw)
    pm = _PAREN_RE.match(s)
    if pm is not None:  # 令和7年度（2025年度）: both must name the same year
        main = _parse_year_only(pm.group("main"), raw)
        alt = _parse_year_only(pm.group("alt"), raw)
        if main.year != alt.year:
            raise ValueError(f"the two years disagree ({main.year} vs {alt.year}): {raw!r}")
        if main.era is None and alt.era is not None:
            main, alt = alt, main
        return EraYear(
            main.year, main.era, main.era_year, main.fiscal or alt.fiscal, main.out_of_era,
            raw, main.warnings,
        )  # fmt: skip
    return _parse_year_only(s, raw)


def parse_date(text: str) -> EraDate:
    """Read a date: 令和7年12月31日, 令和7年12月末, 令和6年度末, R1.5.1, 2021/7/18, ㍻10年4月晦日.

    Also 令和2,4,1 (commas as separators, like the dots and slashes), 20250401, 元日/元旦,
    年末/大晦日, 月初/朔日, kanji and daiji numerals, 西暦, a weekday in
    brackets (checked, a mismatch is a warning).  Raises ValueError for text that is not a
    date and for impossible dates (2月30日, 0月).
    """
    raw = _text(text, "parse_date")
    return _parse_date_folded(_prepare(raw), raw)


def to_date(text: str, *, strict: bool = False) -> date:
    """The date named by ``text`` (see :func:`parse_date`); ``strict`` refuses out-of-era dates."""
    result = parse_date(text)
    if strict and result.out_of_era:
        raise ValueError(result.warnings[0])
    return result.date


def _resolve(raw: str) -> tuple[int, int, bool]:
    """(calendar year, fiscal year, out_of_era) of a year, year-month or date; ValueError else."""
    try:
        y = parse_era_year(raw)
        return y.year, y.year, y.out_of_era
    except ValueError:
        pass
    s = _AS_OF_RE.sub("", _prepare(raw))
    m = _YEAR_HEAD_RE.match(s)
    ym = _YM_RE.fullmatch(s, m.end()) if m is not None else None
    if m is not None and ym is not None:  # 令和7年12月
        year, era, _ = _head(m)
        month = _num(ym.group("m"), "month")
        if not 1 <= month <= 12:
            raise ValueError(f"impossible month {month} in {raw!r}")
        first = date(year, month, 1)
        last = date(year, month, _last_day(year, month))
        out = era is not None and (last < era.start or (era.end is not None and first > era.end))
        return year, year if month >= 4 else year - 1, out
    d = _parse_date_folded(s, raw)
    fy = d.date.year if d.date.month >= 4 else d.date.year - 1
    return d.date.year, fy, d.out_of_era


def _year_text(text: object, func: str) -> str | None:
    if text is None:
        return None
    if not isinstance(text, str):
        raise JaInputError(f"{func}() expects str, got {type(text).__name__}: {text!r:.60}")
    return text if len(text) <= _MAX_TEXT else None


def to_gregorian_year(text: str, *, strict: bool = False) -> int | None:
    """Gregorian year of 令和7年 / R7 / H30 / 2025年 / 令和7年12月 / a date; None if no year.

    Out-of-era years resolve arithmetically (平成33年 → 2021); see :func:`parse_era_year` for
    the flag, or pass ``strict=True`` to get None for them instead.
    """
    raw = _year_text(text, "to_gregorian_year")
    if raw is None:
        return None
    try:
        year, _, out = _resolve(raw)
    except ValueError:
        return None
    return None if strict and out else year


def fiscal_year(text: str, *, strict: bool = False) -> int | None:
    """Fiscal year (年度, April to March) named by ``text``; None if it names none.

    令和7年度 / R7 / Ｒ７ / R.7 / H30 / S63 / 平成31年度 / 令和元年度 / 2025年度 /
    令和7年度（2025年度）→ the Gregorian year the fiscal year starts in.  A month or a date
    gives the fiscal year containing it (令和8年3月31日 → 2025).  ``strict`` as in
    :func:`to_gregorian_year`.
    """
    raw = _year_text(text, "fiscal_year")
    if raw is None:
        return None
    try:
        _, fy, out = _resolve(raw)
    except ValueError:
        return None
    return None if strict and out else fy


def _fy_after(text: str, pos: int, year: int) -> int:
    """Shift a calendar year to its fiscal year when a month follows (令和8年3月 → 2025)."""
    m = _FIND_MONTH_RE.match(text, pos)
    if m is None:
        return year
    month = kanji_to_int(m.group("m") or m.group("m2") or "")
    if month is None or not 1 <= month <= 12:
        return year
    return year if month >= 4 else year - 1


def find_fiscal_year(text: str, default_era: str | None = None) -> int | None:
    """The fiscal year named inside a label, e.g. ``現状値 (R5)`` → 2023, ``令和7年度事業実績``
    → 2025, ``目標値 R９年度 見込`` → 2027, ``2025年度`` → 2025; None when there is none.

    ``default_era`` (``"平成"``, ``"H"`` …) reads era-less years written with 年度 such as
    ``24年度決算``.  Numbers that are not years (``年6回``, ``12月末``) are ignored.  When a
    label names several years the first one wins (``令和7年度（2025年度）`` → 2025).  A date
    gives the fiscal year containing it (``令和8年3月末`` → 2025).
    """
    if not isinstance(text, str):
        if text is None:
            return None
        raise JaInputError(f"find_fiscal_year() expects str, got {type(text).__name__}")
    if default_era is not None and default_era not in _BY_KEY:
        raise ValueError(f"unknown era {default_era!r}; use e.g. '平成' or 'H'")
    return _find_fiscal_year(text, default_era)


@lru_cache(maxsize=4096)
def _find_fiscal_year(text: str, default_era: str | None) -> int | None:
    """:func:`find_fiscal_year` on checked arguments, memoised: the structure step asks it of
    the same header labels (``R7``, ``目標値 (R12)``) table after table."""
    s = fold(text)
    best: tuple[int, int] | None = None  # (position, fiscal year)
    for regex in (_FIND_ERA_RE, _FIND_LETTER_RE):
        for m in regex.finditer(s):
            n = kanji_to_int(m.group("ey").replace("○", "〇")) if m.group("ey") != "元" else 1
            if not n:
                continue
            year = _era(m.group("era")).start.year + n - 1
            if m.group("suffix") == "年":
                year = _fy_after(s, m.end(), year)
            if best is None or m.start() < best[0]:
                best = (m.start(), year)
            break
    for m in _FIND_GREG_RE.finditer(s):
        if m.group("fy") is not None:
            year = int(m.group("fy"))
        else:
            year = int(m.group("gy"))
            if m.group("suffix") == "年":
                year = _fy_after(s, m.end(), year)
        if best is None or m.start() < best[0]:
            best = (m.start(), year)
        break
    if best is None and default_era is not None:
        era = _era(default_era)
        for m in _FIND_BARE_RE.finditer(s):
            n = 1 if m.group("ey") == "元" else int(m.group("ey"))
            if n >= 1:
                return era.start.year + n - 1
    return None if best is None else best[1]


def era_of(day: date) -> Era | None:
    """The era in effect on ``day`` (None before 明治)."""
    for era in reversed(ERAS):
        if day >= era.start:
            return era
    return None


def _era_for_year(year: int) -> Era:
    for era in reversed(ERAS):
        if year >= era.start.year:
            return era
    raise ValueError(f"no era before 明治 (1868) is supported: {year}")


def format_era(
    year_or_date: int | date, *, kanji: bool = False, gannen: bool = True, fiscal: bool = False
) -> str:
    """Write a Gregorian year or date in the era style: 2025 → 令和7年, 2019-05-01 → 令和元年5月1日.

    A year is written in the era that began in it (2019 → 令和元年, as fiscal 令和元年度);
    ``fiscal=True`` appends 年度; ``kanji=True`` writes numerals in kanji (令和七年);
    ``gannen=False`` writes 1年 instead of 元年.  Dates before 明治 raise ValueError.
    """
    if isinstance(year_or_date, datetime):
        year_or_date = year_or_date.date()
    if isinstance(year_or_date, date):
        era = era_of(year_or_date)
        if era is None:
            raise ValueError(f"no era before 明治 (1868-10-23) is supported: {year_or_date}")
        year: int = year_or_date.year
    elif isinstance(year_or_date, int) and not isinstance(year_or_date, bool):
        year = year_or_date
        era = _era_for_year(year)
    else:
        raise JaInputError(f"format_era() expects int or date, got {type(year_or_date).__name__}")

    def num(n: int) -> str:
        return to_kanji(n) if kanji else str(n)

    n = year - era.start.year + 1
    text = era.name + ("元" if n == 1 and gannen else num(n)) + ("年度" if fiscal else "年")
    if isinstance(year_or_date, date):
        if fiscal:
            raise ValueError("fiscal=True applies to years, not dates")
        text += f"{num(year_or_date.month)}月{num(year_or_date.day)}日"
    return text
