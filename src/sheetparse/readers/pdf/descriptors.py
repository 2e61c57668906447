"""Font metrics read straight from a PDF's bytes: the ``Descent`` the text logic's glyph boxes
are built on, and the vertical metrics of fonts that write top to bottom.

A glyph's box runs from the font's descent below the baseline to one em above it, the descent
taken from the font's ``FontDescriptor`` (as pdfminer does). PDFium does not expose font
dictionaries, and where a descriptor says ``/Ascent 0 /Descent 0`` (LibreOffice writes that)
PDFium substitutes the font program's own metrics, which would move every glyph box of such a
font by a tenth of an em. This module finds the descriptors in the file — plain objects and
those packed in Flate-compressed object streams — and reads ``FontName``, ``Ascent`` and
``Descent`` from each, without a general PDF parser: a descriptor is a small flat dictionary.
The guard (:mod:`.guard`) has already checked that no stream inflates past the limit.

A vertical-writing CID font (a Type0 font whose CMap is ``Identity-V`` or another ``…-V``)
places each glyph by its vertical metrics: ``/W2`` per CID and ``/DW2`` by default (the
origin's height and the advance downwards). PDFium applies them but does not say which fonts
are vertical nor what their metrics are, so :func:`cid_fonts` reads the Type0 fonts and their
descendant CIDFonts here too, following references between objects (plain ones and those in
object streams).
"""

from __future__ import annotations

import re
import zlib
from bisect import bisect_right
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
    return [inflated for _, inflated in _object_streams_with_heads(data)]


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


#: an object's header ``N G obj``, N not part of a longer number: the first digit comes first,
#: so that the scan skips to digits (a leading look-behind would be tried at every byte)
_OBJ = re.compile(rb"(\d(?<![\d.]\d)\d*)\s+(\d+)\s+obj\b")


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


# --- vertical writing -----------------------------------------------------------------------

_TYPE0 = re.compile(rb"/Subtype\s*/Type0\b")
_REF = rb"(\d+)\s+(\d+)\s+R\b"
_ENCODING_NAME = re.compile(rb"/Encoding\s*/([^\s/\[\]<>(){}%]+)")
_ENCODING_REF = re.compile(rb"/Encoding\s+" + _REF)
_CMAPNAME = re.compile(rb"/CMapName\s*/([^\s/\[\]<>(){}%]+)")
_DESCENDANTS = re.compile(rb"/DescendantFonts\s*(?:\[\s*" + _REF + rb"|" + _REF + rb")")
_FIRST_REF = re.compile(_REF)
_BASEFONT = re.compile(rb"/BaseFont\s*/([^\s/\[\]<>(){}%]+)")
_N = re.compile(rb"/N\s+(\d+)")
_FIRST = re.compile(rb"/First\s+(\d+)")
_OBJ_KEYWORD = re.compile(rb"obj\b")
_OBJ_HEAD = re.compile(rb"(?<![\d.])(\d+)\s+\d+\s+\Z")
#: a CMap that may write vertically, named as a font's encoding or an embedded CMap's name
_VERTICAL_HINT = re.compile(rb"/(?:Encoding|CMapName)\s*/[^\s/\[\]<>(){}%]*V(?![^\s/\[\]<>(){}%])")
_TOKEN = re.compile(rb"\[|\]|[-+]?(?:\d+\.?\d*|\.\d+)")
#: pdfminer's default /DW2: the origin 880 units above the glyph's bottom, advance 1000 down
DEFAULT_DW2 = (880.0, -1000.0)


@dataclass(frozen=True, slots=True)
class VerticalMetrics:
    """A vertical-writing CID font's metrics in font units (thousandths of an em): ``vy`` and
    ``w1`` from ``/DW2`` (the default origin's height, the default advance, usually negative:
    downwards) and ``/W2`` by CID: (advance, origin x, origin y)."""

    vy: float
    w1: float
    w2: dict[int, tuple[float, float, float]]

    def by_origin(self) -> dict[int, tuple[float, tuple[float, ...]]]:
        """``/W2``'s origin x values (rounded to a unit, as PDFium keeps them) → the exact
        value and the advances of the CIDs with that origin."""
        out: dict[int, tuple[float, set[float]]] = {}
        for w1, vx, _ in self.w2.values():
            out.setdefault(round(vx), (vx, set()))[1].add(w1)
        return {k: (vx, tuple(sorted(ws))) for k, (vx, ws) in out.items()}


