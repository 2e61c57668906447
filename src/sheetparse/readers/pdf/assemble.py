"""Page layouts → the document's blocks: furniture left out, paragraphs formed, tables joined
across pages and split at full-width rows, text sized as headings.

Reading order is each page's free lines and tables top to bottom. A table first on its page
may continue the table that ended the page before (:mod:`.pdf_join`), and a paragraph first on
its page may continue the paragraph that ended it.
"""

from __future__ import annotations

from collections import Counter

from ... import diagnostics as dg
from ...blocks import Block, Document, Loc, Skipped, TextBlock
from ...limits import Limits
from ...model import Diagnostic
from ...textutil import CAPTION_MARK
from .bands import split_full_rows
from .furniture import find_chrome, find_furniture
from .join import JoinReport, can_continue, join, to_block
from .page import HEADING_STEP, PageLayout, PageTable, body_size
from .store import PageStore
from .text import TextLine, bbox_of, is_wrap, join_lines


def _text_limits(
    pages: list[PageLayout], skip: dict[int, set[int]]
) -> dict[tuple[int, int], tuple[float, float]]:
    """Per page size: the left and right edges of the text column (where lines outside tables
    start and wrap), page furniture (``skip``) aside: the edges of the widest table or line."""
    edges: dict[tuple[int, int], float] = {}
    lefts: dict[tuple[int, int], float] = {}
    for p in pages:
        key = (round(p.width), round(p.height))
        gone = skip.get(p.number, set())
        lines = [ln for i, ln in enumerate(p.lines) if i not in gone]
        rights = [ln.x1 for ln in lines] + [t.bbox[2] for t in p.tables]
        left = [ln.x0 for ln in lines] + [t.bbox[0] for t in p.tables]
        if rights:
            edges[key] = max(edges.get(key, 0.0), max(rights))
            lefts[key] = min(lefts.get(key, p.width), min(left))
    tabled = {(round(p.width), round(p.height)) for p in pages if p.tables}
    for p in pages:
        key = (round(p.width), round(p.height))
        if key in edges and key not in tabled:
            # no table shows how wide the text column is: assume symmetric margins, unless a
            # line runs wider
            edges[key] = max(edges[key], p.width - lefts[key] - 1.0)
    return {key: (lefts[key], right) for key, right in edges.items()}


def _sequence(
    lines: list[TextLine], tables: list[PageTable], skip: set[int]
) -> list[TextLine | PageTable]:
    """A page's free lines and tables in reading order."""
    kept = [ln for i, ln in enumerate(lines) if i not in skip]
    out: list[TextLine | PageTable] = []
    li = 0
    for t in tables:  # in reading order already (find_grids): a line's tables left to right
        while li < len(kept) and kept[li].top < t.bbox[1]:
            out.append(kept[li])
            li += 1
        out.append(t)
    out.extend(kept[li:])
    return out


def _paragraphs(lines: list[TextLine], column: tuple[float, float]) -> list[list[TextLine]]:
    """Lines outside tables grouped into paragraphs (wrapped lines together).

    A ▲ caption indented from the text column sits in a figure with margins on both sides
    (a browser's ``<figure>``): it wraps as far from the right edge as it starts from the
    left one."""
    column_left, limit = column
    groups: list[list[TextLine]] = []
    for ln in lines:
        if groups:
            g = groups[-1]
            left = min(x.x0 for x in g)
            right = limit
            if g[0].text.startswith(CAPTION_MARK) and left - column_left > g[0].size:
                right = limit - (left - column_left)
            if abs(ln.x0 - left) <= 1.5 * ln.size and is_wrap(g[-1], ln, right):
                g.append(ln)
                continue
        groups.append([ln])
    return groups


