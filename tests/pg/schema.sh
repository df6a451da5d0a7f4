#!/bin/sh
# tests/pg/schema.sh: checks schemas/pg/000_base.sql, with the PostgreSQL form of each later
# migration (schemas/pg/NNN_*.sql), against the SQLite schema.
#
#   sh tests/pg/schema.sh CONNINFO [RISKGRADE]
#
# CONNINFO: a libpq keyword/value connection string to a PostgreSQL 15 server, naming a
# database to connect to first (e.g. "host=/tmp/pg user=postgres dbname=postgres"); the
# role must be allowed to create databases.  RISKGRADE: the binary (build/riskgrade).
# Needs psql and sqlite3.  The script makes two databases of its own, drops them at the
# end, and checks:
#   1. 000_base.sql and the later migrations apply cleanly (ON_ERROR_STOP) to each of two
#      fresh databases;
#   2. the tables and views have the columns of a database made by `riskgrade init`, in
#      the same order, with the types of the conventions (INTEGER bigint, TEXT text,
#      REAL double precision, ANY text), rowid aside;
#   3. every CHECK of the SQLite schema refuses the same bad row on both engines (the
#      SQLite schema has no trigger), each case first played with a good row that both
#      accept, so that a case cannot pass for a fixture that fails;
#   4. the functions that stand for SQLite's give SQLite's answers;
#   5. the demo data, graded, approved and graded again in SQLite, loads, and the views
#      of the results give the same rows on both engines.
# Exits non-zero on any difference.  Depends on: schemas/pg/000_base.sql.

set -u
conn=${1:?usage: sh tests/pg/schema.sh CONNINFO [RISKGRADE]}
rg=${2:-build/riskgrade}
here=$(cd "$(dirname "$0")/../.." && pwd)
base=$here/schemas/pg/000_base.sql
tmp=$(mktemp -d)
db1=rg_schema_$$_1
db2=rg_schema_$$_2
fails=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

pg() { # pg DB SQL...: run SQL in DB, quietly, stopping at the first error
	d=$1
	shift
	psql "$conn dbname=$d" -X -q -At -v ON_ERROR_STOP=1 "$@"
}

