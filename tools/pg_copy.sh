#!/bin/sh
# pg_copy.sh SQLITE_FILE CONNINFO: copy the rows of a riskgrade SQLite database into a
# PostgreSQL one made by riskgrade init (the same tables and columns: schemas/pg/), with
# COPY, table after table in the order the schema made them (references first); tables
# the PostgreSQL database already has rows in (the reference data init puts there) are
# left alone; then each identity column's counter is set past the ids copied.  Used by
# the benchmark and the tests to put the same generated register on both engines.
set -eu
src=$1
db=$2
for table in $(sqlite3 "$src" "SELECT name FROM sqlite_schema WHERE type = 'table'
		AND name NOT LIKE 'sqlite%' ORDER BY rowid"); do
	[ "$(sqlite3 "$src" "SELECT EXISTS (SELECT 1 FROM \"$table\")")" = 1 ] || continue
	[ "$(psql "$db" -Atc "SELECT count(*) FROM \"$table\"")" = 0 ] || continue
	cols=$(sqlite3 "$src" "SELECT group_concat('\"' || name || '\"', ', ')
		FROM pragma_table_info('$table')")
	sqlite3 -csv "$src" "SELECT $cols FROM \"$table\"" |
		psql "$db" -qc "\\copy \"$table\" ($cols) FROM STDIN WITH (FORMAT csv)"
	if [ "$(psql "$db" -Atc "SELECT count(*) FROM pg_attribute WHERE attname = 'id'
			AND attidentity <> '' AND attrelid = '\"$table\"'::regclass")" = 1 ]; then
		psql "$db" -qAtc "SELECT setval(pg_get_serial_sequence('\"$table\"', 'id'), max(id))
			FROM \"$table\"" >/dev/null
	fi
done
psql "$db" -qc "VACUUM ANALYZE" >/dev/null
