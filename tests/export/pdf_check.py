#!/usr/bin/env python3
"""pdf_check.py PDF CSV TITLE: a list printed from riskgrade's XLSX, as a meeting gets it.

PDF is LibreOffice's print of the XLSX (soffice --convert-to pdf), CSV the same list as
riskgrade writes it in CSV (its first row the column titles, each later row one record,
its first field the record's key).  Read with poppler's pdfinfo and pdftotext, page by
page, the PDF must be:

1. more than one page (else nothing below is proven), every page A4 landscape
   (841.89 x 595.28 points, give or take a point);
2. on every page, the title TITLE (the page header) above the header row, which holds
   every column title of the CSV, left to right on one line (fit to the page's width:
   no column is pushed to a page of its own), above every record of the page;
3. the footer "第 i 页 / 共 N 页" (spaces as LibreOffice sets them), i the page, N the
   pages;
4. each record's key on exactly one page, in the CSV's order, and nothing lost.
Prints what differs and exits 1 when anything does.
"""
import csv
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pdfpages  # noqa: E402  (tests/pdfpages.py)


def main():
    pdf, csv_path, title = sys.argv[1:4]
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, keys = rows[0], [r[0] for r in rows[1:]]
    problems = []

    sizes = pdfpages.sizes(pdf)
    npages = len(sizes)
    if npages < 2:
        problems.append(f"{npages} page: the list must take several for this test to "
                        "show the header repeated")
    for page, size in enumerate(sizes, 1):
        if not pdfpages.is_size(size, *pdfpages.A4_LANDSCAPE):
            problems.append(f"page {page}: {size[0]} x {size[1]} points, not A4 landscape")

    key_re = re.compile(r"^\s*(\S+)")
    found = []
    for i in range(1, npages + 1):
        text = pdfpages.text(pdf, i, layout=True)
        lines = [l for l in text.split("\n") if l.strip()]
        where = f"page {i}"
        if not lines or lines[0].strip() != title:
            problems.append(f"{where}: first line {lines[:1]}, expected the title {title!r}")
        head = [n for n, l in enumerate(lines) if l.split()[:1] == [header[0]]]
        if len(head) != 1:
            problems.append(f"{where}: the header row is there {len(head)} times, expected once")
            continue
        cols = lines[head[0]].split()
        if cols != header:
            problems.append(f"{where}: header row {cols}, expected {header}")
        foot = re.compile(rf"^\s*第\s*{i}\s*页\s*/\s*共\s*{npages}\s*页\s*$")
        if not foot.match(lines[-1]):
            problems.append(f"{where}: last line {lines[-1]!r}, expected 第 {i} 页 / 共 "
                            f"{npages} 页")
        for l in lines[:head[0]]:
            m = key_re.match(l)
            if m and m.group(1) in keys:
                problems.append(f"{where}: record {m.group(1)} above the header row")
        for l in lines[head[0] + 1:-1]:
            m = key_re.match(l)
            if m and m.group(1) in keys:
                found.append(m.group(1))
    if found != keys:
        missing = [k for k in keys if k not in found]
        twice = sorted({k for k in found if found.count(k) > 1})
        problems.append(f"records: {len(found)} found for {len(keys)} in the CSV; missing "
                        f"{missing[:5]}, more than once {twice[:5]}")
    for p in problems:
        print("xlsx pdf:", p, file=sys.stderr)
    if problems:
        return 1
    print(f"xlsx: {pdf}: {npages} A4 landscape pages, the title and the header row of "
          f"{len(header)} columns on each, {len(keys)} records")
    return 0


if __name__ == "__main__":
    sys.exit(main())
