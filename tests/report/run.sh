#!/bin/sh
# run.sh RISKGRADE [OUTDIR]: the HTML report (riskgrade report), rendered by headless
# Chromium and checked against the database.
#
# Builds the demo database (fixtures/demo) with three runs as of 2026-12-01: the national
# default; again after 上街区司法局 (SJ, and so its six units) adopts thresholds of its
# own (一级 from 40, 二级 from 24), so some tiers go up and some down; and again with the
# default, which turns them back (so run 3 must be compared with run 2, not run 1).
# After the runs, the review is done by hand with sqlite3: warnings acknowledged,
# answered and released, an approval clearing a point's flags, an agency name and a
# manifestation holding HTML, a unit moved under another.  Then it writes reports (the
# latest run, runs 2 and 1, one agency's subtree), renders each with Chromium
# (--dump-dom) and has tests/report/check.py compare every figure on the rendered page
# with the database, worked out there from the raw rows.  The latest run's report is
# kept in OUTDIR (default build/artifacts) as report.html, report.png (a screenshot)
# and report.pdf, printed as README says (chromium --headless --no-pdf-header-footer
# --print-to-pdf) and read back page by page with poppler (tests/report/pdf_check.py):
# A4, no browser stamps, every list's header row on each page it spans, the total row of
# the tiers per agency once.  So that this last check has a table spanning pages to look
# at, a copy of the database gets 60 more agencies, graded and printed the same way.
# Times are shown in the zone of TZ, set here (a POSIX string: no zone database needed).
# Needs chromium, sqlite3, python3 and poppler-utils (make test-deps; make deps): fails
# if one is missing.
set -u
USER=${USER:-tester}; export USER # riskgrade records who acts and needs to know
TZ=CST-8; export TZ # the report's times are local: China Standard Time, UTC+8

fail() {
	echo "report: FAIL: $*" >&2
	exit 1
}

. "$(dirname "$0")/../chromium.sh"
db=$tmp/demo.db
as_of=2026-12-20 # the report's date for overdue warnings (due 2026-12-16 ones are late)

# render_check NAME HTML RUN [AGENCY]: dump the rendered DOM and check its figures.
render_check() {
	chrome --dump-dom "file://$2" >"$tmp/$1.dom" || {
		tail -20 "$tmp/chromium.log" >&2
		fail "$1: chromium could not render $2"
	}
	grep -q 'data-figure="run"' "$tmp/$1.dom" || fail "$1: the rendered page has no figures"
	echo "report: $1"
	python3 "$here/check.py" "$tmp/$1.dom" "$db" "$3" "$as_of" ${4:+"$4"} ||
		fail "$1: the rendered report does not match the database"
}

# ---- the database: two runs and a review by hand ----------------------------------------
demo_graded "$db"

mkdir -p "$tmp/rules/agencies" && cp rules/default.lua "$tmp/rules/" || fail "copy rules"
cat >"$tmp/rules/agencies/SJ.lua" <<'LUA'
-- 上街区司法局：一级自 40 分起，二级自 24 分起（测试用）
local pack = inherit("default")
pack.TIERS = {
  { tier = "一级", min = 40 }, { tier = "二级", min = 24 }, { tier = "三级", min = 0 },
}
return pack
LUA
RISKGRADE_NOW=2026-12-02T09:30:00Z "$bin" grade "$db" --rules "$tmp/rules" --as-of 2026-12-01 \
	>/dev/null || fail "grade (run 2)"
rm "$tmp/rules/agencies/SJ.lua"
RISKGRADE_NOW=2026-12-03T10:00:00Z "$bin" grade "$db" --rules "$tmp/rules" --as-of 2026-12-01 \
	>/dev/null || fail "grade (run 3)"

sqlite3 "$db" <<'SQL' || fail "the review by hand (sqlite3)"
UPDATE warnings SET status = '签收'
  WHERE id IN (SELECT id FROM warnings ORDER BY due, id LIMIT 2);
UPDATE warnings SET status = '反馈'
  WHERE id IN (SELECT id FROM warnings WHERE status = '发布' ORDER BY due, id LIMIT 1);
UPDATE warnings SET status = '解除'
  WHERE id IN (SELECT id FROM warnings ORDER BY due DESC, id DESC LIMIT 3);
