"""池田市 目標設定シート (事務事業評価, one project per page): the model of a sheet, its page
layout, and its expected JSON (contract 1.1, family ``target-setting-sheet``).

The page, as the city prints it: a title over two lines with the NO. box at its right; (1) the
department and project name, the project's place in the 総合計画 (and in the 国土強靭化地域計画
where it has one); (2) its term, target group, content, means, form and related plans; (3) the
SDGs goals and 行財政改革 elements marked ○, with the year's planned and actual work; (4) the
money table (事業費 A, 主な内訳, 財源 by year: 決算 / 予算 / 決算) beside (5) the indicator table
(成果指標 under 目標値: 実績 / 見込 / 実績 / 見込) sharing its rows with the graded evaluations
and their 判断理由; a ※備考 box at the foot. The content comes from ``content/ikeda-*.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .layout import Book, Gap, Grid, Line, Page, Piece, box, line
from .values import (
    Json,
    content,
    cost_records,
    fullwidth,
    narrative,
    observation,
    printed,
    reiwa_short,
)

#: the grid: 40 narrow columns of an A4 portrait page
WIDTHS = (2.4,) * 40
TITLE = "目標設定シート"
SDGS = (
    "貧困をなくそう",
    "飢餓をゼロに",
    "すべての人に健康と福祉を",
    "質の高い教育をみんなに",
    "ジェンダー平等を実現しよう",
    "安全な水とトイレを世界中に",
    "エネルギーをみんなに そしてクリーンに",
    "働きがいも経済成長も",
    "産業と技術革新の基盤をつくろう",
    "人や国の不平等をなくそう",
    "住み続けられるまちづくりを",
    "つくる責任 つかう責任",
    "気候変動に具体的な対策を",
    "海の豊かさを守ろう",
    "陸の豊かさも守ろう",
    "平和と公正をすべての人に",
    "パートナーシップで目標を達成しよう",
)
#: 行財政改革などに向けて特に意識すべき要素: (視点, its two rows of two elements each)
REFORM = (
    "まちづくりの活動への支援とつながりづくり",
    "情報の収集・発信と多様な主体のまちづくりへの参画の促進",
    "効果的かつ効率的な行財政運営の推進",
    "公共施設等のマネジメントの推進",
    "人材育成と働きやすい環境づくりの推進",
    "広域行政の推進",
)
#: the rows of the money table below 事業費 A: 主な内訳 (three rows), then 財源
N_ITEMS = 3
FUNDS = ("国・府支出金", "地方債", "その他", "うち受益者負担　Ｂ", "一般財源")
N_INDICATORS = 3


@dataclass
class Evaluation:
    label: str
    grade: str
    reason: list[str] = field(default_factory=list)


@dataclass
class Indicator:
    name: str
    unit: str
    #: R(n-1)年度実績, Rn年度見込, Rn年度実績, R9年度見込 as printed
    values: list[str]
    #: the 国土強靭化地域計画の指標に該当 column
    flag: str = ""


@dataclass
class Sheet:
    no: int
    department: str
    title: str
    pillar: str
    policy: str
    beneficiaries: list[str]
    content: list[str]
    means: list[str]
    form: str
    related: list[str]
    sdgs: list[int]
    reform: list[int]
    plan_text: list[str]
    results: list[str]
    others: list[str]
    remarks: list[str]
    #: rows of the money table: label, then four figures as printed ("" for an empty cell)
    costs: list[list[str]]
    indicators: list[Indicator]
    evaluations: list[Evaluation]
    #: 国土強靭化地域計画の体系 (empty where the project has no place in it)
    goal: str = ""
    field: str = ""


@dataclass
class Document:
    plan: str
    year: int
    period: tuple[int, int]
    sheets: list[Sheet]

    @property
    def title_head(self) -> str:
        return f"{self.plan}\u3000事務事業評価（{reiwa_long(self.year)}実施事業）"

    @property
    def title(self) -> str:
        return f"{self.plan} 事務事業評価（{reiwa_long(self.year)}実施事業） {TITLE}"


def reiwa_long(year: int) -> str:
    """2025 → ``令和７年度`` (full-width digits, as the title prints them)."""
    return f"令和{fullwidth(str(year - 2018))}年度"


def load(name: str) -> Document:
    data = content(name)
    sheets = []
    for s in data["sheets"]:
        s = dict(s)
        s["indicators"] = [Indicator(**i) for i in s.get("indicators", [])]
        s["evaluations"] = [Evaluation(**e) for e in s.get("evaluations", [])]
        sheets.append(Sheet(**s))
    return Document(data["plan"], data["year"], tuple(data["period"]), sheets)  # type: ignore[arg-type]


# --- the layout --------------------------------------------------------------------------------


def _years(doc: Document) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The money columns (year, kind word) and the indicator columns (year, role word)."""
    y = doc.year
    money = [(y - 2, "決　算"), (y - 1, "決　算"), (y, "予　算"), (y, "決　算")]
    roles = [(y - 1, "実　績"), (y, "見　込"), (y, "実　績"), (doc.period[1], "見　込")]
    return money, roles


