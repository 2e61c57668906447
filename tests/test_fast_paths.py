"""The shortcuts taken for speed give what the plain way gives."""

from __future__ import annotations

import itertools

import pytest

from sheetparse.blocks import Cell, Document, Loc, Part, TableBlock
from sheetparse.coverage import Ledger, tally
from sheetparse.readers.html.inline import parts_from_fragment, parts_from_fragments
from sheetparse.textutil import strip_ws

_TEXTS = [
    "",
    "市民",
    "  a  b ",
    "令和\u30007年度",
    "\u3000\u3000",
    "x\x1cy \x1f",
    "a\xa0b\u2028c\u200bd",
    "\t改行\nあり\r",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_tally_counts_a_cell_as_strip_ws_does(text: str) -> None:
    cell = Cell((Part("text", text),), Loc(line=1))
    doc = Document(format="markdown", blocks=[TableBlock(((cell,),))])
    assert tally(doc, Ledger()).unplaced_chars == len(strip_ws(text))


_PIECES = [
    "<p>",
    "</p>",
    "<ul>",
    "</ul>",
    "<li>",
    "</li>",
    "<br>",
    "<b>",
    "</div>",
    "<div>",
    '<span title="',
    '">',
    "&amp;",
    "<!--",
    "<script>",
    "</td>",
    "文字",
    " ",
    "・",
    "\u200b",
]


def test_fragments_parsed_together_as_one_by_one() -> None:
    fragments = ["".join(p) for p in itertools.product(_PIECES, repeat=2)]
    for start in range(0, len(fragments), 7):
        batch = fragments[start : start + 7]
        assert parts_from_fragments(batch) == [parts_from_fragment(f) for f in batch]
