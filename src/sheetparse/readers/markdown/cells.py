"""Pipe-table cells and rows as HTML-to-Markdown converters leave them.

Converters that know no rowspan/colspan (markdownify, and tools built on it such as
MarkItDown) write a merged header as its label followed by empty cells and simply leave out,
in the rows below, the cells a rowspan covered, so those rows come out short and shifted left;
and they flatten a ``<ul>`` inside a cell into one line of Markdown list markers
(``* 一つ目 * 二つ目``). This module reads both back as the sheet printed them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...blocks import Cell, Part, empty_cell
from ...textutil import CAPTION_MARK, collapse_ws
from ..html.inline import parts_from_fragment, parts_from_fragments

#: a cell that starts with a Markdown list marker: a list flattened into one line
_CELL_LIST = re.compile(r"^([-*+])\s+(?=\S)")
#: a Markdown image (``![alt](src)``, with an optional attribute block)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)(?:\{[^{}]*\})?")
#: where a ▲ figure caption starts inside a list item (▲5 is a negative number)
_CAPTION_START = re.compile(rf"\s+(?={CAPTION_MARK}(?![0-9０-９]))")
#: where a flattened list's next item starts, by its marker
_ITEM_SPLIT = {marker: re.compile(rf"\s+{re.escape(marker)}\s+(?=\S)") for marker in "-*+"}
#: the rows (after the first) that may be a header's lower rows
_HEADER_DEPTH = 3

# --- cells with simple inline HTML, read without parsing ------------------------------------
#
# Most cells with markup hold only what converters write: ``<p>…</p>``, ``<br>`` and a
# ``<ul …>`` whose items lost their ``<li>`` tags, around plain text. For those the parts
# are known without lxml: :func:`_simple_parts` gives what :func:`parts_from_fragment` gives
# (tests/test_markdown_fast_cells.py checks it), and anything else — an entity, another tag,
# a stray ``<`` or ``>``, a control character — is left to the HTML parser.

_NOT_ASCII = r"\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff"
#: a character the HTML parser keeps as it is in text: no markup (``<`` ``>`` ``&``), no
#: control character but the tab, no surrogate or non-character
_CH = r"\t\x20-\x25\x27-\x3b\x3d\x3f-\x7e" + _NOT_ASCII
_TEXT = f"[{_CH}]"
#: the same in an attribute's value, quoted with ``"``, but ``"``
_VALUE_CH = r"\t\x20\x21\x23-\x25\x27-\x3b\x3d\x3f-\x7e" + _NOT_ASCII
_ATTR = rf'(?:[ \t]+[A-Za-z][A-Za-z0-9_-]*(?:="[{_VALUE_CH}]*")?)*[ \t]*'
#: one piece of a cell's top level: text, a line break, a paragraph, a list without items
#: (closed, or running to the end of the cell) holding text and paragraphs
_PIECE = re.compile(
    rf"(?P<text>{_TEXT}+)"
    r"|<br[ \t]*/?>"
    rf"|<p{_ATTR}>(?P<p>{_TEXT}*)</p>"
    rf"|<ul{_ATTR}>(?P<ul>{_TEXT}*(?:<p{_ATTR}>{_TEXT}*</p>{_TEXT}*)*)(?:</ul>|\Z)"
)
_P_OPEN = re.compile(rf"<p{_ATTR}>")
#: a cell that is one item-less list and nothing else (most cells with markup)
_LIST_ONLY = re.compile(rf"<ul{_ATTR}>({_TEXT}*)(?:</ul>)?")


def _simple_parts(s: str) -> tuple[Part, ...] | None:
    """The parts of a cell whose markup is only ``<p>``, ``<br>`` and item-less ``<ul>``
    (:data:`_PIECE`), as the HTML reader's walk gives them; None for any other markup."""
    if m := _LIST_ONLY.fullmatch(s):  # (the loop below in short)
        text = collapse_ws(m.group(1).replace("\u200b", ""))
        return (Part("list", text),) if text else ()
    out: list[Part] = []
    buf: list[str] = []  # top-level text and line breaks, up to the next block
    pos, end = 0, len(s)
    while pos < end:
        m = _PIECE.match(s, pos)
        if m is None:
            return None
        pos = m.end()
        kind = m.lastgroup
        if kind == "text":
            if m.start() or m.group(0).strip():  # (leading white space is dropped, U+3000 too)
                buf.append(m.group(0))
            continue
        if kind is None:  # <br>
            buf.append("\n")
            continue
        if buf:
            _flush(buf, out)
        if kind == "p":
            text = collapse_ws(m.group("p").replace("\u200b", ""))
            kind_ = "p"
        else:  # an item-less list: its text and its paragraphs' text, each after a space
            inner = m.group("ul")
            if "<" in inner:
                inner = _P_OPEN.sub(" ", inner).replace("</p>", "")
            text = collapse_ws(inner.replace("\u200b", ""))
            kind_ = "list"
        if text:
            out.append(Part(kind_, text))  # type: ignore[arg-type]
    if buf:
        _flush(buf, out)
    return tuple(out)


def _flush(buf: list[str], out: list[Part]) -> None:
    """Top-level text as the walk's builder flushes it: a part per line where ``<br>`` broke
    it into several, else one text part."""
    raw = "".join(buf)
    buf.clear()
    if "\n" in raw:
        lines = [x for x in (collapse_ws(x) for x in raw.split("\n")) if x]
        if len(lines) > 1:
            out.extend(Part("line", x) for x in lines)
            return
        raw = " ".join(lines)
    text = collapse_ws(raw)
    if text:
        out.append(Part("text", text))


