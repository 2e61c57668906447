#!/usr/bin/env python3
# Vendored copy of ../shared/tools/score.py (the project's scoring tool), so that tests run on a
# clean checkout. Do not edit: refresh it from the shared copy.
"""Score a sheetparse output JSON against a gold JSON (contract versions 1 and 1.1).

Usage: score.py OUTPUT.json GOLD.json [--show N] [--json]

Every gold fact is one field:
- document: title, plan_term, report_fiscal_year;
- measure: presence, title, each measure-level figure caption, the order of its narratives;
- indicator: presence, unit; for each observation (baseline, target, each actual) its value
  (a JSON number, or null) and its raw text; the approximate flag and the note where the gold
  has them;
- narrative (matched by kind and actor): presence, label, fiscal_year, each item, each figure
  caption, and the order of its items.
Version 1.1 keys are scored where the gold has them: family, municipality and plan; a
measure's parent, department, hierarchy entries, period, costs (matched by label, fiscal year
and kind: value, raw, unit) and evaluations (matched by label: grade, each reason item); an
indicator's kind and its plans (observations like actuals). `other` narratives are matched by
their label as well as kind and actor. Not scored: observation and cost labels (`label`,
`label_header`), `source` locations, `policy`/`number`, diagnostics.
A field whose container is missing counts as missed. Text is compared exactly as written
except that white space is removed: a leading bullet the contract drops, and look-alike code
points (⽅ for 方, 〜 for ～), are errors. The NFKC-lenient item figure is printed
beside it to help find such errors.

Recall = gold fields found / gold fields. Precision = output facts that match gold / output
facts; spurious measures, indicators, observations, narratives, items and flags count against
it. The last line printed is the summary, e.g. `recall 99.20% precision 98.75% (...)`.
"""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter

def norm(text) -> str:
    """Exact text, less white space (the contract drops leading bullets, so a kept one is an error)."""
    if text is None:
        return ""
    return "".join(str(text).split())


def loose(text) -> str:
    return norm(unicodedata.normalize("NFKC", str(text or "")))


def number(v):
    """A JSON number as a comparable value; strings and booleans never equal a number."""
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return ("not-a-number", repr(v))
    return round(float(v), 6)


class Tally:
    def __init__(self):
        self.gold = self.found = self.out = self.matched_out = 0
        self.loose_items = self.items = 0
        self.misses: list[str] = []
        self.by_area: dict[str, list[int]] = {}

    def field(self, area: str, ok: bool, what: str):
        self.gold += 1
        a = self.by_area.setdefault(area, [0, 0])
        a[1] += 1
        if ok:
            self.found += 1
            a[0] += 1
        else:
            self.misses.append(f"[{area}] {what}")

    def facts(self, n_out: int, n_matched: int):
        self.out += n_out
        self.matched_out += min(max(n_matched, 0), n_out)


def observations(ind: dict) -> list[tuple[str, dict]]:
    out = []
    for role in ("baseline", "target"):
        if isinstance(ind.get(role), dict):
            out.append((role, ind[role]))
    out += [("actual", a) for a in ind.get("actuals") or [] if isinstance(a, dict)]
    out += [("plan", a) for a in ind.get("plans") or [] if isinstance(a, dict)]
    return out


def obs_facts(o: dict) -> int:
    return 2 + bool(o.get("approximate")) + bool(o.get("note"))


def narrative_facts(n: dict) -> int:
    return 3 + len(n.get("items") or []) + len(n.get("figures") or [])


def indicator_facts(i: dict) -> int:
    return 2 + (i.get("kind") is not None) + sum(obs_facts(o) for _, o in observations(i))


def measure_facts(m: dict) -> int:
    return (2 + len(m.get("figures") or [])
            + sum(indicator_facts(i) for i in m.get("indicators") or [])
            + sum(narrative_facts(n) for n in m.get("narratives") or [])
            + 4 * len(m.get("costs") or []) + len(m.get("hierarchy") or [])
            + sum(2 + len(e.get("reason") or []) for e in m.get("evaluations") or []))


def score_captions(t: Tally, where: str, gold_caps, out_caps, present: bool):
    o = Counter(norm(x) for x in out_caps or [])
    seen: Counter = Counter()
    for cap in gold_caps or []:
        k = norm(cap)
        seen[k] += 1
        t.field("figure", present and o.get(k, 0) >= seen[k], f"{where}: figure {cap!r}")
    t.facts(sum(o.values()), sum((o & Counter(norm(x) for x in gold_caps or [])).values()))


