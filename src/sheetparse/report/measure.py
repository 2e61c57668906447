"""One measure (施策, 事業) of the report: its indicators as charts with status badges and a
table of every value with where it was printed, its costs per year, its evaluations, and its
narratives folded in <details>."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Cost, Indicator, Location, Measure, Number
from ..tracking import IndicatorProgress
from ..tracking.compare import CellKey, cells
from . import labels
from .charts import bar, indicator_chart
from .fmt import e, era_long, era_short, num, pct, where


@dataclass
class Cell:
    """One printed value: its text, where it was printed, and an earlier report's text for the
    same cell where it differed (a revised figure)."""

    raw: str
    where: str
    revised_from: str | None = None


@dataclass
class History:
    """What an indicator's card shows beyond its own sheet: a row of values per report, the
    status in each report, and the revised figures (fiscal year → earlier value)."""

    rows: list[tuple[str, dict[CellKey, Cell]]] = field(default_factory=list)
    trend: list[tuple[int | None, str]] = field(default_factory=list)
    revised: dict[int, Number] = field(default_factory=dict)


def own_row(ind: Indicator) -> dict[CellKey, Cell]:
    """The indicator's values as one table row."""
    return {k: Cell(o.raw, where(o.source or ind.source)) for k, o in cells(ind)}


def _header(key: CellKey) -> str:
    role, year, forecast = key
    y = e(era_short(year))
    if role == "baseline":
        return f"現状値<br>{y}"
    if role == "target":
        return f"目標値<br>{y if year is not None else '年度なし'}"
    if role == "plan":
        return f"見込<br>{y}"
    return f"{y}<br>見込" if forecast else f"{y}<br>実績"


def _values_table(columns: list[CellKey], rows: list[tuple[str, dict[CellKey, Cell]]]) -> str:
    head = "".join(f'<th scope="col">{_header(k)}</th>' for k in columns)
    out = [
        f'<div class="scroll"><table class="values"><thead><tr><th></th>{head}</tr></thead><tbody>'
    ]
    for label, row in rows:
        tds = []
        for k in columns:
            c = row.get(k)
            if c is None:
                tds.append('<td class="n"></td>')
                continue
            text = e(c.raw) if c.raw else "&#8203;"
            if c.revised_from is not None:
                text = (
                    f'<mark class="revised" title="修正前 {e(c.revised_from)}">{text}</mark>'
                    f'<small class="src">修正前 {e(c.revised_from)}</small>'
                )
            src = f'<small class="src">{e(c.where)}</small>' if c.where else ""
            tds.append(f'<td class="n">{text}{src}</td>')
        out.append(f'<tr><th scope="row">{e(label)}</th>{"".join(tds)}</tr>')
    out.append("</tbody></table></div>")
    return "".join(out)


def badge(status: str, *, small: bool = False) -> str:
    """A status badge: mark and word, coloured, with its meaning as a tooltip."""
    lab = labels.STATUS[status]
    return (
        f'<span class="badge {e(status)}" data-status="{e(status)}" title="{e(lab.meaning)}">'
        f"{e(lab.mark)} {e(lab.word)}</span>"
    )


def _figure(label: str, value: str, note: str = "") -> str:
    small = f" <small>{e(note)}</small>" if note else ""
    return f"<div><dt>{e(label)}</dt><dd>{value}{small}</dd></div>"


