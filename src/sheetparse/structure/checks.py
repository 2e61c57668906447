"""Consistency checks across a sheet's records, reported as info diagnostics.

They point a reader of the sheet at what deserves a second look — a typo between a narrative and
its table, a target already met, a missing year — without changing any record.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

import regex

from .. import diagnostics as dg
from ..model import Diagnostic, Indicator, Measure, Observation
from ..textutil import strip_ws

#: a number as printed in running text: digits with optional thousands separators
_NUMBER = regex.compile(
    r"(?<![0-9０-９.,，])[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+(?![0-9０-９])"
    r"|(?<![0-9０-９.,，])[0-9０-９]+(?![0-9０-９.,，]?[0-9０-９])"
)
#: numbers shorter than this are too common in prose to compare digit by digit
MIN_MISMATCH_DIGITS = 3


def _observations(ind: Indicator) -> list[Observation]:
    return [o for o in (ind.baseline, *ind.actuals, ind.target) if o is not None]


def duplicate_indicators(measures: list[Measure]) -> list[Diagnostic]:
    """The same indicator name under two or more measures."""
    seen: dict[str, list[tuple[Measure, Indicator]]] = defaultdict(list)
    for m in measures:
        for ind in m.indicators:
            if strip_ws(ind.name):
                seen[strip_ws(ind.name)].append((m, ind))
    out = []
    for pairs in seen.values():
        ids = list(dict.fromkeys(m.id for m, _ in pairs))
        if len(ids) < 2:
            continue
        name = pairs[0][1].name
        for m, ind in pairs[1:]:
            if m.id == ids[0]:
                continue
            out.append(
                dg.make(
                    "info",
                    "duplicate-indicator",
                    f"Indicator {name!r} appears under measures {', '.join(ids)}; "
                    f"check that measure {m.id} reports its own figures.",
                    ind.source,
                    name,
                )
            )
    return out


def _digits(value: float) -> str | None:
    if isinstance(value, float) and not value.is_integer():
        return None
    return str(int(value))


def narrative_value_mismatches(m: Measure) -> list[Diagnostic]:
    """Numbers in the measure's narratives that differ from one of its indicator values in
    exactly one digit (same digit count, at least MIN_MISMATCH_DIGITS digits)."""
    values: dict[str, tuple[Indicator, Observation]] = {}
    for ind in m.indicators:
        for o in _observations(ind):
            if o.value is not None and (d := _digits(o.value)) and len(d) >= MIN_MISMATCH_DIGITS:
                values.setdefault(d, (ind, o))
    if not values:
        return []
    out = []
    # the items looked through as one text, a line each (a number is digits and commas: none
    # runs from one item into the next), each number then found in its item by its offset
    owners = [(n, item) for n in m.narratives for item in n.items]
    if not owners:
        return []
    # where the next item starts
    nexts = list(itertools.accumulate(len(item) + 1 for _, item in owners))
    k = 0
    for match in _NUMBER.finditer("\n".join([item for _, item in owners])):
        while match.start() >= nexts[k]:
            k += 1
        n, item = owners[k]
        printed = match.group(0)
        digits = "".join(str(int(ch)) for ch in printed if ch not in ",，")
        if digits in values:
            continue
        for d, (ind, o) in values.items():
            if len(d) == len(digits) and sum(a != b for a, b in zip(d, digits, strict=True)) == 1:
                out.append(
                    dg.make(
                        "info",
                        "narrative-value-mismatch",
                        f"Measure {m.id}: the {n.kind} text prints {printed}, "
                        f"one digit away from {o.raw} ({ind.name}, "
                        f"{o.label or o.fiscal_year}); one of them may be a typo.",
                        n.source,
                        item,
                    )
                )
    return out


def targets_met(m: Measure) -> list[Diagnostic]:
    """Actuals at or beyond their target, in the target's direction from the baseline."""
    out = []
    for ind in m.indicators:
        t = ind.target
        if t is None or t.value is None:
            continue
        b = ind.baseline.value if ind.baseline is not None else None
        if b is not None and b == t.value:
            continue
        upward = b is None or t.value > b
        for a in ind.actuals:
            if a.value is None:
                continue
            if (upward and a.value >= t.value) or (not upward and a.value <= t.value):
                how = (
                    "no baseline: the target is taken as an increase"
                    if b is None
                    else (f"baseline {ind.baseline.raw}")
                )  # type: ignore[union-attr]
                out.append(
                    dg.make(
                        "info",
                        "target-met",
                        f"Measure {m.id}: {ind.name!r} reached {a.raw} in FY{a.fiscal_year}, at or "
                        f"beyond its target {t.raw} ({how}).",
                        a.source or ind.source,
                    )
                )
                break
    return out


def fiscal_year_gaps(m: Measure) -> list[Diagnostic]:
    """Actual columns whose fiscal years skip or repeat a year (forecasts (見込) aside: a
    sheet may print R6見込 beside R6実績)."""
    out = []
    for ind in m.indicators:
        years = [a.fiscal_year for a in ind.actuals if "見込" not in (a.note or "")]
        for prev, cur in itertools.pairwise(years):
            if cur != prev + 1:
                what = "repeats" if cur == prev else f"jumps from FY{prev} to"
                out.append(
                    dg.make(
                        "info",
                        "fiscal-year-gap",
                        f"Measure {m.id}: the actual columns of {ind.name!r} {what} FY{cur}.",
                        ind.source,
                    )
                )
                break
    return out


def consistency(measures: list[Measure]) -> list[Diagnostic]:
    """All consistency diagnostics of a sheet."""
    out = duplicate_indicators(measures)
    for m in measures:
        if not m.indicators:
            out.append(
                dg.make(
                    "info",
                    "measure-without-indicator",
                    f"Measure {m.id} has no indicator table.",
                    m.source,
                )
            )
        if not m.narratives:
            out.append(
                dg.make(
                    "info",
                    "measure-without-narrative",
                    f"Measure {m.id} has no narrative text.",
                    m.source,
                )
            )
        out += narrative_value_mismatches(m)
        out += targets_met(m)
        out += fiscal_year_gaps(m)
    return out
