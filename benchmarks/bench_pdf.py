"""Benchmark: sheetparse on both PDF backends against plain pdfplumber, time per page and memory.

Not a test: run it by hand, ``python benchmarks/bench_pdf.py [--runs 5] [FILE.pdf ...]``
(default: every ``samples/*.pdf``, plus ``../shared/samples/kashiwa-r7-excel.pdf`` if present).

For each file, in the same process and interleaved run by run:

* **baseline** — plain pdfplumber: ``pdfplumber.open`` + ``page.extract_tables()`` on every page
  (what a user would write to get the tables out, without any text outside them);
* **pdfplumber** — ``sheetparse.parse(data, format="pdf", backend="pdfplumber")``: glyphs,
  rulings, tables with merged cells, wrapped lines, furniture, page joins, the structure step →
  the contract's ProgressSheet;
* **pdfium** — the same on the PDFium backend (``backend="pdfium"``).

Each figure is the median of ``--runs`` timed runs; the ratios are each mode's time over the
baseline's. Peak memory is measured once per file and mode in a fresh child process
(``ru_maxrss`` of the child, and tracemalloc's peak of Python allocations), so one mode's
caches never count for another.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from machine import describe

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL = ROOT.parent / "shared" / "samples" / "kashiwa-r7-excel.pdf"
MODES = ("baseline", "pdfplumber", "pdfium")


def _baseline(data: bytes) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_tables()


def _parse(backend: str) -> Callable[[bytes], None]:
    def run(data: bytes) -> None:
        import sheetparse

        # a document of another family (the corpus) is read all the same
        with contextlib.suppress(sheetparse.NotAProgressSheet):
            sheetparse.parse(data, format="pdf", backend=backend)

    return run


RUN: dict[str, Callable[[bytes], None]] = {
    "baseline": _baseline,
    "pdfplumber": _parse("pdfplumber"),
    "pdfium": _parse("pdfium"),
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
    print(f"machine: {describe(('pdfplumber', 'pdfminer.six', 'pypdfium2'))}")
    print(f"median of {args.runs} runs per file and mode, interleaved; time per page in ms\n")
    print(
        "| file | pages | baseline ms/page | pdfplumber ms/page | pdfium ms/page "
        "| pdfplumber / baseline | pdfium / baseline | peak RSS MB (baseline / pdfplumber / "
        "pdfium) | Python peak MB (baseline / pdfplumber / pdfium) |"
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
        if not args.no_memory:
            mem = {m: _memory(m, path) for m in MODES}
            rss = " / ".join(f"{mem[m]['maxrss_kb'] / 1024:.0f}" for m in MODES)
            py = " / ".join(f"{mem[m]['tracemalloc_peak'] / 2**20:.1f}" for m in MODES)
        else:
            rss = py = "–"
        print(
            f"| {path.name} | {pages} | {1000 * med['baseline'] / pages:.1f} | "
            f"{1000 * med['pdfplumber'] / pages:.1f} | {1000 * med['pdfium'] / pages:.1f} | "
            f"{med['pdfplumber'] / med['baseline']:.2f}x | "
            f"{med['pdfium'] / med['baseline']:.2f}x | {rss} | {py} |",
            flush=True,
        )
    if total_pages:
        print(
            f"| **all** | {total_pages} | {1000 * totals['baseline'] / total_pages:.1f} | "
            f"{1000 * totals['pdfplumber'] / total_pages:.1f} | "
            f"{1000 * totals['pdfium'] / total_pages:.1f} | "
            f"{totals['pdfplumber'] / totals['baseline']:.2f}x | "
            f"{totals['pdfium'] / totals['baseline']:.2f}x | | |"
        )
        print(
            f"\npages per second: baseline {total_pages / totals['baseline']:.1f}, "
            f"pdfplumber {total_pages / totals['pdfplumber']:.1f}, "
            f"pdfium {total_pages / totals['pdfium']:.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
