"""Look-alike code points from PDF fonts → the characters printed, and nothing else changed."""

from __future__ import annotations

import unicodedata

import pytest

from sheetparse.glyphs import (
    LOOKALIKE_RANGES,
    PDF_PUNCTUATION,
    fix_lookalikes,
    has_lookalikes,
    lookalike_table,
    lookalikes_in,
)


@pytest.mark.parametrize(
    ("printed", "meant"),
    [
        ("⽅針1-施策1", "方針1-施策1"),  # U+2F45 KANGXI RADICAL SQUARE
        ("⾏政", "行政"),  # U+2F8F KANGXI RADICAL WALK ENCLOSURE
        ("⼦育て⽀援", "子育て支援"),  # U+2F26, U+2F40
        ("⻑期", "長期"),  # U+2ED1 CJK RADICAL LONG ONE (no decomposition)
        ("⺠生委員", "民生委員"),  # U+2EA0 CJK RADICAL CIVILIAN
        ("⻘少年", "青少年"),  # U+2ED8 CJK RADICAL BLUE
        ("神社", "神社"),  # U+FA19 compatibility ideograph
        ("全⼾", "全戸"),  # U+2F3E: the Japanese form, not NFKC's 戶
    ],
)
def test_lookalikes_map_to_the_printed_character(printed, meant):
    assert fix_lookalikes(printed) == meant
    assert not has_lookalikes(meant)


def test_everything_else_is_left_as_printed():
    text = (
        "令和７年度　ＡＢＣ①㈱ｶﾀｶﾅ～〜－―（Ｒ５）﨑"  # full-width, U+3000, circled, half-width kana
    )
    assert fix_lookalikes(text) == text
    assert unicodedata.normalize("NFKC", text) != text  # NFKC would have changed it


def test_unified_ideographs_in_the_compatibility_block_stay():
    # U+FA0E..U+FA29 hold twelve unified ideographs (﨑 U+FA11 is a real character)
    assert "\ufa11" not in "".join(lookalike_table().values())
    assert 0xFA11 not in lookalike_table()


def test_table_covers_every_kangxi_radical_and_targets_only_ideographs():
    table = lookalike_table()
    assert all(cp in table for cp in range(0x2F00, 0x2FD6))
    for cp, target in table.items():
        assert any(lo <= cp <= hi for lo, hi in LOOKALIKE_RANGES)
        assert len(target) == 1 and not has_lookalikes(target)
        assert "CJK" in unicodedata.name(target)


def test_radicals_without_an_equivalent_are_kept():
    assert fix_lookalikes("\u2e80\u2e9a") == "\u2e80\u2e9a"


def test_lookalikes_in_lists_what_would_change():
    assert lookalikes_in("⽅針と⻑期、方針") == ["⽅", "⻑"]


def test_pdf_punctuation_map_targets_japanese_punctuation():
    assert PDF_PUNCTUATION[0x2027] == "・"
    assert PDF_PUNCTUATION[0x2003] == "\u3000"
    for cp, target in PDF_PUNCTUATION.items():
        assert chr(cp) != target and len(target) == 1
