"""HTML reader: a sheet published as a web page (a municipal CMS page, an exported workbook).

Bytes are decoded as a browser would (BOM, the declared charset read through the WHATWG label
table, Shift_JIS as cp932, detection where the declaration is missing or wrong; see
:mod:`sheetparse.encoding`) and parsed with lxml.html, which — unlike BeautifulSoup's lxml
builder — keeps each element's source line. The parser never touches the network and never
loads a DTD or an external entity; libxml2's nesting limit stays on (no ``huge_tree``): where a
document nests deeper than it follows, the too-deep markup is flattened to its text first and
a ``nesting-too-deep`` diagnostic says so, so no text is lost.

Layout: site chrome (header, navigation, breadcrumbs, update date, inquiry box, footer, hidden
and script content) is left out as :class:`~sheetparse.blocks.Skipped` ``chrome``; text outside
tables becomes one text block per heading, paragraph, list item or ``<br>`` line (bold-only
paragraphs count as headings, ``<figcaption>`` and ``▲`` lines as captions); data tables
become grids with rowspan/colspan expanded, cells read by the same code as the Markdown
reader's inline HTML; layout tables (tables holding tables, one-column tables) are read as
the text they hold; a row printed as one cell across a whole table is a line of text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache, partial
from itertools import pairwise

from lxml import etree

from ... import diagnostics as dg
from ...blocks import Cell, Document, Loc, Part, Skipped, TableBlock, TextBlock
from ...chrome import CHROME_WORDS
from ...encoding import declared_charset, decode
from ...errors import InputTooLarge
from ...limits import DEFAULT_LIMITS, Limits
from ...textutil import CAPTION_MARK, collapse_ws, soft_breaks
from ..grid import (
    Placed,
    continuation_columns,
    continuation_rows,
    cover,
    filled,
    is_text_row,
    layout,
    owners,
    segment,
    text_blocks,
)
from .css import BOLD_STYLE, PageStyles, cell_heading, table_ruled
from .depth import LIBXML2_MAX_DEPTH, flatten_deep, parse_page
from .inline import BLOCK_TAGS, parts_from_element, tag_name, text_of

_SKIP = frozenset(
    {
        "script",
        "style",
        "template",
        "head",
        "title",
        "meta",
        "link",
        "base",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "video",
        "audio",
        "map",
        "select",
        "textarea",
        "button",
        "input",
        "option",
        "datalist",
        "param",
        "source",
        "track",
        "rt",
        "rp",
    }
)
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "noscript", "menu"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "complementary"})
#: id/class words of site chrome, from the one table of chrome kinds (shared with the PDF reader)
_CHROME_WORDS = CHROME_WORDS
#: words that mark site chrome only outside the content (a content section has headers too)
_WEAK_CHROME_WORDS = frozenset({"header", "footer", "head", "foot"})
_MAIN_TAGS = frozenset({"main", "article"})
#: id/class words of the element that holds a CMS page's content
_MAIN_WORDS = frozenset(
    {
        "main",
        "contents",
        "content",
        "maincontents",
        "maincontent",
        "article",
        "honbun",
        "entry",
        "entrybody",
        "pagebody",
    }
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BOLD_TAGS = frozenset({"b", "strong"})
_TOKEN = re.compile(r"[A-Za-z][a-z]*|[A-Z]+(?![a-z])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_C1_REF = re.compile(r"&#(?:(1[2-5]\d)|[xX]([89][0-9A-Fa-f]));")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


#: all text inside an element (what lxml.html's ``text_content()`` gives)
_string = etree.XPath("string()", smart_strings=False)


_tag = tag_name


def _words(el: etree._Element) -> frozenset[str]:
    """Lower-case words of an element's id and classes (``tmp_pankuzu`` → tmp, pankuzu;
    ``globalNav`` → global, nav, globalnav)."""
    ident, classes = el.get("id"), el.get("class")
    if not ident and not classes:
        return frozenset()
    return _attr_words(ident, classes)


@lru_cache(maxsize=1024)  # a page repeats its class names
def _attr_words(ident: str | None, classes: str | None) -> frozenset[str]:
    out: set[str] = set()
    for attr in (ident, classes):
        if not attr:
            continue
        for token in re.split(r"[\s]+", attr):
            if not token:
                continue
            flat = re.sub(r"[^a-z0-9]", "", token.lower())
            out.add(flat)
            parts = [w.lower() for w in _TOKEN.findall(token)]
            out.update(parts)
            out.update(a + b for a, b in pairwise(parts))
    return frozenset(out)


def _c1_to_cp1252(m: re.Match[str]) -> str:
    """``&#150;`` means what Windows-1252 puts at 150 (``–``), as browsers read it."""
    code = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
    try:
        ch = bytes([code]).decode("cp1252")
    except UnicodeDecodeError:
        return m.group(0)
    return f"&#{ord(ch)};"


