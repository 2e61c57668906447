"""Blocks → :class:`~sheetparse.model.ProgressSheet`: the one engine that reads every sheet
family through its profile (:mod:`sheetparse.families`)."""

from __future__ import annotations

from ..blocks import Document
from ..families import detect
from ..model import ProgressSheet, Source
from .walk import build_sheet as _build


def build_sheet(doc: Document, source: Source, family: str | None = None) -> ProgressSheet:
    """The contract's sheet from a reader's blocks; ``family`` forces a family, else the
    best-fitting one is detected (NotAProgressSheet where none fits)."""
    found = detect(doc, family)
    return _build(doc, source, found.family)


__all__ = ["build_sheet"]
