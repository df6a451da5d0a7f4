/*
 * db.c: SQLite behind our own types.  Migrations come from the files schemas/NNN_name.sql, embedded at
 * build time (see the Makefile) as db_migrations[].
 * Depends on SQLite, status.h and i18n.h.
 */
#include "db.h"

#include <assert.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/stat.h>

#include "i18n.h"

/* Generated from schemas/NNN_*.sql, in order (build/migrations.c). */
extern const char *const db_migrations[];
extern const int db_migration_count;

struct db {
	sqlite3 *conn;     /* the open connection */
	const char *path;  /* file name for messages; not owned */
};

struct db_stmt {
	sqlite3_stmt *stmt; /* the compiled statement */
	db *owner;          /* connection it belongs to */
	int last_rc;        /* extended result code of the last failed step */
};

/* How long connections wait for another's lock, in seconds (db_set_wait). */
static double wait_seconds = DB_WAIT_DEFAULT;

int db_schema_version(void)
{
	return db_migration_count;
}

void db_set_wait(double seconds)
{
	assert(seconds >= 0 && seconds <= DB_WAIT_MAX);
	wait_seconds = seconds;
}

double db_wait(void)
{
	return wait_seconds;
}

/* Whether the last failure on conn was another connection's lock, waited for in vain. */
static bool busy(sqlite3 *conn)
{
	return (sqlite3_extended_errcode(conn) & 0xff) == SQLITE_BUSY;
}

/* The one message for a lock that was not released within the wait. */
static rg_status gave_up(const char *path, rg_err *e)
{
	return err_set(e, RG_DB, "%s: the database is busy (another riskgrade is writing); gave "
		       "up after %g s (--wait)", path, wait_seconds);
}

static rg_status fail(db *d, rg_err *e, const char *what)
{
	if (busy(d->conn))
		return gave_up(d->path, e);
	return err_set(e, RG_DB, "%s: %s: %s", d->path, what, sqlite3_errmsg(d->conn));
}

static rg_status user_version(db *d, int *version, rg_err *e)
{
	sqlite3_stmt *s = NULL;
	rg_status st = RG_OK;

	if (sqlite3_prepare_v2(d->conn, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW) {
		st = busy(d->conn) ? gave_up(d->path, e)
			: err_set(e, RG_DB, "%s: not a riskgrade database (%s)", d->path,
				  sqlite3_errmsg(d->conn));
		goto out;
	}
	*version = sqlite3_column_int(s, 0);
out:
	sqlite3_finalize(s);
	return st;
}

static rg_status connect(const char *path, int flags, db **out, rg_err *e)
{
	db *d = sqlite3_malloc(sizeof *d);

	if (d == NULL)
		return err_set(e, RG_DB, "%s: out of memory", path);
	d->path = path;
	d->conn = NULL;
	if (sqlite3_open_v2(path, &d->conn, flags, NULL) != SQLITE_OK) {
		rg_status st = err_set(e, RG_DB, "%s: cannot open: %s", path,
				       d->conn ? sqlite3_errmsg(d->conn) : _("out of memory"));
		db_close(d);
		return st;
	}
	/* First of all, before any statement reads the file: wait for a writer's lock
	 * rather than fail at once. */
	sqlite3_busy_timeout(d->conn, (int)(wait_seconds * 1000 + 0.5));
	sqlite3_extended_result_codes(d->conn, 1);
	/* Foreign keys are the schema's integrity; the page cache is bounded so memory does
	 * not grow with the number of points. */
	if (sqlite3_exec(d->conn, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768;",
			 NULL, NULL, NULL) != SQLITE_OK) {
		rg_status st = sqlite3_errcode(d->conn) == SQLITE_NOTADB
			? err_set(e, RG_DB, "%s: not a riskgrade database (%s)", path,
				  sqlite3_errmsg(d->conn))
			: fail(d, e, _("cannot configure the connection"));
		db_close(d);
		return st;
	}
	*out = d;
	return RG_OK;
}

/*
 * A database without a schema version must be empty to become riskgrade's: refuse one
 * that holds anything (another program's file), naming what it holds, so that init
 * never adds riskgrade's tables to it.
 */
static rg_status check_empty(db *d, rg_err *e)
{
	sqlite3_stmt *s = NULL;
	char found[512] = "";
	size_t used = 0;
	long n = 0;
	int rc;
	rg_status st = RG_OK;

	if (sqlite3_prepare_v2(d->conn, "SELECT type, name FROM sqlite_schema WHERE name NOT LIKE"
			       " 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid", -1, &s, NULL) != SQLITE_OK) {
		st = fail(d, e, _("cannot read the schema"));
		goto out;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n++ < 5 && used < sizeof found)
			used += (size_t)snprintf(found + used, sizeof found - used, "%s%s \"%s\"",
						 used ? ", " : "", sqlite3_column_text(s, 0),
						 sqlite3_column_text(s, 1));
	}
	if (rc != SQLITE_DONE) {
		st = fail(d, e, _("cannot read the schema"));
		goto out;
	}
	if (n > 0)
		st = err_set(e, RG_DB,
			     ngettext("%s: not a riskgrade database: it has no riskgrade schema "
				      "version but holds %ld object of its own (%s%s); init creates "
				      "a new database or upgrades a riskgrade one, and has left this "
				      "file as it was",
				      "%s: not a riskgrade database: it has no riskgrade schema "
				      "version but holds %ld objects of its own (%s%s); init creates "
				      "a new database or upgrades a riskgrade one, and has left this "
				      "file as it was", n),
			     d->path, n, found, n > 5 ? ", ..." : "");
out:
	sqlite3_finalize(s);
	return st;
}

