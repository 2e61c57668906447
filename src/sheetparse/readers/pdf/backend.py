"""The small interface between the PDF reader and a PDF library, and its pdfplumber backend.

The table and text logic (:mod:`.pdf_tables`, :mod:`.pdf_text`) sees a page only as
:class:`PageObjects`: its visible characters with font size, bounding box and (in a tagged PDF)
the paragraph or list item they belong to, its stroked line segments (straight pieces of paths
included), its rectangles and its images, in PDF points with the origin at the top-left
(``top`` grows downwards, as in pdfplumber). A faster backend (e.g. one on pypdfium2) only has
to implement :class:`OpenedPdf` and produce the same objects; nothing else changes.

The pdfplumber backend opens the document with pdfplumber and lays each page out with
pdfminer as pdfplumber's ``page.layout`` does, but through a device that also honours clipping
paths and records marked-content IDs (:mod:`.pdf_device`); it converts pdfminer's layout
objects to these light tuples directly, skipping pdfplumber's per-object dictionaries, which
cost a quarter of the parse time.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, Protocol

from .tags import StructureTags

Color = tuple[float, ...] | None


class Char(NamedTuple):
    """One glyph as printed: its text (usually one character), box, font size and font;
    ``block`` identifies the paragraph or list item it belongs to where the PDF is tagged
    (glyphs of different blocks were never wrapped into one another)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str
    upright: bool = True
    block: int | None = None


class Segment(NamedTuple):
    """A straight stroked line segment (a ``LTLine``, or a straight piece of a path)."""

    x0: float
    top: float
    x1: float
    bottom: float
    width: float
    color: Color


class Rect(NamedTuple):
    """A rectangle, stroked (its four edges are drawn) and/or filled."""

    x0: float
    top: float
    x1: float
    bottom: float
    stroke: bool
    fill: bool
    width: float
    stroke_color: Color
    fill_color: Color


class ImageBox(NamedTuple):
    """Where an image is drawn (its pixels are not read)."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(slots=True)
class PageObjects:
    """Everything the reader needs from one page (1-based ``number``).

    ``chars`` holds only glyphs that are visible: a glyph drawn mostly outside the clipping
    path in force (spreadsheet cell text cut at a page break, text overflowing a cell) or
    outside the page is left out and counted in ``clipped``."""

    number: int
    width: float
    height: float
    chars: list[Char]
    segments: list[Segment]
    rects: list[Rect]
    images: list[ImageBox]
    clipped: int = 0


class OpenedPdf(Protocol):
    """An open PDF document as a backend presents it."""

    page_count: int

    def page(self, index: int) -> PageObjects:
        """The objects of page ``index`` (0-based); the page's parse state is released after.
        Raises :class:`BackendError` (kind ``page``) if that page cannot be parsed."""
        ...

    def close(self) -> None: ...


#: a filled shape at most this thick (pt) that is not a rectangle is kept as a filled
#: rectangle of its bounding box: a border drawn as a thin polygon
THIN_FILL = 3.0


class BackendError(Exception):
    """A backend failure, classified so the reader can raise the right SheetParseError."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        #: ``encrypted`` (a password is needed), ``corrupt`` (unreadable structure) or
        #: ``page`` (one page failed to parse; the others may still be read)
        self.kind = kind


def _color(value: object) -> Color:
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return (float(value),)
    if isinstance(value, (tuple, list)) and all(isinstance(v, (int, float)) for v in value):
        return tuple(float(v) for v in value)
    return None  # a pattern or an unresolved colour space: treat as unknown (visible)


#: a PDF of more pages than this is a book (a city's sheets one after another): its pages are
#: read in bounded memory, each backend letting go of what it parsed for earlier pages; a
#: shorter one keeps it all and is read as fast as can be
BOOK_PAGES = 40

#: the read buffer of a PDF file read from disk by pdfminer
_FILE_BUFFER = 1 << 16


