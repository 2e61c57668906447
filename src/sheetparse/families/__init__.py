"""Sheet families: one declarative profile per template (``*.toml`` here), loaded, validated
and compiled once; detection picks the family a document is of.

The shipped families are listed by :func:`families` (``sheetparse families`` on the command
line). Adding a city's template means adding a profile file and its tests, not code.
"""

from .detect import Detection, detect
from .registry import Family, ProfileError, families, family_names, load

__all__ = ["Detection", "Family", "ProfileError", "detect", "families", "family_names", "load"]
