"""Era years, fiscal years, dates and format_era against hand-written expectations."""

from __future__ import annotations

import contextlib
from datetime import date, datetime

import pytest

from sheetparse.ja import (
    ERAS,
    EraDate,
    EraYear,
    JaInputError,
    era_of,
    find_fiscal_year,
    fiscal_year,
    format_era,
    parse_date,
    parse_era_year,
    to_date,
    to_gregorian_year,
)

# --------------------------------------------------------------------------- the era table


def test_era_table() -> None:
    table = [(e.name, e.letter, e.start, e.end) for e in ERAS]
    assert table == [
        ("明治", "M", date(1868, 10, 23), date(1912, 7, 29)),
        ("大正", "T", date(1912, 7, 30), date(1926, 12, 24)),
        ("昭和", "S", date(1926, 12, 25), date(1989, 1, 7)),
        ("平成", "H", date(1989, 1, 8), date(2019, 4, 30)),
        ("令和", "R", date(2019, 5, 1), None),
    ]


# Each era boundary: (text, ISO date, era in effect, out_of_era when read in the printed era).
BOUNDARIES = [
    ("明治元年10月22日", "1868-10-22", None, True),
    ("明治元年10月23日", "1868-10-23", "明治", False),
    ("明治45年7月29日", "1912-07-29", "明治", False),
    ("明治45年7月30日", "1912-07-30", "大正", True),
    ("大正元年7月29日", "1912-07-29", "明治", True),
    ("大正元年7月30日", "1912-07-30", "大正", False),
    ("大正15年12月24日", "1926-12-24", "大正", False),
    ("大正15年12月25日", "1926-12-25", "昭和", True),
    ("昭和元年12月24日", "1926-12-24", "大正", True),
    ("昭和元年12月25日", "1926-12-25", "昭和", False),
    ("昭和64年1月7日", "1989-01-07", "昭和", False),
    ("昭和64年1月8日", "1989-01-08", "平成", True),
    ("平成元年1月7日", "1989-01-07", "昭和", True),
    ("平成元年1月8日", "1989-01-08", "平成", False),
    ("平成31年4月30日", "2019-04-30", "平成", False),
    ("平成31年5月1日", "2019-05-01", "令和", True),
    ("令和元年4月30日", "2019-04-30", "平成", True),
    ("令和元年5月1日", "2019-05-01", "令和", False),
]


@pytest.mark.parametrize(("text", "iso", "era_in_effect", "out"), BOUNDARIES)
def test_boundary_dates(text: str, iso: str, era_in_effect: str | None, out: bool) -> None:
    result = parse_date(text)
    assert result.date.isoformat() == iso
    assert result.era == text[:2]
    assert result.out_of_era is out
    assert bool(result.warnings) is (out or result.date < date(1873, 1, 1))
    assert to_date(text).isoformat() == iso
    in_effect = era_of(date.fromisoformat(iso))
    assert (in_effect.name if in_effect else None) == era_in_effect
    if out:
        with pytest.raises(ValueError, match="outside"):
            to_date(text, strict=True)
    else:
        assert to_date(text, strict=True).isoformat() == iso


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(1868, 10, 23), "明治元年10月23日"),
        (date(1912, 7, 29), "明治45年7月29日"),
        (date(1912, 7, 30), "大正元年7月30日"),
        (date(1926, 12, 24), "大正15年12月24日"),
        (date(1926, 12, 25), "昭和元年12月25日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2025, 12, 31), "令和7年12月31日"),
    ],
)
def test_format_boundary_dates(day: date, expected: str) -> None:
    assert format_era(day) == expected


# --------------------------------------------------------------------------- years