def _continues_paragraph(lines: list[TextLine], line: TextLine, limit: float) -> bool:
    """True where ``line``, first on its page, goes on with the paragraph ``lines`` that ended
    the page before (the last line was full, and the new one starts at the same left edge)."""
    left = min(x.x0 for x in lines)
    return abs(line.x0 - left) <= 1.5 * line.size and is_wrap(
        lines[-1], line, limit, same_page=False
    )


def assemble(store: PageStore, doc: Document, limits: Limits) -> None:
    """Fill ``doc`` (blocks, skipped furniture, diagnostics) from the page layouts.

    What needs every page (furniture, the text column, the body size) is found first from what
    the store keeps in memory; then the pages are read in order, each page's tables fetched
    from the store, and an item becomes a block once the next page can no longer continue it,
    so only a page or two's tables are held at a time."""
    pages = store.pages
    furniture = find_furniture(pages)
    chrome, boxes = find_chrome(pages, furniture)
    furniture.update(chrome)
    by_page: dict[int, set[int]] = {}
    for page, i in furniture:
        by_page.setdefault(page, set()).add(i)
    for p in pages:
        for i in sorted(by_page.get(p.number, ())):
            ln = p.lines[i]
            doc.skipped.append(
                Skipped(
                    ln.text,
                    furniture[(p.number, i)],
                    Loc(page=p.number, bbox=(ln.x0, ln.top, ln.x1, ln.bottom)),
                )
            )
        for k, t in enumerate(p.tables):
            if (p.number, k) in boxes:  # a search field and its button: the site's, not the sheet's
                doc.skipped.extend(
                    Skipped(cell.text, "chrome", cell.loc) for cell in t.cells if cell.text
                )
    if doc.skipped:
        kinds = Counter(s.reason for s in doc.skipped)
        what = ", ".join(
            f"{n} {'site chrome line' if k == 'chrome' else k.replace('-', ' ')}(s)"
            for k, n in sorted(kinds.items())
        )
        doc.diagnostics.append(
            dg.make(
                "info",
                "running-text-dropped",
                f"{len(doc.skipped)} line(s) of page furniture left out ({what}), e.g. "
                f"{doc.skipped[0].text!r}.",
            )
        )
    limits_by_size = _text_limits(pages, by_page)
    out = _Blocks(limits)
    # paragraphs and tables in order; a table first on its page may continue the last one
    items: list[tuple[int, list[TextLine]] | PageTable] = []

    def flush(run: list[TextLine], page: int, column: tuple[float, float], first: bool) -> None:
        limit = column[1]
        groups = _paragraphs(run, column)
        prev = items[-1] if items else None
        if (
            first
            and groups
            and isinstance(prev, tuple)
            and prev[0] == page - 1
            and (_continues_paragraph(prev[1], groups[0][0], limit))
        ):  # a paragraph the page break cut
            items[-1] = (prev[0], prev[1] + groups.pop(0))
            doc.diagnostics.append(
                dg.make(
                    "info",
                    "paragraph-continued",
                    f"A paragraph cut by the break between pages {page - 1} and {page} was joined "
                    "into one (its last line on the first page was full).",
                    Loc(page=page - 1),
                )
            )
        items.extend((page, g) for g in groups)

    heights = {p.number: p.height for p in pages}
    for index, p in enumerate(pages):
        tables = [t for k, t in enumerate(store.take_tables(index)) if (p.number, k) not in boxes]
        seq = _sequence(p.lines, tables, by_page.get(p.number, set()))
        column = limits_by_size.get((round(p.width), round(p.height)), (0.0, p.width))
        run: list[TextLine] = []
        first = True
        for k, item in enumerate(seq):
            if isinstance(item, TextLine):
                run.append(item)
                continue
            flush(run, p.number, column, first)
            run = []
            first = False
            prev = items[-1] if items else None
            if (
                k == 0
                and isinstance(prev, PageTable)
                and can_continue(prev, item, heights.get(prev.last_page))
            ):
                joined, report = join(prev, item)
                items[-1] = joined
                doc.diagnostics.append(_join_diagnostic(prev, item, report))
            else:
                items.append(item)
        flush(run, p.number, column, first)
        # all but the last item are final: the next page may continue only the last one
        for item in items[:-1]:
            out.add(item)
        del items[:-1]
    for item in items:
        out.add(item)
    doc.blocks = out.finish(body_size(pages) + HEADING_STEP)
    doc.diagnostics.extend(out.diagnostics)


