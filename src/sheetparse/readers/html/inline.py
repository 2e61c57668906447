"""HTML inside a cell → :class:`~sheetparse.blocks.Part` objects.

Shared by the Markdown reader (pipe-table cells with inline ``<p>``/``<ul>``/``<br>``) and the
HTML reader (``<td>`` contents), so both give the same parts and therefore the same items.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import lxml.html
from lxml import etree

from ...blocks import Part
from ...textutil import collapse_ws, soft_breaks

#: HTML's block-level elements: each starts a line of its own (a part in a cell, a break in
#: flattened text); the page reader, the cell reader and the deep-markup fallback share it
BLOCK_TAGS = frozenset(
    [
        "html",
        "body",
        "main",
        "article",
        "section",
        "header",
        "footer",
        "aside",
        "nav",
        "search",
        "hgroup",
        "div",
        "p",
        "address",
        "pre",
        "center",
        "blockquote",
        "figure",
        "figcaption",
        "ul",
        "ol",
        "li",
        "menu",
        "dl",
        "dt",
        "dd",
        "form",
        "fieldset",
        "legend",
        "details",
        "summary",
        "hr",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    ]
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})
_MAX_DEPTH = 200


#: tag → name, for the few tag names a page uses (the readers ask for every element's name)
_NAMES: dict[str, str] = {}


def tag_name(el: etree._Element) -> str:
    """An element's lower-case local name; "" for comments and processing instructions."""
    tag = el.tag
    name = _NAMES.get(tag)  # (a name seen before: most)
    if name is None:
        if not isinstance(tag, str):  # comments, processing instructions
            return ""
        name = tag.rsplit("}", 1)[-1].lower()
        if len(_NAMES) < 1024:  # a hostile page's made-up names are not all kept
            _NAMES[tag] = name
    return name


_tag = tag_name


class _PartsBuilder:
    """Collects parts in document order; bare text between blocks becomes text/line parts."""

    def __init__(self) -> None:
        self.parts: list[Part] = []
        self.buf: list[str] = []

    def flush(self) -> None:
        if not self.buf:
            return
        raw = "".join(self.buf)
        self.buf = []
        if "\n" in raw:
            lines = [collapse_ws(x) for x in raw.split("\n")]
            lines = [x for x in lines if x]
            if len(lines) > 1:
                self.parts.extend(Part("line", x) for x in lines)
                return
            raw = " ".join(lines)
        text = collapse_ws(raw)
        if text:
            self.parts.append(Part("text", text))

    def add(self, kind: str, text: str) -> None:
        self.flush()
        text = collapse_ws(soft_breaks(text))
        if text:
            self.parts.append(Part(kind, text))  # type: ignore[arg-type]


def text_of(el: etree._Element, *, br: str = " ", skip_lists: bool = False) -> str:
    """Visible text of an element: scripts and styles skipped, ``<br>`` as ``br``; nested
    ``<ul>``/``<ol>`` left out with ``skip_lists`` (their items are items of their own)."""
    if not len(el):  # no children (most cells and list items): the walk below in short
        tag = _tag(el)
        if tag in _SKIP_TAGS or not isinstance(el.tag, str):
            return ""
        if tag == "br":
            return br.replace("\u200b", "")
        text = el.text or ""
        return (" " + text if tag in BLOCK_TAGS else text).replace("\u200b", "")
    out: list[str] = []
    stack: list[tuple[etree._Element, bool]] = [(el, False)]
    while stack:
        node, done = stack.pop()
        if done:
            if node.tail and node is not el:
                out.append(node.tail)
            continue
        tag = _tag(node)
        if (
            tag in _SKIP_TAGS
            or not isinstance(node.tag, str)
            or (skip_lists and node is not el and tag in ("ul", "ol"))
        ):
            if node.tail and node is not el:
                out.append(node.tail)
            continue
        if tag == "br":
            out.append(br)
            if node.tail and node is not el:
                out.append(node.tail)
            continue
        if tag in BLOCK_TAGS:
            out.append(" ")
        if node.text:
            out.append(node.text)
        stack.append((node, True))
        for child in reversed(node):
            stack.append((child, False))
    return "".join(out).replace("\u200b", "")


