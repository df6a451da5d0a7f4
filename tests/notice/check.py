#!/usr/bin/env python3
"""check.py PDF DB ISSUER SIGNALS [--warning ID | --person CODE]: the notices printed.

PDF is Chromium's print (--no-pdf-header-footer) of `riskgrade notice DB` with the same
selection and --issuer ISSUER.  Which warnings it must hold, and what each notice must
say, is worked out here from the raw rows with the sqlite3 tool: by default every
warning whose status is 发布 or 签收, with --person those of that responsible person,
with --warning that one whatever its status; in the order of their numbers.  Read with
poppler (pdfinfo, pdftotext page by page, whitespace removed since table cells wrap):

1. one A4 page per warning, no more, no less, and no browser stamp (file://, a date);
2. page i is the notice of the i-th warning: the title 廉政风险预警通知书, its number
   (预警编号：第 N 号) and no other warning's, its addressee (the responsible person's
   name and 同志, or the agency's name when nobody is responsible), the agency's name and
   code, the point's code, its tier in the run that last raised the warning, the reason,
   the disposition, the document's kind (监察整改建议书 for 风险提示, else 监察整改通知书),
   what it requires, the due date as written in documents (2027年1月30日), the issuer,
   and the lines for 签收 and 反馈 (签收人（签名）, 反馈人（签名）, their dates);
3. no complainant named in SIGNALS (the 举报人 column of the signals file imported)
   anywhere in the PDF.
Prints what differs and exits 1 when anything does.
"""
import csv
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pdfpages  # noqa: E402  (tests/pdfpages.py)


def sql(db, query, *params):
    for p in params:  # only numbers and codes of the fixture: no quotes in them
        query = query.replace("?", "'" + str(p).replace("'", "''") + "'", 1)
    out = pdfpages.run("sqlite3", "-json", db, query)
    return json.loads(out) if out.strip() else []


def zh_date(ymd):
    y, m, d = (int(x) for x in ymd.split("-"))
    return f"{y}年{m}月{d}日"


def main():
    pdf, db, issuer, signals = sys.argv[1:5]
    opt = sys.argv[5:7]
    where = "w.status IN ('发布', '签收')"
    params = []
    if opt and opt[0] == "--warning":
        where, params = "w.id = ?", [opt[1]]
    elif opt and opt[0] == "--person":
        where, params = where + " AND w.responsible = ?", [opt[1]]
    warnings = sql(db, "SELECT w.id, w.point, w.reason, w.disposition, w.text, w.due,"
                       " a.code AS agency_code, a.name AS agency, pe.name AS person,"
                       " g.tier FROM warnings w JOIN points p ON p.code = w.point"
                       " JOIN agencies a ON a.code = p.agency"
                       " LEFT JOIN persons pe ON pe.code = w.responsible"
                       " LEFT JOIN run_grades g ON g.point = w.point"
                       "  AND g.run = coalesce(w.seen_run, w.run)"
                       f" WHERE {where} ORDER BY w.id", *params)
    all_ids = [r["id"] for r in sql(db, "SELECT id FROM warnings")]
    with open(signals, encoding="utf-8") as f:
        complainants = {r["举报人"] for r in csv.DictReader(f)} - {""}
    problems = []
    if not warnings:
        problems.append("setup: the selection holds no warning")
    if not complainants:
        problems.append("setup: the signals name no complainant")

    sizes = pdfpages.sizes(pdf)
    npages = len(sizes)
    if npages != len(warnings):
        problems.append(f"{npages} pages for {len(warnings)} warnings")
    for page, size in enumerate(sizes, 1):
        if not pdfpages.is_size(size, *pdfpages.A4):
            problems.append(f"page {page}: {size[0]} x {size[1]} points, not A4")

    whole = ""
    for i, wr in enumerate(warnings[:npages], 1):
        text = pdfpages.text(pdf, i)
        whole += text
        flat = re.sub(r"\s+", "", text)
        if pdfpages.stamped(text):
            problems.append(f"page {i}: stamped by the browser (an address or a date)")
        kind = "监察整改建议书" if wr["disposition"] == "风险提示" else "监察整改通知书"
        to = wr["person"] + "同志：" if wr["person"] else wr["agency"] + "："
        want = {
            "the title": "廉政风险预警通知书",
            "the kind": f"（{kind}）",
            "the number": f"预警编号：第{wr['id']}号",
            "the addressee": to,
            "the agency": f"{wr['agency']}（{wr['agency_code']}）",
            "the point": wr["point"],
            "the tier": f"{wr['tier']}（第",
            "the reason": wr["reason"],
            "the disposition": wr["disposition"] + "：",
            "what it requires": re.sub(r"\s+", "", wr["text"]),
            "the due date": zh_date(wr["due"]) + "前书面反馈",
            "the issuer": f"发文单位：{issuer}（盖章）",
            "签收": "签收人（签名）：",
            "反馈": "反馈人（签名）：",
            "the dates to sign": "签收日期：年月日",
        }
        for what, s in want.items():
            if s not in flat:
                problems.append(f"page {i} (warning {wr['id']}): {what} {s!r} not found")
        for other in all_ids:
            if other != wr["id"] and f"预警编号：第{other}号" in flat:
                problems.append(f"page {i} (warning {wr['id']}): warning {other}'s number")
    named = sorted(c for c in complainants if c in whole or c in re.sub(r"\s+", "", whole))
    if named:
        problems.append(f"complainants named: {named}")
    for p in problems:
        print("notice:", p, file=sys.stderr)
    if problems:
        return 1
    print(f"notice: {pdf}: {npages} A4 pages, one notice each, as the database gives them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
