"""Pandoc's own Markdown tables: grid tables, multiline tables and simple tables.

``pandoc -t markdown`` (its default Markdown) writes a table whose cells hold lists or several
paragraphs as a *grid table* (``+----+----+`` rulings, ``|`` between cells, ``+====+`` under
the header) and a plain table as a *multiline table* (a dashed line above, column extents
marked by runs of dashes under the header, rows separated by blank lines), or as a *simple
table* where every row fits on one line (no dashed line above). Grid and multiline tables wrap
cell text
over several lines at the column width, Japanese anywhere between two characters. Columns line
up in display width (a full-width character takes two columns), not in characters.

A cell's lines are Markdown blocks: list items (``-   一つ目``), paragraphs separated by blank
lines, hard line breaks (a line ending in ``\\``); wrapped lines are joined as the layout
wrapped them (no space between Japanese characters).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate

from ...blocks import Cell, Loc, Part
from ...errors import InputTooLarge
from ...textutil import collapse_ws, join_wrapped
from .cells import without_images
from .loc import line_loc

GRID_RULE = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
_NUMBER_END = re.compile(r"[0-9][,.]?$")
_RULE_SEGMENT = re.compile(r"\+[-=:]+\+")
_FULL_DASHES = re.compile(r"^\s*-{3,}\s*$")
_COLUMN_DASHES = re.compile(r"^\s*-+(?:\s+-+)+\s*$")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])(?:\s+|$)")
#: Pandoc's smart punctuation: ``---`` an em dash, ``--`` an en dash (``\-`` is a hyphen)
_SMART_DASH = re.compile(r"(?<![\\-])-{2,3}(?!-)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<\"'$^])")
#: the most header lines a multiline table prints above its column rule
_MAX_HEAD_LINES = 6


def _width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


class _Widths(dict[int, int]):
    """Display width by code point, each character's worked out once, in the form
    ``str.translate`` asks for it (its width as the ordinal of the character it gives)."""

    def __missing__(self, code: int) -> int:
        width = _width(chr(code))
        if len(self) < _WIDTHS_KEPT:  # (a hostile file's every character is not kept)
            self[code] = width
        return width


_WIDTHS_KEPT = 1 << 16
_WIDTHS = _Widths()


def _columns(line: str) -> Sequence[int]:
    """The display column each character of ``line`` starts at (non-decreasing)."""
    if line.isascii():  # (every ASCII character is one column wide)
        return range(len(line))
    return list(accumulate(line.translate(_WIDTHS).encode("latin-1"), initial=0))[:-1]


def _at_columns(line: str) -> list[tuple[int, str]]:
    """Each character of ``line`` with the display column it starts at."""
    return list(zip(_columns(line), line, strict=True))


def _between(line: str, columns: Sequence[int], left: int, right: int | None) -> str:
    """The characters of ``line`` (starting at ``columns``) that start after display column
    ``left`` and before ``right`` (None: to the end): a slice, the columns being in order."""
    end = len(line) if right is None else bisect_left(columns, right)
    return line[bisect_right(columns, left) : end]


def cell_parts(lines: Sequence[str]) -> tuple[Part, ...]:
    """The parts of a cell written as Markdown blocks over several lines."""
    blocks: list[tuple[str, list[str]]] = []
    current: tuple[str, list[str]] | None = None
    filled = [k for k, line in enumerate(lines) if line.strip()]
    if not filled:
        return ()  # (an empty cell)
    base = min((_indent(lines[k]) for k in filled), default=0)
    item: tuple[str, list[str]] | None = None
    for k, raw in enumerate(lines):
        s = raw.strip()
        if not s:
            current = None
            continue
        # a marker alone on its line (its text wrapped to the next) is a marker only where
        # text follows it: a cell of just "-" is a dash
        if (m := _LIST_ITEM.match(s)) and (m.end() < len(s) or k != filled[-1]):
            current = item = ("li", [s[m.end() :]])
            blocks.append(current)
        elif current is None and item is not None and _indent(raw) > base:
            current = item  # an indented paragraph after a blank line: the item goes on
            current[1][-1] += "\\"  # a paragraph break: the item's text goes on after a space
            current[1].append(s)
        elif current is None:
            item = None
            current = ("p", [s])
            blocks.append(current)
        else:
            current[1].append(s)
    parts: list[Part] = []
    for kind, block in blocks:
        pieces: list[list[str]] = [[]]
        for line in block:
            if line.endswith("\\") and not line.endswith("\\\\"):
                pieces[-1].append(line[:-1].rstrip())
                pieces.append([])
            else:
                pieces[-1].append(line)
        texts = [t for p in pieces if (t := _text(p))]
        if kind == "li":
            parts += [Part("li", " ".join(texts))] if texts else []
        elif len(texts) > 1:
            parts += [Part("line", t) for t in texts]
        elif texts:
            parts.append(Part("p", texts[0]))
    return tuple(parts)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _join(lines: list[str]) -> str:
    """Wrapped lines joined: no space between Japanese characters, nor inside a number the
    wrap broke (``1,2`` / ``04`` → ``1,204``)."""
    out = ""
    for line in lines:
        if out and _NUMBER_END.search(out) and line[:1].isdigit():
            out += line
        else:
            out = join_wrapped([out, line])
    return out


def _text(lines: list[str]) -> str:
    # (one line, most often: _join of it in short; each pattern only where it can match)
    text = collapse_ws(lines[0]) if len(lines) == 1 else _join(lines)
    if "--" in text:
        text = _SMART_DASH.sub(lambda m: "—" if len(m.group(0)) == 3 else "–", text)
    text = without_images(text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return text.strip()


# --- grid tables ------------------------------------------------------------------------------


def read_grid(
    lines: Sequence[str], start: int, max_cells: int | None = None
) -> tuple[list[list[Cell]], int, int]:
    """The rows of the grid table starting at ``start`` (its top rule), the number of header
    rows (above the ``+===+`` rule) and the index of the line after the table.

    Cells are traced as their rulings draw them, so merged cells (Pandoc 3 writes a rowspan
    as a rule that stops at the merged cell, a colspan as a missing ``|``) keep their span."""
    end = start
    while end < len(lines) and lines[end].lstrip()[:1] in ("+", "|"):
        end += 1
    chars = [dict(_at_columns(line)) for line in lines[start:end]]
    starts = [list(row) for row in chars]  # each line's display columns, in order
    bounds = sorted({col for row in chars for col, ch in row.items() if ch == "+"})
    rules = [k for k, line in enumerate(lines[start:end]) if _RULE_SEGMENT.search(line)]
    if max_cells is not None and max(len(rules) - 1, 0) * max(len(bounds) - 1, 0) > max_cells:
        raise InputTooLarge(
            f"a grid table has more than {max_cells:,} cells; raise the max_cells limit if this "
            "file is genuine"
        )
    header_rows = next((rules.index(k) for k in rules if "=" in lines[start + k]), 0)
    ruled = {r: _ruled_prefix(chars[r]) for r in rules}

    def rule_below(k: int, left: int, right: int) -> int | None:
        """The first rule line below line ``k`` that rules the columns left..right, while
        the cell's left edge goes down to it."""
        for line in range(k + 1, len(chars)):
            if line in ruled and _count(ruled[line], left + 1, right) == right - left - 1:
                return line
            if chars[line].get(left) not in ("|", "+"):
                return None
        return None

    placed: dict[int, list[Cell]] = {}
    covered: set[tuple[int, int]] = set()
    for ri, top in enumerate(rules[:-1]):
        for ci, left in enumerate(bounds[:-1]):
            if (ri, ci) in covered or chars[top].get(left) != "+":
                continue
            # the cell's right edge: the next bound with a | on its first line
            cj = next(
                (
                    j
                    for j in range(ci + 1, len(bounds))
                    if chars[top + 1].get(bounds[j]) in ("|", "+")
                ),
                len(bounds) - 1,
            )
            bottom = rule_below(top, left, bounds[cj])
            if bottom is None:
                continue
            rj = rules.index(bottom)
            for r in range(ri, rj):
                for c in range(ci, cj):
                    covered.add((r, c))
            right = bounds[cj]
            text = [
                lines[start + k][bisect_right(starts[k], left) : bisect_left(starts[k], right)]
                for k in range(top + 1, bottom)
            ]
            placed.setdefault(ri, []).append(
                Cell(
                    cell_parts(text),
                    line_loc(start + top + 2),
                    rowspan=rj - ri,
                    colspan=cj - ci,
                )
            )
    rows = [placed.get(r, []) for r in range(len(rules) - 1)]
    return rows, header_rows, end


