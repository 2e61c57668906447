"""Form tables: a label cell with its value beside or below it, in a ruled grid.

Evaluation sheets (目標設定シート, 事業評価書, 事務事業評価シート …) are forms rather than
tables: ``担当部署名 | 環境政策課 | 事務事業名 | 環境学習推進事業``. Each printed label the
family's profile knows sends its value to a field (title, department, a plan level, the
project's term, a narrative, an evaluation, …); year grids inside the form (money, indicator
values by fiscal year) are read by :mod:`.grids`; a row of questions over a row of answers
(横浜市 客観的指標に基づく分析) gives one evaluation per question. Rows are read top to bottom,
so a sub-unit (細事業) started in a row receives what follows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import regex

from .. import diagnostics as dg
from ..blocks import Cell, Loc, Part, TableBlock
from ..cells import split_cell, split_parts
from ..coverage import Ledger
from ..families.registry import Family, Label
from ..ja import find_fiscal_year
from ..model import Cost, Diagnostic, Evaluation, HierarchyLevel, Indicator, Measure, Narrative
from ..textutil import collapse_ws, fold, join_wrapped
from .grids import GridContext, find_grids, read_grid
from .labels import label_text, match_label, single_year
from .periods import parse_period
from .view import TableView, text


class Sink(Protocol):
    """What the walk lends a form: the measure being read and the context in force."""

    fam: Family
    ledger: Ledger
    diags: list[Diagnostic]
    era: str | None
    money_unit: str | None
    indicator_kind: str | None
    named_indicator: Indicator | None
    last_evaluation: Evaluation | None
    label_texts: list[str]
    #: what the last field read was: a narrative or evaluation (a ※ note printed under the
    #: table belongs to it), "figures" (a year grid: the note is not a record), or None
    last_field: Narrative | Evaluation | str | None
    #: the fiscal year a section or group heading names (京都市 ７　令和７年度の方向性)
    context_year: int | None

    def measure(self, loc: Loc) -> Measure: ...

    def narratives(self) -> list[Narrative]: ...

    def identity(self, field: str, value: str, loc: Loc) -> bool: ...

    def subunit(self, number: str | None, title: str, loc: Loc) -> None: ...

    def report(self, what: str, cells: list[Cell], loc: Loc) -> None: ...


@dataclass(slots=True)
class _Form:
    view: TableView
    sink: Sink
    labels: dict[int, Label] = field(default_factory=dict)
    #: cells whose first line is a label and whose other lines its value (a caption inside
    #: its box: 京都市 ``所管局`` over ``環境政策局``)
    inline: dict[int, Cell] = field(default_factory=dict)
    taken: set[int] = field(default_factory=set)

    @property
    def fam(self) -> Family:
        return self.sink.fam

    def take(self, *cells: Cell) -> None:
        for c in cells:
            self.taken.add(id(c))

    def is_label(self, cell: Cell) -> bool:
        return id(cell) in self.labels


#: a line that is a note in brackets, whole
_BRACKETED = regex.compile(r"^\s*[（(][^()（）]*[)）]\s*$")

#: label fields that are never a caption with its value below it in one cell
_NOT_INLINE = frozenset({"group", "section", "structure", "questions", "answers"})


def read_form(table: TableBlock, sink: Sink) -> None:
    """Read one form table into the sink's measure(s)."""
    view = TableView(table)
    form = _Form(view, sink)
    for cell in view.origins():
        if not cell.parts:
            continue
        if (rule := match_label(sink.fam, cell.text, "cell")) is not None:
            form.labels[id(cell)] = rule
            continue
        first = match_label(sink.fam, cell.parts[0].text, "cell") if len(cell.parts) > 1 else None
        rest: tuple[Part, ...] = cell.parts[1:]
        if first is None and len(cell.parts) == 1:
            # a caption and its value on one line (所管局　教育委員会事務局)
            head, _, tail = collapse_ws(cell.parts[0].text.replace("\u3000", " ")).partition(" ")
            if tail and (first := match_label(sink.fam, head, "cell")) is not None:
                rest = (Part(cell.parts[0].kind, tail),)
        if first is not None and first.rule.field == "cost":
            form.labels[id(cell)] = first  # its other lines describe the figure
        elif first is not None and first.rule.field not in _NOT_INLINE:
            form.labels[id(cell)] = first
            form.inline[id(cell)] = Cell(rest, cell.loc)
    for cell in list(view.origins()):
        if id(cell) in form.inline:
            r, c = view.start(cell)
            left = view.at(r, c - 1) if c > 0 else None
            if left is not None and id(left) in form.labels and id(left) not in form.inline:
                # right of a label it is that label's value, holding a field of its own
                del form.labels[id(cell)], form.inline[id(cell)]
    _identity_first(form)
    for r in range(view.n_rows):
        for g in find_grids(view, sink.fam, r, sink.era, form.taken):
            _grid(form, g)
        for cell in list(view.row_origins(r)):
            if view.start(cell)[0] != r or id(cell) in form.taken:
                continue
            rule = form.labels.get(id(cell))
            if rule is not None:
                _dispatch(form, cell, rule)


