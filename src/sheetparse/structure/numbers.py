"""Numbers a heading prints (方針2 / 施策１ / 基本施策十二)."""

from __future__ import annotations

from functools import lru_cache

from ..ja import kanji_to_int


@lru_cache(maxsize=1024)  # the same few numbers, heading after heading
def heading_number(text: str) -> int:
    """The value of a number a heading pattern matched (``2``, ``２``, ``二``, ``十二``)."""
    value = kanji_to_int(text)
    if value is None:  # the patterns admit only what kanji_to_int reads
        raise ValueError(f"not a heading number: {text!r}")
    return value
