#!/bin/sh
# concurrent.sh CONNINFO RISKGRADE: several clients at work on one PostgreSQL database
# while a grading run goes on.
#   1. A run that has begun sees one snapshot: an import and an approval made by other
#      clients while it runs wait for nothing, are kept, and do not reach the run; the
#      run's grades are those of the same run on an SQLite copy graded before them, and
#      the next run's are those graded after them.
#   2. A warning step made while a run is going on, on a warning that run updates: one
#      of the two must give way.  The step is kept; the run stops with a message naming
#      the record (warnings WHERE id = N), writes nothing, and succeeds when run again.
#   3. Every one of them appended to the audit log, some while the run was going on: the
#      log is still one chain (audit verify).
# The run is held at a known point by a lock on table run_scopes that another session
# takes first: the run has begun (it has recorded itself in runs, which took its
# snapshot) and waits for that lock, to record its scope, while the other clients work.
# CONNINFO reaches the server's database "postgres" as a superuser.
set -u
scratch=rg_concurrent
now=2026-12-01T09:00:00Z
. tests/pg/scratch
status=0

fail() {
	echo "FAIL pg/concurrent: $*"
	status=1
}

load() { # load DB: the demo, graded once (as of 2026-12-01)
	RISKGRADE_NOW=2026-12-01T09:00:00Z
	"$rg" init "$1" >/dev/null || return 1
	for f in fixtures/demo/[0-9]*.csv; do
		t=$(basename "$f" .csv | sed 's/^[0-9]*_//')
		"$rg" import "$1" "$t" "$f" --by 演示 >/dev/null || return 1
	done
	"$rg" grade "$1" --as-of 2026-12-01 --by 纪检组 >/dev/null
	RISKGRADE_NOW=2027-01-10T09:00:00Z  # then the next month's work
}

# The writes other clients make: FX-007's self-assessment of its power's importance
# raised from 1 to 5 (its reasons quote the ratings), and FX-005 approved.
printf '风险点编号,评议主体,评定因素,分值,评议日期\nFX-007,岗位自评,权力重要程度,5,2025-06-22\n' \
	>"$tmp/rating.csv"
writes() { # writes DB: print each one's exit code
	"$rg" import "$1" ratings "$tmp/rating.csv" --by 演示 >"$tmp/import.out" 2>&1
	echo "import $?"
	"$rg" approve "$1" FX-005 一级 --by P001 --on 2027-01-05 --note 集体审定 >"$tmp/approve.out" 2>&1
	echo "approve $?"
}

# The grades of run N (the score in tenths: both shells print it alike), a row a line.
grades_sql="SELECT point, tier, CAST(round(score * 10) AS INTEGER), reasons FROM run_grades"
grades() { # grades RUN: on the PostgreSQL database
	psql "$db" -AtF'|' -c "$grades_sql WHERE run = $1 ORDER BY point"
}

# hold SECONDS: another session takes the lock a grading run needs to record its scope,
# and keeps it SECONDS; returns once the lock is held.
hold() {
	psql "$db" -qc "BEGIN; LOCK TABLE run_scopes IN SHARE ROW EXCLUSIVE MODE; SELECT pg_sleep($1);
		COMMIT;" >/dev/null 2>&1 &
	holder=$!
	wait_for "mode = 'ShareRowExclusiveLock' AND granted" pg_locks
}

# wait_for CONDITION VIEW: until a row of the view meets the condition (20 s at most).
wait_for() {
	for _ in $(seq 200); do
		n=$(psql "$db" -Atc "SELECT count(*) FROM $2 WHERE $1")
		[ "$n" -gt 0 ] && return 0
		sleep 0.1
	done
	fail "waited in vain for $2: $1"
	return 1
}

# --- 1. a snapshot ---------------------------------------------------------------------
# The reference, on SQLite: run 2 graded before the writes, run 3 after.
ref=$tmp/ref.db
load "$ref" || fail "the SQLite reference did not load"
"$rg" grade "$ref" --as-of 2027-01-10 --by 纪检组 >/dev/null
writes "$ref" >/dev/null
"$rg" grade "$ref" --as-of 2027-01-10 --by 纪检组 >/dev/null
for run in 2 3; do
	sqlite3 -separator '|' "$ref" "$grades_sql WHERE run = $run ORDER BY point" >"$tmp/ref.$run"