cleanup() {
	psql "$conn" -X -q -c "DROP DATABASE IF EXISTS $db1" -c "DROP DATABASE IF EXISTS $db2" \
		>/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT

# --- 1. the file applies to fresh databases --------------------------------------------
for d in $db1 $db2; do
	psql "$conn" -X -q -c "CREATE DATABASE $d" || { echo "cannot create $d"; exit 2; }
	pg "$d" -f "$base" >"$tmp/apply.out" 2>&1 || fail "000_base.sql does not apply to $d: $(cat "$tmp/apply.out")"
	[ -s "$tmp/apply.out" ] && fail "000_base.sql says something applying to $d: $(cat "$tmp/apply.out")"
	# Then the PostgreSQL form of each later migration, as riskgrade init applies them.
	for f in "$here"/schemas/pg/[0-9][0-9][0-9]_*.sql; do
		[ "$f" = "$base" ] && continue
		pg "$d" -f "$f" >"$tmp/apply.out" 2>&1 || fail "${f##*/} does not apply to $d: $(cat "$tmp/apply.out")"
		[ -s "$tmp/apply.out" ] && fail "${f##*/} says something applying to $d: $(cat "$tmp/apply.out")"
	done
done

# --- 2. the same tables and columns ------------------------------------------------------
lite=$tmp/lite.db
"$rg" init "$lite" >/dev/null || { echo "riskgrade init failed"; exit 2; }
# table|column|type; a view column of no declared type (an expression) is "*", whatever
# its type on PostgreSQL.
sqlite3 "$lite" "SELECT m.name || '|' || p.name || '|' ||
		CASE upper(p.type) WHEN 'INTEGER' THEN 'bigint' WHEN 'TEXT' THEN 'text'
			WHEN 'REAL' THEN 'double precision' WHEN 'ANY' THEN 'text'
			WHEN '' THEN '*' ELSE 'unknown ' || p.type END
	FROM sqlite_master m, pragma_table_info(m.name) p
	WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
	ORDER BY m.name, p.cid" >"$tmp/lite.cols"
pg "$db1" -c "SELECT table_name || '|' || column_name || '|' || data_type
	FROM information_schema.columns
	WHERE table_schema = 'public' AND column_name <> 'rowid'
	ORDER BY table_name COLLATE \"C\", ordinal_position" >"$tmp/pg.cols"
# Expression columns of views: compare the name only.
awk -F'|' 'NR == FNR { if ($3 == "*") star[$1 "|" $2] = 1; next }
	   ($1 "|" $2) in star { $3 = "*" } { print $1 "|" $2 "|" $3 }' OFS='|' \
	"$tmp/lite.cols" "$tmp/pg.cols" >"$tmp/pg.cols2"
LC_ALL=C sort -s -t'|' -k1,1 "$tmp/lite.cols" >"$tmp/a"
LC_ALL=C sort -s -t'|' -k1,1 "$tmp/pg.cols2" >"$tmp/b"
diff "$tmp/a" "$tmp/b" >"$tmp/cols.diff" ||
	fail "columns differ (< SQLite, > PostgreSQL):
$(cat "$tmp/cols.diff")"
# Every table with a rowid in SQLite has the rowid column, last; the others none.
sqlite3 "$lite" "SELECT name || '|' || CASE WHEN sql LIKE '%WITHOUT ROWID%' THEN 'no' ELSE 'last' END
	FROM sqlite_master WHERE type = 'table' ORDER BY name" | LC_ALL=C sort >"$tmp/a"
pg "$db1" -c "SELECT t.table_name || '|' || CASE
		WHEN c.ordinal_position IS NULL THEN 'no'
		WHEN c.ordinal_position = (SELECT max(ordinal_position) FROM information_schema.columns x
			WHERE x.table_schema = 'public' AND x.table_name = t.table_name) THEN 'last'
		ELSE 'elsewhere' END
	FROM information_schema.tables t LEFT JOIN information_schema.columns c
	  ON c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'rowid'
	WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'" | LC_ALL=C sort >"$tmp/b"
diff "$tmp/a" "$tmp/b" >"$tmp/rowid.diff" ||
	fail "rowid columns differ (< SQLite, > PostgreSQL):
$(cat "$tmp/rowid.diff")"
# The same reference data.
for t in $(sqlite3 "$lite" "SELECT name FROM sqlite_master WHERE type = 'table'
		AND (name LIKE 'enum\_%' ESCAPE '\' OR name = 'labels') ORDER BY name"); do
	sqlite3 -separator '|' "$lite" "SELECT * FROM $t ORDER BY rowid" >"$tmp/a"
	cols=$(sqlite3 "$lite" "SELECT group_concat(name, ', ') FROM pragma_table_info('$t')")
	pg "$db1" -F'|' -c "SELECT $cols FROM $t ORDER BY rowid" >"$tmp/b"
	diff "$tmp/a" "$tmp/b" >/dev/null || fail "$t: the rows differ"
done

# --- 3. every CHECK refuses the same row -----------------------------------------------
# A case: a name, SQL that both engines accept (the good row), then SQL that both must
# refuse, with the name of the constraint (an unnamed CHECK: "-", any CHECK then), and the
# engines it is played on (both; "pg" where SQLite 3.40's date() is lenient).  Each case
# runs in a transaction rolled back (PostgreSQL) or on a copy (SQLite), after the
# fixture, whose ids are the engines' own (1 for the first run and the first warning).
fixture="INSERT INTO agencies (code, name) VALUES ('A', '单位');
INSERT INTO departments (code, agency, name) VALUES ('D', 'A', '科室');
INSERT INTO posts (code, agency, department, name) VALUES ('P', 'A', 'D', '岗位');
INSERT INTO persons (code, name, agency, role) VALUES ('U', '张三', 'A', '主要领导');
INSERT INTO powers (code, agency, name, kind) VALUES ('W', 'A', '职权', '行政许可');
INSERT INTO points (code, agency, level, category, manifestation, post)
  VALUES ('X', 'A', '岗位', '思想道德', '表现', 'P');
INSERT INTO runs (as_of, engine_version, rules_dir, points, tier1, tier2, tier3, flags, warnings)
  VALUES ('2024-01-01', 'v', 'r', 1, 0, 0, 1, 0, 0);
INSERT INTO warnings (run, point, reason, disposition, due, text)
  VALUES (1, 'X', '理由', '风险提示', '2024-02-01', '要求');"

# A rolled-back transaction keeps the numbers it drew: start the ids again at 1.
restart="SELECT setval(pg_get_serial_sequence('runs', 'id'), 1, false),
  setval(pg_get_serial_sequence('warnings', 'id'), 1, false);"

n=0
check() { # check NAME ENGINES CONSTRAINT GOOD_SQL BAD_SQL
	name=$1 engines=$2 cons=$3 good=$4 bad=$5
	n=$((n + 1))
	for e in sqlite pg; do
		[ "$engines" = both ] || [ "$engines" = "$e" ] || continue
		for kind in good bad; do
			if [ $kind = good ]; then sql=$good; else sql=$bad; fi
			if [ $e = sqlite ]; then
				cp "$lite" "$tmp/case.db"
				printf '%s\n%s\n' "$fixture" "$sql" |
					sqlite3 -bail "$tmp/case.db" >"$tmp/out" 2>&1
			else
				printf 'BEGIN;\n%s\n%s\n%s\nROLLBACK;\n' "$restart" "$fixture" "$sql" |
					pg "$db1" >"$tmp/out" 2>&1
			fi
			rc=$?
			if [ $kind = good ] && [ $rc -ne 0 ]; then
				fail "$name ($e): the good row is refused: $(cat "$tmp/out")"
			elif [ $kind = bad ] && [ $rc -eq 0 ]; then
				fail "$name ($e): the bad row is accepted"
			elif [ $kind = bad ] && [ "$cons" != - ] && ! grep -qF "$cons" "$tmp/out"; then
				fail "$name ($e): refused, but not by \"$cons\": $(cat "$tmp/out")"
			elif [ $kind = bad ] && [ "$cons" = - ] &&
				! grep -qiE 'CHECK constraint failed|violates check constraint' "$tmp/out"; then
				fail "$name ($e): refused, but not by a CHECK: $(cat "$tmp/out")"
			fi
		done
	done
}

check enum_power_kind.scope both "scope: 对外 or 内部" \
	"INSERT INTO enum_power_kind VALUES ('新', 99, '内部');" \
	"INSERT INTO enum_power_kind VALUES ('新', 99, '外部');"
for t in agencies departments posts persons powers; do
	check "$t.code" both "code: a non-empty code" \
		"UPDATE $t SET code = 'Z' WHERE code = (SELECT min(code) FROM $t) AND '$t' = 'no';" \
		"UPDATE $t SET code = '' WHERE code = (SELECT min(code) FROM $t);"
	check "$t.name" both "name: a non-empty name" \
		"UPDATE $t SET name = '名';" "UPDATE $t SET name = '';"
done
check agencies.parent both "parent: a unit other than itself" \
	"INSERT INTO agencies VALUES ('B', '乙', 'A');" \
	"INSERT INTO agencies VALUES ('B', '乙', 'B');"
check powers.major both "major: 0 or 1 (是/否)" \
	"UPDATE powers SET major = 1;" "UPDATE powers SET major = 2;"
check powers.funds both "funds: an amount of 0 or more (万元)" \
	"UPDATE powers SET funds = 0;" "UPDATE powers SET funds = -0.5;"
check points.code both "code: a non-empty code" \
	"UPDATE points SET manifestation = '表现形式';" \
	"INSERT INTO points (code, agency, level, category, manifestation, post) VALUES ('', 'A', '岗位', '思想道德', '表现', 'P');"
check points.manifestation both "manifestation: a non-empty text (表现形式)" \
	"UPDATE points SET manifestation = '表现形式';" "UPDATE points SET manifestation = '';"
for c in approved_on last_graded; do
	check "points.$c" both "$c: a date YYYY-MM-DD" \
		"UPDATE points SET $c = '2024-02-29';" "UPDATE points SET $c = '2024-2-29';"
	check "points.$c calendar" pg "$c: a date YYYY-MM-DD" \
		"UPDATE points SET $c = '2000-02-29';" "UPDATE points SET $c = '2023-02-29';"
done
check "points.post" both "post: a post for a 岗位 point" \
	"UPDATE points SET level = '单位', post = NULL;" "UPDATE points SET post = NULL;"
check "points.department" both "department: a department for a 科室 point" \
	"UPDATE points SET level = '科室', department = 'D', post = NULL;" \
	"UPDATE points SET level = '科室', department = NULL, post = NULL;"
check "points.approved_tier" both "approved_on: a date when approved_tier is given" \
	"UPDATE points SET approved_tier = '一级', approved_on = '2024-01-01';" \
	"UPDATE points SET approved_tier = '一级', approved_on = NULL;"
rating="INSERT INTO ratings (point, source, factor, value, rated_on) VALUES ('X', '岗位自评', '发生概率'"
check ratings.value both "value: 1-5" "$rating, 5, '2024-01-01');" "$rating, 6, '2024-01-01');"
check ratings.rated_on both "rated_on: a date YYYY-MM-DD" \
	"$rating, 1, '2024-12-31');" "$rating, 1, '2024-12-32');"
measure="INSERT INTO measures (point, text, due) VALUES ('X'"
check measures.text both "text: a non-empty text" "$measure, '措施', NULL);" "$measure, '', NULL);"
check measures.due both "due: a date YYYY-MM-DD" "$measure, '措施', '2024-06-30');" \
	"$measure, '措施', '2024/06/30');"
signal="INSERT INTO signals (source, point, post, received_on, substantiated, text) VALUES ('审计'"
check signals.received_on both "received_on: a date YYYY-MM-DD" \
	"$signal, 'X', NULL, '2024-01-01', 0, '摘要');" "$signal, 'X', NULL, '20240101', 0, '摘要');"
check signals.substantiated both "substantiated: 0 or 1 (是/否)" \
	"$signal, 'X', NULL, '2024-01-01', 1, '摘要');" "$signal, 'X', NULL, '2024-01-01', -1, '摘要');"
check signals.text both "text: a non-empty text" \
	"$signal, NULL, 'P', '2024-01-01', 0, '摘要');" "$signal, 'X', NULL, '2024-01-01', 0, '');"
check signals.point both "point: a point or a post" \
	"$signal, NULL, 'P', '2024-01-01', 0, '摘要');" "$signal, NULL, NULL, '2024-01-01', 0, '摘要');"
change="INSERT INTO changes (kind, power, post, changed_on, text) VALUES"
check changes.changed_on both "changed_on: a date YYYY-MM-DD" \
	"$change ('法律法规调整', 'W', NULL, '2024-01-01', '修订');" \
	"$change ('法律法规调整', 'W', NULL, '2024-01-00', '修订');"
check changes.text both "text: a non-empty text" \
	"$change ('职责权限变更', NULL, 'P', '2024-01-01', '调整');" \
	"$change ('职责权限变更', NULL, 'P', '2024-01-01', '');"
check changes.power both "power: a power for a 法律法规调整, and only for it" \
	"$change ('法律法规调整', 'W', NULL, '2024-01-01', '修订');" \
	"$change ('法律法规调整', NULL, NULL, '2024-01-01', '修订');"
check changes.post both "post: a post for a 职责权限变更, and only for it" \
	"$change ('职责权限变更', NULL, 'P', '2024-01-01', '调整');" \
	"$change ('法律法规调整', 'W', 'P', '2024-01-01', '调整');"
check runs.as_of both - "UPDATE runs SET as_of = '2024-03-01';" "UPDATE runs SET as_of = 'today';"
grade="INSERT INTO grades (run, point, pack, importance, discretion, likelihood, harm, score, tier, reasons, level, method_factors) VALUES (1, 'X', 'default'"
for f in importance discretion likelihood harm; do
	good="$grade, NULL, NULL, NULL, NULL, 1.5, '三级', '', NULL, NULL);"
	case $f in
	importance) bad="$grade, 0, 1, 1, 1, 1.5, '三级', '', NULL, NULL);" ;;
	discretion) bad="$grade, 1, 6, 1, 1, 1.5, '三级', '', NULL, NULL);" ;;
	likelihood) bad="$grade, 1, 1, -1, 1, 1.5, '三级', '', NULL, NULL);" ;;
	harm) bad="$grade, 1, 1, 1, 9, 1.5, '三级', '', NULL, NULL);" ;;
	esac
	check "grades.$f" both - "$good" "$bad"
