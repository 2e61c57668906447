"""JSON Schemas (draft 2020-12) of the output, generated from the models into ``schemas/``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

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
)

#: the JSON Schema files in ``schemas/`` and the models they are generated from
SCHEMA_MODELS = {
    "progress-sheet": ProgressSheet,
    "measure-record": MeasureRecord,
    "indicator-record": IndicatorRecord,
    "narrative-record": NarrativeRecord,
    "narrative-item-record": NarrativeItemRecord,
    "sheet-record": SheetRecord,
    "hierarchy-record": HierarchyRecord,
    "cost-record": CostRecord,
    "evaluation-record": EvaluationRecord,
}


def schemas() -> dict[str, dict[str, Any]]:
    """JSON Schemas (draft 2020-12) of the output, keyed by file stem."""
    out = {}
    for name, model in SCHEMA_MODELS.items():
        schema = model.model_json_schema(mode="serialization")
        _unrequire_optionals(schema, model)
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://sheetparse.dev/schemas/{name}.schema.json",
            **schema,
        }
        out[name] = schema
    return out


def _unrequire_optionals(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Keys a model leaves out when unset (its ``_optional``) are not required in its schema;
    every other key is always written, so it is."""
    import sheetparse.model as models

    def fix(node: dict[str, Any], cls: type[BaseModel] | None) -> None:
        optional = (
            getattr(cls, "_optional", frozenset()) | getattr(cls, "_optional_lists", frozenset())
            if cls
            else frozenset()
        )
        if "required" in node:
            node["required"] = [k for k in node["required"] if k not in optional]
            if not node["required"]:
                del node["required"]

    fix(schema, model)
    for def_name, node in schema.get("$defs", {}).items():
        cls = getattr(models, def_name, None)
        fix(node, cls if isinstance(cls, type) and issubclass(cls, BaseModel) else None)


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_schemas(folder: str | Path) -> list[Path]:
    """Write every schema into ``folder`` as ``<name>.schema.json``."""
    from ..atomic import write_atomic

    paths = []
    for name, schema in schemas().items():
        path = Path(folder) / f"{name}.schema.json"
        write_atomic(path, schema_text(schema))
        paths.append(path)
    return paths