class _Objects:
    """The file's objects by number, for following references: plain ``N G obj`` ones (the
    last definition wins, as after an incremental update) and those packed in object
    streams."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.starts: list[int] = []
        self.plain: dict[int, int] = {}
        for m in _OBJ_KEYWORD.finditer(data):  # faster than _OBJ over a whole file
            head = _OBJ_HEAD.search(data, max(0, m.start() - 24), m.start())
            if head is not None:
                self.starts.append(m.end())
                self.plain[int(head.group(1))] = m.end()
        self.packed: dict[int, bytes] = {}
        if _OBJSTM.search(data):
            for head, inflated in _object_streams_with_heads(data):
                self._unpack(head, inflated)

    def _unpack(self, head: bytes, inflated: bytes) -> None:
        n = _N.search(head)
        first = _FIRST.search(head)
        if n is None or first is None:
            return
        start = int(first.group(1))
        nums = _numbers(inflated[:start])
        count = min(len(nums) // 2, int(n.group(1)))
        pairs = [(int(nums[2 * i]), int(nums[2 * i + 1])) for i in range(count)]
        for k, (num, at) in enumerate(pairs):
            end = pairs[k + 1][1] if k + 1 < len(pairs) else len(inflated) - start
            self.packed.setdefault(num, inflated[start + at : start + end])

    def _plain_text(self, at: int) -> bytes:
        end = self.data.find(b"endobj", at)
        return self.data[at : end if end >= 0 else None]

    def text(self, num: int) -> bytes:
        """An object's source text (b'' where it is not found)."""
        if num in self.plain:
            return self._plain_text(self.plain[num])
        return self.packed.get(num, b"")

    def holding(self, pos: int) -> bytes:
        """The text of the plain object that holds position ``pos`` of the file."""
        k = bisect_right(self.starts, pos) - 1
        return self._plain_text(self.starts[k]) if k >= 0 else b""


def _top_level(text: bytes, start: int) -> bytes:
    """The dictionary opening at ``start`` (its ``<<``), with the dictionaries nested in it
    cut out."""
    depth = 0
    out: list[bytes] = []
    cur = start
    for m in _BRACKETS.finditer(text, start):
        if depth == 1:
            out.append(text[cur : m.start()])
        if m.group() == b"<<":
            depth += 1
        else:
            depth -= 1
            if depth <= 0:
                break
        cur = m.end()
    return b" ".join(out)


def _first_dict(text: bytes) -> bytes:
    at = text.find(b"<<")
    return _top_level(text, at) if at >= 0 else b""


def _object_streams_with_heads(data: bytes) -> list[tuple[bytes, bytes]]:
    """(dictionary text, inflated contents) of the file's Flate-compressed object streams."""
    out = []
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 1024) : m.start()]
        cut = head.rfind(b"obj")
        head = head[cut:] if cut >= 0 else head
        if not _OBJSTM.search(head) or not _FLATE.search(head):
            continue
        end = data.find(b"endstream", m.end())
        try:
            inflated = zlib.decompressobj().decompress(data[m.end() : end if end >= 0 else None])
        except zlib.error:
            continue
        out.append((head, inflated))
    return out


def _array(text: bytes, key: bytes, objects: _Objects) -> list[object] | None:
    """The array under ``key`` in a dictionary's text (following a reference), as nested
    lists of numbers; None where the key is absent or not an array."""
    m = re.search(re.escape(key) + rb"(?![A-Za-z0-9])\s*(?:" + _REF + rb"|\[)", text)
    if m is None:
        return None
    if m.group(1) is not None:  # a reference to an array object
        text = objects.text(int(m.group(1)))
        at = text.find(b"[")
        if at < 0:
            return None
    else:
        at = m.end() - 1
    stack: list[list[object]] = []
    for t in _TOKEN.finditer(text, at):
        tok = t.group()
        if tok == b"[":
            stack.append([])
        elif tok == b"]":
            done = stack.pop()
            if not stack:
                return done
            stack[-1].append(done)
        else:
            stack[-1].append(float(tok))
    return None


