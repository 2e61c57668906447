"""Progress figures per indicator (sheetparse.progress) against hand-computed expectations.

Every expected figure below was worked out by hand from the values in the test (or, for the
seed, from samples/kashiwa-r7.expected.json) and is written as the arithmetic that gives it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sheetparse
from conftest import SAMPLES
from sheetparse.model import Indicator, Measure, Observation, Period, ProgressSheet, Source
from sheetparse.tracking import DIRECTION_WORDS, direction_from_name, indicator_progress, summary

Cell = tuple[int | None, float | int | None] | tuple[int | None, float | int | None, str]


def obs(cell: Cell | None) -> Observation | None:
    """(year, value[, raw]) → an Observation; a value None prints as "" unless raw says."""
    if cell is None:
        return None
    year, value, *raw = cell
    text = raw[0] if raw else ("" if value is None else str(value))
    note = "見込" if text.endswith("見込") else None
    return Observation(fiscal_year=year, value=value, raw=text, note=note)


def make(
    baseline: Cell | None,
    actuals: list[Cell],
    target: Cell | None,
    name: str = "指標",
) -> Indicator:
    return Indicator(
        name=name,
        baseline=obs(baseline),
        actuals=[obs(a) for a in actuals],
        target=obs(target),
    )


def fig(ind: Indicator, **kw):
    return indicator_progress(ind, measure_id="1-1", **kw)


# --- each status, by hand --------------------------------------------------------------------


def test_achieved():
    f = fig(make((2023, 889), [(2025, 1026), (2026, None)], (2030, 916)))
    assert f.status == "achieved" and f.target_met is True
    assert f.direction == "higher" and f.direction_source == "target"
    assert f.rate == pytest.approx((1026 - 889) / (916 - 889))  # 137/27 = 5.074
    assert (f.latest_year, f.latest_value, f.start_role, f.start_value) == (
        2025,
        1026,
        "baseline",
        889,
    )


def test_on_track():
    f = fig(make((2023, 498), [(2025, 522)], (2030, 547)))
    assert f.status == "on-track" and f.target_met is False
    assert f.expected_value == pytest.approx(498 + 49 * 2 / 7)  # 512
    assert f.rate == pytest.approx(24 / 49)


def test_exactly_on_the_line_is_on_track():
    # 100 → 200 over 2023..2033: at 2025 the line is at 100 + 100 * 2/10 = 120
    f = fig(make((2023, 100), [(2025, 120)], (2033, 200)))
    assert f.expected_value == pytest.approx(120)
    assert f.status == "on-track" and f.rate == pytest.approx(0.2)


def test_behind():
    f = fig(make((2023, 39), [(2025, 36), (2026, None)], (2030, 51)))
    assert f.status == "behind" and f.target_met is False
    assert f.rate == pytest.approx(-3 / 12)
    assert f.expected_value == pytest.approx(39 + 12 * 2 / 7)  # 42.43


def test_no_target():
    assert fig(make((2023, 10), [(2025, 12)], None)).status == "no-target"
    f = fig(make((2023, 10), [(2025, 12)], (2030, None, "-")))
    assert f.status == "no-target" and f.rate is None and f.target_value is None


def test_no_data():
    f = fig(make((2023, 10), [(2025, None), (2026, None, "-")], (2030, 20)))
    assert f.status == "no-data" and f.latest_value is None and f.rate is None
    # a forecast (見込) is not a result
    f = fig(make((2023, 10), [(2025, 15, "15見込")], (2030, 20)))
    assert f.status == "no-data"


def test_no_start_gives_latest_over_target():
    f = fig(make((2023, None, "-"), [(2025, 310), (2026, None)], (2030, 300), "社会参加支援事業"))
    assert f.status == "no-start" and f.start_value is None and f.start_role is None
    assert f.rate == pytest.approx(310 / 300)
    # the data does not say which way, nor does the name: unknown, so no verdict on the target
    assert f.direction == "unknown" and f.target_met is None and f.expected_value is None


def test_no_start_lower_is_better_by_name_gives_target_over_latest():
    f = fig(make(None, [(2025, 800)], (2030, 600), "ごみ排出量の削減"))
    assert f.status == "no-start"
    assert (f.direction, f.direction_source) == ("lower", "vocabulary")
    assert f.rate == pytest.approx(600 / 800) and f.target_met is False


def test_zero_span():
    f = fig(make((2023, 100), [(2025, 98)], (2030, 100), "利用率"))
    assert f.status == "zero-span" and f.rate is None
    assert f.direction == "unknown" and f.target_met is None
    # the caller says higher is better: 98 is short of 100
    f = fig(make((2023, 100), [(2025, 98)], (2030, 100), "利用率"), directions={"利用率": "higher"})
    assert f.status == "zero-span" and f.target_met is False and f.direction_source == "override"
    # at the target it is met whichever way
    f = fig(make((2023, 100), [(2025, 100)], (2030, 100)))
    assert f.status == "zero-span" and f.target_met is True


def test_undated_prose_target():
    f = fig(make((2023, 100), [(2025, 120)], (None, 200, "200件")))
    assert f.status == "undated" and f.deadline_year is None and f.expected_value is None
    assert f.rate == pytest.approx(20 / 100)
    # the measure's period (実施期間) ends 2027: the line at 2025 is 100 + 100 * 2/4 = 150
    f = fig(make((2023, 100), [(2025, 120)], (None, 200, "200件")), period_end=2027)
    assert f.deadline_year == 2027 and f.expected_value == pytest.approx(150)
    assert f.status == "behind"
    # met is met, with or without a year
    assert fig(make((2023, 100), [(2025, 210)], (None, 200, "200件"))).status == "achieved"


def test_period_end_comes_from_the_measure():
    ind = make((2023, 100), [(2025, 160)], (None, 200, "200件"))
    sheet = _sheet(
        [Measure(id="1", title="事業", indicators=[ind], period=Period(start=2023, end=2027))]
    )
    (f,) = sheetparse.progress(sheet)
    assert f.deadline_year == 2027 and f.status == "on-track"  # 160 ≥ 150


# --- a decreasing target ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latest", "status", "rate"),
    [
        # 1000 → 600 over 2023..2030; the line at 2025: 1000 − 400 * 2/7 = 885.71
        (900, "behind", (900 - 1000) / (600 - 1000)),  # 0.25, above the line
        (850, "on-track", (850 - 1000) / (600 - 1000)),  # 0.375, below it
        (600, "achieved", 1.0),
        (550, "achieved", (550 - 1000) / (600 - 1000)),  # 1.125
        (1100, "behind", (1100 - 1000) / (600 - 1000)),  # −0.25: the wrong way
    ],
)
def test_decreasing_target(latest, status, rate):
    f = fig(make((2023, 1000), [(2025, latest)], (2030, 600), "待機時間"))
    assert (f.direction, f.direction_source) == ("lower", "target")
    assert f.status == status and f.rate == pytest.approx(rate)
    assert f.expected_value == pytest.approx(1000 - 400 * 2 / 7)


# --- 0 values and - cells --------------------------------------------------------------------


def test_zero_is_a_value():
    # baseline 0 is a start point; 0 → 10, at 2025 the line is 10 * 2/7 = 2.857
    f = fig(make((2023, 0), [(2025, 3)], (2030, 10)))
    assert f.start_value == 0 and f.rate == pytest.approx(0.3) and f.status == "on-track"
    # a target of 0 (no accidents): 5 → 0 reached
    f = fig(make((2023, 5), [(2025, 0)], (2030, 0), "事故件数"))
    assert f.direction == "lower" and f.status == "achieved" and f.rate == pytest.approx(1.0)
    # latest 0 is a result, not a blank
    f = fig(make((2023, 4), [(2025, 0), (2026, None)], (2030, 8)))
    assert f.latest_value == 0 and f.latest_year == 2025 and f.rate == pytest.approx(-4 / 4)


def test_zero_without_a_start_has_no_rate():
    f = fig(make(None, [(2025, 2)], (2030, 0)))  # latest / 0
    assert f.status == "no-start" and f.rate is None
    f = fig(make(None, [(2025, 0)], (2030, 10), "ごみ排出量の削減"))  # target / 0
    assert f.status == "no-start" and f.rate is None and f.target_met is True


def test_dash_cells_are_no_value():
    # baseline "-": the earliest earlier actual is the start; 10 → 30 over 2025..2030,
    # the line at 2026 is 10 + 20 * 1/5 = 14
    f = fig(make((2023, None, "-"), [(2025, 10), (2026, 14), (2027, None, "－")], (2030, 30)))
    assert (f.start_role, f.start_year, f.start_value) == ("actual", 2025, 10)
    assert (f.latest_year, f.latest_value) == (2026, 14)
    assert f.rate == pytest.approx(4 / 20) and f.expected_value == pytest.approx(14)
    assert f.status == "on-track"
    # a "-" between two results is skipped: 2025 = 10, 2027 = 12
    f = fig(make((2023, None, "—"), [(2025, 10), (2026, None, "-"), (2027, 12)], (2030, 30)))
    assert (f.start_year, f.latest_year, f.rate) == (2025, 2027, pytest.approx(2 / 20))


def test_latest_past_the_target_year_is_held_to_the_target():
    f = fig(make((2023, 0), [(2031, 5)], (2030, 10)))
    assert f.expected_value == pytest.approx(10) and f.status == "behind"


# --- direction --------------------------------------------------------------------------------


def test_the_caller_decides_before_the_data():
    # 社会参加支援事業 of the seed's plan: no baseline, and the first 実績 (310) already past the
    # target (300), so start → target reads "lower"; the caller knows the count should grow
    ind = make((2023, None, "-"), [(2025, 310), (2026, 305)], (2030, 300), "社会参加支援事業")
    f = fig(ind)
    assert (f.direction, f.direction_source, f.status) == ("lower", "target", "on-track")
    f = fig(ind, directions={"社会参加支援事業": "higher"})
    assert (f.direction, f.direction_source) == ("higher", "override")
    assert f.status == "achieved" and f.rate == pytest.approx((305 - 310) / (300 - 310))


def test_override_by_measure_and_name():
    ind = make(None, [(2025, 80)], (2030, 60), "相談件数")
    assert fig(ind).direction == "unknown"
    f = fig(ind, directions={("1-1", "相談件数"): "lower", "相談件数": "higher"})
    assert (f.direction, f.direction_source, f.rate) == (
        "lower",
        "override",
        pytest.approx(60 / 80),
    )
    assert fig(ind, directions={("2-1", "相談件数"): "lower"}).direction == "unknown"


def test_vocabulary():
    assert direction_from_name("温室効果ガス排出量の削減") == "lower"
    assert direction_from_name("市民満足度の向上") == "higher"
    assert direction_from_name("地域出前講座の実施") is None
    assert direction_from_name("医療費の抑制と健診受診率の向上") is None  # both ways: unknown
    assert "削減" in DIRECTION_WORDS["lower"]
    mine = {"lower": ("待機児童",), "higher": ()}
    f = fig(make((2023, 0), [(2025, 3)], (2030, 0), "待機児童数"), words=mine)
    assert f.status == "zero-span" and f.direction == "lower" and f.target_met is False


# --- the seed, every indicator -----------------------------------------------------------------

# From samples/kashiwa-r7.expected.json, by hand: baseline (現状値 R5 = 2023), the one actual
# (R7 = 2025), target (R12 = 2030). The line at 2025 is start + (target − start) * 2/7.
SEED = [
    # measure, status, start, latest, target, rate, expected
    ("1-1", "behind", 39, 36, 51, -3 / 12, 39 + 12 * 2 / 7),
    ("1-2", "no-start", None, 310, 300, 310 / 300, None),  # baseline "-"
    ("1-3", "no-start", None, 23, 15, 23 / 15, None),  # baseline "—"
    ("2-1", "behind", 904, 590, 1100, -314 / 196, 904 + 196 * 2 / 7),
    ("2-2", "behind", 5928, 4933, 9000, -995 / 3072, 5928 + 3072 * 2 / 7),
    ("2-3", "behind", 129651, 95715, 135482, -33936 / 5831, 129651 + 5831 * 2 / 7),
    ("3-1", "no-start", None, 10220, 24000, 10220 / 24000, None),  # baseline "—"
    ("3-2", "on-track", 498, 522, 547, 24 / 49, 498 + 49 * 2 / 7),
    ("3-3", "on-track", 11, 21, 24, 10 / 13, 11 + 13 * 2 / 7),
    ("3-4", "no-start", None, 13, 42, 13 / 42, None),  # baseline "-"
    ("4-1", "behind", 0.5, 21.4, 100, 20.9 / 99.5, 0.5 + 99.5 * 2 / 7),
    ("4-2", "achieved", 889, 1026, 916, 137 / 27, 889 + 27 * 2 / 7),
    ("4-3", "behind", 69, 70, 97, 1 / 28, 69 + 28 * 2 / 7),
    ("4-4", "behind", 1077, 932, 1360, -145 / 283, 1077 + 283 * 2 / 7),
]


def _check_seed(figures):
    assert [(f.measure_id, f.indicator_index) for f in figures] == [(m, 0) for m, *_ in SEED]
    for f, (mid, status, start, latest, target, rate, expected) in zip(figures, SEED, strict=True):
        where = f"{mid} {f.name}"
        assert f.status == status, where
        assert f.start_value == start and f.latest_value == latest, where
        assert f.target_value == target and f.target_year == 2030, where
        assert f.latest_year == 2025, where
        assert f.start_year == (2023 if start is not None else None), where
        assert f.rate == pytest.approx(rate), where
        if expected is None:
            assert f.expected_value is None, where
        else:
            assert f.expected_value == pytest.approx(expected), where
        assert f.direction == ("higher" if start is not None else "unknown"), where


def test_every_indicator_of_the_seed(seed_sheet):
    figures = sheetparse.progress(seed_sheet)
    _check_seed(figures)
    assert summary(figures) == {
        "achieved": 1,
        "on-track": 2,
        "behind": 7,
        "undated": 0,
        "zero-span": 0,
        "no-start": 4,
        "no-data": 0,
        "no-target": 0,
    }


def test_the_seed_from_its_version_1_json(seed_gold):
    sheet = ProgressSheet.model_validate_json(json.dumps(seed_gold))
    assert sheet.schema_version == "1.0"
    _check_seed(sheetparse.progress(sheet))


def test_progress_leaves_the_sheet_json_as_it_was(seed_sheet):
    before = seed_sheet.model_dump_json()
    sheetparse.progress(seed_sheet)
    assert seed_sheet.model_dump_json() == before
    assert '"status"' not in before and '"rate"' not in before


def _sheet(measures: list[Measure]) -> ProgressSheet:
    return ProgressSheet(
        source=Source(path=None, sha256="0" * 64, format="markdown"), measures=measures
    )


def test_every_sample_sheet_gets_figures():
    for path in sorted(SAMPLES.glob("*.expected.json")):
        sheet = ProgressSheet.model_validate_json(Path(path).read_text(encoding="utf-8"))
        figures = sheetparse.progress(sheet)
        assert len(figures) == sum(len(m.indicators) for m in sheet.measures), path.name


def test_the_direction_words_are_the_profiles():
    """The shared words are common.toml's [vocabulary.direction] (read here with tomllib); a
    sheet's progress takes its own family's words."""
    import tomllib

    from sheetparse.tracking import family_words, progress
    from sheetparse.tracking import figures as figures_module

    common = Path(sheetparse.__file__).parent / "families" / "common.toml"
    words = tomllib.loads(common.read_text(encoding="utf-8"))["vocabulary"]["direction"]
    assert dict(family_words()) == {k: tuple(v) for k, v in words.items()}
    assert family_words("target-setting-sheet") == family_words()  # it brings none of its own

    ind = make((2023, 5), [(2025, 5)], (2030, 5), "待機児童数")  # zero span: words decide
    sheet = ProgressSheet(
        source=Source(sha256="0" * 64, format="pdf"),
        family="target-setting-sheet",
        measures=[Measure(id="1", title="保育", indicators=[ind])],
    )
    assert progress(sheet)[0].direction == "unknown"
    asked: list[str | None] = []

    def words_of(family: str | None):
        asked.append(family)
        return {"lower": ("待機児童",)}

    figures_module.family_words, saved = words_of, figures_module.family_words
    try:
        assert progress(sheet)[0].direction == "lower"
    finally:
        figures_module.family_words = saved
    assert asked == ["target-setting-sheet"]