_EXPORTER_FURNITURE = re.compile(r"^(?:Overview|概要|Sheet\s*\d+\s*:.*|シート\s*\d+\s*:.*)$")


# --- the walk -------------------------------------------------------------------------------


class _Reader:
    """One pass over a parsed page, producing the document's blocks in reading order."""

    def __init__(
        self, doc: Document, limits: Limits, n_h1: int, css: PageStyles, exported: bool = False
    ) -> None:
        self.doc = doc
        self.limits = limits
        self.max_depth = min(limits.max_depth or LIBXML2_MAX_DEPTH, LIBXML2_MAX_DEPTH)
        self.n_h1 = n_h1
        self.css = css
        #: a page a spreadsheet program exported (its sheet headings are furniture)
        self.exported = exported
        #: (text, bold, in-page link) runs of the line being read
        self.segments: list[tuple[str, bool, bool]] = []
        self.line: int | None = None
        self.caption = False
        self.too_deep_reported = False
        #: one Loc per source line (a Loc is a value; a table's row of cells shares a line)
        self.locs: dict[int | None, Loc] = {}
        #: a text-only cell's parts by its text: parts are values, and cells of one text (a
        #: page repeats its labels, years and numbers) share them, made once
        self.text_parts: dict[str, tuple[Part, ...]] = {}

    # -- text outside tables ------------------------------------------------------------------

    def inline(self, text: str | None, line: int | None, bold: bool, link: bool = False) -> None:
        if not text:
            return
        if not self.segments and text.isspace() and not collapse_ws(text):
            return  # layout white space opening a line: the line is trimmed of it anyway
        if self.line is None and text.strip():
            self.line = line
        self.segments.append((text, bold, link))

    def flush(self) -> None:
        segments, self.segments = self.segments, []
        line, self.line = self.line, None
        caption, self.caption = self.caption, False
        if not segments:  # (most flushes: between blocks, or of the white space around them)
            return
        raw = "".join([t for t, _, _ in segments])
        if raw.isspace() and not collapse_ws(raw):
            return
        text = collapse_ws(soft_breaks(raw).replace("\u200b", ""))
        if not text:
            return
        filled = [(b, k) for t, b, k in segments if t.strip()]
        if all(k for _, k in filled):
            # a line made only of in-page links: a table of contents, not the sheet
            self.doc.skipped.append(Skipped(text, "chrome", Loc(line=line)))
        elif caption or text.startswith(CAPTION_MARK):
            self.doc.blocks.append(TextBlock(text, "caption", Loc(line=line)))
        elif all(b for b, _ in filled):
            self.doc.blocks.append(TextBlock(text, "heading", Loc(line=line)))
        else:
            self.doc.blocks.append(TextBlock(text, "paragraph", Loc(line=line)))

    def heading(self, el: etree._Element, level: int) -> None:
        self.flush()
        text = collapse_ws(soft_breaks(text_of(el)))
        if self.exported and _EXPORTER_FURNITURE.match(text):
            self.doc.skipped.append(Skipped(text, "chrome", Loc(line=el.sourceline)))
            return
        if text:
            kind = "caption" if text.startswith(CAPTION_MARK) else "heading"
            self.doc.blocks.append(TextBlock(text, kind, Loc(line=el.sourceline), level))

    def skip(self, el: etree._Element) -> None:
        """Record an element's text as chrome (left out, but accounted for)."""
        text = collapse_ws(_string(el) if _tag(el) == "noscript" else text_of(el))
        if text:
            self.doc.skipped.append(Skipped(text, "chrome", Loc(line=el.sourceline)))

    def loc(self, line: int | None) -> Loc:
        loc = self.locs.get(line)
        if loc is None:
            loc = self.locs[line] = Loc(line=line)
        return loc

    # -- chrome ----------------------------------------------------------------------------

    def is_chrome(self, el: etree._Element, tag: str, in_main: bool) -> bool:
        """Site furniture rather than the page's content: hidden elements, navigation, site
        header and footer, breadcrumbs, update dates, share buttons, inquiry boxes."""
        if el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or ""):
            return True
        role = (el.get("role") or "").lower()
        if role == "main":
            return False
        words = _words(el)
        weak = False
        if tag in _CHROME_TAGS:
            if in_main and tag in ("header", "footer"):
                return False  # an article's own header holds its heading
        elif role in _CHROME_ROLES or words & _CHROME_WORDS:
            pass
        elif words & _WEAK_CHROME_WORDS:
            weak = True  # "header"/"footer" in a class name: also section headers of content
        else:
            return False
        if tag == "noscript":
            return True
        # keep what holds the page's content: a table, the page's heading, or (for a class
        # that only says "header") any heading
        if el.find(".//table") is not None:
            return False
        if el.find(".//h1") is not None and (self.n_h1 == 1 or in_main):
            return False
        return not (weak and (in_main or any(el.find(f".//h{n}") is not None for n in range(2, 7))))

    # -- the tree --------------------------------------------------------------------------

    def walk(
        self,
        el: etree._Element,
        depth: int = 0,
        bold: bool = False,
        in_main: bool = False,
        link: bool = False,
    ) -> None:
        """Read an element's content into blocks."""
        text = el.text
        if text:
            self.inline(text, el.sourceline, bold, link)
        for child in el:
            tag = _tag(child)
            if tag and tag not in _SKIP:
                self.element(child, tag, depth + 1, bold, in_main, link)
            text = child.tail
            if text:
                self.inline(text, child.sourceline, bold, link)

    def element(
        self,
        el: etree._Element,
        tag: str,
        depth: int,
        bold: bool,
        in_main: bool,
        link: bool = False,
    ) -> None:
        # an element with no attributes is chrome only by its name, and bold, content or an
        # in-page link only by its name (most elements of a page's content)
        plain = not el.keys()
        if (not plain or tag in _CHROME_TAGS) and self.is_chrome(el, tag, in_main):
            self.flush()
            self.skip(el)
            return
        if depth > self.max_depth:
            self.too_deep(el)
            self.inline(text_of(el), el.sourceline, bold)
            return
        if tag == "br":
            self.flush()
            return
        if tag in _HEADINGS:
            self.heading(el, _HEADINGS[tag])
            return
        if tag == "table":
            self.flush()
            self.table(el, depth, in_main)
            return
        if plain:
            bold = bold or tag in _BOLD_TAGS
            in_main = in_main or tag in _MAIN_TAGS
        else:
            bold = bold or tag in _BOLD_TAGS or bool(BOLD_STYLE.search(el.get("style") or ""))
            in_main = (
                in_main
                or tag in _MAIN_TAGS
                or (el.get("role") or "").lower() == "main"
                or bool(_words(el) & _MAIN_WORDS)
            )
            link = link or (tag == "a" and (el.get("href") or "").startswith("#"))
        if tag in BLOCK_TAGS:
            self.flush()
            if tag == "figcaption":
                self.caption = True
            self.walk(el, depth, bold, in_main, link)
            if tag == "figcaption":
                self.caption = True
            self.flush()
        else:
            self.walk(el, depth, bold, in_main, link)

    def too_deep(self, el: etree._Element) -> None:
        if self.too_deep_reported:
            return
        self.too_deep_reported = True
        self.doc.diagnostics.append(
            dg.make(
                "warning",
                "nesting-too-deep",
                f"Markup nested deeper than {self.max_depth} levels; the text inside is read as "
                "plain text without its inner structure.",
                Loc(line=el.sourceline),
            )
        )

    # -- tables ----------------------------------------------------------------------------

    def table(self, el: etree._Element, depth: int, in_main: bool) -> None:
        rows = _rows(el)
        if _is_layout(el, rows):
            for caption in el.iterchildren("caption"):
                self.element(caption, "caption", depth + 1, False, in_main)
            for tr, _, _ in rows:
                for cell in tr:
                    if _tag(cell) in ("td", "th"):
                        self.flush()
                        self.walk(cell, depth + 2, False, in_main)
                        self.flush()
            return
        for caption in el.iterchildren("caption"):
            self.flush()
            self.walk(caption, depth + 1, False, in_main)
            self.flush()
        self.data_table(el, rows)

    def data_table(self, el: etree._Element, rows: list[_Row]) -> None:
        placing = self.place_cells(el, rows)
        if not placing.elements:
            return
        n_rows, n_cols = len(rows), placing.n_cols
        max_cells = self.limits.max_cells
        if placing.plain:
            # one table of every row and column (most tables): the grid placing laid out
            if max_cells is not None and n_rows * n_cols > max_cells:  # (as layout() checks)
                raise InputTooLarge(
                    f"a table has more than {max_cells:,} cells ({n_rows:,} rows × "
                    f"{n_cols:,} columns); raise the max_cells limit if this file is genuine"
                )
            self.doc.blocks.append(
                TableBlock(placing.finished_grid(), Loc(line=el.sourceline), placing.header_rows)
            )
            return
        placed = placing.placed(self.css, table_ruled(el))
        ruled_cells = [p for p in placed if p.ruled]
        # (the unruled cells looked at only where rulings are drawn: most tables have none)
        if len(ruled_cells) >= 2 and any(not p.ruled and not p.is_empty for p in placed):
            # a sheet exported as one big table (spreadsheet HTML): rulings tell text rows
            # from the tables typed between them
            blocks: Iterator[TextBlock | TableBlock] = segment(
                placed, range(n_rows), range(n_cols), max_cells=max_cells
            )
        else:
            blocks = split_table(
                placed,
                n_rows,
                n_cols,
                Loc(line=el.sourceline),
                placing.header_rows,
                max_cells=max_cells,
                owner=owners(placed),
            )
        self.doc.blocks.extend(blocks)

    def place_cells(self, el: etree._Element, rows: list[_Row]) -> _Placing:
        """The table's cells at their grid positions (HTML rowspan/colspan layout), laid out
        as the table block of every row and column as they are placed, with what tells
        whether that is the table (:attr:`_Placing.plain`)."""
        ruled_table = table_ruled(el)
        n_rows = len(rows)
        #: the grid's rows, each as long as its cells reach so far (None: no cell shows there)
        grid: list[list[Cell | None]] = [[] for _ in range(n_rows)]
        placing = _Placing(grid)
        elements = placing.elements
        n_cols = header_rows = n_ruled = widest_first = 0
        starts: set[int] = set()  # columns in which a cell begins
        every_row = True  # a cell begins in every row below the first
        max_cells = self.limits.max_cells
        css, locs, shared = self.css, self.locs, self.text_parts
        ruled_classes = css.ruled_classes
        for r, (_, in_head, cells) in enumerate(rows):
            line_cells = grid[r]
            c = 0
            began = False
            for td in cells:
                # the attribute names asked once: most cells have none of those read here
                # (a scope, a class), and then none is looked up
                names = td.keys()
                style = rowspan = colspan = None
                if names and not _CELL_ATTRS.isdisjoint(names):
                    if "hidden" in names:
                        self.skip(td)
                        continue
                    if "style" in names:
                        style = td.get("style")
                        if style and _HIDDEN_STYLE.search(style):
                            self.skip(td)
                            continue
                    if "rowspan" in names:
                        rowspan = td.get("rowspan")
                    if "colspan" in names:
                        colspan = td.get("colspan")
                n = len(line_cells)
                while c < n and line_cells[c] is not None:  # (taken by a cell from above)
                    c += 1
                rs = 1 if rowspan is None else min(_span(rowspan, 65534, n_rows - r), n_rows - r)
                cs = 1 if colspan is None else _span(colspan, 1000)
                if max_cells is not None and (c + cs) * n_rows > max_cells:
                    raise InputTooLarge(
                        f"a table has more than {max_cells:,} cells; raise the max_cells limit "
                        "if this file is genuine"
                    )
                line = td.sourceline
                loc = locs.get(line)
                if loc is None:
                    loc = locs[line] = Loc(line=line)
                if len(td):
                    parts = parts_from_element(td)
                elif text := td.text:  # text only (most cells): what parts_from_element gives
                    parts = shared.get(text)  # (a page repeats its labels, years, numbers)
                    if parts is None:
                        flat = collapse_ws(soft_breaks(text))
                        parts = shared[text] = (Part("text", flat),) if flat else ()
                else:
                    parts = ()
                # the cells ruled, counted where the table says nothing and its style or a
                # class could (where it rules all, no cell is unruled: nothing to segment by)
                if not ruled_table and (style or ruled_classes) and css.ruled(td):
                    n_ruled += 1
                elements.append(td)
                if c == n and rs == 1 and cs == 1:  # (most cells: one more at the row's end)
                    line_cells.append(Cell(parts, loc, 1, 1))
                else:
                    if n < c + cs:
                        line_cells.extend([None] * (c + cs - n))
                    line_cells[c] = Cell(parts, loc, rs, cs)
                    if rs > 1 or cs > 1:
                        cover(grid, r, c, rs, cs, loc)
                    if not c and cs > widest_first:
                        widest_first = cs
                starts.add(c)
                began = True
                c += cs
                if c > n_cols:
                    n_cols = c
            if r and not began:
                every_row = False
            if in_head and r == header_rows:
                header_rows += 1
        placing.n_cols = n_cols
        placing.header_rows = header_rows
        starts.discard(0)
        placing.plain = (
            n_rows > 1
            and n_cols > 1
            and widest_first < n_cols  # no cell across the whole width: no line of text
            and len(starts) == n_cols - 1  # a cell begins in each column: none continues one
            and every_row  # and in each row: none continues one
            and n_ruled < 2  # no rulings telling text from tables (or all cells ruled)
        )
        return placing


