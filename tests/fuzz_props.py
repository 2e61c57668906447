"""Properties for fuzzing: mutations of the samples through the readers, and arbitrary text
through sheetparse.ja. Shared by tests/test_fuzz.py (a bounded run in CI) and scripts/fuzz.py
(the long run).

The property everywhere: a parse returns a valid sheet whose coverage adds up, or raises a
SheetParseError that is not an InternalError (which would be a bug); nothing else escapes.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import strategies as st

import sheetparse
from sheetparse import ja
from sheetparse.api import InternalError

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

#: characters that matter to the readers: table syntax, markup, bullets, captions, numerals
_ALPHABET = st.sampled_from(
    [
        *list(
            "|\\-:<>/&;#*_ \n\t\u3000・●○▲△－ー—()（）【】「」0123456789０１２３４５６７８９一二十百千万億年度月日"
        ),
        "<p>",
        "</p>",
        "<ul>",
        "</ul>",
        "<li>",
        "</li>",
        "<br>",
        "<td>",
        "</td>",
        "<tr>",
        "</tr>",
        "<table>",
        "</table>",
        'rowspan="3"',
        'colspan="99999"',
        "&#12354;",
        "&amp;",
        "&nbsp;",
        "方針1-施策1 ",
        "(基本施策1の方向性)",
        "【施策2】",
        "令和7年度",
        "R12",
        "|---|---|",
        "\x00",
        "�",
        "\ud7ff",
    ]
)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few random edits: deletions, duplications, insertions, truncation."""
    s = text
    for _ in range(draw(st.integers(1, 6))):
        op = draw(
            st.sampled_from(["delete", "duplicate", "insert", "replace", "truncate", "swap-lines"])
        )
        n = len(s)
        a = draw(st.integers(0, max(0, n)))
        b = min(n, a + draw(st.integers(0, 400)))
        if op == "delete":
            s = s[:a] + s[b:]
        elif op == "duplicate":
            s = s[:b] + s[a:b] + s[b:]
        elif op == "insert":
            s = s[:a] + "".join(draw(st.lists(_ALPHABET, max_size=20))) + s[a:]
        elif op == "replace" and n:
            s = s[:a] + draw(_ALPHABET) + s[a + 1 :]
        elif op == "truncate":
            s = s[:a]
        elif op == "swap-lines":
            lines = s.split("\n")
            if len(lines) > 2:
                i = draw(st.integers(0, len(lines) - 1))
                j = draw(st.integers(0, len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
                s = "\n".join(lines)
    return s


def check_parse(result_or_error: object) -> None:
    """The property on one parse outcome."""
    if isinstance(result_or_error, InternalError):
        raise AssertionError(f"internal error escaped as InternalError: {result_or_error}")
    if isinstance(result_or_error, sheetparse.SheetParseError):
        assert str(result_or_error)
        return
    sheet = result_or_error
    assert isinstance(sheet, sheetparse.ProgressSheet)
    sheetparse.ProgressSheet.model_validate_json(sheet.model_dump_json())
    c = sheet.coverage
    assert c is not None
    parts = c.placed_chars + c.structure_chars + c.skipped_chars + c.unplaced_chars
    assert c.source_chars == parts, f"coverage does not add up: {c}"
    unplaced = [d for d in sheet.diagnostics if d.code == "unplaced-block"]
    assert unplaced or not c.unplaced_chars, f"{c.unplaced_chars} unplaced chars, no diagnostic"


def parse_text_outcome(text: str, fmt: str) -> object:
    try:
        return sheetparse.parse_text(text, format=fmt)
    except sheetparse.SheetParseError as e:
        return e


def parse_bytes_outcome(data: bytes) -> object:
    try:
        return sheetparse.parse(data)
    except sheetparse.SheetParseError as e:
        return e


def sample_text(name: str) -> str:
    data = (SAMPLES / name).read_bytes()
    return data.decode("utf-8")


def check_ja(text: str) -> None:
    """sheetparse.ja on arbitrary text: a result, None, or ValueError — nothing else."""
    for func in (ja.parse_number, ja.fiscal_year, ja.to_gregorian_year, ja.is_no_value):
        func(text)
    ja.find_fiscal_year(text)
    ja.find_fiscal_year(text, default_era="平成")
    with contextlib.suppress(ValueError):
        ja.to_date(text)
    n = ja.parse_number(text)
    if n is not None:
        assert n.raw == text
        assert n.value is not None or (n.low is not None and n.high is not None)
