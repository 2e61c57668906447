"""The contract's flat records as files: JSON Lines, CSV and a Frictionless ``datapackage.json``.

Eight tables, one row per sheet, measure, observation (tidy indicators), narrative, narrative
item, plan level (hierarchy), cost and evaluation, each row keyed by the sheet's ``sha256`` and
carrying the input's ``path``. JSON Lines keep
lists as arrays; CSV joins them with newlines (RFC 4180, CRLF rows, ``""`` for null) and, for
Excel, starts with a UTF-8 BOM. ``datapackage.json`` gives every column's type, the missing
value and the keys, so pandas, R, DuckDB or ``frictionless`` load the tables without guessing.

Every file is written to a temporary name and renamed into place when complete: an interrupted
write leaves the previous file or none, never half of one. Usable on its own::

    from sheetparse import write_tables
    write_tables([sheetparse.parse(p) for p in paths], "out/")
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from ..model import (
    CostRecord,
    EvaluationRecord,
    HierarchyRecord,
    IndicatorRecord,
    MeasureRecord,
    NarrativeItemRecord,
    NarrativeRecord,
    ProgressSheet,
    SheetRecord,
    _Model,
)
from ..tracking.records import ProgressRecord, progress_records
from .records import FlatRecords, flat_records

#: how lists (items, figures) are joined into one CSV cell
LIST_SEPARATOR = "\n"
#: the CSV text of a null (declared as the datapackage's missing value)
MISSING = ""
#: the file formats a :class:`TableWriter` can write
FILE_FORMATS = ("jsonl", "csv")


@dataclass(frozen=True)
class ForeignKey:
    """Columns of one table referring to the key of another."""

    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One flat table: its file stem, row model, keys and a one-line description."""

    name: str
    model: type[_Model]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    description: str

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.model.model_fields)


_SHEET_FK = ForeignKey(("sha256",), "sheets", ("sha256",))
_MEASURE_FK = ForeignKey(("sha256", "measure_id"), "measures", ("sha256", "measure_id"))

#: the tables, in the order they are written and described
TABLES: tuple[Table, ...] = (
    Table(
        "sheets",
        SheetRecord,
        ("sha256",),
        (),
        "One row per sheet (進捗シート): its source and top-level fields.",
    ),
    Table(
        "measures",
        MeasureRecord,
        ("sha256", "measure_id"),
        (_SHEET_FK,),
        "One row per measure (施策).",
    ),
    Table(
        "indicators",
        IndicatorRecord,
        ("sha256", "measure_id", "indicator_index", "observation_index"),
        (_MEASURE_FK,),
        "Tidy indicators: one row per observation (現状値 baseline, 実績値 actual, 見込 plan, "
        "目標値 target).",
    ),
    Table(
        "narratives",
        NarrativeRecord,
        ("sha256", "measure_id", "narrative_index"),
        (_MEASURE_FK,),
        "One row per narrative block of a measure.",
    ),
    Table(
        "narrative_items",
        NarrativeItemRecord,
        ("sha256", "measure_id", "narrative_index", "position"),
        (
            ForeignKey(
                ("sha256", "measure_id", "narrative_index"),
                "narratives",
                ("sha256", "measure_id", "narrative_index"),
            ),
        ),
        "One row per narrative item: one paragraph or list item per row.",
    ),
    Table(
        "hierarchy",
        HierarchyRecord,
        ("sha256", "measure_id", "level"),
        (_MEASURE_FK,),
        "One row per plan level a measure is placed in (施策の柱, 政策番号 …), outermost first.",
    ),
    Table(
        "costs",
        CostRecord,
        ("sha256", "measure_id", "cost_index"),
        (_MEASURE_FK,),
        "One row per money figure (事業費, 人件費 …) of a measure in one fiscal year.",
    ),
    Table(
        "evaluations",
        EvaluationRecord,
        ("sha256", "measure_id", "evaluation_index"),
        (_MEASURE_FK,),
        "One row per graded judgement (評価) of a measure, with its reasons.",
    ),
)
TABLES_BY_NAME = {t.name: t for t in TABLES}

