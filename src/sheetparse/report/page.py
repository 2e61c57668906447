"""The whole report page: header, summary of statuses, the comparison across report years
(several inputs), one section per measure, notes; one self-contained HTML document."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .. import __version__
from ..model import ProgressSheet
from ..tracking import IndicatorProgress, progress, summary
from ..tracking.compare import CellKey, Comparison, compare
from ..tracking.figures import Directions
from . import labels
from .charts import STATUS_COLOUR
from .fmt import e, era_long, era_short, num, pct
from .measure import Cell, History, badge, measure_heading, measure_section
from .style import CSS, SCRIPT

FORMULAS = """\
<details class="howto"><summary>計算方法</summary><ul>
<li><b>最新の実績</b>：値のある実績値のうち最も新しい年度のもの（見込は含めない）。</li>
<li><b>起点</b>：現状値。現状値がなければ、最新より前の年度で最も古い実績値。</li>
<li><b>達成率</b>＝（最新の実績−起点）÷（目標値−起点）。起点がなければ 最新の実績÷目標値
（低いほど良い指標は 目標値÷最新の実績）。</li>
<li><b>計画線</b>：起点から目標年度の目標値へ引いた直線。最新の実績の年度で計画線上かそれより
良ければ「順調」、届かなければ「遅れ」、目標値に届いていれば「達成」。</li>
<li><b>方向</b>（高いほど良い／低いほど良い）：起点と目標値の大小から。同じか起点がないときは
指標名の語（削減・減少・抑制など）から。</li>
<li>目標年度のない目標（文章中の数値目標）は、施策の実施期間の終わりを目標年度とみなし、
それもなければ「期限不明」。</li>
</ul></details>"""

LEGEND = (
    '<div class="legend-chart" aria-hidden="true">'
    '<span><svg width="14" height="14"><rect x="2" y="2" width="10" height="10" fill="#59636e"/>'
    "</svg> 現状値</span>"
    '<span><svg width="14" height="14"><circle cx="7" cy="7" r="4.5" fill="#1a5fb4"/></svg>'
    " 実績値</span>"
    '<span><svg width="14" height="14"><circle cx="7" cy="7" r="4.5" fill="#fff" '
    'stroke="#1a5fb4" stroke-width="2"/></svg> 見込</span>'
    '<span><svg width="16" height="14"><path d="M8 0 L15 7 L8 14 L1 7 Z" fill="#1e7b34"/></svg>'
    " 目標値</span>"
    '<span><svg width="26" height="14"><line x1="1" y1="7" x2="25" y2="7" stroke="#59636e" '
    'stroke-width="1.5" stroke-dasharray="5 4"/></svg> 計画線</span>'
    '<span><svg width="14" height="14"><circle cx="7" cy="7" r="4.5" fill="#fff" '
    'stroke="#b45309" stroke-width="2"/></svg> 修正前の値</span>'
    "</div>"
)


def _summary(figures: Sequence[IndicatorProgress], heading: str) -> str:
    counts = summary(figures)
    total = len(figures)
    stack = "".join(
        f'<span style="flex: {n} 0 0; background: {STATUS_COLOUR[s]}" '
        f'title="{e(labels.STATUS[s].word)} {n}"></span>'
        for s, n in counts.items()
        if n
    )
    legend = "".join(
        f'<li data-status="{e(s)}"><span class="n">{n}</span>{badge(s)}'
        f'<span class="what">{e(labels.STATUS[s].meaning)}</span></li>'
        for s, n in counts.items()
        if n
    )
    return (
        f'<section id="summary"><h2>{e(heading)}</h2>'
        f'<p class="total">指標 <b>{total}</b> 件の状況</p>'
        + (f'<div class="stack" role="img" aria-label="状況の内訳">{stack}</div>' if total else "")
        + f'<ul class="legend">{legend}</ul>{FORMULAS}</section>'
    )


def _overview(sheet: ProgressSheet, figures: Sequence[IndicatorProgress]) -> str:
    rows = []
    by_measure = {m.id: m for m in sheet.measures}
    for f in figures:
        m = by_measure[f.measure_id]
        rows.append(
            f'<tr><td><a href="#m-{e(m.id)}">{e(measure_heading(m))}</a></td>'
            f'<td class="title">{e(m.title)}</td>'
            f'<td><a href="#i-{e(m.id)}-{f.indicator_index}">{e(f.name)}</a></td>'
            f"<td>{badge(f.status)}</td>"
            f'<td class="n">{e(pct(f.rate))}</td></tr>'
        )
    missing = [m for m in sheet.measures if not m.indicators]
    rows += [
        f'<tr><td><a href="#m-{e(m.id)}">{e(measure_heading(m))}</a></td>'
        f'<td class="title">{e(m.title)}</td><td colspan="3">（指標なし）</td></tr>'
        for m in missing
    ]
    return (
        '<section id="overview"><h2>施策と指標の一覧</h2><div class="scroll">'
        '<table class="overview"><thead><tr><th>施策</th><th class="title">施策名</th>'
        "<th>指標</th><th>状況</th><th>達成率</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div></section>"
    )


def _facts(sheet: ProgressSheet, name: str, reports: Sequence[tuple[str, ProgressSheet]]) -> str:
    items = []
    if sheet.municipality:
        items.append(("自治体", sheet.municipality))
    if sheet.plan:
        items.append(("計画", sheet.plan))
    if sheet.plan_term is not None:
        items.append(("計画期", f"第{sheet.plan_term}期"))
    if len(reports) > 1:
        years = [s.report_fiscal_year for _, s in reports]
        items.append(("報告年度", "・".join(era_long(y) for y in years)))
    else:
        items.append(("報告年度", era_long(sheet.report_fiscal_year)))
        items.append(("出典", name))
    return (
        '<dl class="facts">'
        + "".join(f"<div><dt>{e(k)}</dt><dd>{e(v)}</dd></div>" for k, v in items)
        + "</dl>"
    )


# --- several report years ------------------------------------------------------------------


def _histories(
    c: Comparison, figures_by_report: list[list[IndicatorProgress]]
) -> dict[tuple[str, int], History]:
    """For each indicator of the newest report, its history across the reports."""
    newest = c.reports[-1].index
    status = {
        (r, f.measure_id, f.indicator_index): f.status
        for r, figs in enumerate(figures_by_report)
        for f in figs
    }
    rows_by_series: dict[str, dict[int, dict[CellKey, Cell]]] = {}
    revised: dict[str, dict[int, float | int]] = {}
    for row in c.series:
        key: CellKey = (row.role, row.fiscal_year, "見込" in (row.note or "") or row.role == "plan")
        where_text = " ".join(
            x
            for x in (
                f"{row.page}頁" if row.page else "",
                f"{row.line}行" if row.line else "",
                f"{row.sheet}!{row.cell}" if row.cell else "",
            )
            if x
        )
        prev = num(row.previous_value) if row.revised else None
        rows_by_series.setdefault(row.series, {}).setdefault(row.report, {})[key] = Cell(
            row.raw, where_text, prev
        )
        if row.revised and row.role == "actual" and row.fiscal_year is not None:
            revised.setdefault(row.series, {}).setdefault(row.fiscal_year, row.previous_value)  # type: ignore[arg-type]
    out: dict[tuple[str, int], History] = {}
    for sid, members in c.members.items():
        if newest not in members:
            continue
        h = History()
        for rep in c.reports:
            if rep.index in members:
                mid, i = members[rep.index]
                label = f"{era_short(rep.year)}報告"
                h.rows.append((label, rows_by_series[sid][rep.index]))
                h.trend.append((rep.year, status[(rep.index, mid, i)]))
        h.revised = revised.get(sid, {})
        out[members[newest]] = h
    return out


def _comparison(c: Comparison, figures_by_report: list[list[IndicatorProgress]]) -> str:
    rows = []
    for rep, figs in zip(c.reports, figures_by_report, strict=True):
        counts = summary(figs)
        shown = " ".join(f"{badge(s)} {n}" for s, n in counts.items() if n)
        rows.append(
            f'<tr><td>{e(era_long(rep.year))}</td><td class="t">{e(rep.name)}</td>'
            f'<td class="n">{len(figs)}</td><td>{shown}</td></tr>'
        )
    changes = []
    for ch in c.changes:
        if ch.kind == "value-revised":
            what = (
                f"{e((ch.series or '').split('/', 1)[-1])}：{e(labels.ROLE.get(ch.role or '', ''))}"
                f" {e(era_short(ch.fiscal_year))} "
                f'<mark class="revised">{e(ch.before or num(ch.value_before))} → '
                f"{e(ch.after or '（空欄）')}</mark>"
            )
        elif ch.before and ch.after:
            what = f"{e(ch.before)} → {e(ch.after)}"
        else:
            what = e(ch.after or ch.before or "")
        changes.append(
            f'<tr data-kind="{e(ch.kind)}"><td>{e(labels.CHANGE[ch.kind])}</td>'
            f'<td>{e(ch.measure_id)}</td><td class="t">{what}</td>'
            f"<td>{e(era_short(ch.before_report_fiscal_year))}→"
            f"{e(era_short(ch.after_report_fiscal_year))}</td></tr>"
        )
    change_table = (
        '<div class="scroll"><table class="changes"><thead><tr><th>区分</th><th>施策</th>'
        "<th>内容</th><th>報告</th></tr></thead><tbody>"
        + "".join(changes)
        + "</tbody></table></div>"
        if changes
        else "<p>報告年度の間で指標・施策・数値の変更はありません。</p>"
    )
    return (
        '<section id="comparison"><h2>報告年度の比較</h2>'
        '<div class="scroll"><table class="reports"><thead><tr><th>報告年度</th><th>ファイル</th>'
        "<th>指標数</th><th>状況</th></tr></thead><tbody>"
        + "".join(rows)
        + f"</tbody></table></div><h4>変更点（{len(changes)}件）</h4>{change_table}</section>"
    )


def _notes(sheet: ProgressSheet) -> str:
    warnings = [d for d in sheet.diagnostics if d.level in ("warning", "error")]
    if not warnings:
        return ""
    items = "".join(f"<li>{e(d.code)}：{e(d.message)}</li>" for d in warnings)
    return (
        f'<details class="howto"><summary>読み取りの注記（{len(warnings)}件）</summary>'
        f"<ul>{items}</ul></details>"
    )


def render(
    inputs: Sequence[tuple[str, ProgressSheet]],
    *,
    words: Mapping[str, Sequence[str]] | None = None,
    directions: Directions | None = None,
) -> str:
    """The report of one sheet, or of several report years of one plan (the newest in full,
    the others through the comparison), as one HTML document."""
    if not inputs:
        raise ValueError("a report needs at least one sheet")
    comparison = compare(inputs) if len(inputs) > 1 else None
    ordered = [(r.name, r.sheet) for r in comparison.reports] if comparison else list(inputs)
    figures_by_report = [progress(s, words=words, directions=directions) for _, s in ordered]
    name, sheet = ordered[-1]
    figures = figures_by_report[-1]
    histories = _histories(comparison, figures_by_report) if comparison else {}
    by_measure: dict[str, list[IndicatorProgress]] = {}
    for f in figures:
        by_measure.setdefault(f.measure_id, []).append(f)
    sections = [
        measure_section(
            m,
            by_measure.get(m.id, []),
            [histories.get((m.id, i)) for i in range(len(m.indicators))] if histories else None,
        )
        for m in sheet.measures
    ]
    title = sheet.title or "進捗シート"
    span = (
        f"{era_long(ordered[0][1].report_fiscal_year)}〜{era_long(sheet.report_fiscal_year)}"
        if comparison
        else era_long(sheet.report_fiscal_year)
    )
    heading = (
        f"{era_long(sheet.report_fiscal_year)}報告の指標の状況" if comparison else "指標の状況"
    )
    doc = [
        '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="sheetparse {e(__version__)}">',
        f"<title>{e(title)}（{e(span)}）進捗レポート</title>",
        f"<style>{CSS}</style></head><body>",
        '<header class="top"><div class="wrap">',
        f'<p class="kicker">進捗レポート（{e(span)}）</p><h1>{e(title)}</h1>',
        _facts(sheet, name, ordered),
        '</div></header><main class="wrap">',
        _summary(figures, heading),
        _comparison(comparison, figures_by_report) if comparison else "",
        _overview(sheet, figures),
        LEGEND,
        *sections,
        "</main>",
        '<footer><div class="wrap">',
        _notes(sheet),
        f"<p>sheetparse {e(__version__)} が作成。数値はシートに印刷された値、達成率と状況は"
        "sheetparse の計算です（出典：頁・行・セル）。</p>",
        "</div></footer>",
        f"<script>{SCRIPT}</script>",
        "</body></html>",
    ]
    return "".join(doc) + "\n"


__all__ = ["render"]
