"""The fifth template, 施策評価シート (family ``policy-evaluation-sheet``), read through a profile
alone: src/sheetparse/families/policy-evaluation-sheet.toml. Its samples are scored in
tests/test_family_samples.py against the expected JSON written by hand before the sheet was
drawn; here, what the profile adds to the families and what it must not take."""

from __future__ import annotations

import json
import subprocess
import sys

import sheetparse
from conftest import ROOT, SAMPLES
from sheetparse.families.registry import families, load

FAMILIES = SAMPLES / "families"


def test_the_profile_is_a_family():
    names = [f.name for f in families()]
    assert "policy-evaluation-sheet" in names
    fam = load("policy-evaluation-sheet")
    assert fam.tables == ("form",) and fam.municipality is None


def test_listed_by_the_cli():
    done = subprocess.run(
        [sys.executable, "-m", "sheetparse", "families"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert any(line.startswith("policy-evaluation-sheet ") for line in done.stdout.splitlines())


def test_detected_without_being_named_and_forced_by_name():
    path = FAMILIES / "policy-r6.xlsx"
    assert sheetparse.parse(path).family == "policy-evaluation-sheet"
    assert sheetparse.parse(path, family="policy-evaluation-sheet").family == (
        "policy-evaluation-sheet"
    )


def test_the_graded_answer_is_the_marked_option():
    gold = json.loads((FAMILIES / "policy-r6.expected.json").read_text(encoding="utf-8"))
    sheet = sheetparse.parse(FAMILIES / "policy-r6.html")
    got = [(m.id, m.evaluations[0].grade) for m in sheet.measures]
    assert got == [(m["id"], m["evaluations"][0]["grade"]) for m in gold["measures"]]
    assert got[0] == ("1-2", "Ｂ：概ね順調に進んでいる")


def test_other_families_keep_their_own_samples():
    """The new profile takes none of the other templates' samples."""
    for path, family in (
        (FAMILIES / "ikeda-r7.html", "target-setting-sheet"),
        (FAMILIES / "yokohama-r7.html", "project-evaluation"),
        (SAMPLES / "kashiwa-r7.md", "progress-sheet"),
        (SAMPLES / "minatono-h30.html", "progress-sheet"),
    ):
        assert sheetparse.parse(path).family == family, path.name


def test_the_readme_shows_the_profile_as_it_is():
    """The README's worked example is the profile file itself, not a copy that can drift."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    profile = (ROOT / "src/sheetparse/families/policy-evaluation-sheet.toml").read_text(
        encoding="utf-8"
    )
    assert f"```toml\n{profile}```" in readme
