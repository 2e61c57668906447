"""sheetparse: Japanese municipal progress sheets (進捗シート) to clean, typed JSON.

import sheetparse
sheet = sheetparse.parse("sheet.pdf")           # a path; the format is sniffed
sheet = sheetparse.parse(data, format="html")   # the file's bytes
sheet = sheetparse.parse_text(md, format="markdown")
print(sheet.model_dump_json())
sheetparse.progress(sheet)                     # are the indicators on track?
"""

from . import ja
from .api import InternalError, UnreadableInput, parse, parse_text
from .batch import ParseResult, WorkerCrashed, convert_batch, parse_many
from .errors import (
    CorruptDocument,
    DecodingError,
    EmptyInput,
    EncryptedDocument,
    InputTooLarge,
    MissingDependency,
    NotAProgressSheet,
    NoTextLayer,
    ParseTimeout,
    SheetParseError,
    UndecodableText,
    UnknownFamily,
    UnsupportedFormat,
)
from .export import write_sqlite, write_tables
from .limits import Limits
from .model import (
    Diagnostic,
    Indicator,
    Location,
    Measure,
    Narrative,
    NarrativeKind,
    Observation,
    ProgressSheet,
    Source,
)
from .tracking import IndicatorProgress, progress

__version__ = "0.1.0"

__all__ = [
    "CorruptDocument",
    "DecodingError",
    "Diagnostic",
    "EmptyInput",
    "EncryptedDocument",
    "Indicator",
    "IndicatorProgress",
    "InputTooLarge",
    "InternalError",
    "Limits",
    "Location",
    "Measure",
    "MissingDependency",
    "Narrative",
    "NarrativeKind",
    "NoTextLayer",
    "NotAProgressSheet",
    "Observation",
    "ParseResult",
    "ParseTimeout",
    "ProgressSheet",
    "SheetParseError",
    "Source",
    "UndecodableText",
    "UnknownFamily",
    "UnreadableInput",
    "UnsupportedFormat",
    "WorkerCrashed",
    "convert_batch",
    "ja",
    "parse",
    "parse_many",
    "parse_text",
    "progress",
    "write_sqlite",
    "write_tables",
]
