#!/bin/sh
# run.sh RISKGRADE: grade each agency of fixtures/agencies/CODE/ with its own pack
# (rules/agencies/CODE.lua) and compare every point's tier with expected.csv, which was
# transcribed from the agency's seed document, not produced by riskgrade.
#   fixtures/agencies/CODE/NN_table.csv  imported in name order
#   fixtures/agencies/CODE/expected.csv  header 风险点编号,风险等级: the document's tier
#   fixtures/agencies/CODE/as_of         optional grading date (default 2026-12-01)
set -u
USER=${USER:-tester}; export USER # riskgrade records who acts and needs to know
bin=$1
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for dir in fixtures/agencies/*/; do
	code=$(basename "$dir")
	db=$tmp/$code.db
	as_of=2026-12-01
	[ -f "$dir/as_of" ] && as_of=$(cat "$dir/as_of")
	"$bin" init "$db" >/dev/null || { status=1; continue; }
	for f in "$dir"[0-9]*.csv; do
		t=$(basename "$f" .csv)
		"$bin" import "$db" "${t#[0-9][0-9]_}" "$f" >/dev/null || { status=1; continue 2; }
	done
	# The agency must resolve to its own pack.
	if ! "$bin" rules "$db" | grep -q "^$code .* $code\$"; then
		echo "$code: riskgrade rules does not show the pack agencies/$code.lua for $code"
		"$bin" rules "$db"
		status=1
	fi
	"$bin" grade "$db" --as-of "$as_of" >/dev/null || { status=1; continue; }
	# Compare with the document: the expected CSV goes into a temp table.
	result=$(sqlite3 "$db" <<SQL
CREATE TEMP TABLE expected (c1 TEXT, c2 TEXT);
.mode csv
.import --skip 1 $dir/expected.csv expected
.mode list
.separator " "
SELECT 'MISMATCH', e.c1, 'document', e.c2, 'riskgrade', coalesce(g.tier, '(not graded)')
FROM expected e
LEFT JOIN grades g ON g.point = e.c1 AND g.run = (SELECT max(id) FROM runs)
WHERE g.tier IS NOT e.c2;
SELECT 'COUNT', count(*), (SELECT count(*) FROM grades WHERE run = (SELECT max(id) FROM runs))
FROM expected;
SQL
)
	echo "$result" | grep '^MISMATCH' | sed "s/^MISMATCH/$code:/"
	bad=$(echo "$result" | grep -c '^MISMATCH')
	set -- $(echo "$result" | grep '^COUNT')
	total=$2
	graded=$3
	if [ "$total" -ne "$graded" ]; then
		echo "$code: expected.csv lists $total points, riskgrade graded $graded"
		status=1
	fi
	echo "$code: $((total - bad)) passed, $bad failed"
	[ "$bad" -eq 0 ] || status=1
	set -- "$bin"
done
exit $status
