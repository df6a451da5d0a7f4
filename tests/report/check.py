#!/usr/bin/env python3
"""check.py DOM DB RUN AS_OF [AGENCY]: compare the figures of a rendered report with the
database.

DOM is the page as headless Chromium rendered it (--dump-dom).  Every expected figure is
worked out here from the raw rows, read with the sqlite3 command-line tool (a run's
grades and flags through the views run_grades and run_flags, schemas/README.md), and
aggregated in Python: the agency tree, the counts per tier and agency, the matrix, the
open flags, the warnings up to the run and the overdue ones, the tier changes since the
previous run, and the top scores; the time the run was recorded, stored in UTC, as the
local time of the zone TZ names, converted here with Python's time module.  None of it
is read back from riskgrade.  Prints one
line per mismatch and exits 1 if there is any.  Standard library only.
"""
import calendar
import json
import subprocess
import sys
import time
from html.parser import HTMLParser

TIERS = ["一级", "二级", "三级"]  # 一级 is the highest risk
TIER_KEY = {"一级": "tier1", "二级": "tier2", "三级": "tier3"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}


def sql(db, query):
    """Rows of query as dicts, from the sqlite3 command-line tool."""
    out = subprocess.run(["sqlite3", "-json", db, query], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out) if out.strip() else []


def local_time(utc):
    """The UTC stamp utc ('2026-12-03T10:00:00Z') in the zone of TZ, as the report names
    it: '2026-12-03 18:00:00 CST (UTC+08:00)' (no name for a zone whose abbreviation is a
    number such as '+0530')."""
    t = time.localtime(calendar.timegm(time.strptime(utc, "%Y-%m-%dT%H:%M:%SZ")))
    off = t.tm_gmtoff
    sign = "-" if off < 0 else "+"
    off = abs(off)
    name = "" if t.tm_zone[:1] in ("+", "-") else t.tm_zone + " "
    return (time.strftime("%Y-%m-%d %H:%M:%S ", t) + name +
            f"(UTC{sign}{off // 3600:02d}:{off % 3600 // 60:02d})")