rg_status db_init(const char *path, int *applied, rg_err *e)
{
	db *d = NULL;
	int version = 0;
	rg_status st;

	*applied = 0;
	st = connect(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &d, e);
	if (st != RG_OK)
		return st;
	st = user_version(d, &version, e);
	if (st != RG_OK)
		goto out;
	if (version > db_migration_count) {
		st = err_set(e, RG_DB, "%s: schema version %d is newer than this riskgrade's (%d)",
			     path, version, db_migration_count);
		goto out;
	}
	if (version == db_migration_count)
		goto out;
	if (version == 0 && (st = check_empty(d, e)) != RG_OK)
		goto out;
	st = db_begin(d, e);
	if (st != RG_OK)
		goto out;
	for (int i = version; i < db_migration_count; i++) {
		char pragma[64];
		if (sqlite3_exec(d->conn, db_migrations[i], NULL, NULL, NULL) != SQLITE_OK) {
			st = err_set(e, RG_DB, "%s: migration %d failed: %s", path, i + 1,
				     sqlite3_errmsg(d->conn));
			db_rollback(d);
			goto out;
		}
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", i + 1);
		st = db_exec(d, pragma, e);
		if (st != RG_OK) {
			db_rollback(d);
			goto out;
		}
	}
	st = db_commit(d, e);
	if (st == RG_OK)
		*applied = db_migration_count - version;
out:
	db_close(d);
	return st;
}

/* Open path with flags and check that its schema is this build's. */
static rg_status open_checked(const char *path, int flags, db **out, rg_err *e)
{
	struct stat sb;
	db *d = NULL;
	int version = 0;
	rg_status st;

	/* SQLite would create an empty file for a typo; say so instead. */
	if (stat(path, &sb) != 0)
		return err_set(e, RG_DB, "%s: no such database (create it with: riskgrade init %s)",
			       path, path);
	st = connect(path, flags, &d, e);
	if (st != RG_OK)
		return st;
	st = user_version(d, &version, e);
	if (st == RG_OK && version == 0)
		st = err_set(e, RG_DB, "%s: not a riskgrade database (create one with: riskgrade "
			     "init FILE)", path);
	else if (st == RG_OK && version < db_migration_count)
		st = err_set(e, RG_DB, "%s: schema version %d is older than this riskgrade's (%d): "
			     "run riskgrade init %s to upgrade it", path, version,
			     db_migration_count, path);
	else if (st == RG_OK && version > db_migration_count)
		st = err_set(e, RG_DB, "%s: schema version %d is newer than this riskgrade's (%d)",
			     path, version, db_migration_count);
	if (st != RG_OK) {
		db_close(d);
		return st;
	}
	*out = d;
	return RG_OK;
}

rg_status db_open(const char *path, db **out, rg_err *e)
{
	return open_checked(path, SQLITE_OPEN_READWRITE, out, e);
}

void db_close(db *d)
{
	if (d == NULL)
		return;
	sqlite3_close(d->conn);
	sqlite3_free(d);
}

rg_status db_exec(db *d, const char *sql, rg_err *e)
{
	if (sqlite3_exec(d->conn, sql, NULL, NULL, NULL) != SQLITE_OK)
		return fail(d, e, _("statement failed"));
	return RG_OK;
}

