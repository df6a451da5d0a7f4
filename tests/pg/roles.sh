#!/bin/sh
# tests/pg/roles.sh: checks schemas/pg/roles.sql by connecting as each kind of login.
#
#   sh tests/pg/roles.sh CONNINFO
#
# CONNINFO: a libpq keyword/value connection string to a PostgreSQL 15 server (e.g.
# "host=/tmp/pg user=postgres dbname=postgres"), as a role that may create roles and
# databases; the server must let the test's login roles connect without a password
# (trust, as in a throwaway cluster).  The script makes an owner role, a database it owns
# (000_base.sql, each later migration and roles.sql applied by that owner, roles.sql
# twice), four login roles,
# and drops them at the end; the three group roles riskgrade_* stay in the cluster, as
# roles.sql means them to.  Expected results are worked out by hand from the fixture
# below.  Exits non-zero on any difference.  Depends on: schemas/pg/000_base.sql,
# schemas/pg/roles.sql.

set -u
conn=${1:?usage: sh tests/pg/roles.sh CONNINFO}
here=$(cd "$(dirname "$0")/../.." && pwd)
p=rg_roles_$$
db=$p
owner=${p}_owner
err=$(mktemp)
fails=0
n=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

cleanup() {
	psql "$conn" -X -q -c "DROP DATABASE IF EXISTS $db" \
		-c "DROP ROLE IF EXISTS ${p}_a, ${p}_none, ${p}_prov, ${p}_pet, $owner" >/dev/null 2>&1
	rm -f "$err"
}
trap cleanup EXIT

psql "$conn" -X -q -v ON_ERROR_STOP=1 \
	-c "CREATE ROLE $owner LOGIN CREATEROLE" \
	-c "CREATE DATABASE $db OWNER $owner" || { echo "cannot create $owner, $db"; exit 2; }
as_owner() {
	psql "$conn dbname=$db user=$owner" -X -q -At -v ON_ERROR_STOP=1 "$@"
}
as_owner -f "$here/schemas/pg/000_base.sql" || { echo "000_base.sql does not apply"; exit 2; }
for f in "$here"/schemas/pg/[0-9][0-9][0-9]_*.sql; do
	[ "${f##*/}" = 000_base.sql ] && continue
	as_owner -f "$f" || { echo "${f##*/} does not apply"; exit 2; }
done
for i in 1 2; do
	as_owner -f "$here/schemas/pg/roles.sql" >/dev/null 2>"$err" ||
		fail "roles.sql, run $i: $(cat "$err")"
	grep -v NOTICE "$err" | grep -q . && fail "roles.sql, run $i says: $(cat "$err")"
done

# The tree: P (the province) over A and B; A over A1, A1 over A2.  Points pA (A), pA2 (A2),
# pB (B); signals s1 (point pA), s2 (point pB), s3 (post PA of A); run 1 graded the whole
# province (pA and pB), run 2 agency B.
as_owner <<EOF || { echo "the fixture does not load"; exit 2; }
CREATE ROLE ${p}_a LOGIN IN ROLE riskgrade_agency;
CREATE ROLE ${p}_none LOGIN IN ROLE riskgrade_agency;
CREATE ROLE ${p}_prov LOGIN IN ROLE riskgrade_province;
CREATE ROLE ${p}_pet LOGIN IN ROLE riskgrade_petition;
INSERT INTO agencies (code, name, parent) VALUES
  ('P', '省', NULL), ('A', '甲', 'P'), ('A1', '甲一', 'A'), ('A2', '甲二', 'A1'), ('B', '乙', 'P');
INSERT INTO agency_members VALUES ('${p}_a', 'A');
INSERT INTO posts (code, agency, name) VALUES ('PA', 'A', '岗位甲'), ('PB', 'B', '岗位乙');
INSERT INTO persons (code, name, agency, role) VALUES ('U', '张三', 'A', '主要领导');
INSERT INTO points (code, agency, level, category, manifestation) VALUES
  ('pA', 'A', '单位', '思想道德', '甲'), ('pA2', 'A2', '单位', '思想道德', '甲二'),
  ('pB', 'B', '单位', '思想道德', '乙');