def indicator_card(
    m: Measure, index: int, ind: Indicator, fig: IndicatorProgress, history: History | None
) -> str:
    """One indicator: heading with badge, chart, its figures, and the table of its values."""
    start_note = ""
    if fig.start_role == "baseline":
        start_note = f"{era_short(fig.start_year)} 現状値"
    elif fig.start_role == "actual":
        start_note = f"{era_short(fig.start_year)} 実績"
    figs = [
        _figure(
            "最新の実績",
            e(num(fig.latest_value)),
            era_short(fig.latest_year) if fig.latest_year else "",
        ),
        _figure("起点", e(num(fig.start_value)), start_note),
        _figure(
            "目標値",
            e(num(fig.target_value)),
            era_short(fig.deadline_year)
            if fig.deadline_year
            else ("年度なし" if fig.target_value is not None else ""),
        ),
        _figure("達成率", f'<span class="rate">{e(pct(fig.rate))}</span>'),
    ]
    if fig.expected_value is not None:
        figs.append(
            _figure(
                "計画線上の値", e(num(round(fig.expected_value, 2))), era_short(fig.latest_year)
            )
        )
    figs.append(
        _figure(
            "方向",
            e(labels.DIRECTION[fig.direction]),
            labels.DIRECTION_SOURCE.get(fig.direction_source or "", ""),
        )
    )
    unit = f"（{e(ind.unit)}）" if ind.unit else ""
    kind = {"activity": "活動指標", "outcome": "成果指標"}.get(ind.kind or "", "")
    rows = history.rows if history and history.rows else [("値", own_row(ind))]
    columns: list[CellKey] = []
    for _, row in rows:
        columns += [k for k in row if k not in columns]
    order = {"baseline": 0, "actual": 1, "plan": 2, "target": 3}
    columns.sort(key=lambda k: (order[k[0]], k[1] if k[1] is not None else 9999, k[2]))
    trend = ""
    if history and len(history.trend) > 1:
        steps = " → ".join(f"{e(era_short(y))}報告 {badge(s)}" for y, s in history.trend)
        trend = f'<p class="trend">報告年度ごとの状況：{steps}</p>'
    src = where(ind.source)
    return (
        f'<article class="indicator" id="i-{e(m.id)}-{index}" data-measure="{e(m.id)}" '
        f'data-name="{e(ind.name)}" data-status="{e(fig.status)}" '
        f'data-rate="{"" if fig.rate is None else repr(fig.rate)}" '
        f'data-latest="{"" if fig.latest_value is None else e(fig.latest_value)}" '
        f'data-target="{"" if fig.target_value is None else e(fig.target_value)}">'
        f'<h3><span class="name">{e(ind.name)}</span>{unit} {badge(fig.status)}</h3>'
        + (f'<p class="meta"><span>{e(kind)}</span></p>' if kind else "")
        + '<div class="card"><div class="plot">'
        + indicator_chart(ind, fig, revised=history.revised if history else None)
        + f'</div><div class="data"><dl class="figs">{"".join(figs)}</dl>'
        + trend
        + _values_table(columns, rows)
        + (f'<small class="src">指標の出典：{e(src)}</small>' if src else "")
        + "</div></div></article>"
    )


