"""sheetparse report: the HTML page's content, self-containment and errors (the page as a
browser shows it is tested in test_report_browser.py)."""

from __future__ import annotations

import re

import lxml.html
import pytest

from conftest import SAMPLES
from sheetparse import cli
from sheetparse.model import (
    Cost,
    Evaluation,
    HierarchyLevel,
    Indicator,
    Location,
    Measure,
    Narrative,
    Observation,
    Period,
    ProgressSheet,
    Source,
)
from sheetparse.report import render_report
from sheetparse.tracking.compare import NotComparable

# by hand from samples/kashiwa-r7.expected.json (see tests/test_progress.py)
SEED = {
    "1-1": ("地域出前講座の実施", "behind", "-25.0%", "36"),
    "1-2": ("社会参加支援事業", "no-start", "103.3%", "310"),
    "1-3": ("社会参加支援事業", "no-start", "153.3%", "23"),
    "2-1": ("「福祉の総合相談」の設置", "behind", "-160.2%", "590"),
    "2-2": ("妊婦等包括相談支援事業", "behind", "-32.4%", "4,933"),
    "2-3": ("地域子育て支援拠点事業(親子、親同士の交流の場の創設)", "behind", "-582.0%", "95,715"),
    "3-1": ("フレイル予防の推進", "no-start", "42.6%", "10,220"),
    "3-2": (
        "かしわファミリー・サポート・センター住民参加型子育て支援事業",
        "on-track",
        "49.0%",
        "522",
    ),
    "3-3": ("多機関協働事業", "on-track", "76.9%", "21"),
    "3-4": ("ラコルタ柏運営体制支援コーディネーター事業", "no-start", "31.0%", "13"),
    "4-1": ("個別避難計画の策定", "behind", "21.0%", "21.4"),
    "4-2": ("地域での防犯対策等の推進", "achieved", "507.4%", "1,026"),
    "4-3": ("障害者の一般就労及び職場定着の促進", "behind", "3.6%", "70"),
    "4-4": ("こども・若者相談センターの設置", "behind", "-51.2%", "932"),
}
STATUS_WORD = {"achieved": "達成", "on-track": "順調", "behind": "遅れ", "no-start": "起点なし"}


def _nows(text: str) -> str:
    return "".join(text.split())


def check_seed_page(doc) -> None:
    """Every measure and indicator of the seed with the right figures (shared with the
    browser test, which runs it on the DOM Chromium built)."""
    sections = doc.xpath('//section[@class="measure"]')
    assert [s.get("data-measure") for s in sections] == list(SEED)
    for mid, (name, status, rate, latest) in SEED.items():
        (card,) = doc.xpath(f'//article[@data-measure="{mid}"]')
        assert _nows(card.xpath('string(.//span[@class="name"])')) == _nows(name), mid
        assert card.get("data-status") == status, mid
        badge = card.xpath(".//h3/span[contains(@class, 'badge')]")[0]
        assert STATUS_WORD[status] in badge.text_content(), mid
        assert card.xpath('string(.//span[@class="rate"])') == rate, mid
        figs = card.xpath('.//dl[@class="figs"]/div')
        first = {d.xpath("string(dt)"): d.xpath("string(dd)") for d in figs}
        assert first["最新の実績"].startswith(latest + " R7"), (mid, first)
        assert first["目標値"].endswith("R12"), mid
        svg = card.xpath(".//*[local-name()='svg']")[0]
        assert "目標" in svg.xpath("string(.)"), mid
        # each value of the table with the line it was printed on
        assert card.xpath('.//table[@class="values"]//small[@class="src"]'), mid
    summary = {
        li.get("data-status"): int(li.xpath('string(span[@class="n"])'))
        for li in doc.xpath('//section[@id="summary"]//ul[@class="legend"]/li')
    }
    assert summary == {"achieved": 1, "on-track": 2, "behind": 7, "no-start": 4}


@pytest.fixture(scope="module")
def seed_page(seed_sheet) -> str:
    return render_report([("samples/kashiwa-r7.md", seed_sheet)])