done
check grades.level both - "$grade, 5, 5, 5, 5, 25, '一级', 'r', '重大', NULL);" \
	"$grade, 5, 5, 5, 5, 25, '一级', 'r', '', NULL);"
check grades.method_factors both - \
	"$grade, NULL, NULL, NULL, NULL, 45, '二级', 'r', NULL, '{\"C\":15,\"L\":3}');" \
	"$grade, NULL, NULL, NULL, NULL, 45, '二级', 'r', NULL, '{\"C\":15,');"
check flags.code both - "INSERT INTO flags (run, point, code, label, evidence) VALUES (1, 'X', 'c', 'l', 'e');" \
	"INSERT INTO flags (run, point, code, label, evidence) VALUES (1, 'X', '', 'l', 'e');"
wrn="INSERT INTO warnings (run, point, reason, disposition, due, text) VALUES (1, 'X'"
check warnings.reason both - "$wrn, '理由2', '风险提示', '2024-02-01', '');" \
	"$wrn, '', '风险提示', '2024-02-01', '');"
check warnings.due both - "$wrn, '理由2', '风险提示', '2024-02-01', '');" \
	"$wrn, '理由2', '风险提示', '2024-02-01T00:00', '');"
event="INSERT INTO warning_events (warning, action, on_date, by, run, disposition, due, status, note) VALUES (1, '签收'"
check warning_events.on_date both - "$event, '2024-01-02', 'U', NULL, '风险提示', '2024-02-01', '签收', '');" \
	"$event, '2024-1-02', 'U', NULL, '风险提示', '2024-02-01', '签收', '');"
