"""Tracking a plan's goals: progress figures per indicator (:func:`progress`).

Computed on request from a parsed sheet; nothing is added to the sheet's JSON.
"""

from .direction import DIRECTION_WORDS, Direction, direction_from_name
from .figures import (
    STATUSES,
    Directions,
    IndicatorProgress,
    Status,
    indicator_progress,
    progress,
    summary,
)

__all__ = [
    "DIRECTION_WORDS",
    "STATUSES",
    "Direction",
    "Directions",
    "IndicatorProgress",
    "Status",
    "direction_from_name",
    "indicator_progress",
    "progress",
    "summary",
]
