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
* ``sakuragaoka-r6.*.pdf``: the PDF reader's own synthetic sheet (さくらが丘市 第2期, 令和6年度;
  ``samples/sakuragaoka-r6.expected.json``, written by hand), rendered with the sample renderers
  of ``scripts/sample_render`` in a style of its own (years as 令和6年度, a 単位 column) into a
  temporary page and workbook, then printed: by Chromium in A4 landscape, and by LibreOffice.
  It has what the seed lacks: Latin words and numbers that wrap (LINE, Wi-Fi, QRコード,
  e-sports), paragraphs indented with U+3000, text per actor in the approach table, a figure in
  a per-actor cell, long narrative rows that break across pages, ``約`` and ``0`` values.

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
    "minatono-h30.lo.pdf": ("lo", "minatono-h30.xlsx"),
    "sakuragaoka-r6.chromium.pdf": ("chromium-landscape", "sakuragaoka-r6.expected.json"),
    "sakuragaoka-r6.lo.pdf": ("lo", "sakuragaoka-r6.expected.json"),
    # the evaluation-sheet families (samples/families/): the page printed by Chromium, the
    # workbook exported by LibreOffice, as for the seed
    "families/ikeda-r7.chromium.pdf": ("chromium", "families/ikeda-r7.html"),
    "families/ikeda-r7.lo.pdf": ("lo", "families/ikeda-r7.xlsx"),
    "families/yokohama-r7.chromium.pdf": ("chromium", "families/yokohama-r7.html"),
    "families/yokohama-r7.lo.pdf": ("lo", "families/yokohama-r7.xlsx"),
    "families/policy-r6.chromium.pdf": ("chromium", "families/policy-r6.html"),
    "families/policy-r6.lo.pdf": ("lo", "families/policy-r6.xlsx"),
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


LANDSCAPE_CSS = PRINT_CSS.replace("A4 portrait", "A4 landscape").replace(
    "font-size: 10pt", "font-size: 10.5pt"
)


def _sakuragaoka_style():  # -> sample_render.style.Style
    """How the synthetic さくらが丘市 prints its sheet (its own style, not the seed's)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from sample_render.style import Style

    return Style(
        city="さくらが丘市",
        department="福祉部 地域共生推進課",
        phone="000-000-0000",
        updated="2025年6月30日",
        breadcrumbs=("ホーム", "健康・福祉", "地域共生", "計画"),
        years="long",
    )


def _source(name: str, work: Path, suffix: str) -> Path:
    """The sample to print: a committed file, or one rendered from an expected JSON."""
    src = SAMPLES / name
    if not name.endswith(".expected.json"):
        return src
    sys.path.insert(0, str(ROOT / "scripts"))
    import json

    from sample_render.render_html import render_html
    from sample_render.render_xlsx import render_xlsx

    sheet = json.loads(src.read_text(encoding="utf-8"))
    out = work / (name.removesuffix(".expected.json") + suffix)
    if suffix == ".html":
        out.write_bytes(render_html(sheet, _sakuragaoka_style(), "utf-8"))
    else:
        out.write_bytes(render_xlsx(sheet, _sakuragaoka_style()))
    return out


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
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
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
        [
            soffice,
            f"-env:UserInstallation=file://{work}/lo-profile",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    shutil.copyfile(outdir / (source.stem + ".pdf"), out)


def render_chromium(source: Path, out: Path, work: Path, css: str = PRINT_CSS) -> None:
    page_dir = work / "page"
    (page_dir / "images").mkdir(parents=True, exist_ok=True)
    html = source.read_bytes().decode("utf-8")
    for src in sorted(set(re.findall(r'<img[^>]*\ssrc="([^"]+)"', html))):
        target = page_dir / src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_png(240, 160))
    html = html.replace("</head>", f"<style>{css}</style>\n</head>", 1)
    page = page_dir / source.name
    page.write_text(html, encoding="utf-8")
    chromium_print(page, out, work)


def chromium_print(page: Path, out: Path, work: Path) -> None:
    """The page file printed by headless Chromium (its profile in ``work``) to ``out``."""
    chromium = _tool("chromium", "chromium-browser", "google-chrome")
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={work}/chromium-profile",
            "--run-all-compositor-stages-before-draw",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=300,
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
            work = Path(tmp)
            out = work / Path(name).name
            if how == "lo":
                render_lo(_source(source, work, ".xlsx"), out, work)
            else:
                css = LANDSCAPE_CSS if how == "chromium-landscape" else PRINT_CSS
                render_chromium(_source(source, work, ".html"), out, work, css)
            shutil.copyfile(out, SAMPLES / name)
        print(f"wrote samples/{name} ({(SAMPLES / name).stat().st_size:,} bytes) from {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
