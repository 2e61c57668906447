"""The flat records in SQLite: an archive you can query with SQL, DuckDB or Datasette.

Tables ``sheets``, ``measures``, ``indicators``, ``observations``, ``narratives``,
``narrative_items``, ``hierarchy``, ``costs`` and ``evaluations``, with primary and foreign keys
(``ON DELETE CASCADE`` from ``sheets``) and indexes on the columns people filter by; the view
``indicator_values`` joins an observation to its indicator, measure and sheet. A database
written by the previous store version (contract 1.0) is migrated in place when opened. A sheet
is keyed by the sha256 of its input bytes: loading a sheet already in the database skips it
(``replace=True`` reloads it), so batches can be appended one after another. Each
:func:`write_sqlite` call is one transaction: an interrupted load leaves the database as it
was. Standard-library ``sqlite3``, no server.

On request (``progress=True``, ``convert --progress-figures``) a ``progress`` table holds each
indicator's progress figures (達成率, status) with the view ``indicator_progress``; it is not
part of the default schema, so a database written without it is the same as before.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from ..model import ProgressSheet
from ..tracking.records import progress_records
from .records import flat_records
from .tables import LIST_SEPARATOR

#: bumped when the tables change; stored in ``PRAGMA user_version``
STORE_VERSION = 2

_SHEETS = """
CREATE TABLE IF NOT EXISTS sheets (
    sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
    path TEXT,
    format TEXT NOT NULL CHECK (format IN ('pdf', 'html', 'markdown', 'xlsx')),
    page_count INTEGER,
    title TEXT,
    plan_term INTEGER,
    report_fiscal_year INTEGER,
    family TEXT NOT NULL DEFAULT 'progress-sheet',
    municipality TEXT,
    plan TEXT,
    preface TEXT NOT NULL DEFAULT ''  -- paragraphs, one per line
);
"""
_MEASURES = """
CREATE TABLE IF NOT EXISTS measures (
    sha256 TEXT NOT NULL REFERENCES sheets (sha256) ON DELETE CASCADE,
    measure_id TEXT NOT NULL,
    parent TEXT,
    policy INTEGER,
    number INTEGER,
    title TEXT NOT NULL,
    department TEXT,
    period_start INTEGER,
    period_end INTEGER,
    figures TEXT NOT NULL,  -- captions, one per line
    page INTEGER, line INTEGER, sheet TEXT, cell TEXT,
    PRIMARY KEY (sha256, measure_id)
);
"""
_INDICATORS = """
CREATE TABLE IF NOT EXISTS indicators (
    sha256 TEXT NOT NULL,
    measure_id TEXT NOT NULL,
    indicator_index INTEGER NOT NULL CHECK (indicator_index >= 0),
    name TEXT NOT NULL,
    unit TEXT,
    kind TEXT CHECK (kind IN ('activity', 'outcome')),
    PRIMARY KEY (sha256, measure_id, indicator_index),
    FOREIGN KEY (sha256, measure_id) REFERENCES measures (sha256, measure_id) ON DELETE CASCADE
);
"""
_OBSERVATIONS = """
CREATE TABLE IF NOT EXISTS observations (
    sha256 TEXT NOT NULL,
    measure_id TEXT NOT NULL,
    indicator_index INTEGER NOT NULL,
    observation_index INTEGER NOT NULL CHECK (observation_index >= 0),
    role TEXT NOT NULL CHECK (role IN ('baseline', 'actual', 'plan', 'target')),
    fiscal_year INTEGER,
    value REAL,
    raw TEXT NOT NULL,
    approximate INTEGER NOT NULL CHECK (approximate IN (0, 1)),
    note TEXT,
    label TEXT,
    page INTEGER, line INTEGER, sheet TEXT, cell TEXT,
    PRIMARY KEY (sha256, measure_id, indicator_index, observation_index),
    FOREIGN KEY (sha256, measure_id, indicator_index)
        REFERENCES indicators (sha256, measure_id, indicator_index) ON DELETE CASCADE
);
"""
_REST = """
CREATE TABLE IF NOT EXISTS narratives (
    sha256 TEXT NOT NULL,
    measure_id TEXT NOT NULL,
    narrative_index INTEGER NOT NULL CHECK (narrative_index >= 0),
    kind TEXT NOT NULL,
    actor TEXT CHECK (actor IN ('市民', '地域', '市')),
    label TEXT NOT NULL,
    fiscal_year INTEGER,
    items TEXT NOT NULL,  -- one per line; one row each in narrative_items
    figures TEXT NOT NULL,  -- captions, one per line
    page INTEGER, line INTEGER, sheet TEXT, cell TEXT,
    PRIMARY KEY (sha256, measure_id, narrative_index),
    FOREIGN KEY (sha256, measure_id) REFERENCES measures (sha256, measure_id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS narrative_items (
    sha256 TEXT NOT NULL,
    measure_id TEXT NOT NULL,
    narrative_index INTEGER NOT NULL,
    position INTEGER NOT NULL CHECK (position >= 0),
    text TEXT NOT NULL,
    page INTEGER, line INTEGER, sheet TEXT, cell TEXT,
    PRIMARY KEY (sha256, measure_id, narrative_index, position),
    FOREIGN KEY (sha256, measure_id, narrative_index)
        REFERENCES narratives (sha256, measure_id, narrative_index) ON DELETE CASCADE
);
"""
_NEW_IN_2 = """
CREATE TABLE IF NOT EXISTS hierarchy (
    sha256 TEXT NOT NULL,
    measure_id TEXT NOT NULL,
    level INTEGER NOT NULL CHECK (level >= 0),
    label TEXT NOT NULL,
    text TEXT NOT NULL,
    page INTEGER, line INTEGER, sheet TEXT, cell TEXT,
    PRIMARY KEY (sha256, measure_id, level),
    FOREIGN KEY (sha256, measure_id) REFERENCES measures (sha256, measure_id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS costs (
    sha256 TEXT NOT NULL,
    measure_id TEXT NOT NULL,
    cost_index INTEGER NOT NULL CHECK (cost_index >= 0),
    label TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    kind TEXT CHECK (kind IN ('budget', 'settlement')),
    value REAL,
    raw TEXT NOT NULL,
    unit TEXT,
    label_header TEXT,
    page INTEGER, line INTEGER, sheet TEXT, cell TEXT,
    PRIMARY KEY (sha256, measure_id, cost_index),
    FOREIGN KEY (sha256, measure_id) REFERENCES measures (sha256, measure_id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS evaluations (
    sha256 TEXT NOT NULL,
    measure_id TEXT NOT NULL,
    evaluation_index INTEGER NOT NULL CHECK (evaluation_index >= 0),
    label TEXT NOT NULL,
    grade TEXT,
    reason TEXT NOT NULL,  -- one item per line
    page INTEGER, line INTEGER, sheet TEXT, cell TEXT,
    PRIMARY KEY (sha256, measure_id, evaluation_index),
    FOREIGN KEY (sha256, measure_id) REFERENCES measures (sha256, measure_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS costs_by_year ON costs (fiscal_year, kind);
CREATE INDEX IF NOT EXISTS evaluations_by_label ON evaluations (label);
CREATE INDEX IF NOT EXISTS sheets_by_family ON sheets (family);
"""
_INDEXES = """
CREATE INDEX IF NOT EXISTS sheets_by_year ON sheets (report_fiscal_year);
CREATE INDEX IF NOT EXISTS sheets_by_path ON sheets (path);
CREATE INDEX IF NOT EXISTS indicators_by_name ON indicators (name);
CREATE INDEX IF NOT EXISTS observations_by_year ON observations (fiscal_year, role);
CREATE INDEX IF NOT EXISTS narratives_by_kind ON narratives (kind, actor);
CREATE VIEW IF NOT EXISTS indicator_values AS
SELECT s.path, s.report_fiscal_year, o.sha256, o.measure_id, m.title AS measure_title,
       o.indicator_index, i.name, i.unit, i.kind, o.role, o.fiscal_year, o.value, o.raw,
       o.approximate, o.note, o.label, o.page, o.line, o.sheet, o.cell
FROM observations o
JOIN indicators i USING (sha256, measure_id, indicator_index)
JOIN measures m USING (sha256, measure_id)
JOIN sheets s USING (sha256);
"""
SCHEMA = _SHEETS + _MEASURES + _INDICATORS + _OBSERVATIONS + _REST + _NEW_IN_2 + _INDEXES

#: store version 1 (contract 1.0) → 2: new sheet columns, measures and observations rebuilt
#: (policy/number nullable, role 'plan', fiscal_year nullable), new tables. Rebuilt the way
#: SQLite documents it: create the new table under another name, copy, drop, rename (renaming
#: the old table instead would rewrite the other tables' foreign keys to follow it).
_MEASURE_COLUMNS = "sha256, measure_id, policy, number, title, figures, page, line, sheet, cell"
MIGRATE_1_TO_2 = f"""
DROP VIEW IF EXISTS indicator_values;
ALTER TABLE sheets ADD COLUMN family TEXT NOT NULL DEFAULT 'progress-sheet';
ALTER TABLE sheets ADD COLUMN municipality TEXT;
ALTER TABLE sheets ADD COLUMN plan TEXT;
ALTER TABLE sheets ADD COLUMN preface TEXT NOT NULL DEFAULT '';
ALTER TABLE indicators ADD COLUMN kind TEXT CHECK (kind IN ('activity', 'outcome'));
{_MEASURES.replace("EXISTS measures (", "EXISTS measures_v2 (")}
INSERT INTO measures_v2 ({_MEASURE_COLUMNS}) SELECT {_MEASURE_COLUMNS} FROM measures;
DROP TABLE measures;
ALTER TABLE measures_v2 RENAME TO measures;
{_OBSERVATIONS.replace("EXISTS observations (", "EXISTS observations_v2 (")}
INSERT INTO observations_v2 SELECT * FROM observations;
DROP TABLE observations;
ALTER TABLE observations_v2 RENAME TO observations;
{_NEW_IN_2}
{_INDEXES}
"""

#: written on request only: one row per indicator, its progress figures (not store-versioned:
#: created where missing by a store opened with ``progress=True``)
PROGRESS_SCHEMA = """
CREATE TABLE IF NOT EXISTS progress (
    sha256 TEXT NOT NULL,
    measure_id TEXT NOT NULL,
    indicator_index INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('achieved', 'on-track', 'behind', 'undated',
        'zero-span', 'no-start', 'no-data', 'no-target')),
    direction TEXT NOT NULL CHECK (direction IN ('higher', 'lower', 'unknown')),
    direction_source TEXT CHECK (direction_source IN ('target', 'override', 'vocabulary')),
    latest_year INTEGER,
    latest_value REAL,
    start_role TEXT CHECK (start_role IN ('baseline', 'actual')),
    start_year INTEGER,
    start_value REAL,
    target_year INTEGER,
    target_value REAL,
    deadline_year INTEGER,
    expected_value REAL,
    rate REAL,  -- 達成率: 1 = the target
    target_met INTEGER CHECK (target_met IN (0, 1)),
    PRIMARY KEY (sha256, measure_id, indicator_index),
    FOREIGN KEY (sha256, measure_id, indicator_index)
        REFERENCES indicators (sha256, measure_id, indicator_index) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS progress_by_status ON progress (status);
CREATE VIEW IF NOT EXISTS indicator_progress AS
SELECT s.path, s.report_fiscal_year, p.sha256, p.measure_id, m.title AS measure_title,
       p.indicator_index, i.name, i.unit, p.status, p.direction, p.direction_source,
       p.latest_year, p.latest_value, p.start_role, p.start_year, p.start_value,
       p.target_year, p.target_value, p.deadline_year, p.expected_value, p.rate, p.target_met
FROM progress p
JOIN indicators i USING (sha256, measure_id, indicator_index)
JOIN measures m USING (sha256, measure_id)
JOIN sheets s USING (sha256);
"""

_LOCATION = ("page", "line", "sheet", "cell")

#: table → columns, in insert order
COLUMNS: dict[str, tuple[str, ...]] = {
    "sheets": (
        "sha256",
        "path",
        "format",
        "page_count",
        "title",
        "plan_term",
        "report_fiscal_year",
        "family",
        "municipality",
        "plan",
        "preface",
    ),
    "measures": (
        "sha256",
        "measure_id",
        "parent",
        "policy",
        "number",
        "title",
        "department",
        "period_start",
        "period_end",
        "figures",
        *_LOCATION,
    ),
    "indicators": ("sha256", "measure_id", "indicator_index", "name", "unit", "kind"),
    "observations": (
        "sha256",
        "measure_id",
        "indicator_index",
        "observation_index",
        "role",
        "fiscal_year",
        "value",
        "raw",
        "approximate",
        "note",
        "label",
        *_LOCATION,
    ),
    "narratives": (
        "sha256",
        "measure_id",
        "narrative_index",
        "kind",
        "actor",
        "label",
        "fiscal_year",
        "items",
        "figures",
        *_LOCATION,
    ),
    "narrative_items": ("sha256", "measure_id", "narrative_index", "position", "text", *_LOCATION),
    "hierarchy": ("sha256", "measure_id", "level", "label", "text", *_LOCATION),
    "costs": (
        "sha256",
        "measure_id",
        "cost_index",
        "label",
        "fiscal_year",
        "kind",
        "value",
        "raw",
        "unit",
        "label_header",
        *_LOCATION,
    ),
    "evaluations": (
        "sha256",
        "measure_id",
        "evaluation_index",
        "label",
        "grade",
        "reason",
        *_LOCATION,
    ),
}

#: the progress table's columns (sha256, measure_id, indicator_index and the figures)
PROGRESS_COLUMNS: tuple[str, ...] = (
    "sha256",
    "measure_id",
    "indicator_index",
    "status",
    "direction",
    "direction_source",
    "latest_year",
    "latest_value",
    "start_role",
    "start_year",
    "start_value",
    "target_year",
    "target_value",
    "deadline_year",
    "expected_value",
    "rate",
    "target_met",
)

_INSERT = {
    table: f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    for table, cols in {**COLUMNS, "progress": PROGRESS_COLUMNS}.items()
}


class StoreError(Exception):
    """The file is not a sheetparse database this version can write to."""


@dataclass
class LoadReport:
    """What a load did: sha256s added, replaced, skipped as already present, or rejected by a
    key or check constraint (with the reason)."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)


def _sql(value: Any) -> Any:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return int(value)
    return value


def rows(sheet: ProgressSheet) -> dict[str, list[tuple[Any, ...]]]:
    """The SQLite rows of one sheet, by table (indicators from the sheet itself, so that one
    without any observation keeps its row)."""
    records = flat_records(sheet)

    def take(record: Any, table: str) -> tuple[Any, ...]:
        data = record.model_dump(mode="json")
        return tuple(_sql(data[c]) for c in COLUMNS[table])

    sha = sheet.source.sha256
    return {
        "sheets": [take(r, "sheets") for r in records.sheets],
        "measures": [take(r, "measures") for r in records.measures],
        "indicators": [
            (sha, m.id, i, ind.name, ind.unit, ind.kind)
            for m in sheet.measures
            for i, ind in enumerate(m.indicators)
        ],
        "observations": [take(r, "observations") for r in records.indicators],
        "narratives": [take(r, "narratives") for r in records.narratives],
        "narrative_items": [take(r, "narrative_items") for r in records.narrative_items],
        "hierarchy": [take(r, "hierarchy") for r in records.hierarchy],
        "costs": [take(r, "costs") for r in records.costs],
        "evaluations": [take(r, "evaluations") for r in records.evaluations],
    }


def progress_rows(sheet: ProgressSheet) -> list[tuple[Any, ...]]:
    """The ``progress`` rows of one sheet (one per indicator)."""
    out = []
    for r in progress_records(sheet):
        data = r.model_dump(mode="json")
        out.append(tuple(_sql(data[c]) for c in PROGRESS_COLUMNS))
    return out


class SheetStore:
    """An open database; :meth:`add` sheets, then :meth:`commit` (or use it as a context
    manager, which commits on success and rolls back on an exception). With ``progress`` the
    sheets added also get their ``progress`` rows (the table is created where missing)."""

    def __init__(self, path: str | os.PathLike[str], *, progress: bool = False) -> None:
        self.path = Path(path)
        self.progress = progress
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, isolation_level=None)
        except (OSError, sqlite3.Error) as e:
            raise StoreError(f"{self.path}: cannot open ({e})") from None
        try:
            self._prepare()
        except sqlite3.Error as e:  # e.g. locked by another writer past the busy timeout
            self.conn.close()
            raise StoreError(f"{self.path}: {e}") from None
        except BaseException:
            self.conn.close()
            raise
        self.report = LoadReport()

    def _prepare(self) -> None:
        c = self.conn
        try:
            version = c.execute("PRAGMA user_version").fetchone()[0]
            tables = c.execute(
                "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            ).fetchone()[0]
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: not an SQLite database ({e})") from None
        if version == 1:
            self._migrate_from_1()
            version = STORE_VERSION
        if version not in (0, STORE_VERSION):
            raise StoreError(
                f"{self.path}: written by another sheetparse version (store version {version}, "
                f"this one writes {STORE_VERSION}); use a new file"
            )
        if version == 0 and tables:
            raise StoreError(f"{self.path}: an SQLite database of something else; use a new file")
        c.execute("PRAGMA foreign_keys = ON")  # per connection, outside a transaction
        if version == 0:
            c.executescript(
                f"BEGIN IMMEDIATE;\n{SCHEMA}\nPRAGMA user_version = {STORE_VERSION};\nCOMMIT;"
            )
        if self.progress:
            c.executescript(f"BEGIN IMMEDIATE;\n{PROGRESS_SCHEMA}\nCOMMIT;")
        c.execute("BEGIN IMMEDIATE")

    def _migrate_from_1(self) -> None:
        """Bring a store-version-1 database (contract 1.0) to this version, in one
        transaction with foreign keys off while tables are rebuilt (SQLite's documented way)."""
        c = self.conn
        c.execute("PRAGMA foreign_keys = OFF")
        try:
            c.executescript(
                f"BEGIN IMMEDIATE;\n{MIGRATE_1_TO_2}\nPRAGMA user_version = {STORE_VERSION};\n"
            )
            broken = c.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StoreError(
                    f"{self.path}: migrating from store version 1 left {len(broken)} rows "
                    "without their parent; the file was left unchanged"
                )
            c.execute("COMMIT")
        except BaseException:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise

    def has(self, sha256: str) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM sheets WHERE sha256 = ?", (sha256,)).fetchone()
            is not None
        )

    def add(self, sheet: ProgressSheet, *, replace: bool = False) -> str:
        """Load one sheet: ``"added"``, ``"replaced"``, ``"skipped"`` (already present, or
        already loaded by this store: a byte-identical copy) or ``"rejected"``."""
        sha = sheet.source.sha256
        status = "added"
        if self.has(sha):
            if not replace or sha in self.report.added or sha in self.report.replaced:
                self.report.skipped.append(sha)
                return "skipped"
            status = "replaced"
        self.conn.execute("SAVEPOINT sheet")
        try:
            if status == "replaced":
                self.conn.execute("DELETE FROM sheets WHERE sha256 = ?", (sha,))
            for table, table_rows in rows(sheet).items():
                if table_rows:
                    self.conn.executemany(_INSERT[table], table_rows)
            if self.progress and (extra := progress_rows(sheet)):
                self.conn.executemany(_INSERT["progress"], extra)
        except sqlite3.IntegrityError as e:  # e.g. two measures with one id in a hand-made sheet
            self.conn.execute("ROLLBACK TO sheet")
            self.conn.execute("RELEASE sheet")
            self.report.rejected.append((sha, str(e)))
            return "rejected"
        self.conn.execute("RELEASE sheet")
        getattr(self.report, status).append(sha)
        return status

    def commit(self) -> LoadReport:
        """Make everything added visible at once, and close."""
        self.conn.execute("COMMIT")
        self.conn.close()
        return self.report

    def rollback(self) -> None:
        """Drop everything added, and close."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self.conn.close()

    def __enter__(self) -> SheetStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.rollback()


def write_sqlite(
    sheets: Iterable[ProgressSheet],
    path: str | os.PathLike[str],
    *,
    replace: bool = False,
    progress: bool = False,
) -> LoadReport:
    """Load ``sheets`` into the SQLite database at ``path`` (created if missing) in one
    transaction; sheets already present (same sha256) are skipped unless ``replace``. With
    ``progress``, each sheet loaded also gets its rows in the ``progress`` table."""
    with SheetStore(path, progress=progress) as store:
        for sheet in sheets:
            store.add(sheet, replace=replace)
    return store.report
