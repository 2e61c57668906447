"""Ruled tables from a page's line art: rulings → grids with merged cells.

A *ruling* is a horizontal or vertical stroke: a stroked line, an edge of a stroked rectangle,
a thin filled rectangle (how Word, Excel and browsers often draw borders), or a straight piece
of a stroked path. Collinear rulings are snapped and joined; rulings that cross or touch form a
connected component, and a component that encloses more than one cell is a table.

The table's grid has a column boundary at every distinct vertical ruling position and a row
boundary at every distinct horizontal one. Two neighbouring grid positions belong to one merged
cell where no ruling separates them; a merged cell is always made rectangular. Grid rows or
columns in which no cell starts (artefacts of slightly misaligned rulings) are removed, so that
the grid is the one the other readers build from ``rowspan``/``colspan``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from .backend import Color, PageObjects

#: rulings closer than this (pt) across their direction are one ruling
SNAP = 2.0
#: collinear rulings with a gap up to this (pt) are one ruling (dashed and broken borders)
JOIN = 3.0
#: a horizontal and a vertical ruling this close (pt) touch
TOUCH = 2.5
#: tables whose tops lie this close (pt) start on one line (a spread's two pages): they are
#: read left to right, not in the order rounding noise in their tops would give
TIE = 0.01
#: a filled rectangle at most this thick (pt) is a ruling, not a shaded area
THIN = 3.0
#: a separating ruling must cover this share of the side between two grid positions
COVER = 0.5


class Ruling(NamedTuple):
    """``pos`` is y for a horizontal ruling and x for a vertical one; ``start``..``end``
    its extent along its direction."""

    pos: float
    start: float
    end: float


def _visible(color: Color) -> bool:
    """False for white strokes (invisible on paper); unknown colours count as visible."""
    if not color:
        return True
    if len(color) == 4:  # CMYK: white is all zero
        return any(v > 0.01 for v in color)
    return any(v < 0.99 for v in color)


def rulings(page: PageObjects) -> tuple[list[Ruling], list[Ruling]]:
    """The page's (horizontal, vertical) rulings, snapped and joined."""
    hs: list[Ruling] = []
    vs: list[Ruling] = []

    def add(x0: float, top: float, x1: float, bottom: float) -> None:
        w, h = x1 - x0, bottom - top
        if h <= THIN and w > h and w >= 1.0:
            hs.append(Ruling((top + bottom) / 2, x0, x1))
        elif w <= THIN and h > w and h >= 1.0:
            vs.append(Ruling((x0 + x1) / 2, top, bottom))

    for s in page.segments:
        if _visible(s.color):
            add(s.x0, s.top, s.x1, s.bottom)
    for r in page.rects:
        if r.stroke and _visible(r.stroke_color):
            if r.x1 - r.x0 <= THIN or r.bottom - r.top <= THIN:
                add(r.x0, r.top, r.x1, r.bottom)
            else:
                hs.append(Ruling(r.top, r.x0, r.x1))
                hs.append(Ruling(r.bottom, r.x0, r.x1))
                vs.append(Ruling(r.x0, r.top, r.bottom))
                vs.append(Ruling(r.x1, r.top, r.bottom))
        elif r.fill and _visible(r.fill_color):
            add(r.x0, r.top, r.x1, r.bottom)
    return _merge(hs), _merge(vs)


def _merge(rs: list[Ruling]) -> list[Ruling]:
    """Snap rulings at nearly the same position and join collinear pieces that meet."""
    if not rs:
        return []
    rs.sort()
    out: list[Ruling] = []
    group: list[Ruling] = [rs[0]]
    for r in rs[1:]:
        if r.pos - group[0].pos <= SNAP:
            group.append(r)
        else:
            out.extend(_join(group))
            group = [r]
    out.extend(_join(group))
    return out


def _join(group: list[Ruling]) -> Iterable[Ruling]:
    pos = sum(r.pos for r in group) / len(group)
    spans = sorted((r.start, r.end) for r in group)
    start, end = spans[0]
    for a, b in spans[1:]:
        if a <= end + JOIN:
            end = max(end, b)
        else:
            yield Ruling(pos, start, end)
            start, end = a, b
    yield Ruling(pos, start, end)


def _components(hs: list[Ruling], vs: list[Ruling]) -> list[tuple[list[Ruling], list[Ruling]]]:
    """Groups of rulings connected by crossings or touches."""
    n_h = len(hs)
    parent = list(range(n_h + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(vs)), key=lambda j: vs[j].pos)
    xs = [vs[j].pos for j in order]
    for i, h in enumerate(hs):
        lo = bisect_left(xs, h.start - TOUCH)
        hi = bisect_right(xs, h.end + TOUCH)
        for k in range(lo, hi):
            j = order[k]
            v = vs[j]
            if v.start - TOUCH <= h.pos <= v.end + TOUCH:
                a, b = find(i), find(n_h + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[Ruling], list[Ruling]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(n_h + j), ([], []))[1].append(v)
    return [g for g in groups.values() if g[0] and g[1]]


