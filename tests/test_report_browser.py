"""The report as a person sees it: headless Chromium renders the page (PNG at a desktop, a
tablet and a phone width) and dumps the DOM it built; the DOM holds every measure and indicator
with the right figures, and no screenshot is blank.

Chromium is the Debian package ``chromium`` (.ci/run installs it when missing); the network is
closed to it (see tests/chromium.py), so a page that needed anything from outside would show it.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

import chromium
from conftest import SAMPLES
from sheetparse import cli
from test_report import SEED, check_seed_page

pytestmark = pytest.mark.skipif(chromium.binary() is None, reason="chromium not installed")
Image = pytest.importorskip("PIL.Image")

WIDTHS = {"desktop": (1280, 1800), "tablet": (820, 1800), "phone": (390, 1600)}
THREE_YEARS = (
    SAMPLES / "kashiwa-r7.html",
    SAMPLES / "years" / "kashiwa-r8.xlsx",
    SAMPLES / "years" / "kashiwa-r9.html",
)


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "kashiwa-r7.html"
    assert cli.main(["report", str(SAMPLES / "kashiwa-r7.md"), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def years_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "kashiwa-r7-r9.html"
    assert cli.main(["report", *map(str, THREE_YEARS), "-o", str(out)]) == 0
    return out


def test_dom_of_the_seed_holds_every_measure_and_indicator(seed_report):
    dom = chromium.dump_dom(seed_report)
    doc = lxml.html.fromstring(dom)
    check_seed_page(doc)
    # the browser built the charts: one SVG per indicator with its points
    for mid in SEED:
        svg = doc.xpath(f"//article[@data-measure='{mid}']//*[local-name()='svg']")[0]
        assert svg.xpath(".//*[local-name()='path'][contains(@class,'target')]"), mid


def test_dom_of_three_years_holds_the_comparison(years_report):
    doc = lxml.html.fromstring(chromium.dump_dom(years_report))
    assert len(doc.xpath("//article[contains(@class,'indicator')]")) == 15
    kinds = [tr.get("data-kind") for tr in doc.xpath("//table[@class='changes']//tr[@data-kind]")]
    assert kinds == ["value-revised", "indicator-renamed", "indicator-added"]
    card = doc.xpath("//article[@data-measure='1-1']")[0]
    assert card.get("data-status") == "on-track" and card.get("data-latest") == "47"
    assert card.xpath("string(.//span[@class='rate'])") == "66.7%"  # (47 − 39) / (51 − 39)
    renamed = doc.xpath("//article[@data-measure='2-1']")[0]
    assert renamed.get("data-name") == "「福祉の総合相談」の相談件数"


def _not_blank(png: Path, width: int, height: int) -> None:
    img = Image.open(png).convert("RGB")
    assert img.size == (width, height)
    small = img.resize((width // 8, height // 8))
    raw = small.tobytes()
    pixels = [tuple(raw[k : k + 3]) for k in range(0, len(raw), 3)]
    colours = len(set(pixels))
    inked = sum(1 for p in pixels if sum(p) < 600) / len(pixels)
    assert colours > 50, f"{png.name}: {colours} colours"
    assert inked > 0.03, f"{png.name}: {inked:.1%} of the page is not near-white"
    # the header band is the dark blue of the page header, not a browser error page
    r, g, b = img.getpixel((width // 2, 8))
    assert b > r and b < 140, (r, g, b)


@pytest.mark.parametrize("size", list(WIDTHS))
def test_screenshots_are_not_blank(seed_report, years_report, tmp_path, size):
    width, height = WIDTHS[size]
    for page in (seed_report, years_report):
        png = chromium.screenshot(page, tmp_path / f"{page.stem}-{size}.png", width, height)
        _not_blank(png, width, height)
