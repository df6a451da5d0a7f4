#!/bin/sh
# roles_cli.sh CONNINFO RISKGRADE: riskgrade's own commands, run as each kind of login of
# a PostgreSQL register, see and change what schemas/pg/roles.sql lets that login (the
# row-level security and column privileges roles.sh checks with psql).  The register is
# the demo, made by an owner role with riskgrade init, import and grade; then
#   an agency's supervisor (上街区法律援助中心 SJ-FY) lists its own points only, and its
#     warnings only; grades its own unit; cannot grade the province, nor import a point
#     of another agency (which it cannot see);
#   a provincial supervisor lists every point, and cannot import a complainant;
#   a 信访 handler can.
# Expected counts come from the fixture files, not from riskgrade.  CONNINFO reaches the
# server's database "postgres" as a superuser; the server lets the test's logins in
# without a password (trust, as the throwaway cluster does).
set -u
conn=$1
rg=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
p=rg_rcli_$$
tmp=$(mktemp -d)
status=0
cleanup() {
	psql "$conn" -X -q -c "DROP DATABASE IF EXISTS $p" \
		-c "DROP ROLE IF EXISTS ${p}_fy, ${p}_prov, ${p}_pet, ${p}_owner" >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
RISKGRADE_NOW=2026-12-01T09:00:00Z
USER=tester
export RISKGRADE_NOW USER

fail() {
	echo "FAIL pg/roles_cli: $*"
	status=1
}

as() { # as WHO CMD ARGS...: riskgrade CMD on the register, logged in as WHO
	who=$1 cmd=$2
	shift 2
	"$rg" "$cmd" "$conn dbname=$p user=${p}_$who" "$@"
}

psql "$conn" -X -q -v ON_ERROR_STOP=1 -c "CREATE ROLE ${p}_owner LOGIN CREATEROLE" \
	-c "CREATE DATABASE $p OWNER ${p}_owner TEMPLATE template0 ENCODING 'UTF8'
	    LC_COLLATE 'C' LC_CTYPE 'C'" >/dev/null || { echo "cannot create $p"; exit 2; }
as owner init >/dev/null || { echo "FAIL pg/roles_cli: init as the owner"; exit 1; }
for f in fixtures/demo/[0-9]*.csv; do
	t=$(basename "$f" .csv | sed 's/^[0-9]*_//')
	as owner import "$t" "$f" --by 演示 >/dev/null || { echo "FAIL: import $f"; exit 1; }
done
as owner grade --as-of 2026-12-01 --by 纪检组 >/dev/null || { echo "FAIL: grade"; exit 1; }
psql "$conn dbname=$p user=${p}_owner" -X -q -v ON_ERROR_STOP=1 \
	-c "CREATE ROLE ${p}_fy LOGIN IN ROLE riskgrade_agency" \
	-c "CREATE ROLE ${p}_prov LOGIN IN ROLE riskgrade_province" \
	-c "CREATE ROLE ${p}_pet LOGIN IN ROLE riskgrade_petition" \
	-c "INSERT INTO agency_members VALUES ('${p}_fy', 'SJ-FY')" >/dev/null ||
	{ echo "cannot make the logins"; exit 2; }

# From the fixture: SJ-FY's points (it has no unit under it), and every point.
fy_points=$(awk -F, 'NR > 1 && $2 == "SJ-FY"' fixtures/demo/07_points.csv | wc -l)
all_points=$(($(wc -l <fixtures/demo/07_points.csv) - 1))
count() { # count WHO: how many points WHO lists
	as "$1" list points --format csv -o - | tail -n +2 | wc -l
}
[ "$(count fy)" = "$fy_points" ] || fail "SJ-FY lists $(count fy) points, expected $fy_points"
[ "$(count prov)" = "$all_points" ] ||
	fail "the province lists $(count prov) points, expected $all_points"
as fy list points --format csv -o - | tail -n +2 | cut -d, -f2 | sort -u >"$tmp/agencies"
echo SJ-FY | cmp -s - "$tmp/agencies" || fail "SJ-FY lists points of $(cat "$tmp/agencies")"

# Its warnings: those of its points only (the warning list names the unit).
as fy warnings --format csv -o - | tail -n +2 | cut -d, -f5 | sort -u >"$tmp/units"
echo 上街区法律援助中心 | cmp -s - "$tmp/units" ||
	fail "SJ-FY's warning list shows the units $(cat "$tmp/units")"

# Grading: its own unit yes, the province no.
as fy grade --agency SJ-FY --as-of 2026-12-15 --by 法援中心 >"$tmp/out" 2>&1 ||
	fail "SJ-FY cannot grade its own unit: $(cat "$tmp/out")"
runs=$(psql "$conn dbname=$p" -Atc "SELECT count(*) FROM runs")
if as fy grade --as-of 2026-12-15 --by 法援中心 >"$tmp/out" 2>&1; then
	fail "SJ-FY graded the whole province"
fi
[ "$(psql "$conn dbname=$p" -Atc "SELECT count(*) FROM runs")" = "$runs" ] ||
	fail "the refused run left a run behind"

# Importing: not a point of another agency; not a complainant but as a 信访 handler.
printf '风险点编号,单位代码,层级,风险类别,表现形式\nFX-900,SJ,单位,思想道德,越权录入\n' >"$tmp/point.csv"
if as fy import points "$tmp/point.csv" --by 法援中心 >"$tmp/out" 2>&1; then
	fail "SJ-FY imported a point of SJ"
fi
# SJ is not among the agencies SJ-FY sees: to it, there is no such agency.
grep -q 'column "agency" (单位代码): expected the code of an existing row of agencies, got "SJ"' \
	"$tmp/out" || fail "the refusal does not say why: $(cat "$tmp/out")"
[ "$(psql "$conn dbname=$p" -Atc "SELECT count(*) FROM points WHERE code = 'FX-900'")" = 0 ] ||
	fail "the refused point is in the register"
printf '信息来源,风险点编号,收到日期,严重程度,是否属实,内容摘要,举报人\n信访举报,FX-083,2026-11-20,一般,是,新的举报,某某人\n' \
	>"$tmp/signal.csv"
if as prov import signals "$tmp/signal.csv" --by 省纪委 >"$tmp/out" 2>&1; then
	fail "the province wrote a complainant"
fi
grep -q "permission denied" "$tmp/out" || fail "the refusal does not say why: $(cat "$tmp/out")"
as pet import signals "$tmp/signal.csv" --by 信访室 >"$tmp/out" 2>&1 ||
	fail "the 信访 handler cannot import a complainant: $(cat "$tmp/out")"
[ "$(psql "$conn dbname=$p" -Atc "SELECT count(*) FROM signals WHERE complainant = '某某人'")" = 1 ] ||
	fail "the 信访 handler's signal is not in the register"

[ $status = 0 ] && echo "pg/roles_cli: each login's riskgrade sees and changes what its role allows"
exit $status
