"""The SQLite store: keys, indexes, appending batch after batch, and atomic loads."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from sheetparse.export.sqlite import SheetStore, StoreError, write_sqlite

SEED_SHA = "39c91799ff9692255081dc2e9ac0a3ffe233832a13d77daadc0331db749738f4"


def _count(db, table):
    with sqlite3.connect(db) as c:
        return c.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _variant(sheet, title):
    """A different sheet (another sha256) with the seed's content and one measure renamed."""
    other = sheet.model_copy(deep=True)
    other.source.sha256 = hashlib.sha256(title.encode()).hexdigest()
    other.source.path = f"{title}.md"
    other.measures[0].title = title
    return other


def test_tables_hold_the_gold_counts(tmp_path, seed_sheet, seed_gold):
    db = tmp_path / "a.sqlite"
    report = write_sqlite([seed_sheet], db)
    assert report.added == [SEED_SHA]
    gold = seed_gold["measures"]
    assert _count(db, "sheets") == 1
    assert _count(db, "measures") == len(gold) == 14
    assert _count(db, "indicators") == sum(len(m["indicators"]) for m in gold)
    assert _count(db, "observations") == 112
    assert _count(db, "narratives") == sum(len(m["narratives"]) for m in gold)
    assert _count(db, "narrative_items") == 350


def test_keys_indexes_and_the_view(tmp_path, seed_sheet):
    db = tmp_path / "a.sqlite"
    write_sqlite([seed_sheet], db)
    c = sqlite3.connect(db)
    assert c.execute("PRAGMA foreign_key_check").fetchall() == []
    pk = [
        r[1]
        for r in sorted(c.execute("PRAGMA table_info(observations)"), key=lambda r: r[5])
        if r[5]
    ]
    assert pk == ["sha256", "measure_id", "indicator_index", "observation_index"]
    fks = {r[2] for r in c.execute("PRAGMA foreign_key_list(observations)")}
    assert fks == {"indicators"}
    indexes = {r[1] for r in c.execute("PRAGMA index_list(observations)")}
    assert "observations_by_year" in indexes
    row = c.execute(
        "SELECT name, value, raw, line FROM indicator_values "
        "WHERE measure_id = '1-1' AND role = 'actual' AND fiscal_year = 2025"
    ).fetchone()
    assert row == ("地域出前講座の実施", 36.0, "36", 16)
    # a blank cell is NULL, never 0; a printed 0 would stay 0
    blank = c.execute(
        "SELECT value, raw FROM observations WHERE measure_id = '1-1' "
        "AND fiscal_year = 2026 AND role = 'actual'"
    ).fetchone()
    assert blank == (None, "")
    items = c.execute(
        "SELECT items FROM narratives WHERE measure_id = '1-1' "
        "AND kind = 'mindset_change' AND actor = '市民'"
    ).fetchone()[0]
    assert items.split("\n")[0] == "身近な地域福祉に関する課題に興味を持つ"
    c.close()


def test_deleting_a_sheet_cascades(tmp_path, seed_sheet):
    db = tmp_path / "a.sqlite"
    write_sqlite([seed_sheet], db)
    c = sqlite3.connect(db)
    c.execute("PRAGMA foreign_keys = ON")
    c.execute("DELETE FROM sheets")
    c.commit()
    for table in ("measures", "indicators", "observations", "narratives", "narrative_items"):
        assert c.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    c.close()


def test_batches_append_without_duplicating_a_sheet(tmp_path, seed_sheet):
    db = tmp_path / "a.sqlite"
    write_sqlite([seed_sheet], db)
    other = _variant(seed_sheet, "別の施策")
    report = write_sqlite([seed_sheet, other], db)
    assert report.added == [other.source.sha256]
    assert report.skipped == [SEED_SHA]
    assert _count(db, "sheets") == 2
    assert _count(db, "measures") == 28
    # a byte-identical copy in the same batch is loaded once
    copy = seed_sheet.model_copy(deep=True)
    copy.source.path = "copy.md"
    db2 = tmp_path / "b.sqlite"
    report = write_sqlite([seed_sheet, copy], db2)
    assert (report.added, report.skipped) == ([SEED_SHA], [SEED_SHA])
    with sqlite3.connect(db2) as c:
        assert c.execute("SELECT path FROM sheets").fetchall() == [(seed_sheet.source.path,)]


