#!/usr/bin/env python3
"""Render the sample sheets' expected JSON into the formats cities publish.

    .venv/bin/python scripts/make_samples.py           # (re)write the renderings in samples/
    .venv/bin/python scripts/make_samples.py --check   # exit 1 if a committed file differs

``samples/<stem>.expected.json`` is the answer for every rendering ``samples/<stem>.*``; the
renderings are deterministic, so re-running this script does not change committed files.

``samples/years/`` holds the seed's plan in later report years (令和8, 令和9: more 実績 filled,
a revised figure, a renamed and an added indicator), drawn by ``sample_render/years.py``: there
the expected JSON is generated too, from the same model the renderers print.

``samples/families/`` holds synthetic sheets of the evaluation-sheet families (contract 1.1),
drawn by ``sample_render/families/``: 池田市 目標設定シート and 横浜市 事業評価書 from the content
files in ``sample_render/families/content/`` (their expected JSON generated from the same
model), and the 施策評価シート of the fifth profile from its hand-written expected JSON.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_render.families import renderings as family_renderings
from sample_render.render_html import render_html
from sample_render.render_xlsx import render_xlsx
from sample_render.style import KASHIWA, MINATONO, Style
from sample_render.years import kashiwa_years

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
YEARS = SAMPLES / "years"
FAMILIES = SAMPLES / "families"

Render = Callable[[dict, Style], bytes]

#: stem → (style, {file suffix: renderer})
SHEETS: dict[str, tuple[Style, dict[str, Render]]] = {
    "kashiwa-r7": (
        KASHIWA,
        {
            ".html": lambda s, st: render_html(s, st, "utf-8"),
            ".sjis.html": lambda s, st: render_html(s, st, "cp932"),
            ".xlsx": render_xlsx,
        },
    ),
    "minatono-h30": (
        MINATONO,
        {
            ".html": lambda s, st: render_html(s, st, "utf-8"),
            ".eucjp.html": lambda s, st: render_html(s, st, "euc_jp"),
            ".xlsx": render_xlsx,
        },
    ),
}


def year_renderings() -> dict[Path, bytes]:
    """The seed's plan in later report years: HTML, XLSX and the expected JSON of each (its
    source is the HTML page: format html, that page's sha256)."""
    seed = json.loads((SAMPLES / "kashiwa-r7.expected.json").read_text(encoding="utf-8"))
    out: dict[Path, bytes] = {}
    for edit, sheet in kashiwa_years(seed):
        stem = f"kashiwa-r{edit.year - 2018}"
        style = dataclasses.replace(KASHIWA, updated=edit.updated)
        html = render_html(sheet, style, "utf-8")
        digest = hashlib.sha256(html).hexdigest()
        sheet = {**sheet, "source": {**sheet["source"], "sha256": digest, "format": "html"}}
        text = json.dumps(sheet, ensure_ascii=False, indent=1) + "\n"
        out[YEARS / f"{stem}.expected.json"] = text.encode("utf-8")
        out[YEARS / f"{stem}.html"] = html
        out[YEARS / f"{stem}.xlsx"] = render_xlsx(sheet, style)
    return out


def renderings() -> dict[Path, bytes]:
    """Every rendering's path and bytes."""
    out: dict[Path, bytes] = {}
    for stem, (style, renderers) in SHEETS.items():
        sheet = json.loads((SAMPLES / f"{stem}.expected.json").read_text(encoding="utf-8"))
        for suffix, render in renderers.items():
            out[SAMPLES / f"{stem}{suffix}"] = render(sheet, style)
    out.update(year_renderings())
    out.update(family_renderings(FAMILIES))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="compare instead of writing")
    args = ap.parse_args(argv)
    stale = []
    for path, data in renderings().items():
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(path.name)
            continue
        if not path.exists() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"wrote {path.relative_to(SAMPLES.parent)} ({len(data):,} bytes)")
        else:
            print(f"unchanged {path.relative_to(SAMPLES.parent)}")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
