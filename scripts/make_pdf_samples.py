#!/usr/bin/env python3
"""Render the sample sheets to PDF the way cities and their readers produce them.

    .venv/bin/python scripts/make_pdf_samples.py            # every PDF sample
    .venv/bin/python scripts/make_pdf_samples.py --only kashiwa-r7.lo.pdf

* ``<stem>.lo.pdf``: the workbook ``samples/<stem>.xlsx`` exported by LibreOffice headless
  (``soffice --convert-to pdf``): A4 landscape from the workbook's page setup, merged cells,
  wrapped text, the ``- N -`` footer, fonts embedded. Page breaks fall where LibreOffice puts
  them, so merged cells and two-row headers are cut across pages.
* ``<stem>.chromium.pdf``: the CMS page ``samples/<stem>.html`` printed by headless Chromium
  (A4 portrait) with the browser's own running header (date, page title) and footer (address,
  ``N/M``); a print stylesheet hides the site's navigation as CMS print views do, and
  placeholder pictures stand in for the page's images. Tables break across pages, with the
  ``<thead>`` repeated and long rows split.

Needs ``soffice`` (apt: libreoffice-calc-nogui), ``chromium`` and Japanese fonts
(fonts-noto-cjk or fonts-ipaexfont). The PDFs carry creation dates, so a re-run changes their
bytes but not their content; tests use the committed files, not this script.
"""

from __future__ import annotations

import argparse
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

#: sample → how it is made: ("lo", source) or ("chromium", source)
TARGETS: dict[str, tuple[str, str]] = {
    "kashiwa-r7.lo.pdf": ("lo", "kashiwa-r7.xlsx"),
    "kashiwa-r7.chromium.pdf": ("chromium", "kashiwa-r7.html"),
    "minatono-h30.chromium.pdf": ("chromium", "minatono-h30.html"),
    "sakuragaoka-r6.chromium.pdf": ("chromium", "sakuragaoka-r6.html"),
}

#: what a CMS print view hides: site header, navigation, breadcrumbs, inquiry box, footer
PRINT_CSS = """
@page { size: A4 portrait; margin: 16mm 12mm 16mm 12mm; }
@media print {
  #tmp_header, #tmp_gnavi, #tmp_pankuzu, #tmp_update, #tmp_inquiry, #tmp_lnavi,
  #tmp_footer, noscript, .skip { display: none !important; }
  body { font-family: "Noto Sans CJK JP", "IPAexGothic", sans-serif; font-size: 10pt; }
  #tmp_contents h1 { font-size: 15pt; }
  #tmp_contents h2, #tmp_contents p.heading { font-size: 12.5pt; }
  #tmp_contents table { font-size: 9pt; }
}
"""


def _png(width: int, height: int) -> bytes:
    """A grey placeholder picture with a darker frame (what a missing photo prints as)."""
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            edge = x < 2 or y < 2 or x >= width - 2 or y >= height - 2
            diag = min(abs(x * height - y * width), abs((width - x) * height - y * width)) < width
            v = 90 if edge or diag else 215
            row += bytes((v, v, v))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def _tool(*names: str) -> str:
    for name in names:
        if path := shutil.which(name):
            return path
    sys.exit(f"needs one of {', '.join(names)} on PATH")


def render_lo(source: Path, out: Path, work: Path) -> None:
    soffice = _tool("soffice", "libreoffice")
    outdir = work / "lo-out"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{work}/lo-profile", "--headless",
         "--norestore", "--convert-to", "pdf", "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=300,
    )
    shutil.copyfile(outdir / (source.stem + ".pdf"), out)


def render_chromium(source: Path, out: Path, work: Path) -> None:
    chromium = _tool("chromium", "chromium-browser", "google-chrome")
    page_dir = work / "page"
    (page_dir / "images").mkdir(parents=True, exist_ok=True)
    html = source.read_bytes().decode("utf-8")
    for src in sorted(set(re.findall(r'<img[^>]*\ssrc="([^"]+)"', html))):
        target = page_dir / src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_png(240, 160))
    html = html.replace("</head>", f"<style>{PRINT_CSS}</style>\n</head>", 1)
    page = page_dir / source.name
    page.write_text(html, encoding="utf-8")
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={work}/chromium-profile", "--run-all-compositor-stages-before-draw",
         f"--print-to-pdf={out}", page.as_uri()],
        check=True, capture_output=True, timeout=300,
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", action="append", choices=sorted(TARGETS), help="one sample")
    args = ap.parse_args(argv)
    for name in args.only or sorted(TARGETS):
        how, source = TARGETS[name]
        src = SAMPLES / source
        if not src.exists():
            print(f"skipped {name}: {source} is missing (run scripts/make_samples.py)")
            continue
        with tempfile.TemporaryDirectory(prefix="sheetparse-pdf-") as tmp:
            out = Path(tmp) / name
            (render_lo if how == "lo" else render_chromium)(src, out, Path(tmp))
            shutil.copyfile(out, SAMPLES / name)
        print(f"wrote samples/{name} ({(SAMPLES / name).stat().st_size:,} bytes) from {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