check warning_events.due both - "$event, '2024-01-02', 'U', NULL, '风险提示', '2024-02-01', '签收', '');" \
	"$event, '2024-01-02', 'U', NULL, '风险提示', '', '签收', '');"
check "warning_events by or run" both - \
	"$event, '2024-01-02', NULL, 1, '风险提示', '2024-02-01', '签收', '');" \
	"$event, '2024-01-02', 'U', 1, '风险提示', '2024-02-01', '签收', '');"
check "warning_events neither" both - \
	"$event, '2024-01-02', 'U', NULL, '风险提示', '2024-02-01', '签收', '');" \
	"$event, '2024-01-02', NULL, NULL, '风险提示', '2024-02-01', '签收', '');"
appr="INSERT INTO approvals (point, tier, approved_on, by, note) VALUES ('X', '一级'"
check approvals.approved_on both - "$appr, '2024-01-02', 'U', '同意');" "$appr, '2024-13-02', 'U', '同意');"
check approvals.note both - "$appr, '2024-01-02', 'U', '同意');" "$appr, '2024-01-02', 'U', '');"
fd="INSERT INTO fact_definitions (name, label, belongs_to, type, min, max, choices) VALUES"
check fact_definitions.name both "name: a name of letters, digits and _ that does not start with" \
	"$fd ('_cash2', '现金', '岗位', '是否', NULL, NULL, NULL);" \
	"$fd ('2cash', '现金', '岗位', '是否', NULL, NULL, NULL);"
