"""Inline SVG charts: one indicator's 現状値 → 実績値 → 目標値 over the fiscal years.

Drawn by hand (no library, no script): a viewBox the page scales to its column, the plan line
(計画線) from the start point to the target dashed, the results joined by a solid line, each
point labelled with its value, the latest ringed in its status's colour. Shapes differ as well
as colours (square 現状値, circle 実績, hollow circle 見込 or a revised figure's old value,
diamond 目標), so the chart reads in grey print too.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from ..model import Indicator, Number
from ..tracking import IndicatorProgress
from .fmt import compact, e, era_short, num

W, H = 480, 236
#: the value labels' largest font size (user units, the phone's): what label widths assume
LABEL_FONT = 16
LEFT, RIGHT, TOP, BOTTOM = 56, 22, 30, 30

#: status → colour (badges, the latest point's ring); dark enough for white text (≥ 4.5:1)
STATUS_COLOUR = {
    "achieved": "#1e7b34",
    "on-track": "#1a5fb4",
    "behind": "#b42318",
    "undated": "#6b3fa0",
    "zero-span": "#0f6e6e",
    "no-start": "#8a5a00",
    "no-data": "#5c6370",
    "no-target": "#5c6370",
}
INK, MUTED, GRID, ACTUAL, TARGET, OLD = (
    "#1f2328",
    "#59636e",
    "#d8dee4",
    "#1a5fb4",
    "#1e7b34",
    "#b45309",
)


@dataclass
class _Point:
    year: int
    value: float
    kind: str  # baseline | actual | forecast | target | old
    text: str
    labelled: bool = True


@dataclass
class _Chart:
    points: list[_Point] = field(default_factory=list)
    years: set[int] = field(default_factory=set)


def _text_width(text: str) -> float:
    """Estimated width of a value label: digits and Latin half an em wide, kana and kanji one."""
    return sum(LABEL_FONT * (0.58 if ord(ch) < 0x2E80 else 1.0) for ch in text)


def _clashes(placed: list[tuple[float, float, float]], x0: float, x1: float, y: float) -> bool:
    """Whether a label spanning x0..x1 at baseline y runs into one already placed."""
    return any(a < x1 and x0 < b and abs(y - yy) < LABEL_FONT for a, b, yy in placed)


def _nice_step(span: float) -> float:
    """A round tick step giving about four intervals over ``span``."""
    if span <= 0:
        return 1.0
    raw = span / 4
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def _collect(ind: Indicator, revised: dict[int, Number] | None) -> _Chart:
    c = _Chart()
    for o in ind.actuals:
        if o.fiscal_year is not None:
            c.years.add(o.fiscal_year)
    for o in (ind.baseline, ind.target):
        if o is not None and o.fiscal_year is not None:
            c.years.add(o.fiscal_year)
    if ind.baseline is not None and ind.baseline.value is not None and ind.baseline.fiscal_year:
        c.points.append(
            _Point(
                ind.baseline.fiscal_year,
                float(ind.baseline.value),
                "baseline",
                num(ind.baseline.value),
            )
        )
    for o in ind.actuals:
        if o.value is None or o.fiscal_year is None:
            continue
        kind = "forecast" if "見込" in (o.note or "") else "actual"
        c.points.append(_Point(o.fiscal_year, float(o.value), kind, num(o.value)))
    for year, old in (revised or {}).items():
        if old is not None:
            c.points.append(_Point(year, float(old), "old", num(old), labelled=False))
    t = ind.target
    if t is not None and t.value is not None and t.fiscal_year is not None:
        c.points.append(_Point(t.fiscal_year, float(t.value), "target", "目標 " + num(t.value)))
    return c


def indicator_chart(
    ind: Indicator,
    fig: IndicatorProgress,
    *,
    revised: dict[int, Number] | None = None,
) -> str:
    """The chart of one indicator as an ``<svg>`` element (``revised``: fiscal year → the value
    an earlier report printed, drawn as a hollow orange circle)."""
    c = _collect(ind, revised)
    if fig.deadline_year is not None:
        c.years.add(fig.deadline_year)
    values = [p.value for p in c.points]
    undated_target = (
        ind.target is not None and ind.target.value is not None and ind.target.fiscal_year is None
    )
    if undated_target:
        values.append(float(ind.target.value))  # type: ignore[union-attr,arg-type]
    if fig.expected_value is not None:
        values.append(fig.expected_value)
    name = e(ind.name)
    if not c.years or not values:
        return (
            f'<svg class="chart empty" viewBox="0 0 {W} 60" role="img" '
            f'aria-label="{name}: 数値なし"><text x="{W / 2}" y="34" text-anchor="middle" '
            f'fill="{MUTED}">グラフにする数値がありません</text></svg>'
        )
    y0, y1 = min(c.years), max(c.years)
    if y0 == y1:
        y0, y1 = y0 - 1, y1 + 1
    lo = min(0.0, min(values))
    hi = max(values)
    step = _nice_step(hi - lo)
    top = math.ceil(hi / step) * step if hi > lo else lo + step
    bottom = math.floor(lo / step) * step
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def x(year: float) -> float:
        return LEFT + (year - y0) / (y1 - y0) * pw

    def y(v: float) -> float:
        return TOP + (top - v) / (top - bottom) * ph

    out = [
        f'<svg class="chart" viewBox="0 0 {W} {H}" role="img" '
        f'aria-label="{name}のグラフ（現状値・実績値・目標値）">',
        f"<title>{name}</title>",
    ]
    # grid and y labels
    tick = bottom
    while tick <= top + step / 1000:
        yy = y(tick)
        out.append(
            f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="{GRID}" />'
        )
        out.append(
            f'<text x="{LEFT - 6}" y="{yy + 4:.1f}" text-anchor="end" class="tick">'
            f"{e(compact(tick))}</text>"
        )
        tick += step
    # x labels: every year, every other one when crowded
    years = list(range(y0, y1 + 1))
    every = 1 if len(years) <= 9 else 2
    for k, yr in enumerate(years):
        if k % every and yr != y1:
            continue
        out.append(
            f'<text x="{x(yr):.1f}" y="{H - 10}" text-anchor="middle" class="tick">'
            f"{e(era_short(yr))}</text>"
        )
    # plan line (計画線): start → target at its deadline
    if (
        fig.start_value is not None
        and fig.start_year is not None
        and fig.target_value is not None
        and fig.deadline_year is not None
    ):
        out.append(
            f'<line class="plan" x1="{x(fig.start_year):.1f}" y1="{y(fig.start_value):.1f}" '
            f'x2="{x(fig.deadline_year):.1f}" y2="{y(fig.target_value):.1f}" stroke="{MUTED}" '
            'stroke-width="1.5" stroke-dasharray="5 4" />'
        )
    if undated_target:
        ty = y(float(ind.target.value))  # type: ignore[union-attr,arg-type]
        out.append(
            f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="{TARGET}" '
            'stroke-width="1.5" stroke-dasharray="2 3" />'
        )
        out.append(
            f'<text x="{W - RIGHT}" y="{ty - 6:.1f}" text-anchor="end" class="val" '
            f'fill="{TARGET}">目標 {e(num(ind.target.value))}（年度なし）</text>'  # type: ignore[union-attr]
        )
    # results joined: 実績 solid, into a 見込 dashed
    results = sorted(
        (p for p in c.points if p.kind in ("actual", "forecast")), key=lambda p: p.year
    )
    for a, b in itertools.pairwise(results):
        dash = ' stroke-dasharray="4 3"' if "forecast" in (a.kind, b.kind) else ""
        out.append(
            f'<line x1="{x(a.year):.1f}" y1="{y(a.value):.1f}" x2="{x(b.year):.1f}" '
            f'y2="{y(b.value):.1f}" stroke="{ACTUAL}" stroke-width="2.5"{dash} />'
        )
    latest = fig.latest_year
    ring = STATUS_COLOUR.get(fig.status, INK)
    for p in c.points:
        px, py = x(p.year), y(p.value)
        if p.kind == "baseline":
            out.append(
                f'<rect class="pt baseline" x="{px - 5:.1f}" y="{py - 5:.1f}" width="10" '
                f'height="10" fill="{MUTED}"><title>現状値 {e(p.text)}</title></rect>'
            )
        elif p.kind == "target":
            out.append(
                f'<path class="pt target" d="M{px:.1f} {py - 7:.1f} L{px + 7:.1f} {py:.1f} '
                f'L{px:.1f} {py + 7:.1f} L{px - 7:.1f} {py:.1f} Z" fill="{TARGET}">'
                f"<title>{e(p.text)}</title></path>"
            )
        elif p.kind == "old":
            out.append(
                f'<circle class="pt old" cx="{px:.1f}" cy="{py:.1f}" r="5" fill="white" '
                f'stroke="{OLD}" stroke-width="2"><title>修正前 {e(p.text)}</title></circle>'
            )
        else:
            hollow = p.kind == "forecast"
            if p.year == latest and not hollow:
                out.append(
                    f'<circle cx="{px:.1f}" cy="{py:.1f}" r="9" fill="none" stroke="{ring}" '
                    'stroke-width="2.5" />'
                )
            out.append(
                f'<circle class="pt {p.kind}" cx="{px:.1f}" cy="{py:.1f}" r="4.5" '
                f'fill="{"white" if hollow else ACTUAL}" stroke="{ACTUAL}" stroke-width="2">'
                f"<title>{'見込' if hollow else '実績'} {e(p.text)}</title></circle>"
            )
    # value labels above their points (below where one would run into its neighbour's),
    # kept inside the plot; widths estimated at the phone's larger font (LABEL_FONT)
    placed: list[tuple[float, float, float]] = []  # x0, x1, baseline y
    for p in sorted((p for p in c.points if p.labelled), key=lambda p: x(p.year)):
        px, py = x(p.year), y(p.value)
        width = _text_width(p.text)
        anchor = "middle"
        x0, x1 = px - width / 2, px + width / 2
        if x0 < 4:
            anchor, x0, x1 = "start", px - 4, px - 4 + width
        elif x1 > W - 2:
            anchor, x0, x1 = "end", px + 6 - width, px + 6
        lift = 16 if p.year == latest and p.kind == "actual" else 11
        ly = py - lift

        if ly < 14 or _clashes(placed, x0, x1, ly):
            ly = py + lift + LABEL_FONT - 2
            if _clashes(placed, x0, x1, ly):
                ly = py - lift - LABEL_FONT
        placed.append((x0, x1, ly))
        tx = {"start": x0, "middle": px, "end": x1}[anchor]
        colour = {"target": TARGET, "baseline": MUTED}.get(p.kind, INK)
        out.append(
            f'<text x="{tx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" class="val" '
            f'fill="{colour}">{e(p.text)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def bar(value: Number | None, most: float) -> str:
    """A small horizontal bar (cost tables): ``value`` against the row's largest."""
    if value is None or most <= 0 or value < 0:
        return ""
    share = max(0.0, min(100.0, 100 * float(value) / most))
    return (
        '<svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">'
        f'<rect width="{share:.1f}" height="6" fill="{ACTUAL}" /></svg>'
    )
