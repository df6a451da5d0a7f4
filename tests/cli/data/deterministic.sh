#!/bin/sh
# Grade two copies of one database with the same pack and as-of date: the output and the
# database files that result must be byte-for-byte identical.
set -e
cp "$DB" "$TMP/a.db"
cp "$DB" "$TMP/b.db"
$RG grade "$TMP/a.db" --as-of 2026-12-01 >"$TMP/a.out"
$RG grade "$TMP/b.db" --as-of 2026-12-01 >"$TMP/b.out"
cmp "$TMP/a.out" "$TMP/b.out"
cmp "$TMP/a.db" "$TMP/b.db"
echo identical
