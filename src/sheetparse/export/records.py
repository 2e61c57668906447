"""The contract's JSON text and its flat records (one row per measure, observation, narrative)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from ..model import (
    CostRecord,
    EvaluationRecord,
    HierarchyRecord,
    IndicatorRecord,
    Location,
    Measure,
    MeasureRecord,
    NarrativeItemRecord,
    NarrativeRecord,
    ProgressSheet,
    SheetRecord,
)


def to_json(sheet: ProgressSheet, *, indent: int | None = 2) -> str:
    """The contract's JSON text for one sheet (ends with a newline)."""
    return sheet.model_dump_json(indent=indent) + "\n"


def to_json_bytes(sheet: ProgressSheet, *, indent: int | None = 2) -> bytes:
    """:func:`to_json` as UTF-8, made without the text in between (for a book of hundreds of
    sheets, the text alone would be several times the size of the bytes written)."""
    return sheet.__pydantic_serializer__.to_json(sheet, indent=indent) + b"\n"


def iter_json_bytes(sheet: ProgressSheet, *, indent: int | None = 2) -> Iterator[bytes]:
    """The bytes of :func:`to_json_bytes` in pieces, one measure at a time: writing a book's
    JSON then needs the memory of one measure's, not of the whole document's."""
    if len(sheet.measures) < 2:
        yield to_json_bytes(sheet, indent=indent)
        return
    shell = sheet.__pydantic_serializer__.to_json(
        sheet.model_copy(update={"measures": []}), indent=indent
    )
    pad = b" " * (indent or 0)
    key = b"\n" + pad + b'"measures": []' if indent else b'"measures":[]'
    at = shell.find(key)
    if at < 0 or shell.find(key, at + 1) >= 0:  # not where expected: all at once
        yield to_json_bytes(sheet, indent=indent)
        return
    at += len(key) - 1  # at the list's closing bracket
    yield shell[:at]
    serializer = Measure.__pydantic_serializer__
    for i, m in enumerate(sheet.measures):
        piece = serializer.to_json(m, indent=indent)
        if indent:
            piece = b"\n" + pad * 2 + piece.replace(b"\n", b"\n" + pad * 2)
        yield (b"," + piece) if i else piece
    yield (b"\n" + pad if indent else b"") + shell[at:] + b"\n"


class FlatRecords(NamedTuple):
    """One sheet as the contract's flat records (plus one sheet-level row)."""

    measures: list[MeasureRecord]
    indicators: list[IndicatorRecord]
    narratives: list[NarrativeRecord]
    narrative_items: list[NarrativeItemRecord]
    sheets: list[SheetRecord]
    hierarchy: list[HierarchyRecord]
    costs: list[CostRecord]
    evaluations: list[EvaluationRecord]


def _where(*locs: Location | None) -> dict[str, Any]:
    """The first given location as the records' page/line/sheet/cell columns."""
    loc = next((x for x in locs if x is not None), None)
    if loc is None:
        return {}
    return {"page": loc.page, "line": loc.line, "sheet": loc.sheet, "cell": loc.cell}


def flat_records(sheet: ProgressSheet) -> FlatRecords:
    """The flat records of a sheet, each carrying its sha256, source path and measure id."""
    src = sheet.source
    sha, path = src.sha256, src.path
    sheet_row = SheetRecord(
        sha256=sha,
        path=path,
        format=src.format,
        page_count=src.page_count,
        title=sheet.title,
        plan_term=sheet.plan_term,
        report_fiscal_year=sheet.report_fiscal_year,
        family=sheet.family,
        municipality=sheet.municipality,
        plan=sheet.plan,
        preface=list(sheet.preface),
    )
    out = FlatRecords([], [], [], [], [sheet_row], [], [], [])
    for m in sheet.measures:
        out.measures.append(
            MeasureRecord(
                sha256=sha,
                path=path,
                measure_id=m.id,
                parent=m.parent,
                policy=m.policy,
                number=m.number,
                title=m.title,
                department=m.department,
                period_start=m.period.start if m.period else None,
                period_end=m.period.end if m.period else None,
                figures=list(m.figures),
                **_where(m.source),
            )
        )
        for k, h in enumerate(m.hierarchy):
            out.hierarchy.append(
                HierarchyRecord(
                    sha256=sha,
                    path=path,
                    measure_id=m.id,
                    level=k,
                    label=h.label,
                    text=h.text,
                    **_where(h.source),
                )
            )
        for k, c in enumerate(m.costs):
            out.costs.append(
                CostRecord(
                    sha256=sha,
                    path=path,
                    measure_id=m.id,
                    cost_index=k,
                    label=c.label,
                    fiscal_year=c.fiscal_year,
                    kind=c.kind,
                    value=c.value,
                    raw=c.raw,
                    unit=c.unit,
                    label_header=c.label_header,
                    **_where(c.source),
                )
            )
        for k, e in enumerate(m.evaluations):
            out.evaluations.append(
                EvaluationRecord(
                    sha256=sha,
                    path=path,
                    measure_id=m.id,
                    evaluation_index=k,
                    label=e.label,
                    grade=e.grade,
                    reason=list(e.reason),
                    **_where(e.source),
                )
            )
        for i, ind in enumerate(m.indicators):
            rows = [("baseline", ind.baseline)] if ind.baseline else []
            rows += [("actual", o) for o in ind.actuals]
            rows += [("plan", o) for o in ind.plans]
            rows += [("target", ind.target)] if ind.target else []
            for k, (role, o) in enumerate(rows):
                out.indicators.append(
                    IndicatorRecord(
                        sha256=sha,
                        path=path,
                        measure_id=m.id,
                        indicator_index=i,
                        observation_index=k,
                        name=ind.name,
                        unit=ind.unit,
                        kind=ind.kind,
                        role=role,
                        fiscal_year=o.fiscal_year,
                        value=o.value,
                        raw=o.raw,
                        approximate=bool(o.approximate),
                        note=o.note,
                        label=o.label,
                        **_where(o.source, ind.source),
                    )
                )
        for j, n in enumerate(m.narratives):
            where = _where(n.source)
            out.narratives.append(
                NarrativeRecord(
                    sha256=sha,
                    path=path,
                    measure_id=m.id,
                    narrative_index=j,
                    kind=n.kind,
                    actor=n.actor,
                    label=n.label,
                    fiscal_year=n.fiscal_year,
                    items=list(n.items),
                    figures=list(n.figures),
                    **where,
                )
            )
            for k, item in enumerate(n.items):
                out.narrative_items.append(
                    NarrativeItemRecord(
                        sha256=sha,
                        path=path,
                        measure_id=m.id,
                        narrative_index=j,
                        position=k,
                        text=item,
                        **where,
                    )
                )
    return out