def _identity_first(form: _Form) -> None:
    """A table that names a measure (its title, number or department) belongs to it whole: a
    header box printing a plan level above the sheet's number gives that level to the sheet
    whose number follows, not to the sheet before. The identity is read before the rest."""
    for cell in form.view.origins():
        rule = form.labels.get(id(cell))
        if rule is None or rule.rule.field not in ("title", "id", "department"):
            continue
        if id(cell) in form.inline:
            values = [form.inline[id(cell)]]
        else:
            values = _value_cells(form, cell, rule)
        parts = [
            p.text
            for c in values
            for p in c.parts
            if p.text.strip()
            and match_label(form.sink.fam, p.text, "cell") is None
            and not (parse_period(p.text, form.sink.era) and _mostly_years(p.text))
        ]
        if parts:
            value = " ".join(parts)
            if rule.rule.field == "title":
                k = 1
                while k < len(parts) and _BRACKETED.match(parts[k]):
                    k += 1
                value = join_wrapped(parts[:k])
            form.sink.identity(rule.rule.field, collapse_ws(value), values[0].loc)
        return


# --- values --------------------------------------------------------------------------------------


def _values_right(form: _Form, label: Cell) -> list[Cell]:
    """The cells right of a label in the rows it spans, up to the next label or read cell."""
    view = form.view
    r0, _, r1, c1 = view.box(label)
    out: list[Cell] = []
    for r in range(r0, r1):
        c = c1
        while c < view.n_cols:
            cell = view.at(r, c)
            cr, _cc, cr1, cc1 = view.box(cell)
            if cell in out:
                c = cc1
                continue
            if id(cell) in form.taken or form.is_label(cell) or cr < r0 or cr1 > r1 + 1:
                break
            out.append(cell)
            c = cc1
    return out


def _values_below(form: _Form, label: Cell) -> list[Cell]:
    """The cell(s) under a label in its columns, down to the next label or read cell."""
    view = form.view
    _, c0, r1, c1 = view.box(label)
    out: list[Cell] = []
    r = r1
    while r < view.n_rows:
        cells = list(view.row_origins(r, c0, c1))
        if any(id(c) in form.taken or form.is_label(c) for c in cells):
            break
        fresh = [c for c in cells if c not in out and view.box(c)[1] >= c0]
        if not fresh:
            break
        out += fresh
        r = max(view.box(c)[2] for c in cells)
        break  # one row of values
    return out


def _value_cells(form: _Form, label: Cell, rule: Label) -> list[Cell]:
    if rule.rule.below:
        return _values_below(form, label) or _values_right(form, label)
    right = _values_right(form, label)
    if any(not c.is_empty for c in right):
        return right
    below = _values_below(form, label)
    if below and any(not c.is_empty for c in below) and not right:
        return below
    return right


def _joined(cells: list[Cell]) -> str:
    return collapse_ws(" ".join(text(c) for c in cells if text(c)))


def _items(cells: list[Cell]) -> tuple[list[str], list[str]]:
    items: list[str] = []
    figures: list[str] = []
    for c in cells:
        ct = split_cell(c)
        items += ct.items
        figures += ct.figures
    return items, figures


# --- fields -----------------------------------------------------------------------------------


