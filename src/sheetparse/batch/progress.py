"""Progress of a batch on stderr: a bar on a terminal, JSON lines otherwise, or nothing.

- :class:`BarProgress` (a terminal): one line redrawn in place — count, percentage, rate,
  ETA and the file just finished; failures (and with ``verbose`` every file) print above it.
- :class:`JsonProgress` (a pipe or a log file): one JSON object per line — ``start``, one
  ``file`` event per input, ``phase``, ``summary`` — for other programs to read.
- :class:`QuietProgress`: nothing.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
import unicodedata
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Literal

from .jobs import Failure, Stats

if TYPE_CHECKING:  # pragma: no cover
    from .convert import BatchReport

Status = Literal["converted", "reused", "failed"]


@dataclass(frozen=True)
class FileEvent:
    """One input finished: converted now, reused from an earlier run, or failed."""

    name: str
    status: Status
    seconds: float | None = None
    failure: Failure | None = None
    stats: Stats | None = None


class Progress:
    """What a batch reports as it runs; this base class reports nothing."""

    def start(self, total: int, todo: int) -> None:
        """``total`` inputs, of which ``todo`` need converting (the rest are up to date)."""

    def file(self, event: FileEvent) -> None:
        """One input is done."""

    def pages(self, name: str, done: int, total: int) -> None:
        """A long document is being read: ``done`` of its ``total`` pages so far."""

    def phase(self, text: str) -> None:
        """A step of the batch other than converting files (e.g. writing the tables)."""

    def finish(self, report: BatchReport) -> None:
        """The batch is over."""


QuietProgress = Progress


def _duration(seconds: float) -> str:
    s = round(seconds)
    if s >= 3600:
        return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
    return f"{s // 60}:{s % 60:02d}"


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns (CJK characters take two)."""
    used = 0
    for i, ch in enumerate(text):
        used += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used > width:
            return text[:i]
    return text


def failure_line(name: str, failure: Failure) -> str:
    return f"{name}: {failure.error}: {failure.message}"


def summary_lines(report: BatchReport, *, max_failures: int = 20) -> list[str]:
    """The closing report for people."""
    rate = f", {report.rate:.1f} files/s" if report.parsed else ""
    lines = [
        f"converted {report.succeeded} of {report.inputs} inputs in {report.seconds:.1f} s "
        f"({report.parsed} parsed{rate}, {report.reused} up to date); "
        f"{len(report.failures)} failed" + (":" if report.failures else "")
    ]
    for f in report.failures[:max_failures]:
        lines.append("  " + failure_line(f.name, f.failure))
    if len(report.failures) > max_failures:
        lines.append(f"  … and {len(report.failures) - max_failures} more")
    if report.tables:
        dup = (
            f" ({report.duplicates} byte-identical copies listed once)" if report.duplicates else ""
        )
        lines.append(f"tables: {report.sheets_in_tables} sheets in {report.outdir}{dup}")
    if report.db is not None:
        db = report.db
        extra = f", {len(db.rejected)} rejected" if db.rejected else ""
        lines.append(
            f"database {report.db_path}: {len(db.added)} sheets added, "
            f"{len(db.replaced)} replaced, {len(db.skipped)} already there{extra}"
        )
    if report.failures:
        lines.append(f"failures listed in {report.failures_path}")
    return lines


