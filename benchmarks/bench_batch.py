"""Benchmark: sheets per second of ``sheetparse convert`` with 1 and 2 worker processes.

Not a test: run it by hand,

    .venv/bin/python benchmarks/bench_batch.py [--count 240] [--runs 3] [--jobs 1 2]

It generates an archive of ``--count`` varied sheets in mixed formats from the committed samples
(``scripts/make_archive.py``: Markdown, HTML in UTF-8/Shift_JIS/EUC-JP, XLSX, PDF), then runs
the real command, ``sheetparse convert ARCHIVE -o OUT --force --jobs N``, as a fresh process
for each run (so start-up, reading, writing every JSON, the tables and datapackage.json are all
counted), alternating the job counts so that drift in the machine hits both alike. Each figure
is the median of ``--runs`` runs; the scaling is the ratio of the medians measured in this same
run. Peak memory is the largest resident set any one worker process reached (and the main
process's own), as reported by the command's JSON summary. Beside each run it prints how many
cores other programs kept busy meanwhile (from /proc/stat, less this run's own CPU time), so
that figures taken on a shared machine can be told from clean ones.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _load_make_archive() -> ModuleType:
    path = ROOT / "scripts" / "make_archive.py"
    spec = importlib.util.spec_from_file_location("make_archive", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "cpu ?"


def _machine() -> str:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover
        usable = os.cpu_count() or 0
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
        memory = f"{mem:.0f} GiB RAM"
    except (ValueError, OSError, AttributeError):  # pragma: no cover
        memory = "RAM ?"
    return (
        f"{platform.platform()}; {_cpu()}; {usable} usable cores; {memory}; "
        f"{platform.python_implementation()} {platform.python_version()}"
    )


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except (OSError, AttributeError):  # pragma: no cover
        return "?"


def _busy_cpu_seconds() -> float | None:
    """CPU seconds the whole machine has spent busy since boot (Linux), else None."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:  # pragma: no cover - not Linux
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _own_cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_once(archive: Path, out: Path, jobs: int) -> tuple[float, dict, float | None]:
    """Seconds of one ``sheetparse convert`` run, its JSON summary, and the cores other
    programs kept busy meanwhile (on average; None where unknown)."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [
        sys.executable,
        "-m",
        "sheetparse",
        "convert",
        str(archive),
        "-o",
        str(out),
        "--force",
        "--jobs",
        str(jobs),
    ]
    busy0, own0 = _busy_cpu_seconds(), _own_cpu_seconds()
    start = time.perf_counter()
    proc = subprocess.run(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False
    )
    seconds = time.perf_counter() - start
    busy1, own1 = _busy_cpu_seconds(), _own_cpu_seconds()
    others = None
    if busy0 is not None and busy1 is not None:
        others = max(0.0, (busy1 - busy0) - (own1 - own0)) / seconds
    lines = [json.loads(x) for x in proc.stderr.splitlines() if x.startswith("{")]
    summary = lines[-1] if lines and lines[-1].get("event") == "summary" else {}
    if proc.returncode not in (0, 1) or not summary:
        raise SystemExit(f"convert failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return seconds, summary, others


def main(argv: Sequence[str] | None = None) -> int:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=240, help="sheets in the archive")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per job count (median)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="job counts")
    parser.add_argument("--archive", type=Path, help="use this archive instead of generating")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="sheetparse-bench-") as tmp:
        work = Path(tmp)
        archive = args.archive
        if archive is None:
            archive = work / "archive"
            made = _load_make_archive().make_archive(archive, count=args.count)
            mix = ", ".join(f"{n} {fmt}" for fmt, n in sorted(made.items()))
        else:
            mix = "given"
        files = [p for p in archive.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files) / 2**20
        print(f"machine: {_machine()}")
        print(f"archive: {len(files)} sheets ({mix}), {size:.1f} MiB")
        print(
            f"command: sheetparse convert ARCHIVE -o OUT --force --jobs N; "
            f"median of {args.runs} runs, job counts alternating"
        )
        print(f"load average before: {_load()}\n")

        times: dict[int, list[float]] = {j: [] for j in args.jobs}
        worker_rss: dict[int, int] = dict.fromkeys(args.jobs, 0)
        main_rss: dict[int, int] = dict.fromkeys(args.jobs, 0)
        failed: dict[int, int] = dict.fromkeys(args.jobs, 0)
        others: dict[int, list[float]] = {j: [] for j in args.jobs}
        for _ in range(args.runs):
            for j in args.jobs:
                seconds, summary, other = run_once(archive, work / f"out-{j}", j)
                times[j].append(seconds)
                if other is not None:
                    others[j].append(other)
                worker_rss[j] = max(worker_rss[j], summary.get("worker_peak_rss") or 0)
                main_rss[j] = max(main_rss[j], summary.get("main_peak_rss") or 0)
                failed[j] = max(failed[j], summary.get("failed", 0))

        base = statistics.median(times[args.jobs[0]])
        header = (
            "jobs",
            "median s",
            "sheets/s",
            "vs jobs=" + str(args.jobs[0]),
            "peak RSS per worker",
            "main process",
            "failed",
            "runs (s)",
            "other programs (cores busy)",
        )
        rows = []
        for j in args.jobs:
            med = statistics.median(times[j])
            rows.append(
                (
                    str(j),
                    f"{med:.2f}",
                    f"{len(files) / med:.2f}",
                    f"{base / med:.2f}x",
                    f"{worker_rss[j] / 2**20:.0f} MiB",
                    f"{main_rss[j] / 2**20:.0f} MiB",
                    str(failed[j]),
                    " ".join(f"{t:.2f}" for t in times[j]),
                    " ".join(f"{o:.2f}" for o in others[j]) or "?",
                )
            )
        print(
            f"load average after: {_load()}; the last column is the cores other programs kept "
            "busy during each run (on a shared machine they skew the figures)\n"
        )
        widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
        print(" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
        print("-+-".join("-" * w for w in widths))
        for row in rows:
            print(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
