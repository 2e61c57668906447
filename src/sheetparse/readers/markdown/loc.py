"""Locations of Markdown lines, made once per process.

A :class:`~sheetparse.blocks.Loc` is a frozen value, yet making one costs more than making a
cell (its frozen ``__init__`` sets five fields): the reader needs one per table row and text
line, and the same line numbers come back in every sheet read, so they are kept.
"""

from __future__ import annotations

from ...blocks import Loc

#: line numbers kept (a sheet's Markdown has a few hundred lines; a book's later lines are
#: made anew each time)
_KEPT = 8192
_LOCS: dict[int, Loc] = {}


def line_loc(line: int) -> Loc:
    """``Loc(line=line)``: the same (immutable) object for the same line number, up to
    :data:`_KEPT` (a dict, so that threads reading at once at worst make one twice)."""
    loc = _LOCS.get(line)
    if loc is None:
        loc = Loc(line=line)
        if 0 < line <= _KEPT:
            _LOCS[line] = loc
    return loc
