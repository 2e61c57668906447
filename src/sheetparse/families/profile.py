"""A sheet family's profile: the declarative description of one template, validated on load.

What varies between templates — how to recognise one, what starts a measure, which printed
labels mean which field, how headers name years and roles — is data in a TOML file per family
(``families/*.toml``); the structure step is one engine that reads every family through its
profile. This module is the schema of those files (pydantic models, so a mistake in a profile
is an error naming the key when it is loaded, not a wrong record later).
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..model import IndicatorKind, NarrativeKind

#: ``{NAME}`` in a pattern inserts the macro NAME (upper-case names only, so that regular
#: expression quantifiers such as ``{1,2}`` are left alone)
_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")


class _Strict(BaseModel):
    """Profiles are hand-written: an unknown key is a typo, not an extension."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Signature(_Strict):
    """A pattern whose presence says a document is of this family, with its weight."""

    pattern: str
    weight: float = 1.0
    #: where to look: text blocks, table cells, or both
    where: Literal["text", "cells", "any"] = "any"


class Detect(_Strict):
    """How a document is recognised: the summed weights of the signatures found must reach
    ``threshold``; the family with the highest score wins."""

    signatures: list[Signature] = Field(default_factory=list)
    threshold: float = 1.0
    #: signatures that must all be found (in addition to the threshold)
    required: list[str] = Field(default_factory=list)


class SheetRules(_Strict):
    """Sheet-level fields: title, plan, plan term, report year."""

    #: a preamble block holding one of these words is the title (when no heading is marked)
    title_words: list[str] = Field(default_factory=list)
    #: patterns of the text blocks that make up the title (joined with a space, in order)
    title: list[str] = Field(default_factory=list)
    #: the plan as printed, from the title (group ``plan``)
    plan: str | None = None
    #: 第N期 (group ``n``), from the title
    plan_term: str | None = None
    #: the year the sheet reports on, from the title or a label (group ``year``)
    report_year: list[str] = Field(default_factory=list)
    #: where the title names no year: the latest year of the results narratives, or the
    #: latest year of the settlement (決算) costs / actual (実績) observations
    report_year_from: list[Literal["results", "settlement", "actual"]] = Field(default_factory=list)
    #: era of years printed without one (24年度) when the document prints no era elsewhere
    era: str | None = None
    #: text between the title and the first measure that introduces the sheet (preface)
    preface: bool = True


class MeasureRules(_Strict):
    """What starts a measure and how its id is made."""

    #: a text block that starts a measure (groups: policy, number, extra, title, id)
    heading: str | None = None
    #: the id from the heading's groups, e.g. ``{policy}-{number}``
    id: str = "{id}"


class SectionRules(_Strict):
    """Labelled paragraphs of the seed's kind: (基本施策Nの方向性) and the text after it."""

    direction: str | None = None
    direction_run_in: str | None = None


class TitleRules(_Strict):
    """Table titles printed above a table (naming its kind) and titles that are structure."""

    organize: str | None = None
    approach: str | None = None
    structure: list[str] = Field(default_factory=list)


FieldName = Literal[
    "title",
    "id",
    "department",
    "hierarchy",
    "period",
    "narrative",
    "evaluation",
    "reason",
    "unmapped",
    "group",
    "section",
    "subunit",
    "subunit-number",
    "indicator",
    "unit",
    "cost",
    "year-header",
    "questions",
    "answers",
    "structure",
    "options",
    "targets",
]


class LabelRule(_Strict):
    """A printed label (a form cell, a row or column header, a section heading) and the field
    its value goes to."""

    #: regular expression, matched whole against the folded label (NFKC, no white space); a
    #: leading section number (１　, (1), ≪…≫) and a trailing note in brackets may be left out
    match: str
    field: FieldName
    #: narrative kind (field ``narrative``)
    kind: NarrativeKind | None = None
    #: evaluation grade: the value as printed, the option marked among printed ones, or none
    #: (a free-text judgement: the text is its reason)
    grade: Literal["value", "marked", "none"] = "value"
    #: indicator kind of an ``indicator`` label or of the grids under a ``section``
    indicator_kind: IndicatorKind | None = None
    #: where the label is printed: a table cell, a text block, or either
    where: Literal["cell", "text", "any"] = "any"
    #: its value is printed below it rather than to its right
    below: bool = False
    #: printed as a heading over a table (an annex listing), each row of that table is an
    #: item of the label's narrative
    table_rows: bool = False

    @model_validator(mode="after")
    def _kind_for_narratives(self) -> LabelRule:
        if self.field == "narrative" and self.kind is None:
            raise ValueError(f"label {self.match!r}: a narrative label needs a kind")
        return self


