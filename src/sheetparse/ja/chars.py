"""Character folding for Japanese numerals and dates.

Sheets print the same number in many code points: full-width digits (全角), the compatibility
ideograph U+F9A8 for 令, square era glyphs (㍻, ㋿), U+2212 minus signs, ideographic spaces.
``fold`` maps these to one form so the parsers need one grammar.  It is deliberately narrower
than NFKC: squared units such as ㎡ and circled numbers such as ① keep their identity (NFKC
would turn ㎡ into ``m2`` and ① into a digit, which would then be read as part of a number).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["DASHES", "fold"]


def _build_fold_table() -> dict[int, str]:
    """Build the str.translate table once at import (pure data, never mutated)."""
    table: dict[int, str] = {}
    # Full-width ASCII (全角英数記号) -> ASCII.
    for cp in range(0xFF01, 0xFF5F):
        table[cp] = chr(cp - 0xFEE0)
    # CJK compatibility ideographs (e.g. U+F9A8 令), Kangxi and CJK radicals (⼀ for 一).
    for lo, hi in ((0xF900, 0xFB00), (0x2F00, 0x2FE0), (0x2E80, 0x2F00)):
        for cp in range(lo, hi):
            ch = chr(cp)
            folded = unicodedata.normalize("NFKC", ch)
            if folded != ch:
                table[cp] = folded
    # Square era glyphs (合字): ㍻ 平成, ㍼ 昭和, ㍽ 大正, ㍾ 明治, ㋿ 令和.
    for cp in (0x337B, 0x337C, 0x337D, 0x337E, 0x32FF):
        table[cp] = unicodedata.normalize("NFKC", chr(cp))
    # Minus signs.
    for cp in (0x2212, 0xFE63, 0x2796):
        table[cp] = "-"
    # Wave dashes used for ranges (波ダッシュ): 〜 ～ ∼ ⁓.
    for cp in (0x301C, 0x223C, 0x2053):
        table[cp] = "~"
    # Spaces; zero-width characters vanish.
    for cp in (0x3000, 0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F):
        table[cp] = " "
    for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF):
        table[cp] = ""
    table[0xFF65] = "・"  # half-width katakana middle dot
    table[0xFF70] = "ー"  # half-width prolonged sound mark
    return table


def _char_class(codepoints: list[int]) -> str:
    """A regex character class matching exactly ``codepoints`` (as ranges)."""
    parts: list[str] = []
    cps = sorted(codepoints)
    start = prev = cps[0]
    for cp in [*cps[1:], -1]:
        if cp == prev + 1:
            prev = cp
            continue
        parts.append(re.escape(chr(start)) + ("" if start == prev else "-" + re.escape(chr(prev))))
        start = prev = cp
    return "[" + "".join(parts) + "]"


_FOLD_TABLE: dict[int, str] = _build_fold_table()
# Most text needs no folding; a character-class search is far cheaper than translate().
_NEEDS_FOLD_RE = re.compile(_char_class(list(_FOLD_TABLE)))

#: Characters that, standing alone in a cell, mean "no value" (the caller keeps the raw text):
#: hyphen-minus, full-width minus (folded to "-"), ‐ U+2010, ‑ U+2011, ‒ U+2012, – U+2013,
#: — U+2014, ― U+2015, ─ U+2500 (box drawing, common in PDF extraction), − U+2212, and a lone
#: prolonged sound mark ー U+30FC (a typist's dash).
DASHES: frozenset[str] = frozenset(
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2500\u2212\u30fc\uff0d\uff70"
)


def fold(text: str) -> str:
    """Fold width and look-alike variants (see module docstring); does not strip."""
    if text.isascii() or _NEEDS_FOLD_RE.search(text) is None:
        return text
    return text.translate(_FOLD_TABLE)
