"""The output contract (CONTRACT.md, version 1.1) as pydantic v2 models.

These models *are* the product's interface: field names, order and types follow the contract
exactly. Keys the contract marks optional are left out of the JSON when they are unset, so that
a sheet without, say, source locations serialises to the minimal contract form. The keys 1.1
adds to a measure and an indicator (parent, department, hierarchy, period, costs, evaluations,
kind, plans) are written where the sheet prints them and left out otherwise, so that a sheet of
the seed's family gives exactly its version-1 JSON plus the new sheet-level keys.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
)

SCHEMA_VERSION = "1.1"

Format = Literal["pdf", "html", "markdown", "xlsx"]
Actor = Literal["市民", "地域", "市"]
#: actors (対象) in the contract's canonical order
ACTORS: tuple[Actor, ...] = ("市民", "地域", "市")
Level = Literal["info", "warning", "error"]
Number = int | float


class _Model(BaseModel):
    """Shared config: unknown keys ignored on input (the contract allows extra keys), optional
    keys omitted from the output when unset."""

    # in the output every key is present except the unset optional ones (see export.schemas)
    model_config = ConfigDict(extra="ignore", json_schema_serialization_defaults_required=True)
    #: keys the contract marks optional: dropped from the JSON when None (or False)
    _optional: ClassVar[frozenset[str]] = frozenset()
    #: optional list keys: dropped from the JSON when empty
    _optional_lists: ClassVar[frozenset[str]] = frozenset()

    @model_serializer(mode="wrap")
    def _drop_unset_optionals(  # no return annotation: it would replace the JSON Schema
        self, handler: SerializerFunctionWrapHandler, info: SerializationInfo
    ):
        data = handler(self)
        for key in self._optional:
            if key in data and data[key] in (None, False):
                del data[key]
        for key in self._optional_lists:
            if key in data and not data[key]:
                del data[key]
        return data


def _integral(v: Any) -> Any:
    """Numbers are integers where integral (``100.0`` → ``100``)."""
    if isinstance(v, float) and v.is_integer() and abs(v) < 2**63:
        return int(v)
    return v


class Location(_Model):
    """Where a record was printed: PDF page and bbox, Markdown/HTML line, Excel sheet and cell."""

    # immutable: the records printed in one place share one (sheetparse.blocks.Loc.to_model)
    model_config = ConfigDict(
        extra="ignore", frozen=True, json_schema_serialization_defaults_required=True
    )

    _optional = frozenset({"bbox", "sheet", "cell"})

    page: int | None = Field(default=None, ge=1, description="1-based PDF page")
    line: int | None = Field(default=None, ge=1, description="1-based source line (Markdown/HTML)")
    bbox: list[float] | None = Field(
        default=None,
        min_length=4,
        max_length=4,
        description="[x0, top, x1, bottom] in PDF points, on `page`",
    )
    sheet: str | None = Field(default=None, description="Excel worksheet name")
    cell: str | None = Field(default=None, description="Excel top-left cell, e.g. B12")


class Source(_Model):
    """The input file the sheet came from."""

    path: str | None = None
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="hex digest of the input bytes")
    format: Format
    page_count: int | None = Field(default=None, ge=0)


class Observation(_Model):
    """One value of an indicator in one fiscal year (年度)."""

    _optional = frozenset({"label", "approximate", "note", "source"})

    fiscal_year: int | None = Field(
        description="Gregorian fiscal year (R5 → 2023); null for a target stated in prose "
        "without a year"
    )
    value: Number | None = Field(description="the number as printed, in the indicator's unit")
    raw: str = Field(description='the cell text as printed; "" for an empty cell')
    label: str | None = Field(default=None, description="the column header as printed, e.g. R7")
    approximate: bool | None = Field(default=None, description="printed with 約 or similar")
    note: str | None = Field(default=None, description="e.g. 見込, or a ※ note on the cell")
    source: Location | None = None

    _value_integral = field_validator("value", mode="after")(_integral)


IndicatorKind = Literal["activity", "outcome"]


class Indicator(_Model):
    """A row of an indicator table (事業名 / 指標名 with 現状値, 実績値, 目標値)."""

    _optional = frozenset({"source", "kind"})
    _optional_lists = frozenset({"plans"})

    name: str
    unit: str | None = None
    kind: IndicatorKind | None = Field(
        default=None, description="activity (活動指標, 事業量) or outcome (成果指標)"
    )
    baseline: Observation | None = Field(default=None, description="現状値")
    actuals: list[Observation] = Field(default_factory=list, description="実績値, header order")
    plans: list[Observation] = Field(
        default_factory=list, description="見込 / 想定 / 計画 values printed beside the actuals"
    )
    target: Observation | None = Field(default=None, description="目標値")
    source: Location | None = None


class NarrativeKind(str, Enum):
    """What a block of narrative text is, by the label the sheet prints."""

    direction = "direction"  # (基本施策Nの方向性)
    mindset_change = "mindset_change"  # 気持ちの変化
    behavior_change = "behavior_change"  # 行動の変化
    outcome = "outcome"  # 目指す成果
    results = "results"  # 令和N年度事業実績
    expected_effects = "expected_effects"  # 当初期待した効果
    changes_and_issues = "changes_and_issues"  # 生じた変化又は課題
    next_steps = "next_steps"  # 今後の取組の方向性
    purpose = "purpose"  # 目的, 事業目的
    overview = "overview"  # 事業概要, 事業内容, 事業の手段・方法
    beneficiaries = "beneficiaries"  # 対象, 対象者, 事業の対象
    plan = "plan"  # 取組予定, 事業計画
    other = "other"  # a label the vocabulary does not know


class Narrative(_Model):
    """Narrative text of a measure: paragraphs and list items, with figure captions apart."""

    model_config = ConfigDict(
        extra="ignore", use_enum_values=True, json_schema_serialization_defaults_required=True
    )
    _optional = frozenset({"source"})

    kind: NarrativeKind
    actor: Actor | None = None
    label: str
    fiscal_year: int | None = None
    items: list[str] = Field(default_factory=list)
    figures: list[str] = Field(default_factory=list)
    source: Location | None = None


CostKind = Literal["budget", "settlement"]


class Cost(_Model):
    """One money figure of a measure for one fiscal year (事業費, 人件費, 一般財源 …)."""

    _optional = frozenset({"source"})

    label: str = Field(description="the row label as printed, less a trailing unit in brackets")
    fiscal_year: int = Field(description="Gregorian fiscal year")
    kind: CostKind | None = Field(
        default=None, description="budget (予算, 当初予算, 予算現額) or settlement (決算)"
    )
    value: Number | None = Field(description="the number as printed, in `unit`")
    raw: str = Field(description="the cell text as printed")
    unit: str | None = Field(default=None, description="e.g. 千円 where the table says 千円単位")
    label_header: str | None = Field(
        default=None, description="the column header as printed, e.g. R6年度 決算"
    )
    source: Location | None = None

    _value_integral = field_validator("value", mode="after")(_integral)


class Evaluation(_Model):
    """A graded judgement: the question as printed, the chosen answer and its reasons."""

    _optional = frozenset({"source"})

    label: str = Field(description="the question as printed, e.g. 事業の有効性")
    grade: str | None = Field(
        default=None, description="the chosen answer as printed; null for a free-text judgement"
    )
    reason: list[str] = Field(default_factory=list, description="判断理由 / 評価理由 items")
    source: Location | None = None


class HierarchyLevel(_Model):
    """One level of a plan the sheet places the measure in (施策の柱, 政策番号 …)."""

    _optional = frozenset({"source"})

    label: str
    text: str
    source: Location | None = None


class Period(_Model):
    """A project's term in Gregorian fiscal years (実施期間 令和5年度～令和9年度 → 2023, 2027)."""

    start: int | None = None
    end: int | None = None


