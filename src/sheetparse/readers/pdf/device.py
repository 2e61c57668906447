"""pdfminer's page device and interpreter, extended: clipping paths and marked content.

Marked content: each glyph gets the ``MCID`` of the marked-content sequence it is drawn in
(innermost one that has an ``MCID``), so that a tagged PDF's structure tree (Word, Excel and
browsers write one) can tell which paragraph or list item a printed line belongs to.

Clipping:

pdfminer ignores clipping paths (``W n``), so text a PDF draws but clips away comes out as if
it were printed. Spreadsheet exports do this all the time: a merged cell that a page break
cuts is drawn whole on both pages, each page clipped to its part of the cell, so without
clipping its text appears twice (once above the table on the next page, in the margin).

:class:`ClipInterpreter` tracks the clipping region as a rectangle (the bounding box of each
clipping path, intersected, saved and restored with the graphics state) and
:class:`ClipAggregator` drops a glyph that lies mostly outside it. A bounding box is exact for
the rectangular clips that spreadsheets, word processors and browsers use for cells and
pages, and errs on the side of keeping text for any other shape.
"""

from __future__ import annotations

from pdfminer.converter import PDFPageAggregator
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.utils import apply_matrix_pt

from .clip import Box, hidden


def _intersect(a: Box | None, b: Box) -> Box:
    if a is None:
        return b
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


class ClipAggregator(PDFPageAggregator):
    """pdfminer's page aggregator that leaves out glyphs hidden by the current clip and marks
    each glyph with its marked-content ID (``mcid``, None outside tagged content)."""

    clip: Box | None = None
    clipped: int = 0

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._mcids: list[int | None] = []

    def begin_tag(self, tag, props=None) -> None:  # type: ignore[no-untyped-def]
        mcid = props.get("MCID") if isinstance(props, dict) else None
        if not isinstance(mcid, int):
            mcid = self._mcids[-1] if self._mcids else None
        self._mcids.append(mcid)

    def end_tag(self) -> None:
        if self._mcids:
            self._mcids.pop()

    def render_char(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        adv = super().render_char(*args, **kwargs)
        clip = self.clip
        if clip is not None:
            item = self.cur_item._objs[-1]
            if hidden(item.x0, item.y0, item.x1, item.y1, clip):
                self.cur_item._objs.pop()
                self.clipped += 1
                return adv
        if self._mcids:
            self.cur_item._objs[-1].mcid = self._mcids[-1]
        return adv


class ClipInterpreter(PDFPageInterpreter):
    """pdfminer's interpreter with the clipping region kept in the graphics state."""

    def __init__(self, rsrcmgr, device: ClipAggregator) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rsrcmgr, device)
        self.clip: Box | None = device.clip

    def dup(self) -> ClipInterpreter:
        interp = super().dup()
        interp.clip = self.clip  # type: ignore[attr-defined]
        return interp  # type: ignore[return-value]

    def _set_clip(self, clip: Box | None) -> None:
        self.clip = clip
        self.device.clip = clip  # type: ignore[attr-defined]

    def get_current_state(self):  # type: ignore[no-untyped-def]
        return (*super().get_current_state(), self.clip)

    def set_current_state(self, state) -> None:  # type: ignore[no-untyped-def]
        super().set_current_state(state[:3])
        self._set_clip(state[3] if len(state) > 3 else None)

    def _clip_to_path(self) -> None:
        pts = [
            apply_matrix_pt(self.ctm, (seg[-2], seg[-1]))
            for seg in self.curpath
            if len(seg) >= 3 and isinstance(seg[-1], (int, float))
        ]
        if not pts:
            return
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        self._set_clip(_intersect(self.clip, (min(xs), min(ys), max(xs), max(ys))))

    def do_W(self) -> None:
        self._clip_to_path()

    def do_W_a(self) -> None:
        self._clip_to_path()

    def do_Do(self, xobjid_arg) -> None:  # type: ignore[no-untyped-def]
        saved = self.clip
        try:
            super().do_Do(xobjid_arg)
        finally:
            self._set_clip(saved)
