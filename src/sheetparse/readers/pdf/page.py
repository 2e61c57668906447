"""One page laid out: its ruled tables with each cell's text, and the text lines outside them.

Every glyph goes to exactly one place: the cell of the table it sits in, or the page's free
text. A ruled frame with no text in it (a box around an image, a decorative border) is not a
table, and its outline is simply ignored.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from ...blocks import Loc, Part
from .backend import Char, PageObjects
from .tables import Grid, find_grids
from .text import (
    OPTION_MARKS,
    CharStats,
    TextLine,
    clean_chars,
    join_lines,
    logical_lines,
    make_lines,
    option_lines,
    printed_rows,
    release_chars,
)

#: outside tables, glyphs this many font sizes apart are separate pieces of text
SPLIT_GAP = 2.5
#: a line printed this much larger (pt) than the body text is a heading
HEADING_STEP = 1.0
#: a cell's text padding is assumed to be at most this (pt) when estimating where lines wrap
MAX_PAD = 8.0


@dataclass(slots=True)
class TCell:
    """A cell of a table in grid coordinates (rows ``r0``..``r1 - 1``), with its text as
    logical lines (each a list of printed lines that the layout wrapped)."""

    r0: int
    c0: int
    r1: int
    c1: int
    groups: list[list[TextLine]]
    loc: Loc
    #: where the cell's lines wrap (its right edge less the text padding)
    limit: float = 0.0
    #: no ruling along the cell's top / bottom edge (a page break cut it open)
    open_top: bool = False
    open_bottom: bool = False

    @property
    def parts(self) -> tuple[Part, ...]:
        """One ``line`` part per logical line (the structure step splits them into items)."""
        return tuple(Part("line", t) for g in self.groups if (t := join_lines(g)))

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.parts)


@dataclass(slots=True)
class PageTable:
    """A table as found on one page, or several pages' parts joined."""

    page: int
    xs: list[float]
    n_rows: int
    cells: list[TCell]
    bbox: tuple[float, float, float, float]
    #: the page its last row is on (differs from ``page`` once parts are joined)
    last_page: int = 0
    #: bottom of its last row on ``last_page``
    bottom: float = 0.0

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


@dataclass(slots=True)
class PageLayout:
    """What a page holds, before paragraphs are formed and furniture is removed."""

    number: int
    width: float
    height: float
    tables: list[PageTable]
    lines: list[TextLine]
    n_chars: int
    n_images: int
    sizes: Counter[float] = field(default_factory=Counter)
    #: of ``n_chars``, the glyphs whose font gives no Unicode character (shown as U+FFFD)
    n_unmapped: int = 0


def _on_page(lines: list[TextLine], page: int) -> list[TextLine]:
    for ln in lines:
        ln.page = page
    return lines


def _table(page: int, g: Grid, buckets: list[list[Char]]) -> PageTable:
    lines = [_on_page(_cell_lines(b), page) for b in buckets]
    # the text padding of the table's cells: the smallest indent of any cell's text
    offsets = [min(ln.x0 for ln in ls) - g.xs[g.regions[i].c0] for i, ls in enumerate(lines) if ls]
    pad = min(max(min(offsets), 0.0), MAX_PAD) if offsets else MAX_PAD
    cells = []
    for i, region in enumerate(g.regions):
        x0, top, x1, bottom = g.region_bbox(i)
        groups = logical_lines(lines[i], x1 - pad)
        loc = Loc(page=page, bbox=(x0, top, x1, bottom))
        cells.append(
            TCell(
                region.r0,
                region.c0,
                region.r1,
                region.c1,
                groups,
                loc,
                x1 - pad,
                g.open_top[i],
                g.open_bottom[i],
            )
        )
    return PageTable(page, list(g.xs), g.n_rows, cells, g.bbox, page, g.ys[-1])


#: inside a cell, glyphs this many font sizes apart on one line are separate pieces (a name
#: on the left and a boxed term on the right: 京都市's 事業名 cell)
CELL_SPLIT_GAP = 5.0


def _cell_lines(chars: list[Char]) -> list[TextLine]:
    """A cell's printed lines, a line cut where a wide gap parts two pieces; a row of marked
    options whose labels wrap around the marks is read one option a line (see
    :func:`~.text.option_lines`)."""
    # only a cell with an option mark can be such a row: most are not looked at twice
    options = (
        option_lines(make_lines(chars)) if any(c.text in OPTION_MARKS for c in chars) else None
    )
    return options if options is not None else make_lines(chars, split_gap=CELL_SPLIT_GAP)


def _straddles(g: Grid, ch: Char) -> bool:
    """True where a glyph lies across one of the grid's inner column boundaries."""
    lo = bisect_right(g.xs, ch.x0 + 0.5)
    hi = bisect_left(g.xs, ch.x1 - 0.5)
    return 0 < lo < hi < len(g.xs)


