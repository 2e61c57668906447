"""sheetparse compare: report years of one plan as series, with what changed between them.

The three-year set is the seed (令和7) and samples/years/ (令和8, 令和9), whose differences are
known by construction (scripts/sample_render/years.py): the R8 figure of 1-1 revised 41 → 42,
2-1's indicator renamed, an indicator added to 3-1.
"""

from __future__ import annotations

import csv
import json

import pytest

import sheetparse
from conftest import SAMPLES
from sheetparse import cli
from sheetparse.model import Indicator, Measure, Observation, ProgressSheet, Source
from sheetparse.tracking.compare import NotComparable, compare
from sheetparse.tracking.inputs import load_sheet

R7, R8, R9 = (
    SAMPLES / "kashiwa-r7.html",
    SAMPLES / "years" / "kashiwa-r8.xlsx",
    SAMPLES / "years" / "kashiwa-r9.html",
)
JSONS = (
    SAMPLES / "kashiwa-r7.expected.json",
    SAMPLES / "years" / "kashiwa-r8.expected.json",
    SAMPLES / "years" / "kashiwa-r9.expected.json",
)


@pytest.fixture(scope="module")
def three_years():
    # given out of order: compare sorts by report year
    return compare([(str(p), sheetparse.parse(p)) for p in (R9, R7, R8)])


def _kinds(c):
    return [
        (ch.kind, ch.measure_id, ch.before_report_fiscal_year, ch.after_report_fiscal_year)
        for ch in c.changes
    ]


def test_reports_in_year_order(three_years):
    assert [(r.year, r.name) for r in three_years.reports] == [
        (2025, str(R7)),
        (2026, str(R8)),
        (2027, str(R9)),
    ]


def test_the_known_changes_and_nothing_else(three_years):
    assert _kinds(three_years) == [
        ("value-revised", "1-1", 2026, 2027),
        ("indicator-renamed", "2-1", 2026, 2027),
        ("indicator-added", "3-1", 2026, 2027),
    ]
    revised, renamed, added = three_years.changes
    assert (revised.role, revised.fiscal_year, revised.value_before, revised.value_after) == (
        "actual",
        2026,
        41,
        42,
    )
    assert (revised.before, revised.after) == ("41", "42")
    assert (renamed.before, renamed.after) == (
        "「福祉の総合相談」の設置",
        "「福祉の総合相談」の相談件数",
    )
    assert added.after == "フレイルチェック参加者数"


def test_one_series_per_indicator_across_renames(three_years):
    assert len(three_years.members) == 15  # 14 indicators + 1 added in 令和9
    renamed = "2-1/「福祉の総合相談」の設置"
    assert set(three_years.members[renamed]) == {0, 1, 2}
    names = {r.report: r.name for r in three_years.series if r.series == renamed}
    assert names == {
        0: "「福祉の総合相談」の設置",
        1: "「福祉の総合相談」の設置",
        2: "「福祉の総合相談」の相談件数",
    }
    assert set(three_years.members["3-1/フレイルチェック参加者数"]) == {2}


def test_series_rows_are_tidy_with_the_revision_flagged(three_years):
    rows = [
        (r.report_fiscal_year, r.fiscal_year, r.value, r.previous_value, r.revised)
        for r in three_years.series
        if r.series == "1-1/地域出前講座の実施" and r.role == "actual" and r.fiscal_year <= 2027
    ]
    assert rows == [
        (2025, 2025, 36, None, False),
        (2025, 2026, None, None, False),
        (2025, 2027, None, None, False),
        (2026, 2025, 36, 36, False),
        (2026, 2026, 41, None, False),
        (2026, 2027, None, None, False),
        (2027, 2025, 36, 36, False),
        (2027, 2026, 42, 41, True),
        (2027, 2027, 47, None, False),
    ]
    assert sum(r.revised for r in three_years.series) == 1
    # each row says where it was printed: HTML line or XLSX cell
    r8 = [r for r in three_years.series if r.report == 1]
    assert all(r.sheet and r.cell for r in r8)
    assert all(r.line for r in three_years.series if r.report in (0, 2))
    # baseline, 6 actuals and the target for every indicator in every report
    assert len(three_years.series) == 8 * (14 + 14 + 15)


def test_json_outputs_of_version_1_compare_the_same(three_years):
    sheets = [load_sheet(p) for p in JSONS]
    assert {s.schema_version for s in sheets} == {"1.0"}
    again = compare([(str(p), s) for p, s in zip(JSONS, sheets, strict=True)])
    assert _kinds(again) == _kinds(three_years)
    assert [(r.series, r.role, r.fiscal_year, r.value, r.revised) for r in again.series] == [
        (r.series, r.role, r.fiscal_year, r.value, r.revised) for r in three_years.series
    ]


# --- synthetic cases --------------------------------------------------------------------------


def _o(year, value, raw=None, note=None):
    raw = raw if raw is not None else ("" if value is None else str(value))
    return Observation(fiscal_year=year, value=value, raw=raw, note=note)


def _ind(name, actuals, baseline=(2023, 10), target=(2030, 50)):
    return Indicator(
        name=name,
        baseline=_o(*baseline) if baseline else None,
        actuals=[_o(*a) for a in actuals],
        target=_o(*target) if target else None,
    )


