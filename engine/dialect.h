/*
 * dialect.h: riskgrade's SQL, written for SQLite, said in PostgreSQL's words.  The engine
 * writes each statement once; on PostgreSQL the database layer passes it through
 * dialect_pg() first.  The rewriting is by tokens (quoted text, quoted names and comments
 * are never touched), and covers only what the schema's functions cannot
 * (schemas/pg/sqlite.sql gives PostgreSQL SQLite's functions):
 *   ?N, ?              $N (? is one more than the highest number before it)
 *   a IS b, a IS NOT b a IS NOT DISTINCT FROM b, a IS DISTINCT FROM b (b not NULL, TRUE,
 *                      FALSE)
 *   a GLOB b           a ~ rg_glob(b)  (b one token: a parameter, a literal or a name)
 *   x IN t             x IN (SELECT * FROM t)  (t a table's name)
 *   temp.t             pg_temp.t (CREATE INDEX temp.i: i, in its table's schema)
 *   REAL               double precision (SQLite's REAL is 8 bytes; PostgreSQL's is 4)
 *   ORDER BY x [DESC]  ORDER BY x NULLS FIRST (DESC: NULLS LAST): SQLite sorts NULL first
 *   PRAGMA ...;        dropped: SQLite's tuning, nothing to say to PostgreSQL
 * Depends on nothing but libc.
 */
#ifndef RG_DIALECT_H
#define RG_DIALECT_H

/*
 * dialect_pg: sql (SQLite's) rewritten for PostgreSQL, in memory the caller frees; NULL
 * when out of memory.  *params is set to the highest parameter number sql uses (0: none).
 */
char *dialect_pg(const char *sql, int *params);

#endif
