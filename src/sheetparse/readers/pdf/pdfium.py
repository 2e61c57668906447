"""The page interface (:mod:`.backend`) on PDFium, through pypdfium2.

PDFium parses content streams in C++, several times faster than pdfminer. What it gives is
turned into the same :class:`~.backend.PageObjects` the pdfplumber backend builds, so that the
table and text logic above stays one code path and the output is the same:

* **Glyph boxes** as pdfminer computes them: from the glyph's origin, its advance, the text
  matrix and the font's descent (the font descriptor's, read by :mod:`.descriptors`), not
  PDFium's own boxes (the ink or the font program's metrics). Glyphs of vertical-writing
  fonts (``Identity-V``) are boxed by pdfminer's rule for those, from the fonts' ``/W2`` and
  ``/DW2`` (also read by :mod:`.descriptors`: PDFium applies them but does not expose them).
* **Glyphs PDFium's text page leaves out** are put back: PDFium drops a text object drawn again
  over an earlier one (fake bold, so the reader can count and report the doubles itself) and
  replaces a hyphen at the end of a line by a marker; a text object PDFium skipped because its
  glyphs draw nothing (a lone ideographic space) is read from a one-object page.
* **Unmapped glyphs**, which PDFium names by their character code, come out as ``(cid:N)``,
  as pdfminer names them, so the reader reports them the same way.
* **Clipping**, **marked content** (MCIDs mapped to the tagged PDF's paragraphs and list items
  through PDFium's structure tree) and **path classification** (lines, rectangles, the straight
  pieces of other stroked paths) follow :mod:`.device` and pdfminer.

PDFium is not thread-safe: every call runs under one lock.
"""

from __future__ import annotations

import os
import threading
from ctypes import byref, c_double, c_float, c_int, c_uint, create_string_buffer
from dataclasses import dataclass
from pathlib import Path

from .backend import (
    BOOK_PAGES,
    THIN_FILL,
    BackendError,
    Char,
    Color,
    ImageBox,
    PageObjects,
    Rect,
    Segment,
)
from .clip import Box, hidden
from .descriptors import (
    Descriptor,
    VerticalMetrics,
    cid_fonts,
    font_descriptors,
    strip_subset,
    type3_descents,
)
from .filemap import mapped
from .pdfium_c import (
    ERR_PASSWORD,
    ERR_SECURITY,
    FS_MATRIX,
    FS_RECTF,
    OBJECT_TYPE_UNKNOWN,
    PAGEOBJ_FORM,
    PAGEOBJ_IMAGE,
    PAGEOBJ_PATH,
    PAGEOBJ_TEXT,
    SEGMENT_BEZIERTO,
    SEGMENT_MOVETO,
    TEXTRENDERMODE_FILL_STROKE,
    Handle,
    api,
    bare,
)
from .tags import BLOCK_TYPES

_LOCK = threading.RLock()

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
#: deepest nesting of form XObjects followed (PDFium itself stops at a similar depth)
_MAX_FORM_DEPTH = 64
#: code points PDFium may generate between text objects (spaces, line breaks)
_GENERATED = frozenset((0x20, 0x0D, 0x0A))


def _mult(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF's row-vector convention, as pdfminer's ``mult_matrix``)."""
    a, b, c, d, e, f = m
    a1, b1, c1, d1, e1, f1 = n
    return (
        a * a1 + b * c1,
        a * b1 + b * d1,
        c * a1 + d * c1,
        c * b1 + d * d1,
        e * a1 + f * c1 + e1,
        e * b1 + f * d1 + f1,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _rect(m: Matrix, x0: float, y0: float, x1: float, y1: float) -> Box:
    """The bounding box of a rectangle transformed by ``m``."""
    pts = (_apply(m, x0, y0), _apply(m, x0, y1), _apply(m, x1, y0), _apply(m, x1, y1))
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def _corners(m: Matrix, *pts: tuple[float, float]) -> Box:
    """The bounding box of points transformed by ``m``."""
    xs = []
    ys = []
    for px, py in pts:
        qx, qy = _apply(m, px, py)
        xs.append(qx)
        ys.append(qy)
    return min(xs), min(ys), max(xs), max(ys)


def _intersect(a: Box | None, b: Box | None) -> Box | None:
    if a is None:
        return b
    if b is None:
        return a
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


@dataclass(slots=True)
class _TextObj:
    """What the glyphs of one text object share."""

    order: int
    font: int
    size: float
    #: the text matrix (horizontal scaling included) times the enclosing forms' matrices
    matrix: Matrix
    #: the clipping region in pdfminer's page space (None: not clipped)
    clip: Box | None
    mcid: int | None
    #: the holder (page or form) the object sits in, and its index there
    holder: int
    index: int
    #: its bounds in the holder's space (PDFium's, from the glyphs' outlines)
    bounds: Box


#: a glyph as read from the text page: (its object's content order, its index on the text
#: page, its object, its text, its origin x and y, its advance in text space); sorted, the
#: glyphs come in content order
_Glyph = tuple[int, int, int, str, float, float, float]


class _Geometry:
    """A page's size and pdfminer's page transform, with pdfplumber's top-left flip."""

    def __init__(self, page: int) -> None:
        left, b, r, t = c_float(), c_float(), c_float(), c_float()
        if api.FPDFPage_GetMediaBox(page, byref(left), byref(b), byref(r), byref(t)):
            x0, y0, x1, y1 = left.value, b.value, r.value, t.value
        else:  # pdfminer's default where a page has none
            x0, y0, x1, y1 = 0.0, 0.0, 612.0, 792.0
        rotation = api.FPDFPage_GetRotation(page) * 90
        # pdfminer's initial transform (PDFPageInterpreter.process_page)
        if rotation == 90:
            self.ctm: Matrix = (0, -1, 1, 0, -y0, x1)
        elif rotation == 180:
            self.ctm = (-1, 0, 0, -1, x1, y1)
        elif rotation == 270:
            self.ctm = (0, 1, -1, 0, y1, -x0)
        else:
            self.ctm = (1, 0, 0, 1, -x0, -y0)
        # pdfplumber's page box (Page.__init__)
        lo_x, hi_x = sorted((x0, x1))
        lo_y, hi_y = sorted((y0, y1))
        box = (lo_y, lo_x, hi_y, hi_x) if rotation in (90, 270) else (lo_x, lo_y, hi_x, hi_y)
        self.width = box[2] - box[0]
        self.height = box[3] - box[1]
        self.mb_top = -box[1]
        self.off = self.height + self.mb_top


