"""The three tables of a progress sheet, recognised by their header vocabulary and read into
records:

* the indicator table (事業名 / 現状値 / 実績値 / 目標値) → :class:`Indicator` rows;
* the organize-action table (共創型オーガナイズアクション: 対象 × 気持ちの変化 / 行動の変化 /
  目指す成果) → per-actor narratives;
* the approach table (気持ち・行動の変化を促すためのアプローチ: row labels × 市民 / 地域 / 市)
  → results, expected effects, changes and issues, next steps.

Each reader marks the cells it used in the coverage :class:`Ledger` and reports repairs and
guesses as diagnostics.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from .. import diagnostics as dg
from ..blocks import Cell, Loc, TableBlock
from ..cells import split_cell
from ..coverage import Ledger
from ..families.vocab import Vocab
from ..ja import find_fiscal_year, is_no_value, parse_number, split_note
from ..model import (
    ACTORS,
    Actor,
    Diagnostic,
    Indicator,
    Narrative,
    NarrativeKind,
    Observation,
)
from ..textutil import BULLETS, drop_cjk_spaces, join_wrapped, strip_ws
from .stacked import text_kinds

TableKind = Literal["indicator", "organize", "approach"]


@dataclass(slots=True)
class Layout:
    """How a table's columns were read, so that its continuation — the same table carried over
    a page break, printed again without (or with) its header — is read the same way."""

    kind: TableKind
    n_cols: int
    #: indicator tables: the columns; organize tables: (actor column, column kinds);
    #: approach tables: (label column, actor columns)
    columns: object
    #: narratives of the last row, which a row split by the page break continues
    last: list[Narrative] = field(default_factory=list)
    #: organize tables: the narrative each column's text went to last
    last_by_col: dict[int, Narrative] = field(default_factory=dict)


@dataclass(slots=True)
class TableResult:
    """What one table contributed to its measure."""

    indicators: list[Indicator] = field(default_factory=list)
    narratives: list[Narrative] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    layout: Layout | None = None


def _continues(cont: Layout | None, kind: TableKind, table: TableBlock) -> bool:
    return cont is not None and cont.kind == kind and cont.n_cols == table.n_cols


# --- helpers ----------------------------------------------------------------------------------


def _origin(table: TableBlock, r: int, c: int) -> Cell:
    """The cell whose content shows at (r, c): the merged cell's top-left if covered."""
    cell = table.rows[r][c]
    if cell.covered_by is not None:
        rr, cc = cell.covered_by
        return table.rows[rr][cc]
    return cell


@lru_cache(maxsize=4096)  # the same row and column labels table after table
def _label(text: str) -> str:
    """A label as printed, less the layout spaces between Japanese characters."""
    return drop_cjk_spaces(text)


@lru_cache(maxsize=4096)
def _is_year_only(text: str, v: Vocab) -> bool:
    return bool(text) and not v.strip_years(text) and find_fiscal_year(text) is not None


@lru_cache(maxsize=4096)  # asked of the same header labels table after table
def _header_like(text: str, v: Vocab) -> bool:
    if not text:
        return True
    return (
        v.indicator_role(text) is not None
        or _is_year_only(text, v)
        or v.is_forecast(text) is not None
        or v.org_kind(text) is not None
        or v.org_process_header.match(text)
        or v.actor_header.match(text)
    )


def _texts(table: TableBlock, rows: range) -> list[list[str]]:
    shown = table.shown
    return [list(shown[r]) for r in rows]


# --- classification ---------------------------------------------------------------------------


