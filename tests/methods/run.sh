#!/bin/sh
# run.sh RISKGRADE: methods unlike the default grade their registers exactly as their
# published tables say.  Each register fixtures/methods/M/ is imported (its facts declared
# first), graded with rules/methods/M (a pack written from scratch), and every point is
# compared with fixtures/methods/M/expected.csv, worked out by hand from the method's
# table (see that folder's README), not produced by riskgrade.  The pack's own cases must
# pass and lint, given the database, must find nothing.  Then a point missing a fact the
# method needs must stop the run, naming the point and the column, with the database
# left as it was.
#   powers  《腐败风险等级评估办法》: the level (一级腐败风险…) and the tier from which important
#           power the point's power is and how fully it is exercised; no factors at all,
#           the national four absent (NULL), and the score the level's rank.
#   lec     the LEC method: D (the score), the method's level, the tier, its own factors
#           L, E and C as the pack gave them, and the national four absent (NULL).
# Runs from the repository root.
set -u
USER=${USER:-tester}; export USER # riskgrade records who acts and needs to know
bin=$1
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "methods: FAIL: $*"
	status=1
}

# load M: $tmp/M.db with fixtures/methods/M imported and graded by rules/methods/M as of
# 2026-12-01, after the pack's cases and lint; 1 if it could not be made.
load() {
	db=$tmp/$1.db
	"$bin" init "$db" >/dev/null || { fail "$1: init"; return 1; }
	for f in fixtures/methods/"$1"/[0-9]*.csv; do
		t=$(basename "$f" .csv)
		"$bin" import "$db" "${t#[0-9][0-9]_}" "$f" >/dev/null || { fail "$1: import $f"; return 1; }
	done
	"$bin" test --rules rules/methods/"$1" >"$tmp/test" 2>&1 ||
		{ cat "$tmp/test"; fail "riskgrade test --rules rules/methods/$1"; }
	"$bin" lint --rules rules/methods/"$1" --db "$db" >"$tmp/lint" 2>&1 ||
		{ cat "$tmp/lint"; fail "riskgrade lint --rules rules/methods/$1 --db"; }
	"$bin" grade "$db" --rules rules/methods/"$1" --as-of 2026-12-01 >/dev/null ||
		{ fail "$1: grade"; return 1; }
}

# compare M: the lines MISMATCH … and COUNT expected graded that the SQL on stdin prints
# for $tmp/M.db (it reads the temp table expected, which holds expected.csv), reported.
compare() {
	result=$(sqlite3 "$tmp/$1.db")
	echo "$result" | grep '^MISMATCH' | sed "s/^MISMATCH/methods: $1:/"
	bad=$(echo "$result" | grep -c '^MISMATCH')
	set -- "$1" $(echo "$result" | grep '^COUNT')
	[ "${3:-0}" -gt 0 ] && [ "$3" = "$4" ] ||
		fail "$1: expected.csv lists ${3:-?} points, riskgrade graded ${4:-?}"
	[ "$bad" -eq 0 ] || status=1
	echo "methods: $1: $((${3:-0} - bad)) passed, $bad failed"
}

# stops M CSV MESSAGE: after importing the points sheet CSV, grading $tmp/M.db stops
# (exit 5) with MESSAGE, and leaves the database as it was.
stops() {
	db=$tmp/$1.db
	"$bin" import "$db" points "$2" >/dev/null || { fail "$1: import of $2"; return; }
	cp "$db" "$tmp/before.db"
	"$bin" grade "$db" --rules rules/methods/"$1" --as-of 2026-12-02 >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" = 5 ] || fail "$1: grading after $2: exit code $rc, expected 5"
	grep -qF "$3" "$tmp/err" || { cat "$tmp/err"; fail "$1: grading after $2: no message '$3'"; }
	cmp -s "$db" "$tmp/before.db" || fail "$1: a run stopped by a missing fact changed the database"
}

# ---- 《腐败风险等级评估办法》 -------------------------------------------------------------
if load powers; then
	compare powers <<SQL
CREATE TEMP TABLE expected (code TEXT, power TEXT, exercise TEXT, clause TEXT, level TEXT,
                            tier TEXT, score REAL);
.mode csv
.import --skip 1 fixtures/methods/powers/expected.csv expected
.mode list
.separator " "
CREATE TEMP VIEW got AS
SELECT * FROM run_grades g WHERE g.run = (SELECT max(id) FROM runs);
SELECT 'MISMATCH', x.code, 'table:', x.level, x.tier, x.score,
       'riskgrade:', g.level, g.tier, g.score, 'national:', g.importance, g.discretion,
       g.likelihood, g.harm, 'own factors:', g.method_factors
FROM expected x LEFT JOIN got g ON g.point = x.code
WHERE g.point IS NULL OR g.level IS NOT x.level OR g.tier IS NOT x.tier
   OR g.score IS NOT CAST(x.score AS REAL) OR g.method_factors IS NOT NULL
   OR coalesce(g.importance, g.discretion, g.likelihood, g.harm) IS NOT NULL;
SELECT 'COUNT', (SELECT count(*) FROM expected), (SELECT count(*) FROM got);
SQL
	# Nothing is assumed for a missing fact: neither how the power is exercised, nor
	# which important power it is.
	printf '风险点编号,行使程度\nD04,\n' >"$tmp/no_exercise.csv"
	stops powers "$tmp/no_exercise.csv" \
		'风险点 D04 缺少行使程度：请在风险点表的"行使程度"列填写直接行使、直接行使部分或较少或基本没有'
	printf '职权编码,重要权力\nQ2,\n' >"$tmp/no_power.csv"
	"$bin" import "$tmp/powers.db" powers "$tmp/no_power.csv" >/dev/null || fail "powers: import of Q2"
	printf '风险点编号,行使程度\nD04,直接行使\n' >"$tmp/exercise.csv"
	"$bin" import "$tmp/powers.db" powers "$tmp/no_power.csv" >/dev/null || fail "powers: import of Q2"
	stops powers "$tmp/exercise.csv" \
		'风险点 D04 所属职权 Q2 缺少重要权力：请在职权表的"重要权力"列填写'
fi

# ---- the LEC method --------------------------------------------------------------------
if load lec; then
	compare lec <<SQL
CREATE TEMP TABLE expected (code TEXT, l REAL, e REAL, c REAL, d REAL, level TEXT, tier TEXT);
.mode csv
.import --skip 1 fixtures/methods/lec/expected.csv expected
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
	printf '风险点编号,可能性L\nM05,\n' >"$tmp/no_l.csv"
	stops lec "$tmp/no_l.csv" '风险点 M05 缺少 L（发生的可能性）：请在风险点表的"可能性L"列填写'
fi
exit $status
