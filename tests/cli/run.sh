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
# Occurrences of the temporary folder in the output are replaced by TMP.
# RG_CASES="a b" runs only those cases; RG_SHARD=I/N only the cases whose place in the
# list is I modulo N (make valgrind runs two shards at once, one per core).  RG_ACCEPT=1 writes what the failing cases
# printed into their stdout/stderr/rc, for a change of output that has been checked by
# hand: review `git diff tests/cli/cases` line by line before committing it.
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

for dir in tests/cli/cases/*/; do
	name=$(basename "$dir")
	place=$((${place:--1} + 1))
	if [ -n "${RG_SHARD:-}" ] && [ $((place % ${RG_SHARD#*/})) -ne "${RG_SHARD%/*}" ]; then
		continue
	fi
	if [ -n "${RG_CASES:-}" ]; then
		case " $RG_CASES " in *" $name "*) ;; *) continue ;; esac
	fi
	tmp=$(mktemp -d)
	DB=$tmp/case.db
	TMP=$tmp
	export DB TMP
	setup=none
	[ -f "$dir/setup" ] && setup=$(cat "$dir/setup")
	if ! setup_db "$setup" "$DB"; then
		echo "FAIL $name: setup $setup failed"
		fail=$((fail + 1))
		rm -rf "$tmp"
		continue
	fi
	[ -f "$dir/unchanged" ] && cp "$DB" "$tmp/before.db"
	(cd "$root" && sh "$dir/cmd") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	# The temporary folder varies; the pack's hash changes with every edit of the pack.
	sed -i -e "s|$tmp|TMP|g" -e 's/sha256 [0-9a-f]\{12,64\}/sha256 HASH/' "$tmp/out" "$tmp/err"
	want_rc=0
	[ -f "$dir/rc" ] && want_rc=$(cat "$dir/rc")
	problems=""
	[ "$rc" = "$want_rc" ] || problems="$problems exit code $rc, expected $want_rc;"
	for stream in stdout stderr; do
		got=$tmp/out
		[ $stream = stderr ] && got=$tmp/err
		want=$dir/$stream
		[ -f "$want" ] || want=/dev/null
		if ! cmp -s "$want" "$got"; then
			problems="$problems $stream differs;"
			diff -u "$want" "$got" | sed 's/^/    /' | head -40 >>"$tmp/diffs"
		fi
	done
	if [ -f "$dir/unchanged" ] && ! cmp -s "$tmp/before.db" "$DB"; then
		problems="$problems the database changed;"
	fi
	if [ -z "$problems" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL $name:$problems"
		[ -f "$tmp/diffs" ] && cat "$tmp/diffs"
		fail=$((fail + 1))
		if [ "${RG_ACCEPT:-0}" = 1 ]; then
			for stream in stdout stderr; do
				got=$tmp/out
				[ $stream = stderr ] && got=$tmp/err
				if [ -s "$got" ]; then cp "$got" "$dir/$stream"; else rm -f "$dir/$stream"; fi
			done
			if [ "$rc" = 0 ]; then rm -f "$dir/rc"; else echo "$rc" >"$dir/rc"; fi
			echo "  accepted $name"
		fi
	fi
	rm -rf "$tmp"
done
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
