#!/usr/bin/env python3
"""Compare a riskgrade run with the independent oracle of the default pack.

    check.py FIXTURES_DIR DB AS_OF [--no-warnings]

Reads the latest run (max(runs.id)) of DB and, for every point, compares the factors,
score, tier, set of flag codes and the multiset of warnings (reason, disposition,
responsible, due) with tests/oracle/default_pack.py.  The grades and flags are the run's
as the views run_grades and run_flags give them (a run stores only what changed); the
warnings are those the run issued, so only a first run's are all the pack asked for:
--no-warnings leaves them out, for a later run.  Prints one line per mismatch,
`POINT field: oracle X, engine Y`, then `N passed, M failed`.  Exit 1 on any mismatch.
"""

import os
import sqlite3
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import default_pack  # noqa: E402


def fmt_flags(s):
    return "{" + ", ".join(sorted(s)) + "}"


def fmt_warnings(c):
    items = sorted(c.elements(), key=lambda w: tuple("" if x is None else str(x) for x in w))
    return "[" + "; ".join("%s/%s/%s/%s" % (r, d, "None" if p is None else p, due)
                           for r, d, p, due in items) + "]"


def main(argv):
    if len(argv) not in (4, 5) or (len(argv) == 5 and argv[4] != "--no-warnings"):
        print("usage: check.py FIXTURES_DIR DB AS_OF [--no-warnings]", file=sys.stderr)
        return 2
    fixtures, db, as_of = argv[1], argv[2], argv[3]
    check_warnings = len(argv) == 4
    oracle = default_pack.grade_all(fixtures, as_of)

    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    run = con.execute("SELECT max(id) FROM runs").fetchone()[0]
    if run is None:
        print("no run in %s" % db)
        print("0 passed, %d failed" % len(oracle))
        return 1
    run_as_of = con.execute("SELECT as_of FROM runs WHERE id = ?", (run,)).fetchone()[0]
    if run_as_of != as_of:
        print("note: run %d is as of %s, checking against oracle as of %s"
              % (run, run_as_of, as_of))

    grades = {}
    for row in con.execute("SELECT point, importance, discretion, likelihood, harm, score,"
                           " tier FROM run_grades WHERE run = ?", (run,)):
        grades[row[0]] = row[1:]
    flags = {}
    for point, code in con.execute("SELECT point, code FROM run_flags WHERE run = ?", (run,)):
        flags.setdefault(point, set()).add(code)
    warns = {}
    for point, reason, disp, resp, due in con.execute(
            "SELECT point, reason, disposition, responsible, due FROM warnings"
            " WHERE run = ?", (run,)):
        warns.setdefault(point, Counter())[(reason, disp, resp, due)] += 1
    con.close()

    passed = failed = 0
    for point in sorted(set(oracle) | set(grades) | set(flags) | set(warns)):
        bad = []
        o = oracle.get(point)
        g = grades.get(point)
        if o is None:
            bad.append("point: oracle absent, engine graded")
        elif g is None:
            bad.append("point: oracle graded, engine absent")
        else:
            for name, ov, ev in zip(
                    ("importance", "discretion", "likelihood", "harm", "score", "tier"),
                    (o.importance, o.discretion, o.likelihood, o.harm, o.score, o.tier), g):
                if name == "score":
                    same = ev is not None and float(ov) == float(ev)
                    ev_s = ("%g" % ev) if isinstance(ev, (int, float)) else ev
                else:
                    same = ov == ev
                    ev_s = ev
                if not same:
                    bad.append("%s: oracle %s, engine %s" % (name, ov, ev_s))
            of, ef = set(o.flags), flags.get(point, set())
            if of != ef:
                bad.append("flags: oracle %s, engine %s" % (fmt_flags(of), fmt_flags(ef)))
            ow, ew = Counter(o.warnings), warns.get(point, Counter())
            ow = Counter({tuple(k): v for k, v in ow.items()})
            if check_warnings and ow != ew:
                bad.append("warnings: oracle %s, engine %s"
                           % (fmt_warnings(ow), fmt_warnings(ew)))
        if bad:
            failed += 1
            for b in bad:
                print("%s %s" % (point, b))
        else:
            passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
