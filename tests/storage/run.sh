#!/bin/sh
# run.sh RISKGRADE: a run stores what changed (schemas/006_grade_versions.sql), and no
# reader can tell.  A review cycle on fixtures/tiny (steps() below: runs of every agency
# and of one, a new signal, a re-imported approved tier, a point moved to another agency
# and back, traced runs, approvals, runs that change nothing) was played once by riskgrade
# as it was before 006, which stored a full copy of every run:
#   tests/storage/fullcopy.sql  the database it left (sqlite3 .dump, schema version 3)
#   tests/storage/expected/     what it printed: steps.txt for the steps themselves, one
#                               file per reader (runs, explain, diff, flags, export,
#                               report, calibrate, warnings, audit) for every run, and the
#                               grades, flags and traces of every run as sqlite3 prints them
# Two checks that RISKGRADE gives the same answers from its own storage:
#   1. fullcopy.sql upgraded by `RISKGRADE init`: every reader prints expected/, and the
#      copies that repeat a point's previous result are gone;
#   2. the steps played again by RISKGRADE on a new database: the steps and every reader
#      print expected/, and the runs that changed nothing stored no grades row.
# RG_STORAGE_MAKE=1 sh tests/storage/run.sh OLD_RISKGRADE writes fullcopy.sql and
# expected/ anew with a riskgrade built before 006 (review `git diff tests/storage`).
# expected/report-*.html were since brought to the report's later print layout (its CSS,
# and the record time as a <time>), which no riskgrade before 006 prints: each file was
# checked to differ from what that riskgrade printed in those lines alone.  Later still,
# the run named once (第 N 次评定, no "（run N）") and the open flags by reason without
# their codes' column (代码): those lines edited by hand, the same way in every file.
# Run from the repository root.
set -u
rg=${1:?usage: sh tests/storage/run.sh RISKGRADE}
here=tests/storage
USER=tester
export USER
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

fail() {
	echo "storage: FAIL: $*"
	status=1
}

# at HH:MM COMMAND...: run riskgrade at a fixed time on 2026-12-0D (D from $day).
day=1
at() {
	t=$1
	shift
	RISKGRADE_NOW=2026-12-0${day}T$t:00Z "$@"
}

# import HH:MM DB TABLE CSV: one spreadsheet, quietly, at a fixed time too.
import() {
	at "$1" "$rg_steps" import "$2" "$3" "$4" >/dev/null || echo "import $3 $4 failed"
}

# steps RISKGRADE DB: the review cycle, printing what each step prints.
steps() {
	rg_steps=$1
	db=$2
	"$rg_steps" init "$db" >/dev/null || return 1
	day=1
	for f in fixtures/tiny/[0-9]*.csv; do
		t=$(basename "$f" .csv | sed 's/^[0-9]*_//')
		import 08:00 "$db" "$t" "$f"
	done
	echo "== run 1: every agency"
	day=1 at 09:00 "$rg_steps" grade "$db" --as-of 2026-12-01
	echo "== run 2: T-1 alone, nothing changed"
	day=1 at 09:10 "$rg_steps" grade "$db" --as-of 2026-12-01 --agency T-1
	echo "== run 3: every agency, nothing changed"
	day=1 at 09:20 "$rg_steps" grade "$db" --as-of 2026-12-01
	echo "== run 4: a substantiated 严重 signal on A3, traced, a day later"
	day=2 import 08:00 "$db" signals $here/signal.csv
	day=2 at 09:00 "$rg_steps" grade "$db" --as-of 2026-12-02 --trace
	echo "== approval of A5 (clears its flags of run 4)"
	day=2 at 10:00 "$rg_steps" approve "$db" A5 二级 --by P1 --note 党组会议集体审定
	echo "== run 5: T-1 alone; A6 moved into it, A7 approved 一级 by a re-import"
	day=3 import 08:00 "$db" points $here/points-moved.csv
	day=3 at 09:00 "$rg_steps" grade "$db" --as-of 2026-12-02 --agency T-1
	echo "== run 6: every agency, traced"
	day=3 at 09:10 "$rg_steps" grade "$db" --as-of 2026-12-02 --trace
	echo "== run 7: T-1 alone, A6 moved back to T"
	day=3 import 09:15 "$db" points $here/points-back.csv
	day=3 at 09:20 "$rg_steps" grade "$db" --as-of 2026-12-02 --agency T-1
	echo "== run 8: every agency, untraced"
	day=4 at 09:00 "$rg_steps" grade "$db" --as-of 2026-12-02
	echo "== approval of A1 (its latest run is 8)"
	day=4 at 10:00 "$rg_steps" approve "$db" A1 一级 --by P1 --note 党组会议集体审定
	echo "== run 9: every agency, traced"
	day=5 at 09:00 "$rg_steps" grade "$db" --as-of 2026-12-02 --trace
	echo "== run 10: every agency, nothing changed"
	day=5 at 09:10 "$rg_steps" grade "$db" --as-of 2026-12-02 --trace
}