class TargetRules(_Strict):
    """Targets stated in prose under a ``targets`` section (京都市 ``指標：NAME【数値目標：
    VALUE（数値目標の考え方：…）】``): a pattern with the groups ``name`` and ``value``, and
    optionally ``rationale`` (reported, no field in 1.1), and the label of the target."""

    pattern: str | None = None
    label: str = "数値目標"


class TotalsRule(_Strict):
    """A printed total that must add up (a mismatch is an info diagnostic): ``row`` (pattern
    of the total's label) is the sum of the rows of ``of`` ("group": the group it ends, or a
    pattern of a group label such as 財源); with ``minus``, it is the grid's first total less
    its second (（差引）一般財源); with ``breakdown``, the rows of the group ``of`` add up to
    the row above it (（内訳）); with ``subunits``, it is the sum of the sub-units' costs whose
    label matches."""

    row: str | None = None
    of: str | None = None
    minus: bool = False
    breakdown: bool = False
    subunits: str | None = None


class Synonyms(_Strict):
    """Words (folded) that mean one thing; ``prefix`` also accepts a label that starts with
    one of them (``現状値(R5)``)."""

    words: list[str]
    prefix: bool = False


class Vocabulary(_Strict):
    """Words and patterns of the tables: column roles, years, costs, option marks, and the
    seed family's organize-action and approach tables."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    year_token: str | None = None
    forecast: Literal["plan", "note"] | None = None
    forecast_words: list[str] | None = None
    columns: dict[str, Synonyms] | None = None
    costs: dict[str, Any] | None = None
    marks: dict[str, list[str]] | None = None
    organize: dict[str, list[str]] | None = None
    actors: dict[str, Any] | None = None
    approach: dict[str, str] | None = None
    #: words in an indicator's name or label that make it an activity / outcome indicator
    indicator_kinds: dict[str, list[str]] | None = None
    #: words in an indicator's name that say lower or higher is better (削減, 向上), for the
    #: progress figures where start → target does not say it
    direction: dict[Literal["higher", "lower"], list[str]] | None = None


class Profile(_Strict):
    """One family's profile file."""

    name: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    description: str
    #: a profile that only holds shared vocabulary for others to extend
    abstract: bool = False
    extends: str | None = None
    #: where the document prints no municipality, the one the family implies
    municipality: str | None = None
    #: the components that read the family's tables: the seed's ``organize``, ``indicator``
    #: and ``approach`` tables, or ``form`` (labelled cells, year grids, evaluations)
    tables: list[Literal["organize", "indicator", "approach", "form"]] = Field(default_factory=list)
    detect: Detect = Field(default_factory=Detect)
    sheet: SheetRules = Field(default_factory=SheetRules)
    measure: MeasureRules = Field(default_factory=MeasureRules)
    sections: SectionRules = Field(default_factory=SectionRules)
    titles: TitleRules = Field(default_factory=TitleRules)
    labels: list[LabelRule] = Field(default_factory=list)
    targets: TargetRules = Field(default_factory=TargetRules)
    totals: list[TotalsRule] = Field(default_factory=list)
    macros: dict[str, str] = Field(default_factory=dict)
    furniture: dict[str, str] = Field(default_factory=dict)
    vocabulary: Vocabulary = Field(default_factory=Vocabulary)

    @field_validator("macros")
    @classmethod
    def _macro_names(cls, v: dict[str, str]) -> dict[str, str]:
        for key in v:
            if not _MACRO.fullmatch("{" + key + "}"):
                raise ValueError(f"macro name {key!r} must be upper case")
        return v


def expand(pattern: str, macros: dict[str, str]) -> str:
    """A pattern with its ``{NAME}`` macros inserted."""

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in macros:
            raise ValueError(f"unknown macro {{{name}}} in pattern {pattern!r}")
        return macros[name]

    return _MACRO.sub(sub, pattern)


__all__ = [
    "Detect",
    "FieldName",
    "LabelRule",
    "MeasureRules",
    "Profile",
    "SectionRules",
    "SheetRules",
    "Signature",
    "Synonyms",
    "TargetRules",
    "TitleRules",
    "TotalsRule",
    "Vocabulary",
    "expand",
]
