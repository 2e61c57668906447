"""The same plan in later report years: the seed's sheet (令和7年度) as the city would publish it
for 令和8 and 令和9, one more 実績 column filled each year.

A plan (第5期, 令和7–12年度) publishes a sheet every year; each repeats the indicator table with
the next 実績 column filled, and may revise an earlier year's figure or rename an indicator.
:func:`later_sheet` draws such a sheet from the seed's expected JSON and a :class:`YearEdit`;
the result is both the expected JSON of the new sample and what the renderers print, so the
samples of several years are generated from one model, not read back by sheetparse.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from .sheet import Json

_ERA_RESULTS = re.compile(r"^令和\d+年度事業実績$")


@dataclass(frozen=True)
class YearEdit:
    """What changes in the sheet of one report year, against the year before."""

    #: the fiscal year the sheet reports on (令和8年度 → 2026)
    year: int
    #: measure id → {fiscal year: cell text} for the measure's first indicator
    actuals: dict[str, dict[int, str]]
    #: (measure id, old name) → new name
    renames: dict[tuple[str, str], str] = field(default_factory=dict)
    #: measure id → indicators added at the end of its table
    added: dict[str, list[Json]] = field(default_factory=dict)
    #: the CMS page's 更新日
    updated: str = ""


def reiwa(year: int) -> str:
    """2026 → ``令和8年度``."""
    return f"令和{year - 2018}年度"


def value_of(raw: str) -> int | float | None:
    """The number a cell prints (``1,041`` → 1041, ``57.2`` → 57.2, ``""``/``-`` → None)."""
    text = raw.replace(",", "")
    if not text or text in "-—－―":
        return None
    number = float(text)
    return int(number) if number.is_integer() else number


def _set_actual(ind: Json, year: int, raw: str) -> None:
    for o in ind["actuals"]:
        if o["fiscal_year"] == year:
            o["raw"], o["value"] = raw, value_of(raw)
            return
    raise ValueError(f"{ind['name']}: no actual column for {year}")


def later_sheet(previous: Json, edit: YearEdit) -> Json:
    """The sheet of ``edit.year``, drawn from the sheet of the year before."""
    sheet = copy.deepcopy(previous)
    sheet["report_fiscal_year"] = edit.year
    sheet["diagnostics"] = []
    for m in sheet["measures"]:
        for year, raw in edit.actuals.get(m["id"], {}).items():
            _set_actual(m["indicators"][0], year, raw)
        for ind in m["indicators"]:
            ind["name"] = edit.renames.get((m["id"], ind["name"]), ind["name"])
        m["indicators"] += copy.deepcopy(edit.added.get(m["id"], []))
        for n in m["narratives"]:
            if n["kind"] == "results" and _ERA_RESULTS.match(n["label"]):
                n["label"], n["fiscal_year"] = f"{reiwa(edit.year)}事業実績", edit.year
    return sheet


def _obs(year: int, raw: str) -> Json:
    return {"fiscal_year": year, "value": value_of(raw), "raw": raw}


#: an indicator 令和9年度's sheet adds to 方針3-施策1 (counted from 令和9)
FRAIL_CHECK: Json = {
    "name": "フレイルチェック参加者数",
    "unit": None,
    "baseline": _obs(2023, "-"),
    "actuals": [_obs(y, "1,250" if y == 2027 else "") for y in range(2025, 2031)],
    "target": _obs(2030, "3,000"),
}

#: 令和8年度: the R8 column filled for every measure
R8 = YearEdit(
    year=2026,
    updated="2027年3月31日",
    actuals={
        "1-1": {2026: "41"},
        "1-2": {2026: "305"},
        "1-3": {2026: "25"},
        "2-1": {2026: "720"},
        "2-2": {2026: "5,610"},
        "2-3": {2026: "112,400"},
        "3-1": {2026: "13,480"},
        "3-2": {2026: "531"},
        "3-3": {2026: "22"},
        "3-4": {2026: "18"},
        "4-1": {2026: "38.6"},
        "4-2": {2026: "1,041"},
        "4-3": {2026: "74"},
        "4-4": {2026: "1,010"},
    },
)

#: 令和9年度: the R9 column filled, the R8 figure of 1-1 revised (41 → 42), an indicator of
#: 2-1 renamed, one added to 3-1
R9 = YearEdit(
    year=2027,
    updated="2028年3月31日",
    actuals={
        "1-1": {2026: "42", 2027: "47"},
        "1-2": {2027: "298"},
        "1-3": {2027: "27"},
        "2-1": {2027: "860"},
        "2-2": {2027: "6,480"},
        "2-3": {2027: "128,930"},
        "3-1": {2027: "16,020"},
        "3-2": {2027: "539"},
        "3-3": {2027: "24"},
        "3-4": {2027: "22"},
        "4-1": {2027: "57.2"},
        "4-2": {2027: "1,058"},
        "4-3": {2027: "81"},
        "4-4": {2027: "1,122"},
    },
    renames={("2-1", "「福祉の総合相談」の設置"): "「福祉の総合相談」の相談件数"},
    added={"3-1": [FRAIL_CHECK]},
)

#: the later report years of the seed's plan, in order
KASHIWA_YEARS: tuple[YearEdit, ...] = (R8, R9)


def kashiwa_years(seed: Json) -> list[tuple[YearEdit, Json]]:
    """The seed's plan in every later report year, in order: (edit, sheet)."""
    out: list[tuple[YearEdit, Json]] = []
    sheet = seed
    for edit in KASHIWA_YEARS:
        sheet = later_sheet(sheet, edit)
        out.append((edit, sheet))
    return out
