"""Many files at once: :func:`parse_many` for the library, :func:`convert_batch` for
``sheetparse convert``.

A batch reads each input in this process (files are read one at a time, as workers free up),
runs the pure per-file function :func:`sheetparse.batch.jobs.convert` in an executor, and isolates
failures: a file that fails, hangs or crashes its worker is reported, and the others convert.

``convert_batch`` writes, under the output folder:

- ``sheets/<name>.json`` — the contract's JSON for each input that converted, where ``<name>``
  is the input's path relative to the inputs' root (see :mod:`sheetparse.batch.inputs`);
- the flat tables (``sheets``, ``measures``, ``indicators``, ``narratives``,
  ``narrative_items``) as ``.jsonl`` and ``.csv``, and ``datapackage.json`` describing them;
- ``failures.jsonl`` — one line per input that failed: path, error class, code, message.

Every file is written atomically. A re-run skips inputs whose JSON exists for the same bytes
(``source.sha256``) unless ``force``; the tables and ``failures.jsonl`` are rebuilt from the
per-file JSONs in name order at the end of every run, and nothing written depends on timing,
so a killed and resumed batch ends byte-identical to one that ran straight through.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..api import check_family
from ..errors import SheetParseError
from ..export.sqlite import LoadReport, SheetStore, StoreError
from ..export.tables import TableWriter, sweep_temporaries, write_file
from ..files import load
from ..limits import DEFAULT_LIMITS, Limits
from ..model import ProgressSheet
from .executors import Executor, Lost, make_executor
from .inputs import Input, InputError, collect
from .jobs import (
    Failure,
    Job,
    Outcome,
    WorkerCrashed,
    convert,
    peak_rss,
    preload,
    timeout_failure,
)
from .progress import FileEvent, Progress

#: the output folder's layout
SHEETS_DIR = "sheets"
FAILURES_FILE = "failures.jsonl"
LOCK_FILE = ".sheetparse.lock"

Convert = Callable[[Job], Outcome]


class BatchLocked(InputError):
    """Another run is writing to the same output folder."""


def hard_deadline(timeout: float | None) -> float | None:
    """When the runner kills a worker: the parse time limit plus a margin for the worker to
    stop by itself (SIGALRM) and send its answer."""
    if not timeout:
        return None
    return timeout + max(1.0, 0.1 * timeout)


def lost_failure(lost: Lost, limits: Limits) -> Failure:
    """A task that gave no result, as the failure of its file."""
    if lost.reason == "timeout":
        return timeout_failure(limits.timeout)
    if lost.reason == "crashed":
        return Failure(WorkerCrashed.__name__, WorkerCrashed.code, lost.detail)
    return Failure("InternalError", "internal-error", f"internal error ({lost.detail})")


def _tasks(
    items: Iterable[tuple[Any, str, Path]],
    fmt: str | None,
    limits: Limits,
    early: deque[tuple[Any, Failure]],
    family: str | None = None,
    pdf_backend: str | None = None,
) -> Iterator[tuple[Any, Job]]:
    """Read each file as a worker frees up; a file that cannot be read goes to ``early``."""
    for key, name, path in items:
        try:
            data = load(path, limits, fmt)
        except SheetParseError as e:
            early.append((key, Failure.of(e)))
            continue
        yield (
            key,
            Job(
                name=name,
                data=data,
                format=fmt,
                limits=limits,
                family=family,
                pdf_backend=pdf_backend,
            ),
        )


def _run(
    items: Sequence[tuple[Any, str, Path]],
    *,
    fmt: str | None,
    limits: Limits,
    executor: Executor,
    convert_fn: Convert,
    family: str | None = None,
    pdf_backend: str | None = None,
) -> Iterator[tuple[Any, Outcome | Failure]]:
    """``(key, outcome)`` for each item as it completes, or ``(key, failure)``."""
    early: deque[tuple[Any, Failure]] = deque()
    results = executor.run(
        convert_fn,
        _tasks(items, fmt, limits, early, family, pdf_backend),
        timeout=hard_deadline(limits.timeout),
    )
    with contextlib.closing(results):  # type: ignore[type-var]
        for key, result in results:
            while early:
                yield early.popleft()
            yield key, (lost_failure(result, limits) if isinstance(result, Lost) else result)
    while early:
        yield early.popleft()


# --- the library: parse_many --------------------------------------------------------------------


@dataclass(frozen=True)
class ParseResult:
    """One file of :func:`parse_many`: its sheet, or the error that stopped it."""

    path: str
    sheet: ProgressSheet | None = None
    error: SheetParseError | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


def parse_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int | None = None,
    limits: Limits | None = None,
    format: str | None = None,
    executor: str | Executor = "process",
    address: str | None = None,
    family: str | None = None,
    pdf_backend: str | None = None,
) -> Iterator[ParseResult]:
    """Parse many files in parallel, yielding each result or failure as it completes.

    ``jobs`` worker processes (default: the CPU cores; 0 parses in this process);
    ``executor="dask"`` runs on a dask cluster (``address``, or a local one). Each file is
    held to ``limits.timeout`` from outside its worker, so one file cannot stall the rest.
    Never raises :class:`SheetParseError`: failures come back as results with ``error`` set.
    ``sheet.source.path`` is the path as given. ``family`` reads every file as that family.
    ``sheet.source.path`` is the path as given. ``pdf_backend`` as in :func:`sheetparse.parse`.
    """
    limits = limits or DEFAULT_LIMITS
    check_family(family)
    items = [(i, os.fspath(p), Path(os.fspath(p))) for i, p in enumerate(paths)]
    names = {i: name for i, name, _ in items}
    own = not isinstance(executor, Executor)
    ex = (
        make_executor(executor, jobs, address=address, initializer=preload)
        if isinstance(executor, str)
        else executor
    )
    try:
        for key, result in _run(
            items,
            fmt=format,
            limits=limits,
            executor=ex,
            convert_fn=convert,
            pdf_backend=pdf_backend,
            family=family,
        ):
            path = names[key]
            if isinstance(result, Failure):
                yield ParseResult(path, error=result.exception(path))
            elif result.failure is not None:
                yield ParseResult(
                    path, error=result.failure.exception(path), seconds=result.seconds
                )
            else:
                assert result.json is not None
                yield ParseResult(
                    path,
                    sheet=ProgressSheet.model_validate_json(result.json),
                    seconds=result.seconds,
                )
    finally:
        if own:
            ex.close()


# --- the command: convert_batch -----------------------------------------------------------------


@dataclass(frozen=True)
class FailedInput:
    """An input that did not convert."""

    name: str
    failure: Failure
    sha256: str | None = None

    def record(self) -> dict[str, Any]:
        """Its line in ``failures.jsonl``."""
        f = self.failure
        return {
            "path": self.name,
            "error": f.error,
            "code": f.code,
            "message": f.message,
            "sha256": self.sha256,
        }


@dataclass
class BatchReport:
    """What a batch did. Only :attr:`failures` and the files are outputs; the counts and times
    here describe this run (a resumed run parses fewer files than an uninterrupted one)."""

    outdir: Path
    root: Path | None = None
    inputs: int = 0
    #: converted by this run
    parsed: int = 0
    #: up to date from an earlier run
    reused: int = 0
    failures: list[FailedInput] = field(default_factory=list)
    #: sheets in the tables, and inputs left out of them as byte-identical copies
    sheets_in_tables: int = 0
    duplicates: int = 0
    tables: list[Path] = field(default_factory=list)
    db_path: Path | None = None
    db: LoadReport | None = None
    #: wall time of the whole batch and of its converting step
    seconds: float = 0.0
    convert_seconds: float = 0.0
    #: worker processes started, and the largest peak resident memory one reported (bytes)
    worker_peak_rss: int | None = None
    main_peak_rss: int | None = None

    @property
    def succeeded(self) -> int:
        return self.parsed + self.reused

    @property
    def rate(self) -> float:
        """Files converted (or failed) per second while converting."""
        done = self.parsed + len(self.failures)
        return done / self.convert_seconds if self.convert_seconds > 0 else 0.0

    @property
    def failures_path(self) -> Path:
        return self.outdir / FAILURES_FILE

    @property
    def exit_code(self) -> int:
        """0 when every input converted, 1 when some failed."""
        return 1 if self.failures else 0

    def summary(self) -> dict[str, Any]:
        """The report as JSON-able data (the ``summary`` progress event)."""
        out: dict[str, Any] = {
            "inputs": self.inputs,
            "converted": self.succeeded,
            "parsed": self.parsed,
            "up_to_date": self.reused,
            "failed": len(self.failures),
            "sheets_in_tables": self.sheets_in_tables,
            "duplicates": self.duplicates,
            "seconds": round(self.seconds, 3),
            "files_per_second": round(self.rate, 3),
            "worker_peak_rss": self.worker_peak_rss,
            "main_peak_rss": self.main_peak_rss,
            "outdir": str(self.outdir),
            "failures": [f.record() for f in self.failures],
        }
        if self.db is not None:
            out["database"] = {
                "path": str(self.db_path),
                "added": len(self.db.added),
                "replaced": len(self.db.replaced),
                "skipped": len(self.db.skipped),
                "rejected": len(self.db.rejected),
            }
        return out


_SHA_IN_HEAD = re.compile(rb'"sha256":\s*"([0-9a-f]{64})"')


def output_matches(output: Path, name: str) -> str | None:
    """The ``source.sha256`` of an existing output JSON written for ``name``, else None."""
    try:
        with output.open("rb") as f:
            head = f.read(1 << 16)
    except OSError:
        return None
    m = _SHA_IN_HEAD.search(head)
    if not m or ('"path": ' + json.dumps(name, ensure_ascii=False)).encode() not in head:
        return None
    return m.group(1).decode()


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@contextlib.contextmanager
def locked(outdir: Path) -> Iterator[None]:
    """Hold the output folder's lock (POSIX advisory lock; released even on SIGKILL)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock
        yield
        return
    with (outdir / LOCK_FILE).open("a") as f:
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BatchLocked(f"{outdir}: another sheetparse convert is writing here") from None
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def _plan(
    inputs: Sequence[Input], sheets_dir: Path, force: bool
) -> tuple[list[Input], list[Input]]:
    """Which inputs need converting, and which have an output for the same bytes already."""
    todo: list[Input] = []
    reused: list[Input] = []
    for inp in inputs:
        out_sha = None if force else output_matches(sheets_dir / inp.output, inp.name)
        if out_sha is not None:
            try:
                if file_sha256(inp.path) == out_sha:
                    reused.append(inp)
                    continue
            except OSError:
                pass  # converting it reports the error
        todo.append(inp)
    return todo, reused