def score_indicator(t: Tally, label: str, gi: dict, oi: dict | None):
    present = oi is not None
    oi = oi or {}
    t.field("indicator", present, f"{label}: missing indicator")
    ok = present and norm(oi.get("unit")) == norm(gi.get("unit"))
    t.field("value", ok, f"{label}: unit want {gi.get('unit')!r} got {oi.get('unit')!r}")
    t.facts(2 if present else 0, (1 + ok) if present else 0)
    if "kind" in gi:
        okk = present and oi.get("kind") == gi.get("kind")
        t.field("value", okk, f"{label}: kind want {gi.get('kind')!r} got {oi.get('kind')!r}")
        t.facts(1 if present and oi.get("kind") is not None else 0, okk and oi.get("kind") is not None)
    out_obs = observations(oi)
    used: set[int] = set()
    for role, go in observations(gi):
        j = next((j for j, (r, o) in enumerate(out_obs) if j not in used and r == role
                  and o.get("fiscal_year") == go.get("fiscal_year")), None)
        oo = out_obs[j][1] if j is not None else None
        if j is not None:
            used.add(j)
        where = f"{label}: {role} {go.get('fiscal_year')}"
        okv = oo is not None and number(oo.get("value")) == number(go.get("value"))
        t.field("value", okv, f"{where} value want {go.get('value')!r} got {None if oo is None else oo.get('value')!r}")
        okr = oo is not None and norm(oo.get("raw")) == norm(go.get("raw"))
        t.field("raw", okr, f"{where} raw want {go.get('raw')!r} got {None if oo is None else oo.get('raw')!r}")
        matched = okv + okr
        if go.get("approximate"):
            oka = oo is not None and bool(oo.get("approximate"))
            t.field("value", oka, f"{where} {go.get('raw')!r} should be approximate")
            matched += oka
        if go.get("note"):
            okn = oo is not None and norm(oo.get("note")) == norm(go.get("note"))
            t.field("value", okn, f"{where} note want {go.get('note')!r} got {None if oo is None else oo.get('note')!r}")
            matched += okn
        if oo is not None:
            t.facts(obs_facts(oo), matched)
    for j, (role, oo) in enumerate(out_obs):
        if j not in used:
            t.facts(obs_facts(oo), 0)
            t.misses.append(f"[value] {label}: spurious {role} observation {oo.get('fiscal_year')}")


def score_narrative(t: Tally, label: str, gn: dict, on: dict | None):
    present = on is not None
    on = on or {}
    t.field("narrative", present, f"{label}: missing narrative")
    okl = present and norm(on.get("label")) == norm(gn.get("label"))
    t.field("narrative", okl, f"{label}: label want {gn.get('label')!r} got {on.get('label')!r}")
    okf = present and on.get("fiscal_year") == gn.get("fiscal_year")
    t.field("narrative", okf, f"{label}: fiscal_year want {gn.get('fiscal_year')} got {on.get('fiscal_year')}")
    t.facts(3 if present else 0, (1 + okl + okf) if present else 0)
    g_items, o_items = gn.get("items") or [], on.get("items") or []
    o = Counter(norm(x) for x in o_items)
    lo = Counter(loose(x) for x in o_items)
    seen: Counter = Counter()
    lseen: Counter = Counter()
    for item in g_items:
        k, lk = norm(item), loose(item)
        seen[k] += 1
        lseen[lk] += 1
        t.field("item", present and o.get(k, 0) >= seen[k], f"{label}: item {item[:60]!r}")
        t.items += 1
        t.loose_items += present and lo.get(lk, 0) >= lseen[lk]
    t.facts(len(o_items), sum((o & Counter(norm(x) for x in g_items)).values()))
    if len(g_items) > 1:
        t.field("order", present and [norm(x) for x in g_items] == [norm(x) for x in o_items],
                f"{label}: item order or split differs")
    score_captions(t, label, gn.get("figures"), on.get("figures"), present)


