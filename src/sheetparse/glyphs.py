"""Look-alike code points (字形の紛らわしい符号位置) that PDF fonts produce, mapped back to the
characters printed.

A PDF's ToUnicode table often maps a glyph to a Kangxi radical (U+2F00–U+2FDF, e.g. ``⽅`` for
``方``), a CJK radicals-supplement code point (U+2E80–U+2EFF, e.g. ``⻑`` for ``長``) or a CJK
compatibility ideograph (U+F900–U+FAFF, U+2F800–U+2FA1F, e.g. ``神`` U+FA19 for ``神``). They look
identical on the page but compare, search and sort as different characters. This module maps
exactly those ranges back to the unified ideographs, leaving every other character as it is: no
NFKC on the rest of the text (full-width digits, U+3000 and the like stay as printed).

The table is built from the Unicode data: canonical/compatibility decompositions for the
Kangxi radicals and the compatibility ideographs (``unicodedata``), and for the radicals
supplement, which has no decompositions, the ``Equivalent_Unified_Ideograph`` property
(Unicode's ``EquivalentUnifiedIdeograph.txt``, U+2E81–U+2EF3).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Equivalent_Unified_Ideograph for the CJK Radicals Supplement (EquivalentUnifiedIdeograph.txt,
#: Unicode 14+): ``first[-last]:target`` in hex. U+2E80 and U+2E9A have no equivalent.
_RADICALS_SUPPLEMENT = (
    "2E81:5382 2E82:4E5B 2E83:4E5A 2E84:4E59 2E85:4EBB 2E86:5182 2E87:20628 2E88:5200 "
    "2E89:5202 2E8A:535C 2E8B:353E 2E8C-2E8D:5C0F 2E8E:5140 2E8F:5C23 2E90:5C22 2E91:21BC2 "
    "2E92:5DF3 2E93:5E7A 2E94:5F51 2E95:5F50 2E96:5FC4 2E97:5FC3 2E98:624C 2E99:6535 "
    "2E9B:65E1 2E9C:65E5 2E9D:6708 2E9E:6B7A 2E9F:6BCD 2EA0:6C11 2EA1:6C35 2EA2:6C3A "
    "2EA3:706C 2EA4-2EA5:722B 2EA6:4E2C 2EA7:725B 2EA8:72AD 2EA9:738B 2EAA:24D14 2EAB:76EE "
    "2EAC:793A 2EAD:793B 2EAE:25AD7 2EAF:7CF9 2EB0:7E9F 2EB1:7F53 2EB2:7F52 2EB3:34C1 "
    "2EB4:5197 2EB5:2626B 2EB6:7F8A 2EB7:2634C 2EB8:2634B 2EB9:8002 2EBA:8080 2EBB:807F "
    "2EBC:8089 2EBD:26951 2EBE-2EC0:8279 2EC1:864E 2EC2:8864 2EC3:8980 2EC4:897F 2EC5:89C1 "
    "2EC6:89D2 2EC7:278B2 2EC8:8BA0 2EC9:8D1D 2ECA:27FB7 2ECB:8F66 2ECC-2ECE:8FB6 2ECF:9091 "
    "2ED0:9485 2ED1:9577 2ED2:9578 2ED3:957F 2ED4:95E8 2ED5:28E0F 2ED6:961D 2ED7:96E8 "
    "2ED8:9752 2ED9:97E6 2EDA:9875 2EDB:98CE 2EDC:98DE 2EDD:98DF 2EDE:2967F 2EDF:98E0 "
    "2EE0:9963 2EE1:29810 2EE2:9A6C 2EE3:9AA8 2EE4:9B3C 2EE5:9C7C 2EE6:9E1F 2EE7:5364 "
    "2EE8:9EA6 2EE9:9EC4 2EEA:9EFE 2EEB:6589 2EEC:9F50 2EED:6B6F 2EEE:9F7F 2EEF:7ADC "
    "2EF0:9F99 2EF1:9F9C 2EF2:4E80 2EF3:9F9F"
)

#: the ranges this module maps (everything else is left alone)
LOOKALIKE_RANGES: tuple[tuple[int, int], ...] = (
    (0x2E80, 0x2EFF),  # CJK Radicals Supplement
    (0x2F00, 0x2FDF),  # Kangxi Radicals
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0x2F800, 0x2FA1F),  # CJK Compatibility Ideographs Supplement
)

#: Japanese forms where a radical's compatibility mapping gives a form Japanese text does not
#: use (⼾ KANGXI RADICAL DOOR decomposes to 戶; Japanese fonts draw it as, and share its glyph
#: with, 戸)
_JAPANESE_FORMS = {0x2F3E: "\u6238"}

#: punctuation that CJK fonts draw with the glyph of a Japanese character and that PDF writers
#: name by the lowest code point sharing the glyph (Chromium/Skia with Noto Sans CJK JP prints
#: ``・`` as U+2027 and U+3000 as U+2003); never written on purpose in a Japanese sheet
PDF_PUNCTUATION: dict[int, str] = {
    0x2027: "\u30fb",  # HYPHENATION POINT → KATAKANA MIDDLE DOT ・
    0x2003: "\u3000",  # EM SPACE → IDEOGRAPHIC SPACE
    0x2329: "\u3008",  # LEFT-POINTING ANGLE BRACKET → 〈
    0x232A: "\u3009",  # RIGHT-POINTING ANGLE BRACKET → 〉
    0x2215: "\uff0f",  # DIVISION SLASH → ／
    0x2035: "\uff40",  # REVERSED PRIME → ｀
    0x02BB: "\u2018",  # MODIFIER LETTER TURNED COMMA → ‘
    0x0336: "\u2014",  # COMBINING LONG STROKE OVERLAY → EM DASH — (IPAex fonts in Chromium)
}

#: Latin ligature glyphs (U+FB00–U+FB06) as the letters they print. A font names a ligature
#: glyph either by its letters (``fi``) or by the presentation form (``ﬁ``); PDFium splits the
#: latter into its letters itself, so both PDF backends read every ligature as its letters.
#: Not a repair (the same text, in the form every search expects), so not reported.
LIGATURES: dict[str, str] = {
    chr(cp): unicodedata.normalize("NFKC", chr(cp)) for cp in range(0xFB00, 0xFB07)
}

_LOOKALIKE = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in LOOKALIKE_RANGES) + "]")


def _is_ideograph(ch: str) -> bool:
    return len(ch) == 1 and unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH")


@lru_cache(maxsize=1)
def lookalike_table() -> dict[int, str]:
    """Code point → the unified ideograph it looks like, for :data:`LOOKALIKE_RANGES`."""
    table: dict[int, str] = {}
    for entry in _RADICALS_SUPPLEMENT.split():
        span, target = entry.split(":")
        first, _, last = span.partition("-")
        for cp in range(int(first, 16), int(last or first, 16) + 1):
            table[cp] = chr(int(target, 16))
    for lo, hi in LOOKALIKE_RANGES[1:]:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            mapped = unicodedata.normalize("NFKC", ch)
            if mapped != ch and _is_ideograph(mapped):
                table[cp] = mapped
    table.update(_JAPANESE_FORMS)
    return table


def has_lookalikes(text: str) -> bool:
    """True where the text holds a code point of :data:`LOOKALIKE_RANGES`."""
    return _LOOKALIKE.search(text) is not None


def fix_lookalikes(text: str) -> str:
    """The text with radical and compatibility-ideograph look-alikes replaced by the unified
    ideographs printed; all other characters unchanged."""
    if not has_lookalikes(text):
        return text
    return text.translate(lookalike_table())


def lookalikes_in(text: str) -> list[str]:
    """The look-alike characters of the text that :func:`fix_lookalikes` replaces."""
    table = lookalike_table()
    return [ch for ch in _LOOKALIKE.findall(text) if ord(ch) in table]
