-- The SQLite schema of store version 1 (sheetparse before contract 1.1), kept to test the migration.

CREATE TABLE IF NOT EXISTS sheets (
    sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
    path TEXT,
    format TEXT NOT NULL CHECK (format IN ('pdf', 'html', 'markdown', 'xlsx')),
    page_count INTEGER,
    title TEXT,
    plan_term INTEGER,
    report_fiscal_year INTEGER
);
CREATE TABLE IF NOT EXISTS measures (
    sha256 TEXT NOT NULL REFERENCES sheets (sha256) ON DELETE CASCADE,
    measure_id TEXT NOT NULL,
    policy INTEGER NOT NULL,
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    figures TEXT NOT NULL,  -- captions, one per line
    page INTEGER, line INTEGER, sheet TEXT, cell TEXT,
    PRIMARY KEY (sha256, measure_id)
);
CREATE TABLE IF NOT EXISTS indicators (
    sha256 TEXT NOT NULL,
    measure_id TEXT NOT NULL,
    indicator_index INTEGER NOT NULL CHECK (indicator_index >= 0),
    name TEXT NOT NULL,
    unit TEXT,
    PRIMARY KEY (sha256, measure_id, indicator_index),
    FOREIGN KEY (sha256, measure_id) REFERENCES measures (sha256, measure_id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS observations (
    sha256 TEXT NOT NULL,
    measure_id TEXT NOT NULL,
    indicator_index INTEGER NOT NULL,
    observation_index INTEGER NOT NULL CHECK (observation_index >= 0),
    role TEXT NOT NULL CHECK (role IN ('baseline', 'actual', 'target')),
    fiscal_year INTEGER NOT NULL,
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
CREATE INDEX IF NOT EXISTS sheets_by_year ON sheets (report_fiscal_year);
CREATE INDEX IF NOT EXISTS sheets_by_path ON sheets (path);
CREATE INDEX IF NOT EXISTS indicators_by_name ON indicators (name);
CREATE INDEX IF NOT EXISTS observations_by_year ON observations (fiscal_year, role);
CREATE INDEX IF NOT EXISTS narratives_by_kind ON narratives (kind, actor);
CREATE VIEW IF NOT EXISTS indicator_values AS
SELECT s.path, s.report_fiscal_year, o.sha256, o.measure_id, m.title AS measure_title,
       o.indicator_index, i.name, i.unit, o.role, o.fiscal_year, o.value, o.raw,
       o.approximate, o.note, o.label, o.page, o.line, o.sheet, o.cell
FROM observations o
JOIN indicators i USING (sha256, measure_id, indicator_index)
JOIN measures m USING (sha256, measure_id)
JOIN sheets s USING (sha256);
