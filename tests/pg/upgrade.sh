#!/bin/sh
# upgrade.sh CONNINFO RISKGRADE: a PostgreSQL register made before a migration is brought
# up to date by riskgrade init, as an SQLite file is: the PostgreSQL form of each migration
# it lacks, then the roles' grants and policies again, in one transaction.  The register
# of schema version 6 (before schemas/pg/009_reuse.sql) is made the way that version had
# it: a register of today without what 009 and 010 add (the table reuse, and with it its
# policies; the function date) and with version 6 recorded.  Then:
# riskgrade refuses to use it until init upgrades it; init applies two migrations; the
# table has the policies of a table that belongs to an agency; grading twice takes the
# stored results the second time; a month later the overdue warnings are escalated (010's
# functions), each due as many days after as it had.
set -u
conn=${1:?usage: sh tests/pg/upgrade.sh CONNINFO RISKGRADE}
rg=${2:?usage: sh tests/pg/upgrade.sh CONNINFO RISKGRADE}
db=rg_upgrade_$$
url="$conn dbname=$db"
tmp=$(mktemp -d)
USER=tester
export USER
trap 'psql "$conn" -X -q -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
status=0
fail() {
	echo "FAIL pg/upgrade: $*"
	status=1
}
sql() {
	psql "$url" -X -q -At -v ON_ERROR_STOP=1 -c "$1"
}

"$rg" init "$url" >/dev/null || { echo "FAIL pg/upgrade: init"; exit 1; }
sql "DROP TABLE reuse; DROP FUNCTION date(text, text);
	UPDATE schema_version SET version = 6" ||
	{ echo "FAIL pg/upgrade: cannot make a register of version 6"; exit 1; }

"$rg" grade "$url" --as-of 2026-12-01 >"$tmp/out" 2>&1
rc=$?
[ $rc = 4 ] && grep -q 'schema version 6 is older than this riskgrade' "$tmp/out" ||
	fail "grading a register of version 6: exit $rc, $(cat "$tmp/out")"

"$rg" init "$url" >"$tmp/out" 2>&1 || fail "init does not upgrade: $(cat "$tmp/out")"
grep -q 'schema version 8 (2 migrations applied)' "$tmp/out" ||
	fail "init said: $(cat "$tmp/out")"
[ "$(sql "SELECT max(version) FROM schema_version")" = 8 ] || fail "version not recorded"
policies=$(sql "SELECT string_agg(policyname, ',' ORDER BY policyname) FROM pg_policies
	WHERE tablename = 'reuse'")
[ "$policies" = "riskgrade_agency_rows,riskgrade_all" ] ||
	fail "the policies of reuse: \"$policies\""

for f in fixtures/demo/[0-9]*.csv; do
	t=$(basename "$f" .csv | sed 's/^[0-9]*_//')
	"$rg" import "$url" "$t" "$f" >/dev/null || fail "import $f"
done
"$rg" grade "$url" --as-of 2026-12-01 >/dev/null || fail "the first run"
"$rg" grade "$url" --as-of 2026-12-02 >/dev/null || fail "the second run"
taken=$(sql "SELECT count(*) FROM reuse WHERE graded = 1")
[ "$taken" -gt 0 ] || fail "the second run took no stored result"
# A month on, every warning still 发布 is overdue: each goes one step up, due as many
# days after 2027-01-05 as it had from issue to due (the rule worked out by SQL here).
want=$(sql "SELECT string_agg(id || ' ' || CASE disposition WHEN '风险提示' THEN '诫勉谈话'
	ELSE '责令纠错' END || ' ' || to_char(DATE '2027-01-05' + greatest(due::date -
	issued_on::date, 1), 'YYYY-MM-DD'), ',' ORDER BY id) FROM warnings
	WHERE status = '发布' AND due < '2027-01-05' AND disposition <> '责令纠错'")
[ -n "$want" ] || fail "the demo has no warning overdue on 2027-01-05"
"$rg" grade "$url" --as-of 2027-01-05 >/dev/null || fail "the run a month on"
got=$(sql "SELECT string_agg(w.id || ' ' || w.disposition || ' ' || w.due, ',' ORDER BY w.id)
	FROM warnings w JOIN warning_events e ON e.warning = w.id
	WHERE e.action = '逾期升级' AND e.run = 3 AND e.due = w.due AND e.on_date = w.issued_on")
[ "$got" = "$want" ] || fail "overdue escalation: want $want, got $got"
[ $status = 0 ] && echo "pg/upgrade: a register of version 6 brought to 8 by init; its second run took $taken stored results; a month on, $(echo "$want" | tr ',' '\n' | wc -l) overdue warnings escalated"
exit $status