def _dispatch(form: _Form, cell: Cell, rule: Label) -> None:
    sink = form.sink
    ledger = sink.ledger
    f = rule.rule.field
    inline = form.inline.get(id(cell))
    printed = text(cell)
    if inline is not None:
        printed = printed[: max(len(printed) - len(text(inline)), 0)].strip() or printed
    label = label_text(printed)
    sink.label_texts.append(printed)
    form.take(cell)
    ledger.structure(cell)
    if f in ("group", "section", "structure", "year-header", "subunit-number", "answers"):
        _context(sink, text(cell), rule)
        return
    if f == "questions":
        _questions(form, cell)
        return
    if inline is not None:
        values = [inline]
        ledger.placed(cell)  # its label is structure, its value goes to the field
    else:
        values = _value_cells(form, cell, rule)
    form.take(*values)
    values = _embedded(sink, values)
    filled = [c for c in values if not c.is_empty]
    empty = [c for c in values if c.is_empty]
    ledger.structure(*empty)
    if f == "unmapped":
        if filled:
            sink.report(label, filled, cell.loc)
        return
    if not filled:
        return  # a form field left empty gives no record
    value = _joined(filled)
    loc = filled[0].loc
    if f in ("title", "id"):
        parts = [p for c in filled for p in c.parts if p.text.strip()]
        if f == "title" and len(parts) > 1 and all(p.kind == "line" for p in parts):
            # the name with a bracketed gloss under it (（敬老バス回数券交付事業及び…）), then
            # what it covers (神戸市: the facilities under a project's name)
            k = 1
            while k < len(parts) and _BRACKETED.match(parts[k].text):
                k += 1
            name = join_wrapped([p.text for p in parts[:k]])
            sink.identity(f, name, loc)
            if k == len(parts):
                ledger.placed(*filled)
                return
            more = split_parts(parts[k:])
            n = Narrative(
                kind="other",  # type: ignore[arg-type]
                label=label,
                items=more.items,
                figures=more.figures,
                source=loc.to_model(),
            )
            sink.narratives().append(n)
        else:
            sink.identity(f, value, loc)
        ledger.placed(*filled)
        return
    if f == "subunit":
        sink.subunit(_subunit_number(form, cell), value, loc)
        ledger.placed(*filled)
        return
    if f == "department":
        # a header box naming another department than the measure read so far is the next
        # sheet's (its number, where printed, went by as page furniture)
        sink.identity("department", value, loc)
        ledger.placed(*filled)
        return
    m = sink.measure(cell.loc)
    if f == "hierarchy":
        m.hierarchy.append(HierarchyLevel(label=label, text=value, source=loc.to_model()))
    elif f == "period":
        period = parse_period(value, sink.era)
        if period is None:
            sink.diags.append(
                dg.make(
                    "warning",
                    "value-unparsed",
                    f"Term {value!r} ({label}) names no fiscal years; kept as a narrative.",
                    loc,
                    value,
                )
            )
            _narrative(sink, "other", label, filled, cell)
        else:
            m.period = period
    elif f == "narrative":
        _narrative(
            sink, str(rule.rule.kind.value if rule.rule.kind else "other"), label, filled, cell
        )
    elif f == "evaluation":
        _evaluation(sink, rule, label, filled, cell)
    elif f == "reason":
        items, _ = _items(filled)
        if sink.last_evaluation is not None:
            sink.last_evaluation.reason += items
            sink.last_field = sink.last_evaluation
        else:
            _narrative(sink, "other", label, filled, cell)
            ledger.placed(*filled)
            return
    elif f == "indicator":
        ind = Indicator(
            name=value,
            kind=rule.rule.indicator_kind or sink.indicator_kind,  # type: ignore[arg-type]
            source=loc.to_model(),
        )
        sink.named_indicator = ind
    elif f == "unit":
        if sink.named_indicator is not None and not sink.named_indicator.unit:
            sink.named_indicator.unit = value
        else:
            sink.report(label, filled, cell.loc)
            return
    elif f == "cost":
        _single_cost(sink, cell, filled)
    elif f == "options":
        _evaluation(sink, rule, label, filled, cell)
    ledger.placed(*filled)


def _context(sink: Sink, label: str, rule: Label) -> None:
    """A section or group label sets what follows it: a money unit, an indicator kind, a
    fiscal year."""
    unit = sink.fam.vocab.unit_in(label)
    if unit:
        sink.money_unit = unit
    year = single_year(label, sink.era)
    if year is not None:
        sink.context_year = year
    kind = rule.rule.indicator_kind or sink.fam.vocab.indicator_kind(label)
    if kind:
        sink.indicator_kind = kind


def _narrative(sink: Sink, kind: str, label: str, cells: list[Cell], at: Cell) -> None:
    items, figures = _items(cells)
    n = Narrative(
        kind=kind,  # type: ignore[arg-type]
        label=label,
        fiscal_year=single_year(label, sink.era),
        items=items,
        figures=figures,
        source=cells[0].loc.to_model() if cells else at.loc.to_model(),
    )
    sink.measure(at.loc)
    sink.narratives().append(n)
    sink.last_field = n


