"""Benchmark: sheetparse's PDF reader against plain pdfplumber, time per page and peak memory.

Not a test: run it by hand, ``python benchmarks/bench_pdf.py [--runs 5] [FILE.pdf ...]``
(default: every ``samples/*.pdf``, plus ``../shared/samples/kashiwa-r7-excel.pdf`` if present).

For each file, in the same process and interleaved run by run:

* **baseline** — plain pdfplumber: ``pdfplumber.open`` + ``page.extract_tables()`` on every page
  (what a user would write to get the tables out, without any text outside them);
* **reader** — ``sheetparse.readers.pdf.read_pdf``: glyphs, rulings, tables with merged cells,
  wrapped lines, furniture, page joins → blocks;
* **parse** — ``sheetparse.parse(data, format="pdf")``: the reader plus the structure step → the
  contract's ProgressSheet.

Each figure is the median of ``--runs`` timed runs; the ratio is reader (and parse) time over
baseline time. Peak memory is measured once per file and mode in a fresh child process
(``ru_maxrss`` of the child, and tracemalloc's peak of Python allocations), so one mode's
caches never count for another.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import io
import json
import logging
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL = ROOT.parent / "shared" / "samples" / "kashiwa-r7-excel.pdf"
MODES = ("baseline", "reader", "parse")


def _baseline(data: bytes) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_tables()


def _reader(data: bytes) -> None:
    from sheetparse.readers.pdf.reader import read_pdf

    read_pdf(data)


def _parse(data: bytes) -> None:
    import sheetparse

    # a document of another family (the corpus) is read all the same
    with contextlib.suppress(sheetparse.NotAProgressSheet):
        sheetparse.parse(data, format="pdf")


RUN: dict[str, Callable[[bytes], None]] = {
    "baseline": _baseline,
    "reader": _reader,
    "parse": _parse,
}


def _pages(data: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def _child(mode: str, path: str) -> None:
    """Run one mode once on one file; print its peak memory as JSON."""
    import tracemalloc

    data = Path(path).read_bytes()
    RUN[mode](data)  # warm imports so both modes start from loaded modules
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    RUN[mode](data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"maxrss_kb": rss, "before_kb": before, "tracemalloc_peak": peak}))


def _memory(mode: str, path: Path) -> dict[str, int]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path)],
        check=True,
        capture_output=True,
        text=True,
        timeout=900,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}" for name in ("pdfplumber", "pdfminer.six")
    )
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {versions}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-memory", action="store_true", help="skip the memory child runs")
    ap.add_argument("--child", nargs=2, metavar=("MODE", "FILE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    logging.getLogger("pdfminer").setLevel(logging.CRITICAL + 1)
    if args.child:
        _child(*args.child)
        return 0
    files = args.files or sorted((ROOT / "samples").glob("*.pdf"))
    if not args.files and EXTERNAL.exists():
        files.append(EXTERNAL)
    print(f"machine: {_machine()}")
    print(f"median of {args.runs} runs per file and mode, interleaved; time per page in ms\n")
    print(
        "| file | pages | baseline ms/page | reader ms/page | parse ms/page "
        "| reader / baseline | parse / baseline | peak RSS MB (baseline / parse) "
        "| Python peak MB (baseline / parse) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    totals = dict.fromkeys(MODES, 0.0)
    total_pages = 0
    for path in files:
        data = path.read_bytes()
        pages = _pages(data)
        for mode in MODES:  # warm-up: imports, font caches
            RUN[mode](data)
        times: dict[str, list[float]] = {m: [] for m in MODES}
        for _ in range(args.runs):
            for mode in MODES:
                start = time.perf_counter()
                RUN[mode](data)
                times[mode].append(time.perf_counter() - start)
        med = {m: statistics.median(v) for m, v in times.items()}
        for m in MODES:
            totals[m] += med[m]
        total_pages += pages
        mem = ""
        if not args.no_memory:
            base, ours = _memory("baseline", path), _memory("parse", path)
            mem = (
                f"{base['maxrss_kb'] / 1024:.0f} / {ours['maxrss_kb'] / 1024:.0f} | "
                f"{base['tracemalloc_peak'] / 2**20:.1f} / "
                f"{ours['tracemalloc_peak'] / 2**20:.1f}"
            )
        else:
            mem = "– | –"
        print(
            f"| {path.name} | {pages} | {1000 * med['baseline'] / pages:.1f} | "
            f"{1000 * med['reader'] / pages:.1f} | {1000 * med['parse'] / pages:.1f} | "
            f"{med['reader'] / med['baseline']:.2f}x | {med['parse'] / med['baseline']:.2f}x | "
            f"{mem} |",
            flush=True,
        )
    if total_pages:
        print(
            f"| **all** | {total_pages} | {1000 * totals['baseline'] / total_pages:.1f} | "
            f"{1000 * totals['reader'] / total_pages:.1f} | "
            f"{1000 * totals['parse'] / total_pages:.1f} | "
            f"{totals['reader'] / totals['baseline']:.2f}x | "
            f"{totals['parse'] / totals['baseline']:.2f}x | | |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