def test_seed_page_holds_every_measure_and_indicator(seed_page):
    check_seed_page(lxml.html.fromstring(seed_page))


def test_the_page_is_self_contained(seed_page):
    assert seed_page.startswith("<!DOCTYPE html>") and '<html lang="ja">' in seed_page
    lowered = seed_page.lower()
    for needle in ("http:", "https:", "<link", "<img", "<iframe", "src=", "url(", "@import"):
        assert needle not in lowered, needle
    doc = lxml.html.fromstring(seed_page)
    assert doc.xpath("//style") and len(doc.xpath("//script")) == 1
    assert doc.xpath('//meta[@name="viewport"]')


def test_narratives_fold_and_values_cite_their_source(seed_page, seed_sheet):
    doc = lxml.html.fromstring(seed_page)
    details = doc.xpath('//details[@class="narr"]')
    assert len(details) == sum(len(m.narratives) for m in seed_sheet.measures)
    assert all(d.get("open") is None for d in details)
    first = details[0]
    assert first.xpath("string(summary)") == "基本施策1の方向性"
    assert "地域住民が地域生活課題に気づき" in first.text_content()
    assert "9行" in first.xpath('string(.//small[@class="src"])')
    # the image-only row (items []) says so
    assert "本文なし" in doc.xpath('string(//section[@data-measure="4-2"])')
    cells = doc.xpath('//article[@data-measure="1-1"]//table[@class="values"]//td')
    assert [c.text_content() for c in cells[:2]] == ["3916行", "3616行"]


def _synthetic() -> ProgressSheet:
    """A 1.1 sheet of another family: costs, evaluations, plans, hierarchy, period, a prose
    target, a sub-unit, a measure without indicators, a narrative with no text."""
    loc = Location(page=2, bbox=[0, 0, 1, 1])
    ind = Indicator(
        name="移住ポータルサイトPV数",
        unit="PV",
        kind="outcome",
        baseline=Observation(fiscal_year=2023, value=150000, raw="150,000", source=loc),
        actuals=[Observation(fiscal_year=2024, value=171000, raw="171,000", source=loc)],
        plans=[Observation(fiscal_year=2025, value=190000, raw="190,000", note="見込")],
        target=Observation(fiscal_year=None, value=213000, raw="213,000PV", label="数値目標"),
    )
    cost = [
        Cost(
            label="事業費",
            fiscal_year=2023,
            kind="settlement",
            value=16500,
            raw="16,500",
            unit="千円",
            source=loc,
        ),
        Cost(
            label="事業費", fiscal_year=2024, kind="budget", value=18200, raw="18,200", unit="千円"
        ),
        Cost(label="人件費", fiscal_year=2024, kind="budget", value=0, raw="0", unit="千円"),
    ]
    return ProgressSheet(
        source=Source(path="ikeda.pdf", sha256="1" * 64, format="pdf", page_count=3),
        title="令和6年度 事務事業評価シート",
        report_fiscal_year=2024,
        family="target-setting-sheet",
        municipality="池田市",
        plan="第７次池田市総合計画 前期基本計画",
        preface=[
            "計画に掲げる基本施策の実現に向けた主な取組について、進捗状況を取りまとめました。"
        ],
        measures=[
            Measure(
                id="1",
                title="移住定住促進事業",
                department="総合政策部 政策推進課",
                hierarchy=[HierarchyLevel(label="施策の柱", text="①価値を高め発信するまちづくり")],
                period=Period(start=2023, end=2027),
                indicators=[ind],
                costs=cost,
                evaluations=[
                    Evaluation(
                        label="事業の有効性",
                        grade="A.順調に推移している",
                        reason=["PV数が伸びた。"],
                    ),
                    Evaluation(label="総合評価", grade=None, reason=["継続して取り組む。"]),
                ],
                narratives=[
                    Narrative(kind="purpose", label="目的", items=["移住者を増やす。"]),
                    Narrative(kind="results", label="取組実績", fiscal_year=2024, items=[]),
                ],
                source=loc,
            ),
            Measure(id="1.1", parent="1", title="ポータルサイト運営", costs=cost[1:2]),
            Measure(id="2", title="空き家活用", figures=["空き家の位置図"]),
        ],
    )


