"""Property tests (hypothesis): round trips for numbers and eras, and total functions.

Example counts are bounded so CI can afford them (see ``EXAMPLES``).
"""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sheetparse.ja import (
    ERAS,
    JaNumber,
    era_of,
    find_fiscal_year,
    fiscal_year,
    format_era,
    is_no_value,
    parse_date,
    parse_number,
    to_date,
    to_gregorian_year,
    to_kanji,
)

EXAMPLES = 300
FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")

below_1e20 = st.integers(min_value=0, max_value=10**20 - 1)
# Bias towards the shapes kanji numerals find hard: zeros inside groups, round numbers.
sparse = st.builds(
    lambda digits: int("".join(digits)) if digits else 0,
    st.lists(st.sampled_from("0000000123456789"), min_size=1, max_size=20),
)
numbers = st.one_of(below_1e20, sparse, st.integers(min_value=0, max_value=100_000))


# --------------------------------------------------------------------------- numbers


@settings(max_examples=EXAMPLES)
@given(numbers)
@example(0)
@example(10)
@example(10**16)
@example(10**20 - 1)
@example(100_010_001)
def test_kanji_round_trip(n: int) -> None:
    for style in ({}, {"daiji": True}, {"positional": True}):
        text = to_kanji(n, **style)
        result = parse_number(text)
        assert result is not None, text
        assert result.value == n, (style, text)


@settings(max_examples=EXAMPLES)
@given(numbers)
def test_digit_forms_round_trip(n: int) -> None:
    for text in (str(n), f"{n:,}", f"{n:,}".translate(FULL_WIDTH), f"{n:,}".replace(",", "、")):
        result = parse_number(text)
        assert result is not None and result.value == n, text


@settings(max_examples=EXAMPLES)
@given(st.integers(min_value=1, max_value=10**20 - 1))
def test_mixed_forms_round_trip(n: int) -> None:
    """Digits grouped under 万/億/兆/京, as tables print 1億2,345万6,789."""
    groups: list[str] = []
    rest = n
    for unit, size in (("京", 10**16), ("兆", 10**12), ("億", 10**8), ("万", 10**4)):
        group, rest = divmod(rest, size)
        if group:
            groups.append(f"{group:,}{unit}")
    if rest:
        groups.append(f"{rest:,}")
    text = "".join(groups)
    result = parse_number(text)
    assert result is not None and result.value == n, text


def _chinese_style(n: int) -> str:
    """Kanji numerals with 零 for skipped places (一万零二十), as Chinese-style text writes them."""
    if n == 0:
        return "零"
    digits = "零一二三四五六七八九"
    out, started, skipped = "", False, False
    for unit, size in (("京", 10**16), ("兆", 10**12), ("億", 10**8), ("万", 10**4), ("", 1)):
        group, n = divmod(n, size)
        if not group:
            skipped = skipped or started
            continue
        if started and (skipped or group < 1000):
            out += "零"
        text, wrote, gap = "", False, False
        for mult, place in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d, group = divmod(group, place)
            if not d:
                gap = gap or wrote
                continue
            text += ("零" if gap else "") + digits[d] + mult
            wrote, gap = True, False
        out += text + unit
        started, skipped = True, False
    return out


@settings(max_examples=EXAMPLES)
@given(numbers)
@example(10020)
@example(50300)
@example(100_050_000)
@example(10**16 + 5)
def test_chinese_style_zero_round_trip(n: int) -> None:
    text = _chinese_style(n)
    result = parse_number(text)
    assert result is not None and result.value == n, text


@settings(max_examples=EXAMPLES)
@given(numbers)
def test_grouped_numbers_are_not_dates(n: int) -> None:
    """1,234 style numbers stay numbers: a comma-separated date has a 1-2 digit month and day."""
    text = f"{n:,}"
    with pytest.raises(ValueError):
        parse_date(text)
    assert fiscal_year(text) is None


@settings(max_examples=EXAMPLES)
@given(st.dates(min_value=date(1873, 1, 1), max_value=date(2200, 12, 31)))
def test_comma_dates_are_not_numbers(day: date) -> None:
    era = era_of(day)
    assert era is not None
    n = day.year - era.start.year + 1
    for text in (f"{era.name}{n},{day.month},{day.day}", f"{day.year},{day.month},{day.day}"):
        assert parse_date(text).date == day, text
        assert parse_number(text) is None, text