def classify(table: TableBlock, v: Vocab, hint: TableKind | None = None) -> TableKind | None:
    """The kind of a table from its header vocabulary; ``hint`` is the kind its printed title
    names, used only when the header alone does not decide."""
    if not table.rows:
        return None
    head = _texts(table, range(min(3, len(table.rows))))
    # (each text's role, kind and actor as the stacked-table cuts read them, once per text)
    kinds = [k for row in head for t in row if t and (k := text_kinds(t, v)) is not None]
    if any(k[1] is not None for k in kinds):
        return "organize"
    roles = {k[0] for k in kinds}
    if "name" in roles and roles & {"baseline", "actual", "target"}:
        return "indicator"
    labels = [row[0] for row in table.shown]
    if any(v.approach_kind(t) is not None for t in labels):
        return "approach"
    actors = {v.actor_of(t) for t in (head[0] if head else [])} - {None}
    if hint in ("approach", "organize") and len(actors) >= 2:
        return hint
    return None


# --- indicator table (事業名 / 現状値 / 実績値 / 目標値) ----------------------------------------


@dataclass(frozen=True, slots=True)
class _Column:
    """How an indicator-table column reads; frozen, as one is shared by every table that
    prints the same header (:func:`_indicator_columns`)."""

    role: str | None
    year: int | None
    label: str
    note: str | None


def _header_rows(table: TableBlock, v: Vocab) -> int:
    """Leading rows made of header words and year labels only (at least one)."""
    h = 0
    first = max(1, table.header_rows)  # rows the markup marks as header count as such
    for r in range(len(table.rows)):
        if r >= first:
            texts = [table.rows[r][c].flat for c in range(table.n_cols)]
            if not any(texts) or not all(_header_like(x, v) for x in texts):
                break
        h = r + 1
    return max(h, 1)


def _indicator_columns(table: TableBlock, h: int, v: Vocab) -> list[_Column]:
    """The columns of an indicator table with ``h`` header rows, read off what its header
    rows show and which positions a merged cell covers: the same for every table of a sheet
    that prints the same header, so read once per such header (the columns are not changed
    once read)."""
    shown = table.shown[:h]
    covered = tuple(tuple(c.covered_by is not None for c in row) for row in table.rows[:h])
    key = (shown, covered, v)
    cols = _COLUMNS.get(key)
    if cols is None:
        if len(_COLUMNS) >= 1024:
            _COLUMNS.clear()
        cols = _COLUMNS[key] = _read_indicator_columns(table, h, v)
    return cols


#: columns read, by (header rows shown, covered positions, vocabulary)
_COLUMNS: dict[object, list[_Column]] = {}


def _read_indicator_columns(table: TableBlock, h: int, v: Vocab) -> list[_Column]:
    n = table.n_cols
    grid = _texts(table, range(h))
    # A group header flattened into its first column (Markdown has no colspan): an empty header
    # cell inherits the group label on its left where a lower header row labels the column.
    for r in range(h - 1):
        for c in range(1, n):
            if (
                not grid[r][c]
                and grid[r][c - 1]
                and any(grid[rr][c] for rr in range(r + 1, h))  # a lower row labels it
            ):
                left_role = v.indicator_role(grid[r][c - 1])
                if left_role == "actual" or v.is_forecast(grid[r][c - 1]):
                    grid[r][c] = grid[r][c - 1]
    cols = []
    for c in range(n):
        texts = tuple(grid[r][c] for r in range(h))
        own = tuple(table.rows[r][c].flat for r in range(h) if table.rows[r][c].covered_by is None)
        cols.append(_Column(*_column(texts, own, v)))
    if not any(col.role == "name" for col in cols) and cols:
        cols[0] = replace(cols[0], role="name")
    return cols


@lru_cache(maxsize=4096)  # a book prints the same header over every sheet's table
def _column(
    texts: tuple[str, ...], own: tuple[str, ...], v: Vocab
) -> tuple[str | None, int | None, str, str | None]:
    """(role, fiscal year, label, forecast word) of an indicator-table column from the texts
    showing in its header rows and those printed in it (not merged into it), the lowest
    (most specific) that names each."""
    role = next((v.indicator_role(t) for t in reversed(texts) if v.indicator_role(t)), None)
    forecast = next((v.is_forecast(t) for t in reversed(texts) if v.is_forecast(t)), None)
    if role is None and forecast:
        role = "actual"
    year = next((y for t in reversed(texts) if (y := find_fiscal_year(t)) is not None), None)
    if role is None and year is not None and any(_is_year_only(t, v) for t in texts):
        role = "actual"
    label = next((t for t in reversed(own) if t), next((t for t in reversed(texts) if t), ""))
    return role, year, label, forecast


