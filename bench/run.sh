#!/bin/sh
# run.sh RISKGRADE N: the benchmark, in one invocation on one generated database of N
# synthetic points (bench/generate.sql):
#   1. the first run (as of 2026-12-01);
#   2. a second run one month later, after a small change of the data (1% of the points
#      get a new substantiated signal), and before it, on a copy, the same change graded
#      the next day (a re-run: under 1% of the points change, as the targets assume);
#   3. a dry run on the result, and the disk it needs beyond the database (its journal
#      and temporary files, sampled);
# each with points/s, peak RSS (GNU time), how much the database grew and its threads'
# cpu time (sampled from /proc), and what the second run stored (rows by table, growth
# by table and index, from dbstat); then
#   4. the review meeting's report on the second run (riskgrade report), its time and size;
#   5. the floors, measured by the sqlite3 shell on the same data: reading every fact
#      table once, and writing the first run's grade rows (with reasons of the same mean
#      length), flag rows and warnings with their events with one INSERT ... SELECT each
#      into scratch tables;
#   6. the first run on N/10 points, for the cost per point, and what the sandbox's limits
#      cost there.
# Every figure is printed beside its target.  Timings are wall-clock seconds, with the
# cpu time (user + system, every thread) beside them.
set -eu
USER=${USER:-tester}; export USER # riskgrade records who acts and needs to know
bin=$1
n=$2
dir=${BENCH_DIR:-build/bench}
mkdir -p "$dir"
db=$dir/large.db
t=$dir/time.txt

gen() { # gen N DB
	rm -f "$2"
	"$bin" init "$2" >/dev/null
	{ echo "CREATE TEMP TABLE params AS SELECT $1 AS n;"; cat bench/generate.sql; } |
		sqlite3 "$2" >/dev/null
}

size() { # size FILE: its size in bytes
	wc -c <"$1" | tr -d ' '
}

# timed FILE CMD...: run CMD with GNU time, its output to FILE; sets secs (wall), kb
# and cpu (user + system, every thread: what the machine spent, less swayed than the
# wall clock by other work on a shared machine).
timed() {
	out=$1
	shift
	/usr/bin/time -f '%e %M %U %S' -o "$t" "$@" >"$out"
	read -r secs kb user sys <"$t"
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
}

# watch_threads DB OUT: until OUT.stop exists, five times a second, the cpu time so far
# of each thread of the riskgrade grading DB (/proc/PID/task/TID/stat: utime + stime,
# in clock ticks); then into OUT: "storing packs threads", the cpu seconds of the
# thread that reads and stores (the process's first), of the threads that run the rule
# packs, and how many of those.  A pack thread ends a little before the run: the last
# 0.2 s of each may be missed.
watch_threads() {
	rm -f "$2.samples"
	while [ ! -e "$2.stop" ]; do
		for pid in $(pgrep -x riskgrade); do
			tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- " $1 " || continue
			for stat in /proc/"$pid"/task/*/stat; do
				read -r line <"$stat" 2>/dev/null && echo "$pid $line"
			done >>"$2.samples"
		done
		sleep 0.2
	done
	touch "$2.samples"
	# Fields: our pid, then stat's: tid (comm) state ... utime (14th) stime (15th).
	awk -v hz="$(getconf CLK_TCK)" '$3 == "(riskgrade)" {
		t = $15 + $16; if (t > cpu[$2]) cpu[$2] = t; main[$2] = ($1 == $2) }
	END { for (tid in cpu) if (main[tid]) s += cpu[tid]; else { p += cpu[tid]; n++ }
	      printf "%.1f %.1f %d\n", s / hz, p / hz, n }' "$2.samples" >"$2"
	rm -f "$2.samples" "$2.stop"
}

# grade LABEL DB ARGS...: grade DB, print the line of LABEL, and under it the cpu time of
# its threads; sets secs, kb, graded, grew, and storing, packs, threads (watch_threads).
grade() {
	label=$1
	file=$2
	shift 2
	before=$(size "$file")
	watch_threads "$file" "$dir/threads" &
	watcher=$!
	timed "$dir/out.txt" "$bin" grade "$file" --by bench "$@"
	touch "$dir/threads.stop"
	wait "$watcher"
	read -r storing packs threads <"$dir/threads"
	rm -f "$dir/threads"
	graded=$(sed -n 's/^run [0-9]* as of [0-9-]*: \([0-9]*\) point.*/\1/p' "$dir/out.txt")
	# A dry run prints the diff, not the counts: it graded what a run graded.
	[ -n "$graded" ] || graded=$n
	grew=$(($(size "$file") - before))
	awk -v l="$label" -v n="$graded" -v s="$secs" -v c="$cpu" -v kb="$kb" -v g="$grew" \
		-v b="$before" 'BEGIN {
		printf "%-22s %9d points %8.1f s (cpu %6.1f s) %9.0f points/s  peak RSS %6.1f MiB  growth %+d bytes (%+.2f%%)\n",
		       l, n, s, c, (s > 0 ? n / s : 0), kb / 1024, g, (b > 0 ? 100 * g / b : 0) }'
	if [ "$threads" -gt 0 ]; then
		echo "  its threads' cpu: ${storing} s reading and storing, ${packs} s running the" \
			"packs in $threads threads"
	else
		echo "  its threads' cpu: not sampled (the run was too short)"
	fi
}

