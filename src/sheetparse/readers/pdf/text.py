"""Characters → lines → wrapped lines joined back: the text logic of the PDF reader.

A PDF has no paragraphs, only glyphs at positions. This module

* cleans the glyphs: look-alike code points mapped back (:mod:`sheetparse.glyphs`), ligatures
  read as their letters, doubled
  glyphs of fake-bold text dropped, unmapped glyphs (``(cid:N)``) made visible as U+FFFD;
* groups glyphs into printed lines, with a space only where one was printed or where a gap
  separates Latin words or numbers (never between two Japanese characters that merely sit
  apart);
* decides for each line break whether the layout wrapped the line (the first word of the next
  line would not have fitted on this one) or the author broke it (a new item, paragraph or
  list entry), so that wrapped lines are joined without a space between Japanese characters.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

import regex

from ...glyphs import LIGATURES, PDF_PUNCTUATION, fix_lookalikes, has_lookalikes
from ...textutil import BULLETS, CAPTION_MARK, is_cjk, join_wrapped
from .backend import Char

_CID = re.compile(r"^\(cid:\d+\)$")
#: symbol-font private-use code points that print as bullets (Symbol/Wingdings in Word lists)
_SYMBOL_BULLETS = {"\uf0b7": "•", "\uf06c": "●", "\uf06e": "■", "\uf0a7": "■", "\uf09f": "•"}
#: characters that may not start a line (行頭禁則): a line break before them is the layout's
_NO_LINE_START = frozenset(
    "、。，．,.)）]］｝〕〉》」』】〙〗〟’”｠»ゝゞーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖ"
    "ㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻‐゠–〜～？！?!‼⁇⁈⁉・:;：；/"
)
#: characters that may not end a line (行末禁則): the layout moves them to the next line together
#: with the character after them
_NO_LINE_END = frozenset("（([［｛〔〈《「『【〘〖〝‘“｟«")
#: line starts that begin a new item or caption
ITEM_MARKS = BULLETS + CAPTION_MARK
#: the last character of a line that a ``・`` word separator may follow (kanji, katakana, Latin)
_MID_WORD_END = regex.compile(r"[\p{Han}\p{Katakana}ーA-Za-z0-9Ａ-Ｚａ-ｚ０-９]")


def is_unmapped(text: str) -> bool:
    """A glyph whose font gives no Unicode character for it: pdfminer's ``(cid:N)``, U+FFFD (how
    other libraries say so), or a control or private-use code point (a font's own code, not a
    character)."""
    return (
        text == "\ufffd"
        or bool(_CID.match(text))
        or (bool(text) and not text.isprintable() and not text.isspace())
    )


@dataclass(slots=True)
class CharStats:
    """What cleaning the glyphs repaired (reported as diagnostics)."""

    doubled: int = 0
    unmapped: int = 0
    lookalikes: int = 0
    lookalike_examples: set[str] = field(default_factory=set)
    #: runs of cell text that overflowed into the next cells, given back to their own cell
    overflow_runs: int = 0
    #: glyphs drawn but hidden by a clipping path or outside the page, left out
    clipped: int = 0


def _clean_text(text: str) -> tuple[str | None, bool, tuple[str, ...]]:
    """What :func:`clean_chars` makes of a glyph's text: the text printed (None: drop the
    glyph), whether it was unmapped, and one example per look-alike it fixed."""
    examples: list[str] = []
    unmapped = False
    if text in _SYMBOL_BULLETS:  # private-use code points: not printable, but known
        text = _SYMBOL_BULLETS[text]
    elif is_unmapped(text):
        unmapped = True
        text = "\ufffd"
    elif not text:
        return None, False, ()
    elif text in LIGATURES:
        text = LIGATURES[text]
    elif len(text) != 1:
        pass  # a multi-character mapping: kept as given
    elif ord(text) in PDF_PUNCTUATION:
        fixed = PDF_PUNCTUATION[ord(text)]
        examples.append(f"U+{ord(text):04X}→{fixed}")
        text = fixed
    if has_lookalikes(text):
        fixed = fix_lookalikes(text)
        if fixed != text:
            examples.append(f"{text}→{fixed}")
            text = fixed
    return text, unmapped, tuple(examples)


def clean_chars(chars: Sequence[Char], stats: CharStats) -> list[Char]:
    """Glyphs with look-alikes fixed, unmapped glyphs as U+FFFD and fake-bold doubles dropped.

    A page repeats few distinct glyph texts, so each is cleaned once (:func:`_clean_text`)."""
    out: list[Char] = []
    # kept glyphs by text, then by whole-point top: a double lies within a point of its
    # original, so its top's whole part is within one of the original's
    seen: dict[str, dict[int, list[Char]]] = {}
    cleaned: dict[str, tuple[str | None, bool, tuple[str, ...]]] = {}
    examples = stats.lookalike_examples
    for ch in chars:
        if not ch.size > 0:  # a degenerate font matrix: the glyph box is the best measure
            ch = ch._replace(size=max(ch.bottom - ch.top, ch.x1 - ch.x0, 1.0))
        text = ch.text
        found = cleaned.get(text)
        if found is None:
            found = cleaned[text] = _clean_text(text)
        new, unmapped, fixes = found
        if new is None:
            continue
        if unmapped:
            stats.unmapped += 1
        for example in fixes:
            stats.lookalikes += 1
            if len(examples) < 8:
                examples.add(example)
        if new != text:
            ch = ch._replace(text=new)
        if not new.isspace():
            # fake bold: the same glyph drawn again within a point of itself
            x0, top, size = ch.x0, ch.top, ch.size
            int(x0)  # as the position's whole part is taken (raises on a non-finite one)
            gy = int(top)
            rows = seen.get(new)
            if rows is None:
                seen[new] = {gy: [ch]}
                out.append(ch)
                continue
            dup = False
            for near in (rows.get(gy - 1), rows.get(gy), rows.get(gy + 1)):
                if near is None:
                    continue
                for other in near:
                    if (
                        abs(other.x0 - x0) <= 1.0
                        and abs(other.top - top) <= 1.0
                        and abs(other.size - size) <= 0.5
                    ):
                        dup = True
                        break
                if dup:
                    break
            if dup:
                stats.doubled += 1
                continue
            group = rows.get(gy)
            if group is None:
                rows[gy] = [ch]
            else:
                group.append(ch)
        out.append(ch)
    return out


@dataclass(slots=True)
class TextLine:
    """One printed line (or, outside tables, one run of a line between wide gaps)."""

    #: its glyphs while the page is laid out; emptied after (see :func:`release_chars`)
    chars: list[Char]
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    #: the tagged paragraph or list item the line's first glyph belongs to (None: untagged)
    block: int | None = None
    #: the page it is printed on (set by the page layout)
    page: int = 0
    #: width of what could not have fitted at the end of the line before (its first word)
    lead: float = 0.0


def _gap_threshold(a: str, b: str, size: float) -> float:
    """Gap (pt) between two glyphs above which a space was printed."""
    ca, cb = _is_cjk(a), _is_cjk(b)
    if ca and cb:
        return 0.8 * size
    if ca or cb:
        return 0.5 * size
    return 0.2 * size


#: :func:`~sheetparse.textutil.is_cjk` by character, as pages repeat the same few hundred
_CJK_SEEN: dict[str, bool] = {}


def _is_cjk(ch: str) -> bool:
    found = _CJK_SEEN.get(ch)
    if found is None:
        found = _CJK_SEEN[ch] = is_cjk(ch)
    return found


def _line(chars: list[Char]) -> TextLine | None:
    """A line from its glyphs (sorted left to right); None if it holds only spaces."""
    parts: list[str] = []
    prev: Char | None = None
    pending = ""
    x0 = top = bottom = None
    x1 = 0.0
    block = None
    sizes: dict[float, int] = {}
    for ch in chars:
        t = ch.text
        if t.isspace():
            if prev is not None:
                pending = "\u3000" if t == "\u3000" or pending == "\u3000" else " "
            elif t == "\u3000":
                pending = "\u3000"  # an indent printed as an ideographic space
            continue
        if pending:
            parts.append(pending)
            pending = ""
        elif prev is not None:
            gap = ch.x0 - prev.x1
            size = ch.size if ch.size < prev.size else prev.size  # min(), the first of equals
            # the smallest threshold first: most glyphs sit closer than that
            if (gap > 0.2 * size or not size > 0) and gap > _gap_threshold(
                prev.text[-1], t[0], size
            ):
                parts.append(" ")
        parts.append(t)
        if x0 is None:
            x0, top, bottom, block = ch.x0, ch.top, ch.bottom, ch.block
        else:
            # as min() and max() keep the first of equals
            if ch.top < top:  # type: ignore[operator]
                top = ch.top
            if ch.bottom > bottom:  # type: ignore[operator]
                bottom = ch.bottom
        size = ch.size
        sizes[size] = sizes.get(size, 0) + len(t)
        if ch.x1 > x1:
            x1 = ch.x1
        prev = ch
    if x0 is None:
        return None
    # the size most of the line is printed in (a digit from a Latin font may be set larger)
    size = max(sizes.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return TextLine(
        chars,
        "".join(parts),
        x0,
        top,  # type: ignore[arg-type]
        x1,
        bottom,  # type: ignore[arg-type]
        size,
        block,  # type: ignore[arg-type]
        lead=_first_unit_width(chars),
    )


#: marks printed before options, one of them marked (○ 達成 ● おおむね達成)
OPTION_MARKS = frozenset("○●◎■□☑☐☒◯◉")


def option_lines(lines: list[TextLine]) -> list[TextLine] | None:
    """A row of options printed side by side, each behind a mark, whose labels wrap onto lines
    above and below the marks (神戸市: ``○ 達成  ● おおむね / 達成  ○ 達成までは / 困難``), as
    one line per option, mark first; None where the lines are not such a row."""
    rows = [[c for c in ln.chars if c.text in OPTION_MARKS] for ln in lines]
    with_marks = [i for i, marks in enumerate(rows) if len(marks) >= 2]
    if len(with_marks) != 1 or len(lines) < 2 or sum(map(bool, rows)) != 1:
        return None
    marks = sorted(rows[with_marks[0]], key=lambda c: c.x0)
    if any(b.x0 - a.x1 < 0.5 * a.size for a, b in itertools.pairwise(marks)):
        return None  # ○○: a placeholder, not options
    columns: list[list[Char]] = [[] for _ in marks]
    lead: list[Char] = []
    for ln in lines:
        for ch in ln.chars:
            if any(ch is m for m in marks):
                continue
            k = max((i for i, m in enumerate(marks) if m.x0 <= ch.x0 + 0.5), default=-1)
            (columns[k] if k >= 0 else lead).append(ch)
    if lead:
        return None
    out = []
    for mark, col in zip(marks, columns, strict=True):
        # the label's own lines top to bottom, each left to right, run together after the mark
        body = [ch for row in make_lines(col) for ch in row.chars]
        line = _line([mark, *body])
        if line is not None:
            out.append(line)
    return out


def _mid_key(c: Char) -> float:
    return c.top + c.bottom


_x0_key = attrgetter("x0")


def printed_rows(chars: list[Char]) -> list[list[Char]]:
    """Glyphs grouped into the rows they are printed on, top to bottom, each left to right
    (what :func:`make_lines` makes its lines of)."""
    if not chars:
        return []
    chars = sorted(chars, key=_mid_key)
    rows: list[list[Char]] = []
    row: list[Char] = []
    lo = hi = 0.0
    for ch in chars:
        space = ch.text.isspace()
        if space and not row:
            continue
        top, bottom = ch.top, ch.bottom
        cy = (top + bottom) / 2
        if row and lo <= cy <= hi:
            row.append(ch)
            if not space:
                h = bottom - top
                # as min() and max() keep the first of equals
                if cy - 0.3 * h < lo:
                    lo = cy - 0.3 * h
                if cy + 0.3 * h > hi:
                    hi = cy + 0.3 * h
            continue
        if row:
            rows.append(row)
        row = [ch]
        h = bottom - top
        lo, hi = cy - 0.35 * h, cy + 0.35 * h
    if row:
        rows.append(row)
    for r in rows:
        r.sort(key=_x0_key)
    return rows


def make_lines(chars: list[Char], split_gap: float | None = None) -> list[TextLine]:
    """Printed lines from glyphs in reading order (top to bottom, pieces of a line left to
    right). With ``split_gap`` (in multiples of the font
    size), a line is cut where glyphs sit that far apart (side-by-side text outside tables)."""
    out: list[TextLine] = []
    for r in printed_rows(chars):
        pieces = [r]
        if split_gap is not None:
            pieces = []
            cur: list[Char] = []
            last: Char | None = None
            for ch in r:
                if ch.text.isspace():
                    cur.append(ch)
                    continue
                # max() of the two sizes (the first of equals)
                if (
                    last is not None
                    and ch.x0 - last.x1
                    > split_gap * (ch.size if ch.size > last.size else last.size)
                    and ch.text not in _NO_LINE_START  # ：補助上限額 after a tab stop goes on
                ):
                    pieces.append(cur)
                    cur = []
                cur.append(ch)
                last = ch
            pieces.append(cur)
        for p in pieces:
            line = _line(p)
            if line is not None:
                out.append(line)
    return out


def _first_unit_width(chars: list[Char]) -> float:
    """Width of what the layout could not fit at the end of the line before: the first word
    (a run of Latin letters, digits and signs, ``~30``) or the first character, with the
    characters that may not start a line after it (``NPO、``; and, after an opening bracket,
    the character the bracket may not be parted from)."""
    vis = [c for c in chars if not c.text.isspace()]
    if not vis:
        return 0.0
    first = vis[0]
    x1 = first.x1
    k = 1
    while k < len(vis) and vis[k - 1].text in _NO_LINE_END:  # 「や… moves as one
        x1 = vis[k].x1
        k += 1
    if vis[k - 1].text.isascii():  # a Latin word (~30, NPO, (10) does not break inside
        while k < len(vis):
            c = vis[k]
            if c.x0 - x1 > 0.2 * c.size or not c.text.isascii():
                break
            x1 = c.x1
            k += 1
    while k < len(vis) and vis[k].text in _NO_LINE_START:  # NPO、 moves as one
        x1 = vis[k].x1
        k += 1
    return x1 - first.x0


def release_chars(lines: Iterable[TextLine]) -> None:
    """Let go of the lines' glyphs once a page is laid out: what comes after reads only the
    lines' text and metrics, and a book of hundreds of pages must not keep every glyph."""
    for ln in lines:
        ln.chars = []


