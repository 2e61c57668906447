"""Flat tables (JSON Lines, CSV, datapackage.json) written from sheets, checked against the
hand-checked gold of the seed sheet and against the CSV/JSON standards they claim."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os

import pytest

import sheetparse
from conftest import SAMPLES
from sheetparse.export.tables import (
    TABLES,
    TableWriter,
    csv_cell,
    datapackage,
    sweep_temporaries,
    write_tables,
)
from sheetparse.model import (
    CostRecord,
    EvaluationRecord,
    HierarchyRecord,
    IndicatorRecord,
    MeasureRecord,
    NarrativeItemRecord,
    NarrativeRecord,
    SheetRecord,
)

MODELS = {
    "sheets": SheetRecord,
    "measures": MeasureRecord,
    "indicators": IndicatorRecord,
    "narratives": NarrativeRecord,
    "narrative_items": NarrativeItemRecord,
    "hierarchy": HierarchyRecord,
    "costs": CostRecord,
    "evaluations": EvaluationRecord,
}


@pytest.fixture(scope="module")
def seed_tables(tmp_path_factory, seed_sheet):
    folder = tmp_path_factory.mktemp("tables")
    write_tables([seed_sheet], folder)
    return folder


def _nows(text):
    """White space is not significant when comparing text with the gold (CONTRACT.md)."""
    return "".join(text.split())


def _gold_observations(gold):
    """(measure id, indicator name, role, fiscal year, value, raw) from the gold JSON."""
    out = []
    for m in gold["measures"]:
        for ind in m["indicators"]:
            obs = [("baseline", ind["baseline"])] if ind["baseline"] else []
            obs += [("actual", o) for o in ind["actuals"]]
            obs += [("target", ind["target"])] if ind["target"] else []
            out += [
                (m["id"], _nows(ind["name"]), role, o["fiscal_year"], o["value"], o["raw"])
                for role, o in obs
            ]
    return out


def _csv(path, encoding="utf-8"):
    with path.open(encoding=encoding, newline="") as f:
        return list(csv.DictReader(f))


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_table_is_written_in_both_formats(seed_tables):
    names = sorted(p.name for p in seed_tables.iterdir())
    expected = sorted(
        [f"{t.name}.{ext}" for t in TABLES for ext in ("csv", "jsonl")] + ["datapackage.json"]
    )
    assert names == expected


def test_indicators_are_tidy_one_row_per_gold_observation(seed_tables, seed_gold):
    rows = _jsonl(seed_tables / "indicators.jsonl")
    got = [
        (r["measure_id"], _nows(r["name"]), r["role"], r["fiscal_year"], r["value"], r["raw"])
        for r in rows
    ]
    assert got == _gold_observations(seed_gold)
    assert len(rows) == 112
    # observation_index counts within an indicator; indicator_index within a measure
    first = [r for r in rows if r["measure_id"] == "1-1" and r["indicator_index"] == 0]
    assert [r["observation_index"] for r in first] == list(range(len(first)))
    assert first[0]["role"] == "baseline" and first[0]["label"] == "現状値 (R5)"
    # every row traces back to the Markdown line it was printed on (counted by hand: 16)
    assert {r["line"] for r in first} == {16}
    sha = "39c91799ff9692255081dc2e9ac0a3ffe233832a13d77daadc0331db749738f4"
    assert {r["sha256"] for r in rows} == {sha}
    assert {r["path"] for r in rows} == {str(SAMPLES / "kashiwa-r7.md")}


def test_csv_matches_jsonl_row_for_row(seed_tables):
    for t in TABLES:
        js = _jsonl(seed_tables / f"{t.name}.jsonl")
        rows = _csv(seed_tables / f"{t.name}.csv")
        assert len(rows) == len(js), t.name
        for c, j in zip(rows, js, strict=True):
            assert list(c) == list(j)
            assert c == {k: csv_cell(v) for k, v in j.items()}


def test_narratives_and_items_follow_the_gold(seed_tables, seed_gold):
    def norm(texts):
        return [_nows(t) for t in texts]

    gold = [
        (m["id"], n["kind"], n["actor"], norm(n["items"]), norm(n["figures"]))
        for m in seed_gold["measures"]
        for n in m["narratives"]
    ]
    js = _jsonl(seed_tables / "narratives.jsonl")
    assert [
        (r["measure_id"], r["kind"], r["actor"], norm(r["items"]), norm(r["figures"])) for r in js
    ] == gold
    # CSV: items one per line, in one quoted cell
    rows = _csv(seed_tables / "narratives.csv")
    assert [norm(r["items"].split("\n")) if r["items"] else [] for r in rows] == [
        g[3] for g in gold
    ]
    items = _jsonl(seed_tables / "narrative_items.jsonl")
    assert [_nows(i["text"]) for i in items] == [t for g in gold for t in g[3]]
    assert len(items) == 350


def test_measures_and_sheet_rows(seed_tables, seed_gold):
    measures = _jsonl(seed_tables / "measures.jsonl")
    assert [(m["measure_id"], _nows(m["title"]), m["figures"]) for m in measures] == [
        (m["id"], _nows(m["title"]), m["figures"]) for m in seed_gold["measures"]
    ]
    (sheet,) = _jsonl(seed_tables / "sheets.jsonl")
    assert sheet["title"] == seed_gold["title"]
    assert (sheet["plan_term"], sheet["report_fiscal_year"], sheet["format"]) == (
        5,
        2025,
        "markdown",
    )


def test_csv_is_rfc4180_with_bom_only_for_excel(tmp_path, seed_sheet):
    plain, excel = tmp_path / "plain", tmp_path / "excel"
    write_tables([seed_sheet], plain)
    write_tables([seed_sheet], excel, excel=True)
    for name in ("indicators.csv", "narratives.csv"):
        p, x = (plain / name).read_bytes(), (excel / name).read_bytes()
        assert not p.startswith(b"\xef\xbb\xbf")
        assert x == b"\xef\xbb\xbf" + p
        assert p.split(b"\r\n", 1)[0].startswith(b"sha256,path,measure_id")
    # JSON Lines never carry a BOM
    assert (excel / "indicators.jsonl").read_bytes() == (plain / "indicators.jsonl").read_bytes()
    dp = json.loads((excel / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["encoding"] for r in dp["resources"] if r["format"] == "csv"} == {"utf-8-sig"}


def test_csv_cells():
    assert csv_cell(None) == ""
    assert csv_cell(True) == "true" and csv_cell(False) == "false"
    assert csv_cell(0) == "0" and csv_cell(0.5) == "0.5"
    assert csv_cell(["a", "b"]) == "a\nb"


def test_datapackage_describes_the_files(seed_tables):
    dp = json.loads((seed_tables / "datapackage.json").read_text(encoding="utf-8"))
    assert dp == datapackage(seed_tables)
    resources = {r["name"]: r for r in dp["resources"]}
    assert set(resources) == {t.name for t in TABLES} | {f"{t.name}-jsonl" for t in TABLES}
    for r in dp["resources"]:
        data = (seed_tables / r["path"]).read_bytes()
        assert r["bytes"] == len(data)
        assert r["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert r["schema"]["missingValues"] == [""]
    types = {f["name"]: f["type"] for f in resources["indicators"]["schema"]["fields"]}
    assert types["value"] == "number" and types["fiscal_year"] == "integer"
    assert types["approximate"] == "boolean" and types["raw"] == "string"
    assert types["indicator_index"] == "integer"
    nar = {f["name"]: f for f in resources["narratives"]["schema"]["fields"]}
    assert nar["items"]["type"] == "string"  # lines in CSV ...
    nar_jsonl = {f["name"]: f for f in resources["narratives-jsonl"]["schema"]["fields"]}
    assert nar_jsonl["items"]["type"] == "array"  # ... an array in JSON Lines
    assert nar["kind"]["constraints"]["enum"][0] == "direction"
    assert nar["actor"]["constraints"] == {"enum": ["市民", "地域", "市"]}
    # raw can be "" (an empty cell), which CSV cannot tell from missing: never required
    raw = next(f for f in resources["indicators"]["schema"]["fields"] if f["name"] == "raw")
    assert "constraints" not in raw or "required" not in raw["constraints"]


def test_datapackage_keys_hold_in_the_data(seed_tables):
    dp = json.loads((seed_tables / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in dp["resources"] if r["format"] == "csv"}
    data = {name: _csv(seed_tables / r["path"]) for name, r in resources.items()}
    for name, r in resources.items():
        schema = r["schema"]
        with (seed_tables / r["path"]).open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))  # written also for a table with no rows (costs)
        assert [f["name"] for f in schema["fields"]] == header
        pk = schema["primaryKey"]
        keys = [tuple(row[k] for k in pk) for row in data[name]]
        assert len(keys) == len(set(keys)), name
        for fk in schema.get("foreignKeys", []):
            ref = fk["reference"]
            targets = {tuple(row[k] for k in ref["fields"]) for row in data[ref["resource"]]}
            for row in data[name]:
                assert tuple(row[k] for k in fk["fields"]) in targets, (name, row)


def test_jsonl_rows_validate_against_the_record_models(seed_tables):
    for t in TABLES:
        for line in (seed_tables / f"{t.name}.jsonl").read_text(encoding="utf-8").splitlines():
            record = MODELS[t.name].model_validate_json(line)
            assert json.loads(record.model_dump_json()) == json.loads(line)


def test_csv_loads_in_pandas_with_the_right_dtypes(seed_tables, tmp_path, seed_sheet):
    pd = pytest.importorskip("pandas")
    write_tables([seed_sheet], tmp_path, excel=True)
    for folder in (seed_tables, tmp_path):
        df = pd.read_csv(folder / "indicators.csv")
        assert list(df.columns[:3]) == ["sha256", "path", "measure_id"]  # BOM not in a name
        assert len(df) == 112
        assert str(df["indicator_index"].dtype) == "int64"
        assert str(df["observation_index"].dtype) == "int64"
        assert str(df["fiscal_year"].dtype) == "int64"
        assert str(df["value"].dtype) == "float64"
        assert str(df["approximate"].dtype) == "bool"
        assert pd.api.types.is_string_dtype(df["name"])
        assert pd.api.types.is_string_dtype(df["measure_id"])  # "1-1" is not a date or number
        actual = df[(df.measure_id == "1-1") & (df.role == "actual")]
        assert actual["value"].tolist()[0] == 36.0
        assert actual["value"].isna().sum() == 5  # R8..R12 printed blank
        nar = pd.read_csv(folder / "narratives.csv")
        lines = nar["items"].fillna("").str.split("\n").map(lambda xs: len([x for x in xs if x]))
        assert lines.sum() == 350


def test_duplicate_sheets_are_written_once(tmp_path, seed_sheet):
    copy = seed_sheet.model_copy(deep=True)
    copy.source.path = "elsewhere/kashiwa-r7.md"
    writer = TableWriter(tmp_path)
    assert writer.add(seed_sheet) is True
    assert writer.add(copy) is False
    writer.close()
    assert len(_jsonl(tmp_path / "sheets.jsonl")) == 1
    assert len(_jsonl(tmp_path / "measures.jsonl")) == 14


def test_an_interrupted_write_keeps_the_old_tables_and_leaves_no_temporary(tmp_path, seed_sheet):
    write_tables([seed_sheet], tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def sheets():
        yield seed_sheet
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_tables(sheets(), tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_sweep_removes_only_temporaries(tmp_path):
    (tmp_path / "sub").mkdir()
    junk = [tmp_path / ".indicators.csv.a1B2c3_d.tmp", tmp_path / "sub" / ".x.json.abcdefgh.tmp"]
    keep = [tmp_path / "indicators.csv", tmp_path / ".notes.tmp", tmp_path / "sub" / "a.tmp"]
    for p in junk + keep:
        p.write_text("x")
    assert sweep_temporaries(tmp_path) == 2
    assert [p.exists() for p in junk] == [False, False]
    assert all(p.exists() for p in keep)


def test_files_get_the_usual_permissions(tmp_path, seed_sheet):
    old = os.umask(0o022)
    try:
        write_tables([seed_sheet], tmp_path)
    finally:
        os.umask(old)
    assert (tmp_path / "indicators.csv").stat().st_mode & 0o777 == 0o644


def test_tables_from_parsed_text_with_odd_values(tmp_path):
    # a small sheet with an approximate value, a note and a zero: typed columns keep them
    text = (SAMPLES / "kashiwa-r7.md").read_text(encoding="utf-8")
    text = text.replace("| 地域出前講座の実施 | 39 | 36 |", "| 地域出前講座の実施 | 約39 | 0 |", 1)
    sheet = sheetparse.parse_text(text)
    write_tables([sheet], tmp_path)
    rows = [r for r in _csv(tmp_path / "indicators.csv") if r["measure_id"] == "1-1"]
    assert (rows[0]["value"], rows[0]["raw"], rows[0]["approximate"]) == ("39", "約39", "true")
    assert (rows[1]["value"], rows[1]["raw"], rows[1]["approximate"]) == ("0", "0", "false")
    assert (rows[2]["value"], rows[2]["raw"]) == ("", "")


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="parquet"):
        TableWriter(tmp_path, formats=("csv", "parquet"))
    assert list(tmp_path.iterdir()) == []


def test_only_csv(tmp_path, seed_sheet):
    paths = write_tables([seed_sheet], tmp_path, formats=("csv",))
    assert sorted(p.name for p in paths) == sorted(
        [f"{t.name}.csv" for t in TABLES] + ["datapackage.json"]
    )
    dp = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert all(r["format"] == "csv" for r in dp["resources"])
    assert io.StringIO((tmp_path / "sheets.csv").read_text(encoding="utf-8")).readline()