class Measure(_Model):
    """The unit a sheet evaluates: a measure (施策) of a policy (方針), e.g. 方針2-施策1 → id
    ``2-1``, or a project (事務事業, 事業) with the number the sheet prints for it."""

    _optional = frozenset({"source", "parent", "department", "period"})
    _optional_lists = frozenset({"hierarchy", "costs", "evaluations"})

    id: str = Field(pattern=r"^\S+$")
    policy: int | None = Field(default=None, ge=0)
    number: int | None = Field(default=None, ge=0)
    parent: str | None = Field(default=None, description="id of the measure this one is part of")
    title: str
    department: str | None = Field(default=None, description="担当部署名, 所属名, 所管局")
    hierarchy: list[HierarchyLevel] = Field(default_factory=list)
    period: Period | None = None
    indicators: list[Indicator] = Field(default_factory=list)
    costs: list[Cost] = Field(default_factory=list)
    evaluations: list[Evaluation] = Field(default_factory=list)
    narratives: list[Narrative] = Field(default_factory=list)
    figures: list[str] = Field(default_factory=list)
    source: Location | None = None


class Diagnostic(_Model):
    """Something the parser repaired, guessed or could not place — never silently."""

    level: Level
    code: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    message: str
    location: Location | None = None
    #: optional: the text concerned (e.g. of an unplaced block), so nothing is lost
    text: str | None = None

    _optional = frozenset({"text"})