-- due on the report's date: not yet overdue
UPDATE warnings SET due = '2026-12-20'
  WHERE id IN (SELECT id FROM warnings WHERE status = '发布' ORDER BY due, id LIMIT 1);
-- An approval of a point whose rows run 3 stored itself (schemas/README.md: an approval
-- of a point whose rows an earlier run stored copies them to run 3 first).
INSERT INTO approvals (point, tier, run, computed, approved_on, by, note)
  SELECT g.point, g.tier, 3, g.tier, '2026-12-05', (SELECT min(code) FROM persons), '局党组集体审定'
  FROM grades g WHERE g.run = 3
   AND g.point = (SELECT min(point) FROM flags WHERE run = 3);
UPDATE flags SET cleared_by = (SELECT max(id) FROM approvals)
  WHERE run = 3 AND point = (SELECT point FROM approvals WHERE id = (SELECT max(id) FROM approvals));
UPDATE agencies SET name = name || '<i>&"''</i>' WHERE code = 'SJ-XW';
UPDATE points SET manifestation = manifestation || '<script>document.title="x"</script>'
  WHERE code = (SELECT point FROM run_grades WHERE run = 3 ORDER BY score DESC, point LIMIT 1);
UPDATE agencies SET parent = 'SJ-GZ' WHERE code = 'SJ-FY';
SQL

# The data must exercise every section, or the checks below prove little.
q() { sqlite3 "$db" "$1"; }
[ "$(q "SELECT count(*) FROM run_grades a JOIN run_grades b ON a.point = b.point AND a.run = 1
	AND b.run = 2 JOIN enum_tier ta ON ta.name = a.tier JOIN enum_tier tb ON tb.name = b.tier
	WHERE tb.ord < ta.ord")" -gt 0 ] || fail "setup: no tier went up in run 2"
[ "$(q "SELECT count(*) FROM run_grades a JOIN run_grades b ON a.point = b.point AND a.run = 1
	AND b.run = 2 JOIN enum_tier ta ON ta.name = a.tier JOIN enum_tier tb ON tb.name = b.tier
	WHERE tb.ord > ta.ord")" -gt 0 ] || fail "setup: no tier went down in run 2"
[ "$(q "SELECT count(*) FROM run_grades a JOIN run_grades b ON a.point = b.point AND a.run = 2
	AND b.run = 3 WHERE a.tier <> b.tier")" -gt 0 ] || fail "setup: run 3 did not turn tiers back"
[ "$(q "SELECT count(DISTINCT status) FROM warnings")" -eq 4 ] ||
	fail "setup: the warnings are not in all four states"
[ "$(q "SELECT count(*) FROM warnings WHERE status IN ('发布', '签收') AND due < '$as_of'")" -gt 0 ] ||
	fail "setup: no warning is overdue on $as_of"
[ "$(q "SELECT count(*) FROM warnings WHERE status = '发布' AND due = '$as_of'")" -gt 0 ] ||
	fail "setup: no open warning is due on $as_of itself"
[ "$(q "SELECT count(*) FROM flags WHERE cleared_by IS NOT NULL")" -gt 0 ] ||
	fail "setup: no flag was cleared"
[ "$(q "SELECT count(*) FROM points WHERE agency = 'SJ-FY'")" -gt 0 ] ||
	fail "setup: SJ-FY has no points"

# ---- the report of the latest run: figures, screenshot, PDF ------------------------------
html=$outdir/report.html
echo stale >"$html"
"$bin" report "$db" --as-of "$as_of" -o "$html" >"$tmp/said" || fail "report (latest run)"
grep -qx "$html: report of run 3 written (130 points)" "$tmp/said" ||
	fail "report said: $(cat "$tmp/said")"
ls "$outdir" | grep -q '^report\.html\.' && fail "a temporary file was left in $outdir"
render_check latest "$html" 3

# Self-contained: nothing to fetch (the SVG namespace is a name, not a request).
grep -o 'https\?://[^"]*' "$html" | grep -v '^http://www\.w3\.org/2000/svg$' &&
	fail "the report refers to the network"
grep -q 'url(' "$html" && fail "the report's CSS loads something"
grep -q '@page { size: A4; margin: 15mm }' "$html" || fail "no A4 page rule"

