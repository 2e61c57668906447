"""Printed totals that must add up: a 合計 and the rows it sums, a 一般財源 left after the
revenue, a breakdown (内訳) and the row it breaks down, a project's cost and its sub-projects'.
A mismatch is an info diagnostic (``total-mismatch``): the sheet may hold a typo, or a row the
reader missed; no record is changed. What must add up is the family's profile's to say
(``[[totals]]``): 主な内訳 lists only the main items and need not add up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import diagnostics as dg
from ..families.registry import TotalRule
from ..model import Cost, Diagnostic, Measure
from ..textutil import fold

Column = tuple[int, str | None]


@dataclass(slots=True)
class CostRow:
    """A row of a money grid as printed: its label, the groups printed beside it (outermost
    first), whether it is a part of the row above (``うち…``), its costs by column."""

    label: str
    groups: tuple[str, ...]
    part: bool
    costs: dict[Column, Cost] = field(default_factory=dict)


def _match(p: re.Pattern[str] | None, label: str) -> bool:
    return p is not None and p.fullmatch(fold(label)) is not None


def _amount(c: Cost | None) -> float:
    return float(c.value) if c is not None and c.value is not None else 0.0


def _printed(rows: list[CostRow], col: Column) -> bool:
    return any(col in r.costs and r.costs[col].value is not None for r in rows)


def _fmt(x: float) -> str:
    return f"{int(x):,}" if x == int(x) else f"{x:,}"


def _rounding(diff: float, n: int) -> str:
    """A note where a difference is no more than the rounding of ``n`` figures to units."""
    return "; within the rounding of the figures added" if abs(diff) <= n / 2 + 0.5 else ""


def _report(total: Cost, parts: list[CostRow], col: Column, what: str) -> Diagnostic | None:
    if total.value is None:
        return None  # a total printed as - : nothing to compare
    want = sum(_amount(r.costs.get(col)) for r in parts)
    got = _amount(total)
    if abs(got - want) < 0.5:
        return None
    year, kind = col
    return dg.make(
        "info",
        "total-mismatch",
        f"{total.label} ({year}, {kind or 'no kind'}) is printed as {_fmt(got)} but "
        f"{what} add up to {_fmt(want)} ({' + '.join(r.label for r in parts)})"
        f"{_rounding(got - want, len(parts))}.",
        total.source,
    )


def _columns(rows: list[CostRow]) -> list[Column]:
    seen: dict[Column, None] = {}
    for r in rows:
        for col in r.costs:
            seen[col] = None
    return list(seen)


def _direct(rows: list[CostRow], depth: int, exclude: CostRow) -> list[CostRow]:
    """The rows of a group that count towards its total: its own rows, not those of a group
    nested in it (a breakdown) nor parts of another row (うち…)."""
    return [r for r in rows if r is not exclude and len(r.groups) == depth and not r.part]


def grid_totals(rows: list[CostRow], rules: tuple[TotalRule, ...]) -> list[Diagnostic]:
    """Mismatches among one money grid's rows, by the family's rules."""
    out: list[Diagnostic] = []
    if not rules or not rows:
        return out
    cols = _columns(rows)
    group_totals: list[CostRow] = []
    for rule in rules:
        if rule.breakdown:
            continue
        for row in rows:
            if rule.minus or not _match(rule.row, row.label):
                continue
            if rule.of == "group" and row.groups:
                # the total ends its group: the group's other rows
                members = [r for r in rows if r.groups[: len(row.groups)] == row.groups]
                parts = _direct(members, len(row.groups), row)
                what = f"the rows of {row.groups[-1]}"
            elif rule.of_pattern is not None:
                members = [r for r in rows if r.groups and _match(rule.of_pattern, r.groups[-1])]
                depth = min((len(r.groups) for r in members), default=0)
                parts = _direct(members, depth, row)
                what = f"the rows of {members[0].groups[-1]}" if members else ""
            else:
                continue
            if not parts:
                continue
            if row not in group_totals:
                group_totals.append(row)
            for col in cols:
                if col in row.costs and _printed(parts, col):
                    d = _report(row.costs[col], parts, col, what)
                    if d is not None:
                        out.append(d)
    for rule in rules:
        if rule.minus:
            for row in rows:
                if not _match(rule.row, row.label) or len(group_totals) < 2:
                    continue
                first, second = group_totals[0], group_totals[1]
                for col in cols:
                    if col not in row.costs or row.costs[col].value is None:
                        continue
                    want = _amount(first.costs.get(col)) - _amount(second.costs.get(col))
                    got = _amount(row.costs[col])
                    if abs(got - want) >= 0.5:
                        year, kind = col
                        out.append(
                            dg.make(
                                "info",
                                "total-mismatch",
                                f"{row.label} ({year}, {kind or 'no kind'}) is printed as "
                                f"{_fmt(got)} but {first.label} less {second.label} is "
                                f"{_fmt(want)}.",
                                row.costs[col].source,
                            )
                        )
        if rule.breakdown:
            for k, row in enumerate(rows):
                if not row.groups or not _match(rule.of_pattern, row.groups[-1]):
                    continue
                if k == 0 or rows[k - 1].groups == row.groups:
                    continue  # not the breakdown's first row
                head = rows[k - 1]
                parts = [r for r in rows[k:] if r.groups == row.groups]
                for col in cols:
                    if col in head.costs and _printed(parts, col):
                        d = _report(head.costs[col], parts, col, f"its {row.groups[-1]}")
                        if d is not None:
                            out.append(d)
    return out


def subunit_totals(measures: list[Measure], rules: tuple[TotalRule, ...]) -> list[Diagnostic]:
    """A project's cost and the sum of its sub-projects' (横浜市 事業費 and 細事業費)."""
    out: list[Diagnostic] = []
    for rule in rules:
        if rule.subunits is None:
            continue
        for parent in measures:
            children = [m for m in measures if m.parent == parent.id]
            if not children:
                continue
            for total in parent.costs:
                if not _match(rule.row, total.label):
                    continue
                col = (total.fiscal_year, total.kind)
                parts = [
                    c
                    for m in children
                    for c in m.costs
                    if (c.fiscal_year, c.kind) == col and _match(rule.subunits, c.label)
                ]
                if not parts:
                    continue
                want = sum(_amount(c) for c in parts)
                diff = _amount(total) - want
                if total.value is not None and abs(diff) >= 0.5:
                    out.append(
                        dg.make(
                            "info",
                            "total-mismatch",
                            f"{total.label} of {parent.id} ({total.fiscal_year}) is printed as "
                            f"{_fmt(_amount(total))} but its sub-projects' {parts[0].label} add "
                            f"up to {_fmt(want)}{_rounding(diff, len(parts))}.",
                            total.source,
                        )
                    )
    return out


__all__ = ["CostRow", "grid_totals", "subunit_totals"]
