"""Bytes → text as Japanese sites serve them: BOM, declared charsets read like a browser
(WHATWG labels), Shift_JIS as cp932, EUC-JP with the browser's JIS table, detection where the
declaration is missing or wrong."""

from __future__ import annotations

import pytest

from sheetparse.encoding import (
    canonical,
    declared_charset,
    decode,
    decode_as,
    japanese_score,
)
from sheetparse.errors import DecodingError

TEXT = "令和7年度の事業実績：妊婦7～8か月アンケート（回答率約3割）－継続①"


def encode(text: str, codec: str) -> bytes:
    """Text as a Japanese page would store it (Python's euc_jp and iso2022_jp codecs want the
    JIS code points 〜 and − where browsers show ～ and －, and lack ①)."""
    if codec in ("euc_jp", "iso2022_jp"):
        text = text.translate({0xFF5E: 0x301C, 0xFF0D: 0x2212})
        parts = text.split("①")
        sep = b"\xad\xa1" if codec == "euc_jp" else b"\x1b$B-!\x1b(B"
        return sep.join(p.encode(codec) for p in parts)
    return text.encode(codec)


@pytest.mark.parametrize(
    "head, want",
    [
        (b'<meta charset="Shift_JIS">', "Shift_JIS"),
        (b"<meta charset=euc-jp>", "euc-jp"),
        (b'<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=x-sjis">', "x-sjis"),
        (b"<meta content='text/html;charset=UTF-8' http-equiv='content-type'>", "UTF-8"),
        (b'<?xml version="1.0" encoding="EUC-JP"?><html>', "EUC-JP"),
        (b'<!-- <meta charset="utf-8"> --><meta charset="windows-31j">', "windows-31j"),
        (b"<html><head><title>x</title></head>", None),
    ],
)
def test_declared_charset(head, want):
    assert declared_charset(head + b"<body></body></html>") == want


@pytest.mark.parametrize(
    "label, codec",
    [
        ("Shift_JIS", "cp932"),
        ("sjis", "cp932"),
        ("MS_Kanji", "cp932"),
        ("windows-31j", "cp932"),
        ("x-sjis", "cp932"),
        ("EUC-JP", "euc_jp"),
        ("x-euc-jp", "euc_jp"),
        ("ISO-2022-JP", "iso2022_jp"),
        ("utf8", "utf-8"),
        ("unicode-1-1-utf-8", "utf-8"),
        ("iso-8859-1", "cp1252"),
        ("us-ascii", "cp1252"),
        ("no-such-charset", None),
    ],
)
def test_whatwg_labels(label, codec):
    assert canonical(label) == codec


def test_shift_jis_decodes_like_a_browser():
    # 0x8160 is ～ (U+FF5E) and 0x817C is － (U+FF0D) in Windows-31J, as browsers show them
    assert decode_as(b"\x81\x60\x81\x7c", "cp932") == "\uff5e\uff0d"
    d = decode(TEXT.encode("cp932"), "Shift_JIS")
    assert (d.text, d.encoding, d.how) == (TEXT, "cp932", "declared")


def test_euc_jp_decodes_like_a_browser():
    data = encode(TEXT, "euc_jp")
    assert decode(data, "EUC-JP").text == TEXT
    # Python's euc_jp codec reads 0xA1C1 as 〜 (U+301C); browsers show ～ (U+FF5E)
    assert b"\xa1\xc1" in data
    assert "\uff5e" in decode(data, "EUC-JP").text
    assert "\u301c" not in decode(data, "EUC-JP").text
    # NEC row 13 (①) is not in Python's euc_jp table but is in the browser's
    assert decode_as(b"\xad\xa1", "euc_jp") == "①"
    assert decode_as(b"\xa1\xdd", "euc_jp") == "\uff0d"


def test_iso_2022_jp():
    d = decode(encode("令和７年度～", "iso2022_jp"))
    assert d.encoding == "iso2022_jp"
    assert d.text == "令和７年度～"


@pytest.mark.parametrize("codec", ["utf-8", "cp932", "euc_jp"])
def test_detection_without_declaration(codec):
    data = encode(TEXT * 3, codec)
    d = decode(data)
    assert d.encoding == codec
    assert d.how == "detected"
    assert "妊婦7～8か月" in d.text


@pytest.mark.parametrize(
    "declared, actual",
    [
        ("Shift_JIS", "utf-8"),
        ("EUC-JP", "cp932"),
        ("iso-8859-1", "cp932"),
        ("utf-8", "cp932"),
        ("Shift_JIS", "euc_jp"),
    ],
)
def test_a_wrong_declaration_is_overridden(declared, actual):
    data = encode(TEXT * 3, actual)
    d = decode(data, declared)
    assert d.encoding == actual
    assert d.how == "detected-over-declared"
    assert "事業実績" in d.text


def test_a_true_declaration_wins_over_detection():
    d = decode(encode(TEXT * 3, "euc_jp"), "EUC-JP")
    assert (d.encoding, d.how) == ("euc_jp", "declared")


def test_bom_decides():
    assert decode(b"\xef\xbb\xbf" + TEXT.encode(), "Shift_JIS").how == "bom"
    assert decode("\ufeff".encode("utf-16-le") + TEXT.encode("utf-16-le")).text == TEXT
    with pytest.raises(DecodingError):
        decode(b"\xef\xbb\xbf\xff\xfe\xfd")


def test_utf16_declaration_without_bom_is_ignored_as_browsers_do():
    d = decode(TEXT.encode("utf-8"), "utf-16")
    assert d.encoding == "utf-8"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected_by_its_nul_bytes(codec):
    text = "| 事業名 | 現状値 (R5) |\n|---|---|\n| 講座 | 39 |\n"
    d = decode(text.encode(codec))
    assert (d.encoding, d.how, d.text) == (codec, "detected", text)


def test_iso_2022_jp_declared_as_utf8_is_detected():
    # 7-bit ISO-2022-JP is valid ASCII, so UTF-8 "decodes" it into escape-code garbage
    data = encode(TEXT * 3, "iso2022_jp")
    d = decode(data, "UTF-8")
    assert (d.encoding, d.how) == ("iso2022_jp", "detected-over-declared")
    assert "妊婦7～8か月" in d.text


def test_shift_jis_2004_and_euc_jis_2004_where_the_common_tables_fail():
    # ⇄ (U+21C4) is in JIS X 0213 only: cp932 and EUC-JP (JIS X 0208) cannot decode it
    text = "市⇄市民の繋がり" * 3
    assert decode(text.encode("shift_jis_2004")).text == text
    assert decode(text.encode("euc_jis_2004")).text == text
    assert decode(text.encode("shift_jis_2004"), "Shift_JIS").encoding == "shift_jis_2004"


def test_undecodable_bytes_are_a_typed_error():
    with pytest.raises(DecodingError):
        decode(b"\x81\x39\xfe\xfe\xa1 text" * 50)


def test_japanese_score_separates_text_from_mojibake():
    real = TEXT * 2
    assert japanese_score(real) > 1.0
    mojibake = encode(real, "euc_jp").decode("cp932", errors="replace")
    assert japanese_score(mojibake) < 0
    assert japanese_score("plain ASCII") == 0.0