def _observation(cell: Cell, col: _Column, out: TableResult, units: list[str]) -> Observation:
    raw = cell.flat
    value = None
    approximate = None
    notes: list[str] = [col.note] if col.note else []
    if raw and not is_no_value(raw):
        number = parse_number(raw)
        if number is None and (split := split_note(raw)) is not None:
            number = parse_number(split[0])  # 1,320（見込）: the note without its brackets
            if number is not None and split[1] not in notes:
                notes.append(split[1])
        if number is None:
            out.diagnostics.append(
                dg.make(
                    "warning",
                    "value-unparsed",
                    f"Value {raw!r} ({col.label}) is not a number; "
                    "kept as raw text with value null.",
                    cell.loc,
                    raw,
                )
            )
        elif number.value is None:
            out.diagnostics.append(
                dg.make(
                    "info",
                    "value-range",
                    f"Value {raw!r} ({col.label}) is a range; kept as raw text with value null.",
                    cell.loc,
                    raw,
                )
            )
        else:
            value = number.value
            approximate = True if number.approximate else None
            if number.unit:
                units.append(number.unit)
            qualifier = getattr(number, "qualifier", None)
            if qualifier and not number.approximate:
                notes.append(qualifier if isinstance(qualifier, str) else "".join(qualifier))
    assert col.year is not None
    return Observation(
        fiscal_year=col.year,
        value=value,
        raw=raw,
        label=col.label or None,
        approximate=approximate,
        note=" ".join(notes) or None,
        source=cell.loc.to_model(),
    )


def _has_header(table: TableBlock, v: Vocab) -> bool:
    texts = [c.flat for c in table.rows[0]] if table.rows else []
    return any(texts) and all(_header_like(x, v) for x in texts)


def _value_column(cols: list[_Column], c: int, span: int) -> _Column:
    """The column a value cell counts for: its own, or — where it is merged across columns
    and its own names no fiscal year (a grid of two tables' columns, as a converter that
    joined tables lays it) — the first column of its span that names a role and a year."""
    col = cols[c]
    if span > 1 and col.year is None:
        for k in range(c + 1, min(c + span, len(cols))):
            if cols[k].role in ("baseline", "actual", "target") and cols[k].year is not None:
                return cols[k]
    return col