class PdfplumberDocument:
    """:class:`OpenedPdf` on pdfplumber (pdfminer.six underneath)."""

    def __init__(self, data: bytes | Path, password: str = "") -> None:
        import pdfplumber

        # a file on disk: pdfminer seeks and reads a few KiB at a time, a larger buffer saves
        # calls (an OSError here is the caller's to report, as for any unreadable file)
        self._file: io.BufferedReader | io.BytesIO = (
            data.open("rb", buffering=_FILE_BUFFER) if isinstance(data, Path) else io.BytesIO(data)
        )
        try:
            self._pdf = pdfplumber.open(self._file, password=password)
            # pages are made one at a time as they are read and let go after (pdfplumber's
            # own list would hold every page's decoded content streams to the end)
            self.page_count = sum(1 for _ in self._page_objs())
            self._pages = self._page_objs()
            self._next = 0
            self._tags = StructureTags(self._pdf.doc)
            self._forgotten: set[object] | None = None  # the objects the cache last let go
            self._shared = False  # whether the pages share what they parse
            self._read = 0  # pages read so far
        except Exception as e:  # pdfminer raises many kinds on damaged files
            self._file.close()
            raise _open_failed(e) from e
        except BaseException:
            self._file.close()
            raise

    def _page_objs(self):  # -> Iterator[PDFPage]
        from pdfminer.pdfpage import PDFPage

        return PDFPage.create_pages(self._pdf.doc)

    def _page(self, index: int):  # -> pdfplumber Page
        from pdfplumber.page import Page

        if index != self._next:  # read out of order: start the page tree over
            self._pages = self._page_objs()
            for _ in range(index):
                next(self._pages)
        self._next = index + 1
        return Page(self._pdf, next(self._pages), page_number=index + 1)

    def page(self, index: int) -> PageObjects:
        try:
            page = self._page(index)
        except Exception as e:
            raise BackendError("page", f"page {index + 1}: {_describe(e)}") from e
        try:
            return _page_objects(page, self._tags.blocks(page.page_obj.attrs))
        except RecursionError:
            raise
        except Exception as e:
            raise BackendError("page", f"page {index + 1}: {_describe(e)}") from e
        finally:
            page.close()
            if hasattr(page, "_layout"):  # pdfplumber keeps the layout; release it
                del page._layout
            self._release()

    #: parsed objects (fonts, streams) kept between pages up to this many, while the pages
    #: are not seen to share them (a book whose pages bring their own fonts)
    CACHE_LIMIT = 50
    #: pages that share what they parse keep it up to this many objects
    SHARED_LIMIT = 20_000
    #: a book's first pages keep all they parse
    KEEP_PAGES = 8

    def _release(self) -> None:
        """Let pdfminer forget the objects it parsed for the pages read so far, once there
        are many, so that memory does not grow with a book's length — unless the pages share
        them (one font subset for the whole document, as browsers print): the next page,
        having to parse many of the forgotten objects again, shows that, and from then on
        they are kept, as re-parsing them for every page would take several times as long."""
        self._read += 1
        doc = self._pdf.doc
        cached = getattr(doc, "_cached_objs", None)
        if cached is None or self.page_count <= BOOK_PAGES or self._read < self.KEEP_PAGES:
            return
        if self._forgotten is not None:  # the first page after forgetting: parsed again?
            again = sum(1 for k in cached if k in self._forgotten)
            self._shared = again >= 10 and again * 4 >= len(cached)
            self._forgotten = None
        limit = self.SHARED_LIMIT if self._shared else self.CACHE_LIMIT
        if len(cached) > limit:
            self._forgotten = set(cached)
            cached.clear()
            getattr(doc, "_parsed_objs", {}).clear()
            getattr(self._pdf.rsrcmgr, "_cached_fonts", {}).clear()

    def close(self) -> None:
        self._pdf.close()
        self._file.close()