def _cluster(values: list[float]) -> list[float]:
    """Sorted distinct positions, values within :data:`SNAP` of a cluster's first one merged."""
    values = sorted(values)
    out: list[float] = []
    group: list[float] = []
    for v in values:
        if group and v - group[0] > SNAP:
            out.append(sum(group) / len(group))
            group = []
        group.append(v)
    if group:
        out.append(sum(group) / len(group))
    return out


def _coverage(intervals: list[tuple[float, float]], a: float, b: float) -> float:
    """Share of [a, b] covered by the (non-overlapping, joined) intervals."""
    if b <= a:
        return 1.0
    total = 0.0
    for s, e in intervals:
        if e > a and s < b:
            total += min(e, b) - max(s, a)
    return total / (b - a)


@dataclass(slots=True)
class Region:
    """A cell of the grid: rows ``r0``..``r1 - 1``, columns ``c0``..``c1 - 1``."""

    r0: int
    c0: int
    r1: int
    c1: int


@dataclass(slots=True)
class Grid:
    """A ruled table on one page: boundaries, cells and which cell owns each position."""

    xs: list[float]
    ys: list[float]
    regions: list[Region]
    owner: list[list[int]]
    #: per region: no ruling along its top / bottom edge (a cell a page break cut open)
    open_top: list[bool] = field(default_factory=list)
    open_bottom: list[bool] = field(default_factory=list)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]

    def region_at(self, x: float, y: float) -> int:
        """Index of the cell at a point inside the grid."""
        c = min(max(bisect_right(self.xs, x) - 1, 0), self.n_cols - 1)
        r = min(max(bisect_right(self.ys, y) - 1, 0), self.n_rows - 1)
        return self.owner[r][c]

    def region_bbox(self, i: int) -> tuple[float, float, float, float]:
        g = self.regions[i]
        return (self.xs[g.c0], self.ys[g.r0], self.xs[g.c1], self.ys[g.r1])


def _by_position(rs: list[Ruling], bounds: list[float]) -> list[list[tuple[float, float]]]:
    """For each boundary, the extents of the rulings that lie on it."""
    out: list[list[tuple[float, float]]] = [[] for _ in bounds]
    for r in rs:
        k = bisect_left(bounds, r.pos)
        best = min(
            (i for i in (k - 1, k) if 0 <= i < len(bounds)), key=lambda i: abs(bounds[i] - r.pos)
        )
        if abs(bounds[best] - r.pos) <= SNAP:
            out[best].append((r.start, r.end))
    return [sorted(v) for v in out]


def _grid(hs: list[Ruling], vs: list[Ruling]) -> Grid | None:
    xs = _cluster([v.pos for v in vs] + [min(h.start for h in hs), max(h.end for h in hs)])
    ys = _cluster([h.pos for h in hs] + [min(v.start for v in vs), max(v.end for v in vs)])
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1 or n_rows * n_cols < 2:
        return None
    v_at = _by_position(vs, xs)
    h_at = _by_position(hs, ys)
    # union-find over grid positions where no ruling separates neighbours
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb

    for r in range(n_rows):
        for c in range(1, n_cols):
            if _coverage(v_at[c], ys[r], ys[r + 1]) < COVER:
                union(r * n_cols + c - 1, r * n_cols + c)
    for c in range(n_cols):
        for r in range(1, n_rows):
            if _coverage(h_at[r], xs[c], xs[c + 1]) < COVER:
                union((r - 1) * n_cols + c, r * n_cols + c)
    regions = _rectangles(parent, find, union, n_rows, n_cols)
    grid = _pruned(xs, ys, regions)
    h_at = _by_position(hs, grid.ys)
    for g in grid.regions:
        a, b = grid.xs[g.c0], grid.xs[g.c1]
        grid.open_top.append(_coverage(h_at[g.r0], a, b) < COVER)
        grid.open_bottom.append(_coverage(h_at[g.r1], a, b) < COVER)
    return grid


