"""The same sheet gives the same JSON from every format: the seed's Markdown, its HTML pages
(UTF-8 and Shift_JIS) and its workbook give identical measures, indicators and narratives,
text compared without white space; likewise the synthetic みなと野市 sheet's renderings. The
committed renderings are exactly what ``scripts/make_samples.py`` produces."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import sheetparse
from conftest import ROOT, SAMPLES
from sheetparse.textutil import strip_ws


def _obs(o) -> tuple | None:
    if o is None:
        return None
    return (o.fiscal_year, o.value, strip_ws(o.raw), bool(o.approximate), o.note)


def content(sheet: sheetparse.ProgressSheet) -> dict:
    """Everything the contract says about the sheet's content, locations left out, text
    without white space."""
    return {
        "title": strip_ws(sheet.title or ""),
        "plan_term": sheet.plan_term,
        "report_fiscal_year": sheet.report_fiscal_year,
        "measures": [
            {
                "id": m.id,
                "title": strip_ws(m.title),
                "figures": [strip_ws(f) for f in m.figures],
                "indicators": [
                    (
                        strip_ws(i.name),
                        i.unit,
                        _obs(i.baseline),
                        [_obs(o) for o in i.actuals],
                        _obs(i.target),
                    )
                    for i in m.indicators
                ],
                "narratives": [
                    (
                        n.kind,
                        n.actor,
                        strip_ws(n.label),
                        n.fiscal_year,
                        [strip_ws(x) for x in n.items],
                        [strip_ws(x) for x in n.figures],
                    )
                    for n in m.narratives
                ],
            }
            for m in sheet.measures
        ],
    }


@pytest.fixture(scope="module")
def seed_content(seed_sheet) -> dict:
    return content(seed_sheet)


@pytest.mark.parametrize("name", ["kashiwa-r7.html", "kashiwa-r7.sjis.html", "kashiwa-r7.xlsx"])
def test_seed_renderings_agree_with_markdown(seed_content, name):
    other = content(sheetparse.parse(SAMPLES / name))
    assert [m["id"] for m in other["measures"]] == [m["id"] for m in seed_content["measures"]]
    for mine, theirs in zip(other["measures"], seed_content["measures"], strict=True):
        assert mine == theirs, mine["id"]
    assert other == seed_content


@pytest.mark.parametrize("name", ["minatono-h30.eucjp.html", "minatono-h30.xlsx"])
def test_synthetic_renderings_agree(name):
    base = content(sheetparse.parse(SAMPLES / "minatono-h30.html"))
    assert content(sheetparse.parse(SAMPLES / name)) == base


def test_formats_are_what_they_say():
    assert sheetparse.parse(SAMPLES / "kashiwa-r7.html").source.format == "html"
    assert sheetparse.parse(SAMPLES / "kashiwa-r7.xlsx").source.format == "xlsx"


def test_committed_renderings_are_what_the_generator_makes():
    pytest.importorskip("openpyxl")
    script = ROOT / "scripts" / "make_samples.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr


def test_generator_renders_the_same_bytes_twice():
    pytest.importorskip("openpyxl")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_samples
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    first = make_samples.renderings()
    second = make_samples.renderings()
    assert first.keys() == second.keys()
    assert all(first[k] == second[k] for k in first)
    assert {Path(k).name for k in first} >= {
        "kashiwa-r7.html",
        "kashiwa-r7.sjis.html",
        "kashiwa-r7.xlsx",
    }
