#!/usr/bin/env python3
"""Render the README's report screenshots (docs/) with headless Chromium.

    .venv/bin/python scripts/report_screenshots.py [--out docs]

The seed's report (samples/kashiwa-r7.md) at a desktop and a phone width, and the three-year
comparison (kashiwa-r7.html, years/kashiwa-r8.xlsx, years/kashiwa-r9.html) at a desktop width;
the pages themselves are written beside them. PNGs are reduced to 256 colours (Pillow) to keep
the repository small.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from PIL import Image  # noqa: E402

import chromium  # noqa: E402  (tests/chromium.py: the flags the tests use)
from sheetparse import cli  # noqa: E402

SAMPLES = ROOT / "samples"
SHOTS = {
    # name: (inputs, [(suffix, width, height)])
    "report-kashiwa-r7": (
        [SAMPLES / "kashiwa-r7.md"],
        [("desktop", 1280, 2000), ("phone", 390, 2200)],
    ),
    "report-kashiwa-r7-r9": (
        [
            SAMPLES / "kashiwa-r7.html",
            SAMPLES / "years/kashiwa-r8.xlsx",
            SAMPLES / "years/kashiwa-r9.html",
        ],
        [("desktop", 1280, 2200)],
    ),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "docs"))
    args = ap.parse_args(argv)
    out = Path(args.out).resolve()
    os.chdir(ROOT)  # inputs named relative to the repository, as the page shows them
    out.mkdir(parents=True, exist_ok=True)
    for name, (inputs, sizes) in SHOTS.items():
        page = out / f"{name}.html"
        rel = [str(p.relative_to(ROOT)) for p in inputs]
        if cli.main(["report", *rel, "-o", str(page)]) != 0:
            return 1
        for suffix, width, height in sizes:
            png = out / f"{name}-{suffix}.png"
            chromium.screenshot(page, png, width, height)
            Image.open(png).convert("RGB").quantize(256).save(png, optimize=True)
            print(f"wrote {png.relative_to(ROOT)} ({png.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
