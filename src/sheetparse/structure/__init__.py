"""Blocks → :class:`~sheetparse.model.ProgressSheet`: the one engine that reads every sheet
family through its profile (:mod:`sheetparse.families`).

The walk (:mod:`.walk`) goes through the blocks once; the family's table readers turn tables
into records — the seed family's indicator, organize-action and approach tables
(:mod:`.tables`) or forms with year grids and evaluations (:mod:`.forms`, :mod:`.grids`);
:mod:`.sheet` assembles the sheet around the measures.
"""

from __future__ import annotations

from ..blocks import Document
from ..families.detect import choose
from ..model import ProgressSheet, Source
from .order import narrative_order
from .sheet import build_sheet as _build


def build_sheet(doc: Document, source: Source, family: str | None = None) -> ProgressSheet:
    """The contract's sheet from a reader's blocks; ``family`` forces a family, else the
    best-fitting one is detected (NotAProgressSheet where none fits)."""
    return _build(doc, source, choose(doc, family))


__all__ = ["build_sheet", "narrative_order"]
