#!/usr/bin/env python3
"""Print the as-of dates at which to grade a fixtures folder, in order, one per line.

    dates.py FIXTURES_DIR FROM TO MAX

The default pack's result can change only on the days its recheck_on names: a date of
the facts, or one of them plus 1 (a measure's due date passed), 366 (a signal leaving the
365-day window) or a review cycle plus 1 (181, 366, 731).  Every such day between FROM and
TO is taken with the day before it, so that a run on the day before promises its result
and the run on the day itself must see it has run out.  At most MAX pairs, sampled with a
fixed seed when there are more, so the list is the same on every machine.
"""
import datetime
import glob
import random
import re
import sys

OFFSETS = (0, 1, 181, 366, 731)


def main(argv):
    if len(argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    folder, first, last, most = argv[1], argv[2], argv[3], int(argv[4])
    seen = set()
    for path in glob.glob(folder + "/*.csv"):
        with open(path, encoding="utf-8") as f:
            seen.update(re.findall(r"\b\d{4}-\d{2}-\d{2}\b", f.read()))
    days = set()
    for text in seen:
        try:
            d = datetime.date.fromisoformat(text)
        except ValueError:
            continue
        for n in OFFSETS:
            b = d + datetime.timedelta(days=n)
            if first <= b.isoformat() <= last:
                days.add(b)
    days = sorted(days)
    if len(days) > most:
        days = sorted(random.Random(11).sample(days, most))
    out = set()
    for d in days:
        out.add(d - datetime.timedelta(days=1))
        out.add(d)
    for d in sorted(out):
        print(d.isoformat())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
