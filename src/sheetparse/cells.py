"""Cell content → list items and figure captions, exactly as the contract's rules say.

The rules (CONTRACT.md, "Splitting a cell into items"):

* each ``<p>`` is one item; a ``<ul>``/``<ol>`` gives one item per ``<li>``;
* a list that lost its ``<li>`` tags and has no bullets: each space-separated run is one item;
* text whose items start with a bullet (``・`` at the start of the cell or after white space)
  splits at those bullets, keeping spaces inside an item; where a cell has such bullets they
  decide, also inside a list that lost its ``<li>``; a ``・`` between two words
  (``協会員・両方会員``) is not a bullet; text before the first bullet is an item of its own;
* hard lines (Excel line breaks, ``<br>``, PDF item lines): where some lines start with a
  bullet, those start items and the other lines continue the item before; else each line is an
  item;
* an item or paragraph that starts with ``▲`` is a figure caption, not an item (``▲`` dropped);
* leading bullets are dropped from items.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import regex

from .blocks import Cell, Part
from .textutil import BULLETS, CAPTION_MARK, collapse_ws, join_wrapped, split_ws

# The patterns are written for ``re`` with the bullet or mark first, which it scans for
# (written as ``(?:^|(?<=\s))…`` they try every position: several times slower), and with
# the white space of the ``regex`` module's \s, which has no U+001C–U+001F (``re``'s has).
_B = re.escape(BULLETS)
_M = CAPTION_MARK
_WS = r"[^\S\x1c-\x1f]"
_NOT_WS = r"[\S\x1c-\x1f]"
# A bullet that starts an item: at the start or after white space, not doubled (○○ is a
# placeholder, not a bullet). A caption mark ▲ starts a caption the same way unless a digit
# follows (▲5 is a negative number), and also right after a full stop (a converter that
# glued a cell's paragraphs together: ``…開催した。▲写真の説明``).
_ITEM_START = re.compile(
    rf"[{_B}{_M}](?:(?<=[{_B}])(?<!{_NOT_WS}[{_B}])(?![{_B}])"
    rf"|(?<={_M})(?<![^\s。．]{_M})(?<![\x1c-\x1f]{_M})"
    rf"(?={_WS}*(?:[^\s\d０-９.,]|[\x1c-\x1f])))"
)
#: a bullet that starts an item with text after it: the bullet at the start or after white
#: space (not after other text), not doubled
_HAS_BULLET = re.compile(rf"[{_B}](?<!{_NOT_WS}[{_B}])(?![{_B}]){_WS}*{_NOT_WS}")
#: a bullet at the start of an item, an indent before it being layout (``　・　展示会出展``)
_LEADING_BULLET = re.compile(rf"^{_WS}*[{_B}](?![{_B}]){_WS}*")
#: what a piece may start with that makes it other than an item as it is
_LEADS = BULLETS + CAPTION_MARK
#: what keeps a list's runs from being its items as they are, anywhere in its text: a lead,
#: or white space that str.split() and the layout white space part on differently
_PLAIN_RUNS = re.compile(f"[{re.escape(_LEADS)}\u3000\x1c-\x1f]")


@dataclass(slots=True)
class CellText:
    """A cell (or block) split into items and figure captions."""

    items: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)

    def add(self, piece: str) -> None:
        """Add one item-sized piece of text: a caption if it starts with ▲, else an item."""
        piece = collapse_ws(piece)
        if not piece.strip("\u3000 "):
            return  # an indent alone
        if piece.startswith(CAPTION_MARK):
            caption = piece[1:].strip()
            if caption:
                self.figures.append(caption)
            return
        # (the pattern only where a bullet may lead: most items have none)
        if piece.lstrip()[:1] in BULLETS and (m := _LEADING_BULLET.match(piece)) is not None:
            item = piece[m.end() :]  # (the pattern is anchored: its one match, as sub drops)
        else:
            item = piece
        if item:
            self.items.append(item)

    def extend(self, other: CellText) -> None:
        self.items.extend(other.items)
        self.figures.extend(other.figures)


def has_bullets(text: str) -> bool:
    """True where the text has item-starting bullets (at the start or after white space)."""
    return _HAS_BULLET.search(text) is not None


def split_at_marks(text: str) -> list[str]:
    """Split free text at item-starting bullets and caption marks, keeping the marks."""
    starts = [m.start() for m in _ITEM_START.finditer(text)]
    if not starts:
        return [text]
    cuts = [0, *starts] if starts[0] != 0 else starts
    return [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]


#: a line that starts an item though it has no bullet (contract 1.1): a circled or bracketed
#: number (①, ⑴, (1) ), a bracketed heading naming a period (【24年度～】, （令和５年度）) or a
#: bare ※ footnote (not a (※) reference); the mark is part of the text
_ITEM_HEAD = regex.compile(
    r"^\s*(?:[①-⑳㉑-㉟⑴-⒇]|[(（][0-9０-９]{1,2}[)）]|【[^】]*】"
    r"|[(（][^()（）]*(?:年度|年)[^()（）]*[)）]|※(?![)）]))"
)


def starts_item(line: str) -> bool:
    """True where a line starts an item by a mark other than a bullet."""
    return bool(_ITEM_HEAD.match(line))


def _heading_only(line: str) -> bool:
    """A line that is only a bracketed heading (【24年度～】, （令和５年度））: an item of its
    own; the text under it starts the next item."""
    m = _ITEM_HEAD.match(line)
    return m is not None and not line[m.end() :].strip() and line.strip()[:1] in "【（("


def _split_lines(lines: list[str], out: CellText) -> None:
    """Hard lines: where some start with a bullet, those and the lines starting with another
    item mark (①, 【…】, ※) start items and the others continue the item before; else each
    line is an item."""
    if any(has_bullets(line) and _LEADING_BULLET.match(line.strip()) for line in lines):
        current: list[str] = []
        for line in lines:
            head = starts_item(line)
            after_heading = bool(current) and len(current) == 1 and _heading_only(current[0])
            # a bullet after white space inside a line starts an item too (・一 ・二)
            for k, piece in enumerate(split_at_marks(line.strip())):
                s = piece.strip()
                if not s:
                    continue
                starts = (
                    k
                    or head
                    or after_heading
                    or _LEADING_BULLET.match(s)
                    or s.startswith(CAPTION_MARK)
                )
                if starts or not current:
                    if current:
                        out.add(join_wrapped(current))
                    current = [s]
                else:
                    current.append(s)
                head = after_heading = False
        if current:
            out.add(join_wrapped(current))
    else:
        for line in lines:
            for piece in split_at_marks(line):
                out.add(piece)


def split_parts(parts: Iterable[Part]) -> CellText:
    """Apply the contract's splitting rules to a cell's parts, in order."""
    out = CellText()
    lines: list[str] = []
    for part in parts:
        if part.kind == "line":
            lines.append(part.text)
            continue
        if lines:
            _split_lines(lines, out)
            lines = []
        text = part.text
        if part.kind == "caption":
            caption = collapse_ws(text).lstrip(CAPTION_MARK).strip()
            if caption:
                out.figures.append(caption)
        elif part.kind == "li":
            out.add(text)
        elif part.kind == "p":
            s = collapse_ws(text)
            if _LEADING_BULLET.match(s) and len(split_at_marks(s)) > 1:
                for piece in split_at_marks(s):
                    out.add(piece)
            else:
                out.add(s)
        elif part.kind == "list":
            if _PLAIN_RUNS.search(text) is None:
                # no bullet, caption mark, U+3000 or U+001C-U+001F anywhere: its runs between
                # white space (as split_ws splits such text) are its items as they are
                out.items += text.split()
            elif has_bullets(text):
                for piece in split_at_marks(text):
                    out.add(piece)
            else:
                pieces = split_ws(text)
                if all(p[0] not in _LEADS and not p[0].isspace() for p in pieces):
                    # no white space left in them (collapsing changes none) and none starts
                    # with a bullet, a caption mark or an indent: each is an item as it is
                    out.items += pieces
                else:
                    for piece in pieces:
                        out.add(piece)
        else:  # "text"
            for piece in split_at_marks(text):
                out.add(piece)
    if lines:
        _split_lines(lines, out)
    return out


def split_cell(cell: Cell) -> CellText:
    """A table cell's items and figure captions."""
    return split_parts(cell.parts)
