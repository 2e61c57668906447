"""Which way an indicator should move: higher is better (件数 to grow) or lower (費用 to cut).

The data says it where a start point and a target differ (start → target). Where it does not
(no start point, or a target equal to its start), the indicator's name may: words such as 削減
(reduction) or 向上 (improvement). That vocabulary is data: ``[vocabulary.direction]`` of the
sheet family's profile (common.toml's shared words unless a profile brings its own), or the
caller's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

#: higher (上がるほど良い) or lower (下がるほど良い) is better; unknown when nothing says
Direction = Literal["higher", "lower", "unknown"]
#: where a direction came from: the start → target values, the caller, or a word of the name
DirectionSource = Literal["target", "override", "vocabulary"]


def family_words(family: str | None = None) -> Mapping[str, tuple[str, ...]]:
    """The direction words (方向を示す語) of a family's profile, ``[vocabulary.direction]``;
    the shared ones of ``common.toml`` where ``family`` is None or names no profile."""
    from ..families.registry import ProfileError, load

    try:
        return load(family or "common").direction_words
    except ProfileError:
        return load("common").direction_words


def __getattr__(name: str) -> object:
    # DIRECTION_WORDS: the shared words, read from the profiles when first asked for
    if name == "DIRECTION_WORDS":
        return family_words()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def direction_from_name(
    name: str, words: Mapping[str, Sequence[str]] | None = None
) -> Direction | None:
    """The direction the name's words say (``words``: the shared ones when None), or None
    when they say none (or both ways)."""
    if words is None:
        words = family_words()
    found = {
        direction
        for direction, vocabulary in words.items()
        if direction in ("higher", "lower") and any(w and w in name for w in vocabulary)
    }
    if len(found) == 1:
        return "higher" if "higher" in found else "lower"
    return None


__all__ = [
    "Direction",
    "DirectionSource",
    "direction_from_name",
    "family_words",
]