def _read_matrix(obj: Handle, m: FS_MATRIX) -> Matrix:
    if not bare.FPDFPageObj_GetMatrix(obj, byref(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _color(obj: Handle, getter) -> Color:  # type: ignore[no-untyped-def]
    r, g, b, a = c_uint(), c_uint(), c_uint(), c_uint()
    if not getter(obj, byref(r), byref(g), byref(b), byref(a)):
        return None
    return (r.value / 255.0, g.value / 255.0, b.value / 255.0)


def _clip_box(obj: Handle, ctm: Matrix, cache: dict[tuple[int, ...], Box | None]) -> Box | None:
    """The bounding box of the object's clipping paths (intersected), in pdfminer's space.

    Objects drawn under the same clipping state share its paths in PDFium, so the address of
    each path's first point (with the transform) identifies the state: computed once."""
    clip = bare.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    n = bare.FPDFClipPath_CountPaths(clip)
    first = bare.FPDFClipPath_GetPathSegment
    if n == 1:  # the usual case, without a generator
        key = (*ctm, first(clip, 0, 0) or 0)
    else:
        key = (*ctm, *(first(clip, p, 0) or 0 for p in range(n)))
    found = cache.get(key, _UNSEEN)
    if found is not _UNSEEN:
        return found  # type: ignore[return-value]
    box: Box | None = None
    x, y = c_float(), c_float()
    for p in range(n):
        xs: list[float] = []
        ys: list[float] = []
        for s in range(api.FPDFClipPath_CountPathSegments(clip, p)):
            seg = api.FPDFClipPath_GetPathSegment(clip, p, s)
            if seg and api.FPDFPathSegment_GetPoint(seg, byref(x), byref(y)):
                px, py = _apply(ctm, x.value, y.value)
                xs.append(px)
                ys.append(py)
        if xs:
            box = _intersect(box, (min(xs), min(ys), max(xs), max(ys)))
    cache[key] = box
    return box


#: a cache's mark for a key not in it (its values may be None)
_UNSEEN = object()


def _segment(
    a: tuple[float, float], b: tuple[float, float], off: float, width: float, color: Color
) -> Segment:
    """A straight piece from ``a`` to ``b`` (pdfminer's space) in top-left coordinates."""
    (xa, ya), (xb, yb) = a, b
    return Segment(min(xa, xb), off - max(ya, yb), max(xa, xb), off - min(ya, yb), width, color)


def _drop_actual_text(obj: Handle, count: int, done: set[int]) -> None:
    """Remove ``/ActualText`` from the object's ``count`` marked-content properties (in memory
    only).

    PDFium's text page replaces the glyphs of such a span by the replacement text, spread
    evenly over the span; pdfminer reads the glyphs themselves. Chromium wraps every glyph it
    names by a look-alike code point (``⽅``, ``‧``) in one, so without this the reader could
    neither box those glyphs as printed nor report the look-alikes it maps back.

    The objects of one marked-content sequence share its marks (removing the key from one
    removes it for all), so a mark already seen on the page (``done``) is not looked at
    again."""
    for k in range(count):
        mark = api.FPDFPageObj_GetMark(obj, k)
        if not mark or mark in done:
            continue
        done.add(mark)
        if api.FPDFPageObjMark_GetParamValueType(mark, b"ActualText") != OBJECT_TYPE_UNKNOWN:
            api.FPDFPageObjMark_RemoveParam(obj, mark, b"ActualText")


def _widen(obj: Handle) -> None:
    """Make a text object whose glyphs draw nothing (a lone space) visible to the text page.

    PDFium's text page skips a text object whose outline box has no width; pdfminer reads its
    glyphs like any other. Stroked text has its box widened by half the line width, so the
    object is set to fill-and-stroke with a line width of 1 and re-laid out by an identity
    transform. Only the in-memory page changes; the glyph positions do not."""
    api.FPDFTextObj_SetTextRenderMode(obj, TEXTRENDERMODE_FILL_STROKE)
    api.FPDFPageObj_SetStrokeWidth(obj, 1.0)
    api.FPDFPageObj_Transform(obj, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class _Page:
    """One page read: PDFium objects → :class:`PageObjects`."""

    def __init__(self, doc: PdfiumDocument, page: int, number: int) -> None:
        self.doc = doc
        self.page = page
        self.number = number
        self.geo = _Geometry(page)
        self.texts: dict[int, _TextObj] = {}
        self.segments: list[Segment] = []
        self.rects: list[Rect] = []
        self.images: list[ImageBox] = []
        self._m = FS_MATRIX()
        self._m_ref = byref(self._m)
        self._size = c_float()
        self._size_ref = byref(self._size)
        self._bounds = (c_float(), c_float(), c_float(), c_float())
        self._bounds_refs = tuple(byref(v) for v in self._bounds)
        self._holders: dict[int, list[int]] = {}
        self._clips: dict[tuple[int, ...], Box | None] = {}
        #: marked-content marks looked at (see _drop_actual_text)
        self._marks: set[int] = set()

    # --- objects ----------------------------------------------------------------------------

    def walk(self) -> None:
        """Every object of the page, forms entered, in content order."""
        # per open holder: (handle, is a form, object count, next index, form matrix,
        # clip of the form object, marked-content ID of the form object, depth)
        stack: list[list] = []  # type: ignore[type-arg]
        page_ctm = self.geo.ctm
        stack.append(
            [
                Handle(self.page),
                False,
                api.FPDFPage_CountObjects(self.page),
                0,
                _IDENTITY,
                None,
                None,
                0,
                page_ctm,
            ]
        )
        order = 0
        get_object = bare.FPDFPage_GetObject
        get_type = bare.FPDFPageObj_GetType
        while stack:
            top = stack[-1]
            holder, is_form, count, i, form, outer_clip, outer_mcid, depth, ctm = top
            # the holder's objects from the next one on, until a form is entered (the loop
            # ends) or the last one is read (the holder is done)
            while i < count:
                if is_form:
                    found = api.FPDFFormObj_GetObject(holder, i)
                    obj = Handle(found) if found else None
                else:
                    obj = get_object(holder, i)
                i += 1
                if not obj:
                    continue
                kind = get_type(obj)
                if kind == PAGEOBJ_TEXT:
                    self._text(obj, holder, form, ctm, outer_clip, outer_mcid, order)
                    order += 1
                elif kind == PAGEOBJ_PATH:
                    self._path(obj, _mult(_read_matrix(obj, self._m), ctm))
                elif kind == PAGEOBJ_IMAGE:
                    x0, y0, x1, y1 = _rect(_mult(_read_matrix(obj, self._m), ctm), 0, 0, 1, 1)
                    off = self.geo.off
                    self.images.append(ImageBox(x0, off - y1, x1, off - y0))
                elif kind == PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
                    top[3] = i
                    self._enter(stack, obj, form, ctm, outer_clip, outer_mcid, depth)
                    break
            else:
                stack.pop()

    def _enter(
        self,
        stack: list[list],  # type: ignore[type-arg]
        obj: Handle,
        form: Matrix,
        ctm: Matrix,
        outer_clip: Box | None,
        outer_mcid: int | None,
        depth: int,
    ) -> None:
        """Open a form object: its objects are read next (pushed on the walk's stack)."""
        page_ctm = self.geo.ctm
        inner = _mult(_read_matrix(obj, self._m), form)
        clip = _intersect(outer_clip, _clip_box(obj, ctm, self._clips))
        mcid = api.FPDFPageObj_GetMarkedContentID(obj)
        n = max(api.FPDFFormObj_CountObjects(obj), 0)
        stack.append(
            [
                obj,
                True,
                n,
                0,
                inner,
                clip,
                mcid if mcid >= 0 else outer_mcid,
                depth + 1,
                _mult(inner, page_ctm),
            ]
        )

    def _text(
        self,
        obj: Handle,
        holder: Handle,
        form: Matrix,
        ctm: Matrix,
        outer_clip: Box | None,
        outer_mcid: int | None,
        order: int,
    ) -> None:
        fn = bare
        fn.FPDFTextObj_GetFontSize(obj, self._size_ref)
        m = self._m
        if fn.FPDFPageObj_GetMatrix(obj, self._m_ref):
            a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
            if form is not _IDENTITY:
                a, b, c, d, e, f = _mult((a, b, c, d, e, f), form)
        else:
            a, b, c, d, e, f = form
        mcid = fn.FPDFPageObj_GetMarkedContentID(obj) if self.doc._tagged else -1
        key = holder.value or 0
        siblings = self._holders.get(key)
        if siblings is None:
            siblings = self._holders[key] = []
        siblings.append(obj.value)
        marks = fn.FPDFPageObj_CountMarks(obj)
        if marks > 0:
            _drop_actual_text(obj, marks, self._marks)
        r = self._bounds
        fn.FPDFPageObj_GetBounds(obj, *self._bounds_refs)
        bounds = (r[0].value, r[1].value, r[2].value, r[3].value)
        if bounds[2] - bounds[0] < 0.02:
            _widen(obj)
        self.texts[obj.value] = _TextObj(  # type: ignore[index]
            order,
            fn.FPDFTextObj_GetFont(obj) or 0,
            self._size.value,
            (a, b, c, d, e, f),
            _intersect(outer_clip, _clip_box(obj, ctm, self._clips)),
            mcid if mcid >= 0 else outer_mcid,
            key,
            len(siblings) - 1,
            bounds,
        )

    def _path(self, obj: Handle, m: Matrix) -> None:
        fn = bare
        fill, stroke = c_int(), c_int()
        fn.FPDFPath_GetDrawMode(obj, byref(fill), byref(stroke))
        if not fill.value and not stroke.value:
            return
        width = c_float()
        fn.FPDFPageObj_GetStrokeWidth(obj, byref(width))
        scolor = _color(obj, fn.FPDFPageObj_GetStrokeColor)
        ncolor = _color(obj, fn.FPDFPageObj_GetFillColor)
        x, y = c_float(), c_float()
        x_ref, y_ref = byref(x), byref(y)
        # subpaths as pdfminer splits them: ops 'm', 'l', 'c', 'h' with their end points (a
        # Bézier curve's two control points come first, as 'k', which pdfminer does not count)
        subpaths: list[list[tuple[str, float, float]]] = []
        bezier = 0  # points of the current Bézier curve read so far
        for i in range(fn.FPDFPath_CountSegments(obj)):
            seg = fn.FPDFPath_GetPathSegment(obj, i)
            if not seg or not fn.FPDFPathSegment_GetPoint(seg, x_ref, y_ref):
                continue
            kind = fn.FPDFPathSegment_GetType(seg)
            px, py = _apply(m, x.value, y.value)
            if kind == SEGMENT_MOVETO or not subpaths:
                subpaths.append([("m", px, py)])
                bezier = 0
            else:
                sub = subpaths[-1]
                if kind == SEGMENT_BEZIERTO:
                    bezier = bezier % 3 + 1
                    sub.append(("c" if bezier == 3 else "k", px, py))
                else:
                    bezier = 0
                    sub.append(("l", px, py))
                if fn.FPDFPathSegment_GetClose(seg):
                    sx, sy = sub[0][1], sub[0][2]
                    if sub[-1][0] == "l" and abs(px - sx) < 1e-3 and abs(py - sy) < 1e-3:
                        sub.pop()  # the line back to the start that 'h' drew
                    sub.append(("h", sx, sy))
        for sub in subpaths:
            self._subpath(sub, bool(stroke.value), bool(fill.value), width.value, scolor, ncolor)

    def _subpath(
        self,
        sub: list[tuple[str, float, float]],
        stroke: bool,
        fill: bool,
        width: float,
        scolor: Color,
        ncolor: Color,
    ) -> None:
        """One subpath as pdfminer's layout classifies it (``LTLine``, ``LTRect`` or
        ``LTCurve``), kept as the backend keeps those."""
        off = self.geo.off
        if any(op == "k" for op, _, _ in sub):
            sub = [p for p in sub if p[0] != "k"]
        shape = "".join(op for op, _, _ in sub)
        pts = [(px, py) for _, px, py in sub]
        if shape in ("ml", "mlh"):
            if stroke:
                self.segments.append(_segment(pts[0], pts[1], off, width, scolor))
            return
        if shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), (x4, y4) = pts
            closed = (x0, y0) == (x4, y4) or shape == "mlllh"
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
            )
            if closed and square:
                xs = (x0, x1, x2, x3)
                ys = (y0, y1, y2, y3)
                self.rects.append(
                    Rect(
                        min(xs),
                        off - max(ys),
                        max(xs),
                        off - min(ys),
                        stroke,
                        fill,
                        width,
                        scolor,
                        ncolor,
                    )
                )
                return
        if not stroke:
            if fill and len(pts) >= 2:
                xs = [x for x, _ in pts]
                ys = [y for _, y in pts]
                if min(max(xs) - min(xs), max(ys) - min(ys)) <= THIN_FILL:
                    # a border drawn as a thin filled polygon (as the pdfplumber backend)
                    self.rects.append(
                        Rect(
                            min(xs),
                            off - max(ys),
                            max(xs),
                            off - min(ys),
                            False,
                            True,
                            0.0,
                            None,
                            ncolor,
                        )
                    )
            return
        # a curve: its straight pieces are rulings
        start = cur = None
        for op, px, py in sub:
            if op == "m":
                start = cur = (px, py)
                continue
            end = start if op == "h" else (px, py)
            if op != "c" and cur is not None and end is not None:
                self.segments.append(_segment(cur, end, off, width, scolor))
            cur = end

    # --- glyphs -----------------------------------------------------------------------------

    def chars(self, blocks: dict[int, int]) -> tuple[list[Char], int]:
        """The page's visible glyphs in content order, and how many were hidden."""
        tp = api.FPDFText_LoadPage(self.page)
        if not tp:
            raise BackendError("page", f"page {self.number}: PDFium could not read its text")
        try:
            raw = self._glyphs(tp)
        finally:
            api.FPDFText_ClosePage(tp)
        seen = {g[2] for g in raw}
        missing = [o for o in self.texts if o not in seen]
        if missing:
            raw.extend(self._recover(missing, raw))
        raw.sort()  # by object (content order), then glyph: no two glyphs share both
        return self._boxes(raw, blocks)

    def _glyphs(self, tp: int) -> list[_Glyph]:
        """Each glyph of the text page as a :data:`_Glyph`, in the text page's order."""
        out: list[_Glyph] = []
        n = api.FPDFText_CountChars(tp)
        ox, oy = c_double(), c_double()
        ox_ref, oy_ref = byref(ox), byref(oy)
        rect = FS_RECTF()
        rect_ref = byref(rect)
        texts = self.texts
        h = Handle(tp)
        fn = bare
        get_obj = fn.FPDFText_GetTextObject
        get_unicode = fn.FPDFText_GetUnicode
        map_error = fn.FPDFText_HasUnicodeMapError
        get_origin = fn.FPDFText_GetCharOrigin
        get_box = fn.FPDFText_GetLooseCharBox
        vertical = self.doc.vertical if self.doc.writes_vertically() else None
        last: _Glyph | None = None
        for i in range(n):
            obj = get_obj(h, i)
            info = texts.get(obj)
            if info is None:
                continue  # a generated space or line break
            u = get_unicode(h, i)
            if u in _GENERATED and fn.FPDFText_IsGenerated(h, i):
                continue
            if u == 2 and fn.FPDFText_IsHyphen(h, i):
                text = "-"  # PDFium marks a hyphen that ends a line; it was printed as '-'
            elif map_error(h, i):
                text = f"(cid:{u})"
            else:
                text = chr(u) if u < 0x110000 else "\ufffd"
            get_origin(h, i, ox_ref, oy_ref)
            get_box(h, i, rect_ref)
            a = info.matrix[0]
            # the loose box spans the advance along x; rotated text: the font's width
            adv = (rect.right - rect.left) / a if abs(a) > 1e-9 else self._advance(info, text)
            x, y = ox.value, oy.value
            if (
                last is not None
                and last[2] == obj
                and last[4] == x
                and last[5] == y
                and last[6] == adv
                and (vertical is None or vertical(info.font, text) is None)
            ):
                # one glyph PDFium split into several characters: a ligature (ﬁ) or a glyph
                # the font maps to several (fi); one glyph, one box (not in a vertical font
                # with no advance, whose glyphs all stand at one origin)
                last = out[-1] = (info.order, last[1], obj, last[3] + text, x, y, adv)
                continue
            last = (info.order, i, obj, text, x, y, adv)
            out.append(last)
        return out

    def _advance(self, info: _TextObj, text: str) -> float:
        """A glyph's advance in text space from the font's widths (for rotated text)."""
        w = c_float()
        if len(text) == 1 and api.FPDFFont_GetGlyphWidth(info.font, ord(text), info.size, byref(w)):
            return w.value
        return 0.0

    def _recover(self, missing: list[int], raw: list[_Glyph]) -> list[_Glyph]:
        """Glyphs of text objects the text page left out (see the module docstring)."""
        by_obj: dict[int, list[_Glyph]] = {}
        for g in raw:
            by_obj.setdefault(g[2], []).append(g)
        out: list[_Glyph] = []
        for obj in sorted(missing, key=lambda o: self.texts[o].order):
            twin = self._twin(obj, by_obj)
            if twin is None:
                continue
            src = self.texts[twin]
            dst = self.texts[obj]
            dx = dst.matrix[4] - src.matrix[4]
            dy = dst.matrix[5] - src.matrix[5]
            copies = [
                (dst.order, i, obj, text, x + dx, y + dy, adv)
                for _, i, _, text, x, y, adv in by_obj[twin]
            ]
            by_obj[obj] = copies
            out.extend(copies)
        return out

    def _twin(self, obj: int, by_obj: dict[int, list[_Glyph]]) -> int | None:
        """The earlier text object PDFium found this one to repeat (up to five back among the
        text objects of the same page or form, as PDFium looks), or None."""
        info = self.texts[obj]
        siblings = self._holders[info.holder]
        l0, b0, r0, t0 = info.bounds
        for k in range(info.index - 1, max(info.index - 6, -1), -1):
            other = siblings[k]
            o = self.texts[other]
            if other not in by_obj or o.size != info.size or o.matrix[:4] != info.matrix[:4]:
                continue
            l1, b1, r1, t1 = o.bounds
            if not (r0 <= l0 or t0 <= b0) or not (r1 <= l1 or t1 <= b1):
                # as PDFium: boxes with an area must overlap and be about as wide
                if min(r0, r1) <= max(l0, l1) or min(t0, t1) <= max(b0, b1):
                    continue
                if abs((r1 - l1) - (r0 - l0)) > (r0 - l0) / 2:
                    continue
            # drawn again within about a glyph of itself
            if (
                abs(info.matrix[4] - o.matrix[4]) > info.size
                or abs(info.matrix[5] - o.matrix[5]) > max(info.size, t1 - b1) / 4
            ):
                continue
            return other
        return None

    def _vertical_box(
        self, info: _TextObj, v: VerticalMetrics, text: str, x: float, y: float
    ) -> Box:
        """pdfminer's box of a glyph written vertically (``LTChar`` in vertical mode), from
        PDFium's origin for it.

        Both place the glyph from the pen position, which moves down the column. PDFium's
        origin is the pen less the glyph's vertical origin (vx, vy): ``/W2``'s where the CID
        has an entry, else half its width and ``/DW2``'s vy. pdfminer's box runs across from
        -vx to an em beyond (vx: ``/W2``'s, else half an em) and down from (1000 - vy) above
        the pen by the glyph's advance (``/W2``'s, else ``/DW2``'s), so its top is an em above
        PDFium's origin whatever vy is. A CID is taken to have a ``/W2`` entry where PDFium's
        vx is one of ``/W2``'s: PDFium does not say which CID a glyph is."""
        a, b, c, d, e, f = info.matrix
        fs = info.size
        det = a * d - b * c
        # PDFium's origin in text space, from the object's start
        dx, dy = x - e, y - f
        ox, oy = ((d * dx - c * dy) / det, (a * dy - b * dx) / det) if det else (0.0, 0.0)
        left = -0.5 * fs
        w1 = v.w1
        if v.w2 and fs:
            entry = self.doc.w2_origins(v).get(round(-ox * 1000.0 / fs))
            if entry is not None:
                vx, advances = entry
                left = -vx * fs / 1000.0
                w1 = advances[0] if len(advances) == 1 else self.doc.vertical_advance(info, text)
        top = oy + fs
        bottom = top + w1 * fs / 1000.0
        right = left + fs
        return _corners(
            _mult((a, b, c, d, e, f), self.geo.ctm),
            (left, top),
            (left, bottom),
            (right, top),
            (right, bottom),
        )

    def _boxes(self, raw: list[_Glyph], blocks: dict[int, int]) -> tuple[list[Char], int]:
        """The glyphs' boxes as pdfminer makes them, those hidden left out (and counted).

        What a text object's glyphs share (matrix, font, descent, tag …) is looked up once
        per object: the glyphs come grouped by object."""
        geo = self.geo
        ctm = geo.ctm
        off = geo.off
        width, height, mb_top = geo.width, geo.height, geo.mb_top
        texts = self.texts
        doc = self.doc
        descent = doc.descent
        font_name = doc.font_name
        vertical = doc.vertical if doc.writes_vertically() else None
        # an unrotated page: pdfminer's page transform is a translation
        shift = ctm[:4] == (1, 0, 0, 1)
        ce, cf = ctm[4], ctm[5]
        chars: list[Char] = []
        append = chars.append
        clipped = 0
        last = None
        for _, _, obj, text, x, y, adv in raw:
            if obj != last:
                # what the object's glyphs share (the vertical metrics are the font's, found
                # from its first glyph and kept)
                last = obj
                info = texts[obj]
                a, b, c, d, _, _ = info.matrix
                fs = info.size
                v = vertical(info.font, text) if vertical is not None else None
                if v is None:
                    lo = descent(info.font) * fs
                    hi = lo + fs
                simple = shift and b == 0 and c == 0
                clip = info.clip
                if shift:
                    upright = a * d > 0 and b * c <= 0
                else:
                    m = _mult((a, b, c, d, 0, 0), ctm)
                    upright = m[0] * m[3] > 0 and m[1] * m[2] <= 0
                name = font_name(info.font)
                block = blocks.get(info.mcid) if info.mcid is not None else None
            if v is not None:
                x0, y0, x1, y1 = self._vertical_box(info, v, text, x, y)
            elif simple:
                # pdfminer's box: (0, descent) to (advance, descent + size) in text space
                x0, x1 = x + ce, x + a * adv + ce
                y0, y1 = y + d * lo + cf, y + d * hi + cf
                if x1 < x0:
                    x0, x1 = x1, x0
                if y1 < y0:
                    y0, y1 = y1, y0
            else:
                x0, y0, x1, y1 = _corners(
                    ctm,
                    (x + c * lo, y + d * lo),
                    (x + c * hi, y + d * hi),
                    (x + a * adv + c * lo, y + b * adv + d * lo),
                    (x + a * adv + c * hi, y + b * adv + d * hi),
                )
            if clip is not None and hidden(x0, y0, x1, y1, clip, text):
                clipped += 1
                continue
            top, bottom = off - y1, off - y0
            cx, cy = (x0 + x1) / 2, (top + bottom) / 2
            if not (0 <= cx <= width and mb_top <= cy <= height + mb_top):
                clipped += 1
                continue
            append(
                Char(
                    text,
                    x0,
                    top,
                    x1,
                    bottom,
                    y1 - y0 if v is None else x1 - x0,
                    name,
                    upright,
                    block,
                )
            )
        return chars, clipped


class PdfiumDocument:
    """:class:`~.backend.OpenedPdf` on PDFium (pypdfium2)."""

    #: pages read before the document is opened afresh: PDFium keeps every font it loaded
    #: for as long as the document is open, and a book whose pages bring their own fonts
    #: (pages appended one file after another) would grow with its length
    REOPEN = 10
    #: only a book is opened afresh (:data:`~.backend.BOOK_PAGES`)
    book_pages = BOOK_PAGES

    def __init__(self, data: bytes | Path, password: str = "") -> None:
        self._data = data  # PDFium reads from this buffer for as long as the document is open
        self._password = password.encode() or None
        with _LOCK:
            self._doc = self._load()
            self.page_count = api.FPDF_GetPageCount(self._doc)
            self._tagged = bool(api.FPDFCatalog_IsTagged(self._doc))
        self._read = 0  # pages read since the document was opened
        self._descriptors: dict[str, list[Descriptor]] | None = None
        self._descents: dict[int, float] = {}
        self._type3: set[float | None] | None = None
        self._names: dict[int, str] = {}
        self._cid_fonts: dict[str, list[VerticalMetrics | None]] | None = None
        self._vertical: dict[int, VerticalMetrics | None] = {}
        self._w2: dict[int, dict[int, tuple[float, tuple[float, ...]]]] = {}
        self._block_keys: dict[tuple[int, ...], int] = {}

    def _load(self) -> int:
        data, pw = self._data, self._password
        if isinstance(data, Path):  # PDFium reads the file itself as it needs it
            doc = api.FPDF_LoadDocument(os.fsencode(data), pw)
        else:
            doc = api.FPDF_LoadMemDocument64(data, len(data), pw)
        if not doc:
            err = api.FPDF_GetLastError()
            if err in (ERR_PASSWORD, ERR_SECURITY):
                raise BackendError("encrypted", "PDFium: a password is needed")
            raise BackendError("corrupt", f"PDFium could not open it (error {err})")
        return doc

    def _refresh(self) -> None:
        """Open the document afresh every :attr:`REOPEN` pages (see there); what is cached
        by font handle is forgotten with the fonts."""
        self._read += 1
        if self._read <= self.REOPEN or self.page_count <= self.book_pages:
            return
        api.FPDF_CloseDocument(self._doc)
        self._doc = None
        self._doc = self._load()
        for cache in (self._descents, self._names, self._vertical, self._w2):
            cache.clear()
        self._read = 1

    def page(self, index: int) -> PageObjects:
        with _LOCK:
            if not self._doc:
                raise BackendError("page", "the document is closed")
            self._refresh()
            page = api.FPDF_LoadPage(self._doc, index)
            if not page:
                raise BackendError("page", f"page {index + 1}: PDFium could not load it")
            try:
                p = _Page(self, page, index + 1)
                p.walk()
                blocks = _blocks(page, self._block_keys) if self._tagged else {}
                chars, clipped = p.chars(blocks)
                g = p.geo
                return PageObjects(
                    index + 1, g.width, g.height, chars, p.segments, p.rects, p.images, clipped
                )
            except (BackendError, RecursionError):
                raise
            except Exception as e:
                raise BackendError("page", f"page {index + 1}: {type(e).__name__}: {e}") from e
            finally:
                api.FPDF_ClosePage(page)

    def close(self) -> None:
        with _LOCK:
            if self._doc:
                api.FPDF_CloseDocument(self._doc)
                self._doc = None

    # --- fonts ------------------------------------------------------------------------------

    def font_name(self, font: int) -> str:
        """The font's BaseFont name (Latin-1), or '' where it has none (a Type3 font)."""
        name = self._names.get(font)
        if name is None:
            n = api.FPDFFont_GetBaseFontName(font, None, 0) if font else 0
            buf = create_string_buffer(max(n, 1))
            if n:
                api.FPDFFont_GetBaseFontName(font, buf, n)
            name = self._names[font] = buf.value.decode("latin-1")
        return name

    def writes_vertically(self) -> bool:
        """Whether any font of the document may write vertically (read once)."""
        if self._cid_fonts is None:
            with mapped(self._data) as data:
                self._cid_fonts = cid_fonts(data)
        return bool(self._cid_fonts)

    def vertical(self, font: int, text: str) -> VerticalMetrics | None:
        """The font's vertical metrics where it writes vertically, else None.

        PDFium names a CID font by its descendant's ``BaseFont``, which a horizontal and a
        vertical font may share (a word processor's font and its ``@`` twin subset together);
        then PDFium's width of the glyph tells them apart: a vertical font's is its advance
        down the column, negative, a horizontal one's across."""
        try:
            return self._vertical[font]
        except KeyError:
            pass
        found = (self._cid_fonts or {}).get(self.font_name(font)) or []
        verticals = [m for m in found if m is not None]
        metrics = verticals[0] if verticals else None
        if metrics is not None and len(verticals) < len(found):
            w = c_float()
            width = (
                w.value
                if text and api.FPDFFont_GetGlyphWidth(font, ord(text[0]), 1000.0, byref(w))
                else 0.0
            )
            if width > 0 or (width == 0 and metrics.w1 < 0):
                metrics = None
        self._vertical[font] = metrics
        return metrics

    def w2_origins(self, metrics: VerticalMetrics) -> dict[int, tuple[float, tuple[float, ...]]]:
        """:meth:`VerticalMetrics.by_origin`, computed once per font."""
        key = id(metrics)
        found = self._w2.get(key)
        if found is None:
            found = self._w2[key] = metrics.by_origin()
        return found

    def vertical_advance(self, info: _TextObj, text: str) -> float:
        """A vertical glyph's advance (font units) as PDFium has it, where ``/W2`` alone does
        not tell (PDFium finds the CID back from the character)."""
        w = c_float()
        if text and api.FPDFFont_GetGlyphWidth(info.font, ord(text[0]), 1000.0, byref(w)):
            return w.value
        return 0.0

    def descent(self, font: int) -> float:
        """The font's descent as a share of the em, as pdfminer takes it from the font's
        descriptor (0 where the descriptor gives none; a positive value made negative)."""
        try:
            return self._descents[font]
        except KeyError:
            value = self._descents[font] = self._find_descent(font)
            return value

    def _find_descent(self, font: int) -> float:
        if self._descriptors is None:
            with mapped(self._data) as data:
                self._descriptors = font_descriptors(data)
        name = self.font_name(font)
        if not name:  # a Type3 font (no BaseFont): pdfminer's rule for those, where unambiguous
            if self._type3 is None:
                with mapped(self._data) as data:
                    self._type3 = type3_descents(data)
            if len(self._type3) == 1 and None not in self._type3:
                return next(iter(self._type3))  # type: ignore[return-value]
        found = self._descriptors.get(name)
        if not found and name:
            base = strip_subset(name)
            found = [
                d for key, ds in self._descriptors.items() if strip_subset(key) == base for d in ds
            ]
        values = {-abs(d.descent or 0.0) for d in found or ()}
        if len(values) == 1:
            return values.pop() / 1000.0
        from pdfminer.fontmetrics import FONT_METRICS

        if name in FONT_METRICS:  # a standard font: pdfminer uses its AFM metrics
            return -abs(float(FONT_METRICS[name][0].get("Descent", 0))) / 1000.0
        d = c_float()
        if font and api.FPDFFont_GetDescent(font, 1000.0, byref(d)):
            return -abs(d.value) / 1000.0
        return 0.0


def _blocks(page: int, keys: dict[tuple[int, ...], int]) -> dict[int, int]:
    """MCID → block key for a tagged page: the block-level structure element (paragraph,
    list item, cell …) nearest above each marked-content sequence, keyed by its path of child
    indices from the structure root, which is the same on every page it spans."""
    tree = api.FPDF_StructTree_GetForPage(page)
    if not tree:
        return {}
    out: dict[int, int] = {}
    buf = create_string_buffer(256)
    try:
        stack: list[tuple[int, tuple[int, ...], int | None, int]] = []
        for i in range(api.FPDF_StructTree_CountChildren(tree)):
            child = api.FPDF_StructTree_GetChildAtIndex(tree, i)
            if child:
                stack.append((child, (i,), None, 0))
        while stack:
            elem, path, block, depth = stack.pop()
            if depth > 64:
                continue
            n = api.FPDF_StructElement_GetType(elem, buf, len(buf))
            kind = buf.raw[: max(n - 2, 0)].decode("utf-16-le", "replace") if n else ""
            if kind in BLOCK_TYPES:
                block = keys.setdefault(path, len(keys))
            for k in range(api.FPDF_StructElement_CountChildren(elem)):
                mcid = api.FPDF_StructElement_GetChildMarkedContentID(elem, k)
                if mcid >= 0:
                    if block is not None:
                        out.setdefault(mcid, block)
                    continue
                child = api.FPDF_StructElement_GetChildAtIndex(elem, k)
                if child:
                    stack.append((child, (*path, k), block, depth + 1))
    finally:
        api.FPDF_StructTree_Close(tree)
    return out
