"""Consistency diagnostics and coverage accounting (nothing lost, everything traceable)."""

from __future__ import annotations

import sheetparse


def by_code(sheet, code):
    return [d for d in sheet.diagnostics if d.code == code]


def test_seed_narrative_value_mismatch(seed_sheet):
    found = by_code(seed_sheet, "narrative-value-mismatch")
    assert len(found) == 1
    d = found[0]
    assert d.level == "info"
    assert "95,725" in d.message and "95,715" in d.message and "2-3" in d.message
    assert "95,725人" in d.text
    assert d.location.line == 186  # the 令和7年度事業実績 row of measure 2-3


def test_seed_duplicate_indicator(seed_sheet):
    found = by_code(seed_sheet, "duplicate-indicator")
    assert [(d.text, d.location.line) for d in found] == [("社会参加支援事業", 89)]
    assert "1-2" in found[0].message and "1-3" in found[0].message


def test_seed_targets_met(seed_sheet):
    # 4-2: 889 → 1026 against a target of 916 (upward); 1-2: 310 ≥ 300 and 1-3: 23 ≥ 15 with
    # no baseline printed (taken as upward, and said so)
    found = {d.message.split(":")[0]: d for d in by_code(seed_sheet, "target-met")}
    assert sorted(found) == ["Measure 1-2", "Measure 1-3", "Measure 4-2"]
    assert "baseline 889" in found["Measure 4-2"].message
    assert "no baseline" in found["Measure 1-2"].message


def test_seed_has_no_gaps_and_every_measure_has_both(seed_sheet):
    for code in ("fiscal-year-gap", "measure-without-indicator", "measure-without-narrative"):
        assert by_code(seed_sheet, code) == []


SHEET = """\
第5期計画 進捗シート

方針1-施策1 一つ目

| 事業名 | 現状値(R5) | 実績値 | | | 目標値(R12) |
|---|---|---|---|---|---|
| | | R7 | R9 | R9 | |
| 待機児童数 | 100 | 60 | 45 | 40 | 50 |

方針1-施策2 二つ目

(基本施策2の方向性)

本文のみ。
"""


def test_gap_repeat_downward_target_and_missing_parts():
    s = sheetparse.parse_text(SHEET)
    gaps = by_code(s, "fiscal-year-gap")
    assert len(gaps) == 1 and "jumps from FY2025 to FY2027" in gaps[0].message
    met = by_code(s, "target-met")
    # downward target: 100 → 50; 60 is not met, 45 (FY2027) is
    assert len(met) == 1 and "reached 45 in FY2027" in met[0].message
    assert [d.message for d in by_code(s, "measure-without-narrative")] == [
        "Measure 1-1 has no narrative text."
    ]
    assert [d.message for d in by_code(s, "measure-without-indicator")] == [
        "Measure 1-2 has no indicator table."
    ]


def test_repeated_year_is_a_gap():
    s = sheetparse.parse_text(SHEET.replace("| | | R7 | R9 | R9 |", "| | | R7 | R8 | R8 |"))
    gaps = by_code(s, "fiscal-year-gap")
    assert len(gaps) == 1 and "repeats FY2026" in gaps[0].message


def test_injected_unknown_paragraph_and_table_come_back_unplaced(seed_path):
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    # after the first approach table of measure 1-1 (ends at line 34), before 方針1-施策2
    injected = [
        "",
        "※本シートの数値は速報値であり、今後変更となる場合があります。",
        "",
        "| 区分 | 予算額 | 決算額 |",
        "|---|---|---|",
        "| 人件費 | 1,200 | 1,180 |",
        "",
    ]
    text = "\n".join(lines[:35] + injected + lines[35:])
    s = sheetparse.parse_text(text)
    unplaced = by_code(s, "unplaced-block")
    assert [(d.text, d.location.line) for d in unplaced] == [
        ("※本シートの数値は速報値であり、今後変更となる場合があります。", 37),
        ("区分 | 予算額 | 決算額\n人件費 | 1,200 | 1,180", 39),
    ]
    assert s.coverage.unplaced_chars == len(
        "※本シートの数値は速報値であり、今後変更となる場合があります。"
    ) + len("区分予算額決算額人件費1,2001,180")
    # everything else is still read exactly
    assert len(s.measures) == 14


def test_coverage_adds_up(seed_sheet):
    c = seed_sheet.coverage
    assert c.source_chars == c.placed_chars + c.structure_chars + c.skipped_chars + c.unplaced_chars
    # the seed's characters outside markup, counted independently of the ledger
    import re

    from conftest import SAMPLES

    text = (SAMPLES / "kashiwa-r7.md").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"^\s*\|?[\s:|-]+\|?\s*$", "", text, flags=re.M)  # separator rows
    assert c.source_chars == len(re.sub(r"[\s|]", "", text))
