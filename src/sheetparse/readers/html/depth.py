"""Parsing a page within libxml2's limits, and recovering what lies beyond them.

libxml2 (lxml) stops building the tree at a nesting depth of 256 unless ``huge_tree`` is set,
which sheetparse never sets: a hostile or broken page must not buy unbounded memory. Where a
page nests deeper, :func:`flatten_deep` removes the tags below a depth the parser follows,
keeping their text, so the page is read whole with its deep part as plain text.
"""

from __future__ import annotations

import re

from lxml import etree

from .inline import BLOCK_TAGS

#: libxml2's own nesting limit without huge_tree
LIBXML2_MAX_DEPTH = 256

_BREAKS = BLOCK_TAGS | {"br"}


def _parser() -> etree.HTMLParser:
    """libxml2's HTML parser with lxml.html's settings, giving plain elements: lxml.html's
    element classes cost a Python call each time the reader touches an element."""
    return etree.HTMLParser(
        encoding="utf-8",
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
        default_doctype=False,
    )


def parse_page(text: str) -> tuple[etree._Element | None, int | None]:
    """The element tree, and the source line where libxml2 gave up for depth (else None)."""
    parser = _parser()
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError:
        root = None
    deep = next((e.line or 1 for e in parser.error_log if "depth" in e.message.lower()), None)
    return root, deep


_TAG_RE = re.compile(
    r"<!--.*?(?:-->|$)|<(script|style|textarea|title)\b[^>]*>.*?(?:</\1\s*>|$)"
    r"|<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^>]*?(/?)>",
    re.S | re.I,
)
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
    }
)
#: elements whose end tag may be omitted: they never count towards nesting depth here
_OPTIONAL_END = frozenset(
    {
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "option",
        "optgroup",
        "colgroup",
        "rb",
        "rt",
        "rp",
        "caption",
        "html",
        "head",
        "body",
    }
)


def flatten_deep(text: str, max_depth: int) -> str:
    """The markup with every tag nested deeper than ``max_depth`` removed (text kept; a block
    boundary becomes a line break): what a too-deep document still says, in a tree the parser
    can hold."""
    out: list[str] = []
    stack: list[str] = []
    open_names: dict[str, int] = {}  # how many of each name are on the stack (O(1) lookups)
    pos = 0
    for m in _TAG_RE.finditer(text):
        out.append(text[pos : m.start()])
        pos = m.end()
        name = (m.group(3) or "").lower()
        if not name:  # a comment, or script/style/textarea/title with its content
            out.append(m.group(0) if len(stack) < max_depth else "")
            continue
        closing, selfclosing = m.group(2) == "/", m.group(4) == "/"
        deep = len(stack) >= max_depth
        if closing:
            if open_names.get(name):
                while stack:
                    top = stack.pop()
                    open_names[top] -= 1
                    if top == name:
                        break
            deep = len(stack) >= max_depth
        elif name not in _VOID and name not in _OPTIONAL_END and not selfclosing:
            stack.append(name)
            open_names[name] = open_names.get(name, 0) + 1
        if deep:
            out.append("\n" if name in _BREAKS else "")
        else:
            out.append(m.group(0))
    out.append(text[pos:])
    return "".join(out)
