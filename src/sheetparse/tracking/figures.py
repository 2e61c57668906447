"""Are we on track? Progress figures per indicator (進捗状況), computed on request.

Nothing here changes a sheet: the figures are derived from its indicators (現状値 baseline,
実績値 actuals, 目標値 target) whenever someone asks, so a sheet's JSON stays exactly the
contract's. The formulas (README, "Progress per indicator"):

- latest (最新実績): the non-null actual with the latest fiscal year; forecasts (note 見込) and
  actuals without a year are not results and are left out;
- start (起点): the baseline where it has a value, else the earliest non-null actual of an
  earlier year than the latest;
- direction: the caller's override, else start → target where they differ, else a word of the
  indicator's name (:mod:`.direction`), else unknown;
- rate (達成率): (latest − start) / (target − start) where there is a start; without one,
  latest / target (higher is better or unknown) or target / latest (lower is better);
- expected (計画線): the straight line from start to target, at the latest's year;
- status: ``no-target``, ``no-data``, ``no-start``, ``zero-span`` (target equal to start),
  ``achieved``, ``undated`` (no year to draw the line: a prose target with no year and no
  measure period), ``on-track`` (at or beyond the line), ``behind``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from ..model import Indicator, Measure, Number, Observation, ProgressSheet
from .direction import Direction, DirectionSource, direction_from_name, family_words

#: every status, in the order summaries list them
STATUSES: tuple[str, ...] = (
    "achieved",
    "on-track",
    "behind",
    "undated",
    "zero-span",
    "no-start",
    "no-data",
    "no-target",
)
Status = Literal[
    "achieved", "on-track", "behind", "undated", "zero-span", "no-start", "no-data", "no-target"
]
StartRole = Literal["baseline", "actual"]

#: a caller's directions: by indicator name, or by (measure id, indicator name)
Directions = Mapping[str | tuple[str, str], Direction]


class IndicatorProgress(BaseModel):
    """The progress figures of one indicator (one row per indicator)."""

    model_config = ConfigDict(extra="forbid")

    measure_id: str
    indicator_index: int = Field(ge=0, description="0-based position of the indicator")
    name: str
    unit: str | None = None
    status: Status
    direction: Direction = Field(description="higher or lower is better, or unknown")
    direction_source: DirectionSource | None = Field(
        default=None, description="override, target (start → target), or vocabulary"
    )
    latest_year: int | None = Field(default=None, description="fiscal year of the latest actual")
    latest_value: Number | None = Field(default=None, description="the latest non-null actual")
    start_role: StartRole | None = Field(
        default=None, description="baseline (現状値) or the earliest earlier actual"
    )
    start_year: int | None = None
    start_value: Number | None = None
    target_year: int | None = Field(default=None, description="目標値's year; null in prose")
    target_value: Number | None = None
    deadline_year: int | None = Field(
        default=None, description="the target's year, else the measure's period end"
    )
    expected_value: float | None = Field(
        default=None, description="the straight line from start to target at latest_year"
    )
    rate: float | None = Field(default=None, description="達成率 (achievement rate), 1 = target")
    target_met: bool | None = Field(
        default=None, description="latest at or beyond the target in the direction"
    )


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _at_or_beyond(value: float, mark: float, direction: Direction) -> bool | None:
    """Whether ``value`` is at ``mark`` or past it the good way; None when the way is unknown
    (unless the two are equal)."""
    if _close(value, mark):
        return True
    if direction == "higher":
        return value > mark
    if direction == "lower":
        return value < mark
    return None


def is_forecast(o: Observation) -> bool:
    """An actual printed as a forecast (見込), not a result."""
    return "見込" in (o.note or "")


class _Point(NamedTuple):
    """A dated value: an observation reduced to what the formulas use."""

    year: int | None
    value: float
    number: Number


def _point(o: Observation | None) -> _Point | None:
    if o is None or o.value is None:
        return None
    return _Point(o.fiscal_year, float(o.value), o.value)


def _results(ind: Indicator) -> list[_Point]:
    """Non-null, dated, non-forecast actuals, oldest first (header order among equal years)."""
    points = [
        _Point(o.fiscal_year, float(o.value), o.value)
        for o in ind.actuals
        if o.value is not None and o.fiscal_year is not None and not is_forecast(o)
    ]
    return sorted(points, key=lambda p: p.year or 0)


def _override(directions: Directions | None, measure_id: str, name: str) -> Direction | None:
    if not directions:
        return None
    found = directions.get((measure_id, name), directions.get(name))
    return found if found in ("higher", "lower") else None


def _direction(
    start: _Point | None,
    target: _Point | None,
    override: Direction | None,
    said: Direction | None,
) -> tuple[Direction, DirectionSource | None]:
    """The caller's word, else start → target where they differ, else the name's."""
    if override is not None:
        return override, "override"
    if start is not None and target is not None and not _close(start.value, target.value):
        return ("higher" if target.value > start.value else "lower"), "target"
    if said is not None:
        return said, "vocabulary"
    return "unknown", None


def indicator_progress(
    ind: Indicator,
    *,
    measure_id: str = "",
    indicator_index: int = 0,
    period_end: int | None = None,
    words: Mapping[str, Sequence[str]] | None = None,
    directions: Directions | None = None,
) -> IndicatorProgress:
    """The progress figures of one indicator (``period_end``: its measure's 実施期間 end, the
    deadline of a target that names no year)."""
    results = _results(ind)
    latest = results[-1] if results else None
    target = _point(ind.target)
    start = _point(ind.baseline)
    start_role: StartRole | None = "baseline" if start is not None else None
    if start is None and latest is not None:
        earlier = [p for p in results if p.year is not None and p.year < (latest.year or 0)]
        if earlier:
            start, start_role = earlier[0], "actual"
    direction, source = _direction(
        start,
        target,
        _override(directions, measure_id, ind.name),
        direction_from_name(ind.name, words),
    )
    deadline = None
    if target is not None:
        deadline = target.year if target.year is not None else period_end
    out = IndicatorProgress(
        measure_id=measure_id,
        indicator_index=indicator_index,
        name=ind.name,
        unit=ind.unit,
        status="no-target",
        direction=direction,
        direction_source=source,
        latest_year=latest.year if latest else None,
        latest_value=latest.number if latest else None,
        start_role=start_role,
        start_year=start.year if start else None,
        start_value=start.number if start else None,
        target_year=target.year if target else None,
        target_value=target.number if target else None,
        deadline_year=deadline,
    )
    if target is None:
        return out
    if latest is None:
        out.status = "no-data"
        return out
    lv, tv = latest.value, target.value
    out.target_met = _at_or_beyond(lv, tv, direction)
    if start is None:
        out.status = "no-start"
        if direction == "lower":
            out.rate = tv / lv if lv else None
        else:
            out.rate = lv / tv if tv else None
        return out
    sv = start.value
    if _close(sv, tv):
        out.status = "zero-span"
        return out
    out.rate = (lv - sv) / (tv - sv)
    if start.year is not None and deadline is not None and latest.year is not None:
        span = deadline - start.year
        share = 1.0 if span <= 0 else min(1.0, max(0.0, (latest.year - start.year) / span))
        out.expected_value = sv + (tv - sv) * share
    if out.target_met:
        out.status = "achieved"
    elif out.expected_value is None:
        out.status = "undated"
    elif _at_or_beyond(lv, out.expected_value, direction):
        out.status = "on-track"
    else:
        out.status = "behind"
    return out


def progress(
    sheet: ProgressSheet,
    *,
    words: Mapping[str, Sequence[str]] | None = None,
    directions: Directions | None = None,
) -> list[IndicatorProgress]:
    """Progress figures for every indicator of ``sheet``, in document order.

    ``words`` is the direction vocabulary ({"lower": [...], "higher": [...]}; by default the
    sheet family's profile's, :func:`.direction.family_words`); ``directions``
    sets the direction of indicators the data does not decide, by name or by
    ``(measure_id, name)``.
    """
    if words is None:
        words = family_words(sheet.family)
    return [
        measure_progress_one(m, i, ind, words=words, directions=directions)
        for m in sheet.measures
        for i, ind in enumerate(m.indicators)
    ]


def measure_progress_one(
    m: Measure,
    index: int,
    ind: Indicator,
    *,
    words: Mapping[str, Sequence[str]] | None = None,
    directions: Directions | None = None,
) -> IndicatorProgress:
    """One indicator of a measure (the measure gives its id and its period's end)."""
    return indicator_progress(
        ind,
        measure_id=m.id,
        indicator_index=index,
        period_end=m.period.end if m.period else None,
        words=words,
        directions=directions,
    )


def summary(figures: Sequence[IndicatorProgress]) -> dict[str, int]:
    """How many indicators have each status, every status listed (0 where none)."""
    counts = Counter(f.status for f in figures)
    return {s: counts.get(s, 0) for s in STATUSES}


__all__ = [
    "STATUSES",
    "Directions",
    "IndicatorProgress",
    "Status",
    "indicator_progress",
    "measure_progress_one",
    "progress",
    "summary",
]