def fragment_parts(s: str) -> tuple[Part, ...]:
    """:func:`parts_from_fragment` of a cell's text, without parsing where its markup is
    simple (:func:`_simple_parts`)."""
    if "<" not in s and "&" not in s:
        text = collapse_ws(s)
        return (Part("text", text),) if text else ()
    parts = _simple_parts(s)
    return parts_from_fragment(s) if parts is None else parts


def _image(m: re.Match[str]) -> str:
    alt = m.group(1).strip()
    return f" {alt} " if alt.startswith(CAPTION_MARK) else " "


def without_images(text: str) -> str:
    """Cell text less its Markdown images: a picture is not text, as ``<img>`` is not in HTML
    (its alt text is not printed), unless the alt text is a ``▲`` caption."""
    return _IMAGE.sub(_image, text) if "![" in text else text


def _cleaned(text: str) -> tuple[str, re.Match[str] | None]:
    """A cell's text less its images, trimmed, with the list marker it starts with (if any)."""
    s = without_images(text).strip()
    return s, _CELL_LIST.match(s) if s[:1] in "-*+" else None


def cell_parts(text: str) -> tuple[Part, ...]:
    """The parts of a pipe-table cell's text: inline HTML as in an HTML page, and a list a
    converter flattened into Markdown markers (``* 一 * 二``) as one list item per marker.

    A Markdown image is a picture, not text, as ``<img>`` is in HTML (its alt text is not
    printed), unless its alt text is a ``▲`` caption; a ``▲`` caption after a list item is
    a caption, not part of the item."""
    s, m = _cleaned(text)
    if m is None or "<" in s:
        return fragment_parts(s)
    return _flattened_list(s, m)


def cells_parts(texts: Iterable[str]) -> dict[str, tuple[Part, ...]]:
    """:func:`cell_parts` of each distinct text, the cells with inline HTML parsed together
    (:func:`~..html.inline.parts_from_fragments`: one parse for a document's cells)."""
    out: dict[str, tuple[Part, ...]] = {}
    whole: dict[str, str] = {}  # cell text → the fragment it is read as
    for text in dict.fromkeys(texts):  # (a sheet's tables repeat their labels, empty cells)
        if (
            "<" not in text
            and "&" not in text
            and "![" not in text
            and (not (s := text.strip()) or s[0] not in "-*+")
        ):  # (most cells: plain text, as below in short)
            plain = collapse_ws(s)
            out[text] = (Part("text", plain),) if plain else ()
            continue
        s, m = _cleaned(text)
        if m is not None and "<" not in s:
            out[text] = _flattened_list(s, m)
        elif "<" not in s and "&" not in s:
            plain = collapse_ws(s)
            out[text] = (Part("text", plain),) if plain else ()
        elif (parts := _simple_parts(s)) is not None:
            out[text] = parts
        else:
            whole[text] = s
    out.update(zip(whole, parts_from_fragments(list(whole.values())), strict=True))
    return out


def _flattened_list(s: str, m: re.Match[str]) -> tuple[Part, ...]:
    """The items of a list a converter flattened into one line of markers (``m``, the first)."""
    out: list[Part] = []
    for piece in _ITEM_SPLIT[m.group(1)].split(s[m.end() :]):
        item, *captions = _CAPTION_START.split(piece) if CAPTION_MARK in piece else (piece,)
        if "<" in item or "&" in item:
            out += [Part("li", p.text) for p in fragment_parts(item)]
        elif text := collapse_ws(item):  # (most items: plain text)
            out.append(Part("li", text))
        out += [Part("caption", p.text) for c in captions for p in fragment_parts(c)]
    return tuple(out)


def _group_start(above: list[Cell], k: int, width: int) -> int | None:
    """The column of the one group header in ``above`` that spans exactly ``k`` columns (its
    label, then ``k - 1`` empty cells up to the next label or the table's edge), where every
    cell beside the group has a label of its own (a header merged down), else None."""
    padded = above + [empty_cell()] * (width - len(above))
    starts = [
        c
        for c in range(width - k + 1)
        if not padded[c].is_empty
        and all(padded[c + j].is_empty for j in range(1, k))
        and (c + k == width or not padded[c + k].is_empty)
    ]
    if len(starts) != 1:
        return None
    c0 = starts[0]
    beside = [*range(c0), *range(c0 + k, width)]
    if not beside or any(padded[c].is_empty for c in beside):
        return None
    return c0


def restore_lost_spans(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Rows of a table's head put back under the group header they belong to.

    A header row shorter than the table (k cells, every one filled) right under a row that
    has exactly one group header spanning k columns is that group's lower row whose other
    cells a converter left out because they were merged down from above: the cells beside
    the group get a rowspan over it, so the short row lands under its group. Body rows are
    left alone (a short body row is a row whose last cells are merged, and is padded)."""
    if len(rows) < 2:
        return rows
    width = max(map(len, rows))
    depth = min(len(rows), _HEADER_DEPTH)
    if all(not 2 <= len(rows[r]) < width for r in range(1, depth)):
        return rows  # (most tables: no short row in the head, nothing to restore)
    out = [list(r) for r in rows]
    for r in range(1, depth):
        row, above = out[r], out[r - 1]
        k = len(row)
        if not 2 <= k < width or any(c.is_empty for c in row) or any(c.rowspan > 1 for c in above):
            continue
        c0 = _group_start(above, k, width)
        if c0 is None:
            continue
        for c, cell in enumerate(above):
            if not c0 <= c < c0 + k:
                # (dataclasses.replace, made directly: the new cell's text is worked out anew)
                above[c] = Cell(
                    cell.parts, cell.loc, cell.rowspan + 1, cell.colspan, cell.covered_by
                )
    return out