def _head(doc: Document, s: Sheet, apart: bool) -> list[Line | Grid | Gap]:
    out: list[Line | Grid | Gap] = [
        Line(
            (
                Piece(3, 28, doc.title_head, size=10, bold=True, align="center"),
                Piece(
                    35,
                    5,
                    f"NO. {s.no}",
                    size=11,
                    bold=True,
                    align="right",
                    boxed=True,
                    number=s.no,
                    number_format='"NO. "0',
                ),
            )
        ),
        line(3, 28, TITLE, size=11, bold=True, align="center"),
        line(0, 40, "（１）事務事業名・総合計画の体系等", bold=True),
    ]
    g = Grid()
    g.add(
        box(0, 0, "担当部署名", cs=8, head=True),
        box(0, 8, s.department, cs=10, align="center"),
        box(0, 18, "事務事業名", cs=8, head=True),
        box(0, 26, s.title, cs=14, align="center"),
    )
    if apart:
        # the header box printed apart from the plan's boxes (as the city's PDF has it)
        out += [g, Gap()]
        g = Grid()
        top = 0
    else:
        top = 1
    g.add(
        box(top, 0, "総合計画\nの体系", rs=2, cs=4, head=True),
        box(top, 4, "施策の柱", cs=4, head=True),
        box(top, 8, s.pillar, cs=12, align="center"),
        box(
            top,
            20,
            "国土強靭化\n地域計画の体系\n※ 該当する場合のみ",
            rs=2,
            cs=5,
            head=True,
            fill="FFFF00",
            small=True,
        ),
        box(top, 25, "事前に備える\nべき目標", cs=3, head=True, fill="FFFF00", small=True),
        box(top, 28, s.goal, cs=12),
        box(top + 1, 4, "施策名称", cs=4, head=True),
        box(top + 1, 8, s.policy, cs=12, align="center"),
        box(top + 1, 25, "施策分野", cs=3, head=True, fill="FFFF00"),
        box(top + 1, 28, s.field, cs=12),
    )
    out.append(g)
    return out


def _outline(doc: Document, s: Sheet) -> list[Line | Grid | Gap]:
    start, end = doc.period
    g = Grid()
    g.add(
        box(
            0,
            0,
            "実施期間\n（第７次総合計画　前期基本計画期間\nである令和5～9年度の間で設定）",
            cs=8,
            head=True,
            small=True,
        ),
        box(
            0,
            8,
            f"令和　{start - 2018}　年度　～　令和　{end - 2018}　年度",
            cs=12,
            align="center",
        ),
        box(0, 20, "事業内容", rs=3, cs=4, head=True),
        box(0, 24, s.content, rs=3, cs=16),
        box(1, 0, "事業の対象\n（誰を、何を）", cs=8, head=True),
        box(1, 8, s.beneficiaries, cs=12),
        box(2, 0, "事業の手段・方法\n（どのように）", cs=8, head=True),
        box(2, 8, [f"・{m}" for m in s.means], cs=12),
        box(3, 0, "実施形態（直営/委託）", cs=8, head=True),
        box(3, 8, s.form, cs=12),
        box(3, 20, "関連計画\n・例規", cs=4, head=True),
        box(3, 24, s.related, cs=16),
    )
    return [line(0, 40, "（２）事業の概要", bold=True), g]


def _viewpoints(doc: Document, s: Sheet) -> list[Line | Grid | Gap]:
    g = Grid()
    g.add(box(0, 0, "関連するSDGsのゴール\n※ １つ以上に○", rs=6, cs=8, head=True))
    for k, goal in enumerate(SDGS):
        col, row = divmod(k, 6)
        mark = "○" if k + 1 in s.sdgs else ""
        c = 8 + 11 * col
        text = f"{k + 1}　{goal}"
        g.add(box(row, c, mark, align="center"), box(row, c + 1, text, cs=10 if col < 2 else 9))
    g.add(box(5, 30, "", cs=10))
    y = reiwa_short(doc.year)
    g.add(
        box(
            6, 0, "行財政改革などに向けて\n特に意識すべき要素\n※ １つ以上に○", rs=4, cs=8, head=True
        ),
        box(6, 8, "「みんなで取り組む\nまちづくり」の視点", cs=5, head=True, small=True),
        box(7, 8, "「持続可能な\n都市経営」の視点", rs=2, cs=5, head=True, small=True),
    )
    for k, element in enumerate(REFORM):
        row, col = 6 + k // 2, k % 2
        c = 13 + 13 * col
        g.add(
            box(row, c, "○" if k in s.reform else "", align="center"),
            box(row, c + 1, element, cs=12 + col, small=True),
        )
    g.add(
        box(9, 8, f"上記要素に係る\n{y}年度取組予定", cs=5, head=True, small=True),
        box(9, 13, s.plan_text, cs=13, small=True),
        box(9, 26, f"上記要素に係る\n{y}年度取組実績", cs=5, head=True, small=True),
        box(9, 31, s.results, cs=9, small=True),
    )
    return [line(0, 40, "（３）「まちづくりの進め方」の視点", bold=True), g]


