"""A ProgressSheet JSON as a municipal-CMS HTML page (header, navigation, breadcrumbs, footer
around the sheet; tables with real rowspan/colspan; <ul>/<p>/<br> in cells; figures)."""

from __future__ import annotations

from html import escape

from .sheet import ACTORS, ApproachRow, IndicatorTable, Json, MeasureView, OrgTable, policies
from .style import Style

_CSS = """\
#tmp_contents table { border-collapse: collapse; width: 100%; margin: 0 0 1.5em; }
#tmp_contents th, #tmp_contents td { border: 1px solid #555; padding: 4px 6px;
  vertical-align: top; }
#tmp_contents th { background: #eef3e8; }
#tmp_contents td.num { text-align: right; }
#tmp_contents ul { margin: 0; padding-left: 1.2em; }
"""


def _e(text: str) -> str:
    return escape(text, quote=False)


class _Out:
    """Indented HTML lines (one element per line, so source lines mean something)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, line: str, indent: int = 0) -> None:
        self.lines.append(" " * indent + line)


def _cell_html(n: Json | None, style: Style, image: str) -> str:
    """A narrative's items and figures as cell content."""
    if n is None:
        return ""
    items: list[str] = n["items"]
    figures: list[str] = n["figures"]
    if not items and not figures:
        return f'<img src="{image}" alt="写真" width="320" height="180">'
    out = []
    if style.cell_lists == "ul":
        if len(items) == 1:
            out.append(f"<p>{_e(items[0])}</p>")
        elif items:
            out.append('<ul style="list-style-type: none">')
            out += [f"<li>{_e(i)}</li>" for i in items]
            out.append("</ul>")
        for k, cap in enumerate(figures):
            out.append(f'<p><img src="{image}-{k + 1}.jpg" alt="" width="240"></p>')
            out.append(f"<p>▲{_e(cap)}</p>")
        return "".join(out)
    lines = [_e(items[0])] if len(items) == 1 else [f"・{_e(i)}" for i in items]
    for k, cap in enumerate(figures):
        lines.append(f'<img src="{image}-{k + 1}.jpg" alt="" width="240">')
        lines.append(f"▲{_e(cap)}")
    return "<br>".join(lines)


def _org_table(o: _Out, org: OrgTable, style: Style, mid: str) -> None:
    o('<table class="datatable">', 4)
    o("<thead>", 4)
    o(
        f'<tr><th rowspan="2" scope="col">{_e(style.actor_header)}</th>'
        f'<th colspan="3" scope="colgroup">{_e(style.process_header)}</th></tr>',
        4,
    )
    o(
        "<tr>"
        + "".join(
            f'<th scope="col">{_e(org.labels[k])}</th>'
            for k in ("mindset_change", "behavior_change", "outcome")
        )
        + "</tr>",
        4,
    )
    o("</thead>", 4)
    o("<tbody>", 4)
    for i, actor in enumerate(ACTORS):
        cells = [f'<th scope="row">{_e(style.actor(actor))}</th>']
        for kind in ("mindset_change", "behavior_change"):
            n = org.cells.get((kind, actor))
            cells.append(f"<td>{_cell_html(n, style, f'images/{mid}-{kind}-{i}')}</td>")
        if org.merged_outcome is not None:
            if i == 0:
                content = _cell_html(org.merged_outcome, style, f"images/{mid}-outcome")
                cells.append(f'<td rowspan="{len(ACTORS)}">{content}</td>')
        else:
            n = org.cells.get(("outcome", actor))
            cells.append(f"<td>{_cell_html(n, style, f'images/{mid}-outcome-{i}')}</td>")
        o("<tr>" + "".join(cells) + "</tr>", 4)
    o("</tbody>", 4)
    o("</table>", 4)