class Page(HTMLParser):
    """The elements that carry figures: data-figure, data-agency and data-point ones,
    each with its attributes, its text and (for rows) the text of each cell."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []      # open elements: [tag, attrs, text parts, cells]
        self.items = []      # closed elements of interest: (tag, attrs, text, cells)
        self.tags = {}       # tag name -> count, to find what must not be there

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag not in VOID:
            self.stack.append([tag, dict(attrs), [], []])

    def handle_startendtag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        a = dict(attrs)
        if "data-figure" in a:
            self.items.append((tag, a, "", []))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            t, a, parts, cells = self.stack.pop()
            text = "".join(parts)
            if t in ("td", "th"):
                for el in reversed(self.stack):
                    if el[0] == "tr":
                        el[3].append(text)
                        break
            if "data-figure" in a or "data-agency" in a or "data-point" in a:
                self.items.append((t, a, text, cells))
            if t == tag:
                break

    def handle_data(self, data):
        for el in self.stack:
            el[2].append(data)


class Checker:
    def __init__(self):
        self.problems = 0
        self.checked = 0

    def eq(self, what, got, want):
        self.checked += 1
        if got != want:
            self.problems += 1
            print(f"  MISMATCH {what}: report has {got!r}, database gives {want!r}")


def main():
    dom_path, db, run, as_of = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    agency = sys.argv[5] if len(sys.argv) > 5 else None
    page = Page()
    with open(dom_path, encoding="utf-8") as f:
        page.feed(f.read())
    page.close()
    c = Checker()

    # ---- the figures of the page, by key ----
    fig = {}
    rows = {}
    for tag, a, text, cells in page.items:
        key = a.get("data-figure")
        if key in ("flagged", "changed", "top", "overdue-row"):
            rows.setdefault(key, []).append((a, cells))
        elif key is not None and not key.startswith("bar:"):
            if key in fig:
                c.eq(f"figure {key} appears once", "twice", "once")
            fig[key] = text.strip()
        if tag == "tr" and "data-agency" in a:
            rows.setdefault("agency", []).append((a, cells))
    bars = {a["data-figure"]: int(a["data-count"]) for tag, a, _, _ in page.items
            if a.get("data-figure", "").startswith("bar:")}

    def num(key):
        v = fig.get(key)
        return int(v) if v is not None and v.isdigit() else v

    # ---- what the database says ----
    parent = {r["code"]: r["parent"] for r in sql(db, "SELECT code, parent FROM agencies")}
    names = {r["code"]: r["name"] for r in sql(db, "SELECT code, name FROM agencies")}
    if agency is None:
        scope = set(parent)
    else:
        scope = {agency}
        grew = True
        while grew:
            grew = False
            for code, par in parent.items():
                if par in scope and code not in scope:
                    scope.add(code)
                    grew = True

    runrow = sql(db, f"SELECT * FROM runs WHERE id = {run}")[0]
    grades = [g for g in sql(db, "SELECT g.point, p.agency, g.tier, g.likelihood, g.harm,"
                                 " g.score, p.manifestation, p.post FROM run_grades g"
                                 f" JOIN points p ON p.code = g.point WHERE g.run = {run}")
              if g["agency"] in scope]
    in_scope = {g["point"] for g in grades}

    # header
    c.eq("run", num("run"), run)
    c.eq("run as-of", fig.get("run-as-of"), runrow["as_of"])
    c.eq("as-of", fig.get("as-of"), as_of)
    c.eq("created_at", fig.get("created-at"),
         local_time(runrow["created_at"]) if runrow["created_at"] else "未记录")
    c.eq("points", num("points"), len(grades))
    for t in TIERS:
        n = sum(1 for g in grades if g["tier"] == t)
        c.eq(f"{t} in the header", num(TIER_KEY[t]), n)
        if agency is None:  # the run's own record, a second source
            c.eq(f"{t} in the header vs runs", num(TIER_KEY[t]), runrow[TIER_KEY[t]])
    for p in sql(db, f"SELECT pack, sha256 FROM run_packs WHERE run = {run}"):
        key = "pack:" + p["pack"]
        c.eq(f"short sha256 of pack {p['pack']}", fig.get(key), p["sha256"][:12])
        shas = [a.get("data-sha256") for _, a, _, _ in page.items
                if a.get("data-figure") == key]
        c.eq(f"sha256 of pack {p['pack']}", shas, [p["sha256"]])

    # 一、 tiers per agency: table and chart
    per = {}
    for g in grades:
        per.setdefault(g["agency"], {t: 0 for t in TIERS})[g["tier"]] += 1
    table_rows = {a["data-agency"]: cells for a, cells in rows.get("agency", [])}
    c.eq("agencies in the table", sorted(table_rows), sorted(per))
    for code, counts in sorted(per.items()):
        c.eq(f"name of {code}", table_rows.get(code, [None, None])[1], names[code])
        for t in TIERS:
            c.eq(f"{t} of {code}", num(f"{TIER_KEY[t]}:{code}"), counts[t])
            c.eq(f"chart bar {t} of {code}", bars.get(f"bar:{TIER_KEY[t]}:{code}"),
                 counts[t] or None)
        c.eq(f"total of {code}", num(f"total:{code}"), sum(counts.values()))
    for t in TIERS:
        c.eq(f"sum of {t}", num(f"sum:{TIER_KEY[t]}"),
             sum(1 for g in grades if g["tier"] == t))
    c.eq("sum of all", num("sum:total"), len(grades))
    c.eq("bars in the chart", len(bars),
         sum(1 for counts in per.values() for n in counts.values() if n))

    # 二、 the matrix
    for lk in range(1, 6):
        for hm in range(1, 6):
            n = sum(1 for g in grades if g["likelihood"] == lk and g["harm"] == hm)
            c.eq(f"matrix likelihood {lk} harm {hm}", num(f"matrix:{lk}:{hm}"), n)

    # 三、 open flags (not cleared by an approval)
    flags = [f for f in sql(db, f"SELECT point, code, cleared_by FROM run_flags WHERE run = {run}")
             if f["point"] in in_scope]
    open_flags = [f for f in flags if f["cleared_by"] is None]
    c.eq("open flags", num("flags-open"), len(open_flags))
    c.eq("cleared flags", num("flags-cleared"), len(flags) - len(open_flags))
    flagged = sorted({f["point"] for f in open_flags})
    c.eq("flagged points", num("flagged-points"), len(flagged))
    c.eq("flagged points in the header", num("flagged-points-total"), len(flagged))
    by_code = {}
    for f in open_flags:
        by_code[f["code"]] = by_code.get(f["code"], 0) + 1
    c.eq("flag codes", sorted(k[5:] for k in fig if k.startswith("flag:")), sorted(by_code))
    for code, n in sorted(by_code.items()):
        c.eq(f"flag {code}", num(f"flag:{code}"), n)
    c.eq("flagged point list", sorted(a["data-point"] for a, _ in rows.get("flagged", [])),
         flagged)

    # 四、 warnings: every warning issued up to this run, in its current status
    warnings = [w for w in sql(db, "SELECT w.id, w.run, w.status, w.due, p.agency"
                                   " FROM warnings w JOIN points p ON p.code = w.point")
                if w["run"] <= run and w["agency"] in scope]
    for st in ["发布", "签收", "反馈", "解除"]:
        c.eq(f"warnings {st}", num(f"warn:{st}"), sum(1 for w in warnings if w["status"] == st))
    c.eq("warnings in all", num("warn-total"), len(warnings))
    overdue = sorted(w["id"] for w in warnings
                     if w["status"] in ("发布", "签收") and w["due"] < as_of)
    c.eq("overdue warnings", num("overdue"), len(overdue))
    c.eq("overdue warnings in the header", num("overdue-total"), len(overdue))
    c.eq("overdue warning list",
         sorted(int(a["data-warning"]) for a, _ in rows.get("overdue-row", [])), overdue)

    # 五、 changes since the previous run (the highest id below this one)
    prev = [r["id"] for r in sql(db, f"SELECT id FROM runs WHERE id < {run}")]
    if not prev:
        c.eq("first run note", "first-run" in fig, True)
        c.eq("changed rows of a first run", rows.get("changed", []), [])
    else:
        p = max(prev)
        before = {g["point"]: g["tier"] for g in
                  sql(db, f"SELECT point, tier FROM run_grades WHERE run = {p}")}
        want = set()
        for g in grades:
            old = before.get(g["point"])
            if old is not None and old != g["tier"]:
                d = "升" if TIERS.index(g["tier"]) < TIERS.index(old) else "降"
                want.add((g["point"], old, g["tier"], d))
        got = {(a["data-point"], a["data-from"], a["data-to"], a["data-change"])
               for a, _ in rows.get("changed", [])}
        c.eq("previous run", num("prev-run"), p)
        c.eq("changed points", sorted(got), sorted(want))
        c.eq("tiers raised", num("change:升"), sum(1 for w in want if w[3] == "升"))
        c.eq("tiers lowered", num("change:降"), sum(1 for w in want if w[3] == "降"))
        c.eq("tiers changed", num("change-total"), len(want))
        c.eq("first run note", "first-run" in fig, False)

    # 六、 top risks: the ten highest scores, ties by point code
    top = sorted(grades, key=lambda g: (-g["score"], g["point"]))[:10]
    got = [(a["data-point"], float(a["data-score"]), cells[-1]) for a, cells in rows.get("top", [])]
    c.eq("top risks", got, [(g["point"], float(g["score"]), g["manifestation"]) for g in top])

    # self-contained and inert: nothing to fetch, nothing to run
    for tag in ("script", "link", "img", "iframe", "object", "embed", "frame", "base"):
        c.eq(f"<{tag}> elements", page.tags.get(tag, 0), 0)

    print(f"  {c.checked} figures checked, {c.problems} mismatches")
    return 1 if c.problems else 0


if __name__ == "__main__":
    sys.exit(main())
