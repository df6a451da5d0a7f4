#!/bin/sh
# large.sh CONNINFO RISKGRADE: a register larger than one batch of the cursors a run reads
# PostgreSQL's facts and stored results through (db_stream: 2,000 rows): 3,000 generated
# points (bench/generate.sql) with several ratings, measures and signals each, put on an
# SQLite file and, row for row, on a PostgreSQL database; graded twice (the second time
# after 1% of the points got a new signal, so that the stored results are read back and
# compared); a scoped run of one agency; and the lists compared byte for byte.
set -u
scratch=rg_large
now=2027-01-10T09:00:00Z
. tests/pg/scratch

lite=$tmp/large.db
"$rg" init "$lite" >/dev/null
{ echo "CREATE TEMP TABLE params AS SELECT 3000 AS n;"; cat bench/generate.sql; } |
	sqlite3 "$lite" >/dev/null
"$rg" init "$db" >/dev/null
sh tools/pg_copy.sh "$lite" "$db"
ratings=$(sqlite3 "$lite" "SELECT count(*) FROM ratings")
[ "$ratings" -gt 4000 ] || { echo "FAIL pg/large: only $ratings ratings: not two batches"; exit 1; }
agency=$(sqlite3 "$lite" "SELECT agency FROM points GROUP BY agency ORDER BY count(*) DESC
	LIMIT 1")

# cycle DB OUT: what the runs print, and the lists after them
cycle() {
	{
		"$rg" grade "$1" --as-of 2026-12-01 --by 纪检组
		sig="INSERT INTO signals (source, point, received_on, severity, substantiated, text)
			SELECT '巡视', code, '2026-12-20', '严重', 1, '新的属实风险信息'
			FROM points WHERE rowid % 100 = 7"
		case $1 in
		*=*) psql "$1" -qc "$sig" ;;
		*) sqlite3 "$1" "$sig" ;;
		esac
		"$rg" grade "$1" --as-of 2027-01-01 --by 纪检组
		"$rg" grade "$1" --agency "$agency" --as-of 2027-01-02 --by 纪检组
		"$rg" runs "$1"
		"$rg" export "$1" tiers --format csv -o -
		"$rg" export "$1" tiers --run 2 --format csv -o -
		"$rg" flags "$1" --format csv -o -
		"$rg" warnings "$1" --format csv -o -
		"$rg" diff "$1" 1 2 --format csv -o -
	} >"$2" 2>&1
	sed -i "s|$1|DB|g" "$2"
}
cycle "$lite" "$tmp/sqlite.out"
cycle "$db" "$tmp/pg.out"
if ! cmp -s "$tmp/sqlite.out" "$tmp/pg.out"; then
	echo "FAIL pg/large: SQLite and PostgreSQL printed different things:"
	diff -u "$tmp/sqlite.out" "$tmp/pg.out" | head -40
	exit 1
fi
grep -q "^run 2 as of 2027-01-01: 3000 points graded" "$tmp/pg.out" ||
	{ echo "FAIL pg/large: the runs did not go through:"; head -5 "$tmp/pg.out"; exit 1; }
echo "pg/large: 3000 points ($ratings ratings) in batches: the same $(wc -l <"$tmp/pg.out") lines on both"
