"""parse_number, is_no_value, kanji_to_int and to_kanji against hand-written expectations."""

from __future__ import annotations

import dataclasses
import math

import pytest

from sheetparse.ja import (
    MAX_TEXT_LENGTH,
    JaInputError,
    JaNumber,
    is_no_value,
    kanji_to_int,
    parse_number,
    split_note,
    to_kanji,
)


def value(text: str) -> int | float | None:
    result = parse_number(text)
    assert result is not None, f"{text!r} was not read"
    return result.value


# --------------------------------------------------------------------------- cells on sheets


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("39", 39),
        ("1,100", 1100),
        ("5,928", 5928),
        ("95,715", 95715),
        ("129,651", 129651),
        ("1026", 1026),
        ("0", 0),
        ("0.5", 0.5),
        ("21.4", 21.4),
        ("１，２３４", 1234),
        ("１２３", 123),
        ("  42  ", 42),
        ("\u300042\u3000", 42),
        ("1、000", 1000),
        ("12，345．5", 12345.5),
        ("000023", 23),
    ],
)
def test_plain_cells(text: str, expected: int | float) -> None:
    result = parse_number(text)
    assert result is not None
    assert result.value == expected
    assert type(result.value) is type(expected)
    assert result.raw == text
    assert result.unit is None and result.ratio is None
    assert result.approximate is False and result.qualifier is None


def test_integral_decimal_is_int() -> None:
    result = parse_number("10.0人")
    assert result is not None
    assert result.value == 10 and type(result.value) is int
    assert result.unit == "人"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("△989,200", -989200),
        ("▲500", -500),
        ("△1,234", -1234),
        ("▼12", -12),
        ("－５", -5),
        ("−1,234", -1234),
        ("-0.25", -0.25),
        ("マイナス 五十", -50),
        ("マイナス五十", -50),
        ("+7", 7),
    ],
)
def test_negatives(text: str, expected: int | float) -> None:
    assert value(text) == expected


@pytest.mark.parametrize("text", ["▲図1 市民の声", "▲ 3つの視点", "▲", "△", "▲写真"])
def test_caption_triangle_is_not_a_number(text: str) -> None:
    assert parse_number(text) is None


def test_percent() -> None:
    result = parse_number("45％")
    assert result == JaNumber(45, 0.45, False, "％", None, "45％")
    half = parse_number("0.5%")
    assert half is not None and half.value == 0.5 and half.ratio == 0.005 and half.unit == "％"
    assert parse_number("100パーセント") == JaNumber(100, 1.0, False, "％", None, "100パーセント")
    neg = parse_number("▲3.5%")
    assert neg is not None and neg.value == -3.5 and neg.ratio == -0.035


@pytest.mark.parametrize(
    ("text", "val", "unit", "ratio"),
    [
        ("3割", 3, "割", 0.3),
        ("2割3分4厘", 2.34, "割", 0.234),
        ("二分五厘", 2.5, "分", 0.025),
        ("5厘", 5, "厘", 0.005),
        ("10割", 10, "割", 1.0),
        ("三割五分", 3.5, "割", 0.35),
    ],
)
def test_wari_bu_rin(text: str, val: float, unit: str, ratio: float) -> None:
    result = parse_number(text)
    assert result is not None
    assert math.isclose(result.value, val)
    assert result.unit == unit
    assert result.ratio is not None and math.isclose(result.ratio, ratio)


@pytest.mark.parametrize("text", ["3分2割", "2割3割", "2割15分", "2割3.5分", "十分"])
def test_wari_malformed(text: str) -> None:
    assert parse_number(text) is None


