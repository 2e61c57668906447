"""Excel number formats (表示形式): a cell's value as the sheet prints it.

A workbook stores ``1100`` and prints ``1,100`` (``#,##0``), stores ``0.455`` and prints
``45.5%`` (``0.0%``), stores a date serial and prints ``令和7年4月1日``
(``[$-411]ggge"年"m"月"d"日"``).
The contract's ``raw`` is the text as printed, so the Excel reader formats values with the
cell's number format. Covered: ``General``, ``@``, digit placeholders ``0 # ?`` with grouping
``,``, decimals, ``%``, thousands scaling (trailing ``,``), scientific ``E+``, literal text
(quoted, ``\\x``, currency ``[$¥-411]``), colour and locale codes ignored, up to four
``;``-separated sections (positive; negative; zero; text), and date/time formats including the
Japanese era codes ``g``/``gg``/``ggg`` and ``e``/``ee``. Fractions and conditions fall back to
``General``. Rounding is half away from zero on the decimal value, as Excel rounds.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_BRACKET = re.compile(r"\[([^\]]*)\]")
_DATE_CODES = re.compile(r"[yYdDhHsSeEgGaA]|(?<![0#?.,])[mM]")
_WEEKDAYS_JA = "月火水木金土日"
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: (first day, name, initial) of the eras a sheet may print
_ERAS = (
    (dt.date(2019, 5, 1), "令和", "R"),
    (dt.date(1989, 1, 8), "平成", "H"),
    (dt.date(1926, 12, 25), "昭和", "S"),
    (dt.date(1912, 7, 30), "大正", "T"),
    (dt.date(1868, 1, 1), "明治", "M"),
)


def general(value: object) -> str:
    """The ``General`` format: integers as they are, other numbers to 11 significant digits."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return "#NUM!"
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        s = format(value, ".11g")
        if "e" in s:
            mantissa, exp = s.split("e")
            if "." in mantissa:
                mantissa = mantissa.rstrip("0").rstrip(".")
            return f"{mantissa}E{exp[0]}{exp[1:].zfill(2)}"
        return s
    return str(value)


def _sections(fmt: str) -> list[str]:
    """Split a format at ``;`` outside quotes and brackets."""
    out, cur, quoted, bracket, i = [], [], False, False, 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == "\\" and i + 1 < len(fmt):
            cur.append(fmt[i : i + 2])
            i += 2
            continue
        if ch == '"':
            quoted = not quoted
        elif ch == "[" and not quoted:
            bracket = True
        elif ch == "]" and not quoted:
            bracket = False
        elif ch == ";" and not quoted and not bracket:
            out.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out