def _sheet(year, measures, *, family="progress-sheet", term=5):
    return ProgressSheet(
        source=Source(sha256=f"{year:064d}", format="markdown"),
        report_fiscal_year=year,
        plan_term=term,
        family=family,
        measures=[Measure(id=mid, title=title, indicators=inds) for mid, title, inds in measures],
    )


def test_measures_added_vanished_retitled_and_indicators_vanished():
    a = _sheet(
        2025,
        [
            ("1-1", "見守り", [_ind("訪問件数", [(2025, 12)]), _ind("講座回数", [(2025, 3)])]),
            ("1-2", "居場所", [_ind("サロン数", [(2025, 5)])]),
        ],
    )
    b = _sheet(
        2026,
        [
            ("1-1", "見守りの充実", [_ind("訪問件数", [(2025, 12), (2026, 14)])]),
            ("2-1", "相談", [_ind("相談件数", [(2026, 40)])]),
        ],
    )
    c = compare([("a", a), ("b", b)])
    assert [(ch.kind, ch.measure_id, ch.before, ch.after) for ch in c.changes] == [
        ("measure-vanished", "1-2", "居場所", None),
        ("measure-retitled", "1-1", "見守り", "見守りの充実"),
        ("indicator-vanished", "1-1", "講座回数", None),
        ("measure-added", "2-1", None, "相談"),
    ]


def test_rename_by_shared_figures_and_unrelated_names_not_paired():
    a = _sheet(
        2025,
        [("1-1", "t", [_ind("ボランティア登録者数", [(2025, 120)], (2023, 100), (2030, 200))])],
    )
    # a different wording, but baseline, target and the R7 figure printed alike: renamed
    b = _sheet(
        2026,
        [
            (
                "1-1",
                "t",
                [_ind("支え手の人数", [(2025, 120), (2026, 130)], (2023, 100), (2030, 200))],
            )
        ],
    )
    c = compare([("a", a), ("b", b)])
    assert [(ch.kind, ch.before, ch.after) for ch in c.changes] == [
        ("indicator-renamed", "ボランティア登録者数", "支え手の人数")
    ]
    # nothing alike: one vanished, one added
    d = _sheet(2026, [("1-1", "t", [_ind("満足度", [(2026, 70)], (2023, 60), (2030, 80))])])
    c = compare([("a", a), ("d", d)])
    assert [ch.kind for ch in c.changes] == ["indicator-vanished", "indicator-added"]


def test_what_is_and_is_not_a_revision():
    a = _sheet(
        2025,
        [
            (
                "1-1",
                "t",
                [
                    _ind(
                        "件数", [(2025, 1026, "1026"), (2026, 1100, "1,100見込", "見込"), (2027, 5)]
                    )
                ],
            )
        ],
    )
    b = _sheet(
        2026,
        [
            (
                "1-1",
                "t",
                [
                    _ind(
                        "件数",
                        [(2025, 1026, "1,026"), (2026, 1080, "1,080", "見込"), (2027, None, "")],
                    )
                ],
            )
        ],
    )
    c = compare([("a", a), ("b", b)])
    # "1026" → "1,026" is the same figure; a forecast (見込) moving is not a revision;
    # a figure left blank is (value_after null)
    assert [(ch.kind, ch.fiscal_year, ch.value_before, ch.value_after) for ch in c.changes] == [
        ("value-revised", 2027, 5, None)
    ]


def test_not_comparable():
    a = _sheet(2025, [])
    with pytest.raises(NotComparable, match="different plans"):
        compare([("a", a), ("b", _sheet(2026, [], term=4))])
    with pytest.raises(NotComparable, match="different families"):
        compare([("a", a), ("b", _sheet(2026, [], family="project-evaluation"))])


# --- the command ------------------------------------------------------------------------------


def test_cli_summary(capsys):
    assert cli.main(["compare", *map(str, (R9, R8, R7))]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"3 reports: FY2025 {R7}, FY2026 {R8}, FY2027 {R9}"
    assert out[1] == "15 indicator series, 3 changes:"
    assert out[2] == "  FY2026→FY2027  1-1  actual FY2026 revised: 41 → 42 (地域出前講座の実施)"


def test_cli_tables(tmp_path):
    out = tmp_path / "cmp"
    assert cli.main(["compare", *map(str, JSONS), "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "changes.csv",
        "changes.jsonl",
        "series.csv",
        "series.jsonl",
    ]
    with (out / "changes.csv").open(encoding="utf-8", newline="") as f:
        changes = list(csv.DictReader(f))
    assert [c["kind"] for c in changes] == ["value-revised", "indicator-renamed", "indicator-added"]
    series = [json.loads(x) for x in (out / "series.jsonl").read_text().splitlines()]
    assert [s["value"] for s in series if s["revised"]] == [42]


def test_cli_errors(tmp_path, capsys):
    assert cli.main(["compare", str(R7)]) == 2
    out = tmp_path / "never"
    assert cli.main(["compare", str(R7), str(tmp_path / "missing.html"), "-o", str(out)]) == 1
    assert not out.exists()
    assert cli.main(["compare", str(R7), str(SAMPLES / "minatono-h30.html")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-1].startswith("sheetparse: error: the sheets belong to different plans")
