"""The seed's plan in later report years (samples/years/, drawn by scripts/sample_render/years.py):
every rendering reads back as the JSON it was drawn from, and the years differ as designed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sheetparse
from conftest import SAMPLES, score

YEARS = SAMPLES / "years"
RENDERINGS = sorted(p for p in YEARS.iterdir() if p.suffix in (".html", ".xlsx"))


def _expected(stem: str) -> dict:
    return json.loads((YEARS / f"{stem}.expected.json").read_text(encoding="utf-8"))


def _first(sheet: dict, mid: str) -> dict:
    return next(m for m in sheet["measures"] if m["id"] == mid)["indicators"]


def test_the_set_is_complete():
    assert [p.name for p in RENDERINGS] == [
        "kashiwa-r8.html",
        "kashiwa-r8.xlsx",
        "kashiwa-r9.html",
        "kashiwa-r9.xlsx",
    ]


@pytest.mark.parametrize("path", RENDERINGS, ids=lambda p: p.name)
def test_rendering_reads_back_as_its_model(path: Path):
    sheet = sheetparse.parse(path)
    recall, precision, misses = score(
        json.loads(sheet.model_dump_json()), _expected(path.stem.split(".")[0])
    )
    assert recall == 1.0 and precision == 1.0, misses[:20]
    assert sheet.coverage.unplaced_chars == 0


def test_the_years_differ_as_designed():
    r7 = json.loads((SAMPLES / "kashiwa-r7.expected.json").read_text(encoding="utf-8"))
    r8, r9 = _expected("kashiwa-r8"), _expected("kashiwa-r9")
    assert [s["report_fiscal_year"] for s in (r7, r8, r9)] == [2025, 2026, 2027]

    def filled(sheet):
        return [
            o["fiscal_year"] for o in _first(sheet, "1-1")[0]["actuals"] if o["value"] is not None
        ]

    assert (filled(r7), filled(r8), filled(r9)) == ([2025], [2025, 2026], [2025, 2026, 2027])
    # the R8 figure of 1-1, revised in the R9 sheet
    assert _first(r8, "1-1")[0]["actuals"][1]["value"] == 41
    assert _first(r9, "1-1")[0]["actuals"][1]["value"] == 42
    assert _first(r8, "2-1")[0]["name"] == "「福祉の総合相談」の設置"
    assert _first(r9, "2-1")[0]["name"] == "「福祉の総合相談」の相談件数"
    assert [i["name"] for i in _first(r9, "3-1")] == [
        "フレイル予防の推進",
        "フレイルチェック参加者数",
    ]
    labels = {n["label"] for m in r9["measures"] for n in m["narratives"] if n["kind"] == "results"}
    assert labels == {"令和9年度事業実績"}
