"""Sheet families as data: every shipped profile loads and validates, detection picks the
family whose signature fits, a family can be forced, and the form engine reads a form sheet
written here by hand (HTML with merged cells)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pydantic import ValidationError

import sheetparse
from sheetparse.families import ProfileError, families, family_names, load
from sheetparse.families.profile import Profile


def test_every_shipped_profile_loads_and_compiles():
    names = family_names()
    assert {"progress-sheet", "target-setting-sheet", "project-evaluation"} <= set(names)
    for fam in families():
        assert fam.name in names and fam.description
        assert fam.signatures and fam.threshold > 0
        assert fam.tables, fam.name
    assert "common" not in names  # abstract: vocabulary only


def test_a_profile_with_a_typo_is_an_error_naming_the_key():
    base = {"name": "x-sheet", "description": "d"}
    with pytest.raises(ValidationError, match=r"labels\.0\.field"):
        Profile.model_validate({**base, "labels": [{"match": "事業名", "field": "titel"}]})
    with pytest.raises(ValidationError, match="unknown_key"):
        Profile.model_validate({**base, "unknown_key": 1})
    with pytest.raises(ValidationError, match="needs a kind"):
        Profile.model_validate({**base, "labels": [{"match": "目的", "field": "narrative"}]})
    with pytest.raises(ProfileError, match="no profile named"):
        load("no-such-family")


def test_the_seed_family_gives_its_version_1_json_plus_the_sheet_keys(seed_sheet, seed_gold):
    out = json.loads(seed_sheet.model_dump_json())
    assert out["schema_version"] == "1.1" and out["family"] == "progress-sheet"
    assert (out["municipality"], out["plan"], out["preface"]) == (None, None, [])
    # no 1.1 key on a measure or indicator of the seed's family
    assert set(out["measures"][0]) == set(seed_gold["measures"][0]) | {"source"}
    ind_keys = {k for m in out["measures"] for i in m["indicators"] for k in i}
    assert not ind_keys & {"kind", "plans"}


#: a form of the 池田市 目標設定シート kind, written by hand: the header box, the overview
#: form, a money table beside an indicator table sharing rows, an evaluation with its reason
FORM = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>s</title></head><body>
<h1>第７次池田市総合計画 前期基本計画　事務事業評価（令和６年度実施事業）</h1>
<p>NO. 7</p>
<h2>目標設定シート</h2>
<table border="1">
<tr><td>担当部署名</td><td>みどり推進課</td><td>事務事業名</td><td>花いっぱい事業</td></tr>
</table>
<table border="1">
<tr><td>実施期間</td><td>令和 5 年度 ～ 令和 9 年度</td></tr>
<tr><td>事業の対象（誰を、何を）</td><td>市民、自治会</td></tr>
<tr><td>事業内容</td><td>花苗を配布する。</td></tr>
<tr><td>関連するSDGｓのゴール ※ １つ以上に○</td><td>○ 11　住み続けられるまちづくりを</td></tr>
</table>
<table border="1">
<tr><td colspan="2" rowspan="2">区　分</td><td>Ｒ４年度</td><td>R５年度</td><td colspan="2">R６年度</td>
    <td rowspan="2">成果指標の内容</td><td rowspan="2">単位</td><td colspan="3">目標値</td></tr>
<tr><td>決　算</td><td>決　算</td><td>予　算</td><td>決　算</td>
    <td>R５年度 実　績</td><td>R６年度 実　績</td><td>R９年度 見　込</td></tr>
<tr><td colspan="2">事　業　費　Ａ</td><td>1,200</td><td>1,300</td><td>1,400</td><td>-</td>
    <td>配布した花苗</td><td>本</td><td>900</td><td>1,050</td><td>2,000</td></tr>
<tr><td rowspan="2">財源</td><td>その他</td><td>200</td><td>0</td><td></td><td>0</td>
    <td colspan="3">成果指標の達成状況</td><td colspan="2">B.順調に推移していない</td></tr>
<tr><td>一般財源</td><td>1,000</td><td>1,300</td><td>1,400</td><td>1,250</td>
    <td colspan="2">判断理由</td><td colspan="3">雨天で配布会を一度中止したため。</td></tr>
</table>
</body></html>"""