def _count(prefix: list[int], a: int, b: int) -> int:
    """How many columns a..b-1 a prefix count counts (none past its end)."""
    last = len(prefix) - 1
    return prefix[min(b, last)] - prefix[min(a, last)]


def _ruled_prefix(row: dict[int, str]) -> list[int]:
    """Prefix counts of the display columns of a rule line drawn with - = : or +."""
    width = max(row, default=0) + 2
    out = [0] * (width + 1)
    for col in range(width):
        out[col + 1] = out[col] + (row.get(col) in ("-", "=", ":", "+"))
    return out


# --- multiline tables -------------------------------------------------------------------------


def multiline_rule(lines: Sequence[str], start: int) -> int | None:
    """Where the table that starts at ``start`` (a full-width dashed line after a blank line)
    has its column rule, if it is a multiline table; else None."""
    if not _FULL_DASHES.match(lines[start]) or (start and lines[start - 1].strip()):
        return None
    for j in range(start + 1, min(len(lines), start + 2 + _MAX_HEAD_LINES)):
        if _COLUMN_DASHES.match(lines[j]):
            return j if j > start + 1 else None
        if not lines[j].strip():
            return None
    return None


def read_multiline(lines: Sequence[str], start: int, rule: int) -> tuple[list[list[Cell]], int]:
    """The rows of the multiline table starting at ``start`` whose column rule is line
    ``rule`` (its header above it), and the index of the line after the table."""
    runs = [m.start() for m in re.finditer(r"-+", lines[rule])]
    starts = [_display(lines[rule], k) for k in runs]
    rows = [_multiline_row(lines[start + 1 : rule], starts, line_loc(start + 2))]
    i = rule + 1
    buf: list[str] = []
    first = i
    while i < len(lines):
        line = lines[i]
        if _FULL_DASHES.match(line):
            i += 1
            break
        if not line.strip():
            if buf:
                rows.append(_multiline_row(buf, starts, line_loc(first + 1)))
                buf = []
        else:
            if not buf:
                first = i
            buf.append(line)
        i += 1
    if buf:
        rows.append(_multiline_row(buf, starts, line_loc(first + 1)))
    return rows, i


