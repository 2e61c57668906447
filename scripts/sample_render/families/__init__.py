"""Synthetic sheets of the evaluation-sheet families (contract 1.1): 池田市 目標設定シート,
横浜市 事業評価書 and the 施策評価シート designed for the fifth profile, drawn as HTML pages and
workbooks (and, by ``scripts/make_pdf_samples.py``, printed to PDF) from one page layout, with
the expected JSON of each generated from the same model, independently of sheetparse."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from . import ikeda, policy, yokohama
from .html import render_html
from .xlsx import render_xlsx

#: samples drawn from a content file: stem → (template module, the city's site, breadcrumbs)
MODELLED: dict[str, tuple[Any, str, tuple[str, ...]]] = {
    "ikeda-r7": (ikeda, "池田市", ("ホーム", "市政情報", "行政評価", "事務事業評価")),
    "yokohama-r7": (yokohama, "横浜市", ("トップページ", "市政情報", "財政", "事業評価")),
}
#: stems whose expected JSON was written by hand (the renderer draws it; it is not rewritten)
POLICY = ("policy-r6",)


def _json(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _source(name: str, data: bytes) -> dict:
    return {
        "path": name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "format": "html",
        "page_count": None,
    }


def renderings(folder: Path) -> dict[Path, bytes]:
    """Every family sample's path (in ``folder``) and bytes: HTML, XLSX, expected JSON."""
    out: dict[Path, bytes] = {}
    for stem, (template, city, crumbs) in MODELLED.items():
        doc = template.load(stem)
        b = template.book(doc)
        html = render_html(b, city, crumbs)
        out[folder / f"{stem}.html"] = html
        out[folder / f"{stem}.xlsx"] = render_xlsx(b)
        out[folder / f"{stem}.expected.json"] = _json(
            template.expected(doc, _source(f"{stem}.html", html))
        )
    for stem in POLICY:
        doc = json.loads((folder / f"{stem}.expected.json").read_text(encoding="utf-8"))
        b = policy.book(doc)
        out[folder / f"{stem}.html"] = render_html(b, "あおば市", ("ホーム", "市政", "行政評価"))
        out[folder / f"{stem}.xlsx"] = render_xlsx(b)
    return out


__all__ = ["renderings"]