def _indicator_table(o: _Out, t: IndicatorTable, style: Style) -> None:
    years = t.actual_years
    o('<table class="datatable">', 4)
    o("<thead>", 4)
    head = [f'<th rowspan="2" scope="col">{_e(style.name_header)}</th>']
    if t.unit_column:
        head.append(f'<th rowspan="2" scope="col">{_e(style.unit_header)}</th>')
    if t.baseline_year is not None:
        head.append(
            f'<th rowspan="2" scope="col">{_e(style.baseline_word)}<br>'
            f"{_e(style.year_paren(t.baseline_year))}</th>"
        )
    if years:
        head.append(f'<th colspan="{len(years)}" scope="colgroup">{_e(style.actual_word)}</th>')
    if t.target_year is not None:
        head.append(
            f'<th rowspan="2" scope="col">{_e(style.target_word)}<br>'
            f"{_e(style.year_paren(t.target_year))}</th>"
        )
    o("<tr>" + "".join(head) + "</tr>", 4)
    o("<tr>" + "".join(f'<th scope="col">{_e(style.year(y))}</th>' for y in years) + "</tr>", 4)
    o("</thead>", 4)
    o("<tbody>", 4)
    for ind in t.indicators:
        cells = [f"<td>{_e(ind['name'])}</td>"]
        if t.unit_column:
            cells.append(f"<td>{_e(ind.get('unit') or '')}</td>")
        obs = []
        if t.baseline_year is not None:
            obs.append(ind.get("baseline"))
        obs += ind["actuals"]
        if t.target_year is not None:
            obs.append(ind.get("target"))
        for ob in obs:
            raw = ob["raw"] if ob else ""
            cells.append(f'<td class="num">{_e(raw)}</td>' if raw else "<td></td>")
        o("<tr>" + "".join(cells) + "</tr>", 4)
    o("</tbody>", 4)
    o("</table>", 4)


def _approach_table(o: _Out, rows: list[ApproachRow], style: Style, mid: str) -> None:
    o('<table class="datatable">', 4)
    o("<thead>", 4)
    o(
        f'<tr><th scope="col">{_e(style.actor_header)}</th>'
        + "".join(f'<th scope="col">{_e(style.actor(a))}</th>' for a in ACTORS)
        + "</tr>",
        4,
    )
    o("</thead>", 4)
    o("<tbody>", 4)
    for i, row in enumerate(rows):
        cells = [f'<th scope="row">{_e(row.label)}</th>']
        if row.merged is not None:
            content = _cell_html(row.merged, style, f"images/{mid}-approach-{i}")
            cells.append(f'<td colspan="{len(ACTORS)}">{content}</td>')
        else:
            for j, actor in enumerate(ACTORS):
                n = row.per_actor.get(actor)
                cells.append(f"<td>{_cell_html(n, style, f'images/{mid}-approach-{i}-{j}')}</td>")
        o("<tr>" + "".join(cells) + "</tr>", 4)
    o("</tbody>", 4)
    o("</table>", 4)


def _heading(o: _Out, text: str, style: Style, level: int) -> None:
    if style.heading_markup == "h":
        o(f"<h{level}>{_e(text)}</h{level}>", 4)
    else:
        o(f"<p><strong>{_e(text)}</strong></p>", 4)


def _measure(o: _Out, m: MeasureView, style: Style) -> None:
    _heading(o, style.heading(m.policy, m.number, m.title), style, 2)
    if m.direction is not None:
        label = style.direction_label(m.direction["label"])
        if style.heading_markup == "h":
            o(f"<h3>{_e(label)}</h3>", 4)
        else:
            o(f"<p><strong>{_e(label)}</strong></p>", 4)
        for item in m.direction["items"]:
            o(f"<p>{_e(item)}</p>", 4)
    if m.org is not None:
        _heading(o, style.org_title.format(number=m.number), style, 4)
        _org_table(o, m.org, style, m.id)
    if m.indicators is not None:
        _indicator_table(o, m.indicators, style)
    if m.approach:
        _heading(o, style.approach_title, style, 4)
        _approach_table(o, m.approach, style, m.id)
    for k, cap in enumerate(m.figures):
        src = f"images/{m.id}-figure-{k + 1}.png"
        if style.captions == "figure":
            o('<figure class="img_figure">', 4)
            o(f'<img src="{src}" alt="" width="480">', 6)
            o(f"<figcaption>▲{_e(cap)}</figcaption>", 6)
            o("</figure>", 4)
        else:
            o(f'<p class="img_center"><img src="{src}" alt="" width="480"></p>', 4)
            o(f'<p class="caption">▲{_e(cap)}</p>', 4)