def read_indicator_table(
    table: TableBlock, ledger: Ledger, v: Vocab, cont: Layout | None = None
) -> TableResult:
    """Indicators of an indicator table, one per data row (``cont``: the layout of the table
    this one continues, used when it is printed without its header)."""
    out = TableResult()
    if _continues(cont, "indicator", table) and not _has_header(table, v):
        h, cols = 0, cont.columns  # type: ignore[union-attr]
    else:
        h = _header_rows(table, v)
        cols = _indicator_columns(table, h, v)
    out.layout = Layout("indicator", table.n_cols, cols)
    for r in range(h):
        ledger.structure(*table.rows[r])
    name_col = next(c for c, col in enumerate(cols) if col.role == "name")
    for r in range(h, len(table.rows)):
        row = table.rows[r]
        name_cell = _origin(table, r, name_col)
        if all(cell.is_empty for cell in row):
            ledger.structure(*row)
            continue
        name = name_cell.flat
        ledger.placed(name_cell)
        units: list[str] = []
        unit_text: str | None = None
        ind = Indicator(name=name, source=name_cell.loc.to_model())
        for c, col in enumerate(cols):
            cell = row[c]
            if c == name_col or cell.covered_by is not None:
                continue
            col = _value_column(cols, c, cell.colspan)
            if col.role == "unit":
                unit_text = cell.flat or None
                ledger.placed(cell)
            elif col.role in ("baseline", "actual", "target"):
                if col.year is None:
                    if not cell.is_empty:
                        out.diagnostics.append(
                            dg.make(
                                "warning",
                                "unplaced-block",
                                f"Column {col.label!r} names no fiscal year, so value "
                                f"{cell.flat!r} of {name!r} "
                                "cannot be an observation; not placed.",
                                cell.loc,
                                cell.flat,
                            )
                        )
                        ledger.mark("unplaced", cell)
                    else:
                        ledger.structure(cell)
                    continue
                obs = _observation(cell, col, out, units)
                ledger.placed(cell)
                if col.role == "actual":
                    ind.actuals.append(obs)
                elif getattr(ind, col.role) is None:
                    setattr(ind, col.role, obs)
                else:
                    out.diagnostics.append(
                        dg.make(
                            "warning",
                            "unplaced-block",
                            f"A second {col.role} column ({col.label!r}) for {name!r}; not placed.",
                            cell.loc,
                            cell.flat,
                        )
                    )
                    ledger.mark("unplaced", cell)
            elif not cell.is_empty:
                out.diagnostics.append(
                    dg.make(
                        "warning",
                        "unplaced-block",
                        (
                            f"Column {col.label!r} (a remark) has no field in an indicator; "
                            f"its cell for {name!r} is kept here."
                        )
                        if col.role == "note"
                        else f"Column {col.label!r} of the indicator table is not known; cell "
                        f"of {name!r} not placed.",
                        cell.loc,
                        cell.flat,
                    )
                )
                ledger.mark("unplaced", cell)
        if unit_text:
            ind.unit = unit_text
        elif units:
            ind.unit = units[0]
            if len(set(units)) > 1:
                out.diagnostics.append(
                    dg.make(
                        "info",
                        "unit-mismatch",
                        f"Indicator {name!r} prints values in different units "
                        f"{sorted(set(units))}; unit read as {units[0]!r}.",
                        name_cell.loc,
                    )
                )
        out.indicators.append(ind)
    return out


# --- narrative cells --------------------------------------------------------------------------


def _narrative(
    kind: NarrativeKind,
    actor: Actor | None,
    label: str,
    cells: list[Cell],
    ledger: Ledger,
    fiscal_year: int | None = None,
) -> Narrative:
    items: list[str] = []
    figures: list[str] = []
    for cell in cells:
        ct = split_cell(cell)
        items += ct.items
        figures += ct.figures
        ledger.placed(cell)
    return Narrative(
        kind=kind,
        actor=actor,
        label=label,
        fiscal_year=fiscal_year,
        items=items,
        figures=figures,
        source=cells[0].loc.to_model() if cells else None,
    )


_SENTENCE_END = ("。", "．", ".", "」", "）", ")", "！", "？")


def _continue_narrative(n: Narrative, cell: Cell) -> bool:
    """Append a continuation cell's items to a narrative; where the narrative's last item is an
    unfinished sentence and the cell does not start a new item, the first piece completes it.
    Returns True when such a join was made."""
    ct = split_cell(cell)
    joined = False
    first = cell.parts[0].text.lstrip() if cell.parts else ""
    starts_item = first[:1] in BULLETS or (cell.parts and cell.parts[0].kind in ("li", "p", "list"))
    if n.items and ct.items and not starts_item and not n.items[-1].endswith(_SENTENCE_END):
        n.items[-1] = join_wrapped([n.items[-1], ct.items.pop(0)])
        joined = True
    n.items += ct.items
    n.figures += ct.figures
    return joined


def _repeated(cells: Iterable[Cell]) -> bool:
    """Two or more cells with the same text: a merged cell a converter copied into every
    position it spanned (the sheet prints it once)."""
    it = iter(cells)
    first = next(it, None)
    if first is None:
        return False
    text = first.text
    want = strip_ws(text)
    others = 0
    for c in it:  # (mostly different texts: the first that differs decides)
        if c.text != text and strip_ws(c.text) != want:
            return False
        others += 1
    return others > 0 and bool(want)


