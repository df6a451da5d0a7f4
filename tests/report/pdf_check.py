#!/usr/bin/env python3
"""pdf_check.py PDF DB: the report as Chromium prints it, read back page by page.

PDF is `chromium --headless --no-pdf-header-footer --print-to-pdf` of a report of the
database DB.  Read with poppler's pdfinfo and pdftotext (-layout), it must be:

1. A4 portrait, every page (595.28 x 841.89 points, give or take a point), and no page
   stamped by the browser (no file:// address, no date header);
2. tables whose header row is repeated on each printed page: on every page, a line
   holding a point's code (the list tables: flagged points, overdue warnings, changes,
   top risks) comes after a header line holding 风险点编号, and a line starting with an
   agency's code (the table of tiers per agency) after the header line starting with
   单位代码;
3. the total row of the tiers per agency (合计 and four numbers) printed once, neither
   repeated at the foot of each page the table spans nor left alone at the top of a
   page: on the page of the table's last agency row, below it.
The codes come from DB (sqlite3), not from the report.  Prints what differs and exits 1
when anything does; prints how many pages the tables spanned.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pdfpages  # noqa: E402  (tests/pdfpages.py)


def sql(db, query):
    out = pdfpages.run("sqlite3", "-json", db, query)
    return json.loads(out) if out.strip() else []


def main():
    pdf, db = sys.argv[1:3]
    points = {r["code"] for r in sql(db, "SELECT code FROM points")}
    agencies = {r["code"] for r in sql(db, "SELECT code FROM agencies")}
    problems = []

    sizes = pdfpages.sizes(pdf)
    npages = len(sizes)
    for page, size in enumerate(sizes, 1):
        if not pdfpages.is_size(size, *pdfpages.A4):
            problems.append(f"page {page}: {size[0]} x {size[1]} points, not A4 portrait")

    total_re = re.compile(r"^\s*合计(\s+\d+){4}\s*$")
    totals = []         # (page, line) of each total row
    last_agency = None  # (page, line) of the last agency row
    spans = {"points": set(), "agencies": set()}
    for i in range(1, npages + 1):
        text = pdfpages.text(pdf, i, layout=True)
        lines = text.split("\n")
        if pdfpages.stamped(text):
            problems.append(f"page {i}: stamped by the browser (an address or a date)")
        point_head = agency_head = None
        for n, line in enumerate(lines):
            words = line.split()
            if not words:
                continue
            if "风险点编号" in words and point_head is None:
                point_head = n
            if words[0] == "单位代码" and agency_head is None:
                agency_head = n
            if points & set(words):
                spans["points"].add(i)
                if point_head is None or point_head > n:
                    problems.append(f"page {i}: a point's row with no header row above it: "
                                    f"{line.strip()!r}")
                    point_head = n  # once per page is enough
            if words[0] in agencies:
                spans["agencies"].add(i)
                last_agency = (i, n)
                if agency_head is None or agency_head > n:
                    problems.append(f"page {i}: an agency's row with no header row above "
                                    f"it: {line.strip()!r}")
                    agency_head = n
            if total_re.match(line):
                totals.append((i, n))
    if len(totals) != 1:
        problems.append(f"the total row of the tiers per agency is printed {len(totals)} "
                        f"times (pages {[p for p, _ in totals]}), expected once")
    elif last_agency is None or totals[0][0] != last_agency[0] or totals[0][1] < last_agency[1]:
        problems.append(f"the total row (page {totals[0][0]}) is not below the last agency "
                        f"row (page {last_agency and last_agency[0]})")
    for p in problems:
        print("report pdf:", p, file=sys.stderr)
    if problems:
        return 1
    print(f"report: PDF {pdf}: {npages} A4 pages; point lists on pages "
          f"{sorted(spans['points'])}, the tiers per agency on pages "
          f"{sorted(spans['agencies'])}, each under its header; the total row once")
    return 0


if __name__ == "__main__":
    sys.exit(main())
