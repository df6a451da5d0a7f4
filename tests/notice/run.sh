#!/bin/sh
# run.sh RISKGRADE [OUTDIR]: the notices of the warnings (riskgrade notice), printed by
# headless Chromium as README says and read back page by page.
#
# Builds the demo database (fixtures/demo) graded as of 2026-12-01, then takes a few
# warnings through their life with riskgrade warning (two signed for, two answered, one
# of those released), so that the notices must leave out the answered ones and keep the
# signed-for ones.  Then it writes the notices (all awaiting an answer; one warning
# already answered; one person's), prints each to PDF with chromium --headless
# --no-pdf-header-footer, and has tests/notice/check.py compare every page with the
# database (one A4 page per warning, its number, addressee, point, tier, reason,
# disposition, requirement, due date, issuer, the lines for 签收 and 反馈, and no
# complainant of fixtures/demo/10_signals.csv).  Also: the same database gives the same
# bytes, -o - the same as -o FILE.  The notices of all are kept in OUTDIR (default
# build/artifacts) as notices.html and notices.pdf.
# Needs chromium, sqlite3, python3 and poppler-utils (make test-deps; make deps): fails
# if one is missing.
set -u
USER=${USER:-tester}; export USER # riskgrade records who acts and needs to know

fail() {
	echo "notice: FAIL: $*" >&2
	exit 1
}

. "$(dirname "$0")/../chromium.sh"
db=$tmp/demo.db
issuer=上街区纪委监委派驻第三纪检监察组
signals=fixtures/demo/10_signals.csv

# print_check NAME HTML [OPTION VALUE]: print HTML to NAME.pdf as README says and check it.
print_check() {
	pc_name=$1 pc_html=$2
	shift 2
	chrome --no-pdf-header-footer --print-to-pdf="$tmp/$pc_name.pdf" "file://$pc_html" \
		>/dev/null || {
		tail -20 "$tmp/chromium.log" >&2
		fail "$pc_name: chromium could not print $pc_html"
	}
	python3 "$here/check.py" "$tmp/$pc_name.pdf" "$db" "$issuer" "$signals" "$@" ||
		fail "$pc_name: the printed notices do not match the database"
}

# ---- the database: a run and a few steps by hand -------------------------------------
demo_graded "$db"
RISKGRADE_NOW=2026-12-10T09:00:00Z
step() { # step ID ACTION PERSON: one step of warning ID, by its responsible person
	"$bin" warning "$db" "$1" "$2" --by "$3" --note "测试：$2" >/dev/null || fail "warning $1 $2"
}
who() { sqlite3 "$db" "SELECT responsible FROM warnings WHERE id = $1"; }
step 1 ack "$(who 1)"
step 2 ack "$(who 2)"
step 2 feedback "$(who 2)"
step 3 feedback "$(who 3)"
step 3 release "$(who 3)"
q() { sqlite3 "$db" "$1"; }
[ "$(q "SELECT group_concat(status, ',') FROM (SELECT status FROM warnings WHERE id <= 3 ORDER BY id)")" = 签收,反馈,解除 ] ||
	fail "setup: the steps by hand did not leave warnings 1-3 签收, 反馈, 解除"
[ "$(q "SELECT count(*) FROM warnings WHERE status IN ('发布', '签收')")" -gt 10 ] ||
	fail "setup: too few warnings await an answer"

# ---- every warning awaiting an answer ----------------------------------------------------
html=$outdir/notices.html
"$bin" notice "$db" -o "$html" --issuer "$issuer" >"$tmp/said" || fail "notice"
n=$(q "SELECT count(*) FROM warnings WHERE status IN ('发布', '签收')")
grep -qx "$html: $n notices written, one page each" "$tmp/said" || fail "notice said: $(cat "$tmp/said")"
print_check all "$html"
cp "$tmp/all.pdf" "$outdir/notices.pdf" || fail "cannot keep the PDF"
echo "notice: $n notices, $outdir/notices.pdf"

# Self-contained: nothing to fetch.
grep -q 'https\?://' "$html" && fail "the notices refer to the network"
grep -q 'url(' "$html" && fail "the notices' CSS loads something"

# ---- one warning already answered, one person's ----------------------------------------
"$bin" notice "$db" -o "$tmp/w2.html" --warning 2 --issuer "$issuer" >/dev/null ||
	fail "notice --warning 2"
print_check w2 "$tmp/w2.html" --warning 2
person=$(q "SELECT responsible FROM warnings WHERE status IN ('发布', '签收') AND responsible IS NOT NULL
	GROUP BY responsible HAVING count(*) >= 2 ORDER BY count(*) DESC, responsible LIMIT 1")
[ -n "$person" ] || fail "setup: no person has two warnings awaiting an answer"
"$bin" notice "$db" -o "$tmp/person.html" --person "$person" --issuer "$issuer" >/dev/null ||
	fail "notice --person $person"
print_check "person-$person" "$tmp/person.html" --person "$person"

# ---- determinism -------------------------------------------------------------------------
"$bin" notice "$db" -o "$tmp/again.html" --issuer "$issuer" >/dev/null || fail "notice again"
cmp -s "$html" "$tmp/again.html" || fail "the same database gave different notices"
"$bin" notice "$db" -o - --issuer "$issuer" >"$tmp/stdout.html" || fail "notice -o -"
cmp -s "$html" "$tmp/stdout.html" || fail "-o - wrote something else than -o FILE"

echo "notice: all checks passed; artifacts in $outdir"
