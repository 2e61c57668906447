"""Which family a document is: every profile's signatures scored on its first pages' text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..blocks import Document, TableBlock, TextBlock
from ..errors import NotAProgressSheet
from .registry import Family, families, load

#: blocks looked at: a family shows itself on its first pages (a book of 451 sheets is not
#: read twice to find out what it is)
DETECT_BLOCKS = 400
#: characters looked at, in all
DETECT_CHARS = 60_000


@dataclass(frozen=True, slots=True)
class Detection:
    """The family chosen, with every family's score (for messages and ``sheetparse check``)."""

    family: Family
    score: float
    scores: dict[str, float]
    forced: bool = False


def _texts(doc: Document) -> tuple[str, str]:
    """(text of the text blocks and page furniture, text of the table cells), one line each,
    from the start of the document."""
    text: list[str] = [s.text for s in doc.skipped[:50]]
    cells: list[str] = []
    budget = DETECT_CHARS
    for b in doc.blocks[:DETECT_BLOCKS]:
        if budget <= 0:
            break
        if isinstance(b, TextBlock):
            text.append(b.text)
            budget -= len(b.text)
        elif isinstance(b, TableBlock):
            for row in b.rows:
                for cell in row:
                    if cell.covered_by is None and cell.parts:
                        t = cell.text
                        cells.append(t)
                        budget -= len(t)
    return "\n".join(text), "\n".join(cells)


def score(fam: Family, text: str, cells: str) -> float:
    """The summed weights of ``fam``'s signatures found (0 where a required one is missing)."""
    both = text + "\n" + cells
    if any(not r.search(both) for r in fam.required):
        return 0.0
    total = 0.0
    for sig in fam.signatures:
        hay = text if sig.where == "text" else cells if sig.where == "cells" else both
        if sig.found(hay):
            total += sig.weight
    return total


def _fitting_score(fam: Family, text: str, cells: str, both: str) -> float | None:
    """``fam``'s score where it reaches its threshold, else None: as :func:`score`, but it
    stops looking once the signatures left could not bring the score there (most families do
    not fit, and each signature is a search through the document's text)."""
    if any(not r.search(both) for r in fam.required):
        return None
    sigs = fam.signatures
    # the most the signatures after each could add (a margin for rounding: never stop early
    # where the sum in print order might still reach the threshold)
    left = [sum(s.weight for s in sigs[i + 1 :]) + 1e-9 for i in range(len(sigs))]
    total = 0.0
    for i, sig in enumerate(sigs):
        hay = text if sig.where == "text" else cells if sig.where == "cells" else both
        if sig.found(hay):
            total += sig.weight
        elif total + left[i] < fam.threshold:
            return None
    return total if total >= fam.threshold and total > 0 else None


def choose(doc: Document, family: str | None = None) -> Family:
    """The family :func:`detect` chooses (``family`` where given), without the score of every
    family: the structure step needs only the family, and a family that cannot reach its
    threshold is left as soon as that is certain. Raises as :func:`detect` does."""
    if family is not None:
        return load(family)
    text, cells = _texts(doc)
    both = text + "\n" + cells
    best: Family | None = None
    best_ratio = 0.0
    for fam in families():
        found = _fitting_score(fam, text, cells, both)
        if found is not None and (best is None or found / fam.threshold > best_ratio):
            best, best_ratio = fam, found / fam.threshold  # (the first of equals, as max())
    return best if best is not None else detect(doc).family  # (that raises, naming all)


def detect(doc: Document, family: str | None = None) -> Detection:
    """The family to read ``doc`` with: ``family`` where given, else the best-scoring one whose
    score reaches its threshold. Raises :class:`NotAProgressSheet` naming what was tried."""
    text, cells = _texts(doc)
    candidates: Iterable[Family] = families()
    scores = {f.name: score(f, text, cells) for f in candidates}
    if family is not None:
        fam = load(family)
        return Detection(fam, scores.get(fam.name, 0.0), scores, forced=True)
    fits = [f for f in families() if scores[f.name] >= f.threshold and scores[f.name] > 0]
    if not fits:
        n_tables = sum(isinstance(b, TableBlock) for b in doc.blocks)
        tried = ", ".join(f"{f.name} ({scores[f.name]:g} of {f.threshold:g})" for f in families())
        raise NotAProgressSheet(
            f"no sheet family fits this document ({len(doc.blocks)} blocks, {n_tables} "
            f"tables); tried: {tried}. It does not look like a progress or evaluation sheet "
            "(進捗シート, 目標設定シート, 事業評価書 …); `sheetparse families` lists what is "
            "read"
        )
    best = max(fits, key=lambda f: scores[f.name] / f.threshold)
    return Detection(best, scores[best.name], scores)


__all__ = ["DETECT_BLOCKS", "Detection", "choose", "detect", "score"]