#: a gap (pt) between two glyphs with a column boundary inside it, wide enough to show two
#: cells' texts meeting at a ruling rather than one text running on across it
CELL_GAP = 0.5


def _boundary_between(g: Grid, a: Char, b: Char) -> bool:
    """True where a column boundary lies in the gap between glyph ``a`` and the next glyph
    ``b`` of a line, neither reaching across it: the end of one cell's text and the start of
    the next (``1,180`` ending just left of a ruling, ``1,320（見込）`` starting just right of
    it), not a text that runs on across the ruling."""
    if b.x0 - a.x1 < CELL_GAP:
        return False
    k = bisect_right(g.xs, a.x1 - 0.5)
    return 0 < k < len(g.xs) - 1 and g.xs[k] <= b.x0 + 0.5


def _reunite_overflow(g: Grid, bucket: list[list[Char]], stats: CharStats) -> None:
    """Text that overflows its cell into the empty cells beside it (a spreadsheet cell without
    wrapping) is drawn across the column rulings: give each such run to the cell it starts in.

    Cell text with padding never touches a ruling, so only a run with a glyph lying across a
    boundary is moved. A run ends where a boundary lies in a gap between two glyphs: there two
    cells' texts meet (the one on the right may be the run that overflows)."""
    owner: dict[int, int] = {}
    crossing = False
    for i, b in enumerate(bucket):
        for ch in b:
            owner[id(ch)] = i
            crossing = crossing or _straddles(g, ch)
    if not crossing:
        return
    for row in printed_rows([ch for b in bucket for ch in b]):
        if all(ch.text.isspace() for ch in row):
            continue  # no line (as make_lines has it)
        runs: list[list[Char]] = [[]]
        for ch in row:
            if runs[-1] and (
                ch.x0 - runs[-1][-1].x1 > 0.5 * min(ch.size, runs[-1][-1].size)
                or _boundary_between(g, runs[-1][-1], ch)
            ):
                runs.append([])
            runs[-1].append(ch)
        for run in runs:
            if len({owner[id(c)] for c in run}) < 2 or not any(_straddles(g, c) for c in run):
                continue
            target = owner[id(run[0])]
            for ch in run[1:]:
                if owner[id(ch)] != target:
                    bucket[owner[id(ch)]].remove(ch)
                    bucket[target].append(ch)
                    owner[id(ch)] = target
            stats.overflow_runs += 1


def layout_page(objs: PageObjects, stats: CharStats, max_cells: int | None) -> PageLayout:
    """Tables and free text lines of a page."""
    stats.clipped += objs.clipped
    unmapped = stats.unmapped
    chars = clean_chars(objs.chars, stats)
    grids = find_grids(objs, max_cells)
    buckets: list[list[list[Char]]] = [[[] for _ in g.regions] for g in grids]
    free: list[Char] = []
    # glyphs by exact size first (a page has a few), rounded after in order of appearance
    exact: dict[float, int] = {}
    # per grid, what Grid.contains and Grid.region_at look at
    spans = [
        (g.xs[0], g.xs[-1], g.ys[0], g.ys[-1], g.xs, g.ys, g.n_cols - 1, g.n_rows - 1, g.owner, b)
        for g, b in zip(grids, buckets, strict=True)
    ]
    for ch in chars:
        if not ch.text.isspace():
            exact[ch.size] = exact.get(ch.size, 0) + 1
        cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        for left, right, top, bottom, xs, ys, last_col, last_row, owner, bucket in spans:
            if left <= cx <= right and top <= cy <= bottom:
                c = bisect_right(xs, cx) - 1
                if c < 0:
                    c = 0
                if c > last_col:
                    c = last_col
                r = bisect_right(ys, cy) - 1
                if r < 0:
                    r = 0
                if r > last_row:
                    r = last_row
                bucket[owner[r][c]].append(ch)
                break
        else:
            free.append(ch)
    sizes: Counter[float] = Counter()
    for size, n in exact.items():
        sizes[round(size, 1)] += n
    tables = []
    for g, bucket in zip(grids, buckets, strict=True):
        if not any(not c.text.isspace() for b in bucket for c in b):
            continue  # a frame with nothing to read
        _reunite_overflow(g, bucket, stats)
        tables.append(_table(objs.number, g, bucket))
    lines = _on_page(make_lines(free, split_gap=SPLIT_GAP), objs.number)
    release_chars(lines)
    for table in tables:
        release_chars(ln for cell in table.cells for g in cell.groups for ln in g)
    return PageLayout(
        objs.number,
        objs.width,
        objs.height,
        tables,
        lines,
        sum(sizes.values()),
        len(objs.images),
        sizes,
        stats.unmapped - unmapped,
    )


def body_size(pages: list[PageLayout]) -> float:
    """The size most of the document's text is printed in."""
    sizes: Counter[float] = Counter()
    for p in pages:
        sizes.update(p.sizes)
    return sizes.most_common(1)[0][0] if sizes else 10.0