def simple_rule(lines: Sequence[str], start: int) -> bool:
    """True where a *simple table* starts at ``start``: one header line after a blank line,
    then its column rule (runs of dashes)."""
    return (
        start + 1 < len(lines)
        and bool(lines[start].strip())
        and not (start and lines[start - 1].strip())
        and _COLUMN_DASHES.match(lines[start + 1]) is not None
    )


def read_simple(lines: Sequence[str], start: int) -> tuple[list[list[Cell]], int]:
    """The rows of the simple table starting at ``start`` (one line each, to the next blank
    line) and the index of the line after the table."""
    rule = start + 1
    runs = [m.start() for m in re.finditer(r"-+", lines[rule])]
    starts = [_display(lines[rule], k) for k in runs]
    rows = [_multiline_row([lines[start]], starts, line_loc(start + 1))]
    i = rule + 1
    while i < len(lines) and lines[i].strip() and not _COLUMN_DASHES.match(lines[i]):
        rows.append(_multiline_row([lines[i]], starts, line_loc(i + 1)))
        i += 1
    if i < len(lines) and _COLUMN_DASHES.match(lines[i]):
        i += 1  # a closing rule
    return rows, i


def _display(line: str, index: int) -> int:
    return sum(line[:index].translate(_WIDTHS).encode("latin-1"))


def _multiline_row(buf: Sequence[str], starts: list[int], loc: Loc) -> list[Cell]:
    edges = [s - 1 for s in starts]
    columns = [_columns(line) for line in buf]  # (once per line, not once per cell)
    cells = []
    for k, left in enumerate(edges):
        right = edges[k + 1] + 1 if k + 1 < len(edges) else None
        texts = [_between(line, cols, left, right) for line, cols in zip(buf, columns, strict=True)]
        cells.append(Cell(cell_parts(texts), loc))
    return cells
