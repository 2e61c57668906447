"""Markdown reader: archived conversions of sheets, with inline HTML inside pipe-table cells.

Handles what converters actually write: pipe tables with or without outer pipes, separator rows
with alignment colons, escaped pipes, rows with fewer cells, rows before the separator and
header rows repeated below it, ``<p>``/``<ul>``/``<br>`` inside cells, ATX headings and plain
lines outside tables. Every non-blank line outside a table becomes its own text block: these
conversions put one printed line or paragraph per line. Blocks of raw HTML (``<table>``,
``<figure>``, ``<div>``…, tags wrapped over lines) are read by the HTML reader; Pandoc's
attribute blocks (``{#id}``) and fenced-div fences (``:::``) are markup; list markers are
dropped; tables that lost their rowspans and lists flattened into a cell are read back
(:mod:`.markdown_cells`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import chain

from ...blocks import (
    Cell,
    Document,
    Loc,
    Skipped,
    TableBlock,
    TextBlock,
    expand_spans,
    pad_rows,
)
from ...errors import InputTooLarge
from ...limits import DEFAULT_LIMITS, Limits
from ...textutil import collapse_ws
from .cells import cells_parts, fragment_parts, restore_lost_spans
from .loc import line_loc
from .pandoc import (
    GRID_RULE,
    multiline_rule,
    read_grid,
    read_multiline,
    read_simple,
    simple_rule,
)
from .sheet import is_sheet_dump, may_hold_dump, sheet_blocks

_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
#: a Pandoc / kramdown attribute block (``{#id .class width="480"}``) after an image, a link
#: or a heading: markup, not text
_ATTRS = r"(?:\{[^{}\n]*\})?"
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)" + _ATTRS)
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)" + _ATTRS)
_HEADING_ATTRS = re.compile(r"\s*\{\s*[#.][^{}]*\}\s*$")
#: a Pandoc fenced div's opening or closing fence (``::: {#main}``, ``:::``)
_DIV_FENCE = re.compile(r"^\s{0,3}:{3,}\s*(?:\{[^{}]*\}|[\w-]+)?\s*:*\s*$")
#: a Markdown list marker at the start of a line (``- ``, ``* ``, ``+ ``, ``1. ``); not the
#: dash of a page number (``- 2 -``)
_LIST_MARKER = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+(?=\S)(?![0-9０-９]+\s*[-－—]?\s*$)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?:(?!\1).)+\1\s*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_TABLE_OPEN = re.compile(r"<table\b", re.I)
_HTML_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
#: a line that opens a block of raw HTML (CommonMark's HTML block of block-level tags); the
#: block runs to the next blank line, and a tag may wrap over several lines inside it
_HTML_BLOCK_OPEN = re.compile(
    r"^\s{0,3}</?(?:address|article|aside|blockquote|center|details|dialog|div|dl|dt|dd"
    r"|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|section"
    r"|summary|ul)(?:[\s/>]|$)",
    re.I,
)


def _is_row(line: str) -> bool:
    """Whether a line has a pipe that is not escaped (``\\|``)."""
    return "|" in line and ("\\|" not in line or "|" in line.replace("\\|", ""))


#: a cell delimiter: a pipe not escaped by the backslash just before it
_CELL_PIPE = re.compile(r"(?<!\\)\|")


def split_row(line: str) -> list[str]:
    """Cells of a pipe-table row: escaped pipes kept as text, outer pipes optional."""
    s = line.strip()
    escaped = "\\|" in s
    cells = [c.replace("\\|", "|") for c in _CELL_PIPE.split(s)] if escaped else s.split("|")
    if s.startswith("|"):
        cells = cells[1:]
    if s.endswith("|") and not s.endswith("\\|") and cells:
        cells = cells[:-1]
    return cells


def _inline_text(line: str) -> str:
    """Text of a line outside tables: Markdown emphasis, links, images and HTML removed.

    (Each pattern is tried only where the characters it needs are there: most lines hold
    none of them.)"""
    s = line
    if "](" in s:
        s = _IMAGE.sub(lambda m: m.group(1), s)
        s = _LINK.sub(lambda m: m.group(1), s)
    if "**" in s or "__" in s:
        s = _EMPHASIS.sub(lambda m: m.group(2), s)
    if "\\" in s:
        s = _ESCAPE.sub(lambda m: m.group(1), s)
    if "<" in s or "&" in s:
        s = " ".join(p.text for p in fragment_parts(s))
    return collapse_ws(s)


def read_markdown_text(text: str, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Blocks of a Markdown document given as text."""
    doc = Document(format="markdown")
    if "<!--" in text:
        text = _HTML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    lines = text.splitlines()
    if (
        limits.max_line_chars is not None
        and max(map(len, lines), default=0) > limits.max_line_chars
    ):
        for n, line in enumerate(lines, 1):
            if len(line) > limits.max_line_chars:
                raise InputTooLarge(
                    f"line {n} has {len(line):,} characters (limit {limits.max_line_chars:,}); "
                    "not a progress sheet as printed — raise max_line_chars if it is genuine"
                )
    i, n = 0, len(lines)
    # pipe tables are laid out once the whole document is read (_PipeTable), so that their
    # cells' inline HTML is parsed in one go
    pipes: list[_PipeTable] = []
    dumps = may_hold_dump(text)
    # (each pattern anchored at a line's start is tried only where the line's first character
    # is one it can start with: most lines are text and table rows)
    while i < n:
        line = lines[i]
        s = line.strip()
        if not s:
            i += 1
            continue
        first = s[0]
        if first == ":" and _DIV_FENCE.match(line):
            i += 1
            continue
        if first == "+" and GRID_RULE.match(line):
            loc = line_loc(i + 1)
            rows, header_rows, i = read_grid(lines, i, limits.max_cells)
            _add_table(rows, header_rows, loc, doc, limits)
            continue
        if first == "-" and (rule := multiline_rule(lines, i)) is not None:
            loc = line_loc(i + 1)
            rows, i = read_multiline(lines, i, rule)
            _add_table(rows, 1, loc, doc, limits)
            continue
        if i + 1 < n and "-" in lines[i + 1] and simple_rule(lines, i):
            loc = line_loc(i + 1)
            rows, i = read_simple(lines, i)
            _add_table(rows, 1, loc, doc, limits)
            continue
        is_table_start = (
            "|" in line
            and _is_row(line)
            and (
                (i + 1 < n and "-" in lines[i + 1] and _DELIMITER.match(lines[i + 1]) is not None)
                or (first == "|" and i + 1 < n and lines[i + 1].lstrip().startswith("|"))
            )
        )
        if is_table_start and not (first in "|:-" and _DELIMITER.match(line)):
            i = _read_table(lines, i, doc, limits, pipes, dumps)
            continue
        if first == "<":
            if _HTML_TABLE_OPEN.match(line.lstrip()):
                i = _read_html_table(lines, i, doc, limits)
                continue
            if _HTML_BLOCK_OPEN.match(line):
                i = _read_html_block(lines, i, doc, limits)
                continue
        if first == "#" and (m := _ATX.match(line)):
            doc.blocks.append(
                TextBlock(_heading_text(m.group(2)), "heading", line_loc(i + 1), len(m.group(1)))
            )
            i += 1
            continue
        if i + 1 < n and _SETEXT.match(lines[i + 1]) and not ("|" in line and _is_row(line)):
            level = 1 if lines[i + 1].strip().startswith("=") else 2
            doc.blocks.append(TextBlock(_heading_text(line), "heading", line_loc(i + 1), level))
            i += 2
            continue
        listed = first in "-*+" or first.isdecimal()  # (\d is a decimal digit, as isdecimal)
        text_ = _inline_text(_LIST_MARKER.sub("", line) if listed else line)
        if text_:
            # a line in bold only is a heading, as a bold-only paragraph is in HTML
            kind = "heading" if first in "*_" and _BOLD_LINE.match(line) else "paragraph"
            doc.blocks.append(TextBlock(text_, kind, line_loc(i + 1)))
        i += 1
    if pipes:
        _lay_out(doc, pipes, limits)
    return doc


