#!/usr/bin/env python3
"""Check every run of a database against the independent oracle of the default pack.

    sweep.py FIXTURES_DIR DB

For each run (in order), the factors, score, tier and flag codes of every point, as the
views run_grades and run_flags give them, must be what tests/oracle/default_pack.py
computes from the fixtures as of the run's date.  A run that took a stored result
(recheck_on not yet reached) must give the same as the oracle grading afresh.  Prints
one line per mismatch, then `N runs, M points checked, K failed`; exit 1 on any failure.
"""
import os
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "oracle"))
import default_pack  # noqa: E402


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    fixtures, db = argv[1], argv[2]
    facts = default_pack.build_facts(fixtures)
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    runs = con.execute("SELECT id, as_of FROM runs ORDER BY id").fetchall()
    checked = failed = 0
    for run, as_of in runs:
        grades = {row[0]: row[1:] for row in con.execute(
            "SELECT point, importance, discretion, likelihood, harm, score, tier"
            " FROM run_grades WHERE run = ?", (run,))}
        flags = {}
        for point, code in con.execute("SELECT point, code FROM run_flags WHERE run = ?",
                                       (run,)):
            flags.setdefault(point, set()).add(code)
        for point, p in sorted(facts.items()):
            o = default_pack.grade(p, as_of)
            want = (o.importance, o.discretion, o.likelihood, o.harm, float(o.score), o.tier)
            got = grades.get(point)
            if got is not None:
                got = got[:5] + (got[5],)
                got = (got[0], got[1], got[2], got[3], float(got[4]), got[5])
            bad = []
            if got != want:
                bad.append("grade: oracle %s, engine %s" % (want, got))
            if set(o.flags) != flags.get(point, set()):
                bad.append("flags: oracle %s, engine %s"
                           % (sorted(o.flags), sorted(flags.get(point, set()))))
            checked += 1
            if bad:
                failed += 1
                for b in bad:
                    print("run %d (as of %s) %s %s" % (run, as_of, point, b))
    con.close()
    print("%d runs, %d points checked, %d failed" % (len(runs), checked, failed))
    return 1 if failed or not runs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
