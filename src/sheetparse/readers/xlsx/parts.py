"""The parts of an .xlsx package the Excel reader reads itself, beside openpyxl's fast
read-only cell stream: each worksheet's layout (merged ranges, hidden rows and columns, printed
headers and footers) and the text of its shapes.

Shapes (図形・テキストボックス) matter: cities often caption a photograph (``▲…``) or add a
note in a text box laid over the sheet, and openpyxl does not read shapes, so their text is
returned with the cell each shape's top-left corner is anchored to, for the reader to place in
reading order instead of dropping it. The XML parsers resolve no entities and touch no network.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field

from lxml import etree

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_ANCHORS = (f"{{{_XDR}}}twoCellAnchor", f"{{{_XDR}}}oneCellAnchor", f"{{{_XDR}}}absoluteAnchor")


@dataclass(slots=True)
class SheetLayout:
    """What a worksheet's XML says besides its cells (1-based rows and columns)."""

    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    #: (text, "running-header" | "running-footer") as printed, field codes included
    header_footer: list[tuple[str, str]] = field(default_factory=list)
    #: where the sheet hides rows by default (``zeroHeight``): the only rows shown
    rows_shown_only: set[int] | None = None

    def row_hidden(self, row: int) -> bool:
        if row in self.hidden_rows:
            return True
        return self.rows_shown_only is not None and row not in self.rows_shown_only


@dataclass(frozen=True, slots=True)
class ShapeText:
    """The paragraphs of one shape, anchored at a 1-based (row, column) of its worksheet."""

    row: int
    col: int
    paragraphs: tuple[str, ...]


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
    )


def _xml(z: zipfile.ZipFile, name: str) -> etree._Element | None:
    try:
        return etree.fromstring(z.read(name), _parser())
    except (KeyError, etree.XMLSyntaxError, ValueError):
        return None


def _rels(z: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """A part's relationships: id → (type, resolved target part name)."""
    folder, name = posixpath.split(part)
    root = _xml(z, posixpath.join(folder, "_rels", name + ".rels"))
    out: dict[str, tuple[str, str]] = {}
    if root is None:
        return out
    for rel in root.iter(f"{{{_PKG_REL}}}Relationship"):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External":
            continue
        resolved = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        out[rel.get("Id") or ""] = (rel.get("Type") or "", resolved)
    return out


def _paragraphs(anchor: etree._Element) -> tuple[str, ...]:
    out = []
    for body in anchor.iter(f"{{{_XDR}}}txBody"):
        for p in body.iter(f"{{{_A}}}p"):
            lines = [""]
            for node in p.iter(f"{{{_A}}}t", f"{{{_A}}}br"):
                if node.tag == f"{{{_A}}}br":
                    lines.append("")
                else:
                    lines[-1] += node.text or ""
            out += [line for line in lines if line.strip()]
    return tuple(out)


def _int(text: str | None) -> int:
    try:
        return max(0, int((text or "0").strip()))
    except ValueError:
        return 0


def sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet name → its part name in the package."""
    out: dict[str, str] = {}
    workbook = _xml(z, "xl/workbook.xml")
    if workbook is None:
        return out
    rels = _rels(z, "xl/workbook.xml")
    for sheet in workbook.iter(f"{{{_MAIN}}}sheet"):
        rid = sheet.get(f"{{{_REL}}}id") or ""
        if rid in rels:
            out[sheet.get("name") or ""] = rels[rid][1]
    return out


def _ref(ref: str) -> tuple[int, int]:
    """``B12`` → (12, 2)."""
    letters = "".join(ch for ch in ref if ch.isalpha()).upper()
    digits = "".join(ch for ch in ref if ch.isdigit())
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return _int(digits), col


def sheet_layout(z: zipfile.ZipFile, part: str | None) -> SheetLayout:
    """Merged ranges, hidden rows and columns, headers and footers of one worksheet part."""
    out = SheetLayout()
    if part is None:
        return out
    try:
        source = z.open(part)
    except KeyError:
        return out
    m = f"{{{_MAIN}}}"
    zero_height = False
    shown_rows: set[int] = set()
    with source:
        try:
            wanted = [
                f"{m}{t}"
                for t in ("row", "sheetFormatPr", "col", "mergeCell", "oddHeader", "oddFooter")
            ]
            for _, el in etree.iterparse(
                source,
                events=("end",),
                tag=wanted,
                resolve_entities=False,
                no_network=True,
                huge_tree=False,
                load_dtd=False,
            ):
                tag = el.tag
                if tag == f"{m}row":
                    r = _int(el.get("r"))
                    hidden = el.get("hidden") in ("1", "true")
                    height = el.get("ht")
                    if hidden or (
                        el.get("customHeight") in ("1", "true") and height and _float(height) <= 0
                    ):
                        out.hidden_rows.add(r)
                    elif zero_height and (height or el.get("hidden") in ("0", "false")):
                        shown_rows.add(r)
                    el.clear(keep_tail=True)
                elif tag == f"{m}sheetFormatPr":
                    zero_height = el.get("zeroHeight") in ("1", "true")
                elif tag == f"{m}col":
                    width = el.get("width")
                    if el.get("hidden") in ("1", "true") or (
                        el.get("customWidth") in ("1", "true") and width and _float(width) <= 0
                    ):
                        lo, hi = _int(el.get("min")), _int(el.get("max"))
                        if 0 < lo <= hi and hi - lo < 20_000:
                            out.hidden_cols.update(range(lo, hi + 1))
                elif tag == f"{m}mergeCell":
                    a, _, b = (el.get("ref") or "").partition(":")
                    (r1, c1), (r2, c2) = _ref(a), _ref(b or a)
                    if r1 and c1 and r2 >= r1 and c2 >= c1:
                        out.merges.append((r1, c1, r2, c2))
                elif tag in (f"{m}oddHeader", f"{m}oddFooter") and el.text:
                    reason = "running-header" if tag.endswith("Header") else "running-footer"
                    out.header_footer.append((el.text, reason))
        except etree.XMLSyntaxError:
            pass  # openpyxl's cell stream reports the damage
    if zero_height:  # rows are hidden unless listed with a height of their own
        out.rows_shown_only = shown_rows
    return out


def _float(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 1.0


def sheet_shapes(z: zipfile.ZipFile, part: str | None) -> list[ShapeText]:
    """The text of one worksheet's shapes, in anchor order."""
    shapes: list[ShapeText] = []
    if part is None:
        return shapes
    for kind, target in _rels(z, part).values():
        if not kind.endswith("/drawing"):
            continue
        drawing = _xml(z, target)
        if drawing is None:
            continue
        for anchor in drawing:
            if anchor.tag not in _ANCHORS:
                continue
            paragraphs = _paragraphs(anchor)
            if not paragraphs:
                continue
            start = anchor.find(f"{{{_XDR}}}from")
            row = col = 0
            if start is not None:
                row = _int(start.findtext(f"{{{_XDR}}}row"))
                col = _int(start.findtext(f"{{{_XDR}}}col"))
            shapes.append(ShapeText(row + 1, col + 1, paragraphs))
    return sorted(shapes, key=lambda s: (s.row, s.col))
