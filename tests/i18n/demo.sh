#!/bin/sh
# demo.sh RISKGRADE: `make demo` in Chinese prints no English sentence.  Runs the demo's
# commands (init, import of every demo sheet, grade, warnings) under LC_ALL=zh_CN.UTF-8 and
# fails on any line holding two English words in a row (file names, codes and hashes,
# which have no spaces, are not sentences); then checks that the same run in the C locale
# does print English, so the check is known to see it.
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
RISKGRADE_NOW=2026-12-01T09:00:00Z
export RISKGRADE_NOW
unset LANGUAGE

demo() { # demo LOCALE OUT
	db=$tmp/demo-$1.db
	{
		LC_ALL=$1 "$bin" init "$db"
		for f in fixtures/demo/[0-9]*.csv; do
			t=$(basename "$f" .csv | sed 's/^[0-9]*_//')
			LC_ALL=$1 "$bin" import "$db" "$t" "$f" --by 演示
		done
		LC_ALL=$1 "$bin" grade "$db" --as-of 2026-12-01 --by 演示
		LC_ALL=$1 "$bin" warnings "$db"
	} >"$2" 2>&1
}

english='[A-Za-z]\{2,\} [A-Za-z]\{2,\}'
demo zh_CN.UTF-8 "$tmp/zh"
if grep -n "$english" "$tmp/zh" >"$tmp/found"; then
	echo "i18n: English in the Chinese demo:"
	sed 's/^/    /' "$tmp/found" | head -20
	exit 1
fi
demo C "$tmp/c"
if ! grep -q "$english" "$tmp/c"; then
	echo "i18n: the English demo shows no English sentence: the check sees nothing"
	exit 1
fi
echo "i18n: the demo in Chinese: no English sentence ($(wc -l <"$tmp/zh") lines)"
