#!/usr/bin/env python3
"""Independent oracle for the national default rule pack (rules/default.lua).

Written only from rules/README.md ("What grade receives" and "The national
default pack (default.lua)") and schemas/001_method.sql -- not from the Lua pack
or the C engine.  Python 3 standard library only.

    default_pack.py FIXTURES_DIR AS_OF      prints the oracle's grades, one point a line

As a module: grade_all(fixtures_dir, as_of) -> {point_code: Result}.

Places where the specification leaves room for interpretation are marked
"AMBIGUITY" below; each says which reading this oracle takes.
"""

import csv
import datetime
import os
import sqlite3
import sys
from collections import namedtuple

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "..", "..", "schemas", "001_method.sql")

# ---------------------------------------------------------------------------------------
# Constants, transcribed from rules/README.md
# ---------------------------------------------------------------------------------------

IMPORTANCE_BY_KIND = {
    "行政许可": 4, "行政审批": 4, "行政处罚": 4, "行政强制": 4, "行政征收": 4,
    "行政给付": 3, "监督检查": 3,
    "行政确认": 2, "其他": 2,
    "人事管理": 4, "财务管理": 4, "采购管理": 4,
    "资产管理": 3,
    "重大事项决策": 5, "重要人事任免": 5, "重大项目安排": 5, "大额资金使用": 5,
}
IMPORTANCE_BY_LEVEL = {"单位": 3, "科室": 2, "岗位": 2}

DISCRETION_BY_KIND = {
    "行政处罚": 5,
    "行政许可": 4, "行政审批": 4, "行政强制": 4, "人事管理": 4, "采购管理": 4,
    "重大事项决策": 4, "重要人事任免": 4, "重大项目安排": 4, "大额资金使用": 4,
    "行政征收": 3, "行政给付": 3, "监督检查": 3, "财务管理": 3, "资产管理": 3,
    "行政确认": 2, "其他": 2,
}
DISCRETION_NO_POWER = 2

LIKELIHOOD_BASE = 2
LIKELIHOOD_SIGNAL_WINDOW = 365     # 0 <= days(signal, as_of) <= 365
LIKELIHOOD_SIGNAL_MAX = 2

HARM_BY_LEVEL = {"单位": 4, "科室": 3, "岗位": 2}
HARM_FUNDS = 500                   # 万元
IMPORTANCE_FUNDS = 100             # 万元

RATING_WEIGHTS = {"岗位自评": 1, "部室互评": 1, "群众点评": 1, "集体评议": 2, "党组审核": 3}
FACTOR_NAMES = {"权力重要程度": "importance", "自由裁量权": "discretion",
                "发生概率": "likelihood", "危害程度": "harm"}

TIER_RANK = {"一级": 1, "二级": 2, "三级": 3}        # 1 = highest risk
REVIEW_DAYS = {"一级": 180, "二级": 365, "三级": 730}
DUE_DAYS = {"一级": 15, "二级": 30, "三级": 60}
SEVERITY_RANK = {"一般": 1, "较重": 2, "严重": 3}
DISPOSITION_BY_SEVERITY = {"一般": "风险提示", "较重": "诫勉谈话", "严重": "责令纠错"}
DISPOSITION_BY_TIER = {"一级": "诫勉谈话", "二级": "风险提示", "三级": "风险提示"}

REASON_UNDER = "定级偏低（避高就低）"
REASON_MEASURE = "防控措施未见实效"


def cap(v):
    """All values are capped to 1-5."""
    return max(1, min(5, v))


def days(a, b):
    """Days from date a to date b (negative if b is earlier), as date.days(a, b)."""
    return (datetime.date.fromisoformat(b) - datetime.date.fromisoformat(a)).days


def add_days(d, n):
    return (datetime.date.fromisoformat(d) + datetime.timedelta(days=n)).isoformat()


def tier_of(score):
    if score >= 36:
        return "一级"
    if score >= 26:
        return "二级"
    return "三级"


