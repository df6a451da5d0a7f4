#!/bin/sh
# pg.sh RISKGRADE N CONNINFO: the benchmark's runs on PostgreSQL, beside SQLite's
# (run.sh): the same N synthetic points (bench/generate.sql, made in SQLite and copied
# over with COPY), then
#   1. the first run (as of 2026-12-01);
#   2. a second run one month later, after 1% of the points got a new substantiated
#      signal;
#   3. a dry run on the result;
# each with points/s, the client's peak RSS and cpu time, and how much the database grew
# (pg_database_size).  The server's own cpu time is not the client's: the wall clock is
# the figure to compare.  CONNINFO reaches a server's database "postgres" as a user who
# may create databases (make bench starts a throwaway cluster: tools/pg.sh).
set -eu
USER=${USER:-tester}; export USER
bin=$1
n=$2
conn=$3
dir=${BENCH_DIR:-build/bench}
mkdir -p "$dir"
name=rg_bench
db="$conn dbname=$name"
src=$dir/pg-source.db
t=$dir/time.txt
trap 'psql "$conn" -qc "DROP DATABASE IF EXISTS $name" >/dev/null 2>&1' EXIT

timed() { # timed FILE CMD...: as run.sh's
	out=$1
	shift
	/usr/bin/time -f '%e %M %U %S' -o "$t" "$@" >"$out"
	read -r secs kb user sys <"$t"
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
}

size() { # the database's size in bytes
	psql "$db" -Atc "SELECT pg_database_size(current_database())"
}

grade() { # grade LABEL ARGS...: as run.sh's
	label=$1
	shift
	before=$(size)
	timed "$dir/out.txt" "$bin" grade "$db" --by bench "$@"
	graded=$(sed -n 's/^run [0-9]* as of [0-9-]*: \([0-9]*\) point.*/\1/p' "$dir/out.txt")
	[ -n "$graded" ] || graded=$n
	grew=$(($(size) - before))
	awk -v l="$label" -v n="$graded" -v s="$secs" -v c="$cpu" -v kb="$kb" -v g="$grew" \
		-v b="$before" 'BEGIN {
		printf "%-22s %9d points %8.1f s (client cpu %6.1f s) %9.0f points/s  peak RSS %6.1f MiB  growth %+d bytes (%+.2f%%)\n",
		       l, n, s, c, (s > 0 ? n / s : 0), kb / 1024, g, (b > 0 ? 100 * g / b : 0) }'
}

echo "generating $n synthetic points, copied to PostgreSQL ..."
rm -f "$src"
"$bin" init "$src" >/dev/null
{ echo "CREATE TEMP TABLE params AS SELECT $n AS n;"; cat bench/generate.sql; } |
	sqlite3 "$src" >/dev/null
psql "$conn" -qc "DROP DATABASE IF EXISTS $name" >/dev/null 2>&1
"$bin" init "$db" >/dev/null
sh tools/pg_copy.sh "$src" "$db"
echo "riskgrade grade (default pack) on PostgreSQL $(psql "$db" -Atc "SHOW server_version" |
	cut -d' ' -f1), a Unix socket on this machine:"
grade "first run" --as-of 2026-12-01
psql "$db" -qc "INSERT INTO signals (source, point, received_on, severity, substantiated, text)
	SELECT '巡视', code, '2026-12-20', '严重', 1, '基准数据：新的属实风险信息'
	FROM points WHERE rowid % 100 = 7"
grade "second run, +1 month" --as-of 2027-01-01
grade "dry run" --as-of 2027-01-01 --dry-run
