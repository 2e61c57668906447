"""A tagged PDF's structure tree, reduced to what line grouping needs.

Word, Excel (with "document structure tags") and Chromium write tagged PDFs: every run of text
is marked content whose ``MCID`` the structure tree's ``ParentTree`` maps to a structure
element (``P``, ``LI``, ``TD``, ``H2`` …). Two printed lines whose text belongs to different
block-level elements were certainly broken by the author (two list items without bullets,
two paragraphs), whatever their geometry says. This module maps a page's MCIDs to a key of
their block-level element; the text logic uses it only to split, never to join.
"""

from __future__ import annotations

import contextlib
from typing import Any

#: structure types that hold one paragraph-like run of text (standard types, PDF 1.7 §14.8.4)
BLOCK_TYPES = frozenset(
    {
        "P",
        "H",
        "H1",
        "H2",
        "H3",
        "H4",
        "H5",
        "H6",
        "LI",
        "TD",
        "TH",
        "Caption",
        "BlockQuote",
        "Note",
        "TOCI",
        "Title",
        "Index",
        "Reference",
        "Figure",
        "Formula",
    }
)
_MAX_DEPTH = 64
_MAX_ENTRIES = 2_000_000


def _name(value: Any) -> str | None:
    from pdfminer.psparser import PSLiteral

    if isinstance(value, PSLiteral):
        name = value.name
        return name.decode("latin-1") if isinstance(name, bytes) else str(name)
    return None


class StructureTags:
    """MCID → block key per page, from the document's ``StructTreeRoot`` (if any)."""

    def __init__(self, doc: Any) -> None:  # doc: pdfminer.pdfdocument.PDFDocument
        from pdfminer.pdftypes import resolve1

        self._resolve = resolve1
        self._nums: dict[int, Any] | None = None
        self._cache: dict[int, int | None] = {}
        self._rolemap: dict[str, str] = {}
        self._root = None
        try:
            root = resolve1(doc.catalog.get("StructTreeRoot"))
            if isinstance(root, dict):
                self._root = root
                rolemap = resolve1(root.get("RoleMap"))
                if isinstance(rolemap, dict):
                    for k, v in rolemap.items():
                        if (target := _name(resolve1(v))) is not None:
                            self._rolemap[str(k)] = target
        except Exception:
            self._root = None

    @property
    def present(self) -> bool:
        return self._root is not None

    def _parent_tree(self) -> dict[int, Any]:
        if self._nums is None:
            self._nums = {}
            with contextlib.suppress(Exception):  # a damaged tree: no tags, geometry decides
                self._flatten(self._resolve(self._root.get("ParentTree")), 0, set())  # type: ignore[union-attr]
        return self._nums

    def _flatten(self, node: Any, depth: int, seen: set[int]) -> None:
        if not isinstance(node, dict) or depth > _MAX_DEPTH or id(node) in seen:
            return
        seen.add(id(node))
        nums = self._resolve(node.get("Nums"))
        if isinstance(nums, list):
            for i in range(0, len(nums) - 1, 2):
                if isinstance(nums[i], int) and len(self._nums) < _MAX_ENTRIES:  # type: ignore[arg-type]
                    self._nums[nums[i]] = nums[i + 1]  # type: ignore[index]
        kids = self._resolve(node.get("Kids"))
        if isinstance(kids, list):
            for kid in kids:
                self._flatten(self._resolve(kid), depth + 1, seen)

    def _block_of(self, ref: Any) -> int | None:
        """The object number of the nearest block-level element at or above ``ref``."""
        from pdfminer.pdftypes import PDFObjRef

        path: list[int] = []
        found: int | None = None
        for _ in range(_MAX_DEPTH):
            if not isinstance(ref, PDFObjRef):
                break
            objid = ref.objid
            if objid in self._cache:
                found = self._cache[objid]
                break
            path.append(objid)
            elem = self._resolve(ref)
            if not isinstance(elem, dict):
                break
            kind = _name(elem.get("S"))
            kind = self._rolemap.get(kind, kind) if kind else None
            if kind in BLOCK_TYPES:
                found = objid
                break
            ref = elem.get("P")
        for objid in path:
            self._cache[objid] = found
        return found

    def blocks(self, page_attrs: dict[str, Any]) -> dict[int, int]:
        """MCID → block key for a page (from its ``StructParents`` entry); empty if untagged."""
        if self._root is None:
            return {}
        try:
            key = self._resolve(page_attrs.get("StructParents"))
            if not isinstance(key, int):
                return {}
            refs = self._resolve(self._parent_tree().get(key))
            if not isinstance(refs, list):
                return {}
            out: dict[int, int] = {}
            for mcid, ref in enumerate(refs):
                block = self._block_of(ref)
                if block is not None:
                    out[mcid] = block
            return out
        except Exception:
            return {}  # a damaged tree: no tags, geometry decides
