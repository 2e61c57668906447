"""Tracking a plan's goals: progress figures per indicator (:func:`progress`).

Computed on request from a parsed sheet; nothing is added to the sheet's JSON.
"""

from .direction import Direction, direction_from_name, family_words
from .figures import (
    STATUSES,
    Directions,
    IndicatorProgress,
    Status,
    indicator_progress,
    progress,
    summary,
)


def __getattr__(name: str) -> object:
    # DIRECTION_WORDS: the shared direction words, read from the profiles when first asked for
    if name == "DIRECTION_WORDS":
        from . import direction

        return direction.DIRECTION_WORDS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "STATUSES",
    "Direction",
    "Directions",
    "IndicatorProgress",
    "Status",
    "direction_from_name",
    "family_words",
    "indicator_progress",
    "progress",
    "summary",
]