class Coverage(_Model):
    """Where the source's characters went (white space not counted)."""

    source_chars: int = Field(ge=0, description="characters of text in the source")
    placed_chars: int = Field(ge=0, description="in a record field")
    structure_chars: int = Field(
        ge=0, description="recognised structure: headings, labels, table titles and headers"
    )
    reported_chars: int = Field(
        default=0,
        ge=0,
        description="content without a field in the contract, kept in unmapped-content diagnostics",
    )
    skipped_chars: int = Field(ge=0, description="running headers, footers and page numbers")
    unplaced_chars: int = Field(ge=0, description="in an unplaced-block diagnostic")

    @property
    def placed_share(self) -> float:
        """Share of the source's characters that ended up in records or known structure."""
        if not self.source_chars:
            return 1.0
        return (self.source_chars - self.unplaced_chars) / self.source_chars


class ProgressSheet(_Model):
    """One sheet (進捗シート, 目標設定シート, 事業評価書 …): the top level of the contract."""

    _optional = frozenset({"coverage"})

    #: "1.1" in everything sheetparse writes; "1.0" is accepted when reading older outputs
    schema_version: Literal["1.0", "1.1"] = SCHEMA_VERSION
    source: Source
    title: str | None = None
    plan_term: int | None = Field(default=None, description="第5期 → 5")
    report_fiscal_year: int | None = Field(default=None, description="令和7年度 → 2025")
    family: str = Field(
        default="progress-sheet",
        pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
        description="the template family (profile) that read it",
    )
    municipality: str | None = Field(default=None, description="e.g. 池田市")
    plan: str | None = Field(default=None, description="the plan as printed")
    preface: list[str] = Field(
        default_factory=list, description="text between the title and the first measure"
    )
    measures: list[Measure] = Field(default_factory=list)
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    coverage: Coverage | None = None

    def to_json(self, *, indent: int | None = 2) -> str:
        """The contract's JSON (UTF-8 text, non-ASCII kept)."""
        return self.model_dump_json(indent=indent)


# --- flat records (JSON Lines / CSV) -------------------------------------------------------


class _Flat(_Model):
    sha256: str = Field(description="hex digest of the input bytes: the sheet's key")
    path: str | None = Field(default=None, description="the input's path (Source.path)")


# Where a record was printed (Location without bbox), last in every record that has one.
def _page() -> Any:
    return Field(default=None, description="1-based PDF page")


def _line() -> Any:
    return Field(default=None, description="1-based source line (Markdown/HTML)")


def _sheet() -> Any:
    return Field(default=None, description="Excel worksheet name")


def _cell() -> Any:
    return Field(default=None, description="Excel top-left cell, e.g. B12")


class SheetRecord(_Flat):
    """One row per sheet: its source and top-level fields."""

    format: Format
    page_count: int | None = None
    title: str | None = None
    plan_term: int | None = Field(default=None, description="第5期 → 5")
    report_fiscal_year: int | None = Field(default=None, description="令和7年度 → 2025")
    family: str = Field(description="the template family that read it")
    municipality: str | None = None
    plan: str | None = None
    preface: list[str] = Field(default_factory=list)