def _walk(el: etree._Element, b: _PartsBuilder, depth: int) -> None:
    """Parts of ``el`` into ``b``. Only ``<br>`` and ``<pre>`` break a line: the line breaks
    of the source are where its tool wrapped it, shown by a browser as spaces."""
    if el.text:
        b.buf.append(soft_breaks(el.text))
    for child in el:
        tag = _tag(child)
        if not tag or tag in _SKIP_TAGS:
            pass
        elif tag == "br":
            b.buf.append("\n")
        elif tag == "pre":
            b.flush()
            b.buf.append(text_of(child, br="\n"))
            b.flush()
        elif tag in ("ul", "ol"):
            # (the HTML parser gives lower-case names without a namespace: lxml finds the
            # items, nested ones too, in one pass of its own)
            items = list(child.iter("li"))
            if items:
                b.flush()
                _item_parts(items, b.parts)
            else:
                b.add("list", text_of(child))
        elif tag == "li":
            b.add("li", text_of(child))
        elif tag == "p":
            b.add("p", text_of(child))
        elif tag == "figcaption":
            b.add("caption", text_of(child))
        elif tag in BLOCK_TAGS and depth < _MAX_DEPTH:
            b.flush()
            _walk(child, b, depth + 1)
            b.flush()
        elif depth < _MAX_DEPTH:
            _walk(child, b, depth + 1)
        else:
            b.buf.append(soft_breaks(text_of(child)))
        if child.tail:
            b.buf.append(soft_breaks(child.tail))


def _item_parts(items: list[etree._Element], parts: list[Part]) -> None:
    """A list's items (nested ones too, in document order) as ``li`` parts."""
    for li in items:
        if len(li):
            text = collapse_ws(soft_breaks(text_of(li, skip_lists=True)))
        elif text := li.text:  # (most items: their text alone, as text_of gives it)
            if "\u200b" in text:
                text = text.replace("\u200b", "")
            text = collapse_ws(soft_breaks(text))  # (as it is where it has no white space)
        if text:
            parts.append(Part("li", text))


def _blank(text: str | None) -> bool:
    """Text that the walk reads as no part at all (none, or only layout white space)."""
    return not text or not collapse_ws(soft_breaks(text))


def parts_from_element(el: etree._Element) -> tuple[Part, ...]:
    """The parts of an element's content (a ``<td>``, or a wrapper around a fragment)."""
    n = len(el)
    if not n:  # text only (most cells): what the walk gives it, in short
        text = collapse_ws(soft_breaks(el.text)) if el.text else ""
        return (Part("text", text),) if text else ()
    if n == 1:
        # one list and nothing else (most cells with markup): its items, as the walk gives
        child = el[0]
        tag = child.tag
        if (tag == "ul" or tag == "ol") and _blank(el.text) and _blank(child.tail):
            items = list(child.iter("li"))
            if items:
                parts: list[Part] = []
                _item_parts(items, parts)
                return tuple(parts)
    b = _PartsBuilder()
    _walk(el, b, 0)
    b.flush()
    return tuple(b.parts)


#: lxml.html's parser settings (its defaults) without its element classes, which cost a Python
#: call each time an element is touched
_FRAGMENT_PARSER = etree.HTMLParser()
_FULL_HTML = re.compile(r"^\s*<(?:html|!doctype)", re.I)


