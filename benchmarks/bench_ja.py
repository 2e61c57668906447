"""Benchmark: calls per second of ``sheetparse.ja.parse_number`` on table cells.

Not a test: run it by hand, ``python benchmarks/bench_ja.py [--runs 7] [--seconds 0.3]``.

It times ``parse_number`` on a realistic mix of cells as printed in Japanese municipal tables
(plain and comma-grouped counts, decimals, dashes, full-width digits, percentages, units,
accounting negatives, qualifiers, kanji numerals, blanks and text).  Where kanjize is installed
(``pip install kanjize``) it also times kanjize's ``kanji2number`` side by side, in the same run,
on the subset both handle (both return the same number), so the comparison is like for like.
Each figure is the median of several timed runs; the machine is printed with the table.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence

from sheetparse.ja import parse_number

try:  # optional: the comparison is skipped without it
    from kanjize import kanji2number as _kanjize_kanji2number
except ImportError:  # pragma: no cover - depends on the environment
    _kanjize_kanji2number = None

# A mix weighted like a progress-sheet indicator table: most cells are plain counts.
TABLE_CELLS: tuple[str, ...] = (
    *("39", "36", "51", "310", "300", "904", "590", "498", "522", "11", "21", "24", "1026"),
    *("1,100", "5,928", "4,933", "9,000", "129,651", "95,715", "135,482", "10,220"),
    *("24,000", "1,077", "932", "1,360"),
    *("0.5", "21.4", "100", "0", "12.5"),
    *("-", "—", "－", "―", ""),
    *("１，２３４", "２０２５", "４５％", "85%", "0.5％"),
    *("約2千人", "10.0人", "5件", "12回", "3か所", "1,234千円", "2万人", "100人以上"),
    *("△989,200", "▲500", "−1,234"),
    *("326,800（0）", "見込", "※1"),
    *("二千二十五", "五千八百七万六千九十九", "一億千五百十一万二千百八十一", "三百八"),
    *("千二百三十四", "1万", "5百万", "1.5億", "2,500万", "3.5万", "一〇〇", "壱万弐千参百"),
    *("3～5", "約3割"),
)


def _median_rate(func: Callable[[str], object], inputs: Sequence[str], runs: int,
                 seconds: float) -> float:  # fmt: skip
    """Median over ``runs`` of calls/second, each run looping ``inputs`` for ~``seconds``."""
    # Calibrate the number of passes so one run takes about ``seconds``.
    passes = 1
    while True:
        start = time.perf_counter()
        for _ in range(passes):
            for text in inputs:
                func(text)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds / 4 or passes >= 1 << 20:
            break
        passes *= 2
    passes = max(1, int(passes * seconds / max(elapsed, 1e-9)))
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(passes):
            for text in inputs:
                func(text)
        elapsed = time.perf_counter() - start
        rates.append(passes * len(inputs) / elapsed)
    return statistics.median(rates)


def _kanjize_value(text: str) -> int | float | None:
    if _kanjize_kanji2number is None:
        return None
    try:
        return _kanjize_kanji2number(text)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def _kanjize_call(text: str) -> object:
    try:
        return _kanjize_kanji2number(text)  # type: ignore[misc]
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def _sheetparse_value(text: str) -> int | float | None:
    result = parse_number(text)
    return None if result is None else result.value


def _machine() -> str:
    return (
        f"{platform.platform()}; {platform.machine()}; {platform.processor() or 'cpu ?'}; "
        f"{os.cpu_count()} logical CPUs; {platform.python_implementation()} "
        f"{platform.python_version()}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per figure (median)")
    parser.add_argument("--seconds", type=float, default=0.3, help="target seconds per run")
    args = parser.parse_args(argv)

    print(f"machine: {_machine()}")
    print(f"median of {args.runs} runs, ~{args.seconds}s each\n")
    rows: list[tuple[str, int, str, str]] = []
    rate = _median_rate(parse_number, TABLE_CELLS, args.runs, args.seconds)
    rows.append(("all table cells", len(TABLE_CELLS), f"{rate:,.0f}", "n/a"))

    if _kanjize_kanji2number is None:
        print("kanjize is not installed: comparison skipped (pip install kanjize)\n")
    else:
        both = tuple(
            t for t in TABLE_CELLS
            if (v := _sheetparse_value(t)) is not None and _kanjize_value(t) == v
        )  # fmt: skip
        kanji_only = tuple(t for t in both if not t.isascii())
        for label, inputs in (("cells both handle", both), ("  of which non-ASCII", kanji_only)):
            ours = _median_rate(parse_number, inputs, args.runs, args.seconds)
            theirs = _median_rate(_kanjize_call, inputs, args.runs, args.seconds)
            rows.append((label, len(inputs), f"{ours:,.0f}", f"{theirs:,.0f}"))
        try:
            version = importlib.metadata.version("kanjize")
        except importlib.metadata.PackageNotFoundError:  # pragma: no cover
            version = "?"
        print(f"kanjize {version}: kanji2number; inputs both handle = same value from both\n")

    header = ("inputs", "n", "sheetparse calls/s", "kanjize calls/s")
    widths = [max(len(str(r[i])) for r in (header, *rows)) for i in range(4)]
    print(" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