def convert_batch(
    inputs: Sequence[str | os.PathLike[str]],
    outdir: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    limits: Limits | None = None,
    format: str | None = None,
    pdf_backend: str | None = None,
    force: bool = False,
    excel: bool = False,
    db: str | os.PathLike[str] | None = None,
    executor: str | Executor = "process",
    address: str | None = None,
    root: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
    convert_fn: Convert = convert,
    family: str | None = None,
    progress_figures: bool = False,
) -> BatchReport:
    """Convert files, folders and globs into ``outdir``; see the module docstring.

    Raises :class:`InputError` (a usage error) when an argument names nothing, no input is
    found, or another run holds the output folder, and :class:`StoreError` when ``db`` cannot
    be opened or written (checked before any file is converted). ``convert_fn`` is the
    per-file function (any picklable function with :func:`sheetparse.batch.jobs.convert`'s
    signature). ``progress_figures`` adds the ``progress`` table (one row per indicator: 達成率,
    status) to the tables and the database.
    """
    t0 = time.perf_counter()
    limits = limits or DEFAULT_LIMITS
    check_family(family)
    progress = progress or Progress()
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder")
    found, base = collect(inputs, root=root, exclude=[out])
    if not found:
        raise InputError(
            "no input files found (folders are searched for "
            ".pdf, .html, .htm, .md, .txt and .xlsx files)"
        )
    out.mkdir(parents=True, exist_ok=True)
    report = BatchReport(
        outdir=out, root=base, inputs=len(found), db_path=Path(db) if db is not None else None
    )
    with locked(out):
        sweep_temporaries(out)
        if report.db_path is not None:
            SheetStore(report.db_path).rollback()  # a bad --db fails now, not after the work
        sheets_dir = out / SHEETS_DIR
        todo, reused = _plan(found, sheets_dir, force)
        report.reused = len(reused)
        progress.start(len(found), len(todo))
        for inp in reused:
            progress.file(FileEvent(inp.name, "reused"))
        t1 = time.perf_counter()
        ex = (
            make_executor(executor, jobs, address=address, initializer=preload)
            if isinstance(executor, str)
            else executor
        )
        try:
            failed = _convert(
                todo,
                sheets_dir,
                report,
                progress,
                executor=ex,
                fmt=format,
                limits=limits,
                convert_fn=convert_fn,
                family=family,
                pdf_backend=pdf_backend,
            )
        finally:
            if isinstance(executor, str):
                ex.close()
        report.convert_seconds = time.perf_counter() - t1
        progress.phase("writing tables" + (f" and {db}" if db is not None else ""))
        _write_outputs(
            found,
            failed,
            sheets_dir,
            report,
            excel=excel,
            force=force,
            progress_figures=progress_figures,
        )
    report.failures = [failed[n] for n in sorted(failed)]
    report.seconds = time.perf_counter() - t0
    report.main_peak_rss = peak_rss()
    progress.finish(report)
    return report


