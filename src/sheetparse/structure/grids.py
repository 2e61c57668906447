"""Year grids: figures laid out by fiscal year, one column (or group of columns) a year.

A grid is found at a header row whose cells name fiscal years (``Ｒ４年度`` over ``決算``,
``20年度決算``, ``３年度``): each such cell is a *slot*. Its values are costs where the slot or
the row names a money kind (決算 → settlement, 予算 → budget) and indicator observations where
it names an indicator role (実績 → actual, 見込/想定 → plan, 目標 → target, 現状値 → baseline).
Columns left of the slots label the rows (a row label, a name and a unit column, or a column of
row roles under a ``年度`` header); a label printed beside several rows (主な内訳, 財源) groups
them and is not part of their labels. Columns right of the slots (差引, a flag column) are
reported, not recorded. The grid ends at the first row whose cells do not line up under its
slots. Several grids can share header rows (a money table beside an indicator table).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import diagnostics as dg
from ..blocks import Cell
from ..coverage import Ledger
from ..families.registry import Family
from ..families.vocab import ValueRole
from ..ja import find_fiscal_year, is_no_value, parse_number
from ..model import Cost, Diagnostic, Indicator
from ..textutil import fold
from .labels import label_text, match_label, trailing_unit
from .tables import TableResult, _Column, _observation
from .totals import CostRow, grid_totals
from .view import TableView, text

#: header rows a grid may have (years over kinds: ``R６年度`` over ``予算 | 決算``)
MAX_HEADER_ROWS = 2


@dataclass(slots=True)
class Slot:
    """A header position: columns ``c0``..``c1`` and what their header says."""

    c0: int
    c1: int
    label: str
    own: str
    group: str
    year: int | None
    role: ValueRole | None
    cells: list[Cell]
    #: the header starts above the grid's header rows (a cell merged down from above)
    foreign: bool = False
    difference: bool = False


@dataclass(slots=True)
class YearGrid:
    r0: int
    h: int
    r_end: int
    label_cols: list[int]
    slots: list[Slot]
    extras: list[Slot]
    labels: list[Slot]

    @property
    def data_rows(self) -> range:
        return range(self.r0 + self.h, self.r_end)


@dataclass(slots=True)
class GridContext:
    """What the form reader lends a grid: the family, the year reading, the money unit in
    force, and an indicator named before the grid (横浜市 細事業事業量 → its name and unit)."""

    fam: Family
    era: str | None
    unit: str | None = None
    named: Indicator | None = None
    kind: str | None = None


@dataclass(slots=True)
class GridOut:
    costs: list[Cost] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unmapped: list[tuple[str, Cell]] = field(default_factory=list)


#: a year header's words besides its year (実績, 当初予算, 決算見込) are a few characters; a
#: sentence that happens to hold such a word (…を計画的に更新します) is not a header
MAX_HEADER_WORDS = 10


def _is_header_part(fam: Family, t: str) -> bool:
    v = fam.vocab
    rest = v.strip_years(t)
    if not rest:
        return True
    if len(rest) > MAX_HEADER_WORDS:
        return False
    return v.value_role(t) is not None or v.is_difference(t)


def _slots(view: TableView, fam: Family, r: int, h: int, era: str | None) -> list[Slot]:
    v = fam.vocab
    low = r + h - 1
    out: list[Slot] = []
    c = 0
    while c < view.n_cols:
        cell = view.at(low, c)
        cr, cc, _, cc1 = view.box(cell)
        if cr < r:
            out.append(Slot(c, cc1, "", "", "", None, None, [], foreign=True))
            c = cc1
            continue
        parts: list[Cell] = []
        for rr in range(r, low + 1):
            x = view.at(rr, c)
            if view.box(x)[0] >= r and x not in parts:
                parts.append(x)
        own = text(parts[-1])
        group = ""
        label_parts: list[str] = []
        for x in parts:
            t = text(x)
            wider = view.box(x)[3] - view.box(x)[1] > cc1 - cc
            if x is not parts[-1] and wider and find_fiscal_year(t, era) is None:
                group = t
            elif t:
                label_parts.append(label_text(t))
        joined = " ".join(label_parts)
        year = find_fiscal_year(joined, era) if joined else None
        role = v.value_role(own) or (v.value_role(joined) if joined else None)
        slot = Slot(cc, cc1, joined, own, group, year, role, parts)
        slot.difference = bool(own) and v.is_difference(own)
        own_parts = [x for x in parts if x.parts and text(x) != group]
        if year is not None and not all(_is_header_part(fam, text(x)) for x in own_parts):
            slot.year = None  # a label that mentions a year (R6年度取組予定), not a year header
        out.append(slot)
        c = cc1
    return out


def _check_groups(view: TableView, fam: Family, slots: list[Slot]) -> None:
    """A cell over several year slots groups them where it names a role (目標値) or is a
    group label of the family (神戸市 項目（単位）【数値目標】) and lies over year slots
    alone; other text over the years (a field's value above them) is not their header."""
    cols = {c for s in slots if s.year is not None for c in range(s.c0, s.c1)}
    for s in slots:
        if s.year is None:
            continue
        for x in s.cells[:-1]:
            _, c0, _, c1 = view.box(x)
            if c1 - c0 <= s.c1 - s.c0 or _is_header_part(fam, text(x)):
                continue
            rule = match_label(fam, text(x), "cell")
            grouping = rule is not None and rule.rule.field in ("group", "structure")
            if not grouping or not set(range(c0, c1)) <= cols:
                s.year = None
                break


def _numeric(t: str) -> bool:
    return bool(t) and (is_no_value(t) or parse_number(t) is not None)


def _header_at(view: TableView, fam: Family, r: int, era: str | None) -> tuple[int, list[Slot]]:
    """(header height, slots) of a grid whose header starts at row ``r``; (0, []) if none."""
    best: tuple[int, list[Slot]] = (0, [])
    for h in range(MAX_HEADER_ROWS, 0, -1):
        if r + h > view.n_rows:
            continue
        slots = _slots(view, fam, r, h, era)
        _check_groups(view, fam, slots)
        years = [s for s in slots if s.year is not None]
        if len(years) < 2:
            continue
        if h > 1:
            # the lower header row holds words (決算, 実績), not values
            lower = [text(s.cells[-1]) for s in years if view.box(s.cells[-1])[0] == r + h - 1]
            if any(_numeric(t) and fam.vocab.value_role(t) is None for t in lower):
                continue
            # and the upper one says something over the years: an empty row above them (a
            # field left blank) is not part of their header
            upper = [x for s in years for x in s.cells if view.box(x)[0] == r]
            if not any(text(x) for x in upper):
                continue
        if len(years) > len([s for s in best[1] if s.year is not None]):
            best = (h, slots)
    return best


def _slot_name_row(view: TableView, row: int, slots: list[Slot]) -> bool:
    """A row that is one cell across all the slots' columns (a named slot's name)."""
    cell = view.at(row, slots[0].c0)
    r0, c0, r1, c1 = view.box(cell)
    return r0 == row and r1 == row + 1 and c0 == slots[0].c0 and c1 == slots[-1].c1


def _aligned(view: TableView, row: int, s: Slot) -> bool:
    cell = view.at(row, s.c0)
    r0, c0, _, c1 = view.box(cell)
    return r0 == row and c0 == s.c0 and c1 == s.c1


def find_grids(
    view: TableView, fam: Family, r: int, era: str | None, taken: set[int]
) -> list[YearGrid]:
    """The year grids whose header starts at row ``r`` (cells in ``taken`` are read already)."""
    h, slots = _header_at(view, fam, r, era)
    if not h:
        return []
    if any(id(x) in taken for s in slots if s.year is not None for x in s.cells):
        return []
    # runs of year slots, each a grid; the slots between two runs that name a column role
    # (成果指標の内容, 単位) label the next run, the others (差引, a flag column) end the last
    runs: list[list[int]] = []
    for i, s in enumerate(slots):
        if s.year is not None:
            if runs and all(slots[j].year is not None for j in range(runs[-1][-1] + 1, i)):
                runs[-1].append(i)
            else:
                runs.append([i])
    grids: list[YearGrid] = []
    start = 0
    for k, run in enumerate(runs):
        first, last = run[0], run[-1]
        nxt = runs[k + 1][0] if k + 1 < len(runs) else len(slots)
        end = last + 1
        if k + 1 < len(runs):
            # what does not label the next run (a name or unit column) belongs to this one
            while end < nxt and fam.vocab.indicator_role(slots[end].own) not in ("name", "unit"):
                end += 1
        else:
            end = len(slots)
        year_slots = [slots[i] for i in run if slots[i].year is not None]
        r_end = r + h
        while r_end < view.n_rows:
            if all(_aligned(view, r_end, s) for s in year_slots):
                r_end += 1
            elif (
                r_end + 1 < view.n_rows
                and _slot_name_row(view, r_end, year_slots)
                and all(_aligned(view, r_end + 1, s) for s in year_slots)
            ):
                r_end += 2  # a named slot: its name across the years, its values below
            else:
                break
        if r_end == r + h:
            start = end
            continue
        label_slots = [s for s in slots[start:first] if not s.foreign]
        label_cols: list[int] = []
        for c in range(slots[first].c0 - 1, slots[start].c0 - 1 if start < first else -1, -1):
            cells = {id(view.at(row, c)): view.at(row, c) for row in range(r, r_end)}
            # a label column's cells lie within the grid's rows; a cell running on above or
            # below it is the frame the grid sits in (横浜市's 細事業 number, 事業実績)
            if any(view.box(x)[0] < r or view.box(x)[2] > r_end for x in cells.values()):
                break
            label_cols.insert(0, c)
        label_slots = [s for s in label_slots if s.c0 >= (label_cols[0] if label_cols else 10**6)]
        extras = [s for s in slots[last + 1 : end] if s.year is None and not s.foreign]
        grids.append(YearGrid(r, h, r_end, label_cols, year_slots, extras, label_slots))
        start = end
    return grids


# --- reading a grid ----------------------------------------------------------------------------


def _money(raw: str) -> tuple[float | int | None, bool]:
    """(value, parsed) of a money cell: ``-`` is no value; a bracketed second figure
    (``16,500(8,250)``) leaves the first as the value."""
    if is_no_value(raw):
        return None, True
    number = parse_number(raw)
    if number is None:
        head = raw
        for opening in ("（", "("):
            if opening in head:
                head = head.split(opening, 1)[0]
        number = parse_number(head.strip()) if head.strip() != raw else None
    if number is None or number.value is None:
        return None, False
    return number.value, True


def _label_cells(view: TableView, g: YearGrid, row: int, skip: set[int]) -> list[Cell]:
    """The cells of a data row's label columns, left to right, each once."""
    cells: list[Cell] = []
    for c in g.label_cols:
        if c not in skip:
            x = view.at(row, c)
            if x not in cells:
                cells.append(x)
    return cells


def _row_groups(view: TableView, g: YearGrid, row: int, skip: set[int]) -> tuple[str, ...]:
    """The group labels printed beside a data row and the rows around it (コスト, （内訳）),
    outermost first."""
    cells = _label_cells(view, g, row, skip)
    data = set(g.data_rows)
    out: list[str] = []
    for i, x in enumerate(cells):
        r0, _c0, r1, _c1 = view.box(x)
        right = [y for y in cells[i + 1 :] if y is not x]
        if len(data.intersection(range(r0, r1))) > 1 and right and text(x):
            out.append(label_text(text(x)))
    return tuple(out)


def _row_label(view: TableView, g: YearGrid, row: int, skip: set[int]) -> tuple[str, list[Cell]]:
    """The label of a data row, less group labels printed beside several rows, and the
    label cells (for the ledger)."""
    cells = _label_cells(view, g, row, skip)
    data = set(g.data_rows)
    own: list[Cell] = []
    for i, x in enumerate(cells):
        r0, _c0, r1, _c1 = view.box(x)
        spans_rows = len(data.intersection(range(r0, r1))) > 1
        right = [y for y in cells[i + 1 :] if y is not x]
        if spans_rows and right and any(text(y) for y in right):
            continue  # a group label (主な内訳, 財源): structure
        if spans_rows and right and not any(text(y) for y in right):
            # the group's row with nothing of its own: an empty row
            continue
        own.append(x)
    return " ".join(label_text(text(x)) for x in own if text(x)), cells


def read_grid(
    view: TableView, g: YearGrid, ctx: GridContext, ledger: Ledger, fam: Family
) -> GridOut:
    """Costs and indicators of a year grid; header and label cells marked as structure."""
    v = fam.vocab
    out = GridOut()
    for s in [*g.slots, *g.labels, *g.extras]:
        ledger.structure(*s.cells)
    # a column of row roles (決算, 想定, 実績) under a 年度 header
    role_col = next(
        (
            c
            for c in g.label_cols
            if any(fold(text(view.at(r, c))) == "年度" for r in range(g.r0, g.r0 + g.h))
            and any(v.value_role(text(view.at(r, c))) for r in g.data_rows)
        ),
        None,
    )
    name_col = unit_col = None
    for s in g.labels:
        role = v.indicator_role(s.own)
        if role == "name" and name_col is None:
            name_col = s.c0
        elif role == "unit":
            unit_col = s.c0
    skip = {c for c in (role_col, unit_col) if c is not None}
    # the last slot under a 目標値 header spanning several is the target (池田市)
    targets: set[int] = set()
    groups: dict[str, list[Slot]] = {}
    for s in g.slots:
        if s.group:
            groups.setdefault(s.group, []).append(s)
    for gname, members in groups.items():
        if v.indicator_role(gname) == "target" and len(members) > 1:
            targets.add(id(members[-1]))
    ind_by_name: dict[str, Indicator] = {}
    slot_name: Cell | None = None
    cost_rows: list[tuple[int, CostRow]] = []
    for row in g.data_rows:
        if _slot_name_row(view, row, g.slots) and not _aligned(view, row, g.slots[0]):
            slot_name = view.at(row, g.slots[0].c0)  # the name of the values below it
            ledger.structure(slot_name)
            continue
        label, label_cells = _row_label(view, g, row, skip)
        named = slot_name
        slot_name = None
        rule = match_label(fam, label, "cell") if label else None
        if rule is not None and rule.rule.field == "unmapped":
            # a row the contract has no field for (従事人員: staff counts)
            ledger.structure(*label_cells)
            for _, cell in [(s, view.at(row, s.c0)) for s in g.slots]:
                if cell.is_empty:
                    ledger.structure(cell)
                else:
                    out.unmapped.append((label, cell))
            _extras(view, g, row, out, ledger, fam)
            continue
        if named is not None:
            if named.is_empty and all(view.at(row, s.c0).is_empty for s in g.slots):
                ledger.structure(*label_cells, *(view.at(row, s.c0) for s in g.slots))
                continue  # a slot with neither a name nor a value is no indicator
            if not named.is_empty:
                label = text(named)
                ledger.placed(named)
                ledger.structure(*label_cells)
                label_cells = []
        row_role = v.value_role(text(view.at(row, role_col))) if role_col is not None else None
        if role_col is not None:
            ledger.structure(view.at(row, role_col))
        values = [(s, view.at(row, s.c0)) for s in g.slots]
        if not label and all(c.is_empty for _, c in values):
            ledger.structure(*label_cells, *(c for _, c in values))
            if unit_col is not None:
                ledger.structure(view.at(row, unit_col))
            _extras(view, g, row, out, ledger, fam)
            continue
        ledger.structure(*label_cells)
        indicator: Indicator | None = None
        for s, cell in values:
            role = "target" if id(s) in targets else (s.role or row_role)
            if role in ("budget", "settlement"):
                if cell.is_empty:
                    ledger.structure(cell)
                    continue
                cost = _cost(label, s, cell, role, ctx, out)
                out.costs.append(cost)
                ledger.placed(cell)
                row_of = _cost_row(cost_rows, row, label, view, g, skip)
                row_of.costs[(cost.fiscal_year, cost.kind)] = cost
            elif role in ("actual", "plan", "target", "baseline"):
                indicator = indicator or _indicator(
                    view, row, label, name_col, unit_col, ctx, ind_by_name, out, ledger
                )
                if indicator is None:
                    ledger.structure(cell)
                    continue
                _observe(indicator, s, cell, role, row_role, view, role_col, row, out, fam)
                ledger.placed(cell)
            elif not cell.is_empty:
                out.diagnostics.append(
                    dg.make(
                        "warning",
                        "unplaced-block",
                        f"Value {text(cell)!r} under {s.label!r} of row {label!r}: neither the "
                        "column nor the row names a cost or indicator role; not placed.",
                        cell.loc,
                        text(cell),
                    )
                )
                ledger.mark("unplaced", cell)
            else:
                ledger.structure(cell)
        _extras(view, g, row, out, ledger, fam)
    out.diagnostics += grid_totals([r for _, r in cost_rows], fam.totals)
    for ind in out.indicators:
        if not ind.unit:
            units = [
                n.unit
                for o in [*ind.actuals, *ind.plans, ind.target, ind.baseline]
                if o is not None and o.raw and (n := parse_number(o.raw)) is not None and n.unit
            ]
            if units:
                ind.unit = units[0]
    return out


def _cost_row(
    rows: list[tuple[int, CostRow]],
    row: int,
    label: str,
    view: TableView,
    g: YearGrid,
    skip: set[int],
) -> CostRow:
    """The money row being read (made at its first figure)."""
    if rows and rows[-1][0] == row:
        return rows[-1][1]
    name, _ = trailing_unit(label)
    made = CostRow(
        name,
        _row_groups(view, g, row, skip),
        part=fold(name).startswith("うち"),
    )
    rows.append((row, made))
    return made


def _indicator(
    view: TableView,
    row: int,
    label: str,
    name_col: int | None,
    unit_col: int | None,
    ctx: GridContext,
    by_name: dict[str, Indicator],
    out: GridOut,
    ledger: Ledger,
) -> Indicator | None:
    """The indicator a data row's values go to: the one named before the grid, or the row's
    own (its name cell, else its label)."""
    if ctx.named is not None:
        if ctx.named not in out.indicators:
            out.indicators.append(ctx.named)
        return ctx.named
    name_cell = view.at(row, name_col) if name_col is not None else None
    name = text(name_cell) if name_cell is not None else label
    if not name:
        return None
    if name in by_name:
        return by_name[name]
    ind = Indicator(
        name=name,
        source=(name_cell.loc if name_cell is not None else view.at(row, 0).loc).to_model(),
    )
    if name_cell is not None:
        ledger.placed(name_cell)
    if unit_col is not None:
        unit_cell = view.at(row, unit_col)
        if text(unit_cell):
            ind.unit = text(unit_cell)
            ledger.placed(unit_cell)
        else:
            ledger.structure(unit_cell)
    if not ind.unit:
        _base, unit = trailing_unit(name)
        if unit:
            ind.unit = unit
    ind.kind = ctx.kind  # type: ignore[assignment]
    by_name[name] = ind
    out.indicators.append(ind)
    return ind


def _observe(
    ind: Indicator,
    s: Slot,
    cell: Cell,
    role: str,
    row_role: str | None,
    view: TableView,
    role_col: int | None,
    row: int,
    out: GridOut,
    fam: Family,
) -> None:
    label = s.label
    if row_role is not None and role_col is not None and not s.role:
        label = f"{s.label} {label_text(text(view.at(row, role_col)))}".strip()
    note = None
    if role == "plan" and fam.vocab.forecast_means == "note":
        role, note = "actual", fam.vocab.is_forecast(s.own) or fam.vocab.is_forecast(label)
    if s.year is None:
        return
    units: list[str] = []
    tr = TableResult()
    obs = _observation(cell, _Column(role, s.year, label, note), tr, units)
    out.diagnostics += tr.diagnostics
    if role == "actual":
        ind.actuals.append(obs)
    elif role == "plan":
        ind.plans.append(obs)
    elif role == "target":
        if ind.target is None:
            ind.target = obs
        else:
            ind.plans.append(obs)
    elif role == "baseline":
        if ind.baseline is None:
            ind.baseline = obs
        else:
            ind.actuals.append(obs)


def _cost(label: str, s: Slot, cell: Cell, kind: str, ctx: GridContext, out: GridOut) -> Cost:
    raw = text(cell)
    value, ok = _money(raw)
    name, unit = trailing_unit(label)
    if not ok:
        out.diagnostics.append(
            dg.make(
                "warning",
                "value-unparsed",
                f"Amount {raw!r} ({name}, {s.label}) is not a number; kept as raw text with "
                "value null.",
                cell.loc,
                raw,
            )
        )
    assert s.year is not None
    return Cost(
        label=name,
        fiscal_year=s.year,
        kind=kind,  # type: ignore[arg-type]
        value=value,
        raw=raw,
        unit=unit or ctx.unit,
        label_header=s.label or None,
        source=cell.loc.to_model(),
    )


def _extras(
    view: TableView, g: YearGrid, row: int, out: GridOut, ledger: Ledger, fam: Family
) -> None:
    """Columns right of the slots: a difference (差引) or a flag column is reported with its
    header, an empty one is structure; anything else is left for the sweep."""
    for s in g.extras:
        cell = view.at(row, s.c0)
        if view.box(cell)[0] != row:
            continue
        if cell.is_empty:
            ledger.structure(cell)
            continue
        header = label_text(s.own or s.label)
        rule = match_label(fam, s.own, "cell") if s.own else None
        if s.difference or (rule is not None and rule.rule.field == "unmapped"):
            out.unmapped.append((header, cell))


__all__ = ["GridContext", "GridOut", "Slot", "YearGrid", "find_grids", "read_grid"]