# readers RISKGRADE DB DIR: every reader's answer about every run into DIR, one file each.
readers() {
	r=$1
	db=$2
	out=$3
	mkdir -p "$out"
	day=6
	n=$(sqlite3 "$db" "SELECT max(id) FROM runs")
	at 09:00 "$r" runs "$db" >"$out/runs" 2>&1
	at 09:00 "$r" runs "$db" --format json >"$out/runs.json" 2>&1
	for p in A1 A2 A3 A4 A5 A6 A7; do
		at 09:00 "$r" explain "$db" $p >"$out/explain-$p" 2>&1
	done
	at 09:00 "$r" flags "$db" >"$out/flags" 2>&1
	at 09:00 "$r" flags "$db" --agency T-1 --format csv >"$out/flags-T-1.csv" 2>&1
	at 09:00 "$r" flags "$db" --code under_graded --format json >"$out/flags-under.json" 2>&1
	at 09:00 "$r" export "$db" warnings -o - --format csv --as-of 2026-12-20 \
		>"$out/export-warnings.csv" 2>&1
	at 09:00 "$r" export "$db" measures -o - --format csv >"$out/export-measures.csv" 2>&1
	at 09:00 "$r" warnings "$db" --status all --as-of 2026-12-20 >"$out/warnings" 2>&1
	at 09:00 "$r" audit "$db" verify >"$out/audit-verify" 2>&1
	i=1
	while [ "$i" -le "$n" ]; do
		at 09:00 "$r" export "$db" tiers -o - --format csv --run $i >"$out/tiers-$i.csv" 2>&1
		at 09:00 "$r" export "$db" tiers -o - --format json --run $i >"$out/tiers-$i.json" 2>&1
		at 09:00 "$r" export "$db" measures -o - --format csv --run $i \
			>"$out/measures-$i.csv" 2>&1
		at 09:00 "$r" report "$db" --run $i --as-of 2026-12-20 -o - >"$out/report-$i.html" 2>&1
		at 09:00 "$r" report "$db" --run $i --as-of 2026-12-20 --agency T-1 -o - \
			>"$out/report-T-1-$i.html" 2>&1
		at 09:00 "$r" calibrate "$db" --run $i >"$out/calibrate-$i" 2>&1
		at 09:00 "$r" warnings "$db" --run $i --status all --as-of 2026-12-20 --format csv \
			>"$out/warnings-$i.csv" 2>&1
		at 09:00 "$r" warnings "$db" --run $i --tier 二级 --status all --as-of 2026-12-20 \
			>"$out/warnings-tier-$i" 2>&1
		j=1
		while [ "$j" -lt "$i" ]; do
			at 09:00 "$r" diff "$db" $j $i >"$out/diff-$j-$i" 2>&1
			j=$((j + 1))
		done
		at 09:00 "$r" diff "$db" $((i > 1 ? i - 1 : 1)) $i --format json >"$out/diff-$i.json" 2>&1
		i=$((i + 1))
	done
	# The stored results of every run: the tables before 006, the views after it.
	g=grades f=flags t=traces
	if [ "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_schema WHERE name = 'run_grades'")" = 1 ]; then
		g=run_grades f=run_flags t=run_traces
	fi
	sqlite3 "$db" "SELECT run, point, pack, importance, discretion, likelihood, harm, score,
		tier, reasons FROM $g ORDER BY run, point" >"$out/grades.sql" 2>&1
	sqlite3 "$db" "SELECT run, point, code, label, evidence, cleared_by FROM $f
		ORDER BY run, point, code" >"$out/flags.sql" 2>&1
	sqlite3 "$db" "SELECT run, point, seq, reason, source FROM $t ORDER BY run, point, seq" \
		>"$out/traces.sql" 2>&1
}

# compare GOT: every file of expected/ against GOT's, named when it differs.
compare() {
	for f in "$here"/expected/*; do
		b=$(basename "$f")
		if ! cmp -s "$f" "$1/$b"; then
			fail "$2: $b differs from expected/$b:"
			diff "$f" "$1/$b" | head -n 20
		fi
	done
}

if [ "${RG_STORAGE_MAKE:-0}" = 1 ]; then
	steps "$rg" "$tmp/full.db" >"$tmp/steps.txt" 2>&1 || { echo "steps failed"; exit 1; }
	rm -rf "$here/expected"
	readers "$rg" "$tmp/full.db" "$here/expected"
	cp "$tmp/steps.txt" "$here/expected/steps.txt"
	{
		sqlite3 "$tmp/full.db" .dump
		echo "PRAGMA user_version = $(sqlite3 "$tmp/full.db" "PRAGMA user_version");"
	} >"$here/fullcopy.sql"
	echo "storage: wrote $here/fullcopy.sql and $here/expected/ ($(ls "$here/expected" | wc -l) files)"
	exit 0
fi

# 1. The full copies upgraded.
sqlite3 "$tmp/up.db" <"$here/fullcopy.sql" || fail "fullcopy.sql does not load"
before=$(sqlite3 "$tmp/up.db" "SELECT count(*) FROM grades")
"$rg" init "$tmp/up.db" >/dev/null || fail "init does not upgrade fullcopy.sql"
readers "$rg" "$tmp/up.db" "$tmp/up"
cp "$here/expected/steps.txt" "$tmp/up/steps.txt"
compare "$tmp/up" "the upgraded full copies"
after=$(sqlite3 "$tmp/up.db" "SELECT count(*) FROM grades")
[ "$after" -lt "$before" ] || fail "the upgrade kept all $before grades rows"

# 2. The steps played again.
steps "$rg" "$tmp/new.db" >"$tmp/steps.txt" 2>&1 || fail "the steps failed"
readers "$rg" "$tmp/new.db" "$tmp/new"
cp "$tmp/steps.txt" "$tmp/new/steps.txt"
compare "$tmp/new" "the steps played again"
# Runs 2, 3 and 10 changed nothing (the same data and date as the run before them).
for r in 2 3 10; do
	stored=$(sqlite3 "$tmp/new.db" "SELECT (SELECT count(*) FROM grades WHERE run = $r) +
		(SELECT count(*) FROM flags WHERE run = $r) + (SELECT count(*) FROM traces WHERE run = $r)")
	[ "$stored" = 0 ] || fail "run $r changed nothing but stored $stored rows"
done

[ $status = 0 ] && echo "storage: upgraded full copies ($before grades rows, now $after) and the steps played again answer as before"
exit $status