#: one row per indicator with its progress figures (達成率, status); written only on request
#: (``write_tables(..., progress=True)``, ``convert --progress-figures``)
PROGRESS_TABLE = Table(
    "progress",
    ProgressRecord,
    ("sha256", "measure_id", "indicator_index"),
    (_MEASURE_FK,),
    "One row per indicator: its progress figures (latest 実績, start, target, 達成率, status), "
    "computed by sheetparse, not printed on the sheet.",
)


def table_rows(records: FlatRecords, table: Table) -> Sequence[_Model]:
    """The records of one table from a sheet's flat records."""
    return getattr(records, table.name)


# --- cells ------------------------------------------------------------------------------------


def csv_cell(value: Any) -> str:
    """A JSON value as CSV text: null → ``""``, booleans ``true``/``false``, lists one per line."""
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def jsonl_line(record: _Model) -> str:
    """One record as a line of JSON (compact, non-ASCII kept), newline included."""
    return record.model_dump_json() + "\n"


def csv_row(record: _Model) -> list[str]:
    return [csv_cell(v) for v in record.model_dump(mode="json").values()]


# --- Frictionless descriptors -----------------------------------------------------------------

_JSON_TO_TABLE = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "array": "array",
    "object": "object",
}


def _resolve(prop: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    ref = prop.get("$ref")
    return defs[ref.rsplit("/", 1)[-1]] if ref else prop


def _field(
    name: str, prop: dict[str, Any], defs: dict[str, Any], *, csv_file: bool, key: bool
) -> dict[str, Any]:
    """A Table Schema field from a property of the record model's JSON Schema."""
    variants = [_resolve(v, defs) for v in prop.get("anyOf", [prop])]
    nullable = any(v.get("type") == "null" for v in variants)
    kinds = [v for v in variants if v.get("type") != "null"]
    types = {v.get("type") for v in kinds}
    if types == {"integer", "number"}:
        ftype = "number"
    else:
        (json_type,) = types
        ftype = _JSON_TO_TABLE[json_type]
    out: dict[str, Any] = {"name": name, "type": ftype}
    description = prop.get("description")
    if ftype == "array" and csv_file:
        out["type"] = "string"
        description = ((description + "; ") if description else "") + "one per line"
    if description:
        out["description"] = description
    constraints: dict[str, Any] = {}
    enum = [e for v in kinds for e in v.get("enum", [])]
    # in CSV an empty string reads as missing: free text (raw "", no items) is never required
    if key or (not nullable and (out["type"] != "string" or enum)):
        constraints["required"] = True
    if enum:
        constraints["enum"] = enum
    if "minimum" in prop:
        constraints["minimum"] = prop["minimum"]
    if name == "sha256":
        constraints["pattern"] = "[0-9a-f]{64}"
    if constraints:
        out["constraints"] = constraints
    return out


def table_schema(table: Table, *, csv_file: bool = True) -> dict[str, Any]:
    """The Frictionless Table Schema of a table (for its CSV or its JSON Lines file)."""
    js = table.model.model_json_schema(mode="validation")
    defs = js.get("$defs", {})
    fields = [
        _field(name, js["properties"][name], defs, csv_file=csv_file, key=name in table.primary_key)
        for name in table.columns
    ]
    schema: dict[str, Any] = {
        "fields": fields,
        "missingValues": [MISSING],
        "primaryKey": list(table.primary_key),
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(fk.fields),
                "reference": {"resource": fk.resource, "fields": list(fk.reference)},
            }
            for fk in table.foreign_keys
        ]
    return schema


def _file_facts(path: Path) -> dict[str, Any]:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return {"bytes": path.stat().st_size, "hash": f"sha256:{h.hexdigest()}"}