def _open_failed(e: Exception) -> BackendError:
    """How a failure to open a document is reported: encrypted, or corrupt."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    cause: BaseException = e
    if isinstance(e, PdfminerException) and e.args and isinstance(e.args[0], BaseException):
        cause = e.args[0]
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return BackendError("encrypted", _describe(cause))
    return BackendError("corrupt", _describe(cause))


def _describe(e: BaseException) -> str:
    inner = e.args[0] if e.args and isinstance(e.args[0], BaseException) else e
    text = str(inner).strip() or type(inner).__name__
    return f"{type(inner).__name__}: {text}" if text != type(inner).__name__ else text


def _page_objects(page, blocks: dict[int, int]) -> PageObjects:  # page: pdfplumber Page
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect

    layout, clipped = _clipped_layout(page)
    width = float(page.width)
    height = float(page.height)
    mb_top = float(page.mediabox[1])
    off = height + mb_top  # top = off - y1, as pdfplumber computes it
    chars: list[Char] = []
    segments: list[Segment] = []
    rects: list[Rect] = []
    images: list[ImageBox] = []
    stack = [iter(layout._objs)]
    while stack:
        for obj in stack[-1]:
            if isinstance(obj, LTChar):
                top, bottom = off - obj.y1, off - obj.y0
                cx, cy = (obj.x0 + obj.x1) / 2, (top + bottom) / 2
                if not (0 <= cx <= width and mb_top <= cy <= height + mb_top):
                    clipped += 1  # drawn off the page
                    continue
                font = obj.fontname
                if isinstance(font, bytes):
                    font = font.decode("latin-1", "replace")
                mcid = getattr(obj, "mcid", None)
                chars.append(
                    Char(
                        obj._text,
                        obj.x0,
                        top,
                        obj.x1,
                        bottom,
                        obj.size,
                        font,
                        obj.upright,
                        blocks.get(mcid) if mcid is not None else None,
                    )
                )
            elif isinstance(obj, LTRect):
                rects.append(
                    Rect(
                        obj.x0,
                        off - obj.y1,
                        obj.x1,
                        off - obj.y0,
                        bool(obj.stroke),
                        bool(obj.fill),
                        float(obj.linewidth or 0),
                        _color(obj.stroking_color),
                        _color(obj.non_stroking_color),
                    )
                )
            elif isinstance(obj, LTLine):
                if obj.stroke:
                    segments.append(
                        Segment(
                            obj.x0,
                            off - obj.y1,
                            obj.x1,
                            off - obj.y0,
                            float(obj.linewidth or 0),
                            _color(obj.stroking_color),
                        )
                    )
            elif isinstance(obj, LTCurve):
                if obj.stroke:
                    segments.extend(_straight_pieces(obj, off))
                elif obj.fill and min(obj.width, obj.height) <= THIN_FILL:
                    # a border drawn as a thin filled polygon, not quite a rectangle
                    # (LibreOffice, around a cell with a diagonal border)
                    rects.append(
                        Rect(
                            obj.x0,
                            off - obj.y1,
                            obj.x1,
                            off - obj.y0,
                            False,
                            True,
                            0.0,
                            None,
                            _color(obj.non_stroking_color),
                        )
                    )
            elif isinstance(obj, LTImage):
                images.append(ImageBox(obj.x0, off - obj.y1, obj.x1, off - obj.y0))
            elif isinstance(obj, LTContainer):  # a form XObject (LTFigure): its children
                stack.append(iter(obj._objs))
                break
        else:
            stack.pop()
    return PageObjects(page.page_number, width, height, chars, segments, rects, images, clipped)


def _clipped_layout(page):  # -> tuple[LTPage, int]
    """pdfminer's layout of a page (as pdfplumber's ``page.layout``), with glyphs that the
    clipping path hides left out; returns the layout and how many glyphs were hidden."""
    from .device import ClipAggregator, ClipInterpreter

    device = ClipAggregator(page.pdf.rsrcmgr, pageno=page.page_number, laparams=None)
    ClipInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    return device.get_result(), device.clipped


def _straight_pieces(curve, off: float) -> list[Segment]:
    """The straight (``l``/``h``) pieces of a stroked path, e.g. a polyline border."""
    out = []
    color = _color(curve.stroking_color)
    width = float(curve.linewidth or 0)
    start = cur = None
    for seg in curve.original_path or []:
        op, pts = seg[0], [p for p in seg[1:] if isinstance(p, tuple) and len(p) == 2]
        if op == "m" and pts:
            start = cur = pts[-1]
            continue
        if op == "h":
            end = start
        elif op == "l" and pts:
            end = pts[-1]
        else:  # a Bézier piece: not a ruling; move on from its end point
            cur = pts[-1] if pts else cur
            continue
        if cur is not None and end is not None:
            (xa, ya), (xb, yb) = cur, end
            out.append(
                Segment(
                    min(xa, xb), off - max(ya, yb), max(xa, xb), off - min(ya, yb), width, color
                )
            )
        cur = end
    return out


#: the page-interface implementations: pdfplumber (pdfminer.six) and PDFium (pypdfium2); PDFium,
#: which gives the same result several times faster, is the default
BACKENDS = ("pdfplumber", "pdfium")
DEFAULT_BACKEND = "pdfium"


def check_backend(backend: str | None) -> str:
    """The backend's name (the default for None); ValueError for an unknown one."""
    if backend is None:
        return DEFAULT_BACKEND
    if backend not in BACKENDS:
        raise ValueError(f"unknown PDF backend {backend!r}; choose from {', '.join(BACKENDS)}")
    return backend


def open_pdf(data: bytes | Path, password: str = "", backend: str | None = None) -> OpenedPdf:
    """Open a PDF, given as bytes or as its path, with the named backend (the default for
    None)."""
    if check_backend(backend) == "pdfium":
        from .pdfium import PdfiumDocument

        return PdfiumDocument(data, password)
    return PdfplumberDocument(data, password)
