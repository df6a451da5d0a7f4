#!/bin/sh
# run.sh RISKGRADE: a run that takes a point's stored result, because its pack promised
# the result holds (result.recheck_on), records what grading the point afresh records.
#
# 1. The promise against an independent method: fixtures/tiny, fixtures/demo and
#    tests/oracle/edge are graded as of every day on which the default pack's result can
#    change (tests/reuse/dates.py: a date of the facts, plus 1, 366 or a review cycle
#    plus 1), each with the day before it, in date order, and every run is checked
#    against the Python oracle (tests/reuse/sweep.py) as of its date.  A promise one day
#    too long shows as a stale result on that day.
# 2. Taking against grading: fixtures/demo in two databases, one graded as usual (--jobs
#    2), the other with --regrade-all (--jobs 1), through the same months of work between
#    runs: warnings acknowledged, answered and released, a point approved (its flags
#    cleared), a new signal imported, a dry run, and a warning released and flags cleared
#    by hand in the database.  After each run, what each printed and
#    the sqlite3 .dump of each (but the table reuse, which only says until when results
#    hold) must be the same; and the first must have taken some stored results.
#   usage: tests/reuse/run.sh RISKGRADE_BINARY      (run from the repository root)
set -u
if [ $# -ne 1 ]; then
	echo "usage: $0 RISKGRADE_BINARY" >&2
	exit 2
fi
bin=$1
here=$(dirname "$0")
USER=tester
export USER
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

# load DB DIR: a new database with the fixtures of DIR.
load() {
	"$bin" init "$1" >/dev/null || return 1
	for f in "$2"/[0-9]*.csv; do
		t=$(basename "$f" .csv | sed 's/^[0-9]*_//')
		"$bin" import "$1" "$t" "$f" >/dev/null || return 1
	done
}

# ---- 1. every day the result can change, against the oracle ----------------------------

for dir in fixtures/tiny fixtures/demo tests/oracle/edge; do
	db=$tmp/$(basename "$dir").db
	load "$db" "$dir" || { echo "FAIL $dir: cannot load"; fail=$((fail + 1)); continue; }
	ok=1
	for d in $(python3 "$here/dates.py" "$dir" 2026-06-01 2028-06-30 50); do
		RISKGRADE_NOW=${d}T09:00:00Z "$bin" grade "$db" --as-of "$d" --jobs 1 >/dev/null ||
			{ echo "FAIL $dir: grade as of $d"; ok=0; break; }
	done
	taken=$(sqlite3 "$db" "SELECT count(*) FROM runs")
	if [ $ok = 1 ] && python3 "$here/sweep.py" "$dir" "$db" >"$tmp/sweep.out"; then
		echo "ok $dir: $(tail -1 "$tmp/sweep.out")"
		pass=$((pass + 1))
	else
		echo "FAIL $dir: runs differ from the oracle ($taken runs)"
		head -20 "$tmp/sweep.out"
		fail=$((fail + 1))
	fi
done

# ---- 2. taking against grading, through months of work ---------------------------------

a=$tmp/take.db
b=$tmp/grade.db
load "$a" fixtures/demo && cp "$a" "$b" || { echo "FAIL: cannot load fixtures/demo"; exit 1; }
taken=0

# both CMD...: run riskgrade CMD... on both databases (DB stands for each).
both() {
	for db in "$a" "$b"; do
		cmd=$(printf '%s\n' "$*" | sed "s|DB|$db|g")
		eval "\"$bin\" $cmd" >/dev/null || echo "FAIL: riskgrade $cmd"
	done
}

# step ON ACTION...: the lowest open warning (issued or acknowledged) taken one step on
# date ON by the person responsible for it, in both databases.
step() {
	on=$1
	shift
	id=$(sqlite3 "$a" "SELECT id FROM warnings WHERE status IN ('发布', '签收', '反馈')
		ORDER BY id LIMIT 1")
	by=$(sqlite3 "$a" "SELECT coalesce(responsible, 'P001') FROM warnings WHERE id = $id")
	for action in "$@"; do
		RISKGRADE_NOW=${on}T09:00:00Z both warning DB "$id" "$action" --by "$by" \
			--on "$on" --note x
	done
}

# grade ON: both databases graded as of ON, compared.
grade() {
	RISKGRADE_NOW=${1}T09:00:00Z "$bin" grade "$a" --as-of "$1" --jobs 2 >"$a.out" 2>&1
	RISKGRADE_NOW=${1}T09:00:00Z "$bin" grade "$b" --as-of "$1" --jobs 1 --regrade-all \
		>"$b.out" 2>&1
	sqlite3 "$a" .dump | grep -v '^INSERT INTO reuse ' >"$a.dump"
	sqlite3 "$b" .dump | grep -v '^INSERT INTO reuse ' >"$b.dump"
	n=$(sqlite3 "$a" "SELECT count(*) FROM reuse WHERE as_of < '$1'")
	taken=$((taken + n))
	if cmp -s "$a.out" "$b.out" && cmp -s "$a.dump" "$b.dump"; then
		echo "ok run as of $1: the same, $n results taken"
		pass=$((pass + 1))
	else
		echo "FAIL run as of $1: taking stored results differs from grading ($n taken)"
		diff "$b.out" "$a.out" | head -10
		diff "$b.dump" "$a.dump" | head -20
		fail=$((fail + 1))
	fi
}

grade 2026-12-01
grade 2026-12-02
step 2026-12-03 ack feedback release
RISKGRADE_NOW=2026-12-03T09:00:00Z both approve DB FX-001 二级 --by P001 --on 2026-12-03 \
	--note x
grade 2026-12-04
# Approved on the day of the run, graded again that day, then the same approval again:
# the point's facts are as the last run saw them, but the flags of its result are cleared
# now, which grading never gives.
for i in 1 2; do
	RISKGRADE_NOW=2026-12-04T10:00:00Z both approve DB FX-001 二级 --by P001 --on 2026-12-04 \
		--note x
	[ $i = 1 ] && grade 2026-12-04
done
grade 2026-12-17
step 2026-12-18 ack
step 2026-12-19 feedback
grade 2026-12-20
printf '%s\n' "信息来源,风险点编号,岗位代码,收到日期,严重程度,是否属实,内容摘要,举报人" \
	"巡视,FX-010,,2026-12-21,严重,是,巡视发现违规审批,张某某" >"$tmp/signal.csv"
RISKGRADE_NOW=2026-12-21T09:00:00Z both import DB signals "$tmp/signal.csv"
grade 2026-12-22
step 2026-12-23 release
cp "$a" "$tmp/before-dry.db"
RISKGRADE_NOW=2027-01-02T09:00:00Z "$bin" grade "$a" --as-of 2027-01-02 --dry-run >/dev/null
if cmp -s "$a" "$tmp/before-dry.db"; then
	pass=$((pass + 1))
else
	echo "FAIL: a dry run changed the database"
	fail=$((fail + 1))
fi
grade 2027-01-02
# Approved, graded twice the same day (the second run takes the first one's rows), then
# the same approval again, which copies the rows the latest run took to that run to clear
# their flags: the promise was made for the older rows, no longer the latest.
for i in 1 2; do
	RISKGRADE_NOW=2027-01-05T10:00:00Z both approve DB FX-026 三级 --by P001 --on 2027-01-05 \
		--note x
	[ $i = 1 ] && grade 2027-01-05 && grade 2027-01-05
done
# The review done by hand in the database, as tests/report does: a warning released, and
# a point's open flags cleared by an approval, without riskgrade.
for db in "$a" "$b"; do
	sqlite3 "$db" "UPDATE warnings SET status = '解除' WHERE id = (SELECT min(id) FROM warnings
		WHERE status <> '解除');
	INSERT INTO approvals (point, tier, run, computed, approved_on, by, note)
	  SELECT g.point, g.tier, g.run, g.tier, '2027-01-06', 'P001', 'x' FROM grades g
	  WHERE g.point = 'FX-042' AND g.run = (SELECT max(run) FROM grades WHERE point = 'FX-042');
	UPDATE flags SET cleared_by = (SELECT max(id) FROM approvals) WHERE point = 'FX-042'
	  AND run = (SELECT max(run) FROM grades WHERE point = 'FX-042');" ||
		echo "FAIL: the review by hand in $db"
done
grade 2027-01-06
grade 2027-03-01
grade 2027-06-01
grade 2027-12-01

if [ "$taken" -gt 0 ]; then
	pass=$((pass + 1))
else
	echo "FAIL: no run took a stored result"
	fail=$((fail + 1))
fi
echo "reuse: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
