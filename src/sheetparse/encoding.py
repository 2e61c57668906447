"""Bytes → text for the text formats (Markdown, HTML), as Japanese sites serve them.

Order of evidence: a byte-order mark; the declared charset (HTML ``<meta charset>``,
``<meta http-equiv="Content-Type">``, an XML declaration), read through the WHATWG label table
the way browsers read it; detection among UTF-8, Shift_JIS, EUC-JP and ISO-2022-JP where
nothing is declared, where the declaration does not decode the bytes, or where another
encoding reads them as far more plausible Japanese (a CMS template that declares Shift_JIS
around UTF-8 content). UTF-16 without a BOM is told by its NUL bytes; Shift_JIS-2004 and
EUC-JIS-2004 (JIS X 0213) are tried last, where none of the common tables decodes the bytes.

Legacy Japanese encodings are decoded as browsers decode them (WHATWG Encoding Standard):
Shift_JIS as Windows-31J (cp932), and EUC-JP / ISO-2022-JP with the same JIS X 0208 table, so
that ``～`` (U+FF5E) and ``－`` (U+FF0D) come out as the page shows them, not as Python's
``euc_jp`` codec's ``〜`` (U+301C) and ``−`` (U+2212), and the NEC/IBM extension characters
(``①``, ``Ⅱ``, ``髙``) decode instead of failing. The caller reports a detected or corrected
encoding as a diagnostic.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .errors import DecodingError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _labels(codec: str, *labels: str) -> dict[str, str]:
    return {label: codec for label in labels}


#: WHATWG Encoding Standard labels → the Python codec that decodes as browsers do. Labels not
#: listed fall back to Python's own codec names (``gb18030``, ``big5`` …).
_ALIASES: dict[str, str] = {
    **_labels(
        "utf-8",
        "unicode-1-1-utf-8",
        "unicode11utf8",
        "unicode20utf8",
        "utf-8",
        "utf8",
        "x-unicode20utf8",
    ),
    **_labels(
        "cp932",
        "csshiftjis",
        "ms932",
        "ms_kanji",
        "shift-jis",
        "shift_jis",
        "sjis",
        "windows-31j",
        "x-sjis",
        "cp932",
        "shift_jisx0213",
        "shift_jis_2004",
    ),
    **_labels(
        "euc_jp",
        "cseucpkdfmtjapanese",
        "euc-jp",
        "x-euc-jp",
        "eucjp",
        "ujis",
        "euc-jisx0213",
        "euc-jis-2004",
    ),
    **_labels("iso2022_jp", "csiso2022jp", "iso-2022-jp", "jis"),
    **_labels(
        "cp1252",
        "ansi_x3.4-1968",
        "ascii",
        "cp1252",
        "cp819",
        "csisolatin1",
        "ibm819",
        "iso-8859-1",
        "iso-ir-100",
        "iso8859-1",
        "iso88591",
        "iso_8859-1",
        "iso_8859-1:1987",
        "l1",
        "latin1",
        "us-ascii",
        "windows-1252",
        "x-cp1252",
    ),
    **_labels(
        "utf-16-le",
        "csunicode",
        "iso-10646-ucs-2",
        "ucs-2",
        "unicode",
        "unicodefeff",
        "utf-16",
        "utf-16le",
    ),
    **_labels("utf-16-be", "unicodefffe", "utf-16be"),
}

#: Python's JIS X 0208 mapping where it differs from the WHATWG (browser) one
_JIS_TO_BROWSER = str.maketrans(
    {
        "\u301c": "\uff5e",  # WAVE DASH → FULLWIDTH TILDE
        "\u2016": "\u2225",  # DOUBLE VERTICAL LINE → PARALLEL TO
        "\u2212": "\uff0d",  # MINUS SIGN → FULLWIDTH HYPHEN-MINUS
        "\u00a2": "\uffe0",  # CENT SIGN → FULLWIDTH CENT SIGN
        "\u00a3": "\uffe1",  # POUND SIGN → FULLWIDTH POUND SIGN
        "\u00ac": "\uffe2",  # NOT SIGN → FULLWIDTH NOT SIGN
    }
)

_DETECT = ("cp932", "euc_jp", "iso2022_jp")
#: JIS X 0213 supersets, tried only where none of the above decodes the bytes
_DETECT_LAST = ("shift_jis_2004", "euc_jis_2004")
_ISO2022_ESC = re.compile(rb"\x1b(?:\$[@B]|\(B|\(J|\(I|\$\(D)")
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE
)
_XML_DECL = re.compile(rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:\-]+)""")
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
#: how far into a page the declaration is looked for (WHATWG prescans 1024 bytes; CMS pages
#: often put long scripts first, so a little more)
PRESCAN_BYTES = 4096


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


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML document declares in its first bytes (meta or XML declaration),
    as written; None where it declares none. Comments are not declarations."""
    head = data[:PRESCAN_BYTES]
    if m := _XML_DECL.match(head):
        return m.group(1).decode("ascii")
    head = _COMMENT.sub(b"", head)
    if m := _META_CHARSET.search(head):
        return m.group(1).decode("ascii")
    return None


def _eucjp_error(err: UnicodeError) -> tuple[str, int]:
    """Decode an EUC-JP pair Python's table lacks (NEC row 13, IBM extensions) through the
    Shift_JIS form of the same JIS code, as the WHATWG decoder does."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    pair = err.object[err.start : err.start + 2]
    if len(pair) == 2 and all(0xA1 <= b <= 0xFE for b in pair):
        j1, j2 = pair[0] - 0x80, pair[1] - 0x80
        s1 = ((j1 + 1) >> 1) + (0x70 if j1 <= 0x5E else 0xB0)
        s2 = j2 + (0x1F if j1 % 2 else 0x7E)
        if j1 % 2 and s2 >= 0x7F:
            s2 += 1
        try:
            return bytes([s1, s2]).decode("cp932"), err.start + 2
        except UnicodeDecodeError:
            pass
    raise err