class BarProgress(Progress):
    """A one-line bar redrawn in place on a terminal."""

    def __init__(
        self, stream: IO[str] | None = None, *, verbose: bool = False, min_interval: float = 0.1
    ) -> None:
        self.stream = stream or sys.stderr
        self.verbose = verbose
        self.min_interval = min_interval
        self.total = self.todo = self.done = 0
        self.last = ""
        #: the long documents being read: name → (pages read, pages)
        self.reading: dict[str, tuple[int, int]] = {}
        self._t0 = self._drawn = 0.0
        self._shown = False

    def start(self, total: int, todo: int) -> None:
        self.total, self.todo, self.done = total, todo, 0
        self._t0 = time.monotonic()
        if total > todo:
            self._print(f"{total - todo} of {total} inputs are up to date; {todo} to convert")
        self._draw(force=True)

    def file(self, event: FileEvent) -> None:
        if event.status == "reused":
            if self.verbose:
                self._print(f"= {event.name} (up to date)")
            return
        self.done += 1
        self.last = event.name
        self.reading.pop(event.name, None)
        if event.failure is not None:
            self._print("✗ " + failure_line(event.name, event.failure))
        elif self.verbose:
            s = event.stats or Stats()
            self._print(
                f"✓ {event.name} ({event.seconds or 0:.2f} s; {s.measures} measures, "
                f"{s.indicators} indicators, {s.narratives} narratives)"
            )
        self._draw(force=self.done == self.todo)

    def pages(self, name: str, done: int, total: int) -> None:
        self.reading[name] = (done, total)
        self._draw()

    def phase(self, text: str) -> None:
        self._clear()
        self.stream.write(text + "\n")
        self.stream.flush()

    def finish(self, report: BatchReport) -> None:
        self._clear()
        for line in summary_lines(report):
            self.stream.write(line + "\n")
        self.stream.flush()

    def line(self, width: int) -> str:
        """The bar's text for a terminal ``width`` columns wide."""
        elapsed = max(time.monotonic() - self._t0, 1e-9)
        rate = self.done / elapsed
        left = self.todo - self.done
        eta = _duration(left / rate) if rate > 0 and left else ("0:00" if not left else "--:--")
        share = self.done / self.todo if self.todo else 1.0
        count = f"{self.done}/{self.todo}"
        tail = f" {share:4.0%} {rate:5.1f} files/s ETA {eta} "
        bar_width = max(10, min(40, width - len(count) - len(tail) - 20))
        filled = int(share * bar_width)
        # ASCII: block characters are double width in many Japanese terminal set-ups
        bar = "[" + "#" * filled + "." * (bar_width - filled) + "]"
        now = (
            ", ".join(f"{n} p.{d}/{t}" for n, (d, t) in self.reading.items())
            if self.reading
            else self.last
        )
        return fit(f"{count} {bar}{tail}{now}", max(width - 1, 10))

    def _draw(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._drawn < self.min_interval:
            return
        self._drawn = now
        width = shutil.get_terminal_size((80, 20)).columns
        self.stream.write("\r\x1b[K" + self.line(width))
        self.stream.flush()
        self._shown = True

    def _clear(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self._shown = False

    def _print(self, text: str) -> None:
        shown = self._shown
        self._clear()
        self.stream.write(text + "\n")
        if shown:
            self._draw(force=True)
        else:
            self.stream.flush()


class JsonProgress(Progress):
    """One JSON object per line, for programs (keys are stable)."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = self.todo = self.done = 0

    def _emit(self, obj: dict[str, Any]) -> None:
        self.stream.write(json.dumps(obj, ensure_ascii=False) + "\n")
        self.stream.flush()

    def start(self, total: int, todo: int) -> None:
        self.total, self.todo = total, todo
        self._emit(
            {"event": "start", "inputs": total, "to_convert": todo, "up_to_date": total - todo}
        )

    def file(self, event: FileEvent) -> None:
        if event.status != "reused":
            self.done += 1
        obj: dict[str, Any] = {"event": "file", "path": event.name, "status": event.status}
        if event.status != "reused":
            obj.update(done=self.done, to_convert=self.todo)
        if event.seconds is not None:
            obj["seconds"] = round(event.seconds, 4)
        if event.failure is not None:
            obj.update(
                error=event.failure.error, code=event.failure.code, message=event.failure.message
            )
        elif event.stats is not None:
            obj.update(
                measures=event.stats.measures,
                indicators=event.stats.indicators,
                narratives=event.stats.narratives,
                warnings=event.stats.warnings,
            )
        self._emit(obj)

    def pages(self, name: str, done: int, total: int) -> None:
        self._emit({"event": "pages", "path": name, "done": done, "pages": total})

    def phase(self, text: str) -> None:
        self._emit({"event": "phase", "message": text})

    def finish(self, report: BatchReport) -> None:
        self._emit({"event": "summary", **report.summary()})


def make_progress(
    *, quiet: bool = False, verbose: bool = False, stream: IO[str] | None = None
) -> Progress:
    """Quiet, a bar on a terminal, or JSON lines when stderr is not a terminal."""
    stream = stream or sys.stderr
    if quiet:
        return QuietProgress()
    isatty = getattr(stream, "isatty", None)
    if isatty is not None and isatty():
        return BarProgress(stream, verbose=verbose)
    return JsonProgress(stream)
