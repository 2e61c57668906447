"""Bytes → text for the text formats (Markdown, HTML), as Japanese sites serve them.

Order of evidence: a byte-order mark; the declared charset (HTML ``<meta>``, HTTP-style
``charset=``) when the bytes actually decode with it; else detection among UTF-8, cp932
(Shift_JIS as browsers decode it: ``～`` and ``－`` come out right) and EUC-JP. A detected or
corrected encoding is reported as a diagnostic by the caller.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from .errors import DecodingError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: what browsers (WHATWG Encoding) decode each Japanese label as
_ALIASES = {
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
    "ms_kanji": "cp932", "csshiftjis": "cp932", "windows-31j": "cp932", "cp932": "cp932",
    "ms932": "cp932", "euc-jp": "euc_jp", "eucjp": "euc_jp", "x-euc-jp": "euc_jp",
    "cseucpkdfmtjapanese": "euc_jp", "iso-2022-jp": "iso2022_jp", "csiso2022jp": "iso2022_jp",
    "utf-8": "utf-8", "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8",
    "utf-16": "utf-16", "utf-16le": "utf-16-le", "utf-16be": "utf-16-be",
}

_CANDIDATES = ("utf-8", "cp932", "euc_jp", "iso2022_jp")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text with the encoding it was decoded from and how that was decided."""

    text: str
    encoding: str
    #: "bom", "declared", "detected" or "detected-over-declared"
    how: str
    declared: str | None = None


def canonical(label: str | None) -> str | None:
    """The Python codec a charset label stands for, as browsers read it; None if unknown."""
    if not label:
        return None
    key = label.strip().strip("\"'").lower()
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def _japanese_score(text: str) -> float:
    """How much a decoding looks like Japanese text (kana are the strongest sign)."""
    if not text:
        return 0.0
    kana = sum(1 for ch in text if "\u3040" <= ch <= "\u30ff")
    kanji = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    odd = sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd"
              or ("\u0080" <= ch <= "\u00ff") or ("\uff61" <= ch <= "\uff9f"))
    return (2 * kana + kanji - 4 * odd) / len(text)


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode text bytes; raises :class:`DecodingError` when no encoding fits."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(enc), enc, "bom", declared)
            except UnicodeDecodeError as e:
                raise DecodingError(
                    f"the byte-order mark says {enc} but the text is not: {e}"
                ) from e
    want = canonical(declared)
    if want:
        try:
            text = data.decode(want)
        except UnicodeDecodeError:
            pass
        else:
            if want != "utf-8" or _is_ascii(data) or _japanese_score(text) > -0.01:
                return Decoded(text, want, "declared", declared)
    how = "detected-over-declared" if want else "detected"
    best: Decoded | None = None
    best_score = float("-inf")
    for enc in _CANDIDATES:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "utf-8":
            # valid UTF-8 with non-ASCII bytes is almost never anything else
            return Decoded(text, enc, how, declared)
        score = _japanese_score(text)
        if score > best_score:
            best, best_score = Decoded(text, enc, how, declared), score
    if best is None:
        raise DecodingError(
            "the text is in none of UTF-8, Shift_JIS (cp932), EUC-JP or ISO-2022-JP"
            + (f" (declared {declared!r})" if declared else "")
        )
    return best


def _is_ascii(data: bytes) -> bool:
    try:
        data.decode("ascii")
    except UnicodeDecodeError:
        return False
    return True