def _fragment(fragment: str) -> etree._Element:
    """What ``lxml.html.fragment_fromstring(fragment, create_parent=True)`` gives, as far as
    :func:`parts_from_element` reads it (the text and children of the wrapper): the ``<body>``
    of the fragment parsed as a page, its leading text dropped where it is only white space."""
    if not _FULL_HTML.match(fragment):
        root = etree.fromstring(f"<html><body>{fragment}</body></html>", _FRAGMENT_PARSER)
        if root is None:
            raise etree.ParserError("Document is empty")
        bodies = [e for e in root if e.tag == "body"]
        if root.tag == "html" and len(bodies) == 1:
            body = bodies[0]
            if not (body.text and body.text.strip()):
                body.text = None
            return body
    return lxml.html.fragment_fromstring(fragment, create_parent="div")


def parts_from_fragment(fragment: str) -> tuple[Part, ...]:
    """The parts of an HTML fragment such as a Markdown table cell's content."""
    if "<" not in fragment and "&" not in fragment:
        text = collapse_ws(fragment)
        return (Part("text", text),) if text else ()
    try:
        wrapper = _fragment(fragment)
    except (etree.ParserError, ValueError):
        text = collapse_ws(fragment)
        return (Part("text", text),) if text else ()
    return parts_from_element(wrapper)


#: fragments read on their own, not together with others: those that name the elements the
#: batch is laid out with (or a page's frame), and comments, declarations and raw-text
#: elements that could run on past their own container
_APART = re.compile(
    r"<\s*/?\s*(?:html|head|body|div|frameset|frame|table|caption|colgroup|col|thead|tbody"
    r"|tfoot|tr|td|th|script|style|textarea|title|xmp|plaintext|noscript|iframe|noembed"
    r"|noframes|select|option|optgroup|template|svg|math|meta|link|base)\b|<[!?]",
    re.I,
)
_BATCH_KEY = "data-sheetparse-fragment"
#: a fragment with this many tags is read on its own: nested near libxml2's depth limit, the
#: one level its container adds could change what the parser keeps of it
_BATCH_MAX_TAGS = 128


def _parse_together(fragments: Sequence[str]) -> list[etree._Element] | None:
    """Each fragment's wrapper as :func:`_fragment` gives it, from ONE parse of a page that
    holds every fragment in a ``<div>`` of its own; None where the page does not come out
    as exactly those divs, in order, with nothing between them (a fragment that did not
    stay inside its own): those fragments are then parsed one by one."""
    page = "".join(f'<div {_BATCH_KEY}="{k}">{f}</div>' for k, f in enumerate(fragments))
    try:
        root = etree.fromstring(f"<html><body>{page}</body></html>", _FRAGMENT_PARSER)
    except (etree.ParserError, ValueError):
        return None
    if root is None or root.tag != "html" or len(root) != 1 or root[0].tag != "body":
        return None
    body = root[0]
    if body.text or len(body) != len(fragments):
        return None
    for k, div in enumerate(body):
        if div.tag != "div" or div.get(_BATCH_KEY) != str(k) or div.tail:
            return None
    wrappers = list(body)
    for div in wrappers:
        if not (div.text and div.text.strip()):
            div.text = None  # as _fragment drops a fragment's leading white space
    return wrappers


def parts_from_fragments(fragments: Sequence[str]) -> list[tuple[Part, ...]]:
    """:func:`parts_from_fragment` of each fragment, those with markup parsed together in one
    page: a Markdown document's cells with inline HTML cost one parse, not one each."""
    batch = [
        k
        for k, f in enumerate(fragments)
        if ("<" in f or "&" in f)
        and not _FULL_HTML.match(f)
        and _APART.search(f) is None
        and f.count("<") < _BATCH_MAX_TAGS
    ]
    wrappers = _parse_together([fragments[k] for k in batch]) if len(batch) > 1 else None
    done: dict[int, tuple[Part, ...]] = {}
    if wrappers is not None:
        done = {k: parts_from_element(w) for k, w in zip(batch, wrappers, strict=True)}
    return [done[k] if k in done else parts_from_fragment(f) for k, f in enumerate(fragments)]
