"""The per-file work of a batch as a pure, picklable function: bytes in, JSON text out.

:func:`convert` needs no file system and no shared state, so the same call runs in this
process, in a worker process or on a dask cluster on another machine. It never raises: a file
that cannot be read comes back as an :class:`Outcome` with a :class:`Failure`.
"""

from __future__ import annotations

import hashlib
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..api import InternalError, _guarded
from ..errors import ParseTimeout, SheetParseError
from ..export.records import to_json_bytes
from ..files import sha256_of
from ..limits import DEFAULT_LIMITS, Limits
from ..sniff import sniff


class WorkerCrashed(SheetParseError):
    """The process parsing the file died (a crash in native code, or killed by the system)."""

    code = "worker-crashed"


@dataclass(frozen=True, slots=True)
class Job:
    """One file to convert: its bytes (a PDF: its path, read from disk as parsing goes) and
    the name it is known by (``source.path``)."""

    name: str
    data: bytes | Path = field(repr=False)
    format: str | None = None
    limits: Limits = DEFAULT_LIMITS
    #: the sheet family to read it as (None: detected)
    family: str | None = None
    #: the PDF backend (None: the default)
    pdf_backend: str | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a file could not be converted: error class, its stable code, a one-line message."""

    error: str
    code: str
    message: str

    @classmethod
    def of(cls, e: SheetParseError) -> Failure:
        return cls(type(e).__name__, e.code, one_line(e.message))

    def exception(self, path: str | None = None) -> SheetParseError:
        """The failure as an instance of its error class (for :func:`sheetparse.parse_many`)."""
        exc_type = error_classes().get(self.error, SheetParseError)
        exc = exc_type(self.message, path=path)
        if exc_type is SheetParseError:
            exc.code = self.code
        return exc


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts shown in progress lines."""

    measures: int = 0
    indicators: int = 0
    narratives: int = 0
    warnings: int = 0


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of :func:`convert`: the contract's JSON text, or a failure."""

    name: str
    sha256: str
    json: bytes | None = field(default=None, repr=False)
    failure: Failure | None = None
    stats: Stats = Stats()
    #: seconds spent in :func:`convert`
    seconds: float = 0.0
    #: peak resident memory of the process that ran it, in bytes (None where unknown)
    peak_rss: int | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None


def one_line(message: str) -> str:
    """White space (line breaks included) collapsed to single spaces."""
    return " ".join(message.split())


def timeout_message(seconds: float | None) -> str:
    """The message of every timeout, whoever noticed it (the worker or the batch runner)."""
    limit = f"{seconds:g} s" if seconds else "the time limit"
    return f"parsing took longer than {limit} (the time limit)"


def timeout_failure(seconds: float | None) -> Failure:
    return Failure(ParseTimeout.__name__, ParseTimeout.code, timeout_message(seconds))


def error_classes() -> dict[str, type[SheetParseError]]:
    """Every SheetParseError subclass by class name."""
    out: dict[str, type[SheetParseError]] = {}
    todo: list[type[SheetParseError]] = [SheetParseError]
    while todo:
        cls = todo.pop()
        out.setdefault(cls.__name__, cls)
        todo.extend(cls.__subclasses__())
    return out


def peak_rss() -> int | None:
    """This process's peak resident set size in bytes."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return None
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024


def convert(job: Job) -> Outcome:
    """Parse one file's bytes to the contract's JSON; never raises."""
    start = time.perf_counter()
    text: bytes | None = None
    failure: Failure | None = None
    stats = Stats()
    sha = ""
    try:
        if isinstance(job.data, Path):
            sha = sha256_of(job.data)
            fmt = job.format or "pdf"
        else:
            sha = hashlib.sha256(job.data).hexdigest()
            fmt = job.format or sniff(job.data, job.name)
        sheet = _guarded(
            job.data,
            fmt,
            job.name,
            job.limits,
            sha,
            family=job.family,
            backend=job.pdf_backend,
        )
        text = to_json_bytes(sheet)
        stats = Stats(
            measures=len(sheet.measures),
            indicators=sum(len(m.indicators) for m in sheet.measures),
            narratives=sum(len(m.narratives) for m in sheet.measures),
            warnings=sum(d.level != "info" for d in sheet.diagnostics),
        )
    except ParseTimeout:
        failure = timeout_failure(job.limits.timeout)
    except SheetParseError as e:
        failure = Failure.of(e)
    except Exception as e:  # the guarantee: a bug is reported as a failure, never raised
        failure = Failure.of(
            InternalError(
                f"internal error ({type(e).__name__}: {e}); please report it with the file"
            )
        )
    return Outcome(
        name=job.name,
        sha256=sha,
        json=text,
        failure=failure,
        stats=stats,
        seconds=time.perf_counter() - start,
        peak_rss=peak_rss(),
    )


def preload() -> None:
    """Import the readers up front, so a worker's first file is not charged for it."""
    from .. import readers

    for fmt in ("markdown", "html", "pdf", "xlsx"):
        try:
            readers.get_reader(fmt)  # type: ignore[arg-type]
        except Exception:  # a reader that is missing here fails its files later, with a message
            continue
