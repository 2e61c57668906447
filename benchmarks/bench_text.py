"""Benchmark: sheetparse on Markdown, HTML and Excel against lxml.html and openpyxl.

Not a test: run it by hand, ``python benchmarks/bench_text.py [--runs 7] [FILE ...]``
(default: every sheet in ``samples/`` as ``*.md``, ``*.html`` or ``*.xlsx``; the other samples of
those formats, in ``samples/families/`` and ``samples/years/``, can be named on the command line).

For each file, in the same process and interleaved run by run:

* **sheetparse** — ``sheetparse.parse(path)``: reading the file, the structure step, the
  contract's ProgressSheet (JSON serialisation is not included; the ``+ JSON`` column times
  ``to_json_bytes`` of the result on its own, the same call for every format);
* the **baselines** for that format:

  * Markdown and HTML — ``lxml.html.document_fromstring`` of the sheet's HTML page (the file
    itself for HTML; ``NAME.html`` beside ``NAME[.tool].md`` for Markdown): what a page's bare
    parse into a tree costs, before any reading of it;
  * Excel — ``openpyxl.load_workbook(path)`` as openpyxl loads a workbook by default (every
    cell with its style, merges, ``data_only=False``); and the mode the Excel reader itself
    uses, ``load_workbook(path, read_only=True, data_only=True, keep_links=False,
    rich_text=False)`` with every stored cell of every worksheet iterated (``load_workbook``
    alone is lazy in that mode: it reads no cell, so it is no measure of reading a sheet).

Each figure is the median of ``--runs`` timed runs; the ratios are sheetparse's time over each
baseline's, both measured in the same run. sheetparse keeps what it worked out about a text
(its folded form, the vocabulary's reading of a label, a table header's columns, a line's
location) for the next sheet, as the labels of an archive's sheets repeat; repeated runs of one
file therefore find even its narratives known. The ``first read`` column times a run after all
of those memos are emptied (family profiles stay loaded, as in any process after its first
sheet): what a sheet whose every text is new costs, the upper bound for an archive's sheets.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from machine import describe

ROOT = Path(__file__).resolve().parent.parent
#: the acceptance goals of issue 15 (text formats), on the seed: sheetparse / baseline at most
GOALS = {
    ("kashiwa-r7.md", "lxml"): 10.0,
    ("kashiwa-r7.html", "lxml"): 15.0,
    ("kashiwa-r7.xlsx", "openpyxl"): 0.3,
}
SUFFIXES = (".md", ".html", ".xlsx")


def _sheetparse(path: Path) -> Callable[[], object]:
    import sheetparse

    return lambda: sheetparse.parse(path)


def _lxml(page: Path) -> Callable[[], object]:
    import lxml.html

    data = page.read_bytes()  # the bytes are read outside the timing, for both sides alike
    return lambda: lxml.html.document_fromstring(data)


def _openpyxl(path: Path) -> Callable[[], object]:
    import openpyxl

    return lambda: openpyxl.load_workbook(path)


def _openpyxl_stream(path: Path) -> Callable[[], object]:
    import openpyxl

    def run() -> int:
        wb = openpyxl.load_workbook(
            path, read_only=True, data_only=True, keep_links=False, rich_text=False
        )
        n = 0
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                n += len(row)
        wb.close()
        return n

    return run


def _html_page(path: Path) -> Path | None:
    """The HTML page of the same sheet: the file itself, or ``NAME.html`` for ``NAME[.x].md``."""
    if path.suffix == ".html":
        return path
    page = path.with_name(path.name.split(".", 1)[0] + ".html")
    return page if page.exists() else None


def _baselines(path: Path) -> dict[str, tuple[str, Callable[[], object]]]:
    """The baselines for one file: key → (what it is, the call)."""
    if path.suffix == ".xlsx":
        return {
            "openpyxl": ("openpyxl load_workbook", _openpyxl(path)),
            "stream": ("openpyxl read-only, every cell", _openpyxl_stream(path)),
        }
    page = _html_page(path)
    if page is None:
        return {}
    return {"lxml": (f"lxml.html {page.name}", _lxml(page))}


def _forget() -> None:
    """Empty sheetparse's memos of texts (functools caches and the module-level dicts that
    key on text), leaving the loaded family profiles."""
    import functools
    import gc

    for obj in gc.get_objects():
        if isinstance(obj, functools._lru_cache_wrapper):
            module = getattr(obj, "__module__", "") or ""
            if module.startswith("sheetparse") and module != "sheetparse.families.registry":
                obj.cache_clear()
    from sheetparse.readers.markdown import loc
    from sheetparse.structure import stacked, tables

    for memo in (stacked._KINDS, tables._COLUMNS, loc._LOCS):
        memo.clear()


def _median_ms(times: list[float]) -> float:
    return 1000 * statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)
    files = args.files or sorted(
        p
        for p in (ROOT / "samples").iterdir()
        if p.suffix in SUFFIXES and p.is_file() and p.name != "README.md"
    )
    from sheetparse.export.records import to_json_bytes

    print(f"machine: {describe(('lxml', 'openpyxl', 'pydantic'))}")
    print(f"median of {args.runs} runs per file and mode, interleaved; times in ms\n")
    print(
        "| file | baseline | baseline ms | sheetparse ms | + JSON ms "
        "| sheetparse / baseline | goal | first read ms | first read / baseline |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    checked = missed = 0
    for path in files:
        bases = _baselines(path)
        modes: dict[str, Callable[[], object]] = {"sheetparse": _sheetparse(path)}
        modes.update({key: call for key, (_, call) in bases.items()})
        sheet = modes["sheetparse"]()  # warm-up: imports, the vocabulary, lxml's parser
        for key in bases:
            modes[key]()
        first = modes["sheetparse"]
        times: dict[str, list[float]] = {m: [] for m in modes}
        times["first"] = []
        json_times: list[float] = []
        for _ in range(args.runs):
            for mode, call in modes.items():
                start = time.perf_counter()
                call()
                times[mode].append(time.perf_counter() - start)
            _forget()
            start = time.perf_counter()
            first()
            times["first"].append(time.perf_counter() - start)
            start = time.perf_counter()
            to_json_bytes(sheet)  # type: ignore[arg-type]
            json_times.append(time.perf_counter() - start)
        ours, as_json = _median_ms(times["sheetparse"]), _median_ms(json_times)
        cold = _median_ms(times["first"])
        for key, (label, _) in bases.items():
            base = _median_ms(times[key])
            goal = GOALS.get((path.name, key))
            if goal is not None:
                checked += 1
                missed += ours / base > goal
            print(
                f"| {path.name} | {label} | {base:.2f} | {ours:.2f} | {as_json:.2f} | "
                f"{ours / base:.2f}x | {f'≤ {goal:g}x' if goal is not None else ''} | "
                f"{cold:.2f} | {cold / base:.2f}x |",
                flush=True,
            )
        if not bases:
            print(
                f"| {path.name} | – | – | {ours:.2f} | {as_json:.2f} | – | | {cold:.2f} | – |",
                flush=True,
            )
    if checked:
        print(f"\ngoals met: {checked - missed} of {checked}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
