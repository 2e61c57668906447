"""Text that a workbook prints outside its cells: text boxes and shapes (図形・テキストボックス).

Cities often caption a photograph (``▲…``) or add a note in a text box laid over the sheet.
openpyxl does not read shapes, so this module reads each worksheet's drawing part itself and
returns the text of every shape with the cell its top-left corner is anchored to, so that the
Excel reader can place it in reading order instead of dropping it. The XML parser resolves no
entities and touches no network.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_ANCHORS = (f"{{{_XDR}}}twoCellAnchor", f"{{{_XDR}}}oneCellAnchor", f"{{{_XDR}}}absoluteAnchor")


@dataclass(frozen=True, slots=True)
class ShapeText:
    """The paragraphs of one shape, anchored at a 1-based (row, column) of its worksheet."""

    row: int
    col: int
    paragraphs: tuple[str, ...]


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False, dtd_validation=False)


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
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
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


def shape_texts(data: bytes) -> dict[str, list[ShapeText]]:
    """Worksheet name → the text of its shapes, in anchor order; empty where there are none
    or the package cannot be read (the cell reader reports a damaged package)."""
    out: dict[str, list[ShapeText]] = {}
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        return out
    with z:
        workbook = _xml(z, "xl/workbook.xml")
        if workbook is None:
            return out
        sheet_parts = _rels(z, "xl/workbook.xml")
        for sheet in workbook.iter(f"{{{_MAIN}}}sheet"):
            rid = sheet.get(f"{{{_REL}}}id") or ""
            if rid not in sheet_parts:
                continue
            part = sheet_parts[rid][1]
            shapes: list[ShapeText] = []
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
            if shapes:
                out[sheet.get("name") or ""] = sorted(shapes, key=lambda s: (s.row, s.col))
    return out
