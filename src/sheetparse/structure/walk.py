"""Blocks → :class:`ProgressSheet`: the only place that knows what a progress sheet looks like.

It walks the blocks in reading order, recognises measure headings (施策見出し) in their printed
variants, the direction label (基本施策Nの方向性) and table titles, classifies each table by its
header vocabulary, places it on the right measure (a ``【施策N】`` table may be printed before
its measure's heading), orders each measure's narratives canonically and records a diagnostic
for every repair or guess. Text it cannot place is reported, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .. import diagnostics as dg
from ..blocks import Block, Document, Part, TableBlock, TextBlock
from ..cells import split_parts
from ..coverage import Ledger, tally
from ..errors import NotAProgressSheet
from ..families.registry import Family
from ..ja import find_fiscal_year, parse_number
from ..model import (
    ACTORS,
    Diagnostic,
    Measure,
    Narrative,
    NarrativeKind,
    ProgressSheet,
    Source,
)
from ..textutil import CAPTION_MARK, collapse_ws, strip_ws
from .checks import consistency
from .numbers import heading_number
from .stacked import unstack
from .tables import READERS, Layout, TableKind, classify

_LATER_KINDS = (
    NarrativeKind.results,
    NarrativeKind.expected_effects,
    NarrativeKind.changes_and_issues,
    NarrativeKind.next_steps,
)
_ACTOR_RANK = {a: i for i, a in enumerate(ACTORS)}


def narrative_order(n: Narrative) -> tuple[int, int]:
    """Sort key of the contract's canonical narrative order (stable sort keeps print order)."""
    kind = NarrativeKind(n.kind)
    actor = _ACTOR_RANK.get(n.actor, -1) if n.actor else -1
    if kind == NarrativeKind.direction:
        return (0, 0)
    if kind in (NarrativeKind.mindset_change, NarrativeKind.behavior_change):
        return (1, 2 * actor + (kind == NarrativeKind.behavior_change))
    if kind == NarrativeKind.outcome:
        return (2, actor)
    if kind in _LATER_KINDS:
        return (3 + _LATER_KINDS.index(kind), actor)
    return (9, 0)


@dataclass(slots=True)
class _Pending:
    """A table waiting for its measure's heading."""

    kind: TableKind
    table: TableBlock
    title: TextBlock | None


@dataclass(slots=True)
class _Acc:
    """A measure being assembled."""

    measure: Measure
    narratives: list[Narrative] = field(default_factory=list)