def _costs(costs: Sequence[Cost]) -> str:
    """Costs per year: one row per label, one column per fiscal year and kind."""
    cols: list[tuple[int, str | None]] = []
    heads: dict[tuple[int, str | None], str] = {}
    rows: dict[str, dict[tuple[int, str | None], Cost]] = {}
    for c in costs:
        key = (c.fiscal_year, c.kind)
        if key not in cols:
            cols.append(key)
            kind = labels.COST_KIND.get(c.kind or "", "")
            heads[key] = (
                f"{e(era_short(c.fiscal_year))}<br>{e(kind)}"
                if kind
                else e(era_short(c.fiscal_year))
            )
        label = c.label + (f"（{c.unit}）" if c.unit else "")
        rows.setdefault(label, {})[key] = c
    cols.sort(key=lambda k: (k[0], k[1] or ""))
    head = "".join(f'<th scope="col">{heads[k]}</th>' for k in cols)
    body = []
    for label, row in rows.items():
        most = max((float(c.value) for c in row.values() if c.value is not None), default=0.0)
        tds = []
        for k in cols:
            c = row.get(k)
            if c is None:
                tds.append('<td class="n"></td>')
                continue
            src = where(c.source)
            tds.append(
                f'<td class="n">{e(c.raw or num(c.value))}{bar(c.value, most)}'
                + (f'<small class="src">{e(src)}</small>' if src else "")
                + "</td>"
            )
        body.append(f'<tr><th scope="row" class="t">{e(label)}</th>{"".join(tds)}</tr>')
    return (
        '<h4>事業費の推移</h4><div class="scroll"><table class="costs"><thead><tr><th>項目</th>'
        f"{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _evaluations(m: Measure) -> str:
    parts = []
    for ev in m.evaluations:
        grade = f'<span class="grade">{e(ev.grade)}</span>' if ev.grade else ""
        reasons = "".join(f"<li>{e(r)}</li>" for r in ev.reason)
        src = where(ev.source)
        parts.append(
            f"<div><dt>{e(ev.label)}</dt><dd>{grade}"
            + (f"<ul>{reasons}</ul>" if reasons else "")
            + (f'<small class="src">{e(src)}</small>' if src else "")
            + "</dd></div>"
        )
    return f'<h4>評価</h4><dl class="evals">{"".join(parts)}</dl>'


def _narratives(m: Measure) -> str:
    parts = []
    for n in m.narratives:
        kind = labels.NARRATIVE.get(str(n.kind), "")
        actor = f"（{e(n.actor)}）" if n.actor else ""
        title = e(n.label) if n.label else e(kind)
        items = "".join(f"<li>{e(i)}</li>" for i in n.items)
        body = f"<ul>{items}</ul>" if items else '<p class="fig">（本文なし：図・写真のみ）</p>'
        figs = "".join(f'<p class="fig">▲{e(f)}</p>' for f in n.figures)
        src = where(n.source)
        parts.append(
            f'<details class="narr" data-kind="{e(str(n.kind))}"><summary>{title}{actor}</summary>'
            f"{body}{figs}"
            + (f'<small class="src">出典：{e(src)}</small>' if src else "")
            + "</details>"
        )
    return "<h4>取組の内容</h4>" + "".join(parts)


def measure_heading(m: Measure) -> str:
    """方針1-施策1 for the seed's family, the printed number otherwise."""
    if m.policy is not None and m.number is not None:
        return f"方針{m.policy}-施策{m.number}"
    return f"No. {m.id}"


def measure_section(
    m: Measure,
    figures: Sequence[IndicatorProgress],
    histories: Sequence[History | None] | None = None,
) -> str:
    """The section of one measure."""
    meta = [f"<span>{e(h.label)}：{e(h.text)}</span>" for h in m.hierarchy]
    if m.department:
        meta.append(f"<span>担当：{e(m.department)}</span>")
    if m.period and (m.period.start or m.period.end):
        meta.append(
            f"<span>実施期間：{e(era_long(m.period.start))}〜{e(era_long(m.period.end))}</span>"
        )
    src = where(m.source)
    if src:
        meta.append(f"<span>出典：{e(src)}</span>")
    cards = [
        indicator_card(m, i, ind, fig, histories[i] if histories else None)
        for i, (ind, fig) in enumerate(zip(m.indicators, figures, strict=True))
    ]
    body = [
        f'<section class="measure{" sub" if m.parent else ""}" id="m-{e(m.id)}" '
        f'data-measure="{e(m.id)}">',
        f'<h2><span class="mid">{e(measure_heading(m))}</span> {e(m.title)}</h2>',
        f'<p class="meta">{"".join(meta)}</p>' if meta else "",
    ]
    if cards:
        body.append(f'<div class="indicators">{"".join(cards)}</div>')
    else:
        body.append('<p class="meta">指標はありません。</p>')
    if m.costs:
        body.append(_costs(m.costs))
    if m.evaluations:
        body.append(_evaluations(m))
    if m.narratives:
        body.append(_narratives(m))
    if m.figures:
        body.append("".join(f'<p class="meta">▲{e(f)}</p>' for f in m.figures))
    body.append("</section>")
    return "".join(body)


def location_text(loc: Location | None) -> str:
    """Where something was printed, for the page (empty when unknown)."""
    return where(loc)
