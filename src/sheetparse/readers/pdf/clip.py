"""When a glyph counts as hidden by the clipping region: one rule for both PDF backends."""

from __future__ import annotations

Box = tuple[float, float, float, float]

#: a glyph counts as printed where at least this share of its box is inside the clip
VISIBLE = 0.5


#: full-width glyphs whose ink sits in one half of their box: an opening bracket's on the
#: right, a closing bracket's and a full stop's on the left (Excel prints ``（差引）`` in a
#: cell with the bracket's box reaching past the cell's edge, its ink inside)
_INK_RIGHT = frozenset("（「『【〔［｛〈《")
_INK_LEFT = frozenset("）」』】〕］｝〉》、。，．")


def hidden(x0: float, y0: float, x1: float, y1: float, clip: Box, text: str = "") -> bool:
    """True where the glyph box lies mostly outside ``clip`` (both in the same space); a box
    without area is judged by its centre; a full-width bracket by the half its ink is in."""
    if text in _INK_RIGHT:
        x0 = (x0 + x1) / 2
    elif text in _INK_LEFT:
        x1 = (x0 + x1) / 2
    w, h = x1 - x0, y1 - y0
    if w > 0 and h > 0:
        ow = min(x1, clip[2]) - max(x0, clip[0])
        oh = min(y1, clip[3]) - max(y0, clip[1])
        return ow <= 0 or oh <= 0 or (ow * oh) / (w * h) < VISIBLE
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return not (clip[0] <= cx <= clip[2] and clip[1] <= cy <= clip[3])