check "fact_definitions.name chars" both "name: a name of letters, digits and _ that does not start with" \
	"$fd ('cash_B', '现金', '岗位', '是否', NULL, NULL, NULL);" \
	"$fd ('cash-b', '现金', '岗位', '是否', NULL, NULL, NULL);"
check "fact_definitions.name length" both "name: a name of letters, digits and _ that does not start with" \
	"$fd ('$(printf 'a%.0s' $(seq 64))', '现金', '岗位', '是否', NULL, NULL, NULL);" \
	"$fd ('$(printf 'a%.0s' $(seq 65))', '现金', '岗位', '是否', NULL, NULL, NULL);"
check fact_definitions.label both "label: a non-empty label (the column's header)" \
	"$fd ('q', '问卷', '风险点', '整数', 0, 9, NULL);" "$fd ('q', '', '风险点', '整数', 0, 9, NULL);"
check fact_definitions.min both "min: empty unless the type is 整数 or 数值" \
	"$fd ('q', '问卷', '风险点', '数值', 0.5, NULL, NULL);" "$fd ('q', '问卷', '风险点', '文本', 0, NULL, NULL);"
check fact_definitions.max both "max: empty unless the type is 整数 or 数值" \
	"$fd ('q', '问卷', '风险点', '数值', NULL, 9.5, NULL);" "$fd ('q', '问卷', '风险点', '日期', NULL, 9, NULL);"