# verdict WHAT FIGURE LOW HIGH: a line saying whether LOW <= FIGURE <= HIGH.
verdict() {
	awk -v w="$1" -v f="$2" -v lo="$3" -v hi="$4" 'BEGIN {
		ok = f >= lo - 1e-9 && f <= hi + 1e-9
		target = (lo > 0) ? sprintf("%g to %g", lo, hi) : sprintf("<= %g", hi)
		printf "  %-46s %9.3f  target %-12s %s\n", w, f, target, (ok ? "met" : "NOT met") }'
}

small=$((n / 10))
echo "generating $n and $small synthetic points in $dir ..."
gen "$n" "$db"
gen "$small" "$dir/small.db"
cp "$db" "$dir/floor.db"
echo "riskgrade grade (default pack) on $(nproc) cores of $(uname -m), sqlite3 $(sqlite3 --version | cut -d' ' -f1):"

# 1. The first run.
grade "first run" "$db" --as-of 2026-12-01
first=$secs
first_cpu=$cpu
first_kb=$kb
first_n=$graded
first_grew=$grew
first_packs=$packs
first_storing=$storing

# tables DB: each table's and index's bytes in DB, one "name bytes" a line, by name.
tables() {
	sqlite3 -separator ' ' "$1" "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY name"
}

# 2. A month later, after 1% of the points got a new substantiated signal.
sqlite3 "$db" "INSERT INTO signals (source, point, received_on, severity, substantiated, text)
	SELECT '巡视', code, '2026-12-20', '严重', 1, '基准数据：新的属实风险信息'
	FROM points WHERE rowid % 100 = 7"

# 2a. The targets for a second run assume one in which under 1% of the points change,
# which a month of this data is not (its measures fall due and its warnings go unanswered
# all through the month: see the counts under the targets).  So the same change graded
# again the next day, on a copy: a run in which under 1% of the points change.
cp "$db" "$dir/rerun.db"
grade "re-run, +1 day" "$dir/rerun.db" --as-of 2026-12-02
rerun=$secs
rerun_cpu=$cpu
rerun_kb=$kb
rerun_packs=$packs
rerun_storing=$storing
rerun_pct=$(awk -v g="$grew" -v b="$before" 'BEGIN { print (b > 0 ? 100 * g / b : 0) }')
rerun_changed=$(sqlite3 "$dir/rerun.db" "SELECT count(*) FROM grades WHERE run = 2")
rm -f "$dir/rerun.db"

