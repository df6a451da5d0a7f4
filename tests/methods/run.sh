#!/bin/sh
# run.sh RISKGRADE: a method unlike the default grades its register exactly as its
# published table says.  fixtures/methods/lec/ is imported (its facts declared first),
# graded with rules/methods/lec (the LEC method, written from scratch), and every point is
# compared with fixtures/methods/lec/expected.csv, worked out by hand from the method's
# tables (see that folder's README): D (the score), the method's level, the tier, the
# method's own factors L, E and C as the pack gave them, and the national four factors,
# which the method does not use, absent (NULL), not numbers.  The pack's own cases must
# pass and lint, given the database, must find nothing.  Then a point whose L is emptied
# must stop the run, naming the point and the column, with the database left as it was.
# Runs from the repository root.
set -u
USER=${USER:-tester}; export USER # riskgrade records who acts and needs to know
bin=$1
dir=fixtures/methods/lec
rules=rules/methods/lec
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/lec.db

fail() {
	echo "methods: FAIL: $*"
	status=1
}

"$bin" init "$db" >/dev/null || { echo "methods: FAIL: init"; exit 1; }
for f in "$dir"/[0-9]*.csv; do
	t=$(basename "$f" .csv)
	"$bin" import "$db" "${t#[0-9][0-9]_}" "$f" >/dev/null || { echo "methods: FAIL: import $f"; exit 1; }
done
"$bin" test --rules "$rules" >"$tmp/test" 2>&1 || { cat "$tmp/test"; fail "riskgrade test --rules $rules"; }
"$bin" lint --rules "$rules" --db "$db" >"$tmp/lint" 2>&1 || { cat "$tmp/lint"; fail "riskgrade lint --rules $rules --db"; }
"$bin" grade "$db" --rules "$rules" --as-of 2026-12-01 >/dev/null || { echo "methods: FAIL: grade"; exit 1; }

# Every point as the table says: the expected CSV goes into a temp table.
result=$(sqlite3 "$db" <<SQL
CREATE TEMP TABLE expected (code TEXT, l REAL, e REAL, c REAL, d REAL, level TEXT, tier TEXT);
.mode csv
.import --skip 1 $dir/expected.csv expected
.mode list
.separator " "
CREATE TEMP VIEW got AS
SELECT g.point, g.score, g.level, g.tier, g.importance, g.discretion, g.likelihood, g.harm,
       (SELECT value FROM run_factors f WHERE f.run = g.run AND f.point = g.point
        AND f.name = 'L（可能性）') AS l,
       (SELECT value FROM run_factors f WHERE f.run = g.run AND f.point = g.point
        AND f.name = 'E（频繁程度）') AS e,
       (SELECT value FROM run_factors f WHERE f.run = g.run AND f.point = g.point
        AND f.name = 'C（后果）') AS c,
       (SELECT count(*) FROM run_factors f WHERE f.run = g.run AND f.point = g.point) AS n
FROM run_grades g WHERE g.run = (SELECT max(id) FROM runs);
SELECT 'MISMATCH', x.code, 'table:', x.d, x.level, x.tier, x.l, x.e, x.c,
       'riskgrade:', g.score, g.level, g.tier, g.l, g.e, g.c, 'national:', g.importance,
       g.discretion, g.likelihood, g.harm, 'factors:', g.n
FROM expected x LEFT JOIN got g ON g.point = x.code
WHERE g.point IS NULL OR g.score IS NOT CAST(x.d AS REAL) OR g.level IS NOT x.level
   OR g.tier IS NOT x.tier OR g.l IS NOT CAST(x.l AS REAL) OR g.e IS NOT CAST(x.e AS REAL)
   OR g.c IS NOT CAST(x.c AS REAL) OR g.n <> 3
   OR coalesce(g.importance, g.discretion, g.likelihood, g.harm) IS NOT NULL;
SELECT 'COUNT', (SELECT count(*) FROM expected), (SELECT count(*) FROM got);
SQL
)
echo "$result" | grep '^MISMATCH' | sed 's/^MISMATCH/methods: lec:/'
bad=$(echo "$result" | grep -c '^MISMATCH')
set -- $(echo "$result" | grep '^COUNT')
[ "${2:-0}" -gt 0 ] && [ "$2" = "$3" ] || fail "expected.csv lists ${2:-?} points, riskgrade graded ${3:-?}"
[ "$bad" -eq 0 ] || status=1
echo "methods: lec: $((${2:-0} - bad)) passed, $bad failed"

# Nothing is assumed for a missing fact: the run stops, and writes nothing.
printf '风险点编号,可能性L\nM05,\n' >"$tmp/no_l.csv"
"$bin" import "$db" points "$tmp/no_l.csv" >/dev/null || fail "import of an empty L"
cp "$db" "$tmp/before.db"
"$bin" grade "$db" --rules "$rules" --as-of 2026-12-02 >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 5 ] || fail "grading a point without L: exit code $rc, expected 5"
grep -q '风险点 M05 缺少 L（发生的可能性）：请在风险点表的"可能性L"列填写' "$tmp/err" ||
	{ cat "$tmp/err"; fail "grading a point without L: the message does not name M05 and the column"; }
cmp -s "$db" "$tmp/before.db" || fail "a run stopped by a missing fact changed the database"
exit $status
