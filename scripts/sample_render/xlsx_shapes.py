"""Text boxes (テキストボックス) added to an .xlsx package: openpyxl cannot write shapes, and
cities often caption a photograph in one, so the renderer adds them to the saved package."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from html import escape

_DRAWING_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"
_DRAWING_CT = "application/vnd.openxmlformats-officedocument.drawing+xml"
_NS = (
    'xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
)


@dataclass(frozen=True)
class TextBox:
    """A text box from (row, col) to (row2, col2), 1-based and inclusive of the start cell."""

    row: int
    col: int
    row2: int
    col2: int
    paragraphs: tuple[str, ...]


def _anchor(box: TextBox, n: int) -> str:
    paras = "".join(
        f'<a:p><a:r><a:rPr lang="ja-JP" sz="1000"/><a:t>{escape(p, quote=False)}</a:t></a:r></a:p>'
        for p in box.paragraphs
    )
    return (
        '<xdr:twoCellAnchor editAs="oneCell">'
        f"<xdr:from><xdr:col>{box.col - 1}</xdr:col><xdr:colOff>0</xdr:colOff>"
        f"<xdr:row>{box.row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
        f"<xdr:to><xdr:col>{box.col2}</xdr:col><xdr:colOff>0</xdr:colOff>"
        f"<xdr:row>{box.row2}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
        f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{n + 2}" name="TextBox {n + 1}"/>'
        '<xdr:cNvSpPr txBox="1"/></xdr:nvSpPr>'
        '<xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>'
        "<a:ln><a:noFill/></a:ln></xdr:spPr>"
        f'<xdr:txBody><a:bodyPr wrap="square" rtlCol="0" anchor="t"/><a:lstStyle/>{paras}'
        "</xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>"
    )


def add_text_boxes(package: bytes, boxes: dict[int, list[TextBox]]) -> bytes:
    """The package with text boxes drawn on worksheets (1-based sheet number → boxes)."""
    src = zipfile.ZipFile(io.BytesIO(package))
    parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    order = [i.filename for i in src.infolist()]
    types = parts["[Content_Types].xml"].decode()
    for k, (sheet, items) in enumerate(sorted(boxes.items()), 1):
        drawing = f"xl/drawings/drawing{k}.xml"
        body = "".join(_anchor(b, n) for n, b in enumerate(items))
        parts[drawing] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<xdr:wsDr {_NS}>{body}</xdr:wsDr>"
        ).encode()
        order.append(drawing)
        rels_name = f"xl/worksheets/_rels/sheet{sheet}.xml.rels"
        rel = (
            f'<Relationship Id="rIdDrawing{k}" Type="{_DRAWING_TYPE}" '
            f'Target="/xl/drawings/drawing{k}.xml"/>'
        )
        if rels_name in parts:
            parts[rels_name] = parts[rels_name].replace(
                b"</Relationships>", rel.encode() + b"</Relationships>"
            )
        else:
            parts[rels_name] = (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f"{rel}</Relationships>"
            ).encode()
            order.append(rels_name)
        name = f"xl/worksheets/sheet{sheet}.xml"
        tag = (
            f'<drawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships" r:id="rIdDrawing{k}"/>'
        )
        xml = parts[name].decode()
        m = re.search(r"<(legacyDrawing|tableParts|extLst)\b", xml)
        at = m.start() if m else xml.rindex("</worksheet>")
        parts[name] = (xml[:at] + tag + xml[at:]).encode()
        types = types.replace(
            "</Types>", f'<Override PartName="/{drawing}" ContentType="{_DRAWING_CT}"/></Types>'
        )
    parts["[Content_Types].xml"] = types.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in order:
            info = (
                src.getinfo(name)
                if name in src.namelist()
                else zipfile.ZipInfo(name, date_time=(2026, 3, 31, 9, 0, 0))
            )
            member = zipfile.ZipInfo(name, date_time=info.date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            dst.writestr(member, parts[name])
    return out.getvalue()