@settings(max_examples=EXAMPLES)
@given(
    st.integers(min_value=0, max_value=10**12),
    st.integers(min_value=0, max_value=999),
    st.sampled_from(["", "△", "▲", "-"]),
)
def test_decimals_and_negatives(whole: int, frac: int, sign: str) -> None:
    text = f"{sign}{whole:,}.{frac:03d}"
    expected = Fraction(whole * 1000 + frac, 1000) * (-1 if sign else 1)
    result = parse_number(text)
    assert result is not None
    assert result.value == (int(expected) if expected.denominator == 1 else float(expected))


@settings(max_examples=EXAMPLES)
@given(st.integers(min_value=0, max_value=100_000), st.sampled_from(["%", "％"]))
def test_percent_ratio(n: int, sign: str) -> None:
    result = parse_number(f"{n}{sign}")
    assert result is not None
    assert result.value == n and result.unit == "％"
    assert result.ratio == float(Fraction(n, 100))


@settings(max_examples=EXAMPLES)
@given(st.text(max_size=40))
@example("1万0万")
@example("▲")
@example("〇千")
def test_parse_number_is_total(text: str) -> None:
    """Any text gives a JaNumber or None; never an exception."""
    result = parse_number(text)
    assert result is None or isinstance(result, JaNumber)
    if result is not None:
        assert (result.value is None) == result.is_range
    assert isinstance(is_no_value(text), bool)


@settings(max_examples=EXAMPLES)
@given(
    st.text(alphabet="0123456789,.一二三四五六七八九〇十百千万億兆京△▲-~約人%割分厘 ", max_size=20)
)
def test_numeral_soup_is_total(text: str) -> None:
    """Dense random numeral text: still total, and ranges are ordered."""
    result = parse_number(text)
    if result is not None and result.is_range:
        assert result.low is not None and result.high is not None
        assert result.low <= result.high


# --------------------------------------------------------------------------- eras

FIRST = ERAS[0].start
boundary_days = [
    day + timedelta(days=delta)
    for era in ERAS
    for day in (era.start, era.end)
    if day is not None
    for delta in (-1, 0, 1)
    if day + timedelta(days=delta) >= FIRST
]


def _with_boundaries(test):  # type: ignore[no-untyped-def]
    for day in boundary_days:
        test = example(day)(test)
    return test


@settings(max_examples=EXAMPLES)
@given(st.dates(min_value=FIRST, max_value=date(2200, 12, 31)))
@_with_boundaries
def test_date_round_trip(day: date) -> None:
    for kanji in (False, True):
        text = format_era(day, kanji=kanji)
        parsed = parse_date(text)
        assert parsed.date == day, text
        assert parsed.out_of_era is False, text
        era = era_of(day)
        assert era is not None and parsed.era == era.name
        assert to_date(text) == day
    assert fiscal_year(format_era(day)) == (day.year if day.month >= 4 else day.year - 1)


@settings(max_examples=EXAMPLES)
@given(st.integers(min_value=1868, max_value=2300))
@example(1868)
@example(1912)
@example(1926)
@example(1989)
@example(2019)
def test_year_round_trip(year: int) -> None:
    for kwargs in ({}, {"kanji": True}, {"gannen": False}):
        assert to_gregorian_year(format_era(year, **kwargs)) == year
        assert fiscal_year(format_era(year, fiscal=True, **kwargs)) == year
    assert find_fiscal_year(format_era(year, fiscal=True) + "事業実績") == year


@settings(max_examples=EXAMPLES)
@given(
    st.sampled_from(list(ERAS)),
    st.integers(min_value=1, max_value=99),
    st.sampled_from(["年度", "年", ""]),
)
def test_era_years_are_arithmetic(era, n: int, suffix: str) -> None:  # type: ignore[no-untyped-def]
    """Every era year resolves to start year + n - 1, in the era or out of it."""
    expected = era.start.year + n - 1
    for text in (f"{era.name}{n}{suffix}", f"{era.letter}{n}{suffix}"):
        assert to_gregorian_year(text) == expected, text
    if suffix == "年度":
        assert find_fiscal_year(f"目標値 {era.letter}{n}年度 見込") == expected


@settings(max_examples=EXAMPLES)
@given(st.text(max_size=60))
def test_year_functions_are_total(text: str) -> None:
    for func in (to_gregorian_year, fiscal_year, find_fiscal_year):
        result = func(text)
        assert result is None or isinstance(result, int)
    with contextlib.suppress(ValueError):
        to_date(text)
