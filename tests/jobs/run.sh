#!/bin/sh
# run.sh RISKGRADE: grading in threads changes nothing.  Each data set (fixtures/demo,
# tests/oracle/edge, and fixtures/agencies/AYGS, whose agencies have packs of their own)
# is imported once, then graded in copies of that database (in folders j1, j2, j3; the
# output names it as J) with --jobs 1, 2 and 3: a first
# run (with --trace), a second run a month later (warnings followed and escalated), then a
# dry run.  What each prints, the sqlite3 .dump of every table and the database files
# themselves must be byte for byte the same as with --jobs 1, and the dry run must leave
# its database as it was.
#   usage: tests/jobs/run.sh RISKGRADE_BINARY      (run from the repository root)
set -u
if [ $# -ne 1 ]; then
	echo "usage: $0 RISKGRADE_BINARY" >&2
	exit 2
fi
bin=$1
RISKGRADE_NOW=2026-12-01T09:00:00Z
USER=tester
export RISKGRADE_NOW USER
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

# check WHAT A B: A and B must be the same bytes.
check() {
	if cmp -s "$2" "$3"; then
		pass=$((pass + 1))
	else
		echo "FAIL $1: ${3#"$tmp"/} differs from ${2#"$tmp"/}"
		diff "$2" "$3" | head -20
		fail=$((fail + 1))
	fi
}

# grade_all DB JOBS: the runs, their output into DB.out (DB's folder as J); DB.dump: the
# .dump after them.
grade_all() {
	{
		"$bin" grade "$1" --as-of 2026-12-01 --trace --jobs "$2" &&
			"$bin" grade "$1" --as-of 2027-01-01 --jobs "$2" &&
			cp "$1" "$1.before-dry" &&
			"$bin" grade "$1" --as-of 2027-01-15 --dry-run --jobs "$2"
	} >"$1.raw" 2>&1 || echo "grade --jobs $2 failed: exit $?" >>"$1.raw"
	sed "s|$(dirname "$1")|J|g" "$1.raw" >"$1.out"
	sqlite3 "$1" .dump >"$1.dump"
}

for dir in fixtures/demo tests/oracle/edge fixtures/agencies/AYGS; do
	name=$(basename "$dir")
	base=$tmp/$name.db
	"$bin" init "$base" >/dev/null || { echo "FAIL $dir: init"; fail=$((fail + 1)); continue; }
	for f in "$dir"/[0-9]*.csv; do
		t=$(basename "$f" .csv)
		"$bin" import "$base" "${t#[0-9][0-9]_}" "$f" >/dev/null ||
			{ echo "FAIL $dir: import $f"; fail=$((fail + 1)); continue 2; }
	done
	for jobs in 1 2 3; do
		mkdir -p "$tmp/j$jobs"
		db=$tmp/j$jobs/$name.db
		cp "$base" "$db"
		grade_all "$db" "$jobs"
		check "$dir --jobs $jobs: dry run" "$db.before-dry" "$db"
	done
	for jobs in 2 3; do
		for what in out dump; do
			check "$dir --jobs $jobs: $what" "$tmp/j1/$name.db.$what" "$tmp/j$jobs/$name.db.$what"
		done
		check "$dir --jobs $jobs: database file" "$tmp/j1/$name.db" "$tmp/j$jobs/$name.db"
	done
done
echo "jobs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
