/*
 * db.h: the database layer.  The only module that sees SQLite and PostgreSQL: it opens a
 * riskgrade database — an SQLite file, the default, or a PostgreSQL database named by a
 * postgresql:// URI or a libpq conninfo string — applies the numbered migrations of
 * schemas/, and offers prepared statements through our own types so the rest of the engine
 * writes SQL without sqlite3.h or libpq-fe.h.  The SQL is SQLite's; on PostgreSQL the
 * schema (schemas/pg/) supplies the few SQLite functions and catalog views it uses, and
 * parameters ?N become $N.
 * Depends on status.h (and, behind it, SQLite and libpq).
 */
#ifndef RG_DB_H
#define RG_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "status.h"

typedef struct db db;
typedef struct db_stmt db_stmt;

/* Column types as SQLite reports them for the current row. */
typedef enum { DB_NULL, DB_INT, DB_REAL, DB_TEXT } db_type;

/* The schema version this build expects: the number of migrations in schemas/. */
int db_schema_version(void);

/* The longest --wait, in seconds (a day): longer is surely a mistake. */
#define DB_WAIT_MAX 86400.0

/* How long a connection waits for another's lock by default, in seconds. */
#define DB_WAIT_DEFAULT 30.0

/*
 * db_set_wait: how long every connection opened from now on waits, at most, for another
 * riskgrade (or any SQLite client) that holds the database's lock, before it gives up
 * with RG_DB: "PATH: the database is busy (another riskgrade is writing); gave up after
 * N s (--wait)".  seconds is from 0 (do not wait) to DB_WAIT_MAX; it is
 * DB_WAIT_DEFAULT until set.  Process-wide, set once from the command line (--wait).
 */
void db_set_wait(double seconds);

/* db_wait: the wait db_set_wait set, in seconds. */
double db_wait(void);

/* db_is_pg: whether name is a PostgreSQL connection (a postgresql:// or postgres:// URI,
 * or a conninfo string: it holds an '='), not an SQLite file. */
bool db_is_pg(const char *name);

/*
 * db_init: create the database at path if it does not exist and apply every migration
 * it lacks, in one transaction.  *applied is set to how many were applied (0: already up
 * to date).  Returns RG_DB with the reason on failure, leaving the file as it was; among
 * them an SQLite file of another program (no schema version, but tables or other
 * objects of its own), named with what it holds.
 */
rg_status db_init(const char *path, int *applied, rg_err *e);

/*
 * db_open: open an existing riskgrade database read-write, with foreign keys on, and
 * check that PRAGMA user_version matches this build.  Nothing is written.  On success
 * *out must be closed with db_close().  Fails with RG_DB naming path: missing file, not
 * a database, older or newer schema.
 */
rg_status db_open(const char *path, db **out, rg_err *e);

/*
 * db_open_reader: db_open for a command that only reads, and may read rows all over a
 * file larger than SQLite's page cache (a report, a listing of a whole run): SQLite reads
 * the file through a memory map, up to its limit of 2 GB, instead of a system call and a
 * copy a page, which at 1,000,000 points were 40% of a report's time.  The mapped pages
 * are the kernel's page cache, counted in the process's RSS.  The price: a disk that
 * fails under a mapped page stops the process (SIGBUS) instead of giving RG_DB; the
 * command writes nothing to the database, so nothing is lost.  On PostgreSQL, db_open.
 */
rg_status db_open_reader(const char *path, db **out, rg_err *e);

/* db_close: close the connection, finalizing nothing (finalize statements first). */
void db_close(db *d);

/* db_exec: run one or more statements that return no rows.  RG_DB on failure. */
rg_status db_exec(db *d, const char *sql, rg_err *e);

/* db_begin: BEGIN IMMEDIATE (take the write lock now).  db_commit: COMMIT.
 * db_rollback: ROLLBACK if a transaction is open; never fails from the caller's view. */
rg_status db_begin(db *d, rg_err *e);
rg_status db_commit(db *d, rg_err *e);
void db_rollback(db *d);

/*
 * db_set_statement_rollback: whether a statement that fails inside a transaction undoes
 * only itself and the transaction goes on (on: what an import needs that reports every
 * refused row, then commits or rolls back), or may spoil the transaction, which the caller
 * then only rolls back (off, the default).  SQLite always does the former.  PostgreSQL
 * aborts a transaction at its first error, and does the former only with a savepoint
 * around each statement that writes, which costs two more round trips a statement.
 */
void db_set_statement_rollback(db *d, bool on);

