"""The sheet as a whole: title, plan, report year and preface around the measures the walk read,
the measures' narratives in canonical order, the sweep, and consistency checks."""

from __future__ import annotations

import re
from dataclasses import replace

from .. import diagnostics as dg
from ..blocks import Block, Cell, Document, Part, TableBlock, TextBlock
from ..cells import split_parts
from ..coverage import tally
from ..errors import NotAProgressSheet
from ..families.registry import Family
from ..ja import find_fiscal_year, parse_number
from ..model import Diagnostic, Measure, NarrativeKind, ProgressSheet, Source
from ..textutil import collapse_ws
from .checks import consistency
from .labels import match_label
from .order import narrative_order
from .stacked import rows_of, unstack
from .totals import subunit_totals
from .walk import Walk, preamble_title


def _plan_term(title: str | None, pattern: re.Pattern[str] | None) -> int | None:
    if not title or pattern is None or not (m := pattern.search(title)):
        return None
    number = parse_number(m.group("n"))
    return int(number.value) if number is not None and number.value is not None else None


def _split_run_in(blocks: list[Block], fam: Family) -> tuple[list[Block], list[Diagnostic]]:
    """A measure heading whose paragraph runs on into its (基本施策Nの方向性) label (a
    Markdown heading without a blank line after it, rendered to HTML as one ``<p>``) is read
    as the heading and, apart, the label with its text."""
    if fam.direction_run_in is None or fam.measure_heading is None:
        return blocks, []
    out: list[Block] = []
    diags: list[Diagnostic] = []
    for b in blocks:
        m = (
            fam.direction_run_in.search(b.text)
            if isinstance(b, TextBlock) and fam.measure_heading.match(b.text)
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


def _restore_headings(doc: Document, fam: Family) -> Document:
    """Measure headings and number captions the reader took for running text: a sheet's
    number (``NO. 2``, ``NO. 3`` …) printed at the top of every page of a book looks like a
    running header whose digits change, and so does the caption of a numbered box (京都市
    ``Ｎｏ．``). They are put back where they were printed."""
    if not doc.skipped:
        return doc

    def identifies(text: str) -> bool:
        if fam.measure_heading is not None and fam.measure_heading.match(text):
            return True
        rule = match_label(fam, text, "text")
        return rule is not None and rule.rule.field == "id"

    found = [s for s in doc.skipped if s.reason == "running-header" and identifies(s.text)]
    if not found:
        return doc
    blocks = list(doc.blocks)
    for s in sorted(found, key=lambda s: (s.loc.page or 0, s.loc.bbox[1] if s.loc.bbox else 0)):
        key = (s.loc.page or 0, s.loc.bbox[1] if s.loc.bbox else 0.0)
        at = next(
            (
                i
                for i, b in enumerate(blocks)
                if ((b.loc.page or 0), (b.loc.bbox[1] if b.loc.bbox else 0.0)) > key
            ),
            len(blocks),
        )
        blocks.insert(at, TextBlock(s.text, kind="heading", loc=s.loc))
    skipped = [s for s in doc.skipped if s not in found]
    return replace(doc, blocks=blocks, skipped=skipped)


def _split_sheets(doc: Document, fam: Family) -> Document:
    """Form tables the reader joined across a page break where the rows on the next page
    begin another sheet (they hold a title, number or department label: in a book one
    sheet's last box can end a page and the next sheet's header box begin the next), cut at
    that break into tables of their own."""
    if "form" not in fam.tables:
        return doc
    blocks: list[Block] = []
    changed = False
    for b in doc.blocks:
        if isinstance(b, TableBlock):
            parts = _cut_at_sheets(b, fam)
            changed = changed or len(parts) > 1
            blocks += parts
        else:
            blocks.append(b)
    return replace(doc, blocks=blocks) if changed else doc


def _names_a_sheet(fam: Family, cell: Cell) -> bool:
    if cell.covered_by is not None or not cell.parts:
        return False
    rule = match_label(fam, cell.text, "cell") or match_label(fam, cell.parts[0].text, "cell")
    return rule is not None and rule.rule.field in ("title", "id", "department")


def _cut_at_sheets(t: TableBlock, fam: Family) -> list[TableBlock]:
    pages = [row[0].loc.page for row in t.rows]
    for r in range(1, len(pages)):
        if pages[r] == pages[r - 1]:
            continue
        if any(_names_a_sheet(fam, c) for row in t.rows[r:] for c in row):
            return [
                rows_of(t, range(0, r)),
                *_cut_at_sheets(rows_of(t, range(r, len(t.rows))), fam),
            ]
    return [t]


def _title_text(text: str) -> str:
    return collapse_ws(text.replace("\u3000", " "))


def _report_year_from_patterns(fam: Family, texts: list[str], era: str | None) -> int | None:
    for pattern in fam.report_year:
        for t in texts:
            if m := pattern.search(t):
                year = find_fiscal_year(m.group("year"), era)
                if year is not None:
                    return year
    return None


def _latest(measures: list[Measure], source: str) -> int | None:
    years: list[int] = []
    for m in measures:
        if source == "results":
            years += [
                n.fiscal_year
                for n in m.narratives
                if n.kind == NarrativeKind.results and n.fiscal_year
            ]
        elif source == "settlement":
            years += [c.fiscal_year for c in m.costs if c.kind == "settlement"]
        elif source == "actual":
            years += [o.fiscal_year for i in m.indicators for o in i.actuals if o.fiscal_year]
    return max(years) if years else None


_REPORT_SOURCES = {
    "results": "its results labels (事業実績)",
    "settlement": "its latest settlement (決算) column",
    "actual": "its latest actual (実績) column",
}


def build_sheet(doc: Document, source: Source, fam: Family) -> ProgressSheet:
    """The contract's ProgressSheet from a reader's blocks, read as family ``fam``."""
    doc = _restore_headings(_split_sheets(doc, fam), fam)
    blocks, run_in = _split_run_in(doc.blocks, fam)
    if "indicator" in fam.tables:
        blocks, unstacked = unstack(blocks, fam.vocab)
    else:
        unstacked = []
    if run_in or unstacked:
        doc = replace(doc, blocks=blocks, diagnostics=doc.diagnostics + run_in + unstacked)
    w = Walk(doc, fam)
    w.run()
    if not w.measures:
        n_tables = sum(not isinstance(b, TextBlock) for b in doc.blocks)
        what = "measure headings" if fam.measure_heading is not None else "measures"
        raise NotAProgressSheet(
            f"no {what} found in {len(doc.blocks)} blocks ({n_tables} tables) read as "
            f"{fam.name} ({fam.description}); this does not look like such a sheet"
        )
    # the title: a form family's title blocks, else the preamble's top heading, else (where
    # the reader took it for a running header) the first page furniture that reads as one
    title_blocks: list[TextBlock] = list(w.title_parts)
    if not title_blocks and not fam.title_patterns:
        t = preamble_title(w.preamble, fam.title_words)
        title_blocks = [t] if t is not None else []
    title = " ".join(_title_text(b.text) for b in title_blocks) if title_blocks else None
    if title is None and fam.title_patterns:
        skipped = [s for s in doc.skipped if any(p.search(s.text) for p in fam.title_patterns)]
        title = _title_text(skipped[0].text) if skipped else None
    for b in title_blocks:
        w.ledger.placed(b)
    # the report year: named in the title or a label, else read off the records
    report_year = _report_year_from_patterns(fam, [title] if title else [], w.era)
    if report_year is None and fam.report_year:
        report_year = _report_year_from_patterns(fam, w.label_texts, w.era)
    if report_year is None and not fam.report_year and title:
        report_year = find_fiscal_year(title)
    # what comes after the title (text printed above it is not the sheet's introduction)
    after = 0
    for i, b in enumerate(w.preamble):
        if b in title_blocks:
            after = i + 1
    preamble = [b for b in w.preamble[after:] if b not in title_blocks]
    if report_year is None and not fam.report_year:
        for b in preamble:
            if (
                not (fam.publication_date and fam.publication_date.search(b.text))
                and (y := find_fiscal_year(b.text)) is not None
                and len(collapse_ws(b.text)) <= 40
            ):
                report_year = y
                w.ledger.placed(b)
                preamble.remove(b)
                break
    measures: list[Measure] = []
    for acc in w.measures:
        acc.measure.narratives = sorted(acc.narratives, key=narrative_order)
        measures.append(acc.measure)
    if report_year is None:
        for where in fam.report_year_from:
            year = _latest(measures, where)
            if year is not None:
                report_year = year
                w.diags.append(
                    dg.make(
                        "info",
                        "report-year-inferred",
                        f"The sheet's title names no fiscal year; read {report_year} from "
                        f"{_REPORT_SOURCES[where]}.",
                    )
                )
                break
    # the preface: what introduces the sheet between its title and its first measure
    preface: list[str] = []
    if fam.preface:
        for b in preamble:
            if w.ledger.status(b) is not None or (
                fam.publication_date and fam.publication_date.search(b.text)
            ):
                continue
            preface += split_parts([Part("p", b.text)]).items
            w.ledger.placed(b)
    plan = None
    if fam.plan is not None and title and (m := fam.plan.search(title)):
        plan = _title_text(m.group("plan"))
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
    w.diags += subunit_totals(measures, fam.totals)
    return ProgressSheet(
        source=source,
        title=title,
        plan_term=_plan_term(title, fam.plan_term),
        report_fiscal_year=report_year,
        family=fam.name,
        municipality=fam.municipality,
        plan=plan,
        preface=preface,
        measures=measures,
        diagnostics=dg.ordered(w.diags),
        coverage=tally(doc, w.ledger),
    )


__all__ = ["build_sheet"]