def _tokens(section: str) -> list[tuple[str, str]]:
    """(kind, text) tokens: ``lit`` literal text, ``code`` a format character, ``general`` the
    word General, ``elapsed`` an ``[h]``-style elapsed-time code."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            j = section.find('"', i + 1)
            j = len(section) if j < 0 else j
            out.append(("lit", section[i + 1 : j]))
            i = j + 1
        elif ch == "\\" and i + 1 < len(section):
            out.append(("lit", section[i + 1]))
            i += 2
        elif ch in "_*" and i + 1 < len(section):
            i += 2  # padding and fill: layout only
        elif ch == "[":
            j = section.find("]", i)
            j = len(section) if j < 0 else j
            inner = section[i + 1 : j]
            if inner.startswith("$"):
                out.append(("lit", inner[1:].split("-", 1)[0]))
            elif re.fullmatch(r"h+|m+|s+", inner, re.I):
                out.append(("elapsed", inner.lower()))
            i = j + 1  # colours, conditions, locales, [DBNum]: not printed
        elif section[i : i + 7].lower() == "general":
            out.append(("general", ""))
            i += 7
        else:
            out.append(("code", ch))
            i += 1
    return out


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _literal(tokens: list[tuple[str, str]]) -> str:
    """Text a run of tokens prints besides the digits (``%`` and other symbols included)."""
    return "".join(
        t if k == "lit" else "" if t in "0#?,." else t for k, t in tokens if k in ("lit", "code")
    )


def _number(value: Decimal, section: str) -> str | None:
    """Format a non-negative number with one section; None where the format is not understood
    (fractions)."""
    tokens = _tokens(section)
    codes = "".join(t for k, t in tokens if k == "code")
    if "/" in codes:
        return None
    at = next((i for i, (k, _) in enumerate(tokens) if k == "general"), None)
    if at is not None:
        return _literal(tokens[:at]) + general(_plain(value)) + _literal(tokens[at + 1 :])
    if re.search(r"[eE][+-]", codes):
        return _scientific(value, codes)
    digits = [i for i, (k, t) in enumerate(tokens) if k == "code" and t in "0#?"]
    if not digits:
        return _literal(tokens)
    first, last = digits[0], digits[-1]
    end = last + 1
    while end < len(tokens) and tokens[end] == ("code", ","):
        end += 1
    percent = codes.count("%")
    value = value * Decimal(100) ** percent / Decimal(1000) ** (end - last - 1)
    pattern = "".join(t for k, t in tokens[first : last + 1] if k == "code")
    int_pattern, dot, frac_pattern = pattern.partition(".")
    frac_pattern = frac_pattern.replace(",", "")
    places = len(frac_pattern)
    required = len(frac_pattern.rstrip("#"))
    whole, _, frac = f"{_round(value, places):.{places}f}".partition(".")
    frac = frac[: max(required, len(frac.rstrip("0")))] if frac else ""
    min_int = int_pattern.count("0") + int_pattern.count("?")
    whole = whole.lstrip("0")
    whole = whole.zfill(min_int) if min_int else whole
    if "," in int_pattern and whole:
        whole = f"{int(whole):,}"
    number = whole + (dot + frac if dot else "")
    return _literal(tokens[:first]) + number + _literal(tokens[end:])


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _scientific(value: Decimal, codes: str) -> str:
    mantissa = re.split(r"[eE]", codes)[0]
    places = len(mantissa.partition(".")[2])
    m, _, exp = f"{float(value):.{places}E}".partition("E")
    return f"{m}E{exp[0]}{exp[1:].zfill(2)}"


def _era(day: dt.date) -> tuple[str, str, int]:
    for start, name, initial in _ERAS:
        if day >= start:
            return name, initial, day.year - start.year + 1
    return "", "", day.year


def _date(value: dt.datetime | dt.date | dt.time | dt.timedelta, section: str) -> str:
    """Format a date/time with one section's date codes."""
    if isinstance(value, dt.timedelta):
        base = dt.datetime(1899, 12, 30) + value
        total = value
    elif isinstance(value, dt.time):
        base = dt.datetime.combine(dt.date(1899, 12, 30), value)
        total = dt.timedelta(hours=value.hour, minutes=value.minute, seconds=value.second)
    elif isinstance(value, dt.datetime):
        base, total = value, None
    else:
        base, total = dt.datetime.combine(value, dt.time()), None
    ampm = re.search(r"AM/PM|A/P", section, re.I) is not None
    tokens = _tokens(re.sub(r"AM/PM|A/P", '"\x00"', section, flags=re.I))
    out: list[str] = []
    # runs of the same code letter are one code (yyyy, mm, ggg)
    runs: list[tuple[str, str]] = []
    for k, t in tokens:
        if k == "code" and runs and runs[-1][0] == "code" and runs[-1][1][-1].lower() == t.lower():
            runs[-1] = ("code", runs[-1][1] + t)
        else:
            runs.append((k, t))
    last_hour = False
    for i, (k, t) in enumerate(runs):
        if k == "lit":
            out.append(t)
            continue
        if k == "elapsed":
            seconds = int((total or dt.timedelta()).total_seconds())
            unit = {"h": 3600, "m": 60, "s": 1}[t[0]]
            out.append(str(seconds // unit).zfill(len(t)))
            continue
        c = t[0].lower()
        n = len(t)
        if c == "y":
            out.append(str(base.year)[-2:] if n <= 2 else str(base.year))
        elif c == "m":
            nxt = next(
                (
                    r[1][0].lower()
                    for r in runs[i + 1 :]
                    if r[0] == "code" and r[1][0].lower() in "ymdhs"
                ),
                "",
            )
            if last_hour or nxt == "s":
                out.append(str(base.minute).zfill(2 if n >= 2 else 1))
            elif n >= 4:
                out.append(_MONTHS_EN[base.month - 1])
            elif n == 3:
                out.append(_MONTHS_EN[base.month - 1][:3])
            else:
                out.append(str(base.month).zfill(n))
        elif c == "d":
            if n >= 4:
                out.append(_WEEKDAYS_EN[base.weekday()])
            elif n == 3:
                out.append(_WEEKDAYS_EN[base.weekday()][:3])
            else:
                out.append(str(base.day).zfill(n))
        elif c == "a":
            out.append(_WEEKDAYS_JA[base.weekday()] + ("曜日" if n >= 4 else ""))
        elif c == "h":
            hour = base.hour % 12 or 12 if ampm else base.hour
            out.append(str(hour).zfill(min(n, 2)))
        elif c == "s":
            out.append(str(base.second).zfill(min(n, 2)))
        elif c == "g":
            name, initial, _ = _era(base.date())
            out.append(name if n >= 3 else name[:1] if n == 2 else initial)
        elif c == "e":
            _, _, year = _era(base.date())
            out.append(str(year).zfill(2) if n >= 2 else str(year))
        else:
            out.append(t)
        if c.isalpha():
            last_hour = c == "h"
    return "".join(out).replace("\x00", "AM" if base.hour < 12 else "PM")


def display(value: object, number_format: str | None) -> str:
    """A cell value as printed with its number format (strings come back unchanged)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    fmt = number_format or "General"
    if isinstance(value, bool) or fmt.lower() == "general":
        return general(value)
    sections = _sections(fmt)
    if isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        return _date(value, sections[0])
    if not isinstance(value, (int, float)):
        return str(value)
    try:
        d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return general(value)
    sign = ""
    if d < 0 and len(sections) >= 2:
        section, d = sections[1], -d
    elif d == 0 and len(sections) >= 3:
        section = sections[2]
    else:
        section = sections[0]
        if d < 0:
            sign, d = "-", -d
    if "@" in section and not re.search(r"[0#?]", section):
        return general(value)
    text = _number(d, section)
    if text is None:
        return general(value)
    return sign + text if text.strip() else text
