#!/bin/sh
# run.sh RISKGRADE: the command-line golden tests.  Each folder in tests/cli/cases/ is
# one case:
#   cmd        a shell snippet run from the repository root, with $RG (the program,
#              wrapped in $RG_WRAP if set), $DB (the case's database) and $TMP (a fresh
#              temporary folder)
#   setup      none | empty (init only) | tiny (fixtures/tiny imported) | graded (tiny,
#              graded as of 2026-12-01); default none
#   stdout     expected standard output (absent: must be empty)
#   stderr     expected standard error (absent: must be empty)
#   rc         expected exit code (absent: 0)
#   unchanged  if present, $DB must be byte-for-byte the same after the command
#   stdout.zh_CN, stderr.zh_CN  the same in Chinese, where it differs from the English
#   sqlite-only  if present, the case is about the SQLite file itself (a missing or foreign
#              file, its permissions, its locks): one line saying why; PostgreSQL runs skip it
# Every case runs in each language of RG_LANGS (default "C zh_CN": LC_ALL=C, English
# messages, and LC_ALL=zh_CN.UTF-8, Chinese ones).
# Occurrences of the temporary folder in the output are replaced by TMP.
# A case that guards against a hang with timeout scales it by RISKGRADE_SLOWDOWN (valgrind).
# RG_CASES="a b" runs only those cases; RG_SHARD=I/N only the cases whose place in the
# list is I modulo N (make valgrind runs two shards at once, one per core).  RG_ACCEPT=1 writes what the failing cases
# printed into their stdout/stderr/rc, for a change of output that has been checked by
# hand: review `git diff tests/cli/cases` line by line before committing it.
# RG_PG=TEMPLATE runs the same cases on PostgreSQL: TEMPLATE is the connection URI (or libpq
# conninfo) of a server where the word NAME stands for a database's name, as tools/pg.sh
# start prints (make test-pg starts a cluster and does this).  Each case in each language
# gets a database of its own (made through database "postgres", dropped after), $DB is its
# URI, and the URI in the output reads TMP/case.db, so that the expected outputs are the
# SQLite ones (after a setup, an empty TMP/case.db stands where the file would be, for
# the cases that list TMP); "unchanged" compares the data (tools/pg.sh data) instead of the bytes.  The
# commands sqlite3, cp and cmp given $DB in a case act on the PostgreSQL database (see
# tools/pg.sh).  A failing case shows the last errors its server logged (where pg.sh
# start's cluster keeps a log).  Cases marked sqlite-only are skipped and listed; RG_ACCEPT
# is ignored.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(pwd)
RG="${RG_WRAP:+$RG_WRAP }$bin"
export RG
# Records of when and by whom (runs, approvals, the audit log) are fixed, so outputs that
# show them are stable; a case may set its own.
RISKGRADE_NOW=2026-12-01T09:00:00Z
USER=tester
export RISKGRADE_NOW USER
pass=0
fail=0
skipped=""

setup_db() { # setup_db KIND DB
	case $1 in
	none) ;;
	empty) "$bin" init "$2" >/dev/null ;;
	tiny | graded)
		"$bin" init "$2" >/dev/null || return 1
		for f in fixtures/tiny/[0-9]*.csv; do
			t=$(basename "$f" .csv | sed 's/^[0-9]*_//')
			"$bin" import "$2" "$t" "$f" >/dev/null || return 1
		done
		if [ "$1" = graded ]; then
			"$bin" grade "$2" --as-of 2026-12-01 >/dev/null || return 1
		fi
		;;
	*) echo "unknown setup $1" >&2; return 1 ;;
	esac
}

# run_case NAME DIR LANG: one case in one language.  LANG C compares with stdout, stderr;
# zh_CN with stdout.zh_CN, stderr.zh_CN where the Chinese output differs, else with the
# same files (output with nothing to translate is the same in both).
run_case() {
	name=$1 dir=$2 lang=$3
	case $lang in
	C) LC_ALL=C ;;
	*) LC_ALL=$lang.UTF-8 ;;
	esac
	export LC_ALL
	tmp=$(mktemp -d)
	DB=$tmp/case.db
	TMP=$tmp
	if [ -n "${RG_PG:-}" ]; then
		dbs=$((dbs + 1))
		RG_PG_NAME=rg_$$_$dbs
		DB=$(pg_url "$RG_PG_NAME")
		export RG_PG_NAME
		if ! pg_admin "CREATE DATABASE \"$RG_PG_NAME\""; then
			echo "FAIL $name ($lang): cannot create its database"
			fail=$((fail + 1))
			rm -rf "$tmp"
			return
		fi
	fi
	export DB TMP
	setup=none
	[ -f "$dir/setup" ] && setup=$(cat "$dir/setup")
	if ! setup_db "$setup" "$DB"; then
		echo "FAIL $name ($lang): setup $setup failed"
		fail=$((fail + 1))
		end_case
		return
	fi
	# Where SQLite's file would be in TMP (for the cases that list it), an empty one.
	[ -n "${RG_PG:-}" ] && [ "$setup" != none ] && : >"$tmp/case.db"
	[ -f "$dir/unchanged" ] && snapshot "$tmp/before.db"
	(cd "$root" && PATH="${RG_SHIMS:+$RG_SHIMS:}$PATH" sh "$dir/cmd") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	# The temporary folder varies (and a PostgreSQL database's URI stands for the file in
	# it); the pack's hash changes with every edit of the pack.
	sed -i -e "s|$(printf '%s' "$DB" | sed 's/[][\.*^$]/\\&/g')|$tmp/case.db|g" \
		-e "s|$tmp|TMP|g" -e 's/sha256 [0-9a-f]\{12,64\}/sha256 HASH/' "$tmp/out" "$tmp/err"
	want_rc=0
	[ -f "$dir/rc" ] && want_rc=$(cat "$dir/rc")
	problems=""
	[ "$rc" = "$want_rc" ] || problems="$problems exit code $rc, expected $want_rc;"
	for stream in stdout stderr; do
		got=$tmp/out
		[ $stream = stderr ] && got=$tmp/err
		want=$dir/$stream
		[ "$lang" != C ] && [ -f "$dir/$stream.$lang" ] && want=$dir/$stream.$lang
		[ -f "$want" ] || want=/dev/null
		if ! cmp -s "$want" "$got"; then
			problems="$problems $stream differs;"
			diff -u "$want" "$got" | sed 's/^/    /' | head -40 >>"$tmp/diffs"
		fi
	done
	if [ -f "$dir/unchanged" ] && snapshot "$tmp/after.db" && ! cmp -s "$tmp/before.db" "$tmp/after.db"; then
		problems="$problems the database changed;"
	fi
	if [ -z "$problems" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL $name ($lang):$problems"
		[ -f "$tmp/diffs" ] && cat "$tmp/diffs"
		[ -n "${RG_PG:-}" ] && sh "$root/tools/pg.sh" errors "$DB" | tail -n 8 | sed 's/^/    server: /'
		fail=$((fail + 1))
		[ "${RG_ACCEPT:-0}" = 1 ] && [ -z "${RG_PG:-}" ] && accept "$dir" "$lang"
	fi
	end_case
}