def starts_item(line: TextLine) -> bool:
    """True where a line starts with a bullet or a caption mark (▲) or an ideographic-space
    indent."""
    t = line.text
    return bool(t) and (t[0] in ITEM_MARKS or t[0] == "\u3000" or t.lstrip(" ")[:1] in ITEM_MARKS)


def _full(prev: TextLine, line: TextLine, limit: float) -> bool:
    """True where the first word of ``line`` would not have fitted at the end of ``prev``."""
    return prev.x1 + line.lead > limit - 0.25 * min(prev.size, line.size)


def is_wrap(prev: TextLine, line: TextLine, limit: float, *, same_page: bool = True) -> bool:
    """True where the break between two lines was made by the layout (the line was full).

    A line starting with a bullet or ▲ starts an item, except a ``・`` that the layout carried
    over from the middle of a word pair (``課題・目標``): after a full line that ends in a
    kanji, katakana or Latin letter, where an item hardly ever ends. Lines that a tagged PDF
    puts in different paragraphs or list items never continue each other. With
    ``same_page=False`` (the lines are either side of a page break) their vertical distance
    is not looked at."""
    size = min(prev.size, line.size)
    if abs(prev.size - line.size) > 1.0:
        return False
    if prev.block is not None and line.block is not None and prev.block != line.block:
        return False  # the PDF's tags put them in different paragraphs or list items
    if same_page and (line.top - prev.bottom > 0.9 * size or line.top < prev.bottom - 0.5 * size):
        return False
    if starts_item(line):
        return (
            line.text[0] == "・"
            and _MID_WORD_END.match(prev.text[-1:]) is not None
            and _full(prev, line, limit)
        )
    return _full(prev, line, limit)