# --------------------------------------------------------------------------- kanji numerals


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("〇", 0),
        ("零", 0),
        ("一", 1),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("百", 100),
        ("一百", 100),
        ("千", 1000),
        ("一千", 1000),
        ("千二百", 1200),
        ("二千二十五", 2025),
        ("一万", 10000),
        ("万", None),
        ("千万", 10_000_000),
        ("一千万", 10_000_000),
        ("一億千万", 110_000_000),
        ("十億", 1_000_000_000),
        ("九千九百九十九京九千九百九十九兆", 99_999_999_000_000_000_000),
        ("二〇二五", 2025),
        ("二○二五", 2025),
        ("一〇", 10),
        ("千〇十", 1010),
        ("二千〇五十", 2050),
        ("六百〇八", 608),
        # Chinese style: one 零 for the places skipped after a large unit
        ("一万零二十", 10020),
        ("五万零三百", 50300),
        ("一万〇二十", 10020),
        ("十万零二", 100002),
        ("一億零五百万", 105_000_000),
        ("一千零二十", 1020),
        ("壱萬弐阡参佰四拾伍", 12345),
        ("廿", 20),
        ("卅五", 35),
        ("皕", 200),
        ("八十", 80),
    ],
)
def test_kanji(text: str, expected: int | None) -> None:
    result = parse_number(text)
    if expected is None:
        assert result is None
    else:
        assert result is not None and result.value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1万2千", 12000),
        ("2,500万", 25_000_000),
        ("3.5億", 350_000_000),
        ("1億2,345万6,789", 123_456_789),
        ("12万3456", 123456),
        ("１２万３，４５６", 123456),
        ("0.5万", 5000),
        ("1.25万", 12500),
        ("1.23456万", 12345.6),
        ("5千", 5000),
        ("3兆5億", 3_000_500_000_000),
    ],
)
def test_mixed(text: str, expected: int | float) -> None:
    assert value(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "十十",
        "百百",
        "千千",
        "三十二十",
        "二十三十",
        "十百",
        "六七百",
        "三五十",
        "一〇百",
        "〇百",
        "千〇百",
        "〇千〇百〇十",
        "一万零二千",  # no place skipped: 零 would be a zero coefficient
        "一万零零二十",
        "零二十",
        "一万〇千",
        "1万0万",
        "万万",
        "億万億",
        "一万一万",
        "四万三億",
        "1万10千",
        "1万10000",
        "1千1000",
        "1千20百",
        "十一二",
        "1兆20000億",
        "一二三百",
        "0千",
        "〇万",
        "1二",
        "1,0000",
        "1,00",
        "12,34",
        "1.2.3",
        "3、5",
        ".5",
        "1.",
        "一.五",
        "十数件",  # ten-odd: no one number (not 10 of a unit 数件)
        "二十数名",
        "10数人",
        "十数",
    ],
)
def test_not_one_number(text: str) -> None:
    assert parse_number(text) is None


# --------------------------------------------------------------------------- qualifiers, units


def test_qualifiers_recorded() -> None:
    r = parse_number("約2千人")
    assert r == JaNumber(2000, None, True, "人", "約", "約2千人", qualifiers=("約",))
    r = parse_number("100人以上")
    assert r is not None and r.value == 100 and r.unit == "人"
    assert r.qualifier == "以上" and r.approximate is False and r.qualifiers == ("以上",)
    r = parse_number("約100人以上")
    assert r is not None and r.qualifier == "以上" and r.approximate is True
    assert r.qualifiers == ("約", "以上")
    r = parse_number("およそ50件")
    assert r is not None and r.value == 50 and r.approximate and r.qualifier == "およそ"
    r = parse_number("概ね8割")
    assert r is not None and r.ratio == 0.8 and r.approximate
    r = parse_number("30人程度")
    assert r is not None and r.value == 30 and r.approximate and r.qualifier == "程度"
    r = parse_number("5未満")
    assert r is not None and r.value == 5 and r.qualifier == "未満"
    r = parse_number("1万人超")
    assert r is not None and r.value == 10000 and r.unit == "人" and r.qualifier == "超"
    r = parse_number("10以下")
    assert r is not None and r.value == 10 and r.qualifier == "以下"
    r = parse_number("延べ1,200人")
    assert r is not None and r.value == 1200 and r.qualifier == "延べ" and not r.approximate
    r = parse_number("百余人")
    assert r is not None and r.value == 100 and r.unit == "人" and r.approximate
    r = parse_number("累計 56件")
    assert r is not None and (r.value, r.unit, r.qualifier) == (56, "件", "累計")
    r = parse_number("計1,234人")
    assert r is not None and (r.value, r.unit, r.qualifier) == (1234, "人", "計")


@pytest.mark.parametrize(
    "text, value, unit, qualifiers",
    [
        ("1,234※", 1234, None, ("※",)),
        ("1,234 ※2", 1234, None, ("※2",)),
        ("７８＊", 78, None, ("*",)),
        ("約100人※1", 100, "人", ("約", "※1")),
        ("45％※", 45, "％", ("※",)),
    ],
)
def test_a_footnote_mark_after_the_number_is_kept_as_a_qualifier(text, value, unit, qualifiers):
    r = parse_number(text)
    assert r is not None and (r.value, r.unit, r.qualifiers) == (value, unit, qualifiers)