def _rectangles(parent, find, union, n_rows: int, n_cols: int) -> list[Region]:
    """Merged areas as rectangles: an L-shaped area takes in its whole bounding box, unless
    what it would take in are cells ruled off on every side (an indented sub-row such as
    池田市's ``うち受益者負担``: the label above it reaches down into the indent); then the L is
    cut into rectangles and those cells stay cells."""
    split: set[int] = set()
    while True:
        boxes: dict[int, list[int]] = {}
        sizes: dict[int, int] = {}
        for i in range(n_rows * n_cols):
            r, c = divmod(i, n_cols)
            root = find(i)
            b = boxes.setdefault(root, [r, c, r, c])
            b[0], b[1] = min(b[0], r), min(b[1], c)
            b[2], b[3] = max(b[2], r), max(b[3], c)
            sizes[root] = sizes.get(root, 0) + 1
        changed = False
        for root, (r0, c0, r1, c1) in boxes.items():
            if root in split:
                continue
            inside = {
                find(r * n_cols + c)
                for r in range(r0, r1 + 1)
                for c in range(c0, c1 + 1)
                if find(r * n_cols + c) != find(root)
            }
            if not inside:
                continue
            if all(_is_cell(boxes[g], sizes[g], (r0, c0, r1, c1)) for g in inside):
                split.add(root)
                continue
            for g in inside:
                union(g, root)
            changed = True
        if not changed:
            break
    regions: list[Region] = []
    seen: set[int] = set()
    for i in range(n_rows * n_cols):
        root = find(i)
        if root in seen:
            continue
        seen.add(root)
        r0, c0, r1, c1 = boxes[root]
        if root in split:
            cells = {
                (r, c)
                for r in range(r0, r1 + 1)
                for c in range(c0, c1 + 1)
                if find(r * n_cols + c) == root
            }
            regions += _cut(cells)
        else:
            regions.append(Region(r0, c0, r1 + 1, c1 + 1))
    return regions


def _is_cell(box: list[int], size: int, outer: tuple[int, int, int, int]) -> bool:
    """An area that is a rectangle of its own lying wholly inside ``outer``."""
    r0, c0, r1, c1 = box
    return (r1 - r0 + 1) * (c1 - c0 + 1) == size and (
        outer[0] <= r0 and outer[1] <= c0 and r1 <= outer[2] and c1 <= outer[3]
    )


def _cut(cells: set[tuple[int, int]]) -> list[Region]:
    """An area cut into rectangles, top-left first, each as wide and then as tall as it goes."""
    left = set(cells)
    out: list[Region] = []
    while left:
        r, c = min(left)
        c_end = c
        while (r, c_end + 1) in left:
            c_end += 1
        r_end = r
        while all((r_end + 1, x) in left for x in range(c, c_end + 1)):
            r_end += 1
        for rr in range(r, r_end + 1):
            for cc in range(c, c_end + 1):
                left.discard((rr, cc))
        out.append(Region(r, c, r_end + 1, c_end + 1))
    return out


def _pruned(xs: list[float], ys: list[float], regions: list[Region]) -> Grid:
    """Drop grid rows/columns in which no cell starts; build the owner map."""
    row_starts = sorted({g.r0 for g in regions})
    col_starts = sorted({g.c0 for g in regions})
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if len(row_starts) < n_rows or len(col_starts) < n_cols:
        rmap = {r: i for i, r in enumerate(row_starts)}
        cmap = {c: i for i, c in enumerate(col_starts)}
        rmap[n_rows] = len(row_starts)
        cmap[n_cols] = len(col_starts)
        regions = [Region(rmap[g.r0], cmap[g.c0], rmap[g.r1], cmap[g.c1]) for g in regions]
        ys = [ys[r] for r in row_starts] + [ys[-1]]
        xs = [xs[c] for c in col_starts] + [xs[-1]]
    regions.sort(key=lambda g: (g.r0, g.c0))
    owner = [[-1] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    for i, g in enumerate(regions):
        for r in range(g.r0, g.r1):
            row = owner[r]
            for c in range(g.c0, g.c1):
                row[c] = i
    return Grid(xs, ys, regions, owner)


def find_grids(page: PageObjects, max_cells: int | None = None) -> list[Grid]:
    """The ruled tables of a page (with at least two cells), top to bottom; those that start
    on one line left to right."""
    hs, vs = rulings(page)
    grids = []
    for ch, cv in _components(hs, vs):
        n = (len(ch) + 2) * (len(cv) + 2)
        if max_cells is not None and n > 4 * max_cells:
            continue  # a mesh of hatching, not a table a person reads
        g = _grid(ch, cv)
        if g is not None and len(g.regions) >= 2:
            grids.append(g)
    grids.sort(key=lambda g: g.ys[0])
    out: list[Grid] = []
    line: list[Grid] = []
    for g in grids:
        if line and g.ys[0] - line[-1].ys[0] > TIE:
            out.extend(sorted(line, key=lambda g: g.xs[0]))
            line = []
        line.append(g)
    out.extend(sorted(line, key=lambda g: g.xs[0]))
    return out
