/*
 * db_sqlite.c: the SQLite engine behind db.h, the embedded default: a database is a file.
 * Its migrations are schemas/NNN_name.sql, embedded at build time (see the Makefile) as
 * db_migrations[]; PRAGMA user_version counts those applied.
 * Depends on SQLite, db_impl.h, status.h and i18n.h.
 */
#include "db_impl.h"

#include <assert.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/stat.h>

#include "i18n.h"

typedef struct lite {
	struct db base;    /* first: the engine */
	sqlite3 *conn;     /* the open connection */
	const char *path;  /* file name for messages; not owned */
} lite;

typedef struct lite_stmt {
	struct db_stmt base; /* first: the engine */
	sqlite3_stmt *stmt;  /* the compiled statement */
	lite *owner;         /* connection it belongs to */
	int last_rc;         /* extended result code of the last failed step */
} lite_stmt;

/* The engine's own structures behind the public handles. */
#define LITE(d) ((lite *)(d))
#define STMT(s) ((lite_stmt *)(s))

static void lite_close(db *h);
static rg_status lite_exec(db *h, const char *sql, rg_err *e);
static rg_status lite_begin(db *h, rg_err *e);
static rg_status lite_commit(db *h, rg_err *e);
static void lite_rollback(db *h);

/* Whether the last failure on conn was another connection's lock, waited for in vain. */
static bool busy(sqlite3 *conn)
{
	return (sqlite3_extended_errcode(conn) & 0xff) == SQLITE_BUSY;
}

static rg_status fail(lite *d, rg_err *e, const char *what)
{
	if (busy(d->conn))
		return db_gave_up(d->path, e);
	return err_set(e, RG_DB, "%s: %s: %s", d->path, what, sqlite3_errmsg(d->conn));
}