_MARKS_CACHE: dict[str, regex.Pattern[str]] = {}


def marked_options(value: str, chosen: str, unchosen: str) -> tuple[list[str], list[str]] | None:
    """(chosen, not chosen) options of a printed list of options each behind a mark
    (``○ 達成 ● おおむね達成``); None where the text is not such a list."""
    marks = chosen + unchosen
    if not marks or not any(m in value for m in marks):
        return None
    key = marks
    pattern = _MARKS_CACHE.get(key)
    if pattern is None:
        pattern = regex.compile(rf"([{regex.escape(marks)}])\s*([^{regex.escape(marks)}]*)")
        _MARKS_CACHE[key] = pattern
    head = value.split(next(m for m in value if m in marks), 1)[0]
    if head.strip():
        return None
    picked: list[str] = []
    others: list[str] = []
    for m in pattern.finditer(value):
        option = label_text(m.group(2))
        if not option:
            continue
        (picked if m.group(1) in chosen else others).append(option)
    return picked, others


def _evaluation(sink: Sink, rule: Label, label: str, cells: list[Cell], at: Cell) -> None:
    v = sink.fam.vocab
    value = _joined(cells)
    grade: str | None
    reason: list[str] = []
    if rule.rule.grade == "none":
        grade = None
        reason, _ = _items(cells)
    elif rule.rule.grade == "marked" or (
        (opts := marked_options(value, v.chosen_marks, v.unchosen_marks)) is not None and opts[0]
    ):
        opts = marked_options(value, v.chosen_marks, v.unchosen_marks)
        picked = opts[0] if opts else []
        grade = "、".join(picked) if picked else None
        if not picked:
            sink.diags.append(
                dg.make(
                    "info",
                    "no-option-marked",
                    f"None of the options of {label!r} is marked; grade left null.",
                    at.loc,
                    value,
                )
            )
    else:
        items, _ = _items(cells)
        grade = " ".join(items) if items else value
    e = Evaluation(label=label, grade=grade, reason=reason, source=cells[0].loc.to_model())
    sink.measure(at.loc).evaluations.append(e)
    sink.last_evaluation = e
    sink.last_field = e


_COST_LINE = regex.compile(
    r"^(?P<label>.*?)[、,，\s]*(?:単位\s*[（(:：]\s*(?P<unit>[^）)]+)[）)]?)?$"
)


def _single_cost(sink: Sink, at: Cell, cells: list[Cell]) -> None:
    """A money figure in a form (京都市 ``予算案 | 663,000（0）``): its header is the label's
    first line; a second line names the cost and its unit (``経費（一財）、単位（千円）``); its
    year is the label's, else the one its section heading names."""
    from .grids import _money

    raw = _joined(cells)
    value, ok = _money(raw)
    lines = [p.text for p in at.parts if p.text.strip()]
    header = label_text(lines[0]) if lines else label_text(text(at))
    name, unit = header, sink.money_unit
    if len(lines) > 1 and (m := _COST_LINE.match(collapse_ws(" ".join(lines[1:])))):
        name = label_text(m.group("label")) or header
        unit = m.group("unit") or unit
    year = find_fiscal_year(header, sink.era) or sink.context_year
    if year is None or not ok:
        sink.report(header, cells, at.loc)
        return
    sink.measure(at.loc).costs.append(
        Cost(
            label=name,
            fiscal_year=year,
            kind=sink.fam.vocab.cost_kind(header),
            value=value,
            raw=raw,
            unit=unit,
            label_header=header,
            source=cells[0].loc.to_model(),
        )
    )


def _embedded(sink: Sink, values: list[Cell]) -> list[Cell]:
    """A value cell that also holds another field under its own label (京都市: the project's
    term boxed beside its name, ``【事業実施期間】`` over ``令和5年度～9年度``): that field is
    read, and the rest is the value."""
    out: list[Cell] = []
    for cell in values:
        parts = list(cell.parts)
        k = next(
            (
                i
                for i, p in enumerate(parts)
                if len(parts) > 1
                and (r := match_label(sink.fam, p.text, "cell")) is not None
                and r.rule.field == "period"
            ),
            None,
        )
        if k is None:
            out.append(cell)
            continue
        term = next(
            (
                j
                for j, p in enumerate(parts)
                if j != k
                and (period := parse_period(p.text, sink.era)) is not None
                and _mostly_years(p.text)
            ),
            None,
        )
        if term is None:
            out.append(cell)
            continue
        period = parse_period(parts[term].text, sink.era)
        sink.measure(cell.loc).period = period
        sink.ledger.placed(cell)  # the term is read; the rest of the cell is read below
        rest = tuple(p for j, p in enumerate(parts) if j not in (k, term))
        out.append(Cell(rest, cell.loc, cell.rowspan, cell.colspan))
    return out


