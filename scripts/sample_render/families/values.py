"""Figures and records as the contract writes them, from the text a sheet prints: observations
and costs with their ``value`` read off the printed ``raw`` (independent of sheetparse)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

Json = dict[str, Any]
#: the synthetic sheets' content files
CONTENT = Path(__file__).resolve().parent / "content"


def content(name: str) -> dict[str, Any]:
    """A content file (``content/NAME.toml``) as data."""
    return tomllib.loads((CONTENT / f"{name}.toml").read_text(encoding="utf-8"))


def narrative(kind: str, label: str, items: list[str], year: int | None = None) -> Json:
    return {
        "kind": kind,
        "actor": None,
        "label": label,
        "fiscal_year": year,
        "items": list(items),
        "figures": [],
    }


def printed(*narratives: Json) -> list[Json]:
    """The narratives whose box has text (a form field left empty gives no record)."""
    return [n for n in narratives if n["items"]]


_FW = str.maketrans("０１２３４５６７８９，．－", "0123456789,.-")
_NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
#: what a sheet prints for "no value"
NO_VALUE = ("", "-", "－", "—", "―")


def fullwidth(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def reiwa_short(year: int) -> str:
    """2025 → ``R７`` (as 池田市 prints its year headers)."""
    return f"R{fullwidth(str(year - 2018))}"


def value_of(raw: str) -> int | float | None:
    """The number a cell prints (``1,200`` → 1200, ``58.2`` → 58.2, ``43/100`` → 43), None
    for an empty or struck cell."""
    text = raw.strip().translate(_FW)
    if text in NO_VALUE:
        return None
    m = _NUMBER.match(text)
    if m is None:
        raise ValueError(f"not a figure: {raw!r}")
    number = float(m.group().replace(",", ""))
    return int(number) if number.is_integer() else number


def observation(year: int, raw: str, label: str) -> Json:
    return {"fiscal_year": year, "value": value_of(raw), "raw": raw, "label": label}


def cost_records(
    label: str,
    raws: list[str],
    years: list[int],
    kinds: list[str | None],
    headers: list[str],
    unit: str | None,
) -> list[Json]:
    """The costs of one printed row: one per non-empty cell (``-`` gives value null)."""
    name = _label(label)
    out = []
    for raw, year, kind, header in zip(raws, years, kinds, headers, strict=True):
        if not raw:
            continue  # an empty money cell gives no cost
        out.append(
            {
                "label": name,
                "fiscal_year": year,
                "kind": kind,
                "value": value_of(raw),
                "raw": raw,
                "unit": unit,
                "label_header": header,
            }
        )
    return out


_JP = r"[\u3040-\u30ff\u3400-\u9fff々〆・、。「」『』（）【】※]"


def _label(text: str) -> str:
    """A printed label without its layout spaces: removed between Japanese characters, one
    kept before a Latin letter (``事　業　費　Ａ`` → ``事業費 Ａ``)."""
    text = re.sub(r"[\s\u3000]+", " ", text.strip())
    return re.sub(rf"(?<={_JP}) (?={_JP})", "", text)


label = _label

__all__ = [
    "NO_VALUE",
    "Json",
    "content",
    "cost_records",
    "fullwidth",
    "label",
    "narrative",
    "observation",
    "printed",
    "reiwa_short",
]
