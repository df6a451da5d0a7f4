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
# Every case runs in each language of RG_LANGS (default "C zh_CN": LC_ALL=C, English
# messages, and LC_ALL=zh_CN.UTF-8, Chinese ones).
# Occurrences of the temporary folder in the output are replaced by TMP.
# A case that guards against a hang with timeout scales it by RISKGRADE_SLOWDOWN (valgrind).
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
	export DB TMP
	setup=none
	[ -f "$dir/setup" ] && setup=$(cat "$dir/setup")
	if ! setup_db "$setup" "$DB"; then
		echo "FAIL $name ($lang): setup $setup failed"
		fail=$((fail + 1))
		rm -rf "$tmp"
		return
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
		[ "$lang" != C ] && [ -f "$dir/$stream.$lang" ] && want=$dir/$stream.$lang
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
		echo "FAIL $name ($lang):$problems"
		[ -f "$tmp/diffs" ] && cat "$tmp/diffs"
		fail=$((fail + 1))
		[ "${RG_ACCEPT:-0}" = 1 ] && accept "$dir" "$lang"
	fi
	rm -rf "$tmp"
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
for dir in tests/cli/cases/*/; do
	name=$(basename "$dir")
	place=$((${place:--1} + 1))
	if [ -n "${RG_SHARD:-}" ] && [ $((place % ${RG_SHARD#*/})) -ne "${RG_SHARD%/*}" ]; then
		continue
	fi
	if [ -n "${RG_CASES:-}" ]; then
		case " $RG_CASES " in *" $name "*) ;; *) continue ;; esac
	fi
	for lang in $RG_LANGS; do
		run_case "$name" "${dir%/}" "$lang"
	done
done
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
