"""How the report writes numbers, fiscal years and source locations."""

from __future__ import annotations

import math
from html import escape

from ..ja.era import format_era
from ..model import Location, Number

_ERA_LETTER = {"令和": "R", "平成": "H", "昭和": "S", "大正": "T", "明治": "M"}


def e(text: object) -> str:
    """Text escaped for HTML (attributes included)."""
    return escape(str(text), quote=True)


def num(v: Number | None) -> str:
    """1026 → ``1,026``, 21.4 → ``21.4``, 0.5 → ``0.5``; None → ``—``."""
    if v is None:
        return "—"
    if isinstance(v, float) and not v.is_integer():
        return f"{v:,.2f}".rstrip("0").rstrip(".")
    return f"{int(v):,}"


def compact(v: float) -> str:
    """An axis label: 135482 → ``13.5万``, 1100 → ``1,100``, 0.5 → ``0.5``."""
    if abs(v) >= 100_000:
        man = v / 10_000
        return f"{man:,.1f}".rstrip("0").rstrip(".") + "万"
    return num(round(v, 2) if not float(v).is_integer() else int(v))


def pct(rate: float | None) -> str:
    """0.25 → ``25.0%``; None → ``—``."""
    if rate is None or not math.isfinite(rate):
        return "—"
    return f"{100 * rate:.1f}%"


def era_long(year: int | None) -> str:
    """2025 → ``令和7年度``; None → ``年度不明``."""
    if year is None:
        return "年度不明"
    try:
        return format_era(year, fiscal=True)
    except ValueError:
        return f"{year}年度"


def era_short(year: int | None) -> str:
    """2025 → ``R7``, 2018 → ``H30``; None → ``—``."""
    if year is None:
        return "—"
    try:
        text = format_era(year, gannen=False)
    except ValueError:
        return str(year)
    name = text[:2]
    return f"{_ERA_LETTER.get(name, name)}{text[2:-1]}"


def where(loc: Location | None) -> str:
    """Where a value was printed: ``3頁``, ``16行``, ``方針1!B12`` (empty when unknown)."""
    if loc is None:
        return ""
    bits = []
    if loc.page is not None:
        bits.append(f"{loc.page}頁")
    if loc.line is not None:
        bits.append(f"{loc.line}行")
    if loc.cell is not None:
        bits.append(f"{loc.sheet}!{loc.cell}" if loc.sheet else loc.cell)
    elif loc.sheet is not None:
        bits.append(loc.sheet)
    return " ".join(bits)
