"""The bundled seed sheet (Kashiwa City, 第5期計画, 令和7年度) against its hand-checked gold."""

from __future__ import annotations

import json

import sheetparse
from conftest import score


def test_seed_scores_100_percent(seed_sheet, seed_gold):
    out = json.loads(seed_sheet.model_dump_json())
    recall, precision, misses = score(out, seed_gold)
    assert misses == []
    assert recall == 1.0
    assert precision == 1.0


def test_seed_document_fields(seed_sheet):
    assert seed_sheet.title == "第5期計画 基本施策の実現に向けた主な取組 進捗シート"
    assert seed_sheet.plan_term == 5
    assert seed_sheet.report_fiscal_year == 2025
    assert seed_sheet.source.format == "markdown"
    assert seed_sheet.source.sha256 == (
        "39c91799ff9692255081dc2e9ac0a3ffe233832a13d77daadc0331db749738f4"
    )
    assert [m.id for m in seed_sheet.measures] == [
        "1-1",
        "1-2",
        "1-3",
        "2-1",
        "2-2",
        "2-3",
        "3-1",
        "3-2",
        "3-3",
        "3-4",
        "4-1",
        "4-2",
        "4-3",
        "4-4",
    ]


def _diags(sheet, code):
    return [
        (d.level, d.location.line if d.location else None)
        for d in sheet.diagnostics
        if d.code == code
    ]


def test_seed_diagnostics_with_lines(seed_sheet):
    # lines counted by hand in samples/kashiwa-r7.md
    assert _diags(seed_sheet, "heading-typo") == [("warning", 102)]
    assert _diags(seed_sheet, "table-before-heading") == [("info", 134), ("info", 261)]
    assert _diags(seed_sheet, "empty-cell") == [("warning", 384)]
    assert _diags(seed_sheet, "unplaced-block") == []


def test_seed_typo_measure_and_placement(seed_sheet):
    by_id = {m.id: m for m in seed_sheet.measures}
    assert by_id["2-1"].title == "分野や対象にとらわれず困りごとを丸ごと相談できる体制の充実"
    # the 【施策2】 organize table printed before 方針2-施策2 lands on 2-2
    kinds = [(n.kind, n.actor) for n in by_id["2-2"].narratives]
    assert ("mindset_change", "市民") in kinds
    assert (
        by_id["2-2"].narratives[1].items[0]
        == "市内にある妊娠、出産、子育てに関する相談先を知りたいと思う"
    )
    # 2-3 has no organize table at all, and its ▲ caption outside tables is a measure figure
    assert [n.kind for n in by_id["2-3"].narratives][:2] == ["direction", "results"]
    assert by_id["2-3"].figures == ["作成した『柏市子育て支援施設・相談情報』のチラシ"]


def test_seed_values(seed_sheet):
    by_id = {m.id: m for m in seed_sheet.measures}
    ind = by_id["2-3"].indicators[0]
    assert ind.name == "地域子育て支援拠点事業(親子、親同士の交流の場の創設)"
    assert (ind.baseline.fiscal_year, ind.baseline.value, ind.baseline.raw) == (
        2023,
        129651,
        "129,651",
    )
    assert [(o.fiscal_year, o.value, o.raw) for o in ind.actuals] == [
        (2025, 95715, "95,715"),
        (2026, None, ""),
        (2027, None, ""),
        (2028, None, ""),
        (2029, None, ""),
        (2030, None, ""),
    ]
    assert (ind.target.fiscal_year, ind.target.value) == (2030, 135482)
    dash = by_id["1-3"].indicators[0].baseline
    assert (dash.value, dash.raw) == (None, "—")
    assert by_id["4-1"].indicators[0].baseline.value == 0.5


def test_seed_every_record_has_a_line(seed_sheet):
    for m in seed_sheet.measures:
        assert m.source and m.source.line
        for ind in m.indicators:
            assert ind.source and ind.source.line
            for o in [ind.baseline, *ind.actuals, ind.target]:
                assert o.source and o.source.line
        for n in m.narratives:
            assert n.source and n.source.line, (m.id, n.kind)


def test_seed_from_bytes_and_text_equal_path(seed_path, seed_sheet):
    data = seed_path.read_bytes()
    from_bytes = sheetparse.parse(data)
    from_text = sheetparse.parse_text(data.decode("utf-8"), format="markdown")
    assert from_bytes.measures == seed_sheet.measures == from_text.measures
    assert from_bytes.source.path is None and seed_sheet.source.path == str(seed_path)
    assert from_bytes.source.sha256 == seed_sheet.source.sha256


def test_seed_coverage_is_complete(seed_sheet):
    cov = seed_sheet.coverage
    assert cov.unplaced_chars == 0
    assert cov.source_chars == cov.placed_chars + cov.structure_chars
    assert cov.placed_share == 1.0
