"""When a glyph counts as hidden by the clipping region: one rule for both PDF backends."""

from __future__ import annotations

Box = tuple[float, float, float, float]

#: a glyph counts as printed where at least this share of its box is inside the clip
VISIBLE = 0.5


def hidden(x0: float, y0: float, x1: float, y1: float, clip: Box) -> bool:
    """True where the glyph box lies mostly outside ``clip`` (both in the same space); a box
    without area is judged by its centre."""
    w, h = x1 - x0, y1 - y0
    if w > 0 and h > 0:
        ow = min(x1, clip[2]) - max(x0, clip[0])
        oh = min(y1, clip[3]) - max(y0, clip[1])
        return ow <= 0 or oh <= 0 or (ow * oh) / (w * h) < VISIBLE
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return not (clip[0] <= cx <= clip[2] and clip[1] <= cy <= clip[3])