codecs.register_error("sheetparse-eucjp", _eucjp_error)


_ISO2022_MODES = {b"(B": "ascii", b"(J": "roman", b"(I": "kana", b"$@": "jis", b"$B": "jis"}


def _decode_iso2022_jp(data: bytes) -> str:
    """ISO-2022-JP as the WHATWG decoder reads it: JIS X 0208 runs go through the EUC-JP form
    of the same codes (so NEC row 13, ``①``, decodes as it does in EUC-JP), JIS-Roman maps
    ``\\`` and ``~`` to ``¥`` and ``‾``, and ``ESC ( I`` selects half-width katakana."""
    out: list[str] = []
    mode, i, n = "ascii", 0, len(data)

    def fail(at: int, why: str) -> UnicodeDecodeError:
        return UnicodeDecodeError("iso2022_jp", data, at, at + 1, why)

    while i < n:
        if data[i] == 0x1B:
            new = _ISO2022_MODES.get(data[i + 1 : i + 3])
            if new is None:
                raise fail(i, "unsupported escape sequence")
            mode, i = new, i + 3
            continue
        end = data.find(b"\x1b", i)
        run = data[i : n if end < 0 else end]
        if mode == "jis":
            pairs = run.replace(b"\n", b"").replace(b"\r", b"")
            if len(pairs) % 2 or any(not 0x21 <= c <= 0x7E for c in pairs):
                raise fail(i, "not a JIS X 0208 character")
            euc = bytes(c | 0x80 if 0x21 <= c <= 0x7E else c for c in run)
            out.append(_decode_euc(euc))
        elif mode == "kana":
            if any(not 0x21 <= c <= 0x5F for c in run):
                raise fail(i, "not a half-width katakana")
            out.append("".join(chr(0xFF61 + c - 0x21) for c in run))
        else:
            if not run.isascii():
                raise fail(i, "8-bit byte in 7-bit text")
            text = run.decode("ascii")
            out.append(text.replace("\\", "¥").replace("~", "‾") if mode == "roman" else text)
        i += len(run)
    return "".join(out)


def _decode_euc(euc: bytes) -> str:
    return euc.decode("euc_jp", errors="sheetparse-eucjp").translate(_JIS_TO_BROWSER)


def decode_as(data: bytes, codec: str) -> str:
    """Decode with a codec the way a browser would (see the module doc); raises
    UnicodeDecodeError (or LookupError) where the bytes are not in it."""
    if codec == "euc_jp":
        return _decode_euc(data)
    if codec == "iso2022_jp":
        return _decode_iso2022_jp(data)
    return data.decode(codec)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_KANA = re.compile(r"[\u3040-\u30ff]+")
_KANJI = re.compile(r"[\u4e00-\u9fff]+")
_PUNCT = re.compile(r"[\u3000-\u303f\uff01-\uff60]+")
_ODD = re.compile(r"[\ue000-\uf8ff\ufffd\u0080-\u00ff\uff61-\uff9f\u0370-\u04ff]+")


def _count(pattern: re.Pattern[str], text: str) -> int:
    return sum(map(len, pattern.findall(text)))