class _Placing:
    """A table's cells as placed, laid out on a grid of every row and column, which is the
    table's block where :attr:`plain`."""

    def __init__(self, grid: list[list[Cell | None]]) -> None:
        #: the grid's rows: a placed cell at its top-left position, covered positions, None
        #: where no cell shows (yet)
        self.grid = grid
        #: the placed cells' elements, in the order placed (the grid's row-major order)
        self.elements: list[etree._Element] = []
        self.n_cols = 0
        self.header_rows = 0
        #: the table is one table block of all its rows and columns, as :func:`split_table`
        #: would give it: more than one row and column, no row printed as one cell across the
        #: table, no row or column that only continues merged cells, no rulings to segment by
        self.plain = False

    def placed(self, css: PageStyles, ruled_table: bool | None) -> list[Placed]:
        """The placed cells as :class:`~..grid.Placed` (for a table that is not one block)."""
        out: list[Placed] = []
        elements = iter(self.elements)
        for r, line in enumerate(self.grid):
            for c, cell in enumerate(line):
                if cell is None or cell.covered_by is not None:
                    continue
                td = next(elements)
                out.append(
                    Placed(
                        r,
                        c,
                        cell.rowspan,
                        cell.colspan,
                        cell.parts,
                        cell.loc,
                        ruled_table or css.ruled(td),
                        # asked only of a cell printed outside a table (few are)
                        heading_of=partial(cell_heading, td, css),
                    )
                )
        return out

    def finished_grid(self) -> tuple[tuple[Cell, ...], ...]:
        """The grid with every row as wide as the table, positions no cell covers as empty
        cells located like the nearest cell on their left (as :func:`~..grid.layout` does)."""
        n_cols = self.n_cols
        out = []
        for row in self.grid:
            if len(row) < n_cols:
                row.extend([None] * (n_cols - len(row)))
            out.append(filled(row))
        return tuple(out)