class MeasureRecord(_Flat):
    """One row per measure."""

    measure_id: str
    parent: str | None = Field(default=None, description="measure_id of the measure it is part of")
    policy: int | None = None
    number: int | None = None
    title: str
    department: str | None = None
    period_start: int | None = Field(default=None, description="first fiscal year of its term")
    period_end: int | None = Field(default=None, description="last fiscal year of its term")
    figures: list[str] = Field(default_factory=list)
    page: int | None = _page()
    line: int | None = _line()
    sheet: str | None = _sheet()
    cell: str | None = _cell()


class IndicatorRecord(_Flat):
    """Tidy indicators: one row per observation."""

    measure_id: str
    indicator_index: int = Field(ge=0, description="0-based position of the indicator")
    observation_index: int = Field(
        ge=0, description="0-based position in the indicator: baseline, actuals, plans, target"
    )
    name: str
    unit: str | None = None
    kind: IndicatorKind | None = None
    role: Literal["baseline", "actual", "plan", "target"]
    fiscal_year: int | None = None
    value: Number | None = None
    raw: str
    approximate: bool = False
    note: str | None = None
    label: str | None = None
    page: int | None = _page()
    line: int | None = _line()
    sheet: str | None = _sheet()
    cell: str | None = _cell()

    _value_integral = field_validator("value", mode="after")(_integral)


class HierarchyRecord(_Flat):
    """One row per plan level a measure is placed in (施策の柱, 政策番号 …), outermost first."""

    measure_id: str
    level: int = Field(ge=0, description="0-based position, outermost first")
    label: str
    text: str
    page: int | None = _page()
    line: int | None = _line()
    sheet: str | None = _sheet()
    cell: str | None = _cell()


class CostRecord(_Flat):
    """One row per money figure: a measure's cost label in one fiscal year."""

    measure_id: str
    cost_index: int = Field(ge=0, description="0-based position in the measure's costs")
    label: str
    fiscal_year: int
    kind: CostKind | None = None
    value: Number | None = None
    raw: str
    unit: str | None = None
    label_header: str | None = None
    page: int | None = _page()
    line: int | None = _line()
    sheet: str | None = _sheet()
    cell: str | None = _cell()

    _value_integral = field_validator("value", mode="after")(_integral)


class EvaluationRecord(_Flat):
    """One row per graded judgement, its reasons as a list."""

    measure_id: str
    evaluation_index: int = Field(ge=0)
    label: str
    grade: str | None = None
    reason: list[str] = Field(default_factory=list)
    page: int | None = _page()
    line: int | None = _line()
    sheet: str | None = _sheet()
    cell: str | None = _cell()


class NarrativeRecord(_Flat):
    """One row per narrative."""

    model_config = ConfigDict(
        extra="ignore", use_enum_values=True, json_schema_serialization_defaults_required=True
    )

    measure_id: str
    narrative_index: int = Field(ge=0)
    kind: NarrativeKind
    actor: Actor | None = None
    label: str
    fiscal_year: int | None = None
    items: list[str] = Field(default_factory=list)
    figures: list[str] = Field(default_factory=list)
    page: int | None = _page()
    line: int | None = _line()
    sheet: str | None = _sheet()
    cell: str | None = _cell()


class NarrativeItemRecord(_Flat):
    """One row per narrative item (one sentence or list item per row)."""

    measure_id: str
    narrative_index: int = Field(ge=0)
    position: int = Field(ge=0)
    text: str
    page: int | None = _page()
    line: int | None = _line()
    sheet: str | None = _sheet()
    cell: str | None = _cell()


__all__ = [
    "ACTORS",
    "SCHEMA_VERSION",
    "Actor",
    "Cost",
    "CostKind",
    "CostRecord",
    "Coverage",
    "Diagnostic",
    "Evaluation",
    "EvaluationRecord",
    "Format",
    "HierarchyLevel",
    "HierarchyRecord",
    "Indicator",
    "IndicatorKind",
    "IndicatorRecord",
    "Location",
    "Measure",
    "MeasureRecord",
    "Narrative",
    "NarrativeItemRecord",
    "NarrativeKind",
    "NarrativeRecord",
    "Observation",
    "Period",
    "ProgressSheet",
    "SheetRecord",
    "Source",
]
