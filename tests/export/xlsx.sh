#!/bin/sh
# xlsx.sh RISKGRADE: the XLSX files riskgrade writes read back by two programs that are not
# riskgrade.
# fixtures/tiny is graded as of 2026-12-01 (a quote, a comma, a line break and a
# fractional amount are put in first, to see them survive), then every list is exported
# as XLSX and as CSV.  LibreOffice (headless) converts each XLSX to CSV, which must hold
# the same fields as riskgrade's own CSV; tests/export/xlsx_check.py then opens the XLSX
# as the zip of XML it is and checks the frozen header, the autofilter, the sheet name,
# bold headers, tier fills and their contrast, number cells, column widths and the date.
# Also: the same data and --as-of give the same bytes, whatever the time zone.
# Then the same for the lists the other commands write with -o FILE.xlsx (runs, flags,
# warnings, calibrate, diff after a second run, audit list), each against the same
# command's own CSV (-o FILE.csv), which the XLSX writer has no part in.
# Every one of them is also checked to print ready for a meeting (xlsx_check.py, point 4:
# A4 landscape, fit to width, the header row on every page, a title and page numbers);
# and the tier list of fixtures/demo (130 points, more than a page) is printed to PDF by
# LibreOffice as README says, then read page by page with poppler's pdfinfo and
# pdftotext (tests/export/pdf_check.py): landscape A4, the title and the header row on
# every page, every point once.
# Fails loudly when soffice, pdfinfo or python3 is missing.  Run from the repository root.
set -u
USER=${USER:-tester}; export USER # riskgrade records who acts and needs to know
rg=${1:?usage: sh tests/export/xlsx.sh RISKGRADE}

fail() {
	echo "xlsx: FAIL: $*" >&2
	exit 1
}

command -v soffice >/dev/null 2>&1 ||
	fail "soffice (LibreOffice) is not installed: apt-get install libreoffice-calc-nogui (make test-deps)"
command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1 ||
	fail "pdftotext and pdfinfo are not installed: apt-get install poppler-utils (make test-deps)"
command -v python3 >/dev/null 2>&1 || fail "python3 is not installed"
command -v sqlite3 >/dev/null 2>&1 || fail "sqlite3 is not installed"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/tiny.db

# graded DIR DB: a new database DB of the spreadsheets of DIR, graded as of 2026-12-01.
graded() {
	"$rg" init "$2" >/dev/null || fail "init $2"
	for f in "$1"/[0-9]*.csv; do
		t=$(basename "$f" .csv | sed 's/^[0-9]*_//')
		"$rg" import "$2" "$t" "$f" >/dev/null || fail "import $f"
	done
	"$rg" grade "$2" --as-of 2026-12-01 >/dev/null || fail "grade $1"
}

graded fixtures/tiny "$db"
sqlite3 "$db" "UPDATE points SET manifestation = '报销凭证\"审核\"不严, 多次' || char(10) || '重复报销' WHERE code = 'A6';
               UPDATE powers SET funds = 12.5 WHERE code = 'Q3';" || fail "sqlite3"

mkdir "$tmp/out" "$tmp/lo"
for k in tiers measures warnings powers; do
	"$rg" export "$db" $k -o "$tmp/out/$k.xlsx" --as-of 2026-12-20 >/dev/null ||
		fail "export $k xlsx"
	"$rg" export "$db" $k -o "$tmp/out/$k.csv" --as-of 2026-12-20 >/dev/null ||
		fail "export $k csv"
done

# Same bytes again, in another time zone.
TZ=Asia/Shanghai "$rg" export "$db" tiers -o "$tmp/again.xlsx" --as-of 2026-12-20 >/dev/null ||
	fail "export tiers xlsx again"
cmp -s "$tmp/out/tiers.xlsx" "$tmp/again.xlsx" ||
	fail "the same data and --as-of gave different XLSX bytes"

# 44 = comma, 34 = double quote, 76 = UTF-8, 1 = start at line 1.  A fresh profile, so
# no other LibreOffice running on the machine is involved.
soffice -env:UserInstallation="file://$tmp/profile" --headless \
	--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir "$tmp/lo" \
	"$tmp/out/tiers.xlsx" "$tmp/out/measures.xlsx" "$tmp/out/warnings.xlsx" \
	"$tmp/out/powers.xlsx" >"$tmp/soffice.log" 2>&1 ||
	{ cat "$tmp/soffice.log" >&2; fail "soffice could not convert the XLSX files"; }