_SPAN = re.compile(r"\s*(\d+)")


#: a span as pages write it ("2"), and the number it is: no pattern matched for those
_SPAN_NUMBERS = {str(n): n for n in range(1, 1000)}


def _span(value: str | None, cap: int, rest: int | None = None) -> int:
    """A rowspan/colspan attribute as browsers read it (``0`` rowspan: to the section end)."""
    if value is None:
        return 1
    n = _SPAN_NUMBERS.get(value)
    if n is None:
        m = _SPAN.match(value)
        if not m:
            return 1
        n = int(m.group(1)[:6])
        if n == 0:
            return max(rest or 1, 1)
    return max(1, min(n, cap))


#: the attributes of a cell that its placing reads
_CELL_ATTRS = frozenset({"hidden", "style", "rowspan", "colspan"})
#: a table row: the ``<tr>``, whether it is a header row, its ``<td>``/``<th>`` cells
_Row = tuple[etree._Element, bool, list[etree._Element]]
#: a row's cell elements (the HTML parser gives lower-case names)
_CELL_TAGS = ("td", "th")


def _rows(table: etree._Element) -> list[_Row]:
    """The table's own rows in display order (thead, body rows, tfoot last), with whether each
    is a header row and its cells (listed once: both the layout test and the placing read
    them)."""
    out: list[_Row] = []
    foot: list[etree._Element] = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            out.append((child, False, [td for td in child if td.tag in _CELL_TAGS]))
        elif tag in ("thead", "tbody"):
            head = tag == "thead"
            for tr in child:
                if _tag(tr) == "tr":
                    out.append((tr, head, [td for td in tr if td.tag in _CELL_TAGS]))
        elif tag == "tfoot":
            foot.extend(tr for tr in child if _tag(tr) == "tr")
    for tr in foot:
        out.append((tr, False, [td for td in tr if td.tag in _CELL_TAGS]))
    return out


