#!/bin/sh
# run.sh BUILD: `make install PREFIX=DIR` gives a riskgrade that works from anywhere.
#
# BUILD is the build folder (build/).  Its objects are copied, times kept, into a
# temporary build folder, so that make finds an ordinary build up to date there and
# `make install B=TMP/build PREFIX=TMP/prefix` only rebuilds what depends on PREFIX
# (pack.o, the binary), leaving BUILD as it was for its own PREFIX (checked).  Without
# a built BUILD, everything is built in the temporary folder.  Then:
#   - the installed files are where they belong: binary, rule packs, manual page,
#     bash completion;
#   - from a folder without ./rules, the installed binary creates a database, imports
#     fixtures/tiny and grades it with the installed packs: the run names their folder
#     TMP/prefix/share/riskgrade/rules, and the tiers are those fixtures/tiny/README.md
#     works out by hand (一级 2, 二级 2, 三级 3);
#   - from a folder with ./rules/default.lua, grade says on stderr that ./rules hides
#     the installed packs, and names rules/ as the folder it used;
#   - `man -l` renders the installed page without a warning, and its synopsis names
#     every command `riskgrade --help` lists;
#   - the installed completion, sourced in bash with only the installed riskgrade on
#     PATH, completes commands, options (read from the installed binary's --help), list
#     and export kinds, import tables and --format values.
# Needs man (man-db) and bash: fails if one is missing.  Runs from the repository root
# (it goes there itself).
set -u

fail() {
	echo "install: FAIL: $*" >&2
	exit 1
}

