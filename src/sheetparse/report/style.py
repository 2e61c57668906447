"""The report's inline stylesheet and its one inline script (open the narratives to print).

System fonts with Japanese glyphs first; one column on a phone, cards side by side on a wide
screen; tables scroll sideways inside their card rather than widen the page; badges keep their
colours in print, and every <details> opens before printing.
"""

from __future__ import annotations

from .charts import STATUS_COLOUR

_BADGES = "\n".join(
    f".badge.{status} {{ background: {colour}; }}" for status, colour in STATUS_COLOUR.items()
)

CSS = (
    """
:root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --soft: #f6f8fa; --head: #0d3b66; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font-size: 16px; line-height: 1.65;
  font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN",
  "Yu Gothic", "Meiryo", system-ui, sans-serif; overflow-wrap: anywhere; }
.wrap { max-width: 1120px; margin: 0 auto; padding: 0 16px; }
header.top { background: var(--head); color: #fff; padding: 18px 0 14px; }
header.top .kicker { margin: 0; font-size: .85rem; opacity: .9; }
h1 { font-size: 1.55rem; line-height: 1.35; margin: .15em 0 .4em; }
h2 { font-size: 1.3rem; line-height: 1.4; margin: 1.6em 0 .5em; padding-bottom: .2em;
  border-bottom: 2px solid var(--head); }
h3 { font-size: 1.05rem; line-height: 1.45; margin: 0 0 .35em; }
h4 { font-size: .98rem; margin: 1.1em 0 .35em; }
dl.facts { display: flex; flex-wrap: wrap; gap: 2px 20px; margin: 0; font-size: .92rem; }
dl.facts div { display: flex; gap: 6px; }
dl.facts dt { opacity: .85; }
dl.facts dd { margin: 0; font-weight: 600; }
.badge { display: inline-block; padding: 0 .6em; border-radius: 999px; color: #fff;
  font-size: .82rem; font-weight: 700; line-height: 1.7; white-space: nowrap;
  vertical-align: middle; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.stack { display: flex; height: 16px; border-radius: 4px; overflow: hidden; margin: 8px 0;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.stack span { display: block; min-width: 3px; }
ul.legend { list-style: none; padding: 0; margin: 8px 0; display: grid; gap: 4px 16px;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 300px), 1fr)); font-size: .9rem; }
ul.legend li { display: flex; gap: 8px; align-items: baseline; }
ul.legend .n { font-weight: 700; min-width: 2.2em; text-align: right; }
ul.legend .what { color: var(--muted); }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; max-width: 100%; }
table { border-collapse: collapse; font-size: .88rem; margin: 6px 0; }
th, td { border: 1px solid var(--line); padding: 3px 7px; vertical-align: top; }
th { background: var(--soft); font-weight: 600; text-align: center; white-space: nowrap; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.t { min-width: 12em; }
small.src { display: block; color: var(--muted); font-size: .7rem; line-height: 1.3;
  font-weight: 400; white-space: nowrap; }
table.overview { width: 100%; }
table.overview td { vertical-align: middle; }
table.overview a { color: inherit; }
table.overview td:first-child, table.overview td:nth-child(4) { white-space: nowrap; }
.measure { margin-top: 8px; }
.measure.sub { margin-left: 16px; }
.meta { color: var(--muted); font-size: .9rem; margin: 0 0 .6em; }
.meta span + span::before { content: " ／ "; }
.indicators { display: grid; gap: 14px;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 520px), 1fr)); }
.indicator { border: 1px solid var(--line); border-radius: 8px; padding: 12px 12px 8px;
  break-inside: avoid; min-width: 0; container-type: inline-size; }
.card > * { min-width: 0; }
@container (min-width: 820px) {
  .card { display: grid; grid-template-columns: minmax(0, 11fr) minmax(0, 10fr); gap: 20px;
    align-items: start; }
}
.indicator h3 .badge { margin-left: .35em; }
svg.chart { display: block; width: 100%; height: auto; margin: 4px 0; }
svg .tick { font-size: 12px; fill: #59636e; }
svg .val { font-size: 12.5px; font-weight: 700; paint-order: stroke; stroke: #fff;
  stroke-width: 3px; stroke-linejoin: round; }
svg.bar { display: block; width: 100%; height: 6px; margin-top: 2px; }
dl.figs { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5em, 1fr));
  gap: 2px 12px; margin: 4px 0 6px; font-size: .88rem; }
dl.figs div { display: flex; flex-direction: column; }
dl.figs dt { color: var(--muted); font-size: .78rem; }
dl.figs dd { margin: 0; font-weight: 700; }
dl.figs dd small { font-weight: 400; color: var(--muted); }
.trend { font-size: .85rem; margin: 4px 0; }
.trend .badge { font-size: .75rem; }
mark.revised { background: #fde68a; color: inherit; padding: 0 2px; border-radius: 3px;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.evals dt { font-weight: 600; margin-top: .5em; }
.evals dd { margin: 0 0 0 1em; }
.grade { display: inline-block; border: 1.5px solid var(--head); border-radius: 4px;
  padding: 0 .5em; font-weight: 700; }
details.narr { border-top: 1px solid var(--line); padding: 6px 0; }
details.narr:last-of-type { border-bottom: 1px solid var(--line); }
details > summary { cursor: pointer; font-weight: 600; }
details.narr ul { margin: .3em 0; padding-left: 1.3em; }
details.narr .fig { color: var(--muted); font-size: .9rem; margin: .2em 0; }
details.howto { background: var(--soft); border-radius: 6px; padding: 8px 12px; margin: 10px 0;
  font-size: .92rem; }
details.howto ul { margin: .4em 0; padding-left: 1.3em; }
.legend-chart { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: .82rem;
  color: var(--muted); margin: 4px 0 10px; }
.legend-chart svg { vertical-align: middle; }
footer { color: var(--muted); font-size: .85rem; margin: 32px 0 24px; }
footer .wrap { border-top: 1px solid var(--line); padding-top: 10px; }
@media (max-width: 640px) {
  body { font-size: 15px; }
  h1 { font-size: 1.25rem; }
  h2 { font-size: 1.12rem; }
  .wrap { padding: 0 10px; }
  .indicator { padding: 10px 8px 6px; }
  .measure.sub { margin-left: 6px; }
  table.overview .title { display: none; }
  svg .tick { font-size: 15px; }
  svg .val { font-size: 16px; }
}
@media print {
  @page { size: A4; margin: 12mm; }
  body { font-size: 11pt; }
  header.top { background: none; color: #000; border-bottom: 2px solid #000; }
  h2 { break-after: avoid; }
  .indicator, tr, details.narr, .evals div { break-inside: avoid; }
  .scroll { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
"""
    + _BADGES
    + "\n"
)

#: open every <details> before printing (a closed one prints only its summary)
SCRIPT = (
    'addEventListener("beforeprint",function(){'
    'document.querySelectorAll("details").forEach(function(d){d.open=true})});'
)
