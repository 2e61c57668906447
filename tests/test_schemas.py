"""The checked-in JSON Schemas match the models, and outputs validate against the contract."""

from __future__ import annotations

import json

from conftest import ROOT
from sheetparse.export import SCHEMA_MODELS, schema_text, schemas
from sheetparse.model import Observation, ProgressSheet


def test_checked_in_schemas_match_the_models():
    folder = ROOT / "schemas"
    for name, schema in schemas().items():
        path = folder / f"{name}.schema.json"
        assert path.exists(), f"missing {path}; run: sheetparse schema -o schemas"
        assert path.read_text(encoding="utf-8") == schema_text(schema), (
            f"{path} drifted from the models; run: sheetparse schema -o schemas")
    assert sorted(p.name for p in folder.glob("*.schema.json")) == sorted(
        f"{n}.schema.json" for n in SCHEMA_MODELS)


def test_gold_validates_against_the_model(seed_gold):
    sheet = ProgressSheet.model_validate(seed_gold)
    assert json.loads(sheet.model_dump_json())["measures"] == seed_gold["measures"]


def test_optional_keys_are_left_out_and_numbers_integral():
    o = Observation(fiscal_year=2025, value=100.0, raw="100")
    assert json.loads(o.model_dump_json()) == {"fiscal_year": 2025, "value": 100, "raw": "100"}
    o = Observation(fiscal_year=2025, value=0.5, raw="0.5", approximate=True, label="R7")
    assert json.loads(o.model_dump_json()) == {
        "fiscal_year": 2025, "value": 0.5, "raw": "0.5", "label": "R7", "approximate": True}
    zero = Observation(fiscal_year=2025, value=0, raw="0")
    assert json.loads(zero.model_dump_json())["value"] == 0