def japanese_score(text: str) -> float:
    """How much a decoding's non-ASCII text looks like Japanese (kana are the strongest sign;
    half-width katakana runs, private-use, replacement and Latin-1 characters are mojibake).
    Roughly 1 to 2 for real Japanese, below 0 for a wrong decoding; 0 for ASCII-only text."""
    n = _count(_NON_ASCII, text)
    if not n:
        return 0.0
    kana, kanji = _count(_KANA, text), _count(_KANJI, text)
    punct, odd = _count(_PUNCT, text), _count(_ODD, text)
    return (2 * kana + kanji + 0.5 * punct - 3 * odd) / n


#: a declared decoding scoring at least this is trusted without trying the others
_PLAUSIBLE = 0.5


def _is_ascii(data: bytes) -> bool:
    return data.isascii()


def _utf16_without_bom(data: bytes) -> str | None:
    """Text formats never hold NUL bytes, UTF-16 holds one in every ASCII character: where
    nearly all NULs sit on one parity, the byte order of a UTF-16 text that has no BOM."""
    zeros = data.count(0)
    if zeros < 4 or len(data) % 2:
        return None
    odd = data[1::2].count(0)
    if odd >= 0.9 * zeros:
        return "utf-16-le"
    if zeros - odd >= 0.9 * zeros:
        return "utf-16-be"
    return None


def _detect(data: bytes) -> tuple[str, str] | None:
    """The most plausible (codec, text) among UTF-8, UTF-16 (NULs say so) and the Japanese
    legacy encodings."""
    if b"\x00" in data and (wide := _utf16_without_bom(data)) is not None:
        try:
            return wide, data.decode(wide)
        except UnicodeDecodeError:
            pass
    if data.isascii() and _ISO2022_ESC.search(data):
        try:  # 7-bit ISO-2022-JP (mail-style) text is also valid ASCII
            return "iso2022_jp", decode_as(data, "iso2022_jp")
        except UnicodeDecodeError:
            pass
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best: tuple[str, str] | None = None
    best_score = float("-inf")
    for codec in _DETECT:
        if codec == "iso2022_jp" and not _ISO2022_ESC.search(data):
            continue
        try:
            text = decode_as(data, codec)
        except UnicodeDecodeError:
            continue
        score = japanese_score(text)
        if score > best_score:
            best, best_score = (codec, text), score
    for codec in () if best is not None else _DETECT_LAST:
        try:
            return codec, data.decode(codec)
        except UnicodeDecodeError:
            continue
    return best


#: how much more plausible another decoding must be to override a declaration
_OVERRIDE_MARGIN = 0.75


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode text bytes; ``declared`` is the charset label the document states, if any.
    Raises :class:`DecodingError` when no encoding fits."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(enc), enc, "bom", declared)
            except UnicodeDecodeError as e:
                raise DecodingError(
                    f"the byte-order mark says {enc} but the text is not: {e}"
                ) from e
    want = canonical(declared)
    if want and want.startswith("utf-16"):
        want = None  # browsers ignore a UTF-16 declaration in ASCII-compatible bytes
    if want:
        try:
            text = decode_as(data, want)
        except (UnicodeDecodeError, LookupError):
            text = None
        if (
            text is not None
            and want != "iso2022_jp"
            and _is_ascii(data)
            and _ISO2022_ESC.search(data)
        ):
            text = None  # ISO-2022-JP's escapes in 7-bit text declared as something else
        if text is not None:
            if want == "utf-8" or _is_ascii(data):
                return Decoded(text, want, "declared", declared)
            score = japanese_score(text)
            try:  # non-ASCII UTF-8 is hardly ever meant as a legacy encoding
                utf8: tuple[str, str] | None = ("utf-8", data.decode("utf-8"))
            except UnicodeDecodeError:
                utf8 = None
            detected = utf8 if utf8 is not None or score >= _PLAUSIBLE else _detect(data)
            if (
                detected
                and detected[0] != want
                and (japanese_score(detected[1]) > score + _OVERRIDE_MARGIN)
            ):
                return Decoded(detected[1], detected[0], "detected-over-declared", declared)
            return Decoded(text, want, "declared", declared)
    detected = _detect(data)
    if detected is None:
        raise DecodingError(
            "the text is in none of UTF-8, UTF-16, Shift_JIS (cp932 or Shift_JIS-2004), EUC-JP "
            "(or EUC-JIS-2004) or ISO-2022-JP" + (f" (declared {declared!r})" if declared else "")
        )
    how = "detected-over-declared" if want else "detected"
    return Decoded(detected[1], detected[0], how, declared)