def _convert(
    todo: Sequence[Input],
    sheets_dir: Path,
    report: BatchReport,
    progress: Progress,
    *,
    executor: Executor,
    fmt: str | None,
    limits: Limits,
    convert_fn: Convert,
    family: str | None = None,
    pdf_backend: str | None = None,
) -> dict[str, FailedInput]:
    """Convert ``todo``, writing each JSON as it arrives; the inputs that failed, by name."""
    by_name = {inp.name: inp for inp in todo}
    failed: dict[str, FailedInput] = {}
    peaks: list[int] = []
    items = [(inp.name, inp.name, inp.path) for inp in todo]
    executor.on_pages = progress.pages  # keys are the inputs' names
    for name, result in _run(
        items,
        fmt=fmt,
        limits=limits,
        executor=executor,
        convert_fn=convert_fn,
        pdf_backend=pdf_backend,
        family=family,
    ):
        target = sheets_dir / by_name[name].output
        if isinstance(result, Outcome):
            if result.peak_rss is not None:
                peaks.append(result.peak_rss)
            if result.json is not None and result.failure is None:
                write_file(target, result.json)
                report.parsed += 1
                progress.file(FileEvent(name, "converted", result.seconds, stats=result.stats))
                continue
            assert result.failure is not None
            failure, sha, secs = result.failure, result.sha256, result.seconds
        else:
            failure, sha, secs = result, None, None
        failed[name] = FailedInput(name, failure, sha)
        with contextlib.suppress(FileNotFoundError):
            target.unlink()  # an older output no longer matches this input
        progress.file(FileEvent(name, "failed", secs, failure=failure))
    report.worker_peak_rss = max(peaks) if peaks else None
    return failed


