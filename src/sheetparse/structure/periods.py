"""A project's term (実施期間 ``令和5年度～令和9年度``) as Gregorian fiscal years."""

from __future__ import annotations

import regex

from ..ja import find_fiscal_year
from ..model import Period
from ..textutil import fold

_RANGE = regex.compile(r"\s*(?:[～〜~∼]|から|－|―|—|-(?=\s*(?:[RHS令平昭]|\d)))\s*")
_ERA = regex.compile(r"(令和|平成|昭和|大正|明治|[RHS])(?=\s*[0-9元])")


def parse_period(value: str, era: str | None = None) -> Period | None:
    """Start and end fiscal years of a printed term; an end printed without its era takes the
    start's (``令和5年度～9年度`` → 2023, 2027). None where no year is named."""
    text = fold(value)
    parts = [p for p in _RANGE.split(text, maxsplit=1) if p.strip()]
    if not parts:
        return None
    first_era = _ERA.search(parts[0])
    start = find_fiscal_year(parts[0], era)
    end = None
    if len(parts) > 1:
        default = first_era.group(1) if first_era else era
        end = find_fiscal_year(parts[1], default)
    if start is None and end is None:
        return None
    return Period(start=start, end=end)


__all__ = ["parse_period"]
