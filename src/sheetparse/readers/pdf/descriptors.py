"""Font descriptors read straight from a PDF's bytes: the ``Descent`` the text logic's glyph
boxes are built on.

A glyph's box runs from the font's descent below the baseline to one em above it, the descent
taken from the font's ``FontDescriptor`` (as pdfminer does). PDFium does not expose font
dictionaries, and where a descriptor says ``/Ascent 0 /Descent 0`` (LibreOffice writes that)
PDFium substitutes the font program's own metrics, which would move every glyph box of such a
font by a tenth of an em. This module finds the descriptors in the file — plain objects and
those packed in Flate-compressed object streams — and reads ``FontName``, ``Ascent`` and
``Descent`` from each, without a general PDF parser: a descriptor is a small flat dictionary.
The guard (:mod:`.guard`) has already checked that no stream inflates past the limit.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

_DESCRIPTOR = re.compile(rb"/Type\s*/FontDescriptor\b")
_NAME = re.compile(rb"/FontName\s*/([^\s/\[\]<>(){}%]+)")
_NUMBER = rb"\s+([-+]?(?:\d+\.?\d*|\.\d+))(?!\s+\d+\s+R)"
_ASCENT = re.compile(rb"/Ascent" + _NUMBER)
_DESCENT = re.compile(rb"/Descent" + _NUMBER)
_TYPE3 = re.compile(rb"/Subtype\s*/Type3\b")
_ARRAY = rb"\s*\[([^\]]*)\]"
_FONTBBOX = re.compile(rb"/FontBBox" + _ARRAY)
_FONTMATRIX = re.compile(rb"/FontMatrix" + _ARRAY)
_DESCRIPTOR_REF = re.compile(rb"/FontDescriptor\s+(\d+)\s+(\d+)\s+R")
_OBJSTM = re.compile(rb"/Type\s*/ObjStm\b")
_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)(?![A-Za-z])")
#: how far a descriptor's dictionary is searched from its ``/Type`` key either way
_REACH = 4096


@dataclass(frozen=True, slots=True)
class Descriptor:
    """What a font descriptor says; ``None`` where a key is missing or not a plain number."""

    ascent: float | None
    descent: float | None


def _hex_name(raw: bytes) -> str:
    """A PDF name with its ``#xx`` escapes decoded (bytes as Latin-1, as PDFium returns it)."""
    out = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
    return out.decode("latin-1")


_BRACKETS = re.compile(rb"<<|>>")


def _dict_around(data: bytes, pos: int, *, nested: bool = False) -> bytes:
    """The innermost ``<< … >>`` holding ``pos``, nested dictionaries cut out (kept with
    ``nested``)."""
    start = data.rfind(b"<<", max(0, pos - _REACH), pos)
    while start > 0 and data[start - 1 : start + 1] == b"<<":  # '<<<' : the outer one
        start -= 1
    if start < 0:
        return b""
    end = min(len(data), pos + _REACH)
    depth = 0
    out: list[bytes] = []
    cur = start
    for m in _BRACKETS.finditer(data, start, end):
        if depth == 1 or (nested and depth > 1):
            out.append(data[cur : m.start()])
        if m.group() == b"<<":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                break
        cur = m.end()
    return b" ".join(out)


def _scan(data: bytes, found: dict[str, list[Descriptor]]) -> None:
    for m in _DESCRIPTOR.finditer(data):
        body = _dict_around(data, m.start())
        name = _NAME.search(body)
        if name is None:
            continue
        ascent = _ASCENT.search(body)
        descent = _DESCENT.search(body)
        found.setdefault(_hex_name(name.group(1)), []).append(
            Descriptor(
                float(ascent.group(1)) if ascent else None,
                float(descent.group(1)) if descent else None,
            )
        )


def _object_streams(data: bytes) -> list[bytes]:
    """The inflated contents of the file's Flate-compressed object streams."""
    out = []
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 1024) : m.start()]
        cut = head.rfind(b"obj")
        head = head[cut:] if cut >= 0 else head
        if not _OBJSTM.search(head) or not _FLATE.search(head):
            continue
        end = data.find(b"endstream", m.end())
        try:
            out.append(zlib.decompressobj().decompress(data[m.end() : end if end >= 0 else None]))
        except zlib.error:
            continue
    return out


def font_descriptors(data: bytes) -> dict[str, list[Descriptor]]:
    """Every font descriptor of the file by ``FontName`` (several fonts may share a name)."""
    found: dict[str, list[Descriptor]] = {}
    _scan(data, found)
    if _OBJSTM.search(data):
        for inflated in _object_streams(data):
            _scan(inflated, found)
    return found


def _numbers(raw: bytes) -> list[float]:
    try:
        return [float(v) for v in raw.split()]
    except ValueError:
        return []


_OBJ = re.compile(rb"(?<![\d.])(\d+)\s+(\d+)\s+obj\b")


def _type3_descent(
    data: bytes, body: bytes, whole: bytes, objects: dict[tuple[bytes, bytes], int]
) -> float | None:
    """pdfminer's descent of a Type3 font (a share of the text-space unit): the bottom of the
    ``FontBBox`` of its descriptor — (0, 0, 0, 0) where the descriptor has none — or of the
    font itself where it has no descriptor, scaled by its ``FontMatrix``."""
    matrix = _FONTMATRIX.search(body)
    m = _numbers(matrix.group(1)) if matrix else []
    if len(m) != 6:
        return None
    vscale = m[1] + m[3]
    if b"/FontDescriptor" in whole:
        ref = _DESCRIPTOR_REF.search(body)
        if ref is not None:
            at = objects.get((ref.group(1), ref.group(2)))
            desc = _dict_around(data, at + 2) if at is not None else b""
        else:
            at = whole.find(b"/FontDescriptor")
            desc = _dict_around(whole, whole.find(b"<<", at) + 2)
        box = _FONTBBOX.search(desc)
        bottom = _numbers(box.group(1))[1:2] if box else [0.0]
    else:
        box = _FONTBBOX.search(body)
        bottom = _numbers(box.group(1))[1:2] if box else [0.0]
    return bottom[0] * vscale if bottom else None


def type3_descents(data: bytes) -> set[float | None]:
    """pdfminer's descent of every Type3 font in the file (None where it cannot be read)."""
    out: set[float | None] = set()
    objects: dict[tuple[bytes, bytes], int] | None = None
    for chunk in (data, *(_object_streams(data) if _OBJSTM.search(data) else ())):
        for m in _TYPE3.finditer(chunk):
            if objects is None:  # where each object starts, for descriptors by reference
                objects = {(o.group(1), o.group(2)): o.end() for o in _OBJ.finditer(data)}
            body = _dict_around(chunk, m.start())
            whole = _dict_around(chunk, m.start(), nested=True)
            out.add(_type3_descent(data, body, whole, objects))
    return out


def strip_subset(name: str) -> str:
    """A font name without its subset tag (``ABCDEF+MS-Gothic`` → ``MS-Gothic``)."""
    return name[7:] if len(name) > 7 and name[6] == "+" else name
