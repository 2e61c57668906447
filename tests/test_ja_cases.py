"""Every case in tests/data/ja_cases.jsonl (a copy of ../shared/data/ja_cases.jsonl).

The kinds map to the API as the issue states: ``number`` → ``parse_number(input).value`` (or
``.ratio`` where the case says ``"field": "ratio"``), ``number_reject`` → None or ValueError,
``era_reject`` → ``to_date`` for inputs with 月, else ``to_gregorian_year``, None or
ValueError, ``era_year`` → ``to_gregorian_year``, ``fiscal_year`` → ``fiscal_year``,
``era_date`` → ``to_date(input).isoformat()``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from sheetparse.ja import fiscal_year, parse_number, to_date, to_gregorian_year

CASES_PATH = Path(__file__).parent / "data" / "ja_cases.jsonl"


def _load() -> list[dict[str, Any]]:
    with CASES_PATH.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


CASES = _load()


def _id(case: dict[str, Any]) -> str:
    return f"{case['kind']}:{case['input']}"


def test_case_file_is_complete() -> None:
    assert len(CASES) == 252
    kinds = {c["kind"] for c in CASES}
    assert kinds == {"number", "number_reject", "era_reject", "era_year", "fiscal_year",
                     "era_date"}  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_case(case: dict[str, Any]) -> None:
    kind, text, expected = case["kind"], case["input"], case["expected"]
    if kind == "number":
        result = parse_number(text)
        assert result is not None, f"{text!r} was not read"
        if case.get("field") == "ratio":
            assert result.ratio is not None
            assert math.isclose(result.ratio, expected, rel_tol=1e-12, abs_tol=1e-15)
        else:
            assert result.value == expected
            assert type(result.value) is type(expected)
    elif kind == "number_reject":
        try:
            result = parse_number(text)
        except ValueError:
            return
        assert result is None, f"{text!r} read as {result}"
    elif kind == "era_reject":
        try:
            got = to_date(text) if "月" in text else to_gregorian_year(text)
        except ValueError:
            return
        assert got is None, f"{text!r} read as {got}"
    elif kind == "era_year":
        assert to_gregorian_year(text) == int(expected)
    elif kind == "fiscal_year":
        assert fiscal_year(text) == int(expected)
    elif kind == "era_date":
        assert to_date(text).isoformat() == expected
    else:  # pragma: no cover - guarded by test_case_file_is_complete
        pytest.fail(f"unknown kind {kind}")