def test_a_sheet_of_another_family_renders():
    page = render_report([("ikeda.json", _synthetic())])
    doc = lxml.html.fromstring(page)
    text = _nows(doc.text_content())
    assert [s.get("data-measure") for s in doc.xpath("//section[contains(@class,'measure')]")] == [
        "1",
        "1.1",
        "2",
    ]
    assert doc.xpath('//section[@data-measure="1.1"]')[0].get("class") == "measure sub"
    for needle in (
        "池田市",
        "第７次池田市総合計画前期基本計画",
        "施策の柱：①価値を高め発信するまちづくり",
        "担当：総合政策部政策推進課",
        "実施期間：令和5年度〜令和9年度",
        "A.順調に推移している",
        "PV数が伸びた。",
        "継続して取り組む。",
        "事業費（千円）",
        "16,500",
        "18,200",
        "指標はありません",
        "▲空き家の位置図",
        "目標値年度なし",
        "190,000",
    ):
        assert _nows(needle) in text, needle
    (card,) = doc.xpath("//article")
    # a prose target: the measure's period end (令和9) is its deadline
    # the line at R6: 150,000 + 63,000 * (2024 − 2023) / (2027 − 2023) = 165,750 ≤ 171,000
    assert card.get("data-status") == "on-track"
    assert "2頁" in card.text_content()
    assert "R5決算" in _nows(doc.xpath('string(//table[@class="costs"]//thead)'))


def test_three_years_page_compares(tmp_path):
    out = tmp_path / "r.html"
    years = [
        SAMPLES / "years" / "kashiwa-r9.html",
        SAMPLES / "kashiwa-r7.html",
        SAMPLES / "years" / "kashiwa-r8.xlsx",
    ]
    assert cli.main(["report", *map(str, years), "-o", str(out)]) == 0
    doc = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    kinds = [tr.get("data-kind") for tr in doc.xpath('//table[@class="changes"]//tr[@data-kind]')]
    assert kinds == ["value-revised", "indicator-renamed", "indicator-added"]
    assert len(doc.xpath('//table[@class="reports"]/tbody/tr')) == 3
    (card,) = doc.xpath('//article[@data-measure="1-1"]')
    rows = card.xpath('.//table[@class="values"]/tbody/tr')
    assert [r.xpath("string(th)") for r in rows] == ["R7報告", "R8報告", "R9報告"]
    assert card.xpath('string(.//mark[@class="revised"])') == "42"
    assert card.xpath(".//*[local-name()='circle'][contains(@class, 'old')]")  # 修正前 41 drawn
    trend = card.xpath('.//p[@class="trend"]//span[contains(@class,"badge")]/@data-status')
    assert trend == ["behind", "behind", "on-track"]  # R9: 47 ≥ 39 + 12 * 4/7 = 45.9
    assert len(doc.xpath("//article")) == 15


def test_cli_errors(tmp_path, capsys):
    out = tmp_path / "r.html"
    assert cli.main(["report", str(tmp_path / "missing.md"), "-o", str(out)]) == 1
    assert not out.exists()
    assert (
        cli.main(
            [
                "report",
                str(SAMPLES / "kashiwa-r7.md"),
                str(SAMPLES / "minatono-h30.html"),
                "-o",
                str(out),
            ]
        )
        == 1
    )
    assert not out.exists()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("sheetparse: error: ") for line in err)
    with pytest.raises(SystemExit) as e:
        cli.main(["report", str(SAMPLES / "kashiwa-r7.md")])  # -o is required
    assert e.value.code == 2


def test_not_comparable_from_the_library(seed_sheet):
    with pytest.raises(NotComparable):
        render_report([("a", seed_sheet), ("b", _synthetic())])


def test_escaping():
    sheet = _synthetic()
    sheet.measures[0].title = '<script>alert("x")</script> & 事業'
    page = render_report([("a<b>.json", sheet)])
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert re.search(r"<dd>a&lt;b&gt;\.json</dd>", page)  # the input's name, escaped