# end_case: remove the case's temporary folder (and its PostgreSQL database).
end_case() {
	[ -n "${RG_PG:-}" ] && pg_admin "DROP DATABASE \"$RG_PG_NAME\" WITH (FORCE)"
	rm -rf "$tmp"
}

# snapshot FILE: what "unchanged" compares: the database file's bytes, or the PostgreSQL
# database's data.
snapshot() {
	if [ -n "${RG_PG:-}" ]; then
		sh "$root/tools/pg.sh" data "$DB" >"$1"
	else
		cp "$DB" "$1"
	fi
}

# pg_url NAME: the URI of database NAME on the server of RG_PG.
pg_url() {
	echo "${RG_PG%%NAME*}$1${RG_PG#*NAME}"
}

# pg_admin SQL: run SQL in the server's database "postgres" (where databases are made).
pg_admin() {
	"$pg_bin/psql" --no-psqlrc --quiet --set=ON_ERROR_STOP=1 --dbname="$(pg_url postgres)" \
		--command="$1" >/dev/null || { echo "cli: $(pg_url postgres): cannot run: $1" >&2; return 1; }
}

# accept DIR LANG: keep what the case printed as its expected output (RG_ACCEPT=1).  A
# Chinese output the same as the English expectation needs no file of its own.
accept() {
	for stream in stdout stderr; do
		got=$tmp/out
		[ $stream = stderr ] && got=$tmp/err
		if [ "$2" = C ]; then
			if [ -s "$got" ]; then cp "$got" "$1/$stream"; else rm -f "$1/$stream"; fi
		else
			english=$1/$stream
			[ -f "$english" ] || english=/dev/null
			if cmp -s "$got" "$english"; then rm -f "$1/$stream.$2"; else cp "$got" "$1/$stream.$2"; fi
		fi
	done
	if [ "$2" = C ]; then
		if [ "$rc" = 0 ]; then rm -f "$1/rc"; else echo "$rc" >"$1/rc"; fi
	fi
	echo "  accepted $1 ($2)"
}

if [ -z "${RG_LANGS+set}" ]; then
	RG_LANGS="C zh_CN"
fi
unset LANGUAGE
if [ -n "${RG_PG:-}" ]; then
	case $RG_PG in *NAME*) ;; *) echo "cli: RG_PG=$RG_PG has no NAME for the database's name" >&2; exit 1 ;; esac
	pg_bin=$(sh tools/pg.sh bin) || exit 1
	pg_admin "SELECT 1" || exit 1
	dbs=0
	# The stand-ins for sqlite3, cp and cmp (tools/pg.sh), first on the cases' PATH.
	RG_SHIMS=$(mktemp -d)
	trap 'rm -rf "$RG_SHIMS"' EXIT
	for prog in sqlite3 cp cmp; do
		printf '#!/bin/sh\nexec sh "%s/tools/pg.sh" %s "$@"\n' "$root" $prog >"$RG_SHIMS/$prog"
		chmod +x "$RG_SHIMS/$prog"
	done
	export RG_PG RG_SHIMS
fi
for dir in tests/cli/cases/*/; do
	name=$(basename "$dir")
	place=$((${place:--1} + 1))
	if [ -n "${RG_SHARD:-}" ] && [ $((place % ${RG_SHARD#*/})) -ne "${RG_SHARD%/*}" ]; then
		continue
	fi
	if [ -n "${RG_CASES:-}" ]; then
		case " $RG_CASES " in *" $name "*) ;; *) continue ;; esac
	fi
	if [ -n "${RG_PG:-}" ] && [ -f "$dir/sqlite-only" ]; then
		skipped="$skipped $name"
		continue
	fi
	for lang in $RG_LANGS; do
		run_case "$name" "${dir%/}" "$lang"
	done
done
if [ -n "${RG_PG:-}" ]; then
	for name in $skipped; do
		echo "skip $name: $(head -n 1 "tests/cli/cases/$name/sqlite-only")"
	done
	echo "cli (PostgreSQL): $pass passed, $fail failed, $(echo $skipped | wc -w) cases skipped as sqlite-only"
else
	echo "cli: $pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
