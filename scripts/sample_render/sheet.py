"""A ProgressSheet JSON regrouped the way a sheet prints it: per measure a direction block, an
organize-action table (共創型オーガナイズアクション), an indicator table and an approach table
(アプローチ), plus figure captions. Both renderers print from this view, so they agree."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ACTORS = ("市民", "地域", "市")
ORG_KINDS = ("mindset_change", "behavior_change", "outcome")
APPROACH_KINDS = ("results", "expected_effects", "changes_and_issues", "next_steps")
DEFAULT_ORG_LABELS = {
    "mindset_change": "気持ちの変化",
    "behavior_change": "行動の変化",
    "outcome": "目指す成果",
}

Json = dict[str, Any]


@dataclass
class OrgTable:
    """対象 × 気持ちの変化 / 行動の変化 / 目指す成果; outcome merged (actor null) or per actor."""

    labels: dict[str, str]
    cells: dict[tuple[str, str], Json]  # (kind, actor) -> narrative
    merged_outcome: Json | None


@dataclass
class ApproachRow:
    """One labelled row of the approach table: one merged narrative or one per actor."""

    label: str
    merged: Json | None = None
    per_actor: dict[str, Json] = field(default_factory=dict)


@dataclass
class IndicatorTable:
    """The indicator table of a measure: its year columns and whether it has a 単位 column."""

    indicators: list[Json]
    baseline_year: int | None
    actual_years: list[int]
    target_year: int | None
    unit_column: bool


@dataclass
class MeasureView:
    id: str
    policy: int
    number: int
    title: str
    direction: Json | None
    org: OrgTable | None
    indicators: IndicatorTable | None
    approach: list[ApproachRow]
    figures: list[str]


def _one_year(obs: list[Json | None], what: str) -> int | None:
    years = {o["fiscal_year"] for o in obs if o is not None}
    if len(years) > 1:
        raise ValueError(f"indicators of one table disagree on the {what} year: {years}")
    return years.pop() if years else None


def indicator_table(indicators: list[Json]) -> IndicatorTable | None:
    if not indicators:
        return None
    actual_years: list[int] = []
    for ind in indicators:
        for o in ind["actuals"]:
            if o["fiscal_year"] not in actual_years:
                actual_years.append(o["fiscal_year"])
    for ind in indicators:
        if [o["fiscal_year"] for o in ind["actuals"]] != actual_years:
            raise ValueError(f"{ind['name']}: every indicator must list every actual year")
    return IndicatorTable(
        indicators=indicators,
        baseline_year=_one_year([i.get("baseline") for i in indicators], "baseline"),
        actual_years=actual_years,
        target_year=_one_year([i.get("target") for i in indicators], "target"),
        unit_column=any(i.get("unit") for i in indicators),
    )


def measure_view(m: Json) -> MeasureView:
    """Regroup one measure's narratives into the blocks and tables that print them."""
    direction = None
    org_cells: dict[tuple[str, str], Json] = {}
    labels = dict(DEFAULT_ORG_LABELS)
    merged_outcome = None
    rows: dict[tuple[str, str], ApproachRow] = {}
    for n in m["narratives"]:
        kind, actor = n["kind"], n["actor"]
        if kind == "direction":
            direction = n
        elif kind in ORG_KINDS:
            labels[kind] = n["label"]
            if actor is None:
                if kind != "outcome":
                    raise ValueError(f"{m['id']}: {kind} needs an actor")
                merged_outcome = n
            else:
                org_cells[(kind, actor)] = n
        elif kind in APPROACH_KINDS:
            row = rows.setdefault((kind, n["label"]), ApproachRow(n["label"]))
            if actor is None:
                row.merged = n
            else:
                row.per_actor[actor] = n
        else:
            raise ValueError(f"{m['id']}: the renderer does not place narratives of kind {kind}")
    for row in rows.values():
        if row.per_actor and set(row.per_actor) == {"市民"}:
            raise ValueError(f"{row.label}: text for 市民 alone reads as a merged cell")
    org = OrgTable(labels, org_cells, merged_outcome) if org_cells or merged_outcome else None
    return MeasureView(
        id=m["id"],
        policy=m["policy"],
        number=m["number"],
        title=m["title"],
        direction=direction,
        org=org,
        indicators=indicator_table(m["indicators"]),
        approach=list(rows.values()),
        figures=list(m["figures"]),
    )


def policies(sheet: Json) -> dict[int, list[MeasureView]]:
    """Measures grouped by 方針, in document order."""
    out: dict[int, list[MeasureView]] = {}
    for m in sheet["measures"]:
        out.setdefault(m["policy"], []).append(measure_view(m))
    return out