def test_replace_reloads_a_sheet(tmp_path, seed_sheet):
    db = tmp_path / "a.sqlite"
    write_sqlite([seed_sheet], db)
    changed = seed_sheet.model_copy(deep=True)
    changed.measures[0].title = "新しい題"
    report = write_sqlite([changed], db, replace=True)
    assert report.replaced == [SEED_SHA]
    assert _count(db, "measures") == 14
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT title FROM measures WHERE measure_id = '1-1'").fetchone() == (
            "新しい題",
        )


def test_an_interrupted_load_changes_nothing(tmp_path, seed_sheet):
    db = tmp_path / "a.sqlite"
    write_sqlite([seed_sheet], db)

    def sheets():
        yield _variant(seed_sheet, "一つ目")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_sqlite(sheets(), db)
    assert _count(db, "sheets") == 1
    assert _count(db, "measures") == 14


def test_a_sheet_breaking_a_key_is_rejected_alone(tmp_path, seed_sheet):
    bad = _variant(seed_sheet, "重複")
    bad.measures[1].id = bad.measures[0].id  # two measures with one id: not from the parser
    db = tmp_path / "a.sqlite"
    report = write_sqlite([bad, seed_sheet], db)
    assert [sha for sha, _ in report.rejected] == [bad.source.sha256]
    assert "UNIQUE" in report.rejected[0][1]
    assert report.added == [SEED_SHA]
    assert _count(db, "sheets") == 1 and _count(db, "measures") == 14


def test_refuses_files_that_are_not_its_database(tmp_path, seed_sheet):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all, just text" * 100)
    with pytest.raises(StoreError, match="not an SQLite database"):
        write_sqlite([seed_sheet], junk)
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as c:
        c.execute("CREATE TABLE people (name TEXT)")
    with pytest.raises(StoreError, match="something else"):
        write_sqlite([seed_sheet], other)
    newer = tmp_path / "newer.sqlite"
    write_sqlite([], newer)
    with sqlite3.connect(newer) as c:
        c.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="another sheetparse version"):
        SheetStore(newer)


def test_empty_load_creates_the_schema(tmp_path):
    db = tmp_path / "sub" / "new.sqlite"
    report = write_sqlite([], db)
    assert report.added == []
    with sqlite3.connect(db) as c:
        names = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names == {
        "sheets",
        "measures",
        "indicators",
        "observations",
        "narratives",
        "narrative_items",
        "hierarchy",
        "costs",
        "evaluations",
    }


def test_a_version_1_database_is_migrated_in_place(tmp_path, seed_sheet):
    """A database written before contract 1.1 keeps its rows and takes the new tables."""
    from pathlib import Path

    db = tmp_path / "v1.sqlite"
    schema = (Path(__file__).parent / "data" / "store-v1.sql").read_text(encoding="utf-8")
    sha = "a" * 64
    with sqlite3.connect(db) as c:
        c.executescript(schema)
        c.execute("PRAGMA user_version = 1")
        c.execute(
            "INSERT INTO sheets VALUES (?, 'old.md', 'markdown', NULL, '進捗シート', 5, 2025)",
            (sha,),
        )
        c.execute(
            "INSERT INTO measures VALUES (?, '1-1', 1, 1, '施策', '', NULL, 3, NULL, NULL)", (sha,)
        )
        c.execute("INSERT INTO indicators VALUES (?, '1-1', 0, '指標', '人')", (sha,))
        c.execute(
            "INSERT INTO observations VALUES (?, '1-1', 0, 0, 'actual', 2025, 12, '12', 0, "
            "NULL, 'R7', NULL, 4, NULL, NULL)",
            (sha,),
        )
    report = write_sqlite([seed_sheet], db)
    assert report.added == [seed_sheet.source.sha256]
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == 2
        assert c.execute(
            "SELECT family, preface FROM sheets WHERE sha256 = ?", (sha,)
        ).fetchone() == (
            "progress-sheet",
            "",
        )
        assert c.execute(
            "SELECT measure_id, policy, number, title, line FROM measures WHERE sha256 = ?", (sha,)
        ).fetchone() == ("1-1", 1, 1, "施策", 3)
        assert c.execute(
            "SELECT name, role, fiscal_year, value, line FROM indicator_values WHERE sha256 = ?",
            (sha,),
        ).fetchone() == ("指標", "actual", 2025, 12.0, 4)
        assert not c.execute("PRAGMA foreign_key_check").fetchall()
        c.execute("PRAGMA foreign_keys = ON")
        c.execute("DELETE FROM sheets WHERE sha256 = ?", (sha,))
        assert c.execute(
            "SELECT count(*) FROM observations WHERE sha256 = ?", (sha,)
        ).fetchone() == (0,)
