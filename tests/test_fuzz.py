"""Property-based fuzzing of the Markdown and HTML readers and sheetparse.ja (bounded for CI;
``python scripts/fuzz.py --minutes 10`` runs the same properties for longer)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_props import (
    check_ja,
    check_parse,
    mutated,
    parse_bytes_outcome,
    parse_text_outcome,
    sample_text,
)

EXAMPLES = int(os.environ.get("SHEETPARSE_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MD = sample_text("kashiwa-r7.md")
HTML = sample_text("kashiwa-r7.html")


@FUZZ
@given(mutated(MD))
def test_markdown_mutations(text):
    check_parse(parse_text_outcome(text, "markdown"))


@FUZZ
@given(mutated(HTML))
def test_html_mutations(text):
    check_parse(parse_text_outcome(text, "html"))


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data):
    check_parse(parse_bytes_outcome(data))


@settings(max_examples=EXAMPLES * 5, deadline=None, derandomize=True)
@given(st.text(max_size=60))
def test_ja_arbitrary_text(text):
    check_ja(text)


@pytest.mark.timeout(60)
def test_fuzz_finds_real_structure():
    # the property is not vacuous: the unmutated samples parse into full sheets
    for text, fmt in ((MD, "markdown"), (HTML, "html")):
        sheet = parse_text_outcome(text, fmt)
        check_parse(sheet)
        assert len(sheet.measures) == 14
