"""Japanese numbers as printed in government tables: digits, kanji numerals (漢数字), daiji (大字).

Pure functions, no knowledge of sheets.  ``parse_number`` reads one cell's worth of text and
returns a :class:`JaNumber` or ``None``; it never guesses: text that is not exactly one number
(or one range) gives ``None``.

Grammar, in print order::

    [qualifier…] [sign] number [unit] [qualifier…] [note]  e.g.  約▲1,234千円以上
    number [unit] (~ | - | – | — | から) number [unit]      a range, e.g. 3～5人

A unit may stand in brackets (``1,234（人）``); ``note`` is a footnote mark (``※``, ``※2``,
``*``), kept as the last qualifier; 延べ/累計/合計/計 are prefix qualifiers.

``number`` is a mix of ASCII/full-width digit runs (comma groups ``,`` ``，`` ``、`` and a
decimal point), kanji digits 〇一…九, the small multipliers 十百千, the large units
(位取り) 万億兆京, and their daiji and archaic forms (壱弐参拾阡萬, 廿卅卌皕).  Mixed forms such
as ``1万2千``, ``2,500万``, ``3.5億`` and ``千二百`` read arithmetically.  The rules that make
a string *one* number:

* small multipliers strictly decrease within a group of four places (十十, 三十二十 rejected);
* large units strictly decrease (四万三億 and 1万0万 rejected) and each group has to fit below
  the previous unit (1万10千 rejected);
* a kanji multiplier takes a single kanji digit as coefficient (六七百, 三五十 rejected), while
  an ASCII run may be any size (12千345 = 12345, as kanjize reads it);
* a 〇 (or 零) between multipliers is a place holder only where it stands for skipped places
  (千〇十 = 1010, 二千〇五十 = 2050, and in the Chinese style after a large unit 一万零二十 =
  10020, 五万零三百 = 50300), never a zero coefficient (〇千〇百〇十, 千〇百, 一万零二千
  rejected);
* a digit run after a multiplier has to fit below it (千二百三四 = 1234, 1千1000 rejected).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from sheetparse.ja.chars import DASHES, fold

__all__ = [
    "MAX_TEXT_LENGTH",
    "JaInputError",
    "JaNumber",
    "is_no_value",
    "kanji_to_int",
    "parse_number",
    "split_note",
    "to_kanji",
]

#: Longer input is not one table cell: ``parse_number`` returns None without reading it.
MAX_TEXT_LENGTH = 256


class JaInputError(TypeError, ValueError):
    """A wrong argument type (e.g. an int where text is expected).

    Subclasses both TypeError and ValueError so callers may catch either.
    """


Number = int | float


@dataclass(frozen=True, slots=True)
class JaNumber:
    """One number read from text.

    * ``value``: the number as printed, in its printed unit (``85%`` → 85, ``2割3分`` → 2.3,
      ``1,234千円`` → 1234000); int when integral; None only for a range.
    * ``ratio``: the fraction of 1 for percent and 割/分/厘 forms (85% → 0.85), else None.
    * ``approximate``: True when a qualifier such as 約/およそ/概ね/程度 says so.
    * ``unit``: the trailing unit split off (人, 件, 円, 箇所, 光年 …), width-folded; percent is
      always ``％``; for 割/分/厘 forms the largest printed one (``割``).  A multiplier that is
      part of the number is not part of the unit: ``1,234千円`` has unit ``円``.
    * ``qualifier``: the main qualifier — the bound (以上/以下/未満/超/以内/最大 …) if any,
      else the approximation word (約 …), else another prefix such as 延べ; None if none.
    * ``qualifiers``: every qualifier in print order (``約100人以上`` → ("約", "以上")).
    * ``raw``: the text exactly as given.
    * ``low``/``high``: the two ends of a range (``3～5`` → 3, 5; value None), else None.
    """

    value: Number | None
    ratio: float | None
    approximate: bool
    unit: str | None
    qualifier: str | None
    raw: str
    low: Number | None = None
    high: Number | None = None
    qualifiers: tuple[str, ...] = ()

    @property
    def is_range(self) -> bool:
        """True for a range such as ``3～5``."""
        return self.low is not None


(
    _set_value,
    _set_ratio,
    _set_approximate,
    _set_unit,
    _set_qualifier,
    _set_raw,
    _set_low,
    _set_high,
    _set_qualifiers,
) = (JaNumber.__dict__[name].__set__ for name in JaNumber.__slots__)


def _number(
    value: Number | None,
    ratio: float | None,
    approximate: bool,
    unit: str | None,
    qualifier: str | None,
    raw: str,
    low: Number | None = None,
    high: Number | None = None,
    qualifiers: tuple[str, ...] = (),
) -> JaNumber:
    """Build a JaNumber about twice as fast as the frozen dataclass __init__.

    A frozen dataclass sets each field through object.__setattr__; on the hot path (every
    table cell) that is half the cost of a call.  Writing the slots through their member
    descriptors gives an identical, still frozen, instance.
    """
    obj = object.__new__(JaNumber)
    _set_value(obj, value)
    _set_ratio(obj, ratio)
    _set_approximate(obj, approximate)
    _set_unit(obj, unit)
    _set_qualifier(obj, qualifier)
    _set_raw(obj, raw)
    _set_low(obj, low)
    _set_high(obj, high)
    _set_qualifiers(obj, qualifiers)
    return obj


# --------------------------------------------------------------------------- character data

_KANJI_DIGITS = "〇一二三四五六七八九"
_KDIGIT = {ch: i for i, ch in enumerate(_KANJI_DIGITS)}

# daiji (大字) and archaic forms -> standard kanji.  廿/卅/卌/皕 are two-place compounds.
_DAIJI: dict[str, str] = {
    "壱": "一", "壹": "一", "弌": "一",
    "弐": "二", "貳": "二", "弍": "二", "貮": "二",
    "参": "三", "參": "三", "弎": "三",
    "肆": "四", "伍": "五", "陸": "六", "漆": "七", "柒": "七", "捌": "八", "玖": "九",
    "拾": "十", "什": "十", "佰": "百", "陌": "百", "阡": "千", "仟": "千",
    "萬": "万", "零": "〇",
    "廿": "二十", "卄": "二十", "卅": "三十", "丗": "三十", "卌": "四十", "皕": "二百",
}  # fmt: skip
_COMPOUNDS = frozenset(k for k, v in _DAIJI.items() if len(v) > 1)
_COMPOUND_TABLE = str.maketrans({k: _DAIJI[k] for k in _COMPOUNDS})

_SMALL = {"十": 10, "百": 100, "千": 1000}
_UNBOUNDED = 10**40  # above every place: a bound that never binds
_BIG = {"万": 10**4, "億": 10**8, "兆": 10**12, "京": 10**16}
# The scanner's tables take daiji directly (no translation pass): 壱 is 一, 拾 is 十, 萬 is 万.
for _daiji, _std in _DAIJI.items():
    for _table in (_KDIGIT, _SMALL, _BIG):
        if _std in _table:
            _table[_daiji] = _table[_std]
del _daiji, _std, _table

#: Every character that can be part of a number's core.
_NUMERAL_CHARS = frozenset(_KANJI_DIGITS + "十百千万億兆京" + "".join(_DAIJI))
_CORE_CLASS = "0-9,、." + "".join(sorted(_NUMERAL_CHARS))

# Core: runs of numeral characters; white space may follow a large unit (1,000億 5,432万).
# The alternation is unambiguous (white space is not in the class), so matching is linear.
_CORE_RE = re.compile(rf"[{_CORE_CLASS}]+(?:\s+[{_CORE_CLASS}]+)*")
# re.ASCII: \d must not match other scripts' digits (١٢٣ is not a Japanese table number).
_DIGITS_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:、\d{3})+|\d+(?:\.\d+)?", re.ASCII)
_DECIMALS_RE = re.compile(r"\.(\d+)", re.ASCII)
_FAST_FIRST = frozenset("-0123456789")
_FAST_RE = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", re.ASCII)
_KANJI_DIGIT_RE = re.compile(r"[〇一二三四五六七八九十百千万億兆京]")

# Qualifiers (限定語).  Longest first where one is a prefix of another.
_APPROX_PREFIX = ("およそ", "おおむね", "だいたい", "凡そ", "概ね", "大体", "ほぼ", "約")
_BOUND_PREFIX = ("最大", "最小", "最高", "最低")
_OTHER_PREFIX = ("延べ", "のべ", "延", "累計", "合計", "総計", "計")
# a footnote mark after the number (1,234※, 56※2, 78*): kept as a qualifier
_NOTE_MARK_RE = re.compile(r"\s*(?:※|\*|†|‡)\s*[0-9]{0,2}$")
_APPROX_SUFFIX = ("ぐらい", "くらい", "ばかり", "程度", "前後", "余り", "ほど", "強", "弱", "余")
_BOUND_SUFFIX = ("を超える", "を上回る", "を下回る", "超過", "超え", "以上", "以下", "未満",
                 "以内", "超")  # fmt: skip
_PREFIXES = tuple(sorted(_APPROX_PREFIX + _BOUND_PREFIX + _OTHER_PREFIX, key=len, reverse=True))
_SUFFIXES = tuple(sorted(_APPROX_SUFFIX + _BOUND_SUFFIX, key=len, reverse=True))
_PREFIX_FIRST = frozenset(q[0] for q in _PREFIXES)
_SUFFIX_LAST = frozenset(q[-1] for q in _SUFFIXES)
_APPROX = frozenset(_APPROX_PREFIX + _APPROX_SUFFIX)
_BOUND = frozenset(_BOUND_PREFIX + _BOUND_SUFFIX)

_SIGNS = {"-": -1, "+": 1, "△": -1, "▲": -1, "▽": -1, "▼": -1}
_SIGN_WORDS = {"マイナス": -1, "プラス": 1}

# 割/分/厘/毛 ratios (歩合): 1割 = 0.1.
_WARI = {"割": Fraction(1, 10), "分": Fraction(1, 100), "厘": Fraction(1, 1000),
         "毛": Fraction(1, 10000)}  # fmt: skip
_WARI_RANK = {"割": 1, "分": 2, "厘": 3, "毛": 4}

# Units (単位).  Known units may contain hiragana; other units are a short run of kanji,
# katakana, Latin letters or squared symbols without numerals (光年, km, ㎡, ポイント).
_KNOWN_UNITS = frozenset(
    (
        "人", "名", "件", "回", "円", "千円", "万円", "百万円", "億円", "箇所", "カ所", "か所",
        "ヶ所", "ケ所", "ヵ所", "個所", "世帯", "団体", "校", "％", "倍", "か月", "ヶ月", "カ月",
        "ケ月", "ヵ月", "か国", "ヶ国", "カ国", "日", "時間", "年", "歳", "才", "戸", "棟", "台",
        "社", "事業所", "施設", "人日",
    )
)  # fmt: skip
_GENERIC_UNIT_RE = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\u3005\u30a0-\u30ff\u3300-\u33ffA-Za-z%‰°℃²³/・]{1,8}"
)
# 12月末, 3年度, 5日付: a number followed by these is a date or a year, not a quantity.
_DATE_WORD_RE = re.compile(r"月|年度|日[付現時]|現在|時点")
# Words that look like numbers but are not: 十分 (じゅうぶん, "enough").
_NOT_NUMBERS = frozenset({"十分"})
_RANGE_SEP_RE = re.compile(r"~|から|[-\u2010\u2013\u2014\u2015]")
# A note printed after a value: a ※ mark with its word (1,234 ※暫定), or a word in brackets
# (1,320（見込）, 875(見込み), 12件【累計】) — matched on folded text, so （） is ().
_OPEN, _CLOSE = "([【〔〈《", ")]】〕〉》"
_TRAILING_NOTE_RE = re.compile(
    rf"(?P<value>.*?\S)\s*(?:(?P<mark>[※*†‡]\s*\S*)"
    rf"|[{re.escape(_OPEN)}](?P<word>[^{re.escape(_OPEN + _CLOSE)}]*)[{re.escape(_CLOSE)}])",
    re.DOTALL,
)


# --------------------------------------------------------------------------- helpers


def _check_text(text: object, func: str) -> str | None:
    """None stays None; anything else that is not str is a caller bug."""
    if text is None:
        return None
    if not isinstance(text, str):
        raise JaInputError(f"{func}() expects str, got {type(text).__name__}: {text!r:.60}")
    return text


def _out(x: int | Fraction) -> Number:
    """Fraction/int -> int when integral, else the nearest float."""
    if isinstance(x, int):
        return x
    if x.denominator == 1:
        return x.numerator
    return float(x)


def _digits_value(run: str, places: int) -> int:
    """A digit run as an integer scaled by 10**places (1,234.5 with places=2 → 123450)."""
    run = run.replace(",", "").replace("、", "")
    if "." in run:
        whole, frac = run.split(".")
        return int(whole + frac) * 10 ** (places - len(frac))
    return int(run) * 10**places


def _parse_core(core: str) -> int | Fraction | None:
    """Value of a numeral core (no sign, no unit), or None if it is not one number.

    A single left-to-right scan; see the module docstring for the rules it enforces.
    """
    pieces = core.split()
    if len(pieces) > 1:
        for piece in pieces[:-1]:  # white space only after a large unit
            if piece[-1] not in "万億兆京萬":
                return None
        core = "".join(pieces)
    if not _COMPOUNDS.isdisjoint(core):  # 廿 → 二十, 皕 → 二百
        core = core.translate(_COMPOUND_TABLE)
    # Exact arithmetic in integers scaled by 10**places (places: the most decimals printed).
    places = max((len(p) for p in _DECIMALS_RE.findall(core)), default=0) if "." in core else 0
    scale = 10**places
    total = 0
    prev_big = 0  # value of the last large unit, 0 before the first
    sec = 0  # value of the current group below the large unit
    sec_has = False
    lead_zero = False  # the group after a large unit opened with a 〇/零 place holder
    last_mult = 0  # last small multiplier in this group, 0 before the first
    pending: int | None = None  # a digit run waiting for its multiplier
    pending_kanji_len = 0  # length of that run when written in kanji, else 0
    n = len(core)
    i = 0
    while i < n:
        ch = core[i]
        digit = _KDIGIT.get(ch)
        if digit is not None:  # kanji digit run, positional (二〇二五)
            if pending is not None:
                return None
            j = i + 1
            while j < n and (nxt := _KDIGIT.get(core[j])) is not None:
                digit = digit * 10 + nxt
                j += 1
            pending, pending_kanji_len, i = digit * scale, j - i, j
            continue
        mult = _SMALL.get(ch)
        if mult is not None:
            if last_mult and mult >= last_mult:  # 十十, 三十二十
                return None
            coef = scale
            # The place above this one: the group's last multiplier; first in a group after
            # a large unit (一万零二十, 一億零一千), any: checked when the group closes.
            above = last_mult or (_UNBOUNDED if prev_big else 0)
            if pending is not None:
                if pending_kanji_len > 1:
                    # 二千〇五十, 一万零二十: a 〇 place holder before a one-digit coefficient
                    # is fine where a place was skipped; any other run (六七百, 三五十) is not.
                    if not (
                        pending_kanji_len == 2 and 0 < pending < 10 * scale and above > mult * 10
                    ):
                        return None
                    coef = pending
                    lead_zero = not last_mult
                elif pending == 0:
                    # 千〇十: 〇 marks the skipped hundreds place; 〇百 is no coefficient.
                    if not (pending_kanji_len and above > mult * 10):
                        return None
                    lead_zero = not last_mult
                else:
                    coef = pending
            contribution = coef * mult
            if last_mult and contribution >= last_mult * scale:
                return None
            sec += contribution
            sec_has, last_mult, pending = True, mult, None
            i += 1
            continue
        unit = _BIG.get(ch)
        if unit is not None:
            if pending is not None:
                if last_mult and pending >= last_mult * scale:
                    return None
                sec += pending
                sec_has = True
            if not sec_has or sec == 0:  # 兆, 兆億万, 1万0万
                return None
            if lead_zero and sec * unit * 10 >= prev_big * scale:  # 一万零二千: no place skipped
                return None
            if prev_big and (unit >= prev_big or sec * unit >= prev_big * scale):  # 四万三億
                return None
            total += sec * unit
            prev_big = unit
            sec, sec_has, last_mult, pending, lead_zero = 0, False, 0, None, False
            i += 1
            continue
        m = _DIGITS_RE.match(core, i)
        if m is None or pending is not None:
            return None
        pending, pending_kanji_len, i = _digits_value(m.group(), places), 0, m.end()
    if pending is not None:
        if last_mult and pending >= last_mult * scale:  # 1千1000
            return None
        sec += pending
        sec_has = True
    if sec_has:
        if prev_big and sec >= prev_big * scale:  # 1万10千
            return None
        if lead_zero and sec * 10 >= prev_big * scale:  # 一万零二千: no place skipped
            return None
        total += sec
    elif not prev_big:
        return None
    if scale == 1:
        return total
    whole, rest = divmod(total, scale)
    return whole if rest == 0 else Fraction(total, scale)


def _is_unit(unit: str) -> bool:
    """A known unit, or a short word without numerals that does not make the text a date."""
    if unit in _KNOWN_UNITS:
        return True
    if unit.startswith("数"):  # 十数件: "ten-odd", not 10 of a unit 数件
        return False
    if _GENERIC_UNIT_RE.fullmatch(unit) is None or _DATE_WORD_RE.search(unit):
        return False
    return not any(ch in _NUMERAL_CHARS for ch in unit)


def _strip_suffix_qualifiers(rem: str) -> tuple[str, list[str]]:
    quals: list[str] = []
    while rem and rem[-1] in _SUFFIX_LAST:
        for q in _SUFFIXES:
            if rem.endswith(q):
                quals.insert(0, q)
                rem = rem[: -len(q)].rstrip()
                break
        else:
            break
    return rem, quals


# (value, unit, ratio, qualifiers)
_Simple = tuple[int | Fraction, str | None, Fraction | None, list[str]]


def _parse_wari(first: int | Fraction, rem: str) -> tuple[int | Fraction, str, Fraction, str]:
    """割/分/厘/毛 chain after the first coefficient; returns value, unit, ratio, rest.

    Raises ValueError when the chain is malformed.
    """
    top = rem[0]
    rank = _WARI_RANK[top]
    ratio: int | Fraction = first * _WARI[top]
    rest = rem[1:]
    while rest:
        m = _CORE_RE.match(rest)
        if m is None or m.end() >= len(rest) or rest[m.end()] not in _WARI:
            break
        nxt = rest[m.end()]
        coef = _parse_core(m.group())
        if coef is None or _WARI_RANK[nxt] <= rank or not (0 <= coef < 10):
            raise ValueError("malformed 割分厘")
        if isinstance(coef, Fraction) and coef.denominator != 1:
            raise ValueError("malformed 割分厘")
        ratio += coef * _WARI[nxt]
        rank = _WARI_RANK[nxt]
        rest = rest[m.end() + 1 :]
    ratio_f = Fraction(ratio)
    return ratio_f / _WARI[top], top, ratio_f, rest


def _parse_simple(body: str) -> _Simple | None:
    """One number with optional sign, unit and suffix qualifiers (no prefix, no range)."""
    body = body.strip()
    sign = 1
    currency = False
    first = body[:1]
    if first in _SIGNS:
        sign, body = _SIGNS[first], body[1:]
    elif first in "マプ":
        for word, s in _SIGN_WORDS.items():
            if body.startswith(word):
                sign, body = s, body[len(word) :].lstrip()
                break
    if body[:1] in "¥￥":
        currency, body = True, body[1:]
    m = _CORE_RE.match(body)
    if m is None:
        return None
    value = _parse_core(m.group())
    if value is None:
        return None
    rem = body[m.end() :].strip()
    ratio: Fraction | None = None
    unit: str | None = None
    quals: list[str]
    if not rem:
        quals = []
    elif rem[0] in _WARI:
        try:
            value, unit, ratio, rem = _parse_wari(value, rem)
        except ValueError:
            return None
        rem, quals = _strip_suffix_qualifiers(rem.strip())
        if rem:
            return None
    else:
        if rem.startswith("パーセント"):
            rem = "%" + rem[5:]
        rem, quals = _strip_suffix_qualifiers(rem)
        if rem.startswith("余"):  # 百余人
            quals.insert(0, "余")
            rem = rem[1:].lstrip()
        if rem.startswith("%"):
            unit, rem = "％", rem[1:].strip()
            ratio = Fraction(value) / 100
            if rem:
                return None
        elif rem:
            if rem[0] == "(" and rem[-1] == ")" and rem[1:-1].strip() in _KNOWN_UNITS:
                rem = rem[1:-1].strip()  # 1,234（人）: a known unit in brackets (not 100(見込))
            if not _is_unit(rem):
                return None
            unit = rem
    if currency:
        if unit not in (None, "円"):
            return None
        unit = "円"
    if sign < 0:
        value = -value
        if ratio is not None:
            ratio = -ratio
    return value, unit, ratio, quals


def _qualifier_summary(quals: list[str]) -> tuple[str | None, bool]:
    if not quals:
        return None, False
    approximate = any(q in _APPROX for q in quals)
    for q in quals:
        if q in _BOUND:
            return q, approximate
    for q in quals:
        if q in _APPROX:
            return q, approximate
    return (quals[0] if quals else None), approximate


def _parse_range(body: str) -> tuple[_Simple, _Simple] | None:
    """Split ``3～5人`` at a range separator; both sides must be numbers, low <= high."""
    for m in _RANGE_SEP_RE.finditer(body):
        if m.start() == 0:
            continue
        left = _parse_simple(body[: m.start()])
        if left is None:
            continue
        right_text = body[m.end() :]
        if not right_text.strip():
            return None
        right = _parse_simple(right_text)
        if right is None:
            continue
        if left[1] is not None and right[1] is not None and left[1] != right[1]:
            return None
        if left[0] > right[0]:
            return None
        return left, right
    return None


# --------------------------------------------------------------------------- public API


def is_no_value(text: str) -> bool:
    """True for a cell that is deliberately empty: only dashes (-, －, ―, —, ‐, –, lone ー).

    Lets the caller tell "no value" from "text I could not read".  Surrounding white space is
    ignored; an empty string is *not* a dash (it is simply empty).
    """
    if not isinstance(text, str):
        return False
    s = text.strip().replace("\u3000", "")
    if not s or len(s) > 8:
        return False
    if s[0] in "ーｰ" and len(s) > 1:  # ーー is a word-ish run, but a lone ー is a dash
        return all(ch in "ーｰ" for ch in s) and len(s) <= 2
    return all(ch in DASHES for ch in s)


def parse_number(text: str) -> JaNumber | None:
    """Read one number from a table cell; None when the text is not exactly one number.

    See the module docstring for the grammar and :class:`JaNumber` for the fields.  None is
    returned for ``None``, empty text, dashes (see :func:`is_no_value`), text longer than
    :data:`MAX_TEXT_LENGTH`, and anything ambiguous (``326,800（0）`` — an amount with a
    bracketed sub-amount — is None: the caller keeps the raw text).  A non-str argument
    raises :class:`JaInputError` (a TypeError and a ValueError).
    """
    raw = text if type(text) is str else _check_text(text, "parse_number")
    if raw is None or len(raw) > MAX_TEXT_LENGTH:
        return None
    s = raw.strip()
    if s[:1] in _FAST_FIRST and _FAST_RE.fullmatch(s):  # the common case: 1,234 / 0.5 / -12
        digits = s.replace(",", "")
        value: Number = float(digits) if "." in digits else int(digits)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return _number(value, None, False, None, None, raw)
    s = fold(s).strip()
    if not s or (s[0] in DASHES and is_no_value(s)) or s in _NOT_NUMBERS:
        return None
    if "○" in s and _KANJI_DIGIT_RE.search(s):  # ○ typed for 〇 among other numerals
        s = s.replace("○", "〇")
    quals: list[str] = []
    note = _NOTE_MARK_RE.search(s) if ("※" in s or "*" in s or "†" in s or "‡" in s) else None
    if note is not None and note.start() > 0:
        s, note_mark = s[: note.start()], note.group().strip().replace(" ", "")
    else:
        note_mark = None
    while s and s[0] in _PREFIX_FIRST:
        for q in _PREFIXES:
            if s.startswith(q):
                quals.append(q)
                s = s[len(q) :].lstrip()
                break
        else:
            break
    if not s:
        return None
    simple = _parse_simple(s)
    if simple is not None:
        value_f, unit, ratio, suffix_quals = simple
        quals.extend(suffix_quals)
        if note_mark:
            quals.append(note_mark)
        if quals:
            qualifier, approximate = _qualifier_summary(quals)
        else:
            qualifier, approximate = None, False
        return _number(
            value_f if type(value_f) is int else _out(value_f),
            None if ratio is None else float(ratio),
            approximate,
            unit,
            qualifier,
            raw,
            qualifiers=tuple(quals),
        )
    rng = _parse_range(s)
    if rng is None:
        return None
    left, right = rng
    quals.extend(left[3])
    quals.extend(right[3])
    if note_mark:
        quals.append(note_mark)
    qualifier, approximate = _qualifier_summary(quals)
    return _number(
        None,
        None,
        approximate,
        right[1] or left[1],
        qualifier,
        raw,
        low=_out(left[0]),
        high=_out(right[0]),
        qualifiers=tuple(quals),
    )


def split_note(text: str) -> tuple[str, str] | None:
    """Split a note printed after a value off it: the value's text and the note, or None.

    ``1,320（見込）`` → ``("1,320", "見込")``, ``875(見込み)`` → ``("875", "見込み")``,
    ``12件【累計】`` → ``("12件", "累計")``: a bracketed note comes without its brackets; a
    ``※`` note keeps its mark (``1,234 ※暫定`` → ``("1,234", "※暫定")``).  The value is
    returned as printed (stripped), for :func:`parse_number`.  A bracketed number splits the
    same way (``326,800（0）`` → ``("326,800", "0")``, a sub-amount): the caller decides what
    it is.  None when the text ends in no note, when the brackets hold nothing, or when nothing
    stands before the note.  A unit in brackets (``1,234（人）``) is not a note:
    :func:`parse_number` reads it as the unit.
    """
    raw = text if type(text) is str else _check_text(text, "split_note")
    if raw is None or len(raw) > MAX_TEXT_LENGTH:
        return None
    s = raw.strip()
    folded = fold(s)
    if len(folded) != len(s):  # folding dropped a character: positions no longer match
        s = folded
    m = _TRAILING_NOTE_RE.fullmatch(folded)
    if m is None:
        return None
    if m.group("mark") is not None:
        note = s[m.start("mark") :].strip()
    else:
        note = s[m.start("word") : m.end("word")].strip()
        if not note or note in _KNOWN_UNITS:
            return None
    return s[: m.end("value")], note


def kanji_to_int(text: str) -> int | None:
    """A bare non-negative integer in any numeral script (二〇二五, 千二百, 壱萬, 12千345).

    No sign, unit, decimals or qualifiers; None otherwise.  Used for era years, months, days.
    """
    if not isinstance(text, str) or not text or len(text) > MAX_TEXT_LENGTH:
        return None
    s = fold(text).strip()
    if not s or _CORE_RE.fullmatch(s) is None or "." in s:
        return None
    value = _parse_core(s)
    if value is None or not isinstance(value, int):
        return None
    return value


_TO_KANJI_DIGITS = "〇一二三四五六七八九"
_DAIJI_DIGITS = "〇壱弐参四五六七八九"


def to_kanji(n: int, *, daiji: bool = False, positional: bool = False) -> str:
    """Write an integer in kanji numerals: 12345 → 一万二千三百四十五.

    ``positional=True`` writes digit by digit (2025 → 二〇二五); ``daiji=True`` uses the legal
    forms 壱弐参拾 and writes every 壱 (10 → 壱拾).  Negative numbers get マイナス.  Values up
    to 10^20 - 1 (9999京…) are supported; 京 is the largest unit.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise JaInputError(f"to_kanji() expects int, got {type(n).__name__}")
    if n < 0:
        return "マイナス" + to_kanji(-n, daiji=daiji, positional=positional)
    if n >= 10**20:
        raise ValueError(f"to_kanji() supports integers below 10^20 (京 is the largest unit): {n}")
    digits = _DAIJI_DIGITS if daiji else _TO_KANJI_DIGITS
    if positional:
        return str(n).translate(str.maketrans("0123456789", digits))
    if n == 0:
        return "〇" if not daiji else "零"
    ten = "拾" if daiji else "十"
    parts: list[str] = []
    for unit_name, unit in (("京", 10**16), ("兆", 10**12), ("億", 10**8), ("万", 10**4),
                            ("", 1)):  # fmt: skip
        group, n = divmod(n, unit)
        if not group:
            continue
        text = ""
        for mult_name, mult in (("千", 1000), ("百", 100), (ten, 10), ("", 1)):
            d, group = divmod(group, mult)
            if not d:
                continue
            if d == 1 and mult > 1 and not daiji:
                text += mult_name
            else:
                text += digits[d] + mult_name
        parts.append(text + unit_name)
    return "".join(parts)