class _Walk:
    """One pass over a document's blocks. Internal: use :func:`build_sheet`."""

    def __init__(self, doc: Document, fam: Family) -> None:
        self.doc = doc
        self.fam = fam
        self.vocab = fam.vocab
        self.ledger = Ledger()
        self.diags: list[Diagnostic] = list(doc.diagnostics)
        self.measures: list[_Acc] = []
        self.by_id: dict[str, _Acc] = {}
        self.current: _Acc | None = None
        self.pending: dict[int | None, list[_Pending]] = {}
        self.title_ctx: tuple[TableKind, int | None, TextBlock] | None = None
        self.direction: Narrative | None = None
        self.preamble: list[TextBlock] = []
        self.awaiting_title: _Acc | None = None
        #: layout of the table just read, for a continuation printed right after it
        self.last_layout: Layout | None = None
        #: page furniture in the text (page numbers, a running title): counted, not placed
        self.furniture: list[TextBlock] = []
        #: the title's text without white space, once the preamble is complete
        self.running_title: str | None = None

    # -- text -------------------------------------------------------------------------------

    def _heading(self, text: str) -> re.Match[str] | None:
        pattern = self.fam.measure_heading
        return pattern.match(text) if pattern is not None else None

    def is_furniture(self, b: TextBlock) -> bool:
        """Page numbers, the document title repeated as a running header, and a measure's
        heading repeated at the top of each printed page (a spreadsheet's print titles)."""
        if self.fam.page_number and self.fam.page_number.match(b.text):
            return True
        if (m := self._heading(b.text)) is not None:
            mid = f"{heading_number(m.group('policy'))}-{heading_number(m.group('number'))}"
            earlier = self.by_id.get(mid)
            if earlier is not None and (earlier.measure.indicators or earlier.narratives):
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
        if self.measures and self.preamble:
            if self.running_title is None:
                title = _title(self.preamble, self.fam.title_words)
                self.running_title = strip_ws(title.text) if title else ""
            return bool(self.running_title) and self.running_title == strip_ws(b.text)
        return False

    def text(self, b: TextBlock) -> None:
        text = b.text
        if self.is_furniture(b):
            self.furniture.append(b)
            self.ledger.mark("skipped", b)
            return
        self.last_layout = None
        awaiting, self.awaiting_title = self.awaiting_title, None
        if m := self._heading(text):
            self.heading(b, m)
            return
        if self.fam.direction and (m := self.fam.direction.match(text)):
            self.start_direction(b, m)
            return
        if self.fam.organize_title and (m := self.fam.organize_title.match(text)):
            number = heading_number(m.group("number")) if m.group("number") else None
            self.title_ctx = ("organize", number, b)
            self.direction = None
            self.ledger.structure(b)
            return
        if self.fam.approach_title and self.fam.approach_title.match(text):
            self.title_ctx = ("approach", None, b)
            self.direction = None
            self.ledger.structure(b)
            return
        if any(p.match(text) for p in self.fam.structure_titles):
            self.ledger.structure(b)
            return
        if b.kind == "caption" or text.lstrip().startswith(CAPTION_MARK):
            self.direction = None
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
        if self.direction is not None:
            ct = split_parts([Part("p", text)])
            self.direction.items += ct.items
            self.direction.figures += ct.figures
            self.ledger.placed(b)
            return
        if not self.measures:
            self.preamble.append(b)

    def heading(self, b: TextBlock, m: re.Match[str]) -> None:
        policy, number = heading_number(m.group("policy")), heading_number(m.group("number"))
        mid = f"{policy}-{number}"
        self.direction = None
        self.title_ctx = None
        self.last_layout = None
        head = collapse_ws(m.group("head"))
        if m.group("extra") is not None:
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
        else:
            acc = _Acc(
                Measure(
                    id=mid,
                    policy=policy,
                    number=number,
                    title=collapse_ws(m.group("title")),
                    source=b.loc.to_model(),
                )
            )
            self.measures.append(acc)
            self.by_id[mid] = acc
            self.current = acc
            if not acc.measure.title:
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
        if self.current is None:
            self.direction = None
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
        self.direction = n
        self.ledger.placed(b)

    # -- tables -----------------------------------------------------------------------------

    def table(self, t: TableBlock) -> None:
        self.direction = None
        self.awaiting_title = None
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
            left = [
                c
                for c in b.cells()
                if c.covered_by is None and self.ledger.status(c) is None and not c.is_empty
            ]
            if not left:
                continue
            whole = all(self.ledger.status(c) is None for c in b.cells())
            text = "\n".join(
                " | ".join(collapse_ws(c.text) for c in row if c.covered_by is None)
                for row in b.rows
                if any(c in left for c in row)
            )
            what = (
                "Table not recognised as a progress-sheet table"
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


def _title(preamble: list[TextBlock], words: tuple[str, ...]) -> TextBlock | None:
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


def _plan_term(title: str | None, pattern: re.Pattern[str] | None) -> int | None:
    if not title or pattern is None or not (m := pattern.search(title)):
        return None
    number = parse_number(m.group("n"))
    return int(number.value) if number is not None and number.value is not None else None


def _split_run_in(blocks: list[Block], fam: Family) -> tuple[list[Block], list[Diagnostic]]:
    """A measure heading whose paragraph runs on into its (基本施策Nの方向性) label (a
    Markdown heading without a blank line after it, rendered to HTML as one ``<p>``) is read
    as the heading and, apart, the label with its text."""
    out: list[Block] = []
    diags: list[Diagnostic] = []
    for b in blocks:
        m = (
            fam.direction_run_in.search(b.text)
            if fam.direction_run_in is not None
            and fam.measure_heading is not None
            and isinstance(b, TextBlock)
            and fam.measure_heading.match(b.text)
            else None
        )
        if m is None or not b.text[: m.start()].strip():
            out.append(b)
            continue
        head, rest = b.text[: m.start()].rstrip(), b.text[m.start() :]
        out += [replace(b, text=head), replace(b, text=rest, kind="paragraph", level=None)]
        diags.append(
            dg.make(
                "info",
                "label-run-in",
                f"Heading {collapse_ws(head)!r} runs on into its label {m.group()!r}; read apart.",
                b.loc,
            )
        )
    return out, diags


def build_sheet(doc: Document, source: Source, fam: Family) -> ProgressSheet:
    """The contract's ProgressSheet from a reader's blocks, read as family ``fam``."""
    blocks, run_in = _split_run_in(doc.blocks, fam)
    blocks, unstacked = unstack(blocks, fam.vocab)
    if run_in or unstacked:
        doc = replace(doc, blocks=blocks, diagnostics=doc.diagnostics + run_in + unstacked)
    w = _Walk(doc, fam)
    w.run()
    if not w.measures:
        n_tables = sum(isinstance(b, TableBlock) for b in doc.blocks)
        raise NotAProgressSheet(
            f"no measure headings (方針N-施策M) found in {len(doc.blocks)} blocks "
            f"({n_tables} tables); this does not look like a progress sheet (進捗シート)"
        )
    title_block = _title(w.preamble, fam.title_words)
    title = collapse_ws(title_block.text) if title_block else None
    if title_block:
        w.ledger.placed(title_block)
    report_year = find_fiscal_year(title) if title else None
    if report_year is None:
        for b in w.preamble:
            if (
                b is not title_block
                and not (fam.publication_date and fam.publication_date.search(b.text))
                and (y := find_fiscal_year(b.text)) is not None
                and len(collapse_ws(b.text)) <= 40
            ):
                report_year = y
                w.ledger.placed(b)
                break
    measures: list[Measure] = []
    for acc in w.measures:
        acc.measure.narratives = sorted(acc.narratives, key=narrative_order)
        measures.append(acc.measure)
    if report_year is None:
        years = [
            n.fiscal_year
            for m in measures
            for n in m.narratives
            if n.kind == NarrativeKind.results and n.fiscal_year
        ]
        if years:
            report_year = max(years)
            w.diags.append(
                dg.make(
                    "info",
                    "report-year-inferred",
                    f"The sheet's title names no fiscal year; read {report_year} from its "
                    "results labels (事業実績).",
                )
            )
    for key, items in w.pending.items():
        for p in items:
            if p.title is not None:
                w.ledger.mark("unplaced", p.title)
            w.ledger.mark("unplaced", *p.table.cells())
            where = f"【施策{key}】" if key is not None else "a measure"
            w.diags.append(
                dg.make(
                    "warning",
                    "unplaced-block",
                    f"Table for {where} has no measure heading after it; not placed.",
                    (p.title or p.table).loc,
                    "\n".join(" | ".join(collapse_ws(c.text) for c in row) for row in p.table.rows),
                )
            )
    w.sweep()
    if w.furniture:
        w.diags.append(
            dg.make(
                "info",
                "running-text-dropped",
                f"{len(w.furniture)} page numbers or running headers left out of the records: "
                + ", ".join(repr(collapse_ws(b.text)) for b in w.furniture[:5])
                + (" …" if len(w.furniture) > 5 else ""),
            )
        )
    w.diags += consistency(measures)
    return ProgressSheet(
        source=source,
        title=title,
        plan_term=_plan_term(title, fam.plan_term),
        family=fam.name,
        municipality=fam.municipality,
        report_fiscal_year=report_year,
        measures=measures,
        diagnostics=dg.ordered(w.diags),
        coverage=tally(doc, w.ledger),
    )


__all__ = ["build_sheet", "narrative_order"]
