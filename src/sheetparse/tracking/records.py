"""Progress figures as flat records: one row per indicator, keyed like the other tables.

The tidy ``indicators`` table has one row per observation; progress is a fact about the whole
indicator, so it is its own table (``progress``), joined on ``sha256``, ``measure_id`` and
``indicator_index``. Written only on request (``convert --progress-figures``), so the default
tables stay as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from pydantic import BaseModel, create_model

from ..model import ProgressSheet, _Flat
from .figures import Directions, IndicatorProgress, progress

#: :class:`IndicatorProgress` with the sheet's ``sha256`` and ``path`` first, as every record
ProgressRecord: type[_Flat] = create_model(  # type: ignore[call-overload]
    "ProgressRecord",
    __base__=_Flat,
    __doc__="Progress figures of one indicator (one row per indicator).",
    **{name: (f.annotation, f) for name, f in IndicatorProgress.model_fields.items()},
)


def progress_records(
    sheet: ProgressSheet,
    *,
    words: Mapping[str, Sequence[str]] | None = None,
    directions: Directions | None = None,
) -> list[_Flat]:
    """The progress rows of one sheet, in document order."""
    sha, path = sheet.source.sha256, sheet.source.path
    return [
        ProgressRecord(sha256=sha, path=path, **f.model_dump())
        for f in progress(sheet, words=words, directions=directions)
    ]


def csv_text(rows: Sequence[BaseModel], model: type[BaseModel]) -> str:
    """Rows as CSV text like the flat tables' (header, CRLF rows, null as an empty cell)."""
    from ..export.tables import csv_row

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(model.model_fields)
    w.writerows(csv_row(r) for r in rows)  # type: ignore[arg-type]
    return buf.getvalue()


__all__ = ["ProgressRecord", "csv_text", "progress_records"]