def render_html(sheet: Json, style: Style, charset: str = "utf-8") -> bytes:
    """The page's bytes in ``charset`` (characters outside it as numeric references)."""
    title = sheet["title"]
    o = _Out()
    o("<!DOCTYPE html>")
    o('<html lang="ja">')
    o("<head>")
    if charset.lower() in ("utf-8", "utf8"):
        o('<meta charset="UTF-8">')
    else:
        label = {"cp932": "Shift_JIS", "shift_jis": "Shift_JIS", "euc_jp": "EUC-JP"}[
            charset.lower()
        ]
        o(f'<meta http-equiv="Content-Type" content="text/html; charset={label}">')
    o('<meta name="viewport" content="width=device-width, initial-scale=1">')
    o(f"<title>{_e(title)} | {_e(style.city)}</title>")
    o('<link rel="stylesheet" href="/shared/style/default.css">')
    o("<style>")
    o(_CSS.rstrip())
    o("</style>")
    o('<script src="/shared/js/common.js"></script>')
    o("</head>")
    o('<body class="format_free">')
    o('<div id="tmp_wrapper">')
    o(
        "<noscript><p>このサイトではJavaScriptを使用したコンテンツ・機能を提供しています。"
        "JavaScriptを有効にするとご利用いただけます。</p></noscript>"
    )
    o('<header id="tmp_header">')
    o('<p class="skip"><a href="#tmp_contents">本文へスキップします。</a></p>', 2)
    o(
        f'<div id="tmp_hlogo"><p><a href="/index.html"><span>{_e(style.city)}</span></a></p></div>',
        2,
    )
    o(
        '<ul id="tmp_means"><li><a href="/foreign/index.html">Foreign Language</a></li>'
        '<li><a href="/moji.html">文字サイズ・色合い変更</a></li></ul>',
        2,
    )
    o(
        '<form id="tmp_search" action="/search/result.html"><label for="tmp_query">'
        'サイト内検索</label><input id="tmp_query" name="q" type="text">'
        '<input type="submit" value="検索"></form>',
        2,
    )
    o("</header>")
    o(
        '<nav id="tmp_gnavi"><ul>'
        + "".join(
            f'<li><a href="/{k}/index.html">{_e(t)}</a></li>'
            for k, t in enumerate(
                ("くらし・手続き", "子育て・教育", "健康・福祉", "観光・文化・スポーツ", "市政情報")
            )
        )
        + "</ul></nav>"
    )
    crumbs = " &gt; ".join(
        f'<a href="/{k}/index.html">{_e(c)}</a>' for k, c in enumerate(style.breadcrumbs)
    )
    o(f'<div id="tmp_pankuzu"><p>{crumbs} &gt; <span>{_e(title)}</span></p></div>')
    o('<div id="tmp_main">')
    o('<div class="col_main">', 2)
    o(f'<p id="tmp_update">更新日：{_e(style.updated)}</p>', 2)
    o('<div id="tmp_contents">', 2)
    o(f"<h1>{_e(title)}</h1>", 4)
    for measures in policies(sheet).values():
        for m in measures:
            _measure(o, m, style)
    o('<div id="tmp_inquiry">', 4)
    o('<div id="tmp_inquiry_ttl"><p>このページに関するお問い合わせ</p></div>', 6)
    o(
        f'<div id="tmp_inquiry_cnt"><p>{_e(style.department)}</p>'
        f"<p>電話番号：{_e(style.phone)}</p>"
        '<p><a href="/contact/form.html">お問い合わせフォーム</a></p></div>',
        6,
    )
    o("</div>", 4)
    o("</div>", 2)
    o("</div>", 2)
    o(
        '<nav id="tmp_lnavi"><p class="ttl">地域福祉</p><ul>'
        '<li><a href="/fukushi/keikaku.html">地域福祉計画</a></li>'
        '<li><a href="/fukushi/shakyo.html">社会福祉協議会</a></li></ul></nav>',
        2,
    )
    o("</div>")
    o('<footer id="tmp_footer">')
    o(
        '<ul id="tmp_fnavi"><li><a href="/policy.html">サイトポリシー</a></li>'
        '<li><a href="/privacy.html">個人情報の取り扱い</a></li>'
        '<li><a href="/sitemap.html">サイトマップ</a></li></ul>',
        2,
    )
    o(f"<address>{_e(style.city)}役所　電話：{_e(style.phone)}（代表）</address>", 2)
    o(
        f'<p id="tmp_copyright" lang="en">Copyright &copy; {_e(style.city)} '
        "All Rights Reserved.</p>",
        2,
    )
    o("</footer>")
    o("</div>")
    o("</body>")
    o("</html>")
    text = "\n".join(o.lines) + "\n"
    return text.encode(charset, errors="xmlcharrefreplace")