python3 tests/export/xlsx_check.py "$tmp/out" "$tmp/lo" 2026-12-20 || fail "see above"
echo "xlsx: 4 exports read back by LibreOffice and by zip+XML, all fields equal"

# The lists of the other commands, after a second run (of one agency, so that diff has
# points on one side only); calibrate over the database of tests/cli/cases/calibrate-*.  Their XLSX is dated today: the clock is fixed, in UTC.
RISKGRADE_NOW=2026-12-20T08:00:00Z TZ=UTC
export RISKGRADE_NOW TZ
"$rg" grade "$db" --as-of 2026-12-20 --agency T-1 >/dev/null || fail "grade T-1"
# Calibration needs agencies with peers: the database of the calibrate-* cases, whose
# means and gaps have decimals and signs.
RG=$rg DB=$tmp/cal.db sh tests/cli/data/calibrate/setup.sh || fail "calibrate setup"
mkdir "$tmp/lists" "$tmp/lo-lists"
lists="runs flags warnings calibrate diff audit"
for f in xlsx csv; do
	"$rg" runs "$db" -o "$tmp/lists/runs.$f" >/dev/null || fail "runs $f"
	"$rg" flags "$db" -o "$tmp/lists/flags.$f" >/dev/null || fail "flags $f"
	"$rg" warnings "$db" --status all --as-of 2026-12-20 -o "$tmp/lists/warnings.$f" \
		>/dev/null || fail "warnings $f"
	"$rg" calibrate "$tmp/cal.db" --rules tests/cli/packs/calibrate \
		-o "$tmp/lists/calibrate.$f" >/dev/null || fail "calibrate $f"
	"$rg" diff "$db" 1 2 -o "$tmp/lists/diff.$f" >/dev/null || fail "diff $f"
	"$rg" audit "$db" list -o "$tmp/lists/audit.$f" >/dev/null || fail "audit list $f"
done
TZ=Asia/Shanghai "$rg" warnings "$db" --status all --as-of 2026-12-20 -o "$tmp/again.xlsx" \
	>/dev/null || fail "warnings xlsx again"
cmp -s "$tmp/lists/warnings.xlsx" "$tmp/again.xlsx" ||
	fail "the same warnings and --as-of gave different XLSX bytes"

soffice -env:UserInstallation="file://$tmp/profile" --headless \
	--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir "$tmp/lo-lists" \
	$(for k in $lists; do echo "$tmp/lists/$k.xlsx"; done) >"$tmp/soffice.log" 2>&1 ||
	{ cat "$tmp/soffice.log" >&2; fail "soffice could not convert the XLSX lists"; }

python3 tests/export/xlsx_check.py "$tmp/lists" "$tmp/lo-lists" 2026-12-20 $lists ||
	fail "see above"
echo "xlsx: 6 command lists read back by LibreOffice and by zip+XML, all fields equal"

# The tier list of the demo agency as it prints: LibreOffice's PDF, page by page.
demo=$tmp/demo.db
graded fixtures/demo "$demo"
mkdir "$tmp/print" || fail "mkdir"
"$rg" export "$demo" tiers -o "$tmp/print/tiers.xlsx" --as-of 2026-12-20 >/dev/null ||
	fail "export demo tiers xlsx"
"$rg" export "$demo" tiers -o "$tmp/print/tiers.csv" --as-of 2026-12-20 >/dev/null ||
	fail "export demo tiers csv"
soffice -env:UserInstallation="file://$tmp/profile" --headless --convert-to pdf \
	--outdir "$tmp/print" "$tmp/print/tiers.xlsx" >"$tmp/soffice.log" 2>&1 &&
	[ -s "$tmp/print/tiers.pdf" ] ||
	{ cat "$tmp/soffice.log" >&2; fail "soffice could not print the tier list to PDF"; }
python3 tests/export/pdf_check.py "$tmp/print/tiers.pdf" "$tmp/print/tiers.csv" \
	岗位风险等级清单 || fail "the printed tier list, see above"
