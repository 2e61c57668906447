"""Diagnostic construction: one place for levels, codes and the ordering of the report.

Codes are stable slugs that users filter on; every code the library emits is listed here.
"""

from __future__ import annotations

from .blocks import Loc
from .model import Diagnostic, Level, Location

#: every diagnostic code sheetparse emits, with what it means
CODES: dict[str, str] = {
    "heading-typo": "a measure heading printed with a typo, read as the measure it names",
    "table-before-heading": "a table printed before its measure's heading, placed on that measure",
    "empty-cell": (
        "a cell with no text where the sheet has text (often an image); kept with items []"
    ),
    "unplaced-block": "text that is in no record: kept here with its location",
    "unknown-label": "a row or column label the vocabulary does not know; kept as kind 'other'",
    "value-unparsed": "a value cell whose text is not a number; raw text kept, value null",
    "value-range": "a value printed as a range; raw text kept, value null",
    "unit-mismatch": "an indicator's values print different units",
    "duplicate-heading": "a measure heading printed twice (e.g. repeated on a continuation page)",
    "direction-number-mismatch": "a (基本施策Nの方向性) label whose N differs from its measure",
    "report-year-inferred": "the report's fiscal year read from its results labels, not its title",
    "row-continued": (
        "a table row without a label (or with the rest of a label cut by a page break), joined to "
        "the row above"
    ),
    "tables-unstacked": (
        "tables printed one under the other that a converter joined into one, read apart"
    ),
    "label-run-in": (
        "a measure heading and its (基本施策Nの方向性) label printed as one paragraph, read apart"
    ),
    "merged-cell-repeated": "a merged cell's text copied into every cell it spans, read once",
    "encoding-detected": "the input's character encoding was detected, not declared",
    "running-text-dropped": (
        "running headers, footers, page numbers or a printed web page's site chrome left out"
    ),
    "table-continued": "a PDF table continued on the next page, joined into one table",
    "page-unreadable": "a PDF page that could not be parsed; left out",
    "page-without-text": "a PDF page with images but no text layer (a scan); nothing read from it",
    "glyph-lookalike": (
        "look-alike code points from PDF fonts (CJK radicals, compatibility ideographs) mapped to "
        "the characters printed"
    ),
    "glyph-doubled": "doubled glyphs of fake-bold PDF text dropped",
    "glyph-unmapped": (
        "PDF glyphs without a Unicode mapping, shown as U+FFFD: one per page, with the count"
    ),
    "paragraph-continued": "a PDF paragraph cut by a page break, joined into one",
    "table-rows-as-text": (
        "full-width rows of a PDF's ruled grid read as headings and paragraphs, not table rows"
    ),
    "glyph-clipped": "PDF glyphs hidden by a clipping path or drawn off the page, left out",
    "cell-text-overflow": (
        "PDF cell text running across column rulings into empty cells, kept in its own cell"
    ),
    "nesting-too-deep": "markup nested deeper than the parser follows; inner text flattened",
    "hidden-content": (
        "text in hidden rows, columns or worksheets of a workbook: not printed, left out"
    ),
    "duplicate-indicator": "the same indicator name under two measures",
    "unmapped-content": (
        "content contract 1.1 has no field for (a checklist, a staffing table, a difference "
        "column, a ※ note under figures): kept whole here, counted as reported"
    ),
    "duplicate-id": "two measures print the same number; the second is read with a suffix",
    "no-option-marked": "a graded question none of whose printed options is marked",
    "total-mismatch": "a printed total (合計, 一般財源) that does not add up from its rows",
    "narrative-value-mismatch": (
        "a number in a narrative differs in one digit from an indicator value"
    ),
    "target-met": "an actual at or beyond its target",
    "fiscal-year-gap": "actual columns that skip or repeat a fiscal year",
    "measure-without-indicator": "a measure with no indicator",
    "measure-without-narrative": "a measure with no narrative",
}


def make(
    level: Level,
    code: str,
    message: str,
    loc: Loc | Location | None = None,
    text: str | None = None,
) -> Diagnostic:
    """A diagnostic; ``code`` must be one of :data:`CODES`."""
    assert code in CODES, f"unknown diagnostic code {code!r}"
    location = loc.to_model() if isinstance(loc, Loc) else loc
    return Diagnostic(level=level, code=code, message=message, location=location, text=text)


def ordered(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Document order: by page, then line, then top of bbox; unlocated ones first."""

    def key(d: Diagnostic) -> tuple[int, int, int, float]:
        loc = d.location
        if loc is None:
            return (0, 0, 0, 0.0)
        return (1, loc.page or 0, loc.line or 0, loc.bbox[1] if loc.bbox else 0.0)

    return sorted(diagnostics, key=key)
