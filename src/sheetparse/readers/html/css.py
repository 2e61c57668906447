"""What a page's own styles say about its table cells: rulings, bold, font size.

A workbook saved as a web page (LibreOffice, Excel) prints its whole sheet as one big table and
tells table cells from headings and paragraphs only by their borders, given inline
(``style="border-top: 1px solid"``) or by class in the page's ``<style>`` (``.xl65 {border:
.5pt solid windowtext}``); its headings are bold, larger cells. The HTML reader asks this
module for those facts.
"""

from __future__ import annotations

import re

from lxml import etree

from ...textutil import strip_ws
from .inline import tag_name, text_of

BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.I)


_tag = tag_name


_BORDER_DECL = re.compile(r"border(?:-(?:top|right|bottom|left))?\s*:\s*([^;]+)", re.I)
_NO_BORDER = re.compile(
    r"^\s*(?:none|hidden|0(?:px|pt)?|initial|inherit)\s*(?:!important)?\s*$", re.I
)
_FONT_SIZE = re.compile(r"font-size\s*:\s*([\d.]+)\s*(pt|px)", re.I)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CLASS_SELECTOR = re.compile(r"^\s*(?:td|th)?\.([\w-]+)\s*$")


def _ruled_decls(style: str) -> bool | None:
    """Whether declarations draw a border: True, False, or None where they say nothing."""
    values = _BORDER_DECL.findall(style)
    if not values:
        return None
    return any(not _NO_BORDER.match(v) for v in values)


def _points(style: str) -> float | None:
    m = _FONT_SIZE.search(style)
    if not m:
        return None
    size = float(m.group(1))
    return size * 0.75 if m.group(2).lower() == "px" else size


class PageStyles:
    """What a page's own style sheets say about table cells by class (``.xl65 {border: …}``
    in a workbook saved as a web page): rulings, bold, font size."""

    def __init__(self, root: etree._Element) -> None:
        self.ruled_classes: dict[str, bool] = {}
        self.bold_classes: set[str] = set()
        self.size_classes: dict[str, float] = {}
        for style in root.iter("style"):
            text = re.sub(r"/\*.*?\*/", "", style.text or "", flags=re.S)
            for selectors, decls in _CSS_RULE.findall(text):
                for selector in selectors.split(","):
                    m = _CLASS_SELECTOR.match(selector)
                    if not m:
                        continue
                    name = m.group(1).lower()
                    ruled = _ruled_decls(decls)
                    if ruled is not None:
                        self.ruled_classes[name] = ruled
                    if BOLD_STYLE.search(decls):
                        self.bold_classes.add(name)
                    if (size := _points(decls)) is not None:
                        self.size_classes[name] = size

    def classes(self, el: etree._Element) -> list[str]:
        return (el.get("class") or "").lower().split()

    # (each asks the element's style and classes only where there are any: most cells have
    # neither, and most pages no class rules)

    def ruled(self, td: etree._Element) -> bool | None:
        style = td.get("style")
        inline = _ruled_decls(style) if style else None
        if inline is not None:
            return inline
        if not self.ruled_classes:
            return None
        found = [self.ruled_classes[c] for c in self.classes(td) if c in self.ruled_classes]
        return any(found) if found else None

    def bold(self, el: etree._Element) -> bool:
        style = el.get("style")
        if style and BOLD_STYLE.search(style):
            return True
        return bool(self.bold_classes) and any(c in self.bold_classes for c in self.classes(el))

    def size(self, el: etree._Element) -> float | None:
        style = el.get("style")
        size = _points(style) if style else None
        if size is None and self.size_classes:
            size = next(
                (self.size_classes[c] for c in self.classes(el) if c in self.size_classes), None
            )
        return size


def table_ruled(table: etree._Element) -> bool | None:
    """A table whose ``border``/``rules`` attribute rules every cell."""
    m = re.match(r"\s*(\d+)", table.get("border") or "")
    if m and int(m.group(1)) > 0:
        return True
    if (table.get("rules") or "").lower() == "all":
        return True
    return None


def _outermost(el: etree._Element, tags: tuple[str, ...]) -> list[etree._Element]:
    """Descendants with one of ``tags`` that are not inside another such descendant."""
    out = []
    for d in el.iterdescendants(*tags):
        anc = d.getparent()
        while anc is not None and anc is not el and _tag(anc) not in tags:
            anc = anc.getparent()
        if anc is el:
            out.append(d)
    return out


def cell_heading(td: etree._Element, css: PageStyles) -> int | None:
    """A cell styled as a heading (bold throughout): its level by font size."""
    bold = _tag(td) == "th" or css.bold(td)
    childless = not len(td)  # most cells: no <b>, no <font> inside to look for
    outer = [] if bold or childless else _outermost(td, ("b", "strong"))
    if not bold and not outer:
        return None  # nothing bold (asked first: the cell's text is not needed then)
    total = strip_ws(text_of(td))
    if not total:
        return None
    if not bold and strip_ws("".join(text_of(b) for b in outer)) != total:
        return None
    size = css.size(td)
    for font in () if childless else td.iter("font"):
        m = re.match(r"\s*(\d)", font.get("size") or "")
        if m:
            size = max(
                size or 0,
                {1: 8, 2: 10, 3: 12, 4: 14, 5: 18, 6: 24, 7: 36}[min(7, max(1, int(m.group(1))))],
            )
    if size is not None and size >= 14:
        return 1
    if size is not None and size >= 12:
        return 2
    return 3