def _write_outputs(
    found: Sequence[Input],
    failed: dict[str, FailedInput],
    sheets_dir: Path,
    report: BatchReport,
    *,
    excel: bool,
    force: bool,
    progress_figures: bool = False,
) -> None:
    """Rebuild the tables (and load the database) from the per-file JSONs, in name order."""
    out = report.outdir
    writer = TableWriter(out, excel=excel, progress=progress_figures)
    store = (
        SheetStore(report.db_path, progress=progress_figures)
        if report.db_path is not None
        else None
    )
    try:
        for inp in found:
            if inp.name in failed:
                continue
            try:
                text = (sheets_dir / inp.output).read_text(encoding="utf-8")
                sheet = ProgressSheet.model_validate_json(text)
            except (OSError, ValueError) as e:
                failed[inp.name] = FailedInput(
                    inp.name,
                    Failure(
                        "OutputUnreadable",
                        "output-unreadable",
                        f"its output {SHEETS_DIR}/{inp.output} cannot be read back "
                        f"({type(e).__name__}); run again with --force",
                    ),
                )
                continue
            if writer.add(sheet):
                report.sheets_in_tables += 1
            else:
                report.duplicates += 1
            if store is not None:
                try:
                    store.add(sheet, replace=force)
                except sqlite3.Error as e:
                    raise StoreError(f"{report.db_path}: {e}") from None
    except BaseException:
        writer.abort()
        if store is not None:
            store.rollback()
        raise
    report.tables = writer.close()
    if not progress_figures:  # an earlier run's progress table would be stale: not described
        for stale in ("progress.jsonl", "progress.csv"):
            with contextlib.suppress(FileNotFoundError):
                (out / stale).unlink()
    if store is not None:
        try:
            report.db = store.commit()
        except sqlite3.Error as e:
            raise StoreError(f"{report.db_path}: {e}") from None
    lines = "".join(
        json.dumps(failed[n].record(), ensure_ascii=False) + "\n" for n in sorted(failed)
    )
    write_file(out / FAILURES_FILE, lines.encode("utf-8"))
