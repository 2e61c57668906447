"""The contract's JSON text and its flat records (one row per measure, observation, narrative)."""

from __future__ import annotations

from typing import Any, NamedTuple

from ..model import (
    IndicatorRecord,
    Location,
    MeasureRecord,
    NarrativeItemRecord,
    NarrativeRecord,
    ProgressSheet,
    SheetRecord,
)


def to_json(sheet: ProgressSheet, *, indent: int | None = 2) -> str:
    """The contract's JSON text for one sheet (ends with a newline)."""
    return sheet.model_dump_json(indent=indent) + "\n"


class FlatRecords(NamedTuple):
    """One sheet as the contract's flat records (plus one sheet-level row)."""

    measures: list[MeasureRecord]
    indicators: list[IndicatorRecord]
    narratives: list[NarrativeRecord]
    narrative_items: list[NarrativeItemRecord]
    sheets: list[SheetRecord]


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
    out = FlatRecords(
        [],
        [],
        [],
        [],
        [
            SheetRecord(
                sha256=sha,
                path=path,
                format=src.format,
                page_count=src.page_count,
                title=sheet.title,
                plan_term=sheet.plan_term,
                report_fiscal_year=sheet.report_fiscal_year,
            )
        ],
    )
    for m in sheet.measures:
        out.measures.append(
            MeasureRecord(
                sha256=sha,
                path=path,
                measure_id=m.id,
                policy=m.policy,
                number=m.number,
                title=m.title,
                figures=list(m.figures),
                **_where(m.source),
            )
        )
        for i, ind in enumerate(m.indicators):
            rows = [("baseline", ind.baseline)] if ind.baseline else []
            rows += [("actual", o) for o in ind.actuals]
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
