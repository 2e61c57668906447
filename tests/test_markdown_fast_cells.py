"""The Markdown reader's cells with simple markup, read without the HTML parser, give what
the HTML parser gives (:func:`sheetparse.readers.markdown.cells.fragment_parts`)."""

from __future__ import annotations

import random

import pytest

from sheetparse.readers.html.inline import parts_from_fragment, parts_from_fragments
from sheetparse.readers.markdown.cells import _simple_parts, cells_parts, fragment_parts

_CASES = [
    '前 <ul style="list-style-type: none"> 一つ目 二つ目 ',
    '<p>本文</p> <ul style="list-style-type: none"> 項目 <p>▲写真</p>',
    "<p>一</p>  <p>二</p> 後",
    "<p>a\u200b</p>x\u200by",
    "<ul></ul>",
    " <p> </p> ",
    '\u3000<ul id="a" hidden>b',
    "\u3000<br>x",
    "a<br>b<br/>c<br />",
    "x <br> <br> y",
    "<ul>x</ul> <br>",
]

#: text characters, some of them ones an HTML parser might treat apart
_CHARS = [
    "a",
    " ",
    "\t",
    "\xa0",
    "\u3000",
    "\u200b",
    "\ufeff",
    "市",
    "▲",
    "\U0001f600",
    "\u0301",
    "\u2028",
    "=",
    '"',
    "'",
    "/",
    "\ue000",
    "\ufdd0",
    "\x85",
    "\x01",
    "<",
    ">",
    "&",
    "&amp;",
]
_ATTRS = ["", ' style="list-style-type: none"', " hidden", ' class="a b" id="c"', "\t", ' x="a>b"']


def _text(r: random.Random) -> str:
    return "".join(r.choice(_CHARS) for _ in range(r.randint(0, 5)))


def _cell(r: random.Random) -> str:
    out = []
    for _ in range(r.randint(1, 6)):
        c = r.random()
        if c < 0.3:
            out.append(_text(r))
        elif c < 0.45:
            out.append(r.choice(["<br>", "<br/>", "<br />", "<BR>", "<li>", "</ul>"]))
        elif c < 0.7:
            out.append(f"<p{r.choice(_ATTRS)}>{_text(r)}</p>")
        else:
            inner = _text(r) + f"<p{r.choice(_ATTRS)}>{_text(r)}</p>" * r.randint(0, 2)
            out.append(f"<ul{r.choice(_ATTRS)}>{inner}" + r.choice(["", "</ul>"]))
    return "".join(out)


@pytest.mark.parametrize("cell", _CASES)
def test_simple_cell_as_parsed(cell: str) -> None:
    assert _simple_parts(cell) is not None
    assert fragment_parts(cell) == parts_from_fragment(cell)


def test_simple_cells_as_parsed_one_by_one_and_together() -> None:
    r = random.Random(15)
    cells = list(dict.fromkeys(c for c in (_cell(r) for _ in range(4000)) if "<" in c))
    simple = [c for c in cells if _simple_parts(c) is not None]
    assert len(simple) > 250  # the generator reaches the fast path
    assert [fragment_parts(c) for c in cells] == [parts_from_fragment(c) for c in cells]
    together = parts_from_fragments([c.strip() for c in cells])  # (a cell is read trimmed)
    parts = cells_parts(cells)
    assert [parts[c] for c in cells] == together