check fact_definitions.choices both "choices: empty unless the type is 枚举" \
	"$fd ('q', '问卷', '风险点', '枚举', NULL, NULL, '高、低');" "$fd ('q', '问卷', '风险点', '文本', NULL, NULL, '高、低');"
check "fact_definitions.max >= min" both "max: a number not below min" \
	"$fd ('q', '问卷', '风险点', '整数', 3, 3, NULL);" "$fd ('q', '问卷', '风险点', '整数', 3, 2, NULL);"
check "fact_definitions.min whole" both "min: a whole number for a 整数" \
	"$fd ('q', '问卷', '风险点', '整数', -9223372036854775808, NULL, NULL);" \
	"$fd ('q', '问卷', '风险点', '整数', 0.5, NULL, NULL);"
check "fact_definitions.min range" both "min: a whole number for a 整数" \
	"$fd ('q', '问卷', '风险点', '整数', -1e18, NULL, NULL);" \
	"$fd ('q', '问卷', '风险点', '整数', -1e19, NULL, NULL);"
check "fact_definitions.max whole" both "max: a whole number for a 整数" \
	"$fd ('q', '问卷', '风险点', '整数', NULL, 1e18, NULL);" \
	"$fd ('q', '问卷', '风险点', '整数', NULL, 9223372036854775808.0, NULL);"
check "fact_definitions.choices given" both "choices: the values of an 枚举, separated by 、" \
	"$fd ('q', '问卷', '风险点', '枚举', NULL, NULL, '是');" \
	"$fd ('q', '问卷', '风险点', '枚举', NULL, NULL, '');"
# The unique keys of 003, with their ifnull() expressions.
check signals_key both "signals_key" \
	"$signal, NULL, 'P', '2024-01-01', 0, '摘要'); $signal, 'X', 'P', '2024-01-01', 0, '摘要');" \
	"$signal, NULL, 'P', '2024-01-01', 0, '摘要'); $signal, NULL, 'P', '2024-01-01', 1, '摘要');"
check changes_key both "changes_key" \
	"$change ('法律法规调整', 'W', NULL, '2024-01-01', '修订'); $change ('法律法规调整', 'W', NULL, '2024-01-02', '修订');" \
	"$change ('法律法规调整', 'W', NULL, '2024-01-01', '修订'); $change ('法律法规调整', 'W', NULL, '2024-01-01', '修订');"