done
cmp -s "$tmp/ref.2" "$tmp/ref.3" && fail "the writes change no grade: the test would prove nothing"

load "$db" || fail "the PostgreSQL database did not load"
hold 8
"$rg" grade "$db" --as-of 2027-01-10 --by 纪检组 >"$tmp/grade.out" 2>&1 &
run=$!
wait_for "application_name = 'riskgrade' AND wait_event_type = 'Lock' AND datname = '$scratch'" \
	pg_stat_activity
start=$(date +%s)
writes "$db" >"$tmp/writes"
took=$(($(date +%s) - start))
printf 'import 0\napprove 0\n' | cmp -s - "$tmp/writes" ||
	fail "the writes made while the run waited failed: $(cat "$tmp/writes" "$tmp/import.out" "$tmp/approve.out")"
[ "$took" -lt 5 ] || fail "the writes waited for the run ($took s)"
wait $holder
wait $run || fail "the run failed: $(cat "$tmp/grade.out")"
grades 2 >"$tmp/pg.2"
cmp -s "$tmp/ref.2" "$tmp/pg.2" ||
	fail "run 2 saw writes made after it began: $(diff "$tmp/ref.2" "$tmp/pg.2" | head -5)"
"$rg" grade "$db" --as-of 2027-01-10 --by 纪检组 >/dev/null || fail "run 3 failed"
grades 3 >"$tmp/pg.3"
cmp -s "$tmp/ref.3" "$tmp/pg.3" ||
	fail "run 3 lost a write: $(diff "$tmp/ref.3" "$tmp/pg.3" | head -5)"
[ "$(psql "$db" -Atc "SELECT approved_tier FROM points WHERE code = 'FX-005'")" = 一级 ] ||
	fail "the approval made during run 2 was lost"

# --- 2. a clash ------------------------------------------------------------------------
# Warning 2 (FX-012's) is open; every run that still finds its cause updates it.
RISKGRADE_NOW=2027-01-20T09:00:00Z
runs_before=$(psql "$db" -Atc "SELECT count(*) FROM runs")
hold 6
"$rg" grade "$db" --as-of 2027-01-20 --by 纪检组 >"$tmp/grade.out" 2>&1 &
run=$!
wait_for "application_name = 'riskgrade' AND wait_event_type = 'Lock' AND datname = '$scratch'" \
	pg_stat_activity
"$rg" warning "$db" 2 ack --by P003 --on 2027-01-12 --note 已签收 >"$tmp/ack.out" 2>&1 ||
	fail "the warning step made during the run failed: $(cat "$tmp/ack.out")"
wait $holder
if wait $run; then
	fail "the run overwrote a warning step made while it ran: $(cat "$tmp/grade.out")"
fi
grep -q "another client changed the same record at the same time (warnings WHERE id = 2)" \
	"$tmp/grade.out" || fail "the clash was not named: $(cat "$tmp/grade.out")"
[ "$(psql "$db" -Atc "SELECT count(*) FROM runs")" = "$runs_before" ] ||
	fail "the run that gave way left a run behind"
[ "$(psql "$db" -Atc "SELECT status FROM warnings WHERE id = 2")" = 签收 ] ||
	fail "the warning step was lost"
"$rg" grade "$db" --as-of 2027-01-20 --by 纪检组 >"$tmp/grade.out" 2>&1 ||
	fail "the run failed when run again: $(cat "$tmp/grade.out")"

# Every command appended to the audit log, some while a run was going on: one chain.
"$rg" audit "$db" verify >"$tmp/verify" 2>&1 ||
	fail "the audit log does not verify after clients worked at once: $(cat "$tmp/verify")"

[ $status = 0 ] && echo "pg/concurrent: a run sees one snapshot; writes made meanwhile are kept; a clash names the record; the audit log is one chain"
exit $status
