"""Progress figures on request: the ``progress`` table (JSON Lines, CSV, datapackage, SQLite),
``convert --progress-figures`` and ``sheetparse progress``; the default outputs unchanged."""

from __future__ import annotations

import csv
import json
import sqlite3

import pytest

from conftest import SAMPLES
from sheetparse import cli
from sheetparse.export.sqlite import write_sqlite
from sheetparse.export.tables import TABLES, write_tables

# (measure, status, rate) of the seed, by hand (see tests/test_progress.py)
SEED_STATUS = {
    "1-1": ("behind", -3 / 12),
    "1-2": ("no-start", 310 / 300),
    "1-3": ("no-start", 23 / 15),
    "2-1": ("behind", -314 / 196),
    "2-2": ("behind", -995 / 3072),
    "2-3": ("behind", -33936 / 5831),
    "3-1": ("no-start", 10220 / 24000),
    "3-2": ("on-track", 24 / 49),
    "3-3": ("on-track", 10 / 13),
    "3-4": ("no-start", 13 / 42),
    "4-1": ("behind", 20.9 / 99.5),
    "4-2": ("achieved", 137 / 27),
    "4-3": ("behind", 1 / 28),
    "4-4": ("behind", -145 / 283),
}


def _csv(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_default_tables_have_no_progress(tmp_path, seed_sheet):
    write_tables([seed_sheet], tmp_path)
    assert not (tmp_path / "progress.csv").exists() and not (tmp_path / "progress.jsonl").exists()
    dp = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["name"] for r in dp["resources"] if r["format"] == "csv"} == {t.name for t in TABLES}


def test_progress_table_on_request(tmp_path, seed_sheet):
    write_tables([seed_sheet], tmp_path, progress=True)
    rows = _csv(tmp_path / "progress.csv")
    assert {r["measure_id"]: (r["status"], pytest.approx(float(r["rate"]))) for r in rows} == {
        k: (s, r) for k, (s, r) in SEED_STATUS.items()
    }
    first = rows[0]
    assert (first["name"], first["latest_value"], first["start_value"], first["target_value"]) == (
        "地域出前講座の実施",
        "36",
        "39",
        "51",
    )
    assert first["target_met"] == "false" and rows[1]["target_met"] == ""  # unknown: null
    jsonl = [json.loads(x) for x in (tmp_path / "progress.jsonl").read_text().splitlines()]
    assert [r["status"] for r in jsonl] == [r["status"] for r in rows]
    dp = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    res = {r["name"]: r for r in dp["resources"]}
    assert {"progress", "progress-jsonl"} <= set(res)
    fields = {f["name"]: f for f in res["progress"]["schema"]["fields"]}
    assert fields["rate"]["type"] == "number" and fields["target_met"]["type"] == "boolean"
    assert "achieved" in fields["status"]["constraints"]["enum"]
    assert res["progress"]["schema"]["primaryKey"] == ["sha256", "measure_id", "indicator_index"]
    # the key holds and every row points at a measure
    measures = {(r["sha256"], r["measure_id"]) for r in _csv(tmp_path / "measures.csv")}
    assert {(r["sha256"], r["measure_id"]) for r in rows} <= measures


def test_sqlite_progress_on_request(tmp_path, seed_sheet):
    plain = tmp_path / "plain.sqlite"
    write_sqlite([seed_sheet], plain)
    with sqlite3.connect(plain) as c:
        names = {r[0] for r in c.execute("SELECT name FROM sqlite_master")}
    assert "progress" not in names and "indicator_progress" not in names

    db = tmp_path / "p.sqlite"
    write_sqlite([seed_sheet], db, progress=True)
    write_sqlite([seed_sheet], db, progress=True, replace=True)  # replaced, not doubled
    with sqlite3.connect(db) as c:
        got = {
            mid: (status, rate)
            for mid, status, rate in c.execute(
                "SELECT measure_id, status, rate FROM indicator_progress"
            )
        }
        assert c.execute("SELECT count(*) FROM progress").fetchone() == (14,)
        name, met = c.execute(
            "SELECT name, target_met FROM indicator_progress WHERE measure_id = '4-2'"
        ).fetchone()
    assert name == "地域での防犯対策等の推進" and met == 1
    assert {k: (s, pytest.approx(r)) for k, (s, r) in got.items()} == {
        k: (s, r) for k, (s, r) in SEED_STATUS.items()
    }


def test_convert_with_and_without_progress_figures(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "kashiwa-r7.md").write_bytes((SAMPLES / "kashiwa-r7.md").read_bytes())
    out = tmp_path / "out"
    argv = ["convert", str(src), "-o", str(out), "--jobs", "0", "-q"]
    assert cli.main([*argv, "--progress-figures", "--db", str(tmp_path / "a.sqlite")]) == 0
    assert len(_csv(out / "progress.csv")) == 14
    with sqlite3.connect(tmp_path / "a.sqlite") as c:
        assert c.execute("SELECT count(*) FROM progress").fetchone() == (14,)
    assert cli.main(argv) == 0  # without the flag the (now stale) table goes
    assert not (out / "progress.csv").exists() and not (out / "progress.jsonl").exists()


# --- sheetparse progress ------------------------------------------------------------------------


def test_cli_text(capsys, seed_path):
    assert cli.main(["progress", str(seed_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("14 indicators: 1 achieved, 2 on-track, 7 behind, 4 no-start")
    assert out[1].split()[:4] == ["1-1", "behind", "36", "(FY2025)"]
    assert "rate -25.0%" in out[1] and out[1].endswith("地域出前講座の実施")
    assert "no start" in out[2] and "rate 103.3%" in out[2]


def test_cli_json_from_a_version_1_output(capsys):
    assert cli.main(["progress", str(SAMPLES / "kashiwa-r7.expected.json"), "--as", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["summary"]["behind"] == 7 and doc["report_fiscal_year"] == 2025
    assert [f["status"] for f in doc["indicators"]] == [s for s, _ in SEED_STATUS.values()]


def test_cli_direction_override_and_output_file(tmp_path, seed_path):
    out = tmp_path / "p.jsonl"
    argv = ["progress", str(seed_path), "--as", "jsonl", "-o", str(out)]
    assert cli.main([*argv, "--direction", "フレイル予防の推進=lower"]) == 0
    rows = {r["measure_id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert rows["3-1"]["direction"] == "lower" and rows["3-1"]["direction_source"] == "override"
    assert rows["3-1"]["rate"] == pytest.approx(24000 / 10220)  # target / latest


def test_cli_errors(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"measures": 3}', encoding="utf-8")
    assert cli.main(["progress", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a sheet as sheetparse writes it" in err
    with pytest.raises(SystemExit) as e:
        cli.main(["progress", str(bad), "--direction", "x=sideways"])
    assert e.value.code == 2
    out = tmp_path / "never.json"
    assert cli.main(["progress", str(tmp_path / "missing.md"), "-o", str(out)]) == 1
    assert not out.exists()
