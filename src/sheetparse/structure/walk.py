"""The walk: one pass over a document's blocks, read as one family through its profile.

It recognises what starts a measure (a heading such as 方針N-施策M or ``NO. 1``, or a form's
title and number fields), text labels and what follows them (the seed's (基本施策Nの方向性),
a form's section headings), table titles, captions and page furniture, and hands each table to
the family's table readers: the seed family's indicator, organize-action and approach tables
(:mod:`.tables`, which may be printed before their measure's heading) or forms
(:mod:`.forms`). Text it cannot place is left for the sweep, which reports it: never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import diagnostics as dg
from ..blocks import Cell, Document, Loc, Part, TableBlock, TextBlock
from ..cells import split_parts
from ..coverage import Ledger
from ..families.registry import Family
from ..model import (
    Diagnostic,
    Evaluation,
    HierarchyLevel,
    Indicator,
    Measure,
    Narrative,
    NarrativeKind,
    Observation,
)
from ..textutil import CAPTION_MARK, collapse_ws, fold, strip_ws
from .forms import read_form
from .labels import label_text, match_label, number_and_unit, single_year
from .numbers import heading_number
from .periods import parse_period
from .tables import READERS, Layout, TableKind, classify


@dataclass(slots=True)
class _Pending:
    """A table waiting for its measure's heading."""

    kind: TableKind
    table: TableBlock
    title: TextBlock | None


@dataclass(slots=True)
class Acc:
    """A measure being assembled: the measure, its narratives (ordered at the end), and
    whether its id and title were printed (or are provisional)."""

    measure: Measure
    narratives: list[Narrative] = field(default_factory=list)
    printed_id: bool = True
    parent: Acc | None = None
    subunits: int = 0


@dataclass(slots=True)
class _OpenValue:
    """A form label printed as a line of text (a one-row box read as text): the next line is
    its value."""

    field: str
    label: str
    rule: object
    loc: Loc


@dataclass(slots=True)
class _OpenNarrative:
    """A narrative label printed as text, waiting for the paragraphs (or, for a label whose
    rule says so, the table rows) under it."""

    kind: NarrativeKind
    label: str
    loc: Loc
    table_rows: bool = False


@dataclass(slots=True)
class _Targets:
    """A section stating targets in prose (京都市 ２　事業目標): each 指標：…【数値目標：…】
    line an indicator with its target."""

    label: str


#: a text section open after a label: its narrative, its evaluation, or text to report
Section = Narrative | Evaluation | _OpenNarrative | _OpenValue | _Targets | str


#: form fields whose value a label printed as text carries in the next line
_VALUE_FIELDS = frozenset({"title", "id", "department", "hierarchy", "period", "evaluation"})