/*
 * db_latest: for a table every writer appends to in turn (the audit log), make d's
 * transaction the only one appending until it ends, and give in *reader a connection that
 * reads what is committed now, to find the table's last row: d itself on SQLite, whose
 * writer is alone already; on PostgreSQL, where d's transaction sees the database as it
 * was when it began, a second connection to the same database, and an advisory lock the
 * appenders take in turn.  *reader belongs to d.  RG_DB when the lock is not given
 * within --wait, or the second connection fails.
 */
rg_status db_latest(db *d, db **reader, rg_err *e);

/* db_prepare: compile sql into *out, to be freed with db_finalize().  RG_DB with
 * SQLite's message on a syntax error or a missing table. */
rg_status db_prepare(db *d, const char *sql, db_stmt **out, rg_err *e);

/* db_finalize: free a statement.  NULL is allowed. */
void db_finalize(db_stmt *s);

/* db_reset: make s ready to run again from the start; bindings are kept. */
void db_reset(db_stmt *s);

/*
 * db_stream: s may give rows in numbers that grow with the register (a cursor over every
 * point): inside a transaction, read them in batches rather than all at once.  SQLite
 * steps that way anyway; PostgreSQL then reads through a server-side cursor, a round trip
 * a batch, and the client's memory stays flat.  Other statements may run between steps.
 */
void db_stream(db_stmt *s);

/*
 * db_batch: s is an INSERT whose rows may be written later, many together: inside a
 * transaction its steps return at once, and the rows go to the database before the next
 * statement that names its table (or a view over it: run_grades for grades), or before
 * the commit.  A failure to write them (a constraint) is then that statement's or the
 * commit's, naming the table, and spoils the transaction: the caller checks beforehand
 * what a row could be refused for, if it must say more.  Only for rows nobody reads back
 * at once (no db_last_rowid after them).  SQLite writes each row at once anyway;
 * PostgreSQL then writes them with COPY, a round trip for thousands of rows.
 */
void db_batch(db_stmt *s);

/* Bind parameter i (1-based).  Text is copied.  A NULL text binds SQL NULL.  These fail
 * only on programming errors (bad index), which assert in debug builds. */
void db_bind_text(db_stmt *s, int i, const char *text);
void db_bind_int(db_stmt *s, int i, int64_t v);
void db_bind_double(db_stmt *s, int i, double v);
void db_bind_null(db_stmt *s, int i);

/*
 * db_step: run s to its next row.  Sets *row to true when a row is ready, false when the
 * statement is done.  On failure returns RG_DB with SQLite's message alone in e (callers
 * add the context: file, line, point) and leaves *row false; db_constraint_failed() then
 * tells whether a constraint was violated.  A lock held by another connection past the
 * wait (db_set_wait) gives the busy message instead, which names the database file.
 */
rg_status db_step(db_stmt *s, bool *row, rg_err *e);

/* db_constraint_failed: whether the last failed step of s violated a constraint. */
bool db_constraint_failed(const db_stmt *s);

/* Columns of the current row (0-based).  Text is valid until the next step or reset;
 * db_col_text returns NULL for SQL NULL. */
int db_col_count(db_stmt *s);
const char *db_col_name(db_stmt *s, int i);
db_type db_col_type(db_stmt *s, int i);
const char *db_col_text(db_stmt *s, int i);
int64_t db_col_int(db_stmt *s, int i);
double db_col_double(db_stmt *s, int i);

/* db_last_rowid: the rowid of the last row inserted through d. */
int64_t db_last_rowid(db *d);

/* The kind of constraint a failed step violated: lets a caller tell a mistake in the data
 * it was given (an unknown code, a repeated key, a refused value) from a storage failure. */
typedef enum {
	DB_CONSTRAINT_NONE,        /* no constraint: I/O, full disk, lock, or no failure */
	DB_CONSTRAINT_FOREIGN_KEY, /* a REFERENCES target is missing */
	DB_CONSTRAINT_UNIQUE,      /* a UNIQUE or PRIMARY KEY value is repeated */
	DB_CONSTRAINT_CHECK,       /* a CHECK expression is false */
	DB_CONSTRAINT_OTHER        /* NOT NULL, a trigger's RAISE(), or another constraint */
} db_constraint;

/*
 * db_constraint_kind: which kind of constraint the last failed step of s violated
 * (DB_CONSTRAINT_NONE when it failed for another reason).  A trigger's RAISE(ABORT, ...)
 * is DB_CONSTRAINT_OTHER, whatever its message says.  Meaningful only after db_step()
 * failed on s.
 */
db_constraint db_constraint_kind(const db_stmt *s);

#endif
