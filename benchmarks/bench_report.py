#!/usr/bin/env python3
"""How long ``sheetparse report`` takes beyond parsing: progress figures, comparison and the page.

    .venv/bin/python benchmarks/bench_report.py [--runs 21]

The sheets are parsed once, outside the timing (parsing is measured by bench_pdf/bench_batch);
each run then computes the progress figures, renders the page and writes it atomically, as
``sheetparse report`` does after reading its inputs. Timed: the seed alone (samples/kashiwa-r7.md),
and the three-year comparison (kashiwa-r7.html, years/kashiwa-r8.xlsx, years/kashiwa-r9.html).
Prints the machine, then median, fastest and slowest of ``--runs`` runs (after one warm-up).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_batch import _load, _machine

import sheetparse
from sheetparse.atomic import write_atomic
from sheetparse.report import render_report

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CASES = {
    "seed (kashiwa-r7.md)": [SAMPLES / "kashiwa-r7.md"],
    "three years (r7 html, r8 xlsx, r9 html)": [
        SAMPLES / "kashiwa-r7.html",
        SAMPLES / "years" / "kashiwa-r8.xlsx",
        SAMPLES / "years" / "kashiwa-r9.html",
    ],
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=21)
    args = ap.parse_args(argv)
    print(f"machine: {_machine()}")
    print(f"load average before: {_load()}")
    print("| report | median ms | fastest ms | slowest ms | page bytes | runs |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.html"
        for label, paths in CASES.items():
            sheets = [(str(p), sheetparse.parse(p)) for p in paths]
            write_atomic(out, render_report(sheets))  # warm-up
            times = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                write_atomic(out, render_report(sheets))
                times.append(time.perf_counter() - t0)
            print(
                f"| {label} | {1000 * statistics.median(times):.1f} | {1000 * min(times):.1f} "
                f"| {1000 * max(times):.1f} | {out.stat().st_size:,} | {args.runs} |"
            )
    print(f"load average after: {_load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