# --- 4. SQLite's functions ---------------------------------------------------------------
# Each line: an expression and its value as SQLite prints it (worked out by hand:
# julianday from the Julian day of 2000-01-01 at midnight, 2451544.5, and day counts).
while IFS='|' read -r expr want; do
	got=$(pg "$db1" -c "SELECT $expr" 2>&1)
	[ "$got" = "$want" ] || fail "SELECT $expr: $got, not $want"
done <<'EOF'
julianday('2000-01-01')|2451544.5
julianday('2000-03-01') - julianday('2000-02-01')|29
julianday('2001-01-01') - julianday('2000-01-01')|366
julianday('2000-01-01 12:00')|2451545
julianday('2000-13-01') IS NULL|t
julianday('2000-01-01T06:00:00')|2451544.75
julianday('2024-03-01') - julianday('2024-02-28')|2
julianday('2023-02-30') - julianday('2023-03-01')|1
date('2026-12-01', '+30 days')|2026-12-31
date('2024-02-28', '+2 days')|2024-03-01
date('2027-01-01', '-1 days')|2026-12-31
date('9999-12-30', '+1 days')|9999-12-31
date('9999-12-31', '+1 days') IS NULL|t
date('2026-12-01', '+3652059 days') IS NULL|t
date('2026-12-01', '+1 month') IS NULL|t
date('0000-06-01', '+1 days') IS NULL|t
date(NULL, '+1 days') IS NULL|t
rg_is_date('2024-02-29')|t
rg_is_date('1900-02-29')|f
rg_is_date('2023-04-31')|f
rg_is_date('2023-04-30 ')|f
rg_is_date(NULL) IS NULL|t
ifnull(NULL::bigint, 7)|7
ifnull('a', 'b')|a
instr('风险点', '点')|3
instr('abc', 'z')|0
(SELECT group_concat(x, '；') FROM (VALUES ('甲'), (NULL), ('乙')) v(x))|甲；乙
(SELECT group_concat(x) FROM (VALUES ('a'), ('b'), (NULL), ('c')) v(x))|a,b,c
(SELECT group_concat(x, ';') IS NULL FROM (VALUES (NULL::text)) v(x))|t
(SELECT sum(x > 1) FROM (VALUES (1), (2), (3), (NULL)) v(x))|2
(SELECT sum(x > 1) IS NULL FROM (VALUES (NULL::bigint)) v(x))|t
pg_typeof((SELECT sum(x = 1) FROM (VALUES (1)) v(x)))|bigint
json_valid('[1, {"a": 2}]')|t
json_valid('[1,')|f
EOF
# The views' integer columns are bigint (not numeric): point_latest.run is an expression.
got=$(pg "$db1" -c "SELECT data_type FROM information_schema.columns
	WHERE table_name = 'point_latest' AND column_name = 'run'")
[ "$got" = bigint ] || fail "point_latest.run is $got, not bigint"

# --- 5. the demo data, and the views on it ----------------------------------------------
# A review cycle on the demo data in SQLite (import, grade, approve, a warning step, a
# traced run that reuses most rows, a run of one agency), its rows copied into the second
# database (every column but rowid, which is last there) in the order of the foreign
# keys (sqlite3 writes a newline in a text as char(10), chr(10) in PostgreSQL), and the views read on both: the same results, the scores compared in thousandths
# (the engines print reals differently).
demo=$tmp/demo.db
(
	set -e
	"$rg" init "$demo"
	for f in "$here"/fixtures/demo/[0-9]*.csv; do
		t=$(basename "$f" .csv | sed 's/^[0-9]*_//')
		"$rg" import "$demo" "$t" "$f" --by 纪检组
	done
	"$rg" grade "$demo" --as-of 2026-11-01 --by 纪检组
	"$rg" approve "$demo" FX-020 一级 --by P001 --on 2026-11-02 --note 审定
	"$rg" warning "$demo" 3 ack --by P002 --on 2026-11-03 --note 已签收
	"$rg" grade "$demo" --as-of 2026-11-10 --by 纪检组 --trace
	"$rg" grade "$demo" --as-of 2026-11-20 --by 纪检组 --agency SJ-FY
) >"$tmp/demo.out" 2>&1 || fail "the demo cycle fails in SQLite: $(cat "$tmp/demo.out")"
tables="agencies departments posts persons oversight powers points ratings measures signals
	changes fact_definitions point_facts power_facts post_facts runs run_packs run_scopes
	coverage grades traces approvals flags warnings warning_events audit"
for t in $tables; do
	order=rowid
	sqlite3 "$demo" "SELECT sql FROM sqlite_master WHERE name = '$t'" | grep -q 'WITHOUT ROWID' &&
		order='1, 2'
	sqlite3 -cmd ".mode insert $t" "$demo" "SELECT * FROM $t ORDER BY $order"
done | sed 's/,char(10))/,chr(10))/g; s/,char(13))/,chr(13))/g' >"$tmp/demo.sql"
for t in $tables; do
	pg "$db2" -c "SELECT column_name FROM information_schema.columns
		WHERE table_name = '$t' AND column_name IN ('id', 'seq')
		  AND is_identity = 'YES'" | while read -r c; do
		echo "SELECT setval(pg_get_serial_sequence('$t', '$c'), max($c)) FROM $t HAVING count(*) > 0;"
	done
done >"$tmp/demo_seq.sql"
{ echo 'BEGIN;'; cat "$tmp/demo.sql" "$tmp/demo_seq.sql"; echo 'COMMIT;'; } |
	pg "$db2" >"$tmp/load.out" 2>&1 || fail "the demo data does not load: $(head -5 "$tmp/load.out")"
for t in $tables; do
	a=$(sqlite3 "$demo" "SELECT count(*) FROM $t")
	b=$(pg "$db2" -c "SELECT count(*) FROM $t")
	[ "$a" = "$b" ] || fail "$t: $a rows in SQLite, $b in PostgreSQL"
done
[ "$(sqlite3 "$demo" 'SELECT count(*) FROM runs')" = 3 ] || fail "the demo cycle made no 3 runs"
while read -r q; do
	sqlite3 -separator '|' "$demo" "$q" >"$tmp/a"
	pg "$db2" -F'|' -c "$q" >"$tmp/b"
	[ -s "$tmp/a" ] || fail "no rows in SQLite: $q"
	diff "$tmp/a" "$tmp/b" >"$tmp/view.diff" ||
		fail "$q differs (< SQLite, > PostgreSQL): $(head -6 "$tmp/view.diff")"
done <<'EOF'
SELECT run, point, pack, importance, discretion, likelihood, harm, CAST(round(score * 1000) AS INTEGER), tier, reasons, version, level, method_factors FROM run_grades ORDER BY run, point
SELECT run, point, code, label, evidence, cleared_by, version FROM run_flags ORDER BY run, point, code
SELECT run, point, seq, reason, source FROM run_traces ORDER BY run, point, seq
SELECT point, run, version FROM point_latest ORDER BY point
SELECT run, count(*) FROM run_grades GROUP BY run ORDER BY run
SELECT count(*), sum(run), sum(version) FROM run_grades
EOF
# A new row takes the next id after those loaded.
got=$(pg "$db2" -c "BEGIN; INSERT INTO audit (at, actor, action, subject, detail, prev, hash)
	VALUES ('t', 'a', 'x', 's', 'd', 'p', 'h') RETURNING seq = (SELECT max(seq) + 1 FROM audit), rowid = seq; ROLLBACK;")
[ "$got" = "t|t" ] || fail "audit: a new entry's seq and rowid: $got"

echo "tests/pg/schema.sh: $n CHECK cases, $fails failures"
[ $fails -eq 0 ]