def datapackage(
    folder: str | os.PathLike[str],
    *,
    formats: Sequence[str] = FILE_FORMATS,
    excel: bool = False,
    tables: Sequence[Table] = TABLES,
) -> dict[str, Any]:
    """The ``datapackage.json`` descriptor of the tables written into ``folder``.

    CSV files are the tabular resources named after the tables; the JSON Lines files are
    described as ``<table>-jsonl``, with lists typed ``array``.
    """
    folder = Path(folder)
    resources: list[dict[str, Any]] = []
    if "csv" in formats:
        for t in tables:
            path = folder / f"{t.name}.csv"
            resources.append(
                {
                    "name": t.name,
                    "path": path.name,
                    "profile": "tabular-data-resource",
                    "description": t.description,
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8-sig" if excel else "utf-8",
                    "dialect": {
                        "delimiter": ",",
                        "lineTerminator": "\r\n",
                        "quoteChar": '"',
                        "doubleQuote": True,
                        "header": True,
                    },
                    **_file_facts(path),
                    "schema": table_schema(t, csv_file=True),
                }
            )
    if "jsonl" in formats:
        for t in tables:
            path = folder / f"{t.name}.jsonl"
            resources.append(
                {
                    "name": f"{t.name}-jsonl",
                    "path": path.name,
                    "profile": "data-resource",
                    "description": t.description + " JSON Lines: lists are arrays.",
                    "format": "jsonl",
                    "mediatype": "application/jsonl",
                    "encoding": "utf-8",
                    **_file_facts(path),
                    "schema": table_schema(t, csv_file=False),
                }
            )
    return {
        "name": "sheetparse-records",
        "title": "Progress sheets (進捗シート) as flat records",
        "description": "Written by sheetparse: one row per sheet, measure, observation, "
        "narrative and narrative item, keyed by the sheet's sha256.",
        "profile": "data-package",
        "resources": resources,
    }


# --- atomic streaming files -------------------------------------------------------------------


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: the names :class:`AtomicStream` and :func:`sheetparse.atomic.write_atomic` give temporaries
TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def sweep_temporaries(folder: str | os.PathLike[str]) -> int:
    """Delete the temporary files an interrupted run left under ``folder``; how many."""
    removed = 0
    for path in Path(folder).rglob(".*.tmp"):
        if TEMP_NAME.match(path.name) and path.is_file():
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed += 1
    return removed


def write_file(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically."""
    stream = AtomicStream(path)
    try:
        stream.file.write(data)
    except BaseException:
        stream.abort()
        raise
    return stream.commit()


class AtomicStream:
    """A binary file written under a temporary name and renamed into place by :meth:`commit`.

    Temporary names follow :func:`sheetparse.atomic.write_atomic` (``.<name>.XXXXXXXX.tmp``
    beside the target), so one sweep finds the leftovers of a killed run.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
        )
        self._tmp = Path(tmp)
        with contextlib.suppress(OSError):  # mkstemp makes 0600: give outputs the usual mode
            os.fchmod(fd, 0o666 & ~_umask())
        self.file: IO[bytes] = os.fdopen(fd, "wb")

    def commit(self) -> Path:
        """Flush to disk and rename into place."""
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            os.replace(self._tmp, self.path)
        except BaseException:
            self.abort()
            raise
        return self.path

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(FileNotFoundError):
            self._tmp.unlink()