class Walk:
    """One pass over a document's blocks. Internal: use :func:`sheetparse.structure.build_sheet`."""

    def __init__(self, doc: Document, fam: Family) -> None:
        self.doc = doc
        self.fam = fam
        self.vocab = fam.vocab
        self.ledger = Ledger()
        self.diags: list[Diagnostic] = list(doc.diagnostics)
        self.measures: list[Acc] = []
        self.by_id: dict[str, Acc] = {}
        self.current: Acc | None = None
        #: the current top-level measure (``current`` may be one of its sub-units)
        self.top: Acc | None = None
        self.pending: dict[int | None, list[_Pending]] = {}
        self.title_ctx: tuple[TableKind, int | None, TextBlock] | None = None
        #: the text section open after a label (the direction, a form's 事業概要 …)
        self.section: Section | None = None
        self.preamble: list[TextBlock] = []
        self.awaiting_title: Acc | None = None
        #: layout of the table just read, for a continuation printed right after it
        self.last_layout: Layout | None = None
        #: page furniture in the text (page numbers, a running title): counted, not placed
        self.furniture: list[TextBlock] = []
        #: the title's text without white space, once the preamble is complete
        self.running_title: str | None = None
        #: a form family's title blocks (池田市: two lines around the NO. box)
        self.title_parts: list[TextBlock] = []
        # context a form lends its tables
        self.era: str | None = _document_era(doc) or fam.era
        self.money_unit: str | None = None
        self.indicator_kind: str | None = None
        self.named_indicator: Indicator | None = None
        self.last_evaluation: Evaluation | None = None
        self.label_texts: list[str] = []
        self.last_field: Narrative | Evaluation | str | None = None
        self.context_year: int | None = None
        #: the field a ※ note printed right under the last table belongs to
        self.note_target: Narrative | Evaluation | str | None = None

    # -- measures ---------------------------------------------------------------------------

    def _new(self, measure: Measure, printed_id: bool, parent: Acc | None = None) -> Acc:
        acc = Acc(measure, printed_id=printed_id, parent=parent)
        self.measures.append(acc)
        self.by_id[measure.id] = acc
        self.current = acc
        if parent is None:
            self.top = acc
        self._reset_context()
        return acc

    def _reset_context(self) -> None:
        self.section = None
        self.money_unit = None
        self.indicator_kind = None
        self.named_indicator = None
        self.last_evaluation = None
        self.last_field = None
        self.context_year = None

    def _provisional(self, loc: Loc) -> Acc:
        n = sum(1 for a in self.measures if a.parent is None) + 1
        mid = str(n)
        while mid in self.by_id:
            n += 1
            mid = str(n)
        return self._new(Measure(id=mid, title="", source=loc.to_model()), printed_id=False)

    def measure(self, loc: Loc) -> Measure:
        """The measure being read; a form's first field starts one where none has."""
        if self.current is None:
            self._provisional(loc)
        assert self.current is not None
        return self.current.measure

    def narratives(self) -> list[Narrative]:
        assert self.current is not None
        return self.current.narratives

    def identity(self, field: str, value: str, loc: Loc) -> bool:
        """A form's title, number or department: sets it on the measure being read, or, where
        that measure already has a different one, starts the next measure. Returns False for
        a repeat (a header box printed again on the sheet's next page)."""
        top = self.top
        if field == "id":
            value = fold(value)
        if top is not None:
            m = top.measure
            have = {
                "id": m.id if top.printed_id else None,
                "title": m.title or None,
                "department": m.department,
            }[field]
            if have is None:
                self._set_identity(top, field, value)
                return True
            if fold(have) == fold(value):
                self.current = top
                return False
        acc = self._provisional(loc)
        self._set_identity(acc, field, value)
        return True

    def _set_identity(self, acc: Acc, field: str, value: str) -> None:
        if field == "title":
            acc.measure.title = value
            return
        if field == "department":
            acc.measure.department = value
            return
        if value in self.by_id and self.by_id[value] is not acc:
            self.diags.append(
                dg.make(
                    "warning",
                    "duplicate-id",
                    f"Two measures print the number {value!r}; the second is read as {value}-2.",
                    None,
                )
            )
            value = f"{value}-2"
        self.by_id.pop(acc.measure.id, None)
        acc.measure.id = value
        acc.printed_id = True
        self.by_id[value] = acc

    def subunit(self, number: str | None, title: str, loc: Loc) -> None:
        """A sub-unit printed inside the measure being read (横浜市 細事業 1, 2, 3)."""
        parent = self.top or self._provisional(loc)
        parent.subunits += 1
        n = number or str(parent.subunits)
        mid = f"{parent.measure.id}.{n}"
        acc = self._new(
            Measure(id=mid, parent=parent.measure.id, title=title, source=loc.to_model()),
            printed_id=number is not None,
            parent=parent,
        )
        self.top = parent
        self.current = acc

    def report(self, what: str, cells: list[Cell], loc: Loc) -> None:
        """Content the contract has no field for: kept whole in an unmapped-content info."""
        content = "\n".join(collapse_ws(c.text) for c in cells if c.text.strip())
        self.diags.append(
            dg.make(
                "info",
                "unmapped-content",
                f"{what}: no field in contract 1.1; kept here: {_short(content)!r}",
                loc,
                content,
            )
        )
        self.ledger.mark("reported", *cells)

    # -- text -------------------------------------------------------------------------------

    def _heading(self, text: str) -> re.Match[str] | None:
        pattern = self.fam.measure_heading
        return pattern.match(text) if pattern is not None else None

    def _heading_id(self, m: re.Match[str]) -> str:
        groups = {k: v for k, v in m.groupdict().items() if v is not None}
        values = {
            k: (heading_number(v) if k in ("policy", "number") else fold(v))
            for k, v in groups.items()
        }
        return self.fam.measure_id.format(**values)

    def is_furniture(self, b: TextBlock, m: re.Match[str] | None) -> bool:
        """Page numbers, the document title repeated as a running header, and a measure's
        heading repeated at the top of each printed page (a spreadsheet's print titles);
        ``m``: the block's match of the measure heading."""
        if self.fam.page_number and self.fam.page_number.match(b.text):
            return True
        if m is not None:
            mid = self._heading_id(m)
            earlier = self.by_id.get(mid)
            if (
                earlier is not None
                and earlier is not self.top
                and (earlier.measure.indicators or earlier.narratives)
            ):
                reading = self.current.measure.id if self.current else mid
                self.diags.append(
                    dg.make(
                        "info",
                        "duplicate-heading",
                        f"Heading of measure {mid} printed again while measure {reading} is "
                        "being read (a heading repeated on each page); left out as page "
                        "furniture.",
                        b.loc,
                    )
                )
                return True
        if self.title_parts and self.fam.title_patterns:
            s = strip_ws(b.text)
            if any(strip_ws(t.text) == s for t in self.title_parts) and (
                b.loc.page != self.title_parts[0].loc.page or self.measures
            ):
                return True
        if self.measures and self.preamble and not self.fam.title_patterns:
            if self.running_title is None:
                title = preamble_title(self.preamble, self.fam.title_words)
                self.running_title = strip_ws(title.text) if title else ""
            return bool(self.running_title) and self.running_title == strip_ws(b.text)
        return False

    def _title_part(self, b: TextBlock) -> bool:
        """A block of a form family's title (on the first page it is printed on)."""
        if not self.fam.title_patterns or not any(
            p.search(b.text) for p in self.fam.title_patterns
        ):
            return False
        if self.title_parts and b.loc.page != self.title_parts[0].loc.page:
            return False
        if any(strip_ws(t.text) == strip_ws(b.text) for t in self.title_parts):
            return False
        self.title_parts.append(b)
        self.ledger.placed(b)
        return True

    def text(self, b: TextBlock) -> None:
        text = b.text
        heading = self._heading(text)
        if self.is_furniture(b, heading):
            self.furniture.append(b)
            self.ledger.mark("skipped", b)
            return
        note_target, self.note_target = self.note_target, None
        if (
            note_target is not None
            and text.lstrip().startswith("※")
            and match_label(self.fam, text, "text") is None
        ):
            self.note(b, note_target)
            return
        self.last_layout = None
        awaiting, self.awaiting_title = self.awaiting_title, None
        if heading is not None:
            self.heading(b, heading)
            return
        if self._title_part(b):
            return
        if self.fam.direction and (m := self.fam.direction.match(text)):
            self.start_direction(b, m)
            return
        if self.fam.organize_title and (m := self.fam.organize_title.match(text)):
            number = heading_number(m.group("number")) if m.group("number") else None
            self.title_ctx = ("organize", number, b)
            self.section = None
            self.ledger.structure(b)
            return
        if self.fam.approach_title and self.fam.approach_title.match(text):
            self.title_ctx = ("approach", None, b)
            self.section = None
            self.ledger.structure(b)
            return
        if any(p.match(text) for p in self.fam.structure_titles):
            self.ledger.structure(b)
            return
        if (rule := match_label(self.fam, text, "text")) is not None:
            self.text_label(b, rule.rule)
            return
        if b.kind == "caption" or text.lstrip().startswith(CAPTION_MARK):
            self.section = None
            if self.current is not None:
                ct = split_parts([Part("caption", text)])
                self.current.measure.figures += ct.figures
                self.ledger.placed(b)
            return
        if awaiting is not None:
            # a heading printed as its number alone, with the title on the next line
            awaiting.measure.title = collapse_ws(text)
            self.ledger.placed(b)
            return
        if self.section is not None:
            self.continue_section(b)
            return
        if not self.measures:
            self.preamble.append(b)

    def targets(self, section: _Targets, b: TextBlock) -> None:
        """A line of a targets section: each ``指標：NAME【数値目標：VALUE（…）】`` in it an
        indicator with that target (no year where none is named; results in prose are not
        actuals); the rationale and any other line (a ※ note) have no field in 1.1."""
        pattern = self.fam.targets
        found = list(pattern.finditer(b.text)) if pattern is not None else []
        if not found and b.text.lstrip().startswith("※"):
            self.diags.append(
                dg.make(
                    "info",
                    "unmapped-content",
                    f"A ※ note on the targets of {section.label}: no field in contract 1.1; "
                    f"kept here: {_short(b.text)!r}",
                    b.loc,
                    b.text,
                )
            )
            self.ledger.mark("reported", b)
            return
        if not found:
            # the goal stated in words, no figure: what the project is for
            n = self._open(_OpenNarrative(NarrativeKind.purpose, section.label, b.loc), b.loc)
            n.items += split_parts([Part("p", b.text)]).items
            self.section = section
            self.ledger.placed(b)
            return
        m = self.measure(b.loc)
        for hit in found:
            raw = collapse_ws(hit.group("value"))
            value, unit = number_and_unit(raw)
            target = Observation(
                fiscal_year=single_year(raw, self.era),
                value=value,
                raw=raw,
                label=self.fam.target_label,
                source=b.loc.to_model(),
            )
            ind = Indicator(
                name=collapse_ws(hit.group("name")),
                unit=unit,
                kind=self.indicator_kind,  # type: ignore[arg-type]
                target=target,
                source=b.loc.to_model(),
            )
            m.indicators.append(ind)
            rationale = hit.groupdict().get("rationale")
            if rationale:
                self.diags.append(
                    dg.make(
                        "info",
                        "unmapped-content",
                        f"The rationale of the target of {ind.name!r}: no field in contract "
                        f"1.1; kept here: {_short(rationale)!r}",
                        b.loc,
                        rationale,
                    )
                )
        self.ledger.placed(b)

    def note(self, b: TextBlock, target: Narrative | Evaluation | str) -> None:
        """A ※ note printed right under a table: an item of the field read last there (a
        narrative, an evaluation's reasons); under figures, a note the contract has no field
        for."""
        self.note_target = target  # several notes in a row
        items = split_parts([Part("p", b.text)]).items
        if isinstance(target, Narrative):
            target.items += items
        elif isinstance(target, Evaluation):
            target.reason += items
        else:
            self.diags.append(
                dg.make(
                    "info",
                    "unmapped-content",
                    f"A ※ note under figures: no field in contract 1.1; kept here: "
                    f"{_short(b.text)!r}",
                    b.loc,
                    b.text,
                )
            )
            self.ledger.mark("reported", b)
            return
        self.ledger.placed(b)

    def text_label(self, b: TextBlock, rule) -> None:  # type: ignore[no-untyped-def]
        """A label printed as a line of text (a form's section heading): what follows it, up
        to the next label, heading or table, is its content."""
        # a heading naming the kind of the targets under it (＜実施成果（アウトプット）＞)
        # stays inside the targets section; any other heading ends it
        keep = (
            isinstance(self.section, _Targets)
            and rule.field == "section"
            and bool(rule.indicator_kind or self.vocab.indicator_kind(b.text))
        )
        if not keep:
            self.section = None
        self.label_texts.append(b.text)
        self.ledger.structure(b)
        label = label_text(b.text)
        f = rule.field
        if f == "targets":
            self.section = _Targets(label)
            self.measure(b.loc)
        elif f == "narrative":
            # made when its first paragraph comes: a label over an empty box gives no record
            self.section = _OpenNarrative(rule.kind, label, b.loc, rule.table_rows)
        elif f == "evaluation" and rule.grade == "none":
            e = Evaluation(label=label, grade=None, source=b.loc.to_model())
            self.measure(b.loc).evaluations.append(e)
            self.last_evaluation = e
            self.section = e
        elif f == "unmapped":
            self.report(label, [], b.loc)
            self.ledger.mark("reported", b)
            self.section = label
        elif f in _VALUE_FIELDS:
            self.section = _OpenValue(f, label, rule, b.loc)
        else:
            unit = self.vocab.unit_in(b.text)
            if unit:
                self.money_unit = unit
            kind = rule.indicator_kind or self.vocab.indicator_kind(b.text)
            if kind:
                self.indicator_kind = kind
            year = single_year(label, self.era)
            if year is not None:
                self.context_year = year

    def _open(self, open_: _OpenNarrative, loc: Loc) -> Narrative:
        """The narrative a text label opened, made at its first content; where the measure
        has one of that kind and label already (an annex continuing a form's field), that."""
        self.measure(loc)
        for n in self.narratives():
            if n.kind == open_.kind and n.label == open_.label:
                self.section = n
                return n
        n = Narrative(
            kind=open_.kind,
            label=open_.label,
            fiscal_year=single_year(open_.label, self.era),
            source=open_.loc.to_model(),
        )
        self.narratives().append(n)
        self.section = n
        return n

    def table_rows(self, open_: _OpenNarrative, t: TableBlock) -> None:
        """A table under a narrative label printed as a heading (an annex listing): each row
        an item, its cells in print order; a first row of labels is its header."""
        rows = [[c for c in row if c.covered_by is None] for row in t.rows]
        if rows and all(
            c.is_empty or match_label(self.fam, c.text, "cell") is not None for c in rows[0]
        ):
            self.ledger.structure(*rows[0])
            rows = rows[1:]
        n = self._open(open_, t.loc)
        for row in rows:
            texts = [collapse_ws(c.text) for c in row if not c.is_empty]
            if texts:
                n.items.append("\u3000".join(texts))
            self.ledger.placed(*row)
        self.section = None

    def continue_section(self, b: TextBlock) -> None:
        section = self.section
        if isinstance(section, _OpenValue):
            self.section = None
            self.text_value(section, b)
            return
        if isinstance(section, _Targets):
            self.targets(section, b)
            return
        ct = split_parts([Part("p", b.text)])
        if isinstance(section, _OpenNarrative):
            section = self._open(section, b.loc)
        if isinstance(section, Narrative):
            section.items += ct.items
            section.figures += ct.figures
            self.ledger.placed(b)
        elif isinstance(section, Evaluation):
            section.reason += ct.items
            self.ledger.placed(b)
        elif isinstance(section, str):
            self.diags.append(
                dg.make(
                    "info",
                    "unmapped-content",
                    f"{section}: no field in contract 1.1; kept here: {_short(b.text)!r}",
                    b.loc,
                    b.text,
                )
            )
            self.ledger.mark("reported", b)

    def text_value(self, open_: _OpenValue, b: TextBlock) -> None:
        """The value of a form label printed as text, in the line after it."""
        value = collapse_ws(b.text)
        f = open_.field
        period = parse_period(value, self.era) if f == "period" else None
        if f == "period" and period is None:
            return  # names no years: left for the sweep to report
        self.ledger.placed(b)
        if f in ("title", "id", "department"):
            self.identity(f, value, b.loc)
            return
        m = self.measure(b.loc)
        if f == "hierarchy":
            m.hierarchy.append(
                HierarchyLevel(label=open_.label, text=value, source=b.loc.to_model())
            )
        elif f == "period":
            m.period = period
        elif f == "evaluation":
            e = Evaluation(label=open_.label, grade=value, source=b.loc.to_model())
            m.evaluations.append(e)
            self.last_evaluation = e

    def heading(self, b: TextBlock, m: re.Match[str]) -> None:
        groups = m.groupdict()
        policy = heading_number(groups["policy"]) if groups.get("policy") else None
        number = heading_number(groups["number"]) if groups.get("number") else None
        mid = self._heading_id(m)
        self.section = None
        self.title_ctx = None
        self.last_layout = None
        head = collapse_ws(groups.get("head") or b.text)
        if groups.get("extra") is not None:
            self.diags.append(
                dg.make(
                    "warning",
                    "heading-typo",
                    f"Heading {head!r} is a typo for '方針{policy}-施策{number}'; read as measure "
                    f"{mid}.",
                    b.loc,
                )
            )
        self.ledger.placed(b)
        if mid in self.by_id:
            self.diags.append(
                dg.make(
                    "info",
                    "duplicate-heading",
                    f"Heading of measure {mid} printed again; what follows is added to it.",
                    b.loc,
                )
            )
            self.current = self.by_id[mid]
            self.top = self.current if self.current.parent is None else self.current.parent
        else:
            acc = self._new(
                Measure(
                    id=mid,
                    policy=policy,
                    number=number,
                    title=collapse_ws(groups.get("title") or ""),
                    source=b.loc.to_model(),
                ),
                printed_id=True,
            )
            if not acc.measure.title and "title" in groups:
                self.awaiting_title = acc
        for key in (number, None):
            for p in self.pending.pop(key, []):
                where = p.title or p.table
                title = collapse_ws(p.title.text) if p.title else "table"
                self.diags.append(
                    dg.make(
                        "info",
                        "table-before-heading",
                        f"Table {title!r} is printed before the heading of "
                        f"方針{policy}-施策{number}; assigned to measure {mid}.",
                        where.loc,
                    )
                )
                self.place(p.kind, p.table)

    def start_direction(self, b: TextBlock, m: re.Match[str]) -> None:
        self.title_ctx = None
        self.section = None
        if self.current is None:
            return  # left unmarked: reported as unplaced
        label = collapse_ws(m.group("label")).replace(" ", "")
        n = Narrative(kind=NarrativeKind.direction, label=label, source=b.loc.to_model())
        number = heading_number(m.group("number"))
        if number != self.current.measure.number:
            self.diags.append(
                dg.make(
                    "info",
                    "direction-number-mismatch",
                    f"Label {label!r} under measure {self.current.measure.id} "
                    f"names 基本施策{number}.",
                    b.loc,
                )
            )
        if m.group("rest"):
            n.items += split_parts([Part("p", m.group("rest"))]).items
        self.current.narratives.append(n)
        self.section = n
        self.ledger.placed(b)

    # -- tables -----------------------------------------------------------------------------

    def table(self, t: TableBlock) -> None:
        section, self.section = self.section, None
        self.awaiting_title = None
        if isinstance(section, str):
            # the table under a heading the contract has no field for (≪執行体制≫): reported
            cells = [c for c in t.cells() if c.covered_by is None]
            self.report(section, [c for c in cells if not c.is_empty], t.loc)
            self.ledger.structure(*(c for c in cells if c.is_empty))
            return
        if isinstance(section, _OpenNarrative) and section.table_rows:
            self.table_rows(section, t)
            return
        if isinstance(section, _OpenValue) and t.rows and not t.rows[0][0].is_empty:
            # a caption printed above its box (京都市 Ｎｏ． over the number): the box is the
            # table's first cell
            first = t.rows[0][0]
            self.text_value(section, TextBlock(collapse_ws(first.text), loc=first.loc))
            self.ledger.placed(first)
        if "form" in self.fam.tables:
            self.title_ctx = None
            self.last_field = None
            read_form(t, self)
            self.note_target = self.last_field
            return
        ctx = self.title_ctx
        self.title_ctx = None
        hint = ctx[0] if ctx else None
        kind = classify(t, self.vocab, hint)
        cont = self.last_layout
        self.last_layout = None
        if (
            cont is not None
            and ctx is None
            and (kind is None or kind == cont.kind)
            and cont.n_cols == t.n_cols
            and self.current is not None
        ):
            self.place(cont.kind, t, cont)  # the same table carried over a page break
            return
        if kind is None:
            return  # left unmarked: reported as unplaced
        number = ctx[1] if ctx and ctx[0] == kind == "organize" else None
        title = ctx[2] if ctx else None
        cur = self.current
        if cur is not None and (number is None or number == cur.measure.number):
            self.place(kind, t)
        else:
            self.pending.setdefault(number, []).append(_Pending(kind, t, title))

    def place(self, kind: TableKind, t: TableBlock, cont: Layout | None = None) -> None:
        assert self.current is not None
        result = READERS[kind](t, self.ledger, self.vocab, cont)
        self.current.measure.indicators += result.indicators
        self.current.narratives += result.narratives
        self.diags += result.diagnostics
        self.last_layout = result.layout

    # -- the whole document ------------------------------------------------------------------

    def run(self) -> None:
        for b in self.doc.blocks:
            if isinstance(b, TextBlock):
                self.text(b)
            else:
                self.table(b)

    def sweep(self) -> None:
        """Every block or cell nothing claimed goes into an unplaced-block diagnostic."""
        for b in self.doc.blocks:
            if isinstance(b, TextBlock):
                if self.ledger.status(b) is None and b.text.strip():
                    self.diags.append(
                        dg.make(
                            "warning",
                            "unplaced-block",
                            f"Text not placed in any record: {_short(b.text)!r}",
                            b.loc,
                            b.text,
                        )
                    )
                    self.ledger.mark("unplaced", b)
                continue
            left = self.ledger.unmarked(b)
            if not left:
                continue
            status = self.ledger.status
            whole = all(status(c) is None for c in b.cells())
            text = "\n".join(
                " | ".join(collapse_ws(c.text) for c in row if c.covered_by is None)
                for row in b.rows
                if any(c in left for c in row)
            )
            what = (
                "Table not recognised as a table of this sheet's family"
                if whole
                else ("Cells of a table not placed in any record")
            )
            self.diags.append(
                dg.make(
                    "warning",
                    "unplaced-block",
                    f"{what}: {_short(text)!r}",
                    b.loc,
                    text,
                )
            )
            self.ledger.mark("unplaced", *left)