rg_status db_begin(db *d, rg_err *e)
{
	if (sqlite3_exec(d->conn, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return fail(d, e, _("cannot start a transaction"));
	return RG_OK;
}

rg_status db_commit(db *d, rg_err *e)
{
	if (sqlite3_exec(d->conn, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		rg_status st = fail(d, e, _("cannot commit"));
		db_rollback(d);
		return st;
	}
	return RG_OK;
}

void db_rollback(db *d)
{
	if (!sqlite3_get_autocommit(d->conn))
		sqlite3_exec(d->conn, "ROLLBACK", NULL, NULL, NULL);
}

rg_status db_prepare(db *d, const char *sql, db_stmt **out, rg_err *e)
{
	db_stmt *s = sqlite3_malloc(sizeof *s);

	if (s == NULL)
		return err_set(e, RG_DB, "%s: out of memory", d->path);
	s->owner = d;
	s->last_rc = SQLITE_OK;
	if (sqlite3_prepare_v3(d->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->stmt, NULL) !=
	    SQLITE_OK) {
		rg_status st = fail(d, e, _("cannot prepare a statement"));
		sqlite3_free(s);
		return st;
	}
	*out = s;
	return RG_OK;
}

void db_finalize(db_stmt *s)
{
	if (s == NULL)
		return;
	sqlite3_finalize(s->stmt);
	sqlite3_free(s);
}

void db_reset(db_stmt *s)
{
	sqlite3_reset(s->stmt);
}

void db_bind_text(db_stmt *s, int i, const char *text)
{
	int rc = text ? sqlite3_bind_text(s->stmt, i, text, -1, SQLITE_TRANSIENT)
		      : sqlite3_bind_null(s->stmt, i);
	assert(rc == SQLITE_OK);
	(void)rc;
}

void db_bind_int(db_stmt *s, int i, int64_t v)
{
	int rc = sqlite3_bind_int64(s->stmt, i, v);
	assert(rc == SQLITE_OK);
	(void)rc;
}

void db_bind_double(db_stmt *s, int i, double v)
{
	int rc = sqlite3_bind_double(s->stmt, i, v);
	assert(rc == SQLITE_OK);
	(void)rc;
}

void db_bind_null(db_stmt *s, int i)
{
	int rc = sqlite3_bind_null(s->stmt, i);
	assert(rc == SQLITE_OK);
	(void)rc;
}

rg_status db_step(db_stmt *s, bool *row, rg_err *e)
{
	int rc = sqlite3_step(s->stmt);

	*row = false;
	if (rc == SQLITE_ROW) {
		*row = true;
		return RG_OK;
	}
	if (rc == SQLITE_DONE)
		return RG_OK;
	s->last_rc = sqlite3_extended_errcode(s->owner->conn);
	if (busy(s->owner->conn))
		gave_up(s->owner->path, e);
	else
		err_set(e, RG_DB, "%s", sqlite3_errmsg(s->owner->conn));
	sqlite3_reset(s->stmt);
	return RG_DB;
}

bool db_constraint_failed(const db_stmt *s)
{
	return (s->last_rc & 0xff) == SQLITE_CONSTRAINT;
}

int db_col_count(db_stmt *s)
{
	return sqlite3_column_count(s->stmt);
}

const char *db_col_name(db_stmt *s, int i)
{
	return sqlite3_column_name(s->stmt, i);
}

db_type db_col_type(db_stmt *s, int i)
{
	switch (sqlite3_column_type(s->stmt, i)) {
	case SQLITE_INTEGER: return DB_INT;
	case SQLITE_FLOAT:   return DB_REAL;
	case SQLITE_NULL:    return DB_NULL;
	default:             return DB_TEXT;
	}
}

const char *db_col_text(db_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s->stmt, i);
}

int64_t db_col_int(db_stmt *s, int i)
{
	return sqlite3_column_int64(s->stmt, i);
}

double db_col_double(db_stmt *s, int i)
{
	return sqlite3_column_double(s->stmt, i);
}

int64_t db_last_rowid(db *d)
{
	return sqlite3_last_insert_rowid(d->conn);
}

db_constraint db_constraint_kind(const db_stmt *s)
{
	switch (s->last_rc) {
	case SQLITE_CONSTRAINT_FOREIGNKEY: return DB_CONSTRAINT_FOREIGN_KEY;
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY: return DB_CONSTRAINT_UNIQUE;
	case SQLITE_CONSTRAINT_CHECK:      return DB_CONSTRAINT_CHECK;
	}
	return (s->last_rc & 0xff) == SQLITE_CONSTRAINT ? DB_CONSTRAINT_OTHER : DB_CONSTRAINT_NONE;
}