def _repeated_diag(label: str, loc: Loc) -> Diagnostic:
    return dg.make(
        "info",
        "merged-cell-repeated",
        f"{label!r}: the same text stands in every cell of a merged range (as converters copy "
        "a merged cell); read once, not once per actor.",
        loc,
    )


# --- organize-action table (共創型オーガナイズアクション) -----------------------------------


def _org_layout(
    table: TableBlock, v: Vocab
) -> tuple[int, int, dict[int, tuple[NarrativeKind, str]]]:
    """(actor column, header rows, column kinds) of an organize-action table."""
    n_rows, n_cols = len(table.rows), table.n_cols
    # the actor column: headed 対象, else the one whose body cells name actors
    actor_col = 0
    for c in range(n_cols):
        if any(v.actor_header.match(table.rows[r][c].flat) for r in range(min(3, n_rows))):
            actor_col = c
            break
    h = next(
        (r for r in range(n_rows) if v.actor_of(table.shown[r][actor_col]) is not None),
        n_rows,
    )
    kinds: dict[int, tuple[NarrativeKind, str]] = {}
    for c in range(n_cols):
        if c == actor_col:
            continue
        texts = [table.shown[r][c] for r in range(h)]
        found = next(((k, t) for t in reversed(texts) if t and (k := v.org_kind(t))), None)
        if found:
            kinds[c] = (found[0], _label(found[1]))
        else:
            label = next(
                (t for t in reversed(texts) if t and not v.org_process_header.match(t)), ""
            )
            kinds[c] = (NarrativeKind.other, _label(label))
    return actor_col, h, kinds


def read_organize_table(
    table: TableBlock, ledger: Ledger, v: Vocab, cont: Layout | None = None
) -> TableResult:
    """Per-actor 気持ちの変化 / 行動の変化 narratives and the 目指す成果."""
    out = TableResult()
    n_rows = len(table.rows)
    actor_col, h, kinds = _org_layout(table, v)
    continued = _continues(cont, "organize", table) and not any(
        _header_like(c.flat, v) and c.flat for c in table.rows[0]
    )
    by_col: dict[int, Narrative] = {}
    if continued:
        # printed without its header: the rows before the first actor row finish the last
        # actor row of the table it continues (a row split by the page break)
        actor_col, kinds = cont.columns  # type: ignore[union-attr, misc]
        by_col = dict(cont.last_by_col)  # type: ignore[union-attr]
        for r in range(h):
            for c, cell in enumerate(table.rows[r]):
                if cell.covered_by is None and not cell.is_empty and c in by_col:
                    _continue_narrative(by_col[c], cell)
                    ledger.placed(cell)
                else:
                    ledger.structure(cell)
            out.diagnostics.append(
                dg.make(
                    "info",
                    "row-continued",
                    "A row of the organize-action table without an actor was joined to the row "
                    "above.",
                    table.rows[r][0].loc,
                )
            )
    else:
        for r in range(h):
            ledger.structure(*table.rows[r])
    out.layout = Layout("organize", table.n_cols, (actor_col, kinds))
    body = range(h, n_rows)
    for c, (kind, label) in kinds.items():
        if kind == NarrativeKind.other and all(table.rows[r][c].is_empty for r in body):
            ledger.structure(*(table.rows[r][c] for r in body))
            continue
        if kind == NarrativeKind.other:
            out.diagnostics.append(
                dg.make(
                    "info",
                    "unknown-label",
                    f"Column {label!r} of the organize-action table is not in the vocabulary; its "
                    "text is kept as narratives of kind 'other'.",
                    table.rows[0][c].loc,
                )
            )
        own = [
            r for r in body if table.rows[r][c].covered_by is None and not table.rows[r][c].is_empty
        ]
        merged = kind == NarrativeKind.outcome and (
            len(own) <= 1 or _repeated(table.rows[r][c] for r in own)
        )
        if merged and len(own) > 1:
            out.diagnostics.append(_repeated_diag(label, table.rows[own[0]][c].loc))
            ledger.placed(*(table.rows[r][c] for r in own[1:]))
            own = own[:1]
        if merged and continued and c in by_col:
            # the merged cell carried over the page break: its text (if any) continues it
            for r in own:
                _continue_narrative(by_col[c], table.rows[r][c])
                ledger.placed(table.rows[r][c])
            ledger.structure(*(table.rows[r][c] for r in body))
            continue
        if merged:
            cells = [table.rows[r][c] for r in own]
            first = table.rows[own[0] if own else h][c] if n_rows > h else table.rows[0][c]
            if not cells:
                out.diagnostics.append(_empty_org_cell(label, None, first.loc))
            n = _narrative(kind, None, label, cells, ledger)
            if not cells:
                n.source = first.loc.to_model()
            ledger.structure(*(table.rows[r][c] for r in body))
            out.narratives.append(n)
            by_col[c] = n
            continue
        for r in body:
            cell = table.rows[r][c]
            if cell.covered_by is not None:
                continue
            actor_text = table.shown[r][actor_col]
            actor = v.actor_of(actor_text)
            if actor is None and cell.is_empty:
                ledger.structure(cell)
                continue
            if cell.is_empty:
                out.diagnostics.append(_empty_org_cell(label, actor, cell.loc))
            n = _narrative(kind, actor, label, [cell], ledger)
            out.narratives.append(n)
            by_col[c] = n
    out.layout.last_by_col = by_col
    for r in body:
        actor_cell = _origin(table, r, actor_col)
        if v.actor_of(actor_cell.flat) is not None:
            ledger.structure(actor_cell)
    return out


