"""Sheets for the commands that read several: a source file (parsed) or a sheetparse JSON.

``progress``, ``compare`` and ``report`` take either what a city published (PDF, HTML,
Markdown, XLSX) or what ``sheetparse parse`` wrote earlier (any schema version the model reads,
1.0 included), so a year's sheets need parsing only once.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import ValidationError

from ..api import _guarded
from ..errors import SheetParseError
from ..files import load
from ..limits import DEFAULT_LIMITS, Limits
from ..model import ProgressSheet


class InvalidSheetJson(SheetParseError):
    """A JSON file that is not a sheet as sheetparse writes it."""

    code = "invalid-sheet-json"


def _looks_like_json(data: bytes, path: str) -> bool:
    return path.lower().endswith(".json") or data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def sheet_from_json(data: bytes, path: str | None = None) -> ProgressSheet:
    """A sheet from the contract's JSON text; :class:`InvalidSheetJson` when it is not one."""
    try:
        return ProgressSheet.model_validate_json(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first["loc"]) or "top level"
        kind = "not JSON" if first["type"] == "json_invalid" else f"{where}: {first['msg']}"
        raise InvalidSheetJson(
            f"not a sheet as sheetparse writes it ({kind}; {e.error_count()} errors)", path=path
        ) from None


def load_sheet(
    path: str | os.PathLike[str], *, format: str | None = None, limits: Limits | None = None
) -> ProgressSheet:
    """The sheet in ``path``: its JSON read back, or the source file parsed."""
    limits = limits or DEFAULT_LIMITS
    name = os.fspath(path)
    try:
        data = load(Path(name), limits, format)
    except SheetParseError as e:
        raise e.with_path(name) from None
    if format is None and isinstance(data, bytes) and _looks_like_json(data, name):
        try:
            json.loads(data)
        except ValueError:
            if name.lower().endswith(".json"):
                raise InvalidSheetJson("not JSON", path=name) from None
        else:
            return sheet_from_json(data, name)
    return _guarded(data, format, name, limits)


__all__ = ["InvalidSheetJson", "load_sheet", "sheet_from_json"]