class _Blocks:
    """Final items (paragraphs and tables) made blocks in order. Which paragraphs are headings
    is known only at the end (the sizes printed larger than the body text, ranked), so a
    paragraph is kept as a block with its size until :meth:`finish`."""

    def __init__(self, limits: Limits) -> None:
        self._limits = limits
        self.blocks: list[Block] = []
        self.diagnostics: list[Diagnostic] = []
        #: index into ``blocks`` → a paragraph's first line: its size (to 0.5 pt), unrounded
        self._sizes: dict[int, tuple[float, float]] = {}

    def add(self, item: tuple[int, list[TextLine]] | PageTable) -> None:
        if not isinstance(item, PageTable):
            self._text(*item)
            return
        # full-width rows of a grid are headings and paragraphs, not table rows
        pieces = split_full_rows(item)
        if len(pieces) > 1:
            texts = sum(isinstance(x, tuple) for x in pieces)
            self.diagnostics.append(
                dg.make(
                    "info",
                    "table-rows-as-text",
                    f"A ruled grid on page {item.page} has rows that are one cell across its whole "
                    f"width: read as {texts} paragraph(s) or heading(s), the rows between them as "
                    f"{len(pieces) - texts} table(s).",
                    item.cells[0].loc if item.cells else None,
                )
            )
        for piece in pieces:
            if isinstance(piece, PageTable):
                self.blocks.append(to_block(piece, self._limits.max_cells))
            else:
                self._text(*piece)

    def _text(self, page: int, lines: list[TextLine]) -> None:
        size = lines[0].size
        self._sizes[len(self.blocks)] = (round(size * 2) / 2, size)
        self.blocks.append(_text_block(page, lines))

    def finish(self, large: float) -> list[Block]:
        """The blocks, paragraphs printed in a size of ``large`` or more made headings (the
        largest size level 1)."""
        heading_sizes = sorted({s for s, raw in self._sizes.values() if raw >= large}, reverse=True)
        for i, (size, _raw) in self._sizes.items():
            b = self.blocks[i]
            if size in heading_sizes and isinstance(b, TextBlock) and b.kind == "paragraph":
                level = min(heading_sizes.index(size) + 1, 6)
                self.blocks[i] = TextBlock(b.text, "heading", b.loc, level)
        return self.blocks


def _text_block(page: int, lines: list[TextLine]) -> TextBlock:
    """A paragraph or ▲ caption (headings are told at the end: :meth:`_Blocks.finish`)."""
    text = join_lines(lines)
    loc = Loc(page=page, bbox=bbox_of([ln for ln in lines if ln.page == page] or lines))
    if text.startswith(CAPTION_MARK):
        return TextBlock(text, "caption", loc)
    return TextBlock(text, "paragraph", loc)


def _join_diagnostic(a: PageTable, b: PageTable, report: JoinReport) -> Diagnostic:
    what = [f"the table on page {a.page} continues on page {b.page}; joined into one table"]
    if report.header_rows:
        what.append(f"{report.header_rows} repeated header row(s) removed")
    if report.row_merged:
        what.append("a row split by the page break merged into one row")
    elif report.cells_merged:
        what.append(f"{report.cells_merged} merged cell(s) cut by the page break made whole")
    code = "row-continued" if report.row_merged else "table-continued"
    return dg.make(
        "info",
        code,
        "; ".join(what).capitalize() + ".",
        b.cells[0].loc if b.cells else Loc(page=b.page),
    )