static rg_status user_version(lite *d, int *version, rg_err *e)
{
	sqlite3_stmt *s = NULL;
	rg_status st = RG_OK;

	if (sqlite3_prepare_v2(d->conn, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW) {
		st = busy(d->conn) ? db_gave_up(d->path, e)
			: err_set(e, RG_DB, "%s: not a riskgrade database (%s)", d->path,
				  sqlite3_errmsg(d->conn));
		goto out;
	}
	*version = sqlite3_column_int(s, 0);
out:
	sqlite3_finalize(s);
	return st;
}

/*
 * SQLite's settings for the whole process, made before it is first used (sqlite3_config
 * refuses them later): no memory statistics, which nothing reads and which took a global
 * lock on every allocation SQLite makes.  Connections are opened without a lock of their
 * own (SQLITE_OPEN_NOMUTEX, in connect()): each is only ever used by the thread that
 * opened it (the grading threads run Lua and never touch the database, pool.h), and the
 * thread that stores a run's results took and gave back that lock on every call into
 * SQLite.  Only the first connection configures.
 */
static void configure_sqlite(void)
{
	static bool done;

	if (!done) {
		int rc = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		assert(rc == SQLITE_OK); /* SQLite was not used before */
		(void)rc;
	}
	done = true;
}

static rg_status connect(const char *path, int flags, lite **out, rg_err *e)
{
	lite *d;

	configure_sqlite();
	if ((d = sqlite3_malloc(sizeof *d)) == NULL)
		return err_set(e, RG_DB, "%s: out of memory", path);
	d->base.engine = &db_sqlite_engine;
	d->path = path;
	d->conn = NULL;
	if (sqlite3_open_v2(path, &d->conn, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		rg_status st = err_set(e, RG_DB, "%s: cannot open: %s", path,
				       d->conn ? sqlite3_errmsg(d->conn) : _("out of memory"));
		lite_close(&d->base);
		return st;
	}
	/* First of all, before any statement reads the file: wait for a writer's lock
	 * rather than fail at once. */
	sqlite3_busy_timeout(d->conn, (int)(db_wait() * 1000 + 0.5));
	sqlite3_extended_result_codes(d->conn, 1);
	/* Foreign keys are the schema's integrity; the page cache is bounded so memory does
	 * not grow with the number of points. */
	if (sqlite3_exec(d->conn, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768;",
			 NULL, NULL, NULL) != SQLITE_OK) {
		rg_status st = sqlite3_errcode(d->conn) == SQLITE_NOTADB
			? err_set(e, RG_DB, "%s: not a riskgrade database (%s)", path,
				  sqlite3_errmsg(d->conn))
			: fail(d, e, _("cannot configure the connection"));
		lite_close(&d->base);
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
static rg_status check_empty(lite *d, rg_err *e)
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
		st = db_not_ours(d->path, n, found, e);
out:
	sqlite3_finalize(s);
	return st;
}

static rg_status lite_init(const char *path, int *applied, rg_err *e)
{
	lite *d = NULL;
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
	st = lite_begin(&d->base, e);
	if (st != RG_OK)
		goto out;
	for (int i = version; i < db_migration_count; i++) {
		char pragma[64];
		if (sqlite3_exec(d->conn, db_migrations[i], NULL, NULL, NULL) != SQLITE_OK) {
			st = err_set(e, RG_DB, "%s: migration %d failed: %s", path, i + 1,
				     sqlite3_errmsg(d->conn));
			lite_rollback(&d->base);
			goto out;
		}
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", i + 1);
		st = lite_exec(&d->base, pragma, e);
		if (st != RG_OK) {
			lite_rollback(&d->base);
			goto out;
		}
	}
	st = lite_commit(&d->base, e);
	if (st == RG_OK)
		*applied = db_migration_count - version;
out:
	lite_close(&d->base);
	return st;
}

/* Open path with flags and check that its schema is this build's. */
static rg_status open_checked(const char *path, int flags, db **out, rg_err *e)
{
	struct stat sb;
	lite *d = NULL;
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
	else if (st == RG_OK)
		st = db_check_version(path, version, e);
	if (st != RG_OK) {
		lite_close(&d->base);
		return st;
	}
	*out = &d->base;
	return RG_OK;
}

static rg_status lite_open(const char *path, db **out, rg_err *e)
{
	return open_checked(path, SQLITE_OPEN_READWRITE, out, e);
}

static void lite_close(db *h)
{
	lite *d = LITE(h);

	if (d == NULL)
		return;
	sqlite3_close(d->conn);
	sqlite3_free(d);
}

static rg_status lite_exec(db *h, const char *sql, rg_err *e)
{
	lite *d = LITE(h);

	if (sqlite3_exec(d->conn, sql, NULL, NULL, NULL) != SQLITE_OK)
		return fail(d, e, _("statement failed"));
	return RG_OK;
}

static rg_status lite_begin(db *h, rg_err *e)
{
	lite *d = LITE(h);

	if (sqlite3_exec(d->conn, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return fail(d, e, _("cannot start a transaction"));
	return RG_OK;
}

static rg_status lite_commit(db *h, rg_err *e)
{
	lite *d = LITE(h);

	if (sqlite3_exec(d->conn, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		rg_status st = fail(d, e, _("cannot commit"));
		lite_rollback(h);
		return st;
	}
	return RG_OK;
}

static void lite_rollback(db *h)
{
	lite *d = LITE(h);

	if (!sqlite3_get_autocommit(d->conn))
		sqlite3_exec(d->conn, "ROLLBACK", NULL, NULL, NULL);
}

static rg_status lite_prepare(db *h, const char *sql, db_stmt **out, rg_err *e)
{
	lite *d = LITE(h);
	lite_stmt *s = sqlite3_malloc(sizeof *s);

	if (s == NULL)
		return err_set(e, RG_DB, "%s: out of memory", d->path);
	s->base.engine = &db_sqlite_engine;
	s->owner = d;
	s->last_rc = SQLITE_OK;
	if (sqlite3_prepare_v3(d->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->stmt, NULL) !=
	    SQLITE_OK) {
		rg_status st = fail(d, e, _("cannot prepare a statement"));
		sqlite3_free(s);
		return st;
	}
	*out = &s->base;
	return RG_OK;
}

static void lite_finalize(db_stmt *h)
{
	lite_stmt *s = STMT(h);

	if (s == NULL)
		return;
	sqlite3_finalize(s->stmt);
	sqlite3_free(s);
}

static void lite_reset(db_stmt *s)
{
	sqlite3_reset(STMT(s)->stmt);
}

static void lite_bind_text(db_stmt *s, int i, const char *text)
{
	int rc = text ? sqlite3_bind_text(STMT(s)->stmt, i, text, -1, SQLITE_TRANSIENT)
		      : sqlite3_bind_null(STMT(s)->stmt, i);
	assert(rc == SQLITE_OK);
	(void)rc;
}

static void lite_bind_int(db_stmt *s, int i, int64_t v)
{
	int rc = sqlite3_bind_int64(STMT(s)->stmt, i, v);
	assert(rc == SQLITE_OK);
	(void)rc;
}

static void lite_bind_double(db_stmt *s, int i, double v)
{
	int rc = sqlite3_bind_double(STMT(s)->stmt, i, v);
	assert(rc == SQLITE_OK);
	(void)rc;
}

static void lite_bind_null(db_stmt *s, int i)
{
	int rc = sqlite3_bind_null(STMT(s)->stmt, i);
	assert(rc == SQLITE_OK);
	(void)rc;
}

static rg_status lite_step(db_stmt *h, bool *row, rg_err *e)
{
	lite_stmt *s = STMT(h);
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
		db_gave_up(s->owner->path, e);
	else
		err_set(e, RG_DB, "%s", sqlite3_errmsg(s->owner->conn));
	sqlite3_reset(s->stmt);
	return RG_DB;
}

static int lite_col_count(db_stmt *s)
{
	return sqlite3_column_count(STMT(s)->stmt);
}

static const char *lite_col_name(db_stmt *s, int i)
{
	return sqlite3_column_name(STMT(s)->stmt, i);
}

static db_type lite_col_type(db_stmt *s, int i)
{
	switch (sqlite3_column_type(STMT(s)->stmt, i)) {
	case SQLITE_INTEGER: return DB_INT;
	case SQLITE_FLOAT:   return DB_REAL;
	case SQLITE_NULL:    return DB_NULL;
	default:             return DB_TEXT;
	}
}

static const char *lite_col_text(db_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(STMT(s)->stmt, i);
}

static int64_t lite_col_int(db_stmt *s, int i)
{
	return sqlite3_column_int64(STMT(s)->stmt, i);
}

static double lite_col_double(db_stmt *s, int i)
{
	return sqlite3_column_double(STMT(s)->stmt, i);
}

static int64_t lite_last_rowid(db *d)
{
	return sqlite3_last_insert_rowid(LITE(d)->conn);
}

static db_constraint lite_constraint_kind(const db_stmt *h)
{
	const lite_stmt *s = (const lite_stmt *)h;

	switch (s->last_rc) {
	case SQLITE_CONSTRAINT_FOREIGNKEY: return DB_CONSTRAINT_FOREIGN_KEY;
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY: return DB_CONSTRAINT_UNIQUE;
	case SQLITE_CONSTRAINT_CHECK:      return DB_CONSTRAINT_CHECK;
	}
	return (s->last_rc & 0xff) == SQLITE_CONSTRAINT ? DB_CONSTRAINT_OTHER : DB_CONSTRAINT_NONE;
}

const db_engine db_sqlite_engine = {
	.init = lite_init,
	.open = lite_open,
	.close = lite_close,
	.exec = lite_exec,
	.begin = lite_begin,
	.commit = lite_commit,
	.rollback = lite_rollback,
	.prepare = lite_prepare,
	.finalize = lite_finalize,
	.reset = lite_reset,
	.bind_text = lite_bind_text,
	.bind_int = lite_bind_int,
	.bind_double = lite_bind_double,
	.bind_null = lite_bind_null,
	.step = lite_step,
	.constraint_kind = lite_constraint_kind,
	.col_count = lite_col_count,
	.col_name = lite_col_name,
	.col_type = lite_col_type,
	.col_text = lite_col_text,
	.col_int = lite_col_int,
	.col_double = lite_col_double,
	.last_rowid = lite_last_rowid,
};
