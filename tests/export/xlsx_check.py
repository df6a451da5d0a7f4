#!/usr/bin/env python3
"""xlsx_check.py OUT LO ASOF [KIND...]: check riskgrade's XLSX lists against its CSV.

OUT holds KIND.csv and KIND.xlsx for each list, written by riskgrade with the list's
date ASOF: the four exports by default, or the lists of the commands named (runs,
flags, warnings, calibrate, diff, audit: `riskgrade KIND DB -o OUT/KIND.xlsx`); LO holds
KIND.csv, LibreOffice's conversion of KIND.xlsx.  For each list:

1. riskgrade's CSV starts with a UTF-8 BOM and ends every record with CRLF (a bare LF
   only inside a quoted field).
2. LibreOffice read the XLSX to the same rows and fields as riskgrade's CSV.  The one
   normalisation: two fields that both read as numbers are compared as numbers, since
   LibreOffice writes a number as it displays it ("3" and "3.0" are equal, "12.5" stays
   "12.5"); everything else must match exactly, line breaks included.
3. The XLSX read a second way, as the zip of XML files it is (no spreadsheet library):
   one sheet named after the list; header row frozen (pane state="frozen", ySplit 1);
   an autofilter over the whole list; bold headers; numbers stored as number cells in
   the numeric columns and text as text cells (shared or inline strings) everywhere
   else, with the CSV's values;
   tier cells filled 一级 FFC7CE, 二级 FFEB9C, 三级 C6EFCE with a text colour of WCAG
   contrast >= 4.5, and no other data cell filled; column widths equal to
   min(60, max(6, widest line + 2)) where the header counts 2 more for the filter
   button and widths are display columns (East Asian wide and fullwidth characters 2,
   combining marks 0, computed here with Python's unicodedata); the creation date is
   ASOF.
4. The XLSX prints ready for a meeting (read from the same XML): A4 (paperSize 9),
   landscape, fit to one page wide and any number tall (sheetPr/pageSetUpPr fitToPage
   with fitToWidth 1, the default, and fitToHeight 0), the header row repeated on every
   page (the defined name _xlnm.Print_Titles of the sheet, '$1:$1'), the sheet's title
   as the page header and "第 &P 页 / 共 &N 页" as the page footer.
Prints what differs and exits 1 on the first list that fails.
"""
import csv
import io
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# kind: (sheet name, numeric columns, tier columns); the exports, then the lists of the
# other commands, written with -o.
EXPORTS = {
    "tiers": ("岗位风险等级清单", {"权力重要程度", "自由裁量权", "发生概率", "危害程度", "得分"},
              {"风险等级", "审定等级"}),
    "measures": ("廉政风险防控措施台账", set(), {"风险等级"}),
    "warnings": ("预警清单", {"预警编号"}, {"风险等级"}),
    "powers": ("职权目录", {"涉及资金(万元)"}, set()),
}
LISTS = {
    "runs": ("运行记录", {"运行", "风险点", "一级", "二级", "三级", "标记", "预警", "新发", "升级"},
             set()),
    "flags": ("需重新评定清单", {"运行"}, {"计算等级", "审定等级"}),
    "warnings": ("预警清单", {"预警编号", "发布运行"}, {"风险等级"}),
    "calibrate": ("等级校准", {"风险点数", "一级", "二级", "三级", "平均等级分", "同类风险点数",
                           "同类平均", "差值"}, set()),
    "diff": ("等级变化", set(), {"原等级", "新等级"}),
    "audit": ("审计日志", {"序号"}, set()),
}
FILLS = {"一级": "FFFFC7CE", "二级": "FFFFEB9C", "三级": "FFC6EFCE"}

problems = []


def problem(msg):
    problems.append(msg)


def display_width(s):
    """Terminal columns of s, as wcwidth() counts them."""
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def as_number(s):
    try:
        return float(s)
    except ValueError:
        return None


def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def check_csv_bytes(kind, data):
    if not data.startswith(b"\xef\xbb\xbf"):
        problem(f"{kind}.csv: no UTF-8 BOM")
    text = data[3:].decode("utf-8")
    quoted = False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch == "\n" and not quoted and (i == 0 or text[i - 1] != "\r"):
            problem(f"{kind}.csv: a record ends with LF, not CRLF, at character {i}")
            break
    if not text.endswith("\r\n"):
        problem(f"{kind}.csv: the last record does not end with CRLF")
    return list(csv.reader(io.StringIO(text, newline="")))