tables "$db" >"$dir/tables.before"
grade "second run, +1 month" "$db" --as-of 2027-01-01
second=$secs
second_cpu=$cpu
second_kb=$kb
second_grew=$grew
second_pct=$(awk -v g="$grew" -v b="$before" 'BEGIN { print (b > 0 ? 100 * g / b : 0) }')
tier_changed=$(sqlite3 "$db" "SELECT count(*) FROM grades a JOIN grades b ON b.point = a.point
	AND b.run = 2 WHERE a.run = 1 AND a.tier <> b.tier")
# What the second run stored: the points whose result differs from the first run's
# (schemas/README.md), the warning events, and where the growth went.
set -- $(sqlite3 -separator ' ' "$db" "SELECT (SELECT count(*) FROM grades WHERE run = 2),
	(SELECT count(*) FROM flags WHERE run = 2), (SELECT count(*) FROM warnings WHERE run = 2),
	(SELECT count(*) FROM warning_events WHERE run = 2 AND action = '逾期升级'),
	(SELECT count(*) FROM warning_events WHERE run = 2)")
second_changed=$1
second_stored="$1 grades rows, $2 flags rows, $3 new warnings, $5 warning events ($4 of them overdue escalations)"
second_tables=$(tables "$db" | LC_ALL=C join -a 2 -e 0 -o 0,1.2,2.2 "$dir/tables.before" - |
	awk '$3 != $2 { printf "%s %d\n", $1, $3 - $2 }' | sort -k2,2nr | head -n 6 |
	awk -v b="$before" '{ printf "%s%s %+.2f%%", (NR > 1 ? ", " : ""), $1, 100 * $2 / b }')
rm -f "$dir/tables.before"

# 3. A dry run on the result: prints the diff against run 2, writes nothing.  Meanwhile
# watch_disk samples the files riskgrade holds open (even deleted ones: SQLite's
# temporary files) five times a second, and keeps the largest sum of their sizes beyond
# the database itself: its rollback journal and temporary files, the disk a dry run
# needs beyond the run's own output (the pages it adds to the file, given back when it
# rolls back).
watch_disk() { # watch_disk DB OUT: until OUT.stop exists; the peak into OUT
	file=$(realpath "$1")
	peak=0
	while [ ! -e "$2.stop" ]; do
		for pid in $(pgrep -x riskgrade); do
			now=0
			ours=no # the riskgrade that has DB open, not another one on this machine
			for fd in /proc/"$pid"/fd/*; do
				if [ "$(readlink "$fd")" = "$file" ]; then
					ours=yes
					continue
				fi
				info=$(stat -L -c '%F:%s' "$fd" 2>/dev/null) || continue
				case $info in
				"regular file:"*) now=$((now + ${info#regular file:})) ;;
				esac
			done
			[ "$ours" = no ] || [ "$now" -le "$peak" ] || peak=$now
		done
		sleep 0.2
	done
	echo "$peak" >"$2"
}
sum_before=$(md5sum <"$db")
rm -f "$dir/disk" "$dir/disk.stop"
watch_disk "$db" "$dir/disk" &
grade "dry run" "$db" --as-of 2027-01-01 --dry-run
touch "$dir/disk.stop"
wait
dry_disk=$(cat "$dir/disk")
rm -f "$dir/disk" "$dir/disk.stop"
dry=$secs
dry_kb=$kb
[ "$(md5sum <"$db")" = "$sum_before" ] && same=yes || same=NO

# 4. The report on the second run, as a supervisor prints it before the meeting.
timed /dev/null "$bin" report "$db" -o "$dir/report.html"
awk -v s="$secs" -v c="$cpu" -v kb="$kb" -v b="$(size "$dir/report.html")" 'BEGIN {
	printf "%-22s %9s        %8.1f s (cpu %6.1f s)                   peak RSS %6.1f MiB  %.1f MiB of HTML\n",
	       "report on it", "", s, c, kb / 1024, b / 1048576 }'
rm -f "$dir/report.html"

# 5. The floors, on the data as generated.  Read: every fact table scanned once, every
# column of every row read.  Write: the first run's grade rows, flag rows, and warnings
# with the event that issues each, with texts of their mean lengths and the same keys and
# indexes, in one transaction.
# Lengths in bytes: the texts are Chinese.
mean() { # mean COLUMN: its mean length in bytes, as an integer
	echo "coalesce(CAST(avg(length(CAST($1 AS BLOB))) AS INTEGER), 0)"
}
reasons=$(sqlite3 "$db" "SELECT $(mean reasons) FROM grades WHERE run = 1")
set -- $(sqlite3 -separator ' ' "$db" "SELECT count(*), $(mean code), $(mean label),
	$(mean evidence) FROM flags WHERE run = 1")
nflags=$1
flag_code=$2
flag_label=$3
flag_evidence=$4
set -- $(sqlite3 -separator ' ' "$db" "SELECT count(*), $(mean reason), $(mean text),
	(SELECT $(mean note) FROM warning_events WHERE run = 1) FROM warnings WHERE run = 1")
nwarnings=$1
warning_reason=$2
warning_text=$3
event_note=$4
scan=$(sqlite3 "$dir/floor.db" "SELECT 'SELECT ' || group_concat('count(' || c.name || ')', ', ')
	|| ' FROM ' || t.name || ';' FROM sqlite_schema t, pragma_table_info(t.name) c
	WHERE t.type = 'table' AND t.name IN ('agencies', 'departments', 'posts', 'persons',
	'oversight', 'powers', 'points', 'ratings', 'measures', 'signals', 'changes')
	GROUP BY t.name")
sync
timed /dev/null sqlite3 "$dir/floor.db" "$scan"
read_floor=$secs
read_floor_cpu=$cpu
timed /dev/null sqlite3 "$dir/floor.db" "
	CREATE TABLE scratch_grades (run INTEGER NOT NULL, point TEXT NOT NULL,
	  pack TEXT NOT NULL, importance INTEGER NOT NULL, discretion INTEGER NOT NULL,
	  likelihood INTEGER NOT NULL, harm INTEGER NOT NULL, score REAL NOT NULL,
	  tier TEXT NOT NULL, reasons TEXT NOT NULL, PRIMARY KEY (point, run)) STRICT;
	CREATE TABLE scratch_flags (run INTEGER NOT NULL, point TEXT NOT NULL,
	  code TEXT NOT NULL, label TEXT NOT NULL, evidence TEXT NOT NULL, cleared_by INTEGER,
	  PRIMARY KEY (run, point, code)) STRICT;
	CREATE INDEX scratch_flags_point ON scratch_flags(point, run);
	CREATE TABLE scratch_warnings (id INTEGER PRIMARY KEY, run INTEGER NOT NULL,
	  point TEXT NOT NULL, reason TEXT NOT NULL, disposition TEXT NOT NULL,
	  responsible TEXT, due TEXT NOT NULL, status TEXT NOT NULL, text TEXT NOT NULL,
	  seen_run INTEGER, issued_on TEXT) STRICT;
	CREATE INDEX scratch_warnings_run ON scratch_warnings(run);
	CREATE INDEX scratch_warnings_point ON scratch_warnings(point);
	CREATE INDEX scratch_warnings_open ON scratch_warnings(point, reason)
	  WHERE status <> '解除';
	CREATE INDEX scratch_warnings_responsible ON scratch_warnings(responsible);
	CREATE TABLE scratch_events (id INTEGER PRIMARY KEY, warning INTEGER NOT NULL,
	  action TEXT NOT NULL, on_date TEXT NOT NULL, by TEXT, run INTEGER,
	  disposition TEXT NOT NULL, due TEXT NOT NULL, status TEXT NOT NULL,
	  note TEXT NOT NULL) STRICT;
	CREATE INDEX scratch_events_warning ON scratch_events(warning, id);
	BEGIN;
	INSERT INTO scratch_grades SELECT 1, code, 'default', 3, 3, 3, 3, 27.5, '二级',
	  printf('%.*c', $reasons, 'x') FROM points;
	WITH RECURSIVE k(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM k WHERE x < 32)
	INSERT INTO scratch_flags SELECT 1, p.code, printf('%.*c', $flag_code, 'a') || k.x,
	  printf('%.*c', $flag_label, 'b'), printf('%.*c', $flag_evidence, 'c'), NULL
	  FROM points p CROSS JOIN k LIMIT $nflags;
	WITH RECURSIVE k(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM k WHERE x < 32)
	INSERT INTO scratch_warnings (run, point, reason, disposition, responsible, due,
	  status, text, issued_on)
	  SELECT 1, p.code, printf('%.*c', $warning_reason, 'r') || k.x, '诫勉谈话', 'P0000001',
	  '2026-12-31', '发布', printf('%.*c', $warning_text, 't'), '2026-12-01'
	  FROM points p CROSS JOIN k LIMIT $nwarnings;
	INSERT INTO scratch_events (warning, action, on_date, run, disposition, due, status,
	  note)
	  SELECT id, '发布', '2026-12-01', 1, disposition, due, status, printf('%.*c', $event_note, 'n')
	  FROM scratch_warnings;
	COMMIT;"
write_floor=$secs
write_floor_cpu=$cpu
rm -f "$dir/floor.db"
echo "floors (sqlite3 shell): read every fact table ${read_floor} s; write $first_n grades" \
	"(reasons of $reasons bytes), $nflags flags and $nwarnings warnings with their events" \
	"${write_floor} s"

# 6. N/10 points: the cost per point, and what the sandbox's limits cost, best of 2 runs
# each on a fresh copy of the same database, alternating.
cp "$dir/small.db" "$dir/copy.db"
grade "first run, N/10" "$dir/copy.db" --as-of 2026-12-01
small_secs=$secs
best() { # best A B: the smaller
	awk -v a="$1" -v b="$2" 'BEGIN { print (a < b ? a : b) }'
}
with=$small_secs
without=999999
for round in 1 2; do
	cp "$dir/small.db" "$dir/copy.db"
	export RISKGRADE_BENCH_NO_LIMITS=1
	grade "N/10, no limits" "$dir/copy.db" --as-of 2026-12-01 >/dev/null
	unset RISKGRADE_BENCH_NO_LIMITS
	without=$(best "$without" "$secs")
	[ "$round" = 2 ] && break
	cp "$dir/small.db" "$dir/copy.db"
	grade "N/10" "$dir/copy.db" --as-of 2026-12-01 >/dev/null
	with=$(best "$with" "$secs")
done
rm -f "$dir/copy.db"

echo
echo "targets ($n points; the first run made $first_grew bytes of database growth):"
verdict "first run / (read floor + write floor)" \
	"$(awk -v a="$first" -v r="$read_floor" -v w="$write_floor" 'BEGIN { print a / (r + w) }')" 0 1.5
# In cpu time too: the floors run in one thread, the first run in several, so this ratio
# is the larger, but the wall clock of a shared machine swings more than either.
verdict "  the same, in cpu time" "$(awk -v a="$first_cpu" -v r="$read_floor_cpu" \
	-v w="$write_floor_cpu" 'BEGIN { print (r + w > 0 ? a / (r + w) : 0) }')" 0 1.5
verdict "second run (+1 month) / first run" "$(awk -v a="$second" -v b="$first" 'BEGIN { print a / b }')" 0 0.5
verdict "  the same, in cpu time" "$(awk -v a="$second_cpu" -v b="$first_cpu" 'BEGIN { print a / b }')" 0 0.5
verdict "second run's growth, % of the database" "$second_pct" 0 3
verdict "re-run (+1 day) / first run" \
	"$(awk -v a="$rerun" -v b="$first" 'BEGIN { print a / b }')" 0 0.5
verdict "  the same, in cpu time" "$(awk -v a="$rerun_cpu" -v b="$first_cpu" 'BEGIN { print a / b }')" 0 0.5
verdict "re-run's growth, % of the database" "$rerun_pct" 0 3
verdict "dry run / second run (a run on the same data)" \
	"$(awk -v a="$dry" -v b="$second" 'BEGIN { print a / b }')" 0 1.2
verdict "dry run's disk beyond the database, MiB" "$(awk -v b="$dry_disk" 'BEGIN { print b / 1048576 }')" 0 64
verdict "peak RSS of the four, MiB" "$(awk -v a="$first_kb" -v b="$second_kb" -v c="$dry_kb" \
	-v d="$rerun_kb" 'BEGIN { m = a; if (b > m) m = b; if (c > m) m = c; if (d > m) m = d
	print m / 1024 }')" 0 128
verdict "cost per point at N / at N/10" \
	"$(awk -v a="$first" -v b="$small_secs" -v n="$first_n" -v s="$small" \
	'BEGIN { print (a / n) / (b / s) }')" 0.8 1.2
# What the threads' cpu time says of the least wall clock a run could take on this
# machine: the packs' work spread over every core, and the storing thread's, which one
# thread does.
awk -v p="$first_packs" -v st="$first_storing" -v c="$(nproc)" -v r="$read_floor" \
	-v w="$write_floor" -v f="$first" 'BEGIN {
	printf "  the first run'"'"'s pack threads: %.1f s cpu, %.1f s spread over the %d cores: %.2f x the floors\n",
	       p, p / c, c, p / c / (r + w)
	printf "  the first run'"'"'s storing thread: %.1f s cpu: %.2f x the floors (the run: %.1f s, %.2f x)\n",
	       st, st / (r + w), f, f / (r + w) }'
awk -v p="$rerun_packs" -v st="$rerun_storing" -v c="$(nproc)" -v f="$first" 'BEGIN {
	printf "  the re-run'"'"'s pack threads: %.1f s cpu, %.1f s spread over the %d cores: %.2f x the first run;\n",
	       p, p / c, c, p / c / f
	printf "    its storing thread: %.1f s cpu: %.2f x the first run\n", st, st / f }'
echo "  points whose tier changed in the second run: $tier_changed of $first_n;" \
	"the dry run left the database byte-identical: $same"
echo "  the second run stored $second_stored"
awk -v c="$second_changed" -v n="$first_n" 'BEGIN {
	printf "  points whose result changed in the second run: %d of %d (%.2f%%; the target assumes under 1%%)\n",
	       c, n, (n > 0 ? 100 * c / n : 0) }'
echo "  its growth by table and index, % of the database: $second_tables"
awk -v c="$rerun_changed" -v n="$first_n" 'BEGIN {
	printf "  points whose result changed in the re-run: %d of %d (%.2f%%)\n",
	       c, n, (n > 0 ? 100 * c / n : 0) }'
awk -v a="$with" -v b="$without" 'BEGIN {
	printf "  sandbox limits on N/10 (best of 2): %.2f s with, %.2f s without: %+.1f%%\n",
	       a, b, (b > 0 ? (a - b) / b * 100 : 0) }'
