"""Several report years of one plan side by side (経年比較): one series per indicator.

A plan publishes a sheet every year (第5期: 令和7 … 令和12), each repeating the indicator table
with one more 実績 column filled. :func:`compare` lines the sheets up by report year and joins
their indicators by measure id and indicator name into series, and reports what changed between
one sheet and the next: measures and indicators added or vanished, an indicator renamed (the
same measure, a name that differs but looks alike or keeps its figures), a measure retitled, and
a figure printed again for the same fiscal year with another value (a revised 実績, 修正).

Output is tidy: ``series`` (one row per observation per report, with the series it belongs to
and the value the previous report printed for the same cell) and ``changes`` (one row per
change).
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..errors import SheetParseError
from ..model import Indicator, Location, Number, Observation, ProgressSheet
from ..textutil import strip_ws
from .figures import is_forecast

Role = Literal["baseline", "actual", "plan", "target"]
ChangeKind = Literal[
    "measure-added",
    "measure-vanished",
    "measure-retitled",
    "indicator-added",
    "indicator-vanished",
    "indicator-renamed",
    "value-revised",
]

#: two names at least this alike (difflib ratio) are one indicator renamed
RENAME_SIMILARITY = 0.5
#: or: this many figures printed alike in both (baseline, target, 実績 of the same years)
RENAME_SHARED_FIGURES = 2


class NotComparable(SheetParseError):
    """The sheets are not report years of one plan (another family or plan term)."""

    code = "not-comparable"


class SeriesRow(BaseModel):
    """One observation of one indicator as one report printed it."""

    model_config = ConfigDict(extra="forbid")

    series: str = Field(description="the indicator across reports: measure id / first name")
    report_fiscal_year: int | None = Field(description="the year the printing sheet reports on")
    report: int = Field(ge=0, description="0-based position of the report, oldest first")
    measure_id: str
    indicator_index: int = Field(ge=0, description="position of the indicator in that report")
    name: str = Field(description="the name as that report prints it")
    unit: str | None = None
    role: Role
    fiscal_year: int | None = None
    value: Number | None = None
    raw: str
    note: str | None = None
    previous_value: Number | None = Field(
        default=None, description="the value the previous report printed for the same cell"
    )
    revised: bool = Field(
        default=False, description="the previous report printed another value for this cell"
    )
    path: str | None = Field(default=None, description="the report's input")
    page: int | None = None
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None


class ChangeRow(BaseModel):
    """One difference between a report and the one before it."""

    model_config = ConfigDict(extra="forbid")

    kind: ChangeKind
    measure_id: str
    series: str | None = None
    before_report_fiscal_year: int | None = None
    after_report_fiscal_year: int | None = None
    before: str | None = Field(default=None, description="name, title or raw value before")
    after: str | None = Field(default=None, description="name, title or raw value after")
    role: Role | None = None
    fiscal_year: int | None = None
    value_before: Number | None = None
    value_after: Number | None = None
    before_path: str | None = None
    after_path: str | None = None


@dataclass(frozen=True)
class Report:
    """One input of a comparison, in report-year order."""

    index: int
    name: str
    sheet: ProgressSheet

    @property
    def year(self) -> int | None:
        return self.sheet.report_fiscal_year


@dataclass
class Comparison:
    """Reports oldest first, their observations as series, and what changed between them."""

    reports: list[Report]
    series: list[SeriesRow] = field(default_factory=list)
    changes: list[ChangeRow] = field(default_factory=list)
    #: series id → (report index → (measure id, indicator index)) where that report prints it
    members: dict[str, dict[int, tuple[str, int]]] = field(default_factory=dict)

    def indicator(self, series: str, report: int) -> Indicator | None:
        """The indicator of ``series`` as ``report`` prints it, if it does."""
        where = self.members.get(series, {}).get(report)
        if where is None:
            return None
        mid, i = where
        m = next(m for m in self.reports[report].sheet.measures if m.id == mid)
        return m.indicators[i]


def _same(a: Number | None, b: Number | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)


#: a cell of an indicator across reports: role, fiscal year, forecast (見込) or not
CellKey = tuple[Role, int | None, bool]


def cells(ind: Indicator) -> list[tuple[CellKey, Observation]]:
    """Each observation with the key of its cell, in table order: baseline, actuals, plans,
    target."""
    out: list[tuple[CellKey, Observation]] = []
    if ind.baseline is not None:
        out.append((("baseline", ind.baseline.fiscal_year, False), ind.baseline))
    out += [(("actual", o.fiscal_year, is_forecast(o)), o) for o in ind.actuals]
    out += [(("plan", o.fiscal_year, True), o) for o in ind.plans]
    if ind.target is not None:
        out.append((("target", ind.target.fiscal_year, False), ind.target))
    return out


def _shared_figures(a: Indicator, b: Indicator) -> int:
    """How many non-null cells the two indicators print alike."""
    av = {k: o.value for k, o in cells(a) if o.value is not None}
    return sum(1 for k, o in cells(b) if o.value is not None and k in av and _same(av[k], o.value))


def _renamed(old: Indicator, new: Indicator) -> tuple[int, float] | None:
    """(shared figures, name similarity) when ``new`` looks like ``old`` renamed, else None."""
    similarity = difflib.SequenceMatcher(None, strip_ws(old.name), strip_ws(new.name)).ratio()
    shared = _shared_figures(old, new)
    if similarity >= RENAME_SIMILARITY or shared >= RENAME_SHARED_FIGURES:
        return shared, similarity
    return None


def _order(sheets: Sequence[tuple[str, ProgressSheet]]) -> list[Report]:
    ordered = sorted(
        enumerate(sheets),
        key=lambda p: (p[1][1].report_fiscal_year is None, p[1][1].report_fiscal_year or 0, p[0]),
    )
    reports = [Report(k, name, sheet) for k, (_, (name, sheet)) in enumerate(ordered)]
    families = {r.sheet.family for r in reports}
    if len(families) > 1:
        raise NotComparable(
            f"the sheets are of different families ({', '.join(sorted(families))}); "
            "compare the report years of one plan"
        )
    terms = {r.sheet.plan_term for r in reports if r.sheet.plan_term is not None}
    if len(terms) > 1:
        raise NotComparable(
            "the sheets belong to different plans ("
            + ", ".join(f"第{t}期" for t in sorted(terms))
            + "); compare the report years of one plan"
        )
    return reports


class _Builder:
    """Walks the reports oldest first, assigning series and noting changes."""

    def __init__(self, reports: list[Report]) -> None:
        self.out = Comparison(reports)
        #: measure id → series ids known in it, in first-seen order
        self.known: dict[str, list[str]] = {}
        #: series id → its name when last printed
        self.last_name: dict[str, str] = {}
        #: series id → cell key → (value, raw) as last printed
        self.last_value: dict[str, dict[CellKey, tuple[Number | None, str]]] = {}

    def _new_series(self, mid: str, name: str) -> str:
        base = f"{mid}/{strip_ws(name)}"
        sid, n = base, 2
        while sid in self.last_name:
            sid, n = f"{base}#{n}", n + 1
        self.known.setdefault(mid, []).append(sid)
        self.last_name[sid] = name
        return sid

    def _change(
        self, kind: ChangeKind, mid: str, older: Report | None, newer: Report, **kw: object
    ) -> None:
        self.out.changes.append(
            ChangeRow(
                kind=kind,
                measure_id=mid,
                before_report_fiscal_year=older.year if older else None,
                after_report_fiscal_year=newer.year,
                before_path=older.name if older else None,
                after_path=newer.name,
                **kw,  # type: ignore[arg-type]
            )
        )

    def _match(
        self, mid: str, inds: list[Indicator], prev: Report | None, rep: Report
    ) -> list[str]:
        """The series of each indicator of measure ``mid`` in ``rep``."""
        printed_before = {
            sid
            for sid, where in self.out.members.items()
            if prev is not None and prev.index in where and where[prev.index][0] == mid
        }
        taken: set[str] = set()
        assigned: list[str | None] = [None] * len(inds)
        # by name: the previous report's series first, then any earlier one of the measure
        for k, ind in enumerate(inds):
            key = strip_ws(ind.name)
            pool = [s for s in self.known.get(mid, []) if s not in taken]
            pool.sort(key=lambda s: s not in printed_before)
            hit = next((s for s in pool if strip_ws(self.last_name[s]) == key), None)
            if hit is not None:
                assigned[k] = hit
                taken.add(hit)
        # renames: the previous report's unmatched series against the unmatched indicators
        if prev is not None:
            gone = [s for s in self.known.get(mid, []) if s in printed_before and s not in taken]
            pairs = []
            for s in gone:
                old = self.out.indicator(s, prev.index)
                for k, ind in enumerate(inds):
                    if assigned[k] is None and old is not None and (r := _renamed(old, ind)):
                        pairs.append((r, s, k))
            for _, s, k in sorted(pairs, key=lambda p: p[0], reverse=True):
                if s in taken or assigned[k] is not None:
                    continue
                assigned[k] = s
                taken.add(s)
                self._change(
                    "indicator-renamed",
                    mid,
                    prev,
                    rep,
                    series=s,
                    before=self.last_name[s],
                    after=inds[k].name,
                )
            for s in gone:
                if s not in taken:
                    self._change(
                        "indicator-vanished", mid, prev, rep, series=s, before=self.last_name[s]
                    )
        out: list[str] = []
        for k, ind in enumerate(inds):
            sid = assigned[k]
            if sid is None:
                sid = self._new_series(mid, ind.name)
                if prev is not None and any(m.id == mid for m in prev.sheet.measures):
                    self._change("indicator-added", mid, prev, rep, series=sid, after=ind.name)
            out.append(sid)
        return out

    def _values(
        self, sid: str, ind: Indicator, index: int, mid: str, rep: Report, prev: Report | None
    ) -> None:
        """The series rows of one indicator in one report; a cell printed before with another
        value (not a forecast, not a plan) is a revision."""
        last = self.last_value.setdefault(sid, {})
        for key, o in cells(ind):
            role, year, forecast = key
            seen = last.get(key)
            before = seen[0] if seen else None
            revised = (
                before is not None
                and not forecast
                and role != "plan"
                and not _same(before, o.value)
            )
            loc = o.source or ind.source or Location()
            self.out.series.append(
                SeriesRow(
                    series=sid,
                    report_fiscal_year=rep.year,
                    report=rep.index,
                    measure_id=mid,
                    indicator_index=index,
                    name=ind.name,
                    unit=ind.unit,
                    role=role,
                    fiscal_year=year,
                    value=o.value,
                    raw=o.raw,
                    note=o.note,
                    previous_value=before,
                    revised=revised,
                    path=rep.name,
                    page=loc.page,
                    line=loc.line,
                    sheet=loc.sheet,
                    cell=loc.cell,
                )
            )
            if revised:
                self._change(
                    "value-revised",
                    mid,
                    prev,
                    rep,
                    series=sid,
                    role=role,
                    fiscal_year=year,
                    value_before=before,
                    value_after=o.value,
                    before=seen[1] if seen else None,
                    after=o.raw,
                )
            if o.value is not None or seen is None:
                last[key] = (o.value, o.raw)

    def run(self) -> Comparison:
        prev: Report | None = None
        for rep in self.out.reports:
            before = {m.id: m for m in prev.sheet.measures} if prev else {}
            ids = {m.id for m in rep.sheet.measures}
            if prev is not None:
                for m in prev.sheet.measures:
                    if m.id not in ids:
                        self._change("measure-vanished", m.id, prev, rep, before=m.title)
            for m in rep.sheet.measures:
                if prev is not None:
                    old = before.get(m.id)
                    if old is None:
                        self._change("measure-added", m.id, prev, rep, after=m.title)
                    elif strip_ws(old.title) != strip_ws(m.title):
                        self._change(
                            "measure-retitled", m.id, prev, rep, before=old.title, after=m.title
                        )
                sids = self._match(m.id, m.indicators, prev, rep)
                for i, (sid, ind) in enumerate(zip(sids, m.indicators, strict=True)):
                    self.out.members.setdefault(sid, {})[rep.index] = (m.id, i)
                    self._values(sid, ind, i, m.id, rep, prev)
                    self.last_name[sid] = ind.name
            prev = rep
        return self.out


def compare(sheets: Sequence[tuple[str, ProgressSheet]]) -> Comparison:
    """Line up ``(name, sheet)`` pairs by report year and join their indicators into series.

    Raises :class:`NotComparable` for sheets of different families or plan terms.
    """
    return _Builder(_order(sheets)).run()


__all__ = [
    "RENAME_SHARED_FIGURES",
    "RENAME_SIMILARITY",
    "CellKey",
    "ChangeRow",
    "Comparison",
    "NotComparable",
    "Report",
    "SeriesRow",
    "cells",
    "compare",
]