def _short(text: str, n: int = 60) -> str:
    text = collapse_ws(text)
    return text if len(text) <= n else text[: n - 1] + "…"


_ERA_PRINTED = re.compile(r"(令和|平成|昭和)\s*[0-9０-９元]")


def _document_era(doc: Document) -> str | None:
    """The era the sheet prints in its title or header box (令和 in ``令和７年度 事業評価書``),
    for years printed without one (``５年度``); None where it prints none there. An era named
    further down (a project begun in 昭和46年) is history, not the sheet's own."""
    texts = [s.text for s in doc.skipped[:6]]
    tables = 0
    for b in doc.blocks[:12]:
        if isinstance(b, TextBlock):
            texts.append(b.text)
        elif tables == 0:
            tables += 1
            texts += [c.text for c in b.cells() if c.parts]
        else:
            break
    for t in texts:
        if m := _ERA_PRINTED.search(t):
            return m.group(1)
    return None


def preamble_title(preamble: list[TextBlock], words: tuple[str, ...]) -> TextBlock | None:
    """The document title among the blocks before the first measure heading."""
    if not preamble:
        return None
    headings = [b for b in preamble if b.kind == "heading"]
    if headings:
        return min(headings, key=lambda b: b.level or 9)
    for b in preamble:
        if any(w in b.text for w in words):
            return b
    return preamble[0]


__all__ = ["Acc", "Walk", "preamble_title"]