def _heading_text(text: str) -> str:
    """A heading's text, less a trailing attribute block (``{#id .class}``)."""
    return _inline_text(_HEADING_ATTRS.sub("", text))


def _read_html_table(lines: list[str], start: int, doc: Document, limits: Limits) -> int:
    """An HTML ``<table>`` block inside Markdown (as some converters write them), read by the
    HTML reader so that rowspan/colspan and cell markup mean the same as in an HTML page."""
    depth, i = 0, start
    while i < len(lines):
        depth += len(_HTML_TABLE_OPEN.findall(lines[i])) - len(_HTML_TABLE_CLOSE.findall(lines[i]))
        i += 1
        if depth <= 0:
            break
    _add_html(lines, start, i, doc, limits)
    return i


def _read_html_block(lines: list[str], start: int, doc: Document, limits: Limits) -> int:
    """A block of raw HTML (``<figure>``, ``<div>``, ``<p>`` …) up to the next blank line — a
    table opened inside it is read to its end — read by the HTML reader, so that a tag a
    converter wrapped over several lines (``<img … \n alt="…">``) is markup, not text."""
    depth, i = 0, start
    while i < len(lines) and (lines[i].strip() or depth > 0):
        depth += len(_HTML_TABLE_OPEN.findall(lines[i])) - len(_HTML_TABLE_CLOSE.findall(lines[i]))
        i += 1
    _add_html(lines, start, i, doc, limits)
    return i


def _add_html(lines: list[str], start: int, end: int, doc: Document, limits: Limits) -> None:
    """The blocks of the HTML in ``lines[start:end]``, located at their Markdown lines."""
    from ..html.reader import read_html

    fragment = "\n".join(lines[start:end])
    sub = read_html(fragment.encode("utf-8"), limits=limits)

    def shift(loc: Loc) -> Loc:
        return replace(loc, line=loc.line + start if loc.line else start + 1)

    for block in sub.blocks:
        if isinstance(block, TableBlock):
            rows = tuple(tuple(replace(c, loc=shift(c.loc)) for c in row) for row in block.rows)
            doc.blocks.append(replace(block, rows=rows, loc=shift(block.loc)))
        else:
            doc.blocks.append(replace(block, loc=shift(block.loc)))
    doc.diagnostics += sub.diagnostics
    doc.skipped += [replace(s, loc=shift(s.loc)) for s in sub.skipped]


