"""Memory of a book of many sheets: peak RSS of `sheetparse parse` on 10 and on 100 pages.

A city publishes all its sheets in one PDF (池田市: 451 目標設定シート). This benchmark makes
books from the 池田市 pages in ../shared/corpus (repeated to reach the length) in two ways —
pages appended from one file, sharing its fonts (``pypdf``'s add_page), and each page appended
as a file of its own, bringing its own copy of the fonts (``PdfWriter.append``, as concatenating
separate downloads gives) — and runs ``sheetparse parse BOOK -o OUT`` in a fresh process for
each book and backend, reading the process's peak RSS. The goal: 100 pages within 1.3× the
peak of 10 pages.

    python benchmarks/bench_books.py [--runs 3] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import describe

ROOT = Path(__file__).resolve().parent.parent

#: run in the child: the CLI, then the process's own peak RSS (KiB on Linux) on stderr
_CHILD = """
import resource, sys
from sheetparse.cli import main
code = main(sys.argv[1:])
print("maxrss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def _pages(shared: Path) -> list[Path]:
    found = sorted((shared / "corpus").rglob("ikeda*.pdf"))
    if not found:
        sys.exit(f"no 池田市 pages under {shared / 'corpus'}")
    return found


def _book(pages: list[Path], n: int, *, own_fonts: bool) -> bytes:
    import pypdf

    w = pypdf.PdfWriter()
    if own_fonts:  # each page a file of its own: its fonts copied with it
        for i in range(n):
            w.append(str(pages[i % len(pages)]))
    else:  # pages of one reader per source file: fonts shared between repeats
        readers = [pypdf.PdfReader(str(p)) for p in pages]
        for i in range(n):
            r = readers[i % len(readers)]
            w.add_page(r.pages[i // len(readers) % len(r.pages)])
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def _run(book: Path, backend: str, out: Path) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of one parse in a fresh process."""
    start = time.perf_counter()
    r = subprocess.run(
        [
            sys.executable,
            "-c",
            _CHILD,
            "parse",
            str(book),
            "--pdf-backend",
            backend,
            "-o",
            str(out),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"{book.name} ({backend}) failed: {r.stderr.strip()}")
    kib = next(int(ln.split()[1]) for ln in r.stderr.splitlines() if ln.startswith("maxrss"))
    return kib / 1024, seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per book and backend (median)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--backends", default="pdfplumber,pdfium")
    ap.add_argument("--make", type=Path, help=argparse.SUPPRESS)  # (the child making books)
    args = ap.parse_args(argv)
    pages = _pages(args.shared)
    if args.make:
        for own_fonts in (False, True):
            for n in (10, 100):
                book = args.make / f"book-{n}-{int(own_fonts)}.pdf"
                book.write_bytes(_book(pages, n, own_fonts=own_fonts))
        return 0
    print(f"machine: {describe(('pdfplumber', 'pypdfium2', 'pypdf'))}")
    print(f"{len(pages)} 池田市 pages repeated; median of {args.runs} runs, each in a new process")
    print()
    print("| book | backend | MB at 10 pages | MB at 100 pages | 100 / 10 | s at 100 pages |")
    print("|---|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="bench-books-") as tmp:
        # the books are made in a child process: on Linux a process's peak RSS counts its
        # parent's at the fork, so this process must stay small
        make = [sys.executable, __file__, "--make", tmp, "--shared", str(args.shared)]
        subprocess.run(make, check=True)
        for own_fonts in (False, True):
            kind = "pages with their own fonts" if own_fonts else "pages sharing fonts"
            books = {n: Path(tmp) / f"book-{n}-{int(own_fonts)}.pdf" for n in (10, 100)}
            for backend in args.backends.split(","):
                mb: dict[int, list[float]] = {10: [], 100: []}
                secs: list[float] = []
                for _ in range(args.runs):
                    for n in (10, 100):
                        peak, s = _run(books[n], backend, Path(tmp) / "out.json")
                        mb[n].append(peak)
                        if n == 100:
                            secs.append(s)
                m10, m100 = statistics.median(mb[10]), statistics.median(mb[100])
                print(
                    f"| {kind} | {backend} | {m10:.1f} | {m100:.1f} | {m100 / m10:.2f}x | "
                    f"{statistics.median(secs):.1f} |"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