def _money_and_indicators(doc: Document, s: Sheet) -> list[Line | Grid | Gap]:
    money, roles = _years(doc)
    g = Grid()
    # the header rows: 区分 and the years over 決算/予算; the indicator columns under 目標値
    g.add(box(0, 0, "区　　分", rs=2, cs=8, head=True))
    g.add(
        box(0, 8, f"{reiwa_short(money[0][0])}年度", cs=3, head=True),
        box(0, 11, f"{reiwa_short(money[1][0])}年度", cs=3, head=True),
        box(0, 14, f"{reiwa_short(money[2][0])}年度", cs=6, head=True),
    )
    for k, (_, word) in enumerate(money):
        g.add(box(1, 8 + 3 * k, word, cs=3, head=True))
    g.add(
        box(0, 20, "成果指標の内容", rs=2, cs=7, head=True),
        box(0, 27, "単位", rs=2, cs=2, head=True),
        box(0, 29, "目標値", cs=8, head=True),
        box(
            0,
            37,
            "国土強靭化\n地域計画の指標\nに該当",
            rs=2,
            cs=3,
            head=True,
            fill="FFFF00",
            small=True,
        ),
    )
    for k, (year, word) in enumerate(roles):
        g.add(box(1, 29 + 2 * k, f"{reiwa_short(year)}年度\n{word}", cs=2, head=True, small=True))
    # the money rows (2: 事業費 A, 3-5: 主な内訳, 6-10: 財源, 11: 受益者負担率)
    total, *rest = s.costs
    items, funds = rest[:N_ITEMS], rest[N_ITEMS:]
    if len(items) != N_ITEMS or [f[0] for f in funds] != list(FUNDS):
        raise ValueError(f"NO. {s.no}: costs must be 事業費 A, {N_ITEMS} items, {FUNDS}")
    g.add(box(2, 0, total[0], cs=8, head=True))
    g.add(box(3, 0, "主な内訳", rs=N_ITEMS, cs=2, head=True, vertical=True))
    g.add(box(6, 0, "財源", rs=len(FUNDS), cs=2, head=True, vertical=True))
    for k, row in enumerate([total, *items, *funds]):
        r = 2 + k
        label = row[0]
        if r == 9:  # うち受益者負担 B: indented under その他
            g.add(box(r, 2, "", cs=2), box(r, 4, label, cs=4, align="center"))
        elif r >= 3:
            g.add(box(r, 2, label, cs=6, align="center" if r >= 6 else "left"))
        for j, raw in enumerate(row[1:]):
            fill = "FCE4D6" if j == 3 else None
            g.add(box(r, 8 + 3 * j, raw, cs=3, number=True, fill=fill))
    g.add(box(11, 0, "受益者負担率　Ｂ÷Ａ", cs=8, head=True))
    for j in range(4):
        g.add(box(11, 8 + 3 * j, "", cs=3, fill="FCE4D6" if j == 3 else None))
    g.add(
        box(
            12,
            0,
            f"{reiwa_short(doc.year)}年度における\n「その他」財源の主な内容",
            rs=2,
            cs=8,
            head=True,
        ),
        box(12, 8, s.others, rs=2, cs=12),
    )
    # the indicator rows (2-4), then the evaluations (5-13)
    inds = s.indicators + [Indicator("", "", ["", "", "", ""])] * (N_INDICATORS - len(s.indicators))
    for k, ind in enumerate(inds):
        r = 2 + k
        g.add(box(r, 20, ind.name, cs=7), box(r, 27, ind.unit, cs=2, align="center"))
        for j, raw in enumerate(ind.values):
            g.add(box(r, 29 + 2 * j, raw, cs=2, number=True, fill="FCE4D6" if j == 2 else None))
        g.add(box(r, 37, ind.flag, cs=3, align="center"))
    evals = {e.label.split("年度")[-1] if "以降" in e.label else e.label: e for e in s.evaluations}
    rows = (
        (5, "成果指標の達成状況", 6),
        (8, "事業の有効性", None),
        (9, "事業の効率性", 10),
        (12, "以降の事業の方向性", 13),
    )
    for r, key, reason_row in rows:
        e = evals[key]
        g.add(
            box(r, 20, e.label, cs=11, head=True),
            box(r, 31, e.grade, cs=9, align="center", fill="FCE4D6"),
        )
        if reason_row is not None:
            rs = 2 if reason_row in (6, 10) else 1
            g.add(
                box(reason_row, 20, "判断理由", rs=rs, cs=3, head=True, small=True),
                box(reason_row, 23, e.reason, rs=rs, cs=17, fill="FCE4D6"),
            )
        elif e.reason:
            raise ValueError(f"{e.label}: the template prints no 判断理由 for it")
    return [
        Line(
            (
                Piece(0, 20, "（４）事業費等（千円単位。千円未満は四捨五入）", bold=True),
                Piece(20, 20, "（５）事業の成果指標及び評価", bold=True),
            )
        ),
        g,
    ]


