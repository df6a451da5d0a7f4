#!/bin/sh
# run.sh RISKGRADE N: the benchmark.  Builds a database of N synthetic points (and one of
# N/10, to show that memory does not grow with N), times `riskgrade grade` on each with
# GNU time, and prints points per second and peak RSS; then what the sandbox's limits
# cost, from the N/10 run with and without them.
set -eu
USER=${USER:-tester}; export USER # riskgrade records who acts and needs to know
bin=$1
n=$2
dir=${BENCH_DIR:-build/bench}
mkdir -p "$dir"

gen() { # gen N DB
	rm -f "$2"
	"$bin" init "$2" >/dev/null
	{ echo "CREATE TEMP TABLE params AS SELECT $1 AS n;"; cat bench/generate.sql; } | sqlite3 "$2" >/dev/null
}

measure() { # measure N DB LABEL
	/usr/bin/time -f '%e %M' -o "$dir/time.txt" "$bin" grade "$2" --as-of 2026-12-01 >"$dir/out.txt"
	read -r secs kb <"$dir/time.txt"
	graded=$(sed -n 's/^run [0-9]* as of [0-9-]*: \([0-9]*\) point.*/\1/p' "$dir/out.txt")
	awk -v n="$graded" -v s="$secs" -v kb="$kb" -v label="$3" 'BEGIN {
		printf "%-10s %9d points  %8.1f s  %9.0f points/s  peak RSS %6.1f MiB\n",
		       label, n, s, (s > 0 ? n / s : 0), kb / 1024 }'
}

small=$((n / 10))
echo "generating $small and $n synthetic points in $dir ..."
gen "$small" "$dir/small.db"
gen "$n" "$dir/large.db"
echo "riskgrade grade --as-of 2026-12-01 (default pack), on $(nproc) cores of $(uname -m):"
measure "$small" "$dir/small.db" "N/10"
measure "$n" "$dir/large.db" "N"
# What the sandbox's instruction budget costs: the N/10 run with and without it, each
# twice on a fresh copy of the same database, alternating; the best of each is compared.
best() { # best A B: the smaller
	awk -v a="$1" -v b="$2" 'BEGIN { print (a < b ? a : b) }'
}
with=999999
without=999999
for round in 1 2; do
	cp "$dir/small.db" "$dir/copy.db"
	measure "$small" "$dir/copy.db" "N/10" >/dev/null
	with=$(best "$with" "$(awk '{print $1}' "$dir/time.txt")")
	cp "$dir/small.db" "$dir/copy.db"
	RISKGRADE_BENCH_NO_LIMITS=1 measure "$small" "$dir/copy.db" "no limits" >/dev/null
	without=$(best "$without" "$(awk '{print $1}' "$dir/time.txt")")
done
rm -f "$dir/copy.db"
awk -v a="$with" -v b="$without" 'BEGIN {
	printf "sandbox limits on N/10 (best of 2): %.2f s with, %.2f s without: %+.1f%%\n",
	       a, b, (b > 0 ? (a - b) / b * 100 : 0) }'