@pytest.mark.parametrize(
    ("text", "year", "era", "era_year", "fiscal", "out"),
    [
        ("令和7年", 2025, "令和", 7, False, False),
        ("R7", 2025, "令和", 7, False, False),
        ("Ｒ７", 2025, "令和", 7, False, False),
        ("R.7", 2025, "令和", 7, False, False),
        ("r7", 2025, "令和", 7, False, False),
        ("H30", 2018, "平成", 30, False, False),
        ("S63", 1988, "昭和", 63, False, False),
        ("T15", 1926, "大正", 15, False, False),
        ("M45", 1912, "明治", 45, False, False),
        ("平30", 2018, "平成", 30, False, False),
        ("令和元年", 2019, "令和", 1, False, False),
        ("令和元年度", 2019, "令和", 1, True, False),
        ("平成31年度", 2019, "平成", 31, True, False),
        ("平成32年度", 2020, "平成", 32, True, True),
        ("平成31年", 2019, "平成", 31, False, False),
        ("平成32年", 2020, "平成", 32, False, True),
        ("昭和64年", 1989, "昭和", 64, False, False),
        ("昭和64年度", 1989, "昭和", 64, True, True),
        ("昭和63年度", 1988, "昭和", 63, True, False),
        ("大正16年", 1927, "大正", 16, False, True),
        ("明治46年", 1913, "明治", 46, False, True),
        ("令和 7 年度", 2025, "令和", 7, True, False),
        ("令和七年度", 2025, "令和", 7, True, False),
        ("令和拾年", 2028, "令和", 10, False, False),
        ("㋿7年", 2025, "令和", 7, False, False),
        ("㍻30年度", 2018, "平成", 30, True, False),
        ("㍼60年", 1985, "昭和", 60, False, False),
        ("2025年度", 2025, None, None, True, False),
        ("2025年", 2025, None, None, False, False),
        ("西暦2025年", 2025, None, None, False, False),
        ("2025", 2025, None, None, False, False),
        ("FY2025", 2025, None, None, True, False),
        ("令和7年度（2025年度）", 2025, "令和", 7, True, False),
        ("2025年度(令和7年度)", 2025, "令和", 7, True, False),
        ("令和７（２０２５）年度", 2025, "令和", 7, True, False),
        ("2025（令和7）年度", 2025, "令和", 7, True, False),
        ("令和元(2019)年", 2019, "令和", 1, False, False),
        ("H30(2018)年度", 2018, "平成", 30, True, False),
    ],
)
def test_era_years(
    text: str, year: int, era: str | None, era_year: int | None, fiscal: bool, out: bool
) -> None:
    result = parse_era_year(text)
    assert (result.year, result.era, result.era_year) == (year, era, era_year)
    assert (result.fiscal, result.out_of_era) == (fiscal, out)
    assert bool(result.warnings) is out
    assert result.raw == text
    assert to_gregorian_year(text) == year
    assert fiscal_year(text) == year
    assert to_gregorian_year(text, strict=True) == (None if out else year)


@pytest.mark.parametrize(
    "text",
    ["令和0年", "R0", "令和", "R", "Rewa", "牌孫元年", "歯姫3年", "令和-1年", "25年", "令和7年度（2024年度）", "令和7(2024)年度",
     "年度", "", "令和7年 事業", "慶応4年"],
)  # fmt: skip
def test_not_an_era_year(text: str) -> None:
    with pytest.raises(ValueError):
        parse_era_year(text)
    assert to_gregorian_year(text) is None
    assert fiscal_year(text) is None


def test_bare_era_with_digits_but_no_suffix() -> None:
    # An era name with a bare number and no 年 is read like R7.
    assert to_gregorian_year("令和7") == 2025
    assert fiscal_year("平成30") == 2018


def test_year_of_months_and_dates() -> None:
    assert to_gregorian_year("令和7年12月") == 2025
    assert fiscal_year("令和7年12月") == 2025
    assert fiscal_year("令和8年3月") == 2025
    assert fiscal_year("令和8年3月31日") == 2025
    assert fiscal_year("令和7年4月1日") == 2025
    assert to_gregorian_year("令和8年3月31日") == 2026
    assert to_gregorian_year("令和7年13月") is None
    assert to_gregorian_year("令和7年2月30日") is None