def _empty_org_cell(label: str, actor: Actor | None, loc: Loc) -> Diagnostic:
    who = f"row {actor!r}" if actor else "the merged cell"
    return dg.make(
        "warning",
        "empty-cell",
        f"Column {label!r} of the organize-action table has no text in {who}; emitted with "
        "items [].",
        loc,
    )


# --- approach table (アプローチ) ---------------------------------------------------------------


def _split_labels(
    table: TableBlock, start: int, label_col: int, text_cols: list[int], v: Vocab
) -> dict[int, str | None]:
    """Row labels a page break (or a converter) cut in two: a label the vocabulary does not
    know that, followed by the next row's label, is one it knows (``生じた変`` +
    ``化又は課題``). The rows are read as one: the whole label goes to the first row and the
    second continues it (``""``); where the first row has no text (the break came before
    any), it is skipped (``None``) and the second row takes the whole label."""
    out: dict[int, str | None] = {}
    for r in range(start, len(table.rows) - 1):
        a, b = _origin(table, r, label_col), _origin(table, r + 1, label_col)
        ta, tb = a.flat, b.flat
        if a is b or r in out or not ta or not tb or v.approach_kind(ta) is not None:
            continue
        joined = _label(ta + tb)
        if v.approach_kind(joined) is None:
            continue
        if any(not table.rows[r][c].is_empty for c in text_cols):
            out[r], out[r + 1] = joined, ""
        else:
            out[r], out[r + 1] = None, joined
    return out


def _split_label_diag(label: str, loc: Loc) -> Diagnostic:
    return dg.make(
        "info",
        "row-continued",
        f"Row label {label!r} of the approach table is cut over two rows (by a page break); "
        "the two rows are read as one.",
        loc,
    )


