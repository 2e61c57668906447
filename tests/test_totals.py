"""Printed totals that must add up (structure/totals.py): hand-made rows of a money grid and
a form written here, each mismatch an info diagnostic and nothing changed."""

from __future__ import annotations

import re

import sheetparse
from sheetparse.families.registry import TotalRule
from sheetparse.model import Cost
from sheetparse.structure.totals import CostRow, grid_totals, subunit_totals


def _row(label: str, groups: tuple[str, ...], *values: float | None, part: bool = False):
    r = CostRow(label, groups, part)
    for year, v in zip((2022, 2023), values, strict=False):
        r.costs[(year, "settlement")] = Cost(
            label=label, fiscal_year=year, kind="settlement", value=v, raw=str(v), unit="千円"
        )
    return r


def _rule(row=None, of=None, minus=False, breakdown=False, subunits=None):
    c = re.compile
    return TotalRule(
        row=c(row) if row else None,
        of=of,
        of_pattern=c(of) if of and of != "group" else None,
        minus=minus,
        breakdown=breakdown,
        subunits=c(subunits) if subunits else None,
    )


KOBE_RULES = (
    _rule(row="合計.*", of="group"),
    _rule(row=".*差引.*一般財源.*", minus=True),
    _rule(of=r"\(内訳\)", breakdown=True),
)


def _kobe(total_a: float, general: float, other: float) -> list[CostRow]:
    """コスト (人件費, 物件費 broken down in （内訳）, 合計（A）), 収入 (合計), 一般財源."""
    cost, rev = ("コスト",), ("収入",)
    return [
        _row("人件費", cost, 100, 90),
        _row("物件費", cost, 50, 60),
        _row("委託料", (*cost, "（内訳）"), 20, 20),
        _row("その他物件費", (*cost, "（内訳）"), other, 40),
        _row("合計（A）", cost, total_a, 150),
        _row("使用料", rev, 30, 30),
        _row("合計", rev, 30, 30),
        _row("（差引）一般財源（B）", (), general, 120),
    ]


def test_totals_that_add_up_give_nothing():
    assert grid_totals(_kobe(150, 120, 30), KOBE_RULES) == []


def test_each_kind_of_mismatch_is_reported_once():
    diags = grid_totals(_kobe(151, 125, 31), KOBE_RULES)
    assert [d.code for d in diags] == ["total-mismatch"] * 3
    text = " ".join(d.message for d in diags)
    assert (
        "合計（A） (2022, settlement) is printed as 151 but the rows of コスト add up to 150"
        in text
    )
    assert (
        "（差引）一般財源（B） (2022, settlement) is printed as 125 but 合計（A） less 合計 is 121"
        in text
    )
    assert "物件費 (2022, settlement) is printed as 50 but its （内訳） add up to 51" in text


def test_a_part_of_a_row_and_a_total_printed_as_a_dash_are_not_added():
    funds = ("財源",)
    rows = [
        _row("事業費A", (), 100, None),
        _row("その他", funds, 100, 80),
        _row("うち受益者負担B", funds, 40, 40, part=True),
        _row("一般財源", funds, 0, 20),
    ]
    assert grid_totals(rows, (_rule(row="事業費A", of="財源"),)) == []
    rows[0].costs[(2022, "settlement")] = (
        rows[0].costs[(2022, "settlement")].model_copy(update={"value": 140})
    )
    (d,) = grid_totals(rows, (_rule(row="事業費A", of="財源"),))
    assert "140" in d.message and "100" in d.message


def test_a_project_and_its_sub_projects():
    from sheetparse.model import Measure

    def m(mid, label, v, parent=None):
        cost = Cost(label=label, fiscal_year=2024, kind="settlement", value=v, raw=str(v))
        return Measure(id=mid, title=mid, parent=parent, costs=[cost])

    rule = (_rule(row="事業費", subunits="細事業費"),)
    ok = [m("1", "事業費", 300), m("1.1", "細事業費", 100, "1"), m("1.2", "細事業費", 200, "1")]
    assert subunit_totals(ok, rule) == []
    off = [m("1", "事業費", 301), *ok[1:]]
    (d,) = subunit_totals(off, rule)
    assert "301" in d.message and "300" in d.message and "rounding" in d.message


def test_a_form_whose_total_is_off_by_a_typo():
    from test_families import FORM

    bad = FORM.replace(
        "<td>1,300</td><td>1,400</td><td>-</td>", "<td>1,390</td><td>1,400</td><td>-</td>"
    )
    sheet = sheetparse.parse(bad.encode(), format="html")
    (d,) = [d for d in sheet.diagnostics if d.code == "total-mismatch"]
    assert "1,390" in d.message and "1,300" in d.message  # 0 + 1,300
    assert sheet.measures[0].costs[1].value == 1390  # reported, not changed
    good = sheetparse.parse(FORM.encode(), format="html")
    assert not [d for d in good.diagnostics if d.code == "total-mismatch"]
