"""横浜市 事業評価書 (one project per sheet, with its 細事業): the model of a sheet, its page
layout, and its expected JSON (contract 1.1, family ``project-evaluation``).

The sheet, as the city prints it: a header box under the title (the previous year's project
name, the department, the 歳出予算科目 codes 款/項/目, the 政策/施策 numbers and the 評価書番号);
事業概要; 事業決算額 (年度 / 決算 × ５年度 / ６年度 / 差引（増減）); the improvement planned
after the analysis; then 細事業の分析, one block per 細事業 numbered down its left edge:
事業計画 (細事業名称, 細事業概要) and 事業実績 (細事業費 by year, 増減説明, 細事業事業量 with its
unit and a 年度 × 想定 / 実績 grid, the years not yet reached hatched), and 客観的指標に基づく分析:
a row of questions over a row of answers. The content comes from ``content/yokohama-*.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .layout import Book, Gap, Grid, Page, box
from .values import (
    Json,
    content,
    cost_records,
    fullwidth,
    narrative,
    observation,
    printed,
    value_of,
)

#: the grid: 36 narrow columns of an A4 portrait page
WIDTHS = (2.65,) * 36
#: the indicator grid's years (３年度 … ９年度: the city's mid-term plan)
GRID_YEARS = tuple(range(2021, 2028))
#: 客観的指標に基づく分析: the questions (効率性・経済性 has two)
QUESTIONS = (
    "市民ニーズ",
    "実施根拠",
    "妥当性",
    "事業実績",
    "(1)実施主体",
    "(2)実施手法",
    "負担の公平性",
)


@dataclass
class Subunit:
    title: str
    overview: list[str]
    #: ５年度, ６年度 決算 as printed
    costs: list[str]
    change: list[str]
    answers: list[str]
    volume: str = ""
    unit: str = ""
    plans: list[str] = field(default_factory=lambda: [""] * len(GRID_YEARS))
    actuals: list[str] = field(default_factory=lambda: [""] * len(GRID_YEARS))


@dataclass
class Sheet:
    no: int
    title: str
    department: str
    #: 会計, 款, 項, 目
    account: list[str]
    policy_no: str
    measure_no: str
    overview: list[str]
    costs: list[str]
    improvement: list[str]
    subunits: list[Subunit]


@dataclass
class Document:
    #: the year of the evaluation (令和７年度 事業評価書 → 2025); it evaluates the year before
    year: int
    sheets: list[Sheet]

    @property
    def title(self) -> str:
        return f"令和{fullwidth(str(self.year - 2018))}年度 事業評価書"


def load(name: str) -> Document:
    data = content(name)
    sheets = []
    for s in data["sheets"]:
        s = dict(s)
        s["subunits"] = [Subunit(**u) for u in s.get("subunits", [])]
        sheets.append(Sheet(**s))
    return Document(data["year"], sheets)


def _era(year: int) -> str:
    """2023 → ``５年度`` (the sheet prints years without their era)."""
    return f"{fullwidth(str(year - 2018))}年度"


def _diff(a: str, b: str) -> str:
    va, vb = value_of(a), value_of(b)
    if va is None or vb is None:
        return ""
    return f"{vb - va:,}"


# --- the layout --------------------------------------------------------------------------------


def _costs(g: Grid, r: int, label: str, raws: list[str], years: tuple[int, int]) -> None:
    """A money grid at rows r, r+1 from column 2 (細事業) or 0 (the project)."""
    c = 2 if label.startswith("細") else 0
    g.add(
        box(r, c, label, rs=2, cs=7 - c, head=True),
        box(r, 7, "年度", cs=3, head=True),
        box(r + 1, 7, "決算", cs=3, head=True),
    )
    for k, year in enumerate(years):
        g.add(
            box(r, 10 + 5 * k, _era(year), cs=5, head=True),
            box(r + 1, 10 + 5 * k, raws[k], cs=5, number=True),
        )
    g.add(
        box(r, 20, "差引（増減）", cs=5, head=True),
        box(r + 1, 20, _diff(*raws), cs=5, number=True),
        box(r, 25, "", cs=11),
        box(r + 1, 25, "", cs=11),
    )


def _subunit(g: Grid, r: int, n: int, u: Subunit, doc: Document) -> int:
    years = (doc.year - 2, doc.year - 1)
    g.add(
        box(r, 0, str(n), rs=12, align="center"),
        box(r, 1, "事業計画", rs=2, head=True, vertical=True, small=True),
        box(r, 2, "細事業名称", cs=5, head=True),
        box(r, 7, u.title, cs=29, align="center"),
        box(r + 1, 2, "細事業概要", cs=5, head=True),
        box(r + 1, 7, u.overview, cs=29, height=24),
        box(r + 2, 1, "事業実績", rs=7, head=True, vertical=True, small=True),
    )
    _costs(g, r + 2, "細事業費\n（千円）", u.costs, years)
    g.add(
        box(r + 4, 2, "増減説明", cs=5, head=True),
        box(r + 4, 7, u.change, cs=29, height=20),
        box(r + 5, 2, "細事業事業量", cs=5, head=True),
        box(r + 5, 7, u.volume, cs=21),
        box(r + 5, 28, "単位", cs=3, head=True),
        box(r + 5, 31, u.unit, cs=5, align="center"),
        box(r + 6, 2, "年度", cs=5, head=True),
        box(r + 7, 2, "想定", cs=5, head=True),
        box(r + 8, 2, "実績", cs=5, head=True),
    )
    for k, year in enumerate(GRID_YEARS):
        c, cs = 7 + 4 * k, 4 if k < len(GRID_YEARS) - 1 else 5
        future = year > doc.year - 1
        g.add(
            box(r + 6, c, _era(year), cs=cs, head=True),
            box(r + 7, c, u.plans[k], cs=cs, number=True),
            box(r + 8, c, "" if future else u.actuals[k], cs=cs, number=True, hatched=future),
        )
        if future and u.actuals[k]:
            raise ValueError(f"{u.title}: an actual for {year}, a year not yet reached")
    g.add(
        box(r + 9, 1, "客観的指標に\n基づく分析", rs=3, cs=6, head=True),
        box(r + 9, 7, "指標", rs=2, cs=3, head=True),
        box(r + 11, 7, "分析\n結果", cs=3, head=True),
    )
    spans = ((10, 4), (14, 4), (18, 4), (22, 4), (26, 3), (29, 3), (32, 4))
    for (c, cs), question, answer in zip(spans, QUESTIONS, u.answers, strict=True):
        if question.startswith("("):
            g.add(box(r + 10, c, question, cs=cs, head=True, small=True))
        else:
            g.add(box(r + 9, c, question.replace("の公", "の\n公"), rs=2, cs=cs, head=True))
        g.add(box(r + 11, c, f"・{answer}" if answer else "", cs=cs, height=30))
    g.add(box(r + 9, 26, "効率性・経済性", cs=6, head=True))
    return r + 12


def page(doc: Document, s: Sheet) -> Page:
    p = Page(f"{s.no}")
    account, kan, kou, moku = s.account
    g = Grid()
    g.add(
        box(0, 0, doc.title, cs=36, head=True),
        box(1, 0, f"令和{fullwidth(str(doc.year - 2019))}年度事業名", cs=6, head=True),
        box(1, 6, s.title, cs=30, align="center"),
        box(2, 0, "所管区局・課", cs=6, head=True),
        box(2, 6, s.department, cs=9),
        box(2, 15, "歳出予算科目", cs=4, head=True, small=True),
        box(2, 19, account, cs=5),
        box(2, 24, kan, cs=2, align="center"),
        box(2, 26, "款", cs=2, align="center"),
        box(2, 28, kou, cs=2, align="center"),
        box(2, 30, "項", cs=2, align="center"),
        box(2, 32, moku, cs=2, align="center"),
        box(2, 34, "目", cs=2, align="center"),
        box(3, 0, "政策・施策", cs=6, head=True),
        box(3, 6, "政策番号", cs=4, head=True),
        box(3, 10, s.policy_no, cs=4, align="center"),
        box(3, 14, "施策番号", cs=4, head=True),
        box(3, 18, s.measure_no, cs=4, align="center"),
        box(3, 22, "評価書番号", cs=8, head=True),
        box(3, 30, str(s.no), cs=6, align="center"),
    )
    p.add(g, Gap(10))
    g = Grid()
    g.add(box(0, 0, "事業概要", cs=36, head=True), box(1, 0, s.overview, cs=36, height=36))
    p.add(g, Gap(10))
    g = Grid()
    g.add(box(0, 0, "事業決算額", cs=36, head=True))
    _costs(g, 1, "事業費\n（千円）", s.costs, (doc.year - 2, doc.year - 1))
    p.add(g, Gap(10))
    g = Grid()
    g.add(
        box(0, 0, "各細事業の分析結果を踏まえた事業改善の検討等", cs=36, head=True),
        box(1, 0, s.improvement, cs=36, height=36),
    )
    p.add(g, Gap(10))
    g = Grid()
    g.add(box(0, 0, "細事業の分析", cs=36, head=True))
    r = 1
    for n, u in enumerate(s.subunits, 1):
        r = _subunit(g, r, n, u, doc)
    p.add(g)
    return p


def book(doc: Document) -> Book:
    return Book(
        title=doc.title,
        widths=WIDTHS,
        pages=[page(doc, s) for s in doc.sheets],
        department="財政局財政部財政課",
        font_size=9.0,
    )


# --- the expected JSON -------------------------------------------------------------------------


def _costs_json(label: str, raws: list[str], doc: Document) -> list[Json]:
    years = [doc.year - 2, doc.year - 1]
    headers = [f"{_era(y)} 決算" for y in years]
    return cost_records(label, raws, years, ["settlement"] * 2, headers, "千円")


def _measure(
    mid: str, parent: str | None, title: str, department: str | None, hierarchy: list[Json]
) -> Json:
    return {
        "id": mid,
        "policy": None,
        "number": None,
        "parent": parent,
        "title": title,
        "department": department,
        "hierarchy": hierarchy,
        "period": None,
        "indicators": [],
        "costs": [],
        "evaluations": [],
        "narratives": [],
        "figures": [],
    }


def measures(doc: Document, s: Sheet) -> list[Json]:
    """The project, then its 細事業 (``41.1``, ``41.2`` …), each with what is printed for it."""
    account, kan, kou, moku = s.account
    top = _measure(
        str(s.no),
        None,
        s.title,
        s.department,
        [
            {"label": "歳出予算科目", "text": f"{account} {kan} 款 {kou} 項 {moku} 目"},
            {"label": "政策番号", "text": s.policy_no},
            {"label": "施策番号", "text": s.measure_no},
        ],
    )
    top["costs"] = _costs_json("事業費", s.costs, doc)
    top["narratives"] = printed(
        narrative("overview", "事業概要", s.overview),
        narrative("next_steps", "各細事業の分析結果を踏まえた事業改善の検討等", s.improvement),
    )
    out = [top]
    for n, u in enumerate(s.subunits, 1):
        m = _measure(f"{s.no}.{n}", str(s.no), u.title, None, [])
        m["costs"] = _costs_json("細事業費", u.costs, doc)
        m["narratives"] = printed(
            narrative("overview", "細事業概要", u.overview),
            narrative("other", "増減説明", u.change),
        )
        if u.volume or any(u.plans) or any(u.actuals):
            m["indicators"] = [
                {
                    "name": u.volume,
                    "unit": u.unit or None,
                    "kind": "activity",
                    "baseline": None,
                    "actuals": [
                        observation(y, raw, f"{_era(y)} 実績")
                        for y, raw in zip(GRID_YEARS, u.actuals, strict=True)
                    ],
                    "plans": [
                        observation(y, raw, f"{_era(y)} 想定")
                        for y, raw in zip(GRID_YEARS, u.plans, strict=True)
                    ],
                    "target": None,
                }
            ]
        m["evaluations"] = [
            {"label": q, "grade": a, "reason": []}
            for q, a in zip(QUESTIONS, u.answers, strict=True)
            if a  # an empty answer gives no record
        ]
        out.append(m)
    return out


def expected(doc: Document, source: Json) -> Json:
    return {
        "schema_version": "1.1",
        "source": source,
        "title": doc.title,
        "plan_term": None,
        "report_fiscal_year": doc.year - 1,
        "family": "project-evaluation",
        "municipality": "横浜市",
        "plan": None,
        "preface": [],
        "measures": [m for s in doc.sheets for m in measures(doc, s)],
        "diagnostics": [],
    }


__all__ = ["Document", "Sheet", "Subunit", "book", "expected", "load", "measures", "page"]