# ---------------------------------------------------------------------------------------
# Reading the fixtures
# ---------------------------------------------------------------------------------------

def load_labels():
    """(table, Chinese label) -> column name, from the labels table of the schema."""
    con = sqlite3.connect(":memory:")
    with open(SCHEMA, encoding="utf-8") as f:
        con.executescript(f.read())
    out = {}
    for tbl, col, label in con.execute("SELECT tbl, col, label FROM labels"):
        out[(tbl, label)] = col
        out[(tbl, col)] = col          # the importer also accepts the column name
    con.close()
    return out


BOOL_COLUMNS = {("powers", "major"), ("signals", "substantiated")}


def read_table(fixtures_dir, table, labels):
    """Rows of the CSV file NN_<table>.csv as dicts keyed by column name.
    Empty field = None; 是/否 = 1/0.  Rows keep file order (= the order of their ids)."""
    names = [n for n in sorted(os.listdir(fixtures_dir))
             if n.endswith(".csv") and n.split("_", 1)[-1][:-4] == table]
    if not names:
        return []
    rows = []
    with open(os.path.join(fixtures_dir, names[0]), encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        cols = [labels[(table, h.strip())] for h in header]
        for rec in reader:
            if not rec or all(x == "" for x in rec):
                continue
            row = {}
            for c, v in zip(cols, rec):
                if v == "":
                    v = None
                elif (table, c) in BOOL_COLUMNS:
                    v = {"是": 1, "否": 0}.get(v, v)
                    v = int(v)
                row[c] = v
            rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------
# Building the facts of a point (the `p` of the contract)
# ---------------------------------------------------------------------------------------

def build_facts(fixtures_dir):
    labels = load_labels()
    t = {name: read_table(fixtures_dir, name, labels) for name in
         ("agencies", "departments", "posts", "persons", "oversight", "powers", "points",
          "ratings", "measures", "signals", "changes")}
    posts = {r["code"]: r for r in t["posts"]}
    powers = {r["code"]: r for r in t["powers"]}
    departments = {r["code"]: r for r in t["departments"]}

    facts = {}
    for pt in t["points"]:
        code = pt["code"]
        p = {"code": code, "agency": pt["agency"], "level": pt["level"],
             "approved_tier": pt.get("approved_tier"),
             "approved_on": pt.get("approved_on"),
             "last_graded": pt.get("last_graded")}

        pw = powers.get(pt.get("power")) if pt.get("power") else None
        if pw is not None:
            funds = pw.get("funds")
            p["power"] = {"code": pw["code"], "kind": pw["kind"],
                          "major": bool(pw.get("major") or 0),
                          # funds is NOT NULL DEFAULT 0 in the schema
                          "funds": float(funds) if funds is not None else 0.0}
        else:
            p["power"] = None
        post_code = pt.get("post")
        p["post"] = post_code

        # department = the point's department, or its post's
        dept = pt.get("department")
        if dept is None and post_code is not None and post_code in posts:
            dept = posts[post_code].get("department")
        p["department"] = dept

        # people
        def lowest(codes):
            codes = sorted(c for c in codes if c is not None)
            return codes[0] if codes else None
        people = {
            "department_head": lowest(
                r["code"] for r in t["persons"]
                if dept is not None and r.get("department") == dept
                and r["role"] == "科室负责人") if dept is not None else None,
            "leader_in_charge": lowest(
                r["person"] for r in t["oversight"]
                if r["department"] == dept) if dept is not None else None,
            "principal": lowest(
                r["code"] for r in t["persons"]
                if r["agency"] == pt["agency"] and r["role"] == "主要领导"),
        }
        p["people"] = people

        # ratings in file (= id) order; "oldest first" then means a stable sort by date
        rl = [dict(r, _seq=i) for i, r in enumerate(t["ratings"]) if r["point"] == code]
        rl.sort(key=lambda r: (r["rated_on"], r["_seq"]))
        p["ratings"] = [{"source": r["source"], "factor": r["factor"],
                         "value": int(r["value"]), "date": r["rated_on"], "seq": r["_seq"]}
                        for r in rl]

        p["measures"] = [{"status": r.get("status") or "未启动", "due": r.get("due"),
                          "responsible": r.get("responsible")}
                         for r in t["measures"] if r["point"] == code]

        # signals of a point: its own, or its post's (each signal once)
        sl = []
        for i, r in enumerate(t["signals"]):
            on_point = r.get("point") == code
            on_post = post_code is not None and r.get("post") == post_code
            if on_point or on_post:
                sl.append({"id": i + 1, "source": r["source"], "date": r["received_on"],
                           "severity": r.get("severity") or "一般",
                           "substantiated": bool(r.get("substantiated") or 0),
                           "via": "point" if on_point else "post"})
        sl.sort(key=lambda s: (s["date"], s["id"]))
        p["signals"] = sl

        # changes of a point: of its power, or of its post
        cl = []
        for i, r in enumerate(t["changes"]):
            on_power = p["power"] is not None and r.get("power") == pt.get("power")
            on_post = post_code is not None and r.get("post") == post_code
            if on_power or on_post:
                cl.append({"id": i + 1, "kind": r["kind"], "date": r["changed_on"],
                           "on_power": on_power, "on_post": on_post})
        cl.sort(key=lambda c: (c["date"], c["id"]))
        p["changes"] = cl
        facts[code] = p
    return facts


# ---------------------------------------------------------------------------------------
# The default pack
# ---------------------------------------------------------------------------------------

Warning = namedtuple("Warning", "reason disposition responsible due")
Result = namedtuple("Result", "importance discretion likelihood harm score tier flags warnings")


def failing_measure(m, as_of):
    """效果不佳, or a due date before as_of with a status other than 已落实.
    AMBIGUITY: measures carry no date of their own; a 效果不佳 measure counts whatever its
    due date (the demo README confirms this for due dates after as_of)."""
    if m["status"] == "效果不佳":
        return True
    return m["due"] is not None and m["due"] < as_of and m["status"] != "已落实"


def grade(p, as_of):
    power = p["power"]
    level = p["level"]
    # Facts dated after as_of are ignored throughout.
    signals = [s for s in p["signals"] if s["date"] <= as_of]
    changes = [c for c in p["changes"] if c["date"] <= as_of]
    ratings = [r for r in p["ratings"] if r["date"] <= as_of]

    # --- factors derived from the facts ---
    if power is not None:
        importance = IMPORTANCE_BY_KIND[power["kind"]]
        if power["major"]:
            importance += 1
        if power["funds"] >= IMPORTANCE_FUNDS:
            importance += 1
        discretion = DISCRETION_BY_KIND[power["kind"]]
    else:
        importance = IMPORTANCE_BY_LEVEL[level]
        discretion = DISCRETION_NO_POWER

    recent = [s for s in signals if s["substantiated"]
              and 0 <= days(s["date"], as_of) <= LIKELIHOOD_SIGNAL_WINDOW]
    any_failing = any(failing_measure(m, as_of) for m in p["measures"])
    likelihood = LIKELIHOOD_BASE + min(len(recent), LIKELIHOOD_SIGNAL_MAX) \
        + (1 if any_failing else 0)

    harm = HARM_BY_LEVEL[level]
    if power is not None and power["funds"] >= HARM_FUNDS:
        harm += 1
    if any(s["substantiated"] and s["severity"] == "严重" for s in signals):
        harm += 1

    derived = {"importance": cap(importance), "discretion": cap(discretion),
               "likelihood": cap(likelihood), "harm": cap(harm)}

    # --- 四评一审 ---
    # Each source's latest rating per factor: by date, the later row winning a tie.
    # AMBIGUITY: "the later row" is read as the later row of the ratings table (the
    # later CSV line / higher id).
    latest = {}
    for r in ratings:
        key = (r["factor"], r["source"])
        cur = latest.get(key)
        if cur is None or (r["date"], r["seq"]) > (cur["date"], cur["seq"]):
            latest[key] = r
    factors = dict(derived)
    for fname, field in FACTOR_NAMES.items():
        rows = [r for (f, _), r in latest.items() if f == fname]
        if not rows:
            continue
        wsum = sum(RATING_WEIGHTS[r["source"]] * r["value"] for r in rows)
        weights = sum(RATING_WEIGHTS[r["source"]] for r in rows)
        rated = (2 * wsum + weights) // (2 * weights)
        factors[field] = cap(max(factors[field], rated))

    score = 3 * factors["importance"] + 2 * factors["discretion"] \
        + 2 * factors["likelihood"] + 3 * factors["harm"]
    tier = tier_of(score)

    # --- re-grading flags ---
    flags = set()
    approved = p["approved_tier"]
    # AMBIGUITY: an approved tier whose approved_on is after as_of is still used here
    # (the flag table says "no approved tier"); "facts dated after as_of are ignored"
    # could be read to drop it.  Neither fixture set exercises this.
    if approved is None:
        flags.add("unapproved")
    else:
        if TIER_RANK[tier] < TIER_RANK[approved]:
            flags.add("under_graded")
        if TIER_RANK[tier] > TIER_RANK[approved]:
            flags.add("over_graded")

    last = p["last_graded"]
    new_signals = []
    if last is not None:
        # AMBIGUITY: "on the point's power" / "on the point's post" are read strictly:
        # a 法律法规调整 counts only if it names the point's power, a 职责权限变更 only if
        # it names the point's post (not merely any change in the point's change list).
        if any(c["kind"] == "法律法规调整" and c["on_power"] and c["date"] > last
               for c in changes):
            flags.add("law_changed")
        if any(c["kind"] == "职责权限变更" and c["on_post"] and c["date"] > last
               for c in changes):
            flags.add("duty_changed")
        new_signals = [s for s in signals if s["substantiated"] and s["date"] > last]
        if new_signals:
            flags.add("new_signal")
    if any_failing:
        flags.add("measure_failed")
    review_tier = approved if approved is not None else tier
    if last is None or days(last, as_of) > REVIEW_DAYS[review_tier]:
        flags.add("review_due")

    # --- warnings ---
    people = p["people"]
    responsible = {"岗位": people["department_head"], "科室": people["leader_in_charge"],
                   "单位": people["principal"]}[level]
    due = add_days(as_of, DUE_DAYS[tier])
    warnings = []
    if "new_signal" in flags:
        # The reason names no source or severity, so that a worse signal on the same point
        # escalates the open warning instead of issuing a second one.
        top = max(SEVERITY_RANK[s["severity"]] for s in new_signals)
        severity = next(s["severity"] for s in new_signals
                        if SEVERITY_RANK[s["severity"]] == top)
        warnings.append(Warning("新的属实风险信息", DISPOSITION_BY_SEVERITY[severity],
                                responsible, due))
    if "under_graded" in flags:
        warnings.append(Warning(REASON_UNDER, DISPOSITION_BY_TIER[tier], responsible, due))
    if "measure_failed" in flags:
        warnings.append(Warning(REASON_MEASURE, DISPOSITION_BY_TIER[tier], responsible, due))

    return Result(factors["importance"], factors["discretion"], factors["likelihood"],
                  factors["harm"], score, tier, frozenset(flags), warnings)


def grade_all(fixtures_dir, as_of):
    return {code: grade(p, as_of) for code, p in build_facts(fixtures_dir).items()}


def main(argv):
    if len(argv) != 3:
        print("usage: default_pack.py FIXTURES_DIR AS_OF", file=sys.stderr)
        return 2
    for code, r in sorted(grade_all(argv[1], argv[2]).items()):
        print(code, r.importance, r.discretion, r.likelihood, r.harm, r.score, r.tier,
              ",".join(sorted(r.flags)) or "-",
              "; ".join("%s/%s/%s/%s" % w for w in r.warnings) or "-")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
