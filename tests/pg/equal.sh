#!/bin/sh
# equal.sh CONNINFO RISKGRADE: the same review cycle on an SQLite file and on a PostgreSQL
# database gives the same output, command by command, byte for byte (the database's name
# aside): the demo imported, graded, a tier approved, a warning worked through, graded a
# month later, then every listing, export, report and the audit log read back.  CONNINFO
# reaches the server's database "postgres" as a superuser (tools/pg.sh conninfo).
set -u
scratch=rg_equal
now=2026-12-01T09:00:00Z
. tests/pg/scratch

# cycle DB OUT: the cycle on DB, everything it prints (both streams, with each exit code)
# into OUT, DB's name written as DB.
cycle() {
	db=$1
	{
		"$rg" init "$db"
		for f in fixtures/demo/[0-9]*.csv; do
			t=$(basename "$f" .csv | sed 's/^[0-9]*_//')
			"$rg" import "$db" "$t" "$f" --by 演示
		done
		"$rg" grade "$db" --as-of 2026-12-01 --by 纪检组
		"$rg" approve "$db" FX-020 一级 --by P001 --on 2026-12-08 --note 集体审定
		"$rg" warning "$db" 3 ack --by P002 --on 2026-12-09 --note 已签收
		"$rg" warning "$db" 3 feedback --by P002 --on 2026-12-14 --note 已整改
		"$rg" warning "$db" 3 release --by P001 --on 2026-12-15 --note 予以解除
		# a refused row: the import stops, the database stays as it was
		printf 'code,agency,name\nX1,NOPE,不存在的单位\n' >"$tmp/bad.csv"
		"$rg" import "$db" departments "$tmp/bad.csv" --by 演示
		echo "rc $?"
		RISKGRADE_NOW=2027-01-10T01:00:00Z "$rg" grade "$db" --as-of 2027-01-10 --by 纪检组
		"$rg" grade "$db" --as-of 2027-01-10 --dry-run --by 纪检组
		"$rg" runs "$db"
		"$rg" diff "$db" 1 2
		"$rg" flags "$db"
		"$rg" warnings "$db"
		"$rg" warnings "$db" --overdue --format json
		"$rg" explain "$db" FX-020
		"$rg" explain "$db" FX-001
		"$rg" calibrate "$db"
		"$rg" calibrate "$db" --format json -o -
		"$rg" diff "$db" 1 2 --format json -o -
		"$rg" runs "$db" --format json -o -
		for kind in tiers warnings measures powers runs; do
			"$rg" export "$db" "$kind" --format csv -o -
		done
		"$rg" export "$db" tiers --format json -o -
		"$rg" export "$db" tiers --run 1 --format csv -o -
		"$rg" report "$db" -o "$tmp/report.html" && cat "$tmp/report.html"
		"$rg" notice "$db" --warning 4 -o "$tmp/notice.html" && cat "$tmp/notice.html"
		for what in agencies departments posts persons powers points; do
			"$rg" list "$db" "$what"
		done
		"$rg" facts "$db"
		"$rg" audit "$db" verify
		"$rg" audit "$db" log
	} >"$2" 2>&1
	sed -i "s|$db|DB|g" "$2"
}

# method DB OUT NAME: a method of its own over declared facts (rules/methods/NAME), whose
# values a PostgreSQL database keeps as text, read back typed.
method() {
	db=$1 name=$3
	{
		"$rg" init "$db"
		for f in fixtures/methods/$name/[0-9]*.csv; do
			t=$(basename "$f" .csv | sed 's/^[0-9]*_//')
			"$rg" import "$db" "$t" "$f" --by 演示
		done
		"$rg" grade "$db" --rules rules/methods/$name --as-of 2026-12-01 --by 纪检组
		"$rg" facts "$db"
		"$rg" export "$db" tiers --format json -o -
		"$rg" export "$db" tiers --format csv -o -
		"$rg" explain "$db" $("$rg" list "$db" points --format csv -o - | sed -n 2p | cut -d, -f1)
		"$rg" report "$db" -o "$tmp/method.html" && cat "$tmp/method.html"
	} >"$2" 2>&1
	sed -i "s|$db|DB|g" "$2"
}

cycle "$tmp/equal.db" "$tmp/sqlite.out"
cycle "$conn dbname=rg_equal" "$tmp/pg.out"
psql "$conn" -qc "DROP DATABASE IF EXISTS rg_equal" >/dev/null 2>&1
for name in powers lec; do
	rm -f "$tmp/method.db"
	psql "$conn" -qc "DROP DATABASE IF EXISTS rg_equal" >/dev/null 2>&1
	method "$tmp/method.db" "$tmp/sqlite.$name" "$name"
	method "$conn dbname=rg_equal" "$tmp/pg.$name" "$name"
done
status=0
for what in out powers lec; do
	if ! cmp -s "$tmp/sqlite.$what" "$tmp/pg.$what"; then
		echo "FAIL pg/equal: SQLite and PostgreSQL printed different things:"
		diff -u "$tmp/sqlite.$what" "$tmp/pg.$what" | head -60
		status=1
	fi
done
[ $status = 0 ] || exit 1
# They really ran: a month later run 2 exists and the audit log is intact; the methods
# graded their points.
if ! grep -q "audit log intact" "$tmp/pg.out" || ! grep -q "^   2  2027-01-10" "$tmp/pg.out" ||
   ! grep -q "28 points graded" "$tmp/pg.powers" || ! grep -q "points graded" "$tmp/pg.lec"; then
	echo "FAIL pg/equal: a cycle did not run to its end:"
	tail -5 "$tmp/pg.out" "$tmp/pg.powers" "$tmp/pg.lec"
	exit 1
fi
echo "pg/equal: SQLite and PostgreSQL print the same $(cat "$tmp/pg.out" "$tmp/pg.powers" "$tmp/pg.lec" | wc -l) lines"