INSERT INTO signals (source, point, post, received_on, text, complainant) VALUES
  ('信访举报', 'pA', NULL, '2024-01-01', 's1', '王五'),
  ('信访举报', 'pB', NULL, '2024-01-02', 's2', '赵六'),
  ('审计', NULL, 'PA', '2024-01-03', 's3', NULL);
INSERT INTO runs (as_of, scope, engine_version, rules_dir, points, tier1, tier2, tier3, flags, warnings)
  VALUES ('2024-02-01', NULL, 'v', 'r', 2, 0, 0, 2, 1, 0),
         ('2024-03-01', 'B', 'v', 'r', 1, 0, 0, 1, 0, 0);
INSERT INTO run_scopes VALUES (1, 'P'), (1, 'A'), (1, 'A1'), (1, 'A2'), (1, 'B'), (2, 'B');
INSERT INTO grades (run, point, pack, score, tier, reasons) VALUES
  (1, 'pA', 'default', 1, '三级', 'a'), (1, 'pB', 'default', 1, '三级', 'b');
INSERT INTO flags (run, point, code, label, evidence) VALUES
  (1, 'pA', 'f', '甲', 'e'), (1, 'pB', 'f', '乙', 'e');
EOF

# expect ROLE SQL WANT: SQL run as login ROLE (in a transaction rolled back) prints WANT,
# or, when WANT is "ERROR: text", fails with a message holding text.
expect() {
	role=$1 sql=$2 want=$3
	n=$((n + 1))
	got=$(printf 'BEGIN;\n%s\nROLLBACK;\n' "$sql" |
		psql "$conn dbname=$db user=${p}_$role" -X -q -At -v ON_ERROR_STOP=1 2>&1)
	rc=$?
	case $want in
	"ERROR: "*)
		if [ $rc -eq 0 ] || ! printf '%s' "$got" | grep -qF "${want#ERROR: }"; then
			fail "as $role: $sql: got \"$got\", wanted an error with \"${want#ERROR: }\""
		fi ;;
	*)
		[ $rc -eq 0 ] && [ "$got" = "$want" ] ||
			fail "as $role: $sql: got \"$got\", wanted \"$want\"" ;;
	esac
}
count() { # the rows an UPDATE or DELETE touched, as a query
	echo "WITH u AS ($1 RETURNING 1) SELECT count(*) FROM u;"
}
newpoint() { # INSERT of a point of agency $2
	echo "INSERT INTO points (code, agency, level, category, manifestation) VALUES ('$1', '$2', '单位', '思想道德', '新');"
}

# An agency's supervisor (agency A): A and the units under it, nothing else.
expect a "SELECT string_agg(code, ',' ORDER BY code) FROM points;" "pA,pA2"
expect a "SELECT string_agg(code, ',' ORDER BY code) FROM agencies;" "A,A1,A2"
expect a "SELECT string_agg(code, ',' ORDER BY code) FROM posts;" "PA"
expect a "SELECT string_agg(text, ',' ORDER BY text) FROM signals;" "s1,s3"
expect a "SELECT string_agg(id::text, ',' ORDER BY id) FROM runs;" "1"
expect a "SELECT string_agg(point, ',' ORDER BY point) FROM run_grades WHERE run = 1;" "pA"
expect a "SELECT string_agg(point, ',' ORDER BY point) FROM run_flags WHERE run = 1;" "pA"
expect a "SELECT string_agg(point || ':' || run, ',' ORDER BY point) FROM point_latest;" "pA:1"
expect a "SELECT complainant FROM signals;" "ERROR: permission denied"
expect a "SELECT * FROM signals;" "ERROR: permission denied"
expect a "$(newpoint pN A2) SELECT count(*) FROM points;" "3"
expect a "$(newpoint pN B)" "ERROR: row-level security"
expect a "UPDATE points SET agency = 'B' WHERE code = 'pA';" "ERROR: row-level security"
expect a "$(count "UPDATE points SET manifestation = '改' WHERE code = 'pB'")" "0"
expect a "$(count "UPDATE points SET manifestation = '改' WHERE code = 'pA2'")" "1"
expect a "$(count "DELETE FROM grades WHERE point = 'pB'")" "0"
expect a "INSERT INTO ratings (point, source, factor, value, rated_on)
	VALUES ('pB', '岗位自评', '发生概率', 3, '2024-01-01');" "ERROR: row-level security"
