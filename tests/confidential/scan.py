#!/usr/bin/env python3
# scan.py: helpers of tests/confidential/run.sh, the complainant-confidentiality test.
#
#   scan.py ids CSV...        print the complainant (举报人) of every row of the signals CSV
#                             files, once each, in the order first seen; fail if a file has
#                             no 举报人 column or an identity holds a line break
#   scan.py unzip XLSX DIR    extract every part of the XLSX (a zip of XML) into DIR; fail
#                             if it is not a zip or has no worksheet
#   scan.py decoded IDS DIR   search every file under DIR for each identity of the file
#                             IDS (one a line) in its decoded forms, which a fixed-string
#                             grep would miss: JSON \uXXXX escapes, HTML and XML character
#                             references (&amp; &#39; &#x4E3E;), and CSV doubled quotes.
#                             Prints "FILE<TAB>IDENTITY" for each one found.
# Run by run.sh; python3 only, no third-party module.
import csv
import html
import json
import os
import re
import sys
import zipfile


def ids(paths):
    seen = []
    for path in paths:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = csv.DictReader(f)
            if rows.fieldnames is None or "举报人" not in rows.fieldnames:
                sys.exit(f"{path}: no 举报人 column")
            for row in rows:
                who = (row.get("举报人") or "").strip()
                if not who:
                    continue
                if "\n" in who or "\r" in who:
                    sys.exit(f"{path}: the identity {who!r} holds a line break")
                if who not in seen:
                    seen.append(who)
    for who in seen:
        print(who)


def unzip(path, out):
    if not zipfile.is_zipfile(path):
        sys.exit(f"{path}: not a zip file (an XLSX is one)")
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        if not any(n.startswith("xl/worksheets/") for n in names):
            sys.exit(f"{path}: no worksheet in the zip")
        for n in names:
            if n.endswith("/"):
                continue
            dest = os.path.join(out, n.replace("/", "__"))
            with open(dest, "wb") as f:
                f.write(z.read(n))


JSON_ESCAPE = re.compile(r'(?:\\u[0-9a-fA-F]{4})+|\\["\\/bfnrt]')


def unjson(text):
    def one(m):
        try:
            return json.loads('"' + m.group(0) + '"')
        except ValueError:
            return m.group(0)
    return JSON_ESCAPE.sub(one, text)


def decoded(ids_path, root):
    with open(ids_path, encoding="utf-8") as f:
        who = [line.rstrip("\n") for line in f if line.strip()]
    for dirpath, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                text = f.read().decode("utf-8", errors="replace")
            forms = {html.unescape(text), unjson(text), html.unescape(unjson(text)),
                     text.replace('""', '"')}
            forms.discard(text)  # the plain text is grep's
            for w in who:
                if any(w in form for form in forms):
                    print(f"{path}\t{w}")


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "ids":
        ids(sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "unzip":
        unzip(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "decoded":
        decoded(sys.argv[2], sys.argv[3])
    else:
        sys.exit("usage: scan.py ids CSV... | unzip XLSX DIR | decoded IDS DIR")


main()
