#!/bin/sh
# run_unit.sh TEST...: run each cmocka test binary from the repository root (tests use
# fixtures by relative path), optionally under $VALGRIND; fail if any fails.
# RG_SHARD=I/N runs only the tests whose place in the list is I modulo N (make valgrind
# runs two shards at once, one per core).
set -u
failed=0
place=-1
for t in "$@"; do
	place=$((place + 1))
	if [ -n "${RG_SHARD:-}" ] && [ $((place % ${RG_SHARD#*/})) -ne "${RG_SHARD%/*}" ]; then
		continue
	fi
	if ! ${VALGRIND:-} "$t"; then
		echo "FAILED: $t" >&2
		failed=$((failed + 1))
	fi
done
if [ "$failed" -ne 0 ]; then
	echo "$failed unit test program(s) failed" >&2
	exit 1
fi
