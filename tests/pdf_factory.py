"""A tiny PDF writer for tests: pages with text, rulings, images, clips; Flate streams; RC4
encryption. Independent of the reader under test (it writes PDF syntax by hand).

Coordinates are PDF points with the origin at the top-left (``top`` grows downwards), as the
reader reports them; the writer converts to PDF's bottom-left user space. All text uses one
Type0 font (Identity-H, no embedded program) whose ToUnicode CMap maps each glyph to the
character written, so any code point, look-alikes included, can be put on a page. CJK
characters are 1 em wide, others half an em.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from dataclasses import dataclass, field

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _wide(ch: str) -> bool:
    o = ord(ch)
    return o >= 0x2E80 or 0x1100 <= o <= 0x11FF


def rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


@dataclass
class Page:
    width: float = 595.0
    height: float = 842.0
    ops: list[tuple] = field(default_factory=list)

    def text(self, x: float, top: float, s: str, size: float = 10.0) -> Page:
        """Text with its top-left corner at (x, top) (baseline at top + 0.88 em)."""
        self.ops.append(("text", x, top, s, size))
        return self

    def line(self, x0: float, top: float, x1: float, bottom: float, width: float = 0.5) -> Page:
        self.ops.append(("line", x0, top, x1, bottom, width))
        return self

    def rect(
        self,
        x0: float,
        top: float,
        x1: float,
        bottom: float,
        *,
        fill: bool = False,
        stroke: bool = True,
        gray: float = 0.0,
    ) -> Page:
        self.ops.append(("rect", x0, top, x1, bottom, fill, stroke, gray))
        return self

    def box(self, x0: float, top: float, x1: float, bottom: float) -> Page:
        """A cell's four edges as separate stroked lines."""
        self.line(x0, top, x1, top).line(x0, bottom, x1, bottom)
        return self.line(x0, top, x0, bottom).line(x1, top, x1, bottom)

    def polyline(self, points: list[tuple[float, float]], close: bool = True) -> Page:
        """One stroked path through the points (top-left coordinates), closed with ``h``."""
        self.ops.append(("poly", tuple(points), close))
        return self

    def image(self, x0: float, top: float, x1: float, bottom: float) -> Page:
        self.ops.append(("image", x0, top, x1, bottom))
        return self

    def clip(self, x0: float, top: float, x1: float, bottom: float) -> Page:
        """Start a clipped group (until :meth:`unclip`)."""
        self.ops.append(("clip", x0, top, x1, bottom))
        return self

    def unclip(self) -> Page:
        self.ops.append(("unclip",))
        return self


