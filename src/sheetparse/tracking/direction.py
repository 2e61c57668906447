"""Which way an indicator should move: higher is better (件数 to grow) or lower (費用 to cut).

The data says it where a start point and a target differ (start → target). Where it does not
(no start point, or a target equal to its start), the indicator's name may: words such as 削減
(reduction) or 向上 (improvement). That vocabulary is data, kept here in one place and passed as
a parameter with these defaults, so that a sheet family's profile can bring its own words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Literal

#: higher (上がるほど良い) or lower (下がるほど良い) is better; unknown when nothing says
Direction = Literal["higher", "lower", "unknown"]
#: where a direction came from: the start → target values, the caller, or a word of the name
DirectionSource = Literal["target", "override", "vocabulary"]

#: words in an indicator's name that say which way it should move (方向を示す語)
DIRECTION_WORDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "lower": ("削減", "減少", "低減", "抑制", "縮減", "縮小"),
        "higher": ("増加", "向上", "拡大", "増進"),
    }
)


def direction_from_name(
    name: str, words: Mapping[str, Sequence[str]] = DIRECTION_WORDS
) -> Direction | None:
    """The direction the name's words say, or None when they say none (or both ways)."""
    found = {
        direction
        for direction, vocabulary in words.items()
        if direction in ("higher", "lower") and any(w and w in name for w in vocabulary)
    }
    if len(found) == 1:
        return "higher" if "higher" in found else "lower"
    return None


__all__ = ["DIRECTION_WORDS", "Direction", "DirectionSource", "direction_from_name"]