# Confidential: no complainant of fixtures/demo/10_signals.csv appears in the report.
python3 - "$html" fixtures/demo/10_signals.csv <<'PY' || fail "a complainant is named in the report"
import csv, sys
page = open(sys.argv[1], encoding="utf-8").read()
names = {r["举报人"] for r in csv.DictReader(open(sys.argv[2], encoding="utf-8"))} - {""}
assert names, "the fixture names no complainant"
found = sorted(n for n in names if n in page)
if found:
    print("  complainants in the report:", found)
    sys.exit(1)
PY

png=$outdir/report.png
rm -f "$png"
chrome --screenshot="$png" --window-size=1240,1754 "file://$html" >/dev/null ||
	fail "chromium could not take a screenshot"
python3 - "$png" <<'PY' || fail "$png is not the screenshot expected"
import struct, sys
d = open(sys.argv[1], "rb").read()
assert d[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", d[16:24])
assert (w, h) == (1240, 1754), f"size {w}x{h}"
# a blank page of this size compresses to a few KiB; text, tables and the chart do not
assert len(d) > 50000, f"only {len(d)} bytes: is the page blank?"
PY
echo "report: screenshot $png"

pdf=$outdir/report.pdf
rm -f "$pdf"
chrome --no-pdf-header-footer --print-to-pdf="$pdf" "file://$html" >/dev/null ||
	fail "chromium could not print to PDF"
python3 "$here/pdf_check.py" "$pdf" "$db" || fail "$pdf is not the report as it should print"

# Sixty more agencies (one point each, under SJ), so that the table of tiers per agency
# spans pages: its header row on each, its total row once, below its last row.
cp "$db" "$tmp/wide.db" || fail "copy the database"
sqlite3 "$tmp/wide.db" <<'SQL' || fail "sixty more agencies (sqlite3)"
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
INSERT INTO agencies (code, name, parent) SELECT printf('W%02d', i), printf('测试单位%02d', i), 'SJ' FROM n;
INSERT INTO points (code, agency, level, category, manifestation)
  SELECT printf('WP-%02d', substr(code, 2) + 0), code, '单位', '岗位职责', '测试用风险点'
  FROM agencies WHERE code GLOB 'W[0-9][0-9]';
SQL
RISKGRADE_NOW=2026-12-04T09:00:00Z "$bin" grade "$tmp/wide.db" --rules "$tmp/rules" \
	--as-of 2026-12-01 >/dev/null || fail "grade (sixty more agencies)"
"$bin" report "$tmp/wide.db" --as-of "$as_of" -o "$tmp/wide.html" >/dev/null ||
	fail "report (sixty more agencies)"
chrome --no-pdf-header-footer --print-to-pdf="$tmp/wide.pdf" "file://$tmp/wide.html" \
	>/dev/null || fail "chromium could not print the report of sixty more agencies"
python3 "$here/pdf_check.py" "$tmp/wide.pdf" "$tmp/wide.db" >"$tmp/wide.said" ||
	fail "the report of sixty more agencies is not as it should print"
cat "$tmp/wide.said"
grep -q 'the tiers per agency on pages \[[0-9]*, [0-9]' "$tmp/wide.said" ||
	fail "setup: the table of sixty more agencies fits on one page"

# ---- determinism and the other ways to call it ----------------------------------------
"$bin" report "$db" --as-of "$as_of" -o "$tmp/again.html" >/dev/null || fail "report again"
cmp -s "$html" "$tmp/again.html" || fail "the same database and --as-of gave different reports"
"$bin" report "$db" --as-of "$as_of" -o - >"$tmp/stdout.html" || fail "report -o -"
cmp -s "$html" "$tmp/stdout.html" || fail "-o - wrote something else than -o FILE"

"$bin" report "$db" --run 2 --as-of "$as_of" -o "$tmp/run2.html" >/dev/null ||
	fail "report --run 2"
render_check run2 "$tmp/run2.html" 2
"$bin" report "$db" --run 1 --as-of "$as_of" -o "$tmp/run1.html" >/dev/null ||
	fail "report --run 1"
render_check run1 "$tmp/run1.html" 1

"$bin" report "$db" --agency SJ-GZ --as-of "$as_of" -o "$tmp/gz.html" >/dev/null ||
	fail "report --agency SJ-GZ"
grep -q 'data-agency="SJ-FY"' "$tmp/gz.html" || fail "--agency SJ-GZ left out SJ-FY, now under it"
render_check agency-SJ-GZ "$tmp/gz.html" 3 SJ-GZ

echo "report: all checks passed; artifacts in $outdir"
