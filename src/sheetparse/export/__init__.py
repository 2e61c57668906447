"""Export: the contract's JSON, flat records as JSON Lines/CSV with a Frictionless descriptor,
SQLite, and the JSON Schemas."""

from .records import FlatRecords, flat_records, iter_json_bytes, to_json, to_json_bytes
from .schemas import SCHEMA_MODELS, schema_text, schemas, write_schemas
from .sqlite import write_sqlite
from .tables import write_tables

__all__ = [
    "SCHEMA_MODELS",
    "FlatRecords",
    "flat_records",
    "iter_json_bytes",
    "schema_text",
    "schemas",
    "to_json",
    "to_json_bytes",
    "write_schemas",
    "write_sqlite",
    "write_tables",
]