[ $# -eq 1 ] || { echo "usage: sh tests/install/run.sh BUILD" >&2; exit 2; }
for tool in man bash make; do
	command -v $tool >/dev/null 2>&1 || fail "$tool not found: this test needs it (make test-deps)"
done
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.." || fail "cannot go to the repository root"
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
prefix=$tmp/prefix
rules=$prefix/share/riskgrade/rules
mkdir "$tmp/build" "$tmp/work" "$tmp/shadow" || fail "mkdir"

# ---- install from a copy of the build ------------------------------------------------
build=$1
shared_prefix=
if [ -x "$build/riskgrade" ] && [ -f "$build/prefix" ]; then
	cp -p "$build"/*.o "$build"/*.c "$build/prefix" "$build/riskgrade" "$tmp/build/" ||
		fail "cannot copy $build"
	shared_prefix=$(cat "$build/prefix")
	shared_stamp=$(ls -l --time-style=full-iso "$build/pack.o" "$build/riskgrade")
fi
# The make that runs this test may pass its jobserver, which this make cannot reach.
MAKEFLAGS=$(printf '%s' "${MAKEFLAGS:-}" | sed 's/--jobserver-[a-z]*=[^ ]*//g')
export MAKEFLAGS
make --no-print-directory install B="$tmp/build" PREFIX="$prefix" >"$tmp/make.log" 2>&1 ||
	{ cat "$tmp/make.log" >&2; fail "make install PREFIX=$prefix failed"; }
if [ -n "$shared_prefix" ]; then
	[ "$(cat "$build/prefix")" = "$shared_prefix" ] ||
		fail "$build/prefix changed: the install rebuilt the shared build"
	[ "$(ls -l --time-style=full-iso "$build/pack.o" "$build/riskgrade")" = "$shared_stamp" ] ||
		fail "$build/pack.o or $build/riskgrade changed: the install rebuilt the shared build"
	# Only what depends on PREFIX is rebuilt: the installed packs' folder (pack.c) and
	# the catalogs' (i18n.c), then one link.
	compiled=$(grep -o -- ' -c engine/[a-z_0-9]*\.c' "$tmp/make.log" | sort | tr '\n' ' ')
	[ "$compiled" = " -c engine/i18n.c  -c engine/pack.c " ] ||
		fail "make install compiled $compiled, expected only pack.c and i18n.c (is $build up to date? make B=$build)
$(cat "$tmp/make.log")"
fi

for f in bin/riskgrade share/riskgrade/rules/default.lua share/man/man1/riskgrade.1 \
	share/bash-completion/completions/riskgrade share/locale/zh_CN/LC_MESSAGES/riskgrade.mo \
	share/locale/en/LC_MESSAGES/riskgrade.mo; do
	[ -f "$prefix/$f" ] || fail "$prefix/$f was not installed"
done
[ -x "$prefix/bin/riskgrade" ] || fail "$prefix/bin/riskgrade is not executable"
cmp -s doc/riskgrade.1 "$prefix/share/man/man1/riskgrade.1" || fail "the installed manual page differs from doc/riskgrade.1"
cmp -s contrib/riskgrade.bash "$prefix/share/bash-completion/completions/riskgrade" ||
	fail "the installed completion differs from contrib/riskgrade.bash"
rg=$prefix/bin/riskgrade

# ---- the installed binary, from a folder without ./rules -----------------------------
export RISKGRADE_NOW=2026-12-01T09:00:00Z USER=tester
cd "$tmp/work" || fail "cd $tmp/work"
# The installed binary finds its installed catalogs: Chinese in zh_CN, English in C.
LC_ALL=zh_CN.UTF-8 "$rg" --help | grep -q '^用法：riskgrade COMMAND' ||
	fail "the installed riskgrade does not speak Chinese under LC_ALL=zh_CN.UTF-8"
LC_ALL=C "$rg" --help | grep -q '^usage: riskgrade COMMAND' ||
	fail "the installed riskgrade does not speak English under LC_ALL=C"
"$rg" init t.db >/dev/null || fail "init from $tmp/work failed"
for f in "$root"/fixtures/tiny/[0-9]*.csv; do
	t=$(basename "$f" .csv | sed 's/^[0-9]*_//')
	"$rg" import t.db "$t" "$f" >/dev/null || fail "import $t from $tmp/work failed"
done
"$rg" grade t.db --as-of 2026-12-01 >"$tmp/grade.out" 2>"$tmp/grade.err" ||
	fail "grade from $tmp/work failed: $(cat "$tmp/grade.err")"
grep -qF "graded with the packs of $rules" "$tmp/grade.out" ||
	fail "grade did not name the installed rules folder $rules:
$(cat "$tmp/grade.out")"
grep -qF "($rules/default.lua, sha256" "$tmp/grade.out" ||
	fail "grade did not use $rules/default.lua:
$(cat "$tmp/grade.out")"
grep -q '^一级 2, 二级 2, 三级 3;' "$tmp/grade.out" ||
	fail "the tiers of fixtures/tiny are not 一级 2, 二级 2, 三级 3:
$(cat "$tmp/grade.out")"
[ ! -s "$tmp/grade.err" ] || fail "grade without ./rules printed on stderr: $(cat "$tmp/grade.err")"

# ---- from a folder whose ./rules hides the installed packs --------------------------
cp -R "$root/rules" "$tmp/shadow/rules" || fail "cannot copy rules/"
cd "$tmp/shadow" || fail "cd $tmp/shadow"
cp "$tmp/work/t.db" s.db || fail "cannot copy t.db"
"$rg" grade s.db --as-of 2026-12-01 >"$tmp/shadow.out" 2>"$tmp/shadow.err" ||
	fail "grade from $tmp/shadow failed: $(cat "$tmp/shadow.err")"
want="riskgrade: note: the packs of ./rules in the current folder are used, not the installed ones in $rules (--rules DIR chooses)"
[ "$(cat "$tmp/shadow.err")" = "$want" ] ||
	fail "with ./rules, stderr is not the note that it hides the installed packs:
$(cat "$tmp/shadow.err")"
grep -qF "graded with the packs of rules/" "$tmp/shadow.out" ||
	fail "with ./rules, grade did not name rules/:
$(cat "$tmp/shadow.out")"
cd "$root" || fail "cd $root"

# ---- the manual page -----------------------------------------------------------------
page=$prefix/share/man/man1/riskgrade.1
LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -l "$page" >"$tmp/man.out" 2>"$tmp/man.err" ||
	fail "man -l $page failed: $(cat "$tmp/man.err")"
[ ! -s "$tmp/man.err" ] || fail "man -l $page warns:
$(cat "$tmp/man.err")"
commands=$("$rg" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p')
[ -n "$commands" ] || fail "riskgrade --help lists no command"
synopsis=$(sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' "$tmp/man.out")
for c in $commands; do
	printf '%s\n' "$synopsis" | grep -q "^ *riskgrade $c " ||
		fail "the manual page's SYNOPSIS lacks riskgrade $c"
done

# ---- the bash completion -------------------------------------------------------------
# complete LINE: what _riskgrade offers for LINE (the last word is completed; a trailing
# space starts a new one), one per line, sorted.
cat >"$tmp/complete.bash" <<'EOF'
. "$1"
complete_line() {
	COMP_LINE=$1
	COMP_POINT=${#1}
	read -ra COMP_WORDS <<<"$1"
	[[ $1 == *' ' ]] && COMP_WORDS+=('')
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_riskgrade
	printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
}
complete_line "$2"
EOF
check_completion() { # check_completion LINE EXPECTED-WORDS
	got=$(cd "$tmp/work" && PATH="$prefix/bin:/usr/bin:/bin" \
		bash "$tmp/complete.bash" "$prefix/share/bash-completion/completions/riskgrade" "$1")
	want=$(printf '%s\n' $2 | LC_ALL=C sort)
	[ "$got" = "$want" ] || fail "completing \"$1\": expected
$want
got
$got"
}
check_completion 'riskgrade ex' 'explain export'
check_completion 'riskgrade export db.db ' 'tiers measures warnings powers
	岗位风险等级清单 廉政风险防控措施台账 预警清单 职权目录'
check_completion 'riskgrade grade db.db --as' '--as-of'
check_completion 'riskgrade list db.db p' 'posts persons powers points'
check_completion 'riskgrade import db.db ' 'fact_definitions agencies departments posts
	persons oversight powers points ratings measures signals changes'
check_completion 'riskgrade warnings db.db --format ' 'table csv json xlsx'
check_completion 'riskgrade grade db.db --rules ' ''
check_completion 'riskgrade warning db.db 3 r' 'release'

echo "install: make install PREFIX, the binary from elsewhere, ./rules, man page, completion: ok"