def _widths2(seq: list[object]) -> dict[int, tuple[float, float, float]]:
    """``/W2`` by CID, read as pdfminer reads it (``get_widths2``): ``c [w1 vx vy …]`` and
    ``c_first c_last w1 vx vy``."""
    out: dict[int, tuple[float, float, float]] = {}
    r: list[float] = []
    for v in seq:
        if isinstance(v, list):
            if r:
                c = int(r[-1])
                nums = [x for x in v if isinstance(x, float)]
                for i in range(len(nums) // 3):
                    out[c + i] = (nums[3 * i], nums[3 * i + 1], nums[3 * i + 2])
                r = []
        elif isinstance(v, float):
            r.append(v)
            if len(r) == 5:
                c1, c2, w, vx, vy = r
                for c in range(int(c1), int(c2) + 1):
                    out[c] = (w, vx, vy)
                r = []
    return out


def _is_vertical_cmap(name: str) -> bool:
    """Whether pdfminer writes with this CMap vertically: ``Identity-V`` (also as
    ``DLIdent-V``), ``OneByteIdentityV`` and the predefined ``…-V`` CMaps."""
    return name in ("V", "OneByteIdentityV") or name.endswith("-V")


def _descendant(font: bytes, body: bytes, objects: _Objects) -> bytes:
    """The dictionary of a Type0 font's descendant CIDFont (top level), given the font
    object's text and its dictionary's top level."""
    m = _DESCENDANTS.search(body)
    if m is None:  # written inline in the font's dictionary
        at = font.find(b"/DescendantFonts")
        inner = font.find(b"<<", at)
        return _top_level(font, inner) if at >= 0 and inner >= 0 else b""
    if m.group(1) is not None:
        return _first_dict(objects.text(int(m.group(1))))
    ref = _FIRST_REF.search(objects.text(int(m.group(3))))  # a reference to the array
    return _first_dict(objects.text(int(ref.group(1)))) if ref else b""


def cid_fonts(data: bytes) -> dict[str, list[VerticalMetrics | None]]:
    """Every Type0 font of the file by its descendant's ``BaseFont`` (the name PDFium gives
    it; several fonts may share one): its vertical metrics where it writes vertically, as
    pdfminer decides that (by its CMap's name; an embedded CMap by its ``CMapName``), None
    where it writes horizontally. Empty where no font can write vertically."""
    out: dict[str, list[VerticalMetrics | None]] = {}
    if not _VERTICAL_HINT.search(data) and not (
        _OBJSTM.search(data) and any(_VERTICAL_HINT.search(t) for t in _object_streams(data))
    ):
        return out  # no vertical CMap: every font writes horizontally
    objects = _Objects(data)
    fonts: dict[int, bytes] = {}  # the font objects' texts by where they start
    for m in _TYPE0.finditer(data):
        k = bisect_right(objects.starts, m.start()) - 1
        if k >= 0:
            fonts.setdefault(objects.starts[k], objects.holding(m.start()))
    texts = [*fonts.values(), *(t for t in objects.packed.values() if _TYPE0.search(t))]
    for font in texts:
        body = _first_dict(font)
        if not _TYPE0.search(body):
            continue
        enc = _ENCODING_NAME.search(body)
        if enc is not None:
            cmap = _hex_name(enc.group(1))
        else:
            ref = _ENCODING_REF.search(body)
            name = _CMAPNAME.search(objects.text(int(ref.group(1)))) if ref else None
            cmap = _hex_name(name.group(1)) if name else ""
        desc = _descendant(font, body, objects)
        base = _BASEFONT.search(desc)
        if base is None:
            continue
        metrics: VerticalMetrics | None = None
        if _is_vertical_cmap(cmap):
            dw2 = _array(desc, b"/DW2", objects)
            nums = [v for v in dw2 or () if isinstance(v, float)]
            vy, w1 = (nums[0], nums[1]) if len(nums) >= 2 else DEFAULT_DW2
            w2 = _array(desc, b"/W2", objects)
            metrics = VerticalMetrics(vy, w1, _widths2(w2) if w2 else {})
        out.setdefault(_hex_name(base.group(1)), []).append(metrics)
    return out