def _is_layout(table: etree._Element, rows: list[_Row]) -> bool:
    """A table used to lay a page out rather than to tabulate: it holds other tables, says it
    is presentational, or has a single column."""
    if (table.get("role") or "").lower() in ("presentation", "none"):
        return True
    if next(table.iterdescendants("table"), None) is not None:  # else no cell holds one
        for tr, _, _ in rows:
            for td in tr:
                if _tag(td) in ("td", "th") and td.find(".//table") is not None:
                    return True
    return (
        bool(rows)
        and max(len(cells) for _, _, cells in rows) <= 1
        and all(
            _span(td.get("colspan"), 1000) == 1
            for tr, _, _ in rows
            for td in tr
            if _tag(td) in ("td", "th")
        )
    )


def split_table(
    placed: list[Placed],
    n_rows: int,
    n_cols: int,
    loc: Loc,
    header_rows: int = 0,
    *,
    max_cells: int | None = None,
    owner: dict[tuple[int, int], Placed] | None = None,
) -> Iterator[TextBlock | TableBlock]:
    """A table's cells as table blocks, split at rows printed as one cell across the whole
    width (lines of text), with columns that only continue a merged cell from the left
    dropped. ``owner``: :func:`~..grid.owners` of ``placed``, where the caller has it."""
    if not placed or not n_cols:
        return
    if owner is None:
        owner = owners(placed)
    all_cols = list(range(n_cols))
    run: list[int] = []

    def emit(rows: list[int]) -> TableBlock:
        dropped = continuation_columns(owner, rows, all_cols)
        cols = [c for c in all_cols if c not in dropped]
        inside = [p for p in placed if rows[0] <= p.row <= rows[-1]]
        merged_rows = continuation_rows(owner, rows, cols)
        kept = [r for r in rows if r not in merged_rows]
        grid = layout(inside, kept, cols, max_cells=max_cells)
        head = sum(1 for r in kept if r < header_rows)
        return TableBlock(grid, loc if rows[0] == 0 else grid[0][0].loc, head)

    def flush(rows: list[int]) -> Iterator[TextBlock | TableBlock]:
        if len(rows) == 1:  # one row is no table: a boxed label and its text, side by side
            cells = {id(p): p for c in all_cols if (p := owner.get((rows[0], c))) is not None}
            for p in sorted(cells.values(), key=lambda p: p.col):
                if not p.is_empty:
                    yield from text_blocks(p)
        else:
            yield emit(rows)

    for r in range(n_rows):
        if n_cols > 1 and is_text_row(r, owner, all_cols):
            if run:
                yield from flush(run)
                run = []
            yield from text_blocks(owner[(r, 0)])
            continue
        run.append(r)
    if run:
        yield from flush(run)


