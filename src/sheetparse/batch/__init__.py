"""Many files at once: inputs, workers, progress, failures and resume around :func:`parse`."""

from .convert import BatchReport, FailedInput, ParseResult, convert_batch, parse_many
from .jobs import WorkerCrashed

__all__ = [
    "BatchReport",
    "FailedInput",
    "ParseResult",
    "WorkerCrashed",
    "convert_batch",
    "parse_many",
]