def test_a_hand_written_form_is_read_field_by_field():
    sheet = sheetparse.parse(FORM.encode(), format="html")
    assert sheet.family == "target-setting-sheet"
    assert sheet.report_fiscal_year == 2024 and sheet.municipality == "池田市"
    assert sheet.plan == "第７次池田市総合計画 前期基本計画"
    (m,) = sheet.measures
    assert (m.id, m.title, m.department) == ("7", "花いっぱい事業", "みどり推進課")
    assert m.period is not None and (m.period.start, m.period.end) == (2023, 2027)
    assert [(n.kind, n.label, n.items) for n in m.narratives] == [
        ("beneficiaries", "事業の対象（誰を、何を）", ["市民、自治会"]),
        ("overview", "事業内容", ["花苗を配布する。"]),
    ]
    costs = [(c.label, c.fiscal_year, c.kind, c.value, c.raw, c.unit) for c in m.costs]
    assert costs == [
        ("事業費 Ａ", 2022, "settlement", 1200, "1,200", None),
        ("事業費 Ａ", 2023, "settlement", 1300, "1,300", None),
        ("事業費 Ａ", 2024, "budget", 1400, "1,400", None),
        ("事業費 Ａ", 2024, "settlement", None, "-", None),  # "-" is a cost without value
        ("その他", 2022, "settlement", 200, "200", None),
        ("その他", 2023, "settlement", 0, "0", None),  # an empty cell gives none; 0 is 0
        ("その他", 2024, "settlement", 0, "0", None),
        ("一般財源", 2022, "settlement", 1000, "1,000", None),
        ("一般財源", 2023, "settlement", 1300, "1,300", None),
        ("一般財源", 2024, "budget", 1400, "1,400", None),
        ("一般財源", 2024, "settlement", 1250, "1,250", None),
    ]
    (ind,) = m.indicators
    assert (ind.name, ind.unit, ind.kind) == ("配布した花苗", "本", "outcome")
    assert [(o.fiscal_year, o.value) for o in ind.actuals] == [(2023, 900), (2024, 1050)]
    assert ind.target is not None and (ind.target.fiscal_year, ind.target.value) == (2027, 2000)
    (e,) = m.evaluations
    assert (e.label, e.grade, e.reason) == (
        "成果指標の達成状況",
        "B.順調に推移していない",
        ["雨天で配布会を一度中止したため。"],
    )
    (unmapped,) = [d for d in sheet.diagnostics if d.code == "unmapped-content"]
    assert "住み続けられるまちづくりを" in (unmapped.text or "")
    assert sheet.coverage is not None and sheet.coverage.unplaced_chars == 0
    assert sheet.coverage.reported_chars > 0


def test_a_family_can_be_forced_and_an_unknown_one_is_refused(seed_path):
    forced = sheetparse.parse(FORM.encode(), format="html", family="target-setting-sheet")
    assert forced.family == "target-setting-sheet"
    with pytest.raises(sheetparse.UnknownFamily, match=r"known: .*progress-sheet"):
        sheetparse.parse(seed_path, family="no-such")


def test_a_document_no_family_fits_names_what_was_tried():
    text = "# 会議録\n\n本日の議題は次のとおり。\n\n| 項目 | 内容 |\n|---|---|\n| 日時 | 3月1日 |\n"
    with pytest.raises(sheetparse.NotAProgressSheet) as e:
        sheetparse.parse_text(text)
    message = str(e.value)
    for name in family_names():
        assert name in message


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sheetparse", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_lists_families_and_takes_family(tmp_path, seed_path):
    r = _cli("families")
    assert r.returncode == 0
    assert [line.split()[0] for line in r.stdout.splitlines()] == family_names()
    listed = json.loads(_cli("families", "--json").stdout)
    assert {f["name"] for f in listed} == set(family_names())
    bad = _cli("parse", str(seed_path), "--family", "no-such")
    assert bad.returncode == 2 and "invalid choice" in bad.stderr
    form = tmp_path / "form.html"
    form.write_text(FORM, encoding="utf-8")
    out = tmp_path / "out.json"
    ok = _cli("parse", str(form), "--family", "target-setting-sheet", "-o", str(out))
    assert ok.returncode == 0, ok.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["family"] == "target-setting-sheet"
    check = _cli("check", str(form))
    assert check.returncode == 0 and "(target-setting-sheet)" in check.stdout


@pytest.mark.parametrize(
    "name",
    ["kashiwa-r7.md", "kashiwa-r7.html", "families/ikeda-r7.html", "families/policy-r6.xlsx"],
)
def test_the_structure_step_chooses_the_family_detect_scores_best(name):
    """choose() leaves a family once it cannot reach its threshold; it must pick what detect()
    picks from every family's full score."""
    from pathlib import Path

    from sheetparse import readers
    from sheetparse.families.detect import choose, detect
    from sheetparse.limits import DEFAULT_LIMITS

    path = Path(__file__).parent.parent / "samples" / name
    fmt = {".md": "markdown", ".html": "html", ".xlsx": "xlsx"}[path.suffix]
    doc = readers.read(path.read_bytes(), fmt, DEFAULT_LIMITS)
    assert choose(doc) is detect(doc).family
    assert choose(doc, "target-setting-sheet") is detect(doc, "target-setting-sheet").family


def test_choose_raises_as_detect_does_where_no_family_fits():
    from sheetparse import readers
    from sheetparse.families.detect import choose
    from sheetparse.limits import DEFAULT_LIMITS

    text = "# 会議録\n\n本日の議題は次のとおり。\n\n| 項目 | 内容 |\n|---|---|\n| 日時 | 3月1日 |\n"
    doc = readers.read(text.encode(), "markdown", DEFAULT_LIMITS)
    with pytest.raises(sheetparse.NotAProgressSheet, match="tried: "):
        choose(doc)