@pytest.mark.parametrize(
    "text, unit", [("1,234（人）", "人"), ("56 (件)", "件"), ("7(か所)", "か所")]
)
def test_a_known_unit_in_brackets(text, unit):
    r = parse_number(text)
    assert r is not None and r.unit == unit


@pytest.mark.parametrize("text", ["100(見込)", "12件（累計）", "※10", "－※", "※"])
def test_brackets_and_marks_that_are_not_a_unit_or_a_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,320（見込）", ("1,320", "見込")),
        ("875(見込み)", ("875", "見込み")),
        ("1,320\u3000（見込）", ("1,320", "見込")),
        ("１，３２０（見込）", ("１，３２０", "見込")),
        ("12件【累計】", ("12件", "累計")),
        ("約150〔推計〕", ("約150", "推計")),
        ("1,234 ※暫定", ("1,234", "※暫定")),
        ("56※2", ("56", "※2")),
        ("1,234（人）", None),  # a unit in brackets, read by parse_number
        ("326,800（0）", ("326,800", "0")),  # a sub-amount: the caller decides
        ("1,320()", None),
        ("（見込）", None),
        ("1,320(見込", None),
        ("1,320", None),
        ("", None),
    ],
)
def test_split_note(text: str, expected: tuple[str, str] | None) -> None:
    assert split_note(text) == expected
    if expected is not None and expected[0][-1].isdigit():
        assert parse_number(expected[0]) is not None


@pytest.mark.parametrize(
    ("text", "val", "unit"),
    [
        ("5件", 5, "件"),
        ("12回", 12, "回"),
        ("300円", 300, "円"),
        ("1,234千円", 1_234_000, "円"),
        ("3万円", 30000, "円"),
        ("3箇所", 3, "箇所"),
        ("3カ所", 3, "カ所"),
        ("3か所", 3, "か所"),
        ("3ヶ所", 3, "ヶ所"),
        ("120世帯", 120, "世帯"),
        ("8団体", 8, "団体"),
        ("2校", 2, "校"),
        ("1.5倍", 1.5, "倍"),
        ("100 人", 100, "人"),
        ("1億2500万光年", 125_000_000, "光年"),
        ("50㎡", 50, "㎡"),
        ("3か月", 3, "か月"),
        ("¥1,000", 1000, "円"),
    ],
)
def test_units(text: str, val: int | float, unit: str) -> None:
    r = parse_number(text)
    assert r is not None and r.value == val and r.unit == unit


@pytest.mark.parametrize(
    "text",
    [
        "326,800（0）",
        "326,800(0)",
        "100(見込)",
        "12月末",
        "3年度",
        "令和7年度",
        "R7",
        "第5期",
        "地域出前講座の実施",
        "年6回",
        "三あ八",
        "千2e1",
        "1e5",
        "3つ",
        "見込",
        "※1",
        "○",
        "済",
        "約",
        "以上",
        "2021-07-18",
        "3-5-7",
        "١٢٣",
        "1٢3",
        "𝟏𝟐",
        "१२",
    ],
)
def test_text_that_is_not_a_number(text: str) -> None:
    assert parse_number(text) is None


# --------------------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("3～5", 3, 5, None),
        ("3〜5", 3, 5, None),
        ("3~5", 3, 5, None),
        ("3-5", 3, 5, None),
        ("3－5", 3, 5, None),
        ("3–5", 3, 5, None),
        ("3から5", 3, 5, None),
        ("3～5人", 3, 5, "人"),
        ("3人～5人", 3, 5, "人"),
        ("10～20%", 10, 20, "％"),
        ("1万～2万", 10000, 20000, None),
        ("-5～-3", -5, -3, None),
        ("0.5-1.5", 0.5, 1.5, None),
    ],
)
def test_ranges(text: str, low: float, high: float, unit: str | None) -> None:
    r = parse_number(text)
    assert r is not None
    assert r.value is None and r.is_range
    assert (r.low, r.high, r.unit) == (low, high, unit)


def test_range_qualifiers_and_rejects() -> None:
    r = parse_number("約3～5人")
    assert r is not None and r.approximate and (r.low, r.high) == (3, 5)
    assert parse_number("5～3") is None
    assert parse_number("3人～5件") is None
    assert parse_number("3～") is None
    single = parse_number("5")
    assert single is not None and not single.is_range and single.low is None


# --------------------------------------------------------------------------- no value


@pytest.mark.parametrize(
    "text", ["-", "－", "―", "—", "‐", "–", "ー", " - ", "\u3000―\u3000", "――", "ｰ", "−"]
)
def test_dashes_are_no_value(text: str) -> None:
    assert is_no_value(text) is True
    assert parse_number(text) is None