def _add_table(
    rows: list[list[Cell]], header_rows: int, loc: Loc, doc: Document, limits: Limits
) -> None:
    if rows:
        grid = expand_spans(rows, max_cells=limits.max_cells)
        doc.blocks.append(TableBlock(grid, loc, header_rows))


@dataclass(slots=True, eq=False)
class _PipeTable:
    """A pipe table as read, its cells still text: it stands in the document's blocks until
    :func:`_lay_out` makes it a table block."""

    raw: list[list[str]]
    numbers: list[int]
    header_rows: int
    loc: Loc


def _read_table(
    lines: list[str],
    start: int,
    doc: Document,
    limits: Limits,
    pipes: list[_PipeTable],
    dumps: bool = True,
) -> int:
    """Read the pipe table starting at ``start`` (into ``pipes``, to be laid out with the
    others); returns the index after it. ``dumps``: whether the document may hold a dumped
    worksheet at all (:func:`~.sheet.may_hold_dump`)."""
    raw: list[list[str]] = []
    numbers: list[int] = []
    header_rows = 0
    i = start
    n = len(lines)
    while i < n:
        line = lines[i]
        if "|" not in line or ("\\|" in line and not _is_row(line)):
            break  # (a line with a pipe is not blank)
        if "-" in line and _DELIMITER.match(line):
            if header_rows == 0:
                header_rows = len(raw)
            i += 1
            continue
        s = line.strip()
        if "\\|" in s:
            cells = split_row(line)
        else:  # split_row in short (most rows: no escaped pipe)
            cells = s.split("|")
            if s[-1] == "|":
                cells = cells[1:-1] if s[0] == "|" else cells[:-1]
            elif s[0] == "|":
                cells = cells[1:]
        raw.append(cells)
        numbers.append(i + 1)
        i += 1
    if dumps and is_sheet_dump(raw):
        # a worksheet dumped whole: the heading just above it names the worksheet
        if (
            doc.blocks
            and isinstance(head := doc.blocks[-1], TextBlock)
            and (head.kind == "heading" and head.loc.line == start)
        ):
            doc.blocks.pop()
            doc.skipped.append(Skipped(head.text, "chrome", head.loc))
        doc.blocks.extend(sheet_blocks(raw, numbers, limits.max_cells))
        return i
    if raw:
        pipe = _PipeTable(raw, numbers, header_rows, line_loc(start + 1))
        pipes.append(pipe)
        doc.blocks.append(pipe)  # type: ignore[arg-type]  # (laid out by _lay_out)
    return i


def _lay_out(doc: Document, pipes: list[_PipeTable], limits: Limits) -> None:
    """The pipe tables as table blocks, in their places: every distinct cell text of the
    document read once, the cells with inline HTML parsed together (a sheet's tables repeat
    their labels and empty cells; parts are values, shared by the cells that print them)."""
    parts_of = cells_parts(chain.from_iterable(row for pipe in pipes for row in pipe.raw))
    tables: dict[int, TableBlock] = {}
    for pipe in pipes:
        rows = []
        for row, k in zip(pipe.raw, pipe.numbers, strict=True):
            loc = line_loc(k)  # one for the row: a Loc is a value
            rows.append([Cell(parts_of[text], loc) for text in row])
        tables[id(pipe)] = TableBlock(_grid(rows, limits.max_cells), pipe.loc, pipe.header_rows)
    doc.blocks = [tables.get(id(b), b) for b in doc.blocks]


def _grid(rows: list[list[Cell]], max_cells: int | None) -> tuple[tuple[Cell, ...], ...]:
    """``expand_spans(restore_lost_spans(rows))``. A pipe table's cells are made without
    spans, so where none was restored (the rows come back as they were) the rows are only
    padded, as expand_spans pads them, without its look at every cell for a span."""
    restored = restore_lost_spans(rows)
    n_cols = max(map(len, rows), default=0)
    if restored is not rows or (max_cells is not None and n_cols * len(rows) > max_cells):
        return expand_spans(restored, max_cells=max_cells)  # (its error where too large)
    return pad_rows(rows)


def read_markdown(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Blocks of a Markdown file given as bytes (UTF-8, else a detected Japanese encoding)."""
    from ... import diagnostics as dg
    from ...encoding import decode

    decoded = decode(data)
    doc = read_markdown_text(decoded.text, limits=limits)
    if decoded.how.startswith("detected") and decoded.encoding != "utf-8":
        doc.diagnostics.append(
            dg.make(
                "info",
                "encoding-detected",
                f"The file is not UTF-8; decoded as {decoded.encoding}.",
            )
        )
    return doc