def make_pdf(
    pages: list[Page],
    *,
    compress: bool = True,
    user_password: str | None = None,
    owner_password: str = "owner",
    extra_stream: bytes | None = None,
) -> bytes:
    """The PDF bytes. ``user_password`` encrypts it (RC4, 40-bit, revision 2); ``""`` is an
    empty user password (opens without one). ``extra_stream`` adds an unused stream object
    (e.g. a highly compressible one for the stream-size limit)."""
    chars: dict[str, int] = {}
    for pg in pages:
        for op in pg.ops:
            if op[0] == "text":
                for ch in op[3]:
                    chars.setdefault(ch, len(chars) + 1)
    objs: list[bytes | None] = [None]  # 1-based object numbers

    def add(body: bytes | None = None) -> int:
        objs.append(body)
        return len(objs) - 1

    catalog, pages_id, font, cidfont, fdesc, tounicode, image = (add() for _ in range(7))
    page_ids = []
    content_ids = []
    for _ in pages:
        page_ids.append(add())
        content_ids.append(add())
    streams: dict[int, bytes] = {}

    def hexstr(s: str) -> bytes:
        return b"<" + "".join(f"{chars[c]:04X}" for c in s).encode() + b">"

    for pg, pid, cid in zip(pages, page_ids, content_ids, strict=True):
        h = pg.height
        out: list[str] = []
        for op in pg.ops:
            kind = op[0]
            if kind == "text":
                _, x, top, s, size = op
                out.append(
                    f"BT /F1 {size:g} Tf 1 0 0 1 {x:.2f} {h - top - 0.88 * size:.2f} Tm "
                    f"{hexstr(s).decode()} Tj ET"
                )
            elif kind == "line":
                _, x0, t, x1, b, w = op
                out.append(f"{w:g} w 0 G {x0:.2f} {h - t:.2f} m {x1:.2f} {h - b:.2f} l S")
            elif kind == "rect":
                _, x0, t, x1, b, fill, stroke, gray = op
                paint = "B" if fill and stroke else "f" if fill else "S"
                out.append(
                    f"{gray:g} g {gray:g} G {x0:.2f} {h - b:.2f} {x1 - x0:.2f} "
                    f"{b - t:.2f} re {paint} 0 g 0 G"
                )
            elif kind == "poly":
                _, points, close = op
                path = " ".join(
                    f"{x:.2f} {h - y:.2f} {'m' if k == 0 else 'l'}"
                    for k, (x, y) in enumerate(points)
                )
                out.append(f"0.5 w 0 G {path}{' h' if close else ''} S")
            elif kind == "image":
                _, x0, t, x1, b = op
                out.append(f"q {x1 - x0:.2f} 0 0 {b - t:.2f} {x0:.2f} {h - b:.2f} cm /Im1 Do Q")
            elif kind == "clip":
                _, x0, t, x1, b = op
                out.append(f"q {x0:.2f} {h - b:.2f} {x1 - x0:.2f} {b - t:.2f} re W n")
            elif kind == "unclip":
                out.append("Q")
        streams[cid] = "\n".join(out).encode("latin-1")
        objs[pid] = (
            f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {pg.width:g} {pg.height:g}] "
            f"/Resources << /Font << /F1 {font} 0 R >> /XObject << /Im1 {image} 0 R >> >> "
            f"/Contents {cid} 0 R >>"
        ).encode()
    objs[catalog] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    kids = " ".join(f"{p} 0 R" for p in page_ids)
    objs[pages_id] = f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode()
    objs[font] = (
        f"<< /Type /Font /Subtype /Type0 /BaseFont /TestGothic /Encoding /Identity-H "
        f"/DescendantFonts [{cidfont} 0 R] /ToUnicode {tounicode} 0 R >>"
    ).encode()
    widths = " ".join(f"{n} [{1000 if _wide(c) else 500}]" for c, n in chars.items())
    objs[cidfont] = (
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestGothic "
        f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor {fdesc} 0 R /DW 1000 /W [{widths}] >>"
    ).encode()
    objs[fdesc] = (
        b"<< /Type /FontDescriptor /FontName /TestGothic /Flags 4 /FontBBox [0 -120 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
    )
    cmap = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CMapName /Test-UCS def /CMapType 2 def",
        "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    items = list(chars.items())
    for i in range(0, len(items), 100):
        chunk = items[i : i + 100]
        cmap.append(f"{len(chunk)} beginbfchar")
        for c, n in chunk:
            utf16 = c.encode("utf-16-be").hex().upper()
            cmap.append(f"<{n:04X}> <{utf16}>")
        cmap.append("endbfchar")
    cmap.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    streams[tounicode] = "\n".join(cmap).encode()
    streams[image] = bytes([128])
    image_dict = (
        b"/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8"
    )
    if extra_stream is not None:
        streams[add()] = extra_stream

    file_id = hashlib.md5(b"sheetparse-test").digest()
    key: bytes | None = None
    encrypt_id = None
    if user_password is not None:
        permissions = -4
        o = rc4(
            hashlib.md5((owner_password.encode() + _PAD)[:32]).digest()[:5],
            (user_password.encode() + _PAD)[:32],
        )
        key = hashlib.md5(
            (user_password.encode() + _PAD)[:32] + o + struct.pack("<i", permissions) + file_id
        ).digest()[:5]
        u = rc4(key, _PAD)
        encrypt_id = add(
            b"<< /Filter /Standard /V 1 /R 2 /O <"
            + o.hex().encode()
            + b"> /U <"
            + u.hex().encode()
            + b"> /P "
            + str(permissions).encode()
            + b" >>"
        )

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = [0] * len(objs)
    for n in range(1, len(objs)):
        offsets[n] = len(out)
        if n in streams:
            data = streams[n]
            filt = b""
            if compress:
                data = zlib.compress(data)
                filt = b" /Filter /FlateDecode"
            if key is not None and n != encrypt_id:
                data = rc4(
                    hashlib.md5(key + struct.pack("<I", n)[:3] + b"\0\0").digest()[:10], data
                )
            head = image_dict if n == image else b""
            body = (
                b"<< " + head + filt + b" /Length " + str(len(data)).encode() + b" >>\n"
                b"stream\n" + data + b"\nendstream"
            )
        else:
            body = objs[n] or b"null"
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs)}\n0000000000 65535 f \n".encode()
    for n in range(1, len(objs)):
        out += f"{offsets[n]:010d} 00000 n \n".encode()
    trailer = (
        f"trailer\n<< /Size {len(objs)} /Root {catalog} 0 R /ID [<{file_id.hex()}> "
        f"<{file_id.hex()}>]"
    )
    if encrypt_id is not None:
        trailer += f" /Encrypt {encrypt_id} 0 R"
    out += (trailer + f" >>\nstartxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def grid(
    page: Page,
    xs: list[float],
    ys: list[float],
    cells: list[tuple[int, int, int, int, list[str]]],
    size: float = 9.0,
    pad: float = 2.0,
) -> Page:
    """A ruled table: ``cells`` are (row, col, rowspan, colspan, lines); each cell's box is
    drawn and its lines written from its top-left corner (``pad`` inside)."""
    for r, c, rs, cs, lines in cells:
        x0, x1, t, b = xs[c], xs[c + cs], ys[r], ys[r + rs]
        page.box(x0, t, x1, b)
        for k, line in enumerate(lines):
            page.text(x0 + pad, t + pad + k * size * 1.3, line, size)
    return page
