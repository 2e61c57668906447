"""Small text helpers shared by readers and the structure step."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import regex

#: leading bullets the contract drops from list items (・ ● ○ ◆ ◇ ■ □ •)
BULLETS = "・●○◆◇■□•"
#: figure-caption mark (▲ at the start of a paragraph or item)
CAPTION_MARK = "▲"

# ASCII/Latin white space (incl. NBSP and line breaks) but not U+3000, which sheets print on
# purpose and the contract keeps as printed.
_LAYOUT_WS = regex.compile(r"[^\S\u3000]+")
_ANY_WS = regex.compile(r"\s+")
_CJK = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303f\uff01-\uff60\u30fc・「」『』（）【】〔〕…‥]"
)
_SPACE_BETWEEN_CJK = regex.compile(
    r"(?<=[\p{Han}\p{Hiragana}\p{Katakana}\u3001-\u303f\uff01-\uff60ー・「」『』（）【】])"
    r"[^\S\u3000]+"
    r"(?=[\p{Han}\p{Hiragana}\p{Katakana}\u3001-\u303f\uff01-\uff60ー・「」『』（）【】])"
)


_SOFT_BREAK_BETWEEN_CJK = regex.compile(
    r"(?<=[\p{Han}\p{Hiragana}\p{Katakana}\u3001-\u303f\uff01-\uff60ー・「」『』（）【】])"
    r"[ \t]*\r?\n[ \t]*"
    r"(?=[\p{Han}\p{Hiragana}\p{Katakana}\u3001-\u303f\uff01-\uff60ー・「」『』（）【】])"
)


def soft_breaks(text: str) -> str:
    """Line breaks of a markup source as a browser shows them (CSS Text 3): gone between two
    Japanese characters, a space elsewhere."""
    if "\n" not in text and "\r" not in text:
        return text
    return _SOFT_BREAK_BETWEEN_CJK.sub("", text).replace("\r", " ").replace("\n", " ")


# collapse_ws and strip_ws run thousands of times per sheet: where a text has none of the
# characters str.split() takes for white space and the regex's \s does not (U+001C–U+001F,
# and U+3000 that collapse_ws keeps), str.split() finds the same runs several times faster.


def _split_finds_layout_ws(text: str) -> bool:
    """Whether str.split() finds the same white space as the layout pattern in ``text``."""
    return (
        "\u3000" not in text
        and "\x1c" not in text
        and "\x1d" not in text
        and "\x1e" not in text
        and "\x1f" not in text
    )


def _no_ws(text: str) -> bool:
    """Whether ``text`` holds no white space at all: every white-space character but the ASCII
    space is a separator or control character, which str.isprintable() rejects in one pass
    (most of a sheet's labels and cells have none)."""
    return " " not in text and text.isprintable()


def collapse_ws(text: str) -> str:
    """Runs of layout white space to one space, trimmed; U+3000 is kept as printed."""
    if _no_ws(text):
        return text
    if _split_finds_layout_ws(text):
        return " ".join(text.split())
    return _LAYOUT_WS.sub(" ", text).strip(" ")


def split_ws(text: str) -> list[str]:
    """The runs between layout white space (U+3000 is kept inside them, as printed)."""
    if _no_ws(text):
        return [text] if text else []
    if _split_finds_layout_ws(text):
        return text.split()
    return [piece for piece in _LAYOUT_WS.split(text) if piece]


def strip_ws(text: str) -> str:
    """All white space removed: the form texts are compared in across formats."""
    if _no_ws(text):
        return text
    if "\x1c" not in text and "\x1d" not in text and "\x1e" not in text and "\x1f" not in text:
        return "".join(text.split())
    return _ANY_WS.sub("", text)


def is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def join_wrapped(lines: list[str]) -> str:
    """Join lines that the layout wrapped: no space between Japanese characters, one space
    where either side is Latin text or a number (``Wi-Fi`` / ``環境`` keeps no space only if
    both sides are Japanese)."""
    out = ""
    for line in lines:
        line = collapse_ws(line)
        if not line:
            continue
        if not out:
            out = line
        elif is_cjk(out[-1]) or is_cjk(line[0]):
            out += line
        else:
            out += " " + line
    return out


def drop_cjk_spaces(text: str) -> str:
    """Remove layout spaces between two Japanese characters (``令和7年度 事業実績`` keeps its
    space because 度 and 事 are both Japanese → ``令和7年度事業実績``)."""
    return _SPACE_BETWEEN_CJK.sub("", collapse_ws(text))


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Key for vocabulary matching only (never for output): NFKC, no white space, ASCII
    parentheses and hyphens unified."""
    t = unicodedata.normalize("NFKC", text)
    t = strip_ws(t)
    # (str.translate costs more than the normalisation on a long Japanese text; most have no
    # dash to unify)
    return t.translate(_FOLD_TABLE) if _DASH.search(t) else t


_DASHES = "‐‑–—―−"
_FOLD_TABLE = str.maketrans(dict.fromkeys(_DASHES, "-"))
_DASH = re.compile(f"[{_DASHES}]")
