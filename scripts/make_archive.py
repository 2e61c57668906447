#!/usr/bin/env python3
"""Generate an archive of varied progress sheets in mixed formats, for benchmarks and trials.

    .venv/bin/python scripts/make_archive.py OUTDIR [--count 240] [--samples samples/]

Takes every sample sheet in ``samples/`` (Markdown, HTML in any encoding, XLSX, PDF) and writes
``--count`` sheets, cycling through the samples, into a decade of year folders
(``OUTDIR/2016/`` … ``OUTDIR/2025/``). Every sheet differs from every other (its own sha256):

- Markdown and HTML: indicator values (table cells holding a plain number) redrawn, and the
  reiwa/heisei year of its 年度 labels moved back by up to four years — the structure of the
  sheet is untouched, so each one still parses;
- XLSX: integer cells redrawn (openpyxl, from the ``xlsx``/``dev`` extras);
- PDF: a byte-identical copy with a comment line appended after ``%%EOF`` (readers ignore it).

Output is deterministic for a given sample set, count and seed.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import sys
from collections import Counter
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
#: sample file endings used, and the format each one is
FORMATS = {".md": "markdown", ".html": "html", ".htm": "html", ".xlsx": "xlsx", ".pdf": "pdf"}

_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
_MD_VALUE = re.compile(r"(?<=\| )(\d{1,6})(?= \|)")
_HTML_VALUE = re.compile(r"(?<=>)(\d{1,6})(?=<)")
_ERA_YEAR = re.compile(r"(令和|平成)(\d{1,2})(年度)")


def sample_files(folder: Path) -> list[Path]:
    """The sample sheets in ``folder`` (expected JSONs and READMEs left out), by name."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in FORMATS and p.name != "README.md"
    )


def _new_value(rng: random.Random, old: str) -> str:
    n = int(old)
    if 1900 <= n <= 2100 or n == 0:  # a year or a zero: keep
        return old
    return str(max(1, round(n * rng.uniform(0.5, 1.5))))


def _vary_text(text: str, rng: random.Random, value: re.Pattern[str]) -> str:
    shift = rng.randrange(5)
    text = _ERA_YEAR.sub(lambda m: f"{m[1]}{max(1, int(m[2]) - shift)}{m[3]}", text)
    return value.sub(lambda m: _new_value(rng, m[1]), text)


def _codec(data: bytes) -> str:
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else "utf-8"


def vary_markdown(data: bytes, rng: random.Random) -> bytes:
    return _vary_text(data.decode("utf-8"), rng, _MD_VALUE).encode("utf-8")


def vary_html(data: bytes, rng: random.Random) -> bytes:
    codec = _codec(data)
    try:
        text = data.decode(codec)
    except (LookupError, UnicodeDecodeError):
        return data + f"<!-- variant {rng.random()} -->".encode("ascii")
    return _vary_text(text, rng, _HTML_VALUE).encode(codec)


def vary_xlsx(data: bytes, rng: random.Random) -> bytes:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                v = cell.value
                if isinstance(v, int) and not isinstance(v, bool):
                    cell.value = int(_new_value(rng, str(v)))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def vary_pdf(data: bytes, rng: random.Random) -> bytes:
    return data + f"\n%sheetparse-archive variant {rng.random():.12f}\n".encode("ascii")


VARY = {"markdown": vary_markdown, "html": vary_html, "xlsx": vary_xlsx, "pdf": vary_pdf}


def make_archive(
    out: Path,
    *,
    count: int = 240,
    samples: Path = SAMPLES,
    seed: int = 2025,
    first_year: int = 2016,
    years: int = 10,
) -> Counter[str]:
    """Write ``count`` sheets into ``out``; how many of each format."""
    files = sample_files(samples)
    if not files:
        raise SystemExit(f"no sample sheets in {samples}")
    originals = {p: p.read_bytes() for p in files}
    made: Counter[str] = Counter()
    for i in range(count):
        src = files[i % len(files)]
        fmt = FORMATS[src.suffix.lower()]
        rng = random.Random(f"{seed}/{src.name}/{i}")
        stem, _, rest = src.name.partition(".")
        year = first_year + (i // len(files)) % years
        target = out / str(year) / f"{stem}-{i:04d}.{rest}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(VARY[fmt](originals[src], rng))
        made[fmt] += 1
    return made


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("outdir", type=Path)
    p.add_argument("--count", type=int, default=240, help="sheets to write (default 240)")
    p.add_argument("--samples", type=Path, default=SAMPLES, help="folder of sample sheets")
    p.add_argument("--seed", type=int, default=2025)
    args = p.parse_args(argv)
    made = make_archive(args.outdir, count=args.count, samples=args.samples, seed=args.seed)
    mix = ", ".join(f"{n} {fmt}" for fmt, n in sorted(made.items()))
    print(f"{sum(made.values())} sheets in {args.outdir}: {mix}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