def read_html(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Blocks of an HTML page given as bytes."""
    doc = Document(format="html")
    declared = declared_charset(data)
    decoded = decode(data, declared)
    if decoded.how == "detected" and decoded.encoding != "utf-8":
        doc.diagnostics.append(
            dg.make(
                "info",
                "encoding-detected",
                f"The page declares no character encoding; decoded as {decoded.encoding}.",
            )
        )
    elif decoded.how == "detected-over-declared":
        doc.diagnostics.append(
            dg.make(
                "warning",
                "encoding-detected",
                f"The page declares {declared!r} but its bytes are {decoded.encoding}; decoded as "
                f"{decoded.encoding}.",
            )
        )
    text = decoded.text
    # (each pass only where the page has what it looks for: most have none of them)
    if "\x00" in text:
        text = text.replace("\x00", "")
    if "\r" in text:
        text = re.sub(r"\r\n?", "\n", text)
    text = _XML_DECL.sub("", text, count=1)
    if "&#" in text:
        text = _C1_REF.sub(_c1_to_cp1252, text)
    root, deep_line = parse_page(text)
    limit = min(limits.max_depth or LIBXML2_MAX_DEPTH, LIBXML2_MAX_DEPTH)
    if deep_line is not None:
        doc.diagnostics.append(
            dg.make(
                "warning",
                "nesting-too-deep",
                f"Markup nested deeper than libxml2 follows ({LIBXML2_MAX_DEPTH} levels) from "
                f"line {deep_line}; the too-deep part is read as plain text without its inner "
                "structure.",
                Loc(line=deep_line),
            )
        )
        depth = limit - 8
        while True:  # optional end tags (li, td) nest too: halve until the parser follows
            root, still = parse_page(flatten_deep(text, depth))
            if still is None or depth <= 8:
                break
            depth //= 2
    if root is None:
        return doc
    body = root.find("body")
    head = root.find("head")
    if head is not None:
        title = head.find("title")
        if title is not None and (text := collapse_ws(_string(title))):
            doc.skipped.append(Skipped(text, "chrome", Loc(line=title.sourceline)))
    top = body if body is not None else root
    n_h1 = sum(1 for _ in top.iter("h1"))
    generator = next(
        (
            m.get("content") or ""
            for m in root.iter("meta")
            if (m.get("name") or "").lower() == "generator"
        ),
        "",
    )
    exported = bool(re.match(r"\s*(?:LibreOffice|OpenOffice|Microsoft Excel)", generator, re.I))
    reader = _Reader(doc, limits, n_h1, PageStyles(root), exported)
    if deep_line is not None:
        reader.too_deep_reported = True
    reader.walk(top)
    reader.flush()
    return doc
