#!/bin/sh
# run_unit.sh TEST...: run each cmocka test binary from the repository root (tests use
# fixtures by relative path), optionally under $VALGRIND; fail if any fails.
set -u
failed=0
for t in "$@"; do
	if ! ${VALGRIND:-} "$t"; then
		echo "FAILED: $t" >&2
		failed=$((failed + 1))
	fi
done
if [ "$failed" -ne 0 ]; then
	echo "$failed unit test program(s) failed" >&2
	exit 1
fi