def logical_lines(lines: list[TextLine], limit: float) -> list[list[TextLine]]:
    """Printed lines grouped into the lines the author wrote (wrapped lines together).

    A stack of one-character lines (a header printed one character per line in a narrow
    cell, ``達/成/度``) is one line."""
    if not lines:
        return []
    if len(lines) > 1 and all(len(ln.text.strip()) == 1 for ln in lines):
        narrow = limit - min(ln.x0 for ln in lines) < 2.5 * max(ln.size for ln in lines)
        if narrow or not any(ln.text.strip().isdigit() for ln in lines):
            return [lines]  # not two one-digit values stacked in a wide cell
    groups: list[list[TextLine]] = [[lines[0]]]
    for line in lines[1:]:
        if is_wrap(groups[-1][-1], line, limit):
            groups[-1].append(line)
        else:
            groups.append([line])
    return _split_sentence_items(groups)


#: how an item the author ended may end: a full stop, possibly followed by a closing bracket
#: (predicate endings such as 思う/する were tried and dropped: they also end phrases mid-item)
_ITEM_END = regex.compile(r"[。．][)）」』]?$")
#: the longest item (in printed lines) of a cell treated as a list of items
_MAX_ITEM_LINES = 6


def _split_sentence_items(groups: list[list[TextLine]]) -> list[list[TextLine]]:
    """In a list whose items all end with a full stop (。), a full line that ends with one
    ends an item too: an item that happens to fill its last line exactly looks like a wrap
    otherwise.

    This applies only where the cell has at
    least two items of at most a few lines each (a list, not running paragraphs). Lines a
    tagged PDF grouped are left alone."""
    if len(groups) < 2 or any(len(g) > _MAX_ITEM_LINES for g in groups):
        return groups
    ends = set()
    for g in groups:
        m = _ITEM_END.search(g[-1].text.rstrip())
        if m is None:
            return groups
        ends.add(m.group(0))
    out: list[list[TextLine]] = []
    for g in groups:
        cur: list[TextLine] = []
        for line in g:
            if (
                cur
                and cur[-1].block is None
                and ((m := _ITEM_END.search(cur[-1].text.rstrip())) and m.group(0) in ends)
            ):
                out.append(cur)
                cur = []
            cur.append(line)
        out.append(cur)
    return out


_NUMBER_END = regex.compile(r"[0-9０-９][,，.．]?$")
_NUMBER_START = regex.compile(r"^[0-9０-９]")


def join_lines(lines: list[TextLine]) -> str:
    """Text of wrapped lines joined: no space between Japanese characters, nor inside a number
    the layout broke (``1,2`` / ``04人`` → ``1,204人``); one space between Latin words."""
    if len(lines) == 1:
        return lines[0].text.strip(" ")
    out = ""
    for ln in lines:
        t = ln.text.strip(" ")
        if out and _NUMBER_END.search(out) and _NUMBER_START.match(t):
            out += t
        else:
            out = join_wrapped([out, t]) if out else t
    return out


def bbox_of(lines: Sequence[TextLine]) -> tuple[float, float, float, float]:
    return (
        min(ln.x0 for ln in lines),
        min(ln.top for ln in lines),
        max(ln.x1 for ln in lines),
        max(ln.bottom for ln in lines),
    )