def compare_rows(kind, ours, lo):
    if len(ours) != len(lo):
        problem(f"{kind}: riskgrade's CSV has {len(ours)} rows, LibreOffice's {len(lo)}")
    header = ours[0] if ours else []
    for r, (a, b) in enumerate(zip(ours, lo), 1):
        if len(a) != len(b):
            problem(f"{kind}: row {r}: {len(a)} fields against LibreOffice's {len(b)}")
            continue
        for c, (x, y) in enumerate(zip(a, b)):
            nx, ny = as_number(x), as_number(y)
            same = (nx == ny) if nx is not None and ny is not None else x == y
            if not same:
                problem(f"{kind}: row {r}, column {header[c]}: riskgrade {x!r}, "
                        f"LibreOffice {y!r}")


def luminance(rgb):
    def chan(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (int(rgb[i:i + 2], 16) for i in (2, 4, 6))
    return 0.2126 * chan(r) + 0.7152 * chan(g) + 0.0722 * chan(b)


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def check_print(kind, title, wb, raw):
    """Point 4: the page setup, as Excel and LibreOffice read it."""
    sheet = ET.fromstring(raw)
    where = f"{kind}.xlsx: sheet1.xml"
    fit = sheet.find("m:sheetPr/m:pageSetUpPr", NS)
    if fit is None or fit.get("fitToPage") not in ("1", "true"):
        problem(f"{where}: not set to fit to pages (sheetPr/pageSetUpPr fitToPage)")
    setup = sheet.find("m:pageSetup", NS)
    if setup is None:
        problem(f"{where}: no pageSetup")
        setup = ET.Element("pageSetup")
    want = {"paperSize": "9", "orientation": "landscape", "fitToWidth": "1",
            "fitToHeight": "0"}
    default = {"paperSize": "1", "orientation": "portrait", "fitToWidth": "1",
               "fitToHeight": "1"}  # the schema's defaults, when the attribute is absent
    for attr, value in want.items():
        got = setup.get(attr, default[attr])
        if got != value:
            problem(f"{where}: pageSetup {attr}={got!r}, expected {value!r}")
    quoted = "'" + title.replace("'", "''") + "'"
    titles = [d.text for d in wb.iterfind("m:definedNames/m:definedName", NS)
              if d.get("name") == "_xlnm.Print_Titles" and d.get("localSheetId") == "0"]
    if titles != [f"{quoted}!$1:$1"]:
        problem(f"{kind}.xlsx: workbook.xml: print titles {titles}, expected "
                f"[{quoted}!$1:$1] (the header row on every page)")
    head = sheet.findtext("m:headerFooter/m:oddHeader", default="", namespaces=NS)
    foot = sheet.findtext("m:headerFooter/m:oddFooter", default="", namespaces=NS)
    if title.replace("&", "&&") not in head or not head.startswith("&C"):
        problem(f"{where}: page header {head!r}, expected the title {title!r} centred")
    if foot != "&C第 &P 页 / 共 &N 页":
        problem(f"{where}: page footer {foot!r}, expected '&C第 &P 页 / 共 &N 页'")


def check_xlsx(kind, spec, path, rows, asof):
    title, numeric, tiers = spec
    z = zipfile.ZipFile(path)
    header = rows[0]
    ncols = len(header)

    wb = ET.fromstring(z.read("xl/workbook.xml"))
    names = [s.get("name") for s in wb.iterfind("m:sheets/m:sheet", NS)]
    if names != [title]:
        problem(f"{kind}.xlsx: sheets {names}, expected [{title!r}]")

    check_print(kind, title, wb, z.read("xl/worksheets/sheet1.xml").decode("utf-8"))

    core = z.read("docProps/core.xml").decode("utf-8")
    if f">{asof}T00:00:00Z</dcterms:created>" not in core:
        problem(f"{kind}.xlsx: docProps/core.xml: creation date is not {asof}")

    styles_raw = z.read("xl/styles.xml").decode("utf-8")
    for rgb in FILLS.values():
        if tiers and f'rgb="{rgb}"' not in styles_raw:
            problem(f"{kind}.xlsx: styles.xml has no fill {rgb}")
    styles = ET.fromstring(styles_raw)
    fonts = styles.findall("m:fonts/m:font", NS)
    fills = styles.findall("m:fills/m:fill", NS)
    xfs = styles.findall("m:cellXfs/m:xf", NS)

    def xf_of(cell):
        return xfs[int(cell.get("s", "0"))]

    def fill_rgb(xf):
        fg = fills[int(xf.get("fillId", "0"))].find("m:patternFill/m:fgColor", NS)
        return fg.get("rgb") if fg is not None else None

    def font_of(xf):
        return fonts[int(xf.get("fontId", "0"))]

    sst = [si.findtext("m:t", default="", namespaces=NS)
           for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iterfind("m:si", NS)] \
        if "xl/sharedStrings.xml" in z.namelist() else []

    raw = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    if not re.search(r'<pane [^>]*ySplit="1"[^>]*state="frozen"', raw):
        problem(f"{kind}.xlsx: sheet1.xml: the header row is not frozen")
    sheet = ET.fromstring(raw)
    af = sheet.find("m:autoFilter", NS)
    want_ref = f"A1:{col_letter(ncols - 1)}{len(rows)}"
    if af is None or af.get("ref") != want_ref:
        problem(f"{kind}.xlsx: autofilter {af.get('ref') if af is not None else None}, "
                f"expected {want_ref}")

    # Column widths, computed here from riskgrade's CSV.
    widths = {}
    for col in sheet.iterfind("m:cols/m:col", NS):
        for i in range(int(col.get("min")) - 1, int(col.get("max"))):
            widths[i] = float(col.get("width"))
    for i in range(ncols):
        w = display_width(header[i]) + 2
        for r in rows[1:]:
            for line in r[i].split("\n"):
                w = max(w, display_width(line))
        want = min(60, max(6, w + 2))
        if int(widths.get(i, 0)) != want:
            problem(f"{kind}.xlsx: column {header[i]}: width {widths.get(i)}, expected "
                    f"{want} (+ Excel's padding)")

    # Every cell, against riskgrade's CSV.
    seen = set()
    for row in sheet.iterfind("m:sheetData/m:row", NS):
        r = int(row.get("r")) - 1
        for c in row.iterfind("m:c", NS):
            i = col_index(c.get("r"))
            seen.add((r, i))
            if r >= len(rows) or i >= ncols:
                problem(f"{kind}.xlsx: cell {c.get('r')} beyond the list")
                continue
            want = rows[r][i]
            v = c.findtext("m:v", default=None, namespaces=NS)
            xf = xf_of(c)
            where = f"{kind}.xlsx: {c.get('r')} ({header[i]})"
            if r == 0:
                if font_of(xf).find("m:b", NS) is None:
                    problem(f"{where}: the header is not bold")
            if r > 0 and header[i] in numeric:
                if c.get("t") not in (None, "n"):
                    problem(f"{where}: a {c.get('t')} cell, expected a number")
                elif as_number(want) is None or float(v) != float(want):
                    problem(f"{where}: {v}, expected {want!r}")
            else:
                if c.get("t") == "s":
                    got = sst[int(v)]
                elif c.get("t") == "inlineStr":
                    got = "".join(c.find("m:is", NS).itertext())
                else:
                    got = None
                if got != want:
                    problem(f"{where}: {got!r} (type {c.get('t')}), expected text {want!r}")
            if r == 0:
                continue
            if header[i] in tiers and want in FILLS:
                rgb = fill_rgb(xf)
                color = font_of(xf).find("m:color", NS)
                font_rgb = color.get("rgb") if color is not None else "FF000000"
                if rgb != FILLS[want]:
                    problem(f"{where}: {want} filled {rgb}, expected {FILLS[want]}")
                elif contrast(rgb, font_rgb) < 4.5:
                    problem(f"{where}: text {font_rgb} on {rgb}: contrast "
                            f"{contrast(rgb, font_rgb):.1f} < 4.5")
            elif fill_rgb(xf) is not None:
                problem(f"{where}: filled {fill_rgb(xf)}, though not a tier")
    for r, row in enumerate(rows):
        for i, v in enumerate(row):
            if v != "" and (r, i) not in seen:
                problem(f"{kind}.xlsx: {col_letter(i)}{r + 1} ({header[i]}) missing, "
                        f"expected {v!r}")


def main():
    out, lo, asof = sys.argv[1:4]
    unknown = [k for k in sys.argv[4:] if k not in LISTS]
    if unknown:
        print(f"xlsx: no such list {unknown}: expected some of {list(LISTS)}", file=sys.stderr)
        return 2
    kinds = {k: LISTS[k] for k in sys.argv[4:]} if sys.argv[4:] else EXPORTS
    for kind, spec in kinds.items():
        with open(f"{out}/{kind}.csv", "rb") as f:
            ours = check_csv_bytes(kind, f.read())
        with open(f"{lo}/{kind}.csv", "rb") as f:
            data = f.read()
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        theirs = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
        compare_rows(kind, ours, theirs)
        check_xlsx(kind, spec, f"{out}/{kind}.xlsx", ours, asof)
        if problems:
            for p in problems:
                print("xlsx:", p, file=sys.stderr)
            return 1
        print(f"xlsx: {kind}: {len(ours) - 1} rows, {len(ours[0])} columns agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
