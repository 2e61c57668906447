"""施策評価シート (policy evaluation sheet) of the common kind, the template of the fifth
profile (``policy-evaluation-sheet``): drawn from its hand-written expected JSON.

The sheet, one 施策 a page: the title (the evaluation year and the year of the results it
evaluates); a header box (施策番号, 施策名, 主管課; 基本目標); １ 成果指標: 指標名, 単位,
基準値（year）, one 実績 column per year and 目標値（year）; ２ 施策の評価: the four grades A–D
each behind a box, the chosen one ■ and the others □, with its 評価理由; ３ 課題と今後の方向性.
Cells with several items print them as ``・`` lines.
"""

from __future__ import annotations

from .layout import Book, Gap, Grid, Page, box, line
from .values import Json, fullwidth

#: the grid: 30 narrow columns of an A4 portrait page
WIDTHS = (3.2,) * 30
#: 施策の評価: the options the template prints (the chosen one marked ■, the others □)
GRADES = (
    "Ａ：順調に進んでいる",
    "Ｂ：概ね順調に進んでいる",
    "Ｃ：やや遅れている",
    "Ｄ：遅れている",
)


def _era(year: int) -> str:
    return f"令和{fullwidth(str(year - 2018))}年度"


def _lines(items: list[str]) -> list[str]:
    return list(items) if len(items) == 1 else [f"・{x}" for x in items]


def _indicators(m: Json) -> Grid:
    inds = m["indicators"]
    base = inds[0]["baseline"]["fiscal_year"]
    years = [o["fiscal_year"] for o in inds[0]["actuals"]]
    target = inds[0]["target"]["fiscal_year"]
    g = Grid()
    g.add(
        box(0, 0, "指標名", cs=10, head=True),
        box(0, 10, "単位", cs=2, head=True),
        box(0, 12, f"基準値\n（{_era(base)}）", cs=4, head=True),
    )
    for k, y in enumerate(years):
        g.add(box(0, 16 + 3 * k, f"{_era(y)}\n実績", cs=3, head=True))
    c = 16 + 3 * len(years)
    g.add(box(0, c, f"目標値\n（{_era(target)}）", cs=30 - c, head=True))
    for r, ind in enumerate(inds, 1):
        if [o["fiscal_year"] for o in ind["actuals"]] != years:
            raise ValueError(f"{ind['name']}: every indicator lists the same years")
        g.add(box(r, 0, ind["name"], cs=10), box(r, 10, ind["unit"] or "", cs=2, align="center"))
        g.add(box(r, 12, ind["baseline"]["raw"], cs=4, number=True))
        for k, o in enumerate(ind["actuals"]):
            g.add(box(r, 16 + 3 * k, o["raw"], cs=3, number=True))
        g.add(box(r, c, ind["target"]["raw"], cs=30 - c, number=True))
    return g


def page(doc: Json, m: Json, number_first: bool = True) -> Page:
    p = Page(m["id"])
    p.add(line(0, 30, doc["title"].replace(" ", "\u3000", 1), size=13, bold=True, align="center"))
    p.add(Gap(8))
    (level,) = m["hierarchy"]
    g = Grid()
    # the number first: the field that starts a sheet. Printed below the 基本目標 (``number_first``
    # False), the 基本目標 goes to the sheet before (tests/test_family_samples.py keeps that
    # variant as a known gap of the engine)
    top, below = (0, 1) if number_first else (1, 0)
    g.add(
        box(top, 0, "施策番号", cs=4, head=True),
        box(top, 4, m["id"], cs=3, align="center"),
        box(top, 7, "施策名", cs=3, head=True),
        box(top, 10, m["title"], cs=10),
        box(top, 20, "主管課", cs=3, head=True),
        box(top, 23, m["department"].replace(" ", "\u3000"), cs=7),
        box(below, 0, level["label"], cs=4, head=True),
        box(below, 4, level["text"], cs=26),
    )
    p.add(g, Gap(8), line(0, 30, "１　成果指標", bold=True), _indicators(m))
    (ev,) = m["evaluations"]
    if ev["grade"] not in GRADES:
        raise ValueError(f"{m['id']}: the grade {ev['grade']!r} is not one the template prints")
    options = "　".join(("■" if g == ev["grade"] else "□") + g for g in GRADES)
    g = Grid()
    g.add(
        box(0, 0, ev["label"], cs=5, head=True),
        box(0, 5, options, cs=25),
        box(1, 0, "評価理由", cs=5, head=True),
        box(1, 5, _lines(ev["reason"]), cs=25, height=48),
    )
    p.add(Gap(8), line(0, 30, "２　施策の評価", bold=True), g)
    texts = {n["kind"]: n for n in m["narratives"]}
    g = Grid()
    for r, kind in enumerate(("changes_and_issues", "next_steps")):
        n = texts[kind]
        g.add(
            box(r, 0, n["label"], cs=5, head=True),
            box(r, 5, _lines(n["items"]), cs=25, height=48),
        )
    p.add(Gap(8), line(0, 30, "３　課題と今後の方向性", bold=True), g)
    return p


def book(doc: Json, number_first: bool = True) -> Book:
    return Book(
        title=doc["title"],
        widths=WIDTHS,
        pages=[page(doc, m, number_first) for m in doc["measures"]],
        department="企画政策部 企画課",
        font_size=9.0,
    )


__all__ = ["GRADES", "book", "page"]
