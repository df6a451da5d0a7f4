/*
 * db.c: the database layer's front: picks the storage engine from the database's name (a
 * file: SQLite; a postgresql:// URI or a libpq conninfo: PostgreSQL), keeps the settings
 * every engine shares (--wait), and forwards each call to the engine of the connection or
 * statement it is given.
 * Depends on db_impl.h, status.h and i18n.h.
 */
#include "db_impl.h"

#include <assert.h>
#include <string.h>

#include "i18n.h"

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

rg_status db_gave_up(const char *name, rg_err *e)
{
	return err_set(e, RG_DB, "%s: the database is busy (another riskgrade is writing); gave "
		       "up after %g s (--wait)", name, wait_seconds);
}

rg_status db_check_version(const char *name, int version, rg_err *e)
{
	if (version < db_migration_count)
		return err_set(e, RG_DB, "%s: schema version %d is older than this riskgrade's "
			       "(%d): run riskgrade init %s to upgrade it", name, version,
			       db_migration_count, name);
	if (version > db_migration_count)
		return err_set(e, RG_DB, "%s: schema version %d is newer than this riskgrade's (%d)",
			       name, version, db_migration_count);
	return RG_OK;
}

rg_status db_not_ours(const char *name, long n, const char *found, rg_err *e)
{
	return err_set(e, RG_DB,
		       ngettext("%s: not a riskgrade database: it has no riskgrade schema version "
				"but holds %ld object of its own (%s%s); init creates a new database "
				"or upgrades a riskgrade one, and has left this file as it was",
				"%s: not a riskgrade database: it has no riskgrade schema version "
				"but holds %ld objects of its own (%s%s); init creates a new database "
				"or upgrades a riskgrade one, and has left this file as it was", n),
		       name, n, found, n > 5 ? ", ..." : "");
}

bool db_is_pg(const char *name)
{
	return strncmp(name, "postgresql://", 13) == 0 || strncmp(name, "postgres://", 11) == 0 ||
	       strchr(name, '=') != NULL;
}

static const db_engine *engine_for(const char *name)
{
	return db_is_pg(name) ? &db_pg_engine : &db_sqlite_engine;
}

rg_status db_init(const char *name, int *applied, rg_err *e)
{
	return engine_for(name)->init(name, applied, e);
}

rg_status db_open(const char *name, db **out, rg_err *e)
{
	return engine_for(name)->open(name, out, e);
}

rg_status db_open_reader(const char *name, db **out, rg_err *e)
{
	rg_status st = db_open(name, out, e);

	/* SQLite's default build caps mmap_size at 0x7fff0000; PostgreSQL's dialect drops
	 * every PRAGMA */
	if (st == RG_OK && (st = db_exec(*out, "PRAGMA mmap_size = 2147418112", e)) != RG_OK) {
		db_close(*out);
		*out = NULL;
	}
	return st;
}

void db_close(db *d)
{
	if (d != NULL)
		d->engine->close(d);
}

rg_status db_exec(db *d, const char *sql, rg_err *e)
{
	return d->engine->exec(d, sql, e);
}

rg_status db_begin(db *d, rg_err *e)
{
	return d->engine->begin(d, e);
}

rg_status db_commit(db *d, rg_err *e)
{
	return d->engine->commit(d, e);
}

void db_rollback(db *d)
{
	d->engine->rollback(d);
}

void db_set_statement_rollback(db *d, bool on)
{
	if (d->engine->statement_rollback != NULL)
		d->engine->statement_rollback(d, on);
}

rg_status db_latest(db *d, db **reader, rg_err *e)
{
	if (d->engine->latest == NULL) {
		*reader = d;
		return RG_OK;
	}
	return d->engine->latest(d, reader, e);
}

rg_status db_prepare(db *d, const char *sql, db_stmt **out, rg_err *e)
{
	return d->engine->prepare(d, sql, out, e);
}

void db_finalize(db_stmt *s)
{
	if (s != NULL)
		s->engine->finalize(s);
}

void db_reset(db_stmt *s)
{
	s->engine->reset(s);
}

void db_stream(db_stmt *s)
{
	if (s->engine->stream != NULL)
		s->engine->stream(s);
}

void db_batch(db_stmt *s)
{
	if (s->engine->batch != NULL)
		s->engine->batch(s);
}

void db_bind_text(db_stmt *s, int i, const char *text)
{
	s->engine->bind_text(s, i, text);
}

void db_bind_int(db_stmt *s, int i, int64_t v)
{
	s->engine->bind_int(s, i, v);
}

void db_bind_double(db_stmt *s, int i, double v)
{
	s->engine->bind_double(s, i, v);
}

void db_bind_null(db_stmt *s, int i)
{
	s->engine->bind_null(s, i);
}

rg_status db_step(db_stmt *s, bool *row, rg_err *e)
{
	return s->engine->step(s, row, e);
}

bool db_constraint_failed(const db_stmt *s)
{
	return s->engine->constraint_kind(s) != DB_CONSTRAINT_NONE;
}

db_constraint db_constraint_kind(const db_stmt *s)
{
	return s->engine->constraint_kind(s);
}

int db_col_count(db_stmt *s)
{
	return s->engine->col_count(s);
}

const char *db_col_name(db_stmt *s, int i)
{
	return s->engine->col_name(s, i);
}

db_type db_col_type(db_stmt *s, int i)
{
	return s->engine->col_type(s, i);
}

const char *db_col_text(db_stmt *s, int i)
{
	return s->engine->col_text(s, i);
}

int64_t db_col_int(db_stmt *s, int i)
{
	return s->engine->col_int(s, i);
}

double db_col_double(db_stmt *s, int i)
{
	return s->engine->col_double(s, i);
}

int64_t db_last_rowid(db *d)
{
	return d->engine->last_rowid(d);
}
