"""A :class:`~.layout.Book` as the web page a city posts its evaluation sheets on: a CMS page
(site header, breadcrumbs, footer) whose content is each sheet as printed — lines of text, and
each ruled box a ``<table>`` with real ``rowspan``/``colspan`` (only the column boundaries a
table uses), stacked labels in vertical writing, hatched cells drawn with CSS. A print
stylesheet hides the site's chrome and starts each sheet on a new page."""

from __future__ import annotations

import itertools
from html import escape

from .layout import Book, Box, Gap, Grid, Line, Page

_CSS = """\
body { font-family: "Noto Sans CJK JP", "IPAexGothic", sans-serif; font-size: 10pt; }
.sheet { width: 182mm; margin: 0 auto 2em; }
.sheet table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0; }
.sheet th, .sheet td { border: 1px solid #000; padding: 1px 2px; vertical-align: middle;
  font-size: @SIZE@pt; line-height: 1.25; word-break: break-all; }
.sheet th { background: #dce3ec; font-weight: normal; text-align: center; }
.sheet td.num { text-align: right; }
.sheet td.c { text-align: center; }
.sheet .small { font-size: @SMALL@pt; }
.sheet .v { writing-mode: vertical-rl; text-orientation: upright; letter-spacing: 0.2em; }
.sheet td.hatch { background: linear-gradient(to top right, #a6a6a6 calc(50% - 0.6px),
  #000 50%, #a6a6a6 calc(50% + 0.6px)); }
.sheet .line { display: flex; margin: 0; }
.sheet .line p { margin: 2px 0; white-space: nowrap; }
.sheet .box { border: 1px solid #000; padding: 0 1em; }
.sheet .gap { height: 6px; }
@media print {
  @page { size: A4 portrait; margin: 12mm 10mm 12mm 10mm; }
  #tmp_header, #tmp_pankuzu, #tmp_footer, #tmp_inquiry { display: none !important; }
  .sheet { margin: 0; }
  .sheet + .sheet { break-before: page; }
  .sheet table tr { break-inside: avoid; }
}
"""


def _e(text: str) -> str:
    return escape(text, quote=False)


def _cell(b: Box, span: tuple[int, int]) -> str:
    tag = "th" if b.head else "td"
    attrs = []
    rs, cs = b.rs, span[1] - span[0]
    if rs > 1:
        attrs.append(f'rowspan="{rs}"')
    if cs > 1:
        attrs.append(f'colspan="{cs}"')
    classes = []
    if b.hatched:
        classes.append("hatch")
    if not b.head:
        if b.number or b.align == "right":
            classes.append("num")
        elif b.align == "center":
            classes.append("c")
    if b.small:
        classes.append("small")
    if classes:
        attrs.append(f'class="{" ".join(classes)}"')
    style = []
    if b.fill:
        style.append(f"background: #{b.fill}")
    if b.height:
        style.append(f"height: {b.height}pt")
    if style:
        attrs.append(f'style="{"; ".join(style)}"')
    body = "<br>".join(_e(x) for x in b.lines)
    if b.vertical and body:
        body = f'<span class="v">{body}</span>'
    head = " ".join([tag, *attrs])
    return f"<{head}>{body}</{tag}>"


def _table(grid: Grid, widths: tuple[float, ...]) -> list[str]:
    edges = sorted({b.c for b in grid.boxes} | {b.c + b.cs for b in grid.boxes})
    index = {e: i for i, e in enumerate(edges)}
    total = sum(widths[edges[0] : edges[-1]])
    covered: set[tuple[int, int]] = set()
    for b in grid.boxes:
        for r in range(b.r, b.r + b.rs):
            for c in range(b.c, b.c + b.cs):
                if (r, c) in covered:
                    raise ValueError(f"boxes overlap at row {r}, column {c}")
                covered.add((r, c))
    for r in range(grid.n_rows):
        for c in range(edges[0], edges[-1]):
            if (r, c) not in covered:
                raise ValueError(f"no box covers row {r}, column {c}")
    out = ["<table>", "<colgroup>"]
    for a, z in itertools.pairwise(edges):
        out.append(f'<col style="width: {100 * sum(widths[a:z]) / total:.2f}%">')
    out.append("</colgroup>")
    out.append("<tbody>")
    for r in range(grid.n_rows):
        row = sorted((b for b in grid.boxes if b.r == r), key=lambda b: b.c)
        cells = "".join(_cell(b, (index[b.c], index[b.c + b.cs])) for b in row)
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody>")
    out.append("</table>")
    return out


def _line(ln: Line, widths: tuple[float, ...]) -> str:
    total = sum(widths)
    cells = []
    at = 0
    for p in ln.pieces:
        left = 100 * sum(widths[at : p.c]) / total
        width = 100 * sum(widths[p.c : p.c + p.cs]) / total
        at = p.c + p.cs
        style = [f"width: {width:.2f}%", f"text-align: {p.align}", f"font-size: {p.size}pt"]
        if left:
            style.append(f"margin-left: {left:.2f}%")
        if p.bold:
            style.append("font-weight: bold")
        text = _e(p.text)
        if p.boxed:
            head, _, number = p.text.rpartition(" ")
            text = f'{_e(head)} <span class="box">{_e(number)}</span>' if head else text
        cells.append(f'<p style="{"; ".join(style)}">{text}</p>')
    return f'<div class="line">{"".join(cells)}</div>'


def _page(page: Page, widths: tuple[float, ...]) -> list[str]:
    out = ['<div class="sheet">']
    for b in page.blocks:
        if isinstance(b, Grid):
            out += _table(b, widths)
        elif isinstance(b, Line):
            out.append(_line(b, widths))
        elif isinstance(b, Gap):
            out.append('<div class="gap"></div>')
    out.append("</div>")
    return out


def render_html(book: Book, city: str, crumbs: tuple[str, ...]) -> bytes:
    """The page's bytes (UTF-8)."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="ja">',
        "<head>",
        '<meta charset="UTF-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(book.title)} | {_e(city)}</title>",
        "<style>",
        _CSS.rstrip()
        .replace("@SIZE@", f"{book.font_size:g}")
        .replace("@SMALL@", f"{book.font_size - 1:g}"),
        "</style>",
        "</head>",
        "<body>",
        '<header id="tmp_header">',
        f'<div id="tmp_hlogo"><p><a href="/index.html">{_e(city)}</a></p></div>',
        "</header>",
        '<div id="tmp_pankuzu"><p>'
        + " &gt; ".join(f'<a href="/{k}/index.html">{_e(c)}</a>' for k, c in enumerate(crumbs))
        + f" &gt; <span>{_e(book.title)}</span></p></div>",
        '<div id="tmp_main">',
        '<div id="tmp_contents">',
    ]
    for page in book.pages:
        out += _page(page, book.widths)
    out += [
        '<div id="tmp_inquiry">',
        '<div id="tmp_inquiry_ttl"><p>このページに関するお問い合わせ</p></div>',
        f'<div id="tmp_inquiry_cnt"><p>{_e(book.department)}</p></div>',
        "</div>",
        "</div>",
        "</div>",
        '<footer id="tmp_footer">',
        f"<address>{_e(city)}役所</address>",
        "</footer>",
        "</body>",
        "</html>",
    ]
    return ("\n".join(out) + "\n").encode("utf-8")


__all__ = ["render_html"]
