"""The checked-in JSON Schemas match the models, and outputs validate against the contract."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from sheetparse.export.schemas import SCHEMA_MODELS, schema_text, schemas
from sheetparse.model import Observation, ProgressSheet


def test_checked_in_schemas_match_the_models():
    folder = ROOT / "schemas"
    for name, schema in schemas().items():
        path = folder / f"{name}.schema.json"
        assert path.exists(), f"missing {path}; run: sheetparse schema -o schemas"
        assert path.read_text(encoding="utf-8") == schema_text(schema), (
            f"{path} drifted from the models; run: sheetparse schema -o schemas"
        )
    assert sorted(p.name for p in folder.glob("*.schema.json")) == sorted(
        f"{n}.schema.json" for n in SCHEMA_MODELS
    )


def test_gold_validates_against_the_model(seed_gold):
    sheet = ProgressSheet.model_validate(seed_gold)
    assert json.loads(sheet.model_dump_json())["measures"] == seed_gold["measures"]


def test_optional_keys_are_left_out_and_numbers_integral():
    o = Observation(fiscal_year=2025, value=100.0, raw="100")
    assert json.loads(o.model_dump_json()) == {"fiscal_year": 2025, "value": 100, "raw": "100"}
    o = Observation(fiscal_year=2025, value=0.5, raw="0.5", approximate=True, label="R7")
    assert json.loads(o.model_dump_json()) == {
        "fiscal_year": 2025,
        "value": 0.5,
        "raw": "0.5",
        "label": "R7",
        "approximate": True,
    }
    zero = Observation(fiscal_year=2025, value=0, raw="0")
    assert json.loads(zero.model_dump_json())["value"] == 0


def _schema(name):
    return json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))


def test_schema_requires_what_the_contract_requires():
    s = _schema("progress-sheet")
    # CONTRACT.md: every key required unless marked optional
    assert s["required"] == [
        "schema_version",
        "source",
        "title",
        "plan_term",
        "report_fiscal_year",
        "family",
        "municipality",
        "plan",
        "preface",
        "measures",
        "diagnostics",
    ]
    d = s["$defs"]
    assert d["Observation"]["required"] == ["fiscal_year", "value", "raw"]
    assert d["Location"]["required"] == ["page", "line"]
    assert d["Narrative"]["required"] == [
        "kind",
        "actor",
        "label",
        "fiscal_year",
        "items",
        "figures",
    ]
    assert d["Measure"]["required"] == [
        "id",
        "policy",
        "number",
        "title",
        "indicators",
        "narratives",
        "figures",
    ]
    # 1.1's measure and indicator keys are written where a sheet prints them (CONTRACT.md 1.1:
    # "omitted or null where a sheet does not print them"), so a version-1 sheet keeps its JSON
    assert d["Indicator"]["required"] == ["name", "unit", "baseline", "actuals", "target"]
    assert d["Cost"]["required"] == [
        "label",
        "fiscal_year",
        "kind",
        "value",
        "raw",
        "unit",
        "label_header",
    ]
    assert d["Evaluation"]["required"] == ["label", "grade", "reason"]
    assert s["properties"]["schema_version"]["enum"] == ["1.0", "1.1"]
    assert d["Source"]["required"] == ["path", "sha256", "format", "page_count"]
    assert set(d["NarrativeKind"]["enum"]) == {
        "direction",
        "mindset_change",
        "behavior_change",
        "outcome",
        "results",
        "expected_effects",
        "changes_and_issues",
        "next_steps",
        "purpose",
        "overview",
        "beneficiaries",
        "plan",
        "other",
    }


def test_outputs_and_gold_validate_against_the_schema(seed_sheet, seed_gold):
    jsonschema = pytest.importorskip("jsonschema")
    schema = _schema("progress-sheet")
    # the seed's gold is a version-1.0 document: 1.1 adds the sheet-level keys to it
    upgraded = {**seed_gold, "schema_version": "1.1", "family": "progress-sheet"}
    upgraded |= {"municipality": None, "plan": None, "preface": []}
    jsonschema.validate(upgraded, schema)
    with pytest.raises(jsonschema.ValidationError, match="family"):
        jsonschema.validate({**seed_gold, "schema_version": "1.1"}, schema)
    jsonschema.validate(json.loads(seed_sheet.model_dump_json()), schema)
    bad = json.loads(seed_sheet.model_dump_json())
    del bad["measures"][0]["title"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