@pytest.mark.parametrize("text", ["", " ", "0", "5", "-5", "ーー ー", "データ", "なし", "・"])
def test_not_dashes(text: str) -> None:
    assert is_no_value(text) is False


def test_is_no_value_wrong_type() -> None:
    assert is_no_value(None) is False  # type: ignore[arg-type]
    assert is_no_value(5) is False  # type: ignore[arg-type]


# --------------------------------------------------------------------------- JaNumber, types


def test_janumber_is_frozen_with_slots() -> None:
    r = parse_number("5")
    assert r is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.value = 6  # type: ignore[misc]
    assert not hasattr(r, "__dict__")
    assert r == JaNumber(5, None, False, None, None, "5")
    assert hash(r) == hash(JaNumber(5, None, False, None, None, "5"))


def test_wrong_types() -> None:
    assert parse_number(None) is None  # type: ignore[arg-type]
    for bad in (5, 5.0, b"5", ["5"], True):
        with pytest.raises(ValueError, match="expects str"):
            parse_number(bad)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            parse_number(bad)  # type: ignore[arg-type]
    assert issubclass(JaInputError, ValueError)


def test_over_long_text_is_none() -> None:
    assert parse_number("1" * 10_000) is None
    assert parse_number("1" * (MAX_TEXT_LENGTH + 1)) is None
    assert parse_number("1" * 100) is not None
    assert kanji_to_int("一" * 10_000) is None


def test_large_values_are_exact() -> None:
    assert value("9007199254740993") == 9007199254740993
    assert value("99999999999999999999") == 99999999999999999999
    assert value("1京") == 10**16


# --------------------------------------------------------------------------- kanji_to_int / to_kanji


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二〇二五", 2025),
        ("三十一", 31),
        ("元", None),
        ("12", 12),
        ("１２", 12),
        ("肆", 4),
        ("廿四", 24),
        ("-1", None),
        ("1.5", None),
        ("5人", None),
        ("", None),
    ],
)
def test_kanji_to_int(text: str, expected: int | None) -> None:
    assert kanji_to_int(text) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "〇"),
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (100, "百"),
        (1000, "千"),
        (1010, "千十"),
        (10000, "一万"),
        (12345, "一万二千三百四十五"),
        (10_000_000, "千万"),
        (100_010_001, "一億一万一"),
        (10**16, "一京"),
        (-50, "マイナス五十"),
    ],
)
def test_to_kanji(n: int, expected: str) -> None:
    assert to_kanji(n) == expected


def test_to_kanji_styles() -> None:
    assert to_kanji(2025, positional=True) == "二〇二五"
    assert to_kanji(110, daiji=True) == "壱百壱拾"
    assert to_kanji(23, daiji=True) == "弐拾参"
    assert to_kanji(10**20 - 1).startswith("九千九百九十九京")


def test_to_kanji_rejects() -> None:
    with pytest.raises(ValueError, match="10\\^20"):
        to_kanji(10**20)
    for bad in (1.5, "5", None, True):
        with pytest.raises(ValueError, match="expects int"):
            to_kanji(bad)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- pathological input


PATHOLOGICAL = [
    "1" * 10_000,
    "一" * 10_000,
    "1," * 5_000,
    "万" * 10_000,
    "~" * 10_000,
    "-" * 10_000,
    "1-" * 5_000,
    "約" * 10_000,
    "1 " * 5_000,
    "1万 " * 80,
    "1" * 120 + "a",
    "一二三四五六七八九〇" * 25,
    "1,000" * 50,
    "1~" * 120,
    "1-" * 120 + "x",
    "約" * 120 + "1",
    "1" + "以上" * 100,
    "１ａ２ｂ３ｃ一二三ＡＢＣ漢字かなカナ" * 5,
    "\x00\ud7ff\U0001f600" * 50,
]


@pytest.mark.timeout(10)
@pytest.mark.parametrize("text", PATHOLOGICAL, ids=lambda t: f"{t[:12]!r}x{len(t)}")
def test_pathological_inputs_terminate(text: str) -> None:
    """A guard against catastrophic backtracking, not a speed assertion."""
    for _ in range(20):
        result = parse_number(text)
        assert result is None or isinstance(result, JaNumber)
        assert isinstance(is_no_value(text), bool)
        assert kanji_to_int(text) is None or isinstance(kanji_to_int(text), int)