def score(out: dict, gold: dict) -> Tally:
    t = Tally()
    for key in ("title", "plan_term", "report_fiscal_year"):
        ok = (norm(out.get(key)) == norm(gold.get(key))) if key == "title" else out.get(key) == gold.get(key)
        t.field("document", ok, f"{key}: want {gold.get(key)!r} got {out.get(key)!r}")
        t.facts(1, int(ok))
    for key in ("family", "municipality", "plan"):  # version 1.1, where the gold has them
        if key in gold:
            ok = norm(out.get(key)) == norm(gold.get(key))
            t.field("document", ok, f"{key}: want {gold.get(key)!r} got {out.get(key)!r}")
            t.facts(1, int(ok))

    out_measures: dict = {}
    for m in out.get("measures") or []:
        out_measures.setdefault(m.get("id"), []).append(m)
    gold_ids = {m["id"] for m in gold.get("measures") or []}
    for mid, ms in out_measures.items():
        for m in ms[1:] if mid in gold_ids else ms:
            t.facts(measure_facts(m), 0)
            t.misses.append(f"[measure] spurious measure {mid!r}")

    for gm in gold.get("measures") or []:
        mid = gm["id"]
        om = (out_measures.get(mid) or [None])[0]
        present = om is not None
        om = om or {}
        t.field("measure", present, f"{mid}: missing measure")
        okt = present and norm(om.get("title")) == norm(gm.get("title"))
        t.field("measure", okt, f"{mid}: title want {gm.get('title')!r} got {om.get('title')!r}")
        t.facts(2 if present else 0, (1 + okt) if present else 0)
        score_captions(t, mid, gm.get("figures"), om.get("figures"), present)

        pool: dict[str, list] = {}
        for ind in om.get("indicators") or []:
            pool.setdefault(norm(ind.get("name")), []).append(ind)
        for gi in gm.get("indicators") or []:
            cands = pool.get(norm(gi.get("name"))) or []
            score_indicator(t, f"{mid}/{gi.get('name')}", gi, cands.pop(0) if cands else None)
        for rest in pool.values():
            for ind in rest:
                t.facts(indicator_facts(ind), 0)
                t.misses.append(f"[indicator] {mid}: spurious indicator {ind.get('name')!r}")

        npool: dict[tuple, list] = {}
        for n in om.get("narratives") or []:
            npool.setdefault(nkey(n), []).append(n)
        for gn in gm.get("narratives") or []:
            k = nkey(gn)
            cands = npool.get(k) or []
            # among narratives of one kind, the one with the same label pairs first
            j = next((j for j, n in enumerate(cands) if norm(n.get("label")) == norm(gn.get("label"))), 0)
            score_narrative(t, f"{mid}/{'/'.join(str(x) for x in k)}", gn, cands.pop(j) if cands else None)
        for k, rest in npool.items():
            for n in rest:
                t.facts(narrative_facts(n), 0)
                t.misses.append(f"[narrative] {mid}: spurious narrative {k}")
        gold_seq = [nkey(n) for n in gm.get("narratives") or []]
        out_seq = [nkey(n) for n in om.get("narratives") or []]
        if len(gold_seq) > 1:
            t.field("order", present and [k for k in out_seq if k in set(gold_seq)] == gold_seq,
                    f"{mid}: narrative order differs")
        score_measure_v11(t, mid, gm, om, present)
    return t


def nkey(n: dict) -> tuple:
    """Narratives pair by kind and actor; `other` ones by their printed label as well."""
    if n.get("kind") == "other":
        return (n.get("kind"), n.get("actor"), norm(n.get("label")))
    return (n.get("kind"), n.get("actor"))