expect a "INSERT INTO ratings (point, source, factor, value, rated_on)
	VALUES ('pA', '岗位自评', '发生概率', 3, '2024-01-01') RETURNING value;" "3"
expect a "INSERT INTO signals (source, point, received_on, text)
	VALUES ('审计', 'pB', '2024-01-05', 's4');" "ERROR: row-level security"
expect a "INSERT INTO signals (source, point, received_on, text, complainant)
	VALUES ('审计', 'pA', '2024-01-05', 's4', '某');" "ERROR: permission denied"
expect a "$(count "UPDATE agencies SET name = '改' WHERE code = 'A'")" "0"
expect a "$(count "UPDATE agencies SET name = '改' WHERE code = 'A1'")" "1"
expect a "UPDATE agencies SET parent = 'B' WHERE code = 'A1';" "ERROR: row-level security"
# (not with RETURNING: the new unit is visible from the next statement on, once the tree
# that rg_member_agencies() reads holds it)
expect a "INSERT INTO agencies VALUES ('A3', '甲三', 'A2');
	SELECT string_agg(code, ',' ORDER BY code) FROM agencies;" "A,A1,A2,A3"
expect a "INSERT INTO agencies VALUES ('C', '丙', 'P');" "ERROR: row-level security"
expect a "INSERT INTO runs (as_of, scope, engine_version, rules_dir, points, tier1, tier2, tier3, flags, warnings)
	VALUES ('2024-04-01', 'B', 'v', 'r', 0, 0, 0, 0, 0, 0);" "ERROR: row-level security"
expect a "SELECT count(*) FROM agency_members;" "ERROR: permission denied"
expect a "DELETE FROM audit;" "ERROR: permission denied"
expect a "INSERT INTO labels VALUES ('x', 'y', 'z');" "ERROR: permission denied"
expect a "SET ROLE riskgrade_agency; SELECT string_agg(code, ',' ORDER BY code) FROM points;" "pA,pA2"
# A member of riskgrade_agency mapped to no agency sees no agency's row.
expect none "SELECT count(*) FROM points;" "0"
expect none "SELECT count(*) FROM run_grades;" "0"
expect none "SELECT count(*) FROM enum_tier;" "3"

# The provincial supervisors: every row, not the complainant.
expect prov "SELECT string_agg(code, ',' ORDER BY code) FROM points;" "pA,pA2,pB"
expect prov "SELECT string_agg(text, ',' ORDER BY text) FROM signals;" "s1,s2,s3"
expect prov "SELECT count(*) FROM run_grades WHERE run = 1;" "2"
expect prov "SELECT complainant FROM signals;" "ERROR: permission denied"
expect prov "SELECT * FROM signals;" "ERROR: permission denied"
expect prov "$(count "UPDATE signals SET complainant = NULL")" "ERROR: permission denied"
expect prov "$(count "UPDATE signals SET severity = '严重' WHERE text = 's2'")" "1"
expect prov "$(newpoint pN B) SELECT count(*) FROM points;" "4"
expect prov "INSERT INTO fact_definitions (name, label, belongs_to, type)
	VALUES ('cash', '现金', '岗位', '是否') RETURNING name;" "cash"

# The 信访 handlers: the complainant.
expect pet "SELECT string_agg(complainant, ',' ORDER BY id) FROM signals;" "王五,赵六"
expect pet "$(count "UPDATE signals SET complainant = '李四' WHERE text = 's3'")" "1"
expect pet "SELECT count(*) FROM points;" "3"

echo "tests/pg/roles.sh: $n cases, $fails failures"
[ $fails -eq 0 ]
