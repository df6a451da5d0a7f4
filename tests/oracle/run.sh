#!/bin/sh
# Grade fixtures/tiny, fixtures/demo and tests/oracle/edge with the riskgrade binary and compare every point
# with the independent oracle (tests/oracle/default_pack.py).
#   usage: tests/oracle/run.sh RISKGRADE_BINARY      (run from the repository root)
set -u
USER=${USER:-tester}; export USER # riskgrade records who acts and needs to know

if [ $# -ne 1 ]; then
  echo "usage: $0 RISKGRADE_BINARY" >&2
  exit 2
fi
BIN=$1
AS_OF=2026-12-01
HERE=$(dirname "$0")

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

status=0
for DIR in fixtures/tiny fixtures/demo tests/oracle/edge; do
  name=$(basename "$DIR")
  DB="$TMP/$name.db"
  echo "== $DIR"
  if ! "$BIN" init "$DB"; then
    echo "$DIR: init failed" >&2; status=1; continue
  fi
  ok=1
  for FILE in $(ls "$DIR"/*.csv | sort); do
    base=$(basename "$FILE" .csv)
    TABLE=${base#[0-9][0-9]_}
    if ! "$BIN" import "$DB" "$TABLE" "$FILE" >/dev/null; then
      echo "$DIR: import of $FILE into $TABLE failed" >&2; ok=0; break
    fi
  done
  if [ $ok -eq 0 ]; then status=1; continue; fi
  if ! "$BIN" grade "$DB" --as-of "$AS_OF" >/dev/null; then
    echo "$DIR: grade failed" >&2; status=1; continue
  fi
  if ! python3 "$HERE/check.py" "$DIR" "$DB" "$AS_OF"; then
    status=1
  fi
done
exit $status