def score_measure_v11(t: Tally, mid: str, gm: dict, om: dict, present: bool):
    """Version 1.1 measure keys, each scored only where the gold has the key."""
    for key in ("parent", "department"):
        if key in gm:
            ok = present and norm(om.get(key)) == norm(gm.get(key))
            t.field("measure", ok, f"{mid}: {key} want {gm.get(key)!r} got {om.get(key)!r}")
            t.facts(1 if present and om.get(key) is not None else 0, ok and om.get(key) is not None)
    if "period" in gm:
        gp, op = gm.get("period") or {}, om.get("period") or {}
        for k in ("start", "end"):
            ok = present and gp.get(k) == op.get(k)
            t.field("measure", ok, f"{mid}: period {k} want {gp.get(k)!r} got {op.get(k)!r}")
            t.facts(1 if op.get(k) is not None else 0, ok and op.get(k) is not None)
    if "hierarchy" in gm:
        oh = Counter((norm(h.get("label")), norm(h.get("text"))) for h in om.get("hierarchy") or [])
        gh = Counter((norm(h.get("label")), norm(h.get("text"))) for h in gm.get("hierarchy") or [])
        for h in gm.get("hierarchy") or []:
            k = (norm(h.get("label")), norm(h.get("text")))
            t.field("measure", present and oh.get(k, 0) > 0, f"{mid}: hierarchy {h.get('label')!r} {h.get('text')!r}")
        t.facts(sum(oh.values()), sum((oh & gh).values()))
    if "costs" in gm:
        pool: dict[tuple, list] = {}
        for c in om.get("costs") or []:
            pool.setdefault((norm(c.get("label")), c.get("fiscal_year"), c.get("kind")), []).append(c)
        for gc in gm.get("costs") or []:
            k = (norm(gc.get("label")), gc.get("fiscal_year"), gc.get("kind"))
            cands = pool.get(k) or []
            oc = cands.pop(0) if cands else None
            where = f"{mid}: cost {gc.get('label')!r} {gc.get('fiscal_year')} {gc.get('kind')}"
            t.field("cost", oc is not None, f"{where} missing")
            okv = oc is not None and number(oc.get("value")) == number(gc.get("value"))
            t.field("cost", okv, f"{where} value want {gc.get('value')!r} got {None if oc is None else oc.get('value')!r}")
            okr = oc is not None and norm(oc.get("raw")) == norm(gc.get("raw"))
            t.field("raw", okr, f"{where} raw want {gc.get('raw')!r} got {None if oc is None else oc.get('raw')!r}")
            oku = oc is not None and norm(oc.get("unit")) == norm(gc.get("unit"))
            t.field("cost", oku, f"{where} unit want {gc.get('unit')!r} got {None if oc is None else oc.get('unit')!r}")
            if oc is not None:
                t.facts(4, 1 + okv + okr + oku)
        for rest in pool.values():
            for c in rest:
                t.facts(4, 0)
                t.misses.append(f"[cost] {mid}: spurious cost {c.get('label')!r} {c.get('fiscal_year')} {c.get('kind')}")
    if "evaluations" in gm:
        pool = {}
        for e in om.get("evaluations") or []:
            pool.setdefault(norm(e.get("label")), []).append(e)
        for ge in gm.get("evaluations") or []:
            cands = pool.get(norm(ge.get("label"))) or []
            oe = cands.pop(0) if cands else None
            where = f"{mid}: evaluation {ge.get('label')!r}"
            t.field("evaluation", oe is not None, f"{where} missing")
            okg = oe is not None and norm(oe.get("grade")) == norm(ge.get("grade"))
            t.field("evaluation", okg, f"{where} grade want {ge.get('grade')!r} got {None if oe is None else oe.get('grade')!r}")
            g_items, o_items = ge.get("reason") or [], (oe or {}).get("reason") or []
            o = Counter(norm(x) for x in o_items)
            seen: Counter = Counter()
            for item in g_items:
                seen[norm(item)] += 1
                t.field("item", oe is not None and o.get(norm(item), 0) >= seen[norm(item)], f"{where} reason {item[:60]!r}")
            if oe is not None:
                t.facts(2 + len(o_items), 1 + okg + sum((o & Counter(norm(x) for x in g_items)).values()))
        for rest in pool.values():
            for e in rest:
                t.facts(2 + len(e.get("reason") or []), 0)
                t.misses.append(f"[evaluation] {mid}: spurious evaluation {e.get('label')!r}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("output")
    ap.add_argument("gold")
    ap.add_argument("--show", type=int, default=20, help="misses to print")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    a = ap.parse_args(argv)
    try:
        with open(a.output, encoding="utf-8") as f:
            out = json.load(f)
        if not isinstance(out, dict):
            raise ValueError("top level is not an object")
    except (OSError, ValueError) as e:
        print(f"cannot read output: {e}")
        print("recall 0.00% precision 0.00% (no output)")
        return 1
    with open(a.gold, encoding="utf-8") as f:
        gold = json.load(f)
    t = score(out, gold)
    recall = t.found / t.gold if t.gold else 1.0
    precision = t.matched_out / t.out if t.out else 0.0
    lenient = t.loose_items / t.items if t.items else 1.0
    if a.json:
        print(json.dumps({"recall": recall, "precision": precision, "items_nfkc_lenient": lenient,
                          "areas": t.by_area, "misses": t.misses[: a.show]}, ensure_ascii=False))
        return 0
    for area, (ok, n) in sorted(t.by_area.items()):
        print(f"{area:10s} {ok:5d}/{n:<5d} {100 * ok / n:6.2f}%")
    for m in t.misses[: a.show]:
        print("  miss", m)
    if len(t.misses) > a.show:
        print(f"  ... {len(t.misses) - a.show} more")
    print(f"items found if look-alike characters were forgiven (NFKC): {100 * lenient:.2f}%")
    print(f"recall {100 * recall:.2f}% precision {100 * precision:.2f}% "
          f"({t.found}/{t.gold} gold fields, {t.matched_out}/{t.out} output facts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