def _mostly_years(t: str) -> bool:
    """A term printed alone: years, a range sign, nothing more than a few characters else."""
    rest = regex.sub(r"(?:令和|平成|昭和|[RHS])?\s*[0-9０-９元]+\s*年度?|[～〜~\-－から]", "", t)
    return len(collapse_ws(rest)) <= 3


def _subunit_number(form: _Form, label: Cell) -> str | None:
    """The number printed left of a sub-unit's label (横浜市: the ``1`` beside 細事業名称)."""
    view = form.view
    r0, c0, _, _ = view.box(label)
    for c in range(c0 - 1, -1, -1):
        cell = view.at(r0, c)
        t = fold(text(cell))
        if regex.fullmatch(r"\d{1,3}", t):
            form.take(cell)
            form.sink.ledger.structure(cell)
            return t
    return None


def _questions(form: _Form, label: Cell) -> None:
    """A row of questions right of ``label`` over a row of answers labelled below it: one
    evaluation per question (横浜市 指標 / 分析結果)."""
    view = form.view
    sink = form.sink
    r0, c0, r1, c1 = view.box(label)
    # the questions: in each column right of the label, the lowest cell in its rows
    questions: list[Cell] = []
    groups: list[Cell] = []
    c = c1
    while c < view.n_cols:
        cell = view.at(r1 - 1, c)
        if view.box(cell)[0] < r0:
            break
        top = view.at(r0, c)
        if top is not cell and top not in groups:
            groups.append(top)
        if cell not in questions:
            questions.append(cell)
        c = view.box(cell)[3]
    form.take(*questions, *groups)
    sink.ledger.structure(*questions, *groups)
    # the answers: the next row whose label column holds an answers label
    answers_row = None
    for r in range(r1, view.n_rows):
        cell = view.at(r, c0)
        rule = form.labels.get(id(cell))
        if rule is not None and rule.rule.field == "answers":
            answers_row = r
            form.take(cell)
            sink.ledger.structure(cell)
            break
    if answers_row is None:
        return
    for q in questions:
        _, qc0, _, _qc1 = view.box(q)
        answer = view.at(answers_row, qc0)
        if id(answer) in form.taken:
            continue
        form.take(answer)
        if answer.is_empty:
            sink.ledger.structure(answer)
            continue
        items = split_parts(answer.parts).items
        grade = " ".join(items) if items else text(answer)
        e = Evaluation(
            label=label_text(text(q)) if text(q) else "",
            grade=grade,
            source=answer.loc.to_model(),
        )
        sink.measure(answer.loc).evaluations.append(e)
        sink.last_evaluation = e
        sink.ledger.placed(answer)


def _grid(form: _Form, g) -> None:  # type: ignore[no-untyped-def]
    sink = form.sink
    view = form.view
    ctx = GridContext(
        sink.fam,
        sink.era,
        unit=sink.money_unit,
        named=sink.named_indicator,
        kind=sink.indicator_kind,
    )
    # the grid's label-column headers may name the money unit (事業費（千円）) or the kind
    for s in g.labels:
        unit = sink.fam.vocab.unit_in(s.own)
        if unit:
            ctx.unit = unit
        kind = sink.fam.vocab.indicator_kind(s.own)
        if kind:
            ctx.kind = kind
    out = read_grid(view, g, ctx, sink.ledger, sink.fam)
    sink.last_field = "figures"
    for r in range(g.r0, g.r_end):
        for c in [*g.label_cols, *(x for s in [*g.slots, *g.extras] for x in range(s.c0, s.c1))]:
            form.take(view.at(r, c))
    m = sink.measure(view.at(g.r0, g.slots[0].c0).loc)
    m.costs += out.costs
    for ind in out.indicators:
        if ind not in m.indicators:
            m.indicators.append(ind)
    if out.indicators and sink.named_indicator in out.indicators:
        sink.named_indicator = None
    sink.diags += out.diagnostics
    for header, cell in out.unmapped:
        sink.report(header, [cell], cell.loc)


__all__ = ["Sink", "marked_options", "read_form"]