def read_approach_table(
    table: TableBlock, ledger: Ledger, v: Vocab, cont: Layout | None = None
) -> TableResult:
    """Results, expected effects, changes and issues, next steps — merged or per actor."""
    out = TableResult()
    n_rows, n_cols = len(table.rows), table.n_cols
    label_col = 0
    header = None
    actor_cols: dict[int, Actor | None] = {}
    for r in range(min(2, n_rows)):
        found = {c: a for c in range(n_cols) if (a := v.actor_of(table.shown[r][c]))}
        if found:
            header = r
            actor_cols = dict(found)
            break
    continued = _continues(cont, "approach", table)
    if header is None and continued:
        label_col, actor_cols = cont.columns  # type: ignore[union-attr, misc]
        start = 0
    elif header is None:
        actor_cols = {c: None for c in range(1, n_cols)}
        start = 0
    else:
        start = header + 1
        for r in range(start):
            ledger.structure(*table.rows[r])
        label_col = next((c for c in range(n_cols) if c not in actor_cols), 0)
    out.layout = Layout("approach", n_cols, (label_col, actor_cols))
    previous: list[Narrative] = list(cont.last) if continued else []  # type: ignore[union-attr]
    relabel = _split_labels(table, start, label_col, sorted(actor_cols), v)
    for r in range(start, n_rows):
        row = table.rows[r]
        label_cell = _origin(table, r, label_col)
        if r in relabel:
            ledger.structure(label_cell)
            if relabel[r] is None:  # the label's first half over an empty row: read below
                ledger.structure(*row)
                out.diagnostics.append(_split_label_diag(relabel[r + 1] or "", label_cell.loc))
                continue
            if relabel.get(r + 1) == "":
                out.diagnostics.append(_split_label_diag(relabel[r] or "", label_cell.loc))
        label_text = relabel[r] or "" if r in relabel else label_cell.flat
        cols = [(actor_cols[c], row[c]) for c in sorted(actor_cols)]
        own = [(a, cell) for a, cell in cols if cell.covered_by is None and not cell.is_empty]
        if not label_text and own and previous:
            # a row split by a page break (or a converter): continue the narratives above
            joined = False
            for n, (_, cell) in zip(previous, own, strict=False):
                joined |= _continue_narrative(n, cell)
                ledger.placed(cell)
            if r in relabel:
                continue  # reported with the label it completes
            out.diagnostics.append(
                dg.make(
                    "info",
                    "row-continued",
                    "A row of the approach table without a label was joined to the row above"
                    + (" (its first sentence completes the item above)." if joined else "."),
                    row[0].loc,
                )
            )
            continue
        if not label_text and not own:
            ledger.structure(*row)
            continue
        label = _label(label_text)
        kind = v.approach_kind(label_text)
        ledger.structure(label_cell)
        if kind is None:
            kind = NarrativeKind.other
            out.diagnostics.append(
                dg.make(
                    "info",
                    "unknown-label",
                    f"Row {label!r} of the approach table is not in the vocabulary; kept as a "
                    "narrative of kind 'other'.",
                    label_cell.loc,
                )
            )
        year = find_fiscal_year(label_text)
        previous = []
        if not own:
            out.diagnostics.append(
                dg.make(
                    "warning",
                    "empty-cell",
                    f"Row {label!r} of the アプローチ table has no text in any of the "
                    f"{'/'.join(a for a in ACTORS)} cells (the sheet printed an image there); "
                    "emitted with items [].",
                    label_cell.loc,
                )
            )
            n = _narrative(kind, None, label, [], ledger, year)
            n.source = label_cell.loc.to_model()
            ledger.structure(*(cell for _, cell in cols))
            previous = [n]
        elif len(own) == 1 and own[0][1] is cols[0][1]:
            previous = [_narrative(kind, None, label, [own[0][1]], ledger, year)]
            ledger.structure(*(cell for _, cell in cols))
        elif _repeated(cell for _, cell in own):
            previous = [_narrative(kind, None, label, [own[0][1]], ledger, year)]
            ledger.placed(*(cell for _, cell in own))
            ledger.structure(*(cell for _, cell in cols))
            out.diagnostics.append(_repeated_diag(label, own[0][1].loc))
        else:
            for actor, cell in own:
                previous.append(_narrative(kind, actor, label, [cell], ledger, year))
            ledger.structure(*(cell for _, cell in cols))
        out.narratives += previous
    out.layout.last = previous
    return out


READERS = {
    "indicator": read_indicator_table,
    "organize": read_organize_table,
    "approach": read_approach_table,
}