def test_year_functions_wrong_types_and_long_text() -> None:
    assert to_gregorian_year(None) is None  # type: ignore[arg-type]
    assert fiscal_year(None) is None  # type: ignore[arg-type]
    with pytest.raises(JaInputError):
        to_gregorian_year(2025)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="expects str"):
        fiscal_year(2025)  # type: ignore[arg-type]
    assert to_gregorian_year("令和" + "1" * 10_000 + "年") is None
    with pytest.raises(ValueError):
        parse_era_year("1" * 10_000)


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("令和7年12月31日", "2025-12-31"),
        ("令和7年12月末", "2025-12-31"),
        ("令和7年12月末日", "2025-12-31"),
        ("令和7年2月末", "2025-02-28"),
        ("令和6年2月末", "2024-02-29"),
        ("平成12年2月晦日", "2000-02-29"),
        ("令和7年11月晦日", "2025-11-30"),
        ("令和7年度末", "2026-03-31"),
        ("令和元年度末", "2020-03-31"),
        ("平成30年度末", "2019-03-31"),
        ("2025年度末", "2026-03-31"),
        ("令和7年元日", "2025-01-01"),
        ("令和7年元旦", "2025-01-01"),
        ("令和7年末", "2025-12-31"),
        ("令和7年大晦日", "2025-12-31"),
        ("令和7年4月初", "2025-04-01"),
        ("令和七年十二月三十一日", "2025-12-31"),
        ("令和参年 拾弐月 廿四日", "2021-12-24"),
        ("㍻10年4月晦日", "1998-04-30"),
        ("㋿7年1月1日", "2025-01-01"),
        ("R7.12.31", "2025-12-31"),
        ("R07.04.01", "2025-04-01"),
        ("H31.4.30", "2019-04-30"),
        ("R7/4/1", "2025-04-01"),
        ("令和7-4-1", "2025-04-01"),
        ("令和7・4・1", "2025-04-01"),
        ("令和2,4,1", "2020-04-01"),
        ("令和２，４，１", "2020-04-01"),
        ("R2,12,31", "2020-12-31"),
        ("2020,4,1", "2020-04-01"),
        ("令和 7 年 4 月 1 日", "2025-04-01"),
        ("令和７年４月１日", "2025-04-01"),
        ("2025年12月31日", "2025-12-31"),
        ("西暦2025年12月31日", "2025-12-31"),
        ("2025/12/31", "2025-12-31"),
        ("2025-12-31", "2025-12-31"),
        ("20251231", "2025-12-31"),
        ("２０２５年１２月３１日", "2025-12-31"),
        ("二〇二五年十二月三十一日", "2025-12-31"),
        ("2000年2月晦日", "2000-02-29"),
        ("令和7年4月1日現在", "2025-04-01"),
        ("令和7年4月1日（火）", "2025-04-01"),
        ("令和7年4月1日(火曜日)", "2025-04-01"),
        ("昭和45年 1/1", "1970-01-01"),
        ("明治八年六月十八日", "1875-06-18"),
        ("令和元年（2019年）5月1日", "2019-05-01"),
        ("令和元（2019）年5月1日", "2019-05-01"),
        ("2019(平成31)年4月30日", "2019-04-30"),
        ("2019年（令和元年）5月1日", "2019-05-01"),
    ],
)
def test_dates(text: str, iso: str) -> None:
    assert to_date(text).isoformat() == iso
    assert parse_date(text).out_of_era is False


def test_date_details() -> None:
    result = parse_date("令和7年4月1日")
    assert result == EraDate(date(2025, 4, 1), "令和", 7, False, "令和7年4月1日")
    greg = parse_date("2025年4月1日")
    assert (greg.era, greg.era_year, greg.out_of_era) == (None, None, False)
    wrong_weekday = parse_date("令和7年4月1日(水)")
    assert wrong_weekday.date == date(2025, 4, 1)
    assert any("weekday" in w for w in wrong_weekday.warnings)
    lunisolar = parse_date("明治5年12月2日")
    assert lunisolar.date == date(1872, 12, 2)
    assert any("旧暦" in w for w in lunisolar.warnings)
    assert parse_date("明治6年1月1日").warnings == ()
    bracketed = parse_date("2019年（平成31年）5月1日")
    assert (bracketed.era, bracketed.out_of_era) == ("平成", True)


@pytest.mark.parametrize(
    "text",
    [
        "令和7年2月29日",
        "平成31年2月30日",
        "令和元年 四月三十一日",
        "令和7年13月1日",
        "令和7年0月1日",
        "令和7年4月0日",
        "令和7年4月32日",
        "令和0年1月1日",
        "昭和0年2月3日",
        "平成12年0月3日",
        "2025年2月29日",
        "2025/2/30",
        "20251301",
        "FY2025/4/1",
        "令和7年12月",
        "令和7年",
        "12月末",
        "令和7年12月31",
        "R7.12",
        "R7.12/31",
        "令和2,4/1",
        "1,234",
        "1,234,567",
        "2,020,401",
        "12,31",
        "令和2,123,1",
        "令和7年4月1日から",
        "令和2年（2019年）5月1日",
        "25年4月1日",
        "あいう",
        "",
    ],
)
def test_not_dates(text: str) -> None:
    with pytest.raises(ValueError):
        to_date(text)


def test_impossible_date_message() -> None:
    with pytest.raises(ValueError, match="impossible date 2019-02-30"):
        to_date("平成31年2月30日")