def page(doc: Document, s: Sheet, apart: bool = True) -> Page:
    """One sheet's page. ``apart``: the department and project name in a box of their own
    above the plan's boxes, as in the city's PDF (a one-row table, which the HTML and Excel
    readers take for labels and values side by side in text); else one box holds both."""
    p = Page(f"NO.{s.no}")
    p.add(*_head(doc, s, apart))
    p.add(*_outline(doc, s))
    p.add(*_viewpoints(doc, s))
    p.add(*_money_and_indicators(doc, s))
    g = Grid()
    g.add(box(0, 0, s.remarks, cs=40, height=40))
    p.add(Gap(), line(0, 40, "※ 備　考"), g)
    return p


def book(doc: Document, apart: bool = True) -> Book:
    return Book(
        title=doc.title,
        widths=WIDTHS,
        pages=[page(doc, s, apart) for s in doc.sheets],
        department="総合政策部 政策推進課",
    )


# --- the expected JSON -------------------------------------------------------------------------


def measure(doc: Document, s: Sheet) -> Json:
    money, roles = _years(doc)
    y = reiwa_short(doc.year)
    hierarchy = [
        {"label": "施策の柱", "text": s.pillar},
        {"label": "施策名称", "text": s.policy},
    ]
    if s.goal:
        hierarchy.append({"label": "事前に備えるべき目標", "text": s.goal})
    if s.field:
        hierarchy.append({"label": "施策分野", "text": s.field})
    headers = [f"{reiwa_short(yr)}年度 {w.replace('　', '')}" for yr, w in money]
    kinds = ["settlement" if "決" in w else "budget" for _, w in money]
    costs: list[Json] = []
    for row in s.costs:
        if not row[0]:
            continue
        costs += cost_records(row[0], row[1:], [yr for yr, _ in money], kinds, headers, "千円")
    indicators = []
    for ind in s.indicators:
        labels = [f"{reiwa_short(yr)}年度 {w.replace('　', '')}" for yr, w in roles]
        obs = [
            observation(yr, raw, label)
            for (yr, _), raw, label in zip(roles, ind.values, labels, strict=True)
        ]
        indicators.append(
            {
                "name": ind.name,
                "unit": ind.unit or None,
                "kind": "outcome",
                "baseline": None,
                "actuals": [obs[0], obs[2]],
                "plans": [obs[1]],
                "target": obs[3],
            }
        )
    narratives = printed(
        narrative("beneficiaries", "事業の対象（誰を、何を）", s.beneficiaries),
        narrative("overview", "事業内容", s.content),
        narrative("overview", "事業の手段・方法（どのように）", s.means),
        narrative("plan", f"上記要素に係る{y}年度取組予定", s.plan_text, doc.year),
        narrative("results", f"上記要素に係る{y}年度取組実績", s.results, doc.year),
        narrative("other", "実施形態（直営/委託）", [s.form] if s.form else []),
        narrative("other", "関連計画・例規", s.related),
        narrative("other", f"{y}年度における「その他」財源の主な内容", s.others, doc.year),
        narrative("other", "※備考", s.remarks),
    )
    return {
        "id": str(s.no),
        "policy": None,
        "number": None,
        "parent": None,
        "title": s.title,
        "department": s.department,
        "hierarchy": hierarchy,
        "period": {"start": doc.period[0], "end": doc.period[1]},
        "indicators": indicators,
        "costs": costs,
        "evaluations": [
            {"label": e.label, "grade": e.grade, "reason": list(e.reason)} for e in s.evaluations
        ],
        "narratives": narratives,
        "figures": [],
    }


def expected(doc: Document, source: Json) -> Json:
    return {
        "schema_version": "1.1",
        "source": source,
        "title": doc.title,
        "plan_term": None,
        "report_fiscal_year": doc.year,
        "family": "target-setting-sheet",
        "municipality": "池田市",
        "plan": doc.plan,
        "preface": [],
        "measures": [measure(doc, s) for s in doc.sheets],
        "diagnostics": [],
    }


__all__ = ["Document", "Sheet", "book", "expected", "load", "measure", "page"]