class TableWriter:
    """Streams sheets into the batch-wide tables; every file appears whole at :meth:`close`.

    A sheet whose ``sha256`` was already added (a byte-identical copy at another path) is
    skipped, so the tables' keys stay unique: :meth:`add` returns False for it. With
    ``progress`` the ``progress`` table (:data:`PROGRESS_TABLE`) is written too.
    """

    def __init__(
        self,
        folder: str | os.PathLike[str],
        *,
        excel: bool = False,
        formats: Sequence[str] = FILE_FORMATS,
        progress: bool = False,
    ) -> None:
        unknown = set(formats) - set(FILE_FORMATS)
        if unknown:
            raise ValueError(f"unknown table format(s): {', '.join(sorted(unknown))}")
        self.folder = Path(folder)
        self.excel = excel
        self.formats = tuple(f for f in FILE_FORMATS if f in formats)
        self.tables = (*TABLES, PROGRESS_TABLE) if progress else TABLES
        self._seen: set[str] = set()
        self._streams: list[AtomicStream] = []
        self._jsonl: dict[str, IO[str]] = {}
        self._csv: dict[str, Any] = {}
        self._text: list[io.TextIOWrapper] = []
        try:
            for t in self.tables:
                if "jsonl" in self.formats:
                    self._jsonl[t.name] = self._open(f"{t.name}.jsonl", "utf-8")
                if "csv" in self.formats:
                    text = self._open(f"{t.name}.csv", "utf-8-sig" if excel else "utf-8")
                    writer = csv.writer(text, lineterminator="\r\n")
                    writer.writerow(t.columns)
                    self._csv[t.name] = writer
        except BaseException:
            self.abort()
            raise

    def _open(self, name: str, encoding: str) -> io.TextIOWrapper:
        stream = AtomicStream(self.folder / name)
        self._streams.append(stream)
        text = io.TextIOWrapper(stream.file, encoding=encoding, newline="", write_through=False)
        self._text.append(text)
        return text

    def add(self, sheet: ProgressSheet) -> bool:
        """Append one sheet's rows; False (and nothing written) for an already-added sha256."""
        extra = {}
        if PROGRESS_TABLE in self.tables:
            extra[PROGRESS_TABLE.name] = progress_records(sheet)
        return self.add_records(flat_records(sheet), extra)

    def add_records(
        self, records: FlatRecords, extra: dict[str, Sequence[_Model]] | None = None
    ) -> bool:
        """Append rows; ``extra`` holds the rows of tables beyond the flat records (progress)."""
        sha = records.sheets[0].sha256
        if sha in self._seen:
            return False
        self._seen.add(sha)
        extra = extra or {}
        for t in self.tables:
            rows = extra.get(t.name, ()) if t.name not in TABLES_BY_NAME else table_rows(records, t)
            if t.name in self._jsonl:
                self._jsonl[t.name].write("".join(jsonl_line(r) for r in rows))
            if t.name in self._csv:
                self._csv[t.name].writerows(csv_row(r) for r in rows)
        return True

    def close(self) -> list[Path]:
        """Move every table into place, then write ``datapackage.json``; the paths written."""
        try:
            for text in self._text:
                text.flush()
                text.detach()
            paths = [s.commit() for s in self._streams]
        except BaseException:
            self.abort()
            raise
        from ..atomic import write_atomic

        desc = datapackage(self.folder, formats=self.formats, excel=self.excel, tables=self.tables)
        target = self.folder / "datapackage.json"
        write_atomic(target, json.dumps(desc, ensure_ascii=False, indent=2) + "\n")
        return [*paths, target]

    def abort(self) -> None:
        """Drop every temporary file; the previous tables (if any) stay as they were."""
        for s in self._streams:
            s.abort()

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def write_tables(
    sheets: Iterable[ProgressSheet],
    folder: str | os.PathLike[str],
    *,
    excel: bool = False,
    formats: Sequence[str] = FILE_FORMATS,
    progress: bool = False,
) -> list[Path]:
    """Write the flat tables of ``sheets`` (in the order given) into ``folder``; with
    ``progress``, also the ``progress`` table (one row per indicator)."""
    writer = TableWriter(folder, excel=excel, formats=formats, progress=progress)
    try:
        for sheet in sheets:
            writer.add(sheet)
    except BaseException:
        writer.abort()
        raise
    return writer.close()