def test_to_date_wrong_types() -> None:
    for bad in (None, 20250401, date(2025, 4, 1)):
        with pytest.raises(ValueError, match="expects str"):
            to_date(bad)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- find_fiscal_year


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("現状値 (R5)", 2023),
        ("現状値（Ｒ５）", 2023),
        ("現状値(R5)", 2023),
        ("目標値(R12)", 2030),
        ("目標値 (R12)", 2030),
        ("令和7年度事業実績", 2025),
        ("令和7年度 事業実績", 2025),
        ("R５年度 実績", 2023),
        ("目標値 R９年度 見込", 2027),
        ("R6見込", 2024),
        ("R5実績", 2023),
        ("2025年度", 2025),
        ("令和7年度（2025年度）", 2025),
        ("令和7（2025）年度事業実績", 2025),
        ("2025（令和7）年度 実績", 2025),
        ("H30年度", 2018),
        ("平成30年度決算", 2018),
        ("平成二十五年度事務事業評価", 2013),
        ("令和元年度実績", 2019),
        ("R元年度", 2019),
        ("R7", 2025),
        ("R.7", 2025),
        ("㋿7年度", 2025),
        ("FY2025", 2025),
        ("令和8年3月末現在", 2025),
        ("令和7年4月1日時点", 2025),
        ("R7～R12", 2025),
        ("平成32年度目標", 2020),
    ],
)
def test_find_fiscal_year(label: str, expected: int) -> None:
    assert find_fiscal_year(label) == expected


@pytest.mark.parametrize(
    "label",
    [
        "地域出前講座の実施",
        "年6回",
        "12月末",
        "第5期計画",
        "方針1-施策1",
        "2025",
        "1,234",
        "H2O",
        "100m2",
        "PR5",
        "R",
        "24年度決算",
        "",
        "実績値",
    ],
)
def test_find_fiscal_year_none(label: str) -> None:
    assert find_fiscal_year(label) is None


def test_find_fiscal_year_default_era() -> None:
    assert find_fiscal_year("24年度決算", default_era="平成") == 2012
    assert find_fiscal_year("24年度決算", default_era="H") == 2012
    assert find_fiscal_year("元年度", default_era="令和") == 2019
    assert find_fiscal_year("令和7年度", default_era="平成") == 2025  # printed era wins
    assert find_fiscal_year("年6回", default_era="平成") is None
    assert find_fiscal_year("2024年度", default_era="平成") == 2024
    with pytest.raises(ValueError, match="unknown era"):
        find_fiscal_year("24年度", default_era="慶応")


def test_find_fiscal_year_types() -> None:
    assert find_fiscal_year(None) is None  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="expects str"):
        find_fiscal_year(2025)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- format_era


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2025, "令和7年"),
        (2019, "令和元年"),
        (2018, "平成30年"),
        (1989, "平成元年"),
        (1988, "昭和63年"),
        (1926, "昭和元年"),
        (1912, "大正元年"),
        (1868, "明治元年"),
    ],
)
def test_format_era_years(year: int, expected: str) -> None:
    assert format_era(year) == expected


def test_format_era_options() -> None:
    assert format_era(2025, fiscal=True) == "令和7年度"
    assert format_era(2025, kanji=True) == "令和七年"
    assert format_era(2019, gannen=False) == "令和1年"
    assert format_era(date(2025, 12, 31), kanji=True) == "令和七年十二月三十一日"
    assert format_era(datetime(2019, 5, 1, 12, 0)) == "令和元年5月1日"
    with pytest.raises(ValueError, match="明治"):
        format_era(1867)
    with pytest.raises(ValueError, match="明治"):
        format_era(date(1868, 10, 22))
    with pytest.raises(ValueError, match="fiscal"):
        format_era(date(2025, 4, 1), fiscal=True)
    for bad in ("2025", 2025.0, True, None):
        with pytest.raises(ValueError, match="expects int or date"):
            format_era(bad)  # type: ignore[arg-type]


def test_eras_dataclasses_frozen() -> None:
    result = parse_era_year("R7")
    assert isinstance(result, EraYear)
    with pytest.raises(AttributeError):
        result.year = 2026  # type: ignore[misc]


# --------------------------------------------------------------------------- pathological


LONG_LABELS = [
    "令和" * 50_000,
    "R" * 100_000,
    "R1" * 50_000,
    "1" * 100_000 + "年度",
    "令和" + " " * 100_000 + "7年度",
    "1" + " " * 100_000,
    "一" * 100_000 + "年",
    "年度" * 50_000,
    "令和7年" * 20_000,
    "FY" * 50_000,
]


@pytest.mark.timeout(20)
@pytest.mark.parametrize("text", LONG_LABELS, ids=lambda t: f"{t[:6]!r}x{len(t)}")
def test_pathological_labels_terminate(text: str) -> None:
    """A guard against catastrophic backtracking, not a speed assertion."""
    result = find_fiscal_year(text, default_era="平成")
    assert result is None or isinstance(result, int)
    assert to_gregorian_year(text) is None or isinstance(to_gregorian_year(text), int)
    assert fiscal_year(text[:300]) is None or isinstance(fiscal_year(text[:300]), int)
    with pytest.raises(ValueError):
        to_date(text)
    for cut in (50, 120, 255):
        with contextlib.suppress(ValueError):
            to_date(text[:cut])
