"""Shared fixtures: the bundled samples and the scoring tool."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(Path(__file__).parent))

import score as _score  # noqa: E402  (the vendored scoring tool)


def score(output: dict, gold: dict) -> tuple[float, float, list[str]]:
    """(recall, precision, misses) of an output against a gold, as ../shared/tools/score.py."""
    t = _score.score(output, gold)
    recall = t.found / t.gold if t.gold else 1.0
    precision = t.matched_out / t.out if t.out else 0.0
    return recall, precision, t.misses


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SAMPLES / "kashiwa-r7.md"


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads((SAMPLES / "kashiwa-r7.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_sheet(seed_path):
    import sheetparse

    return sheetparse.parse(seed_path)
