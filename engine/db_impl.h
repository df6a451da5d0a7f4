/*
 * db_impl.h: what a storage engine behind db.h provides (private to db.c, db_sqlite.c and
 * db_pg.c).  db.c picks the engine from the database name (db_is_pg) and forwards every
 * call on a connection or statement to the engine that made it: each engine's connection
 * and statement structures begin with struct db and struct db_stmt below.
 * Depends on db.h.
 */
#ifndef RG_DB_IMPL_H
#define RG_DB_IMPL_H

#include "db.h"

typedef struct db_engine db_engine;

struct db {
	const db_engine *engine;
};

struct db_stmt {
	const db_engine *engine;
};

/* One storage engine.  Every function has the contract of its namesake in db.h; an
 * engine without a use for stream, batch or statement_rollback may leave them NULL (db.c
 * then does nothing), and without latest (db.c then reads d itself). */
struct db_engine {
	rg_status (*init)(const char *name, int *applied, rg_err *e);
	rg_status (*open)(const char *name, db **out, rg_err *e);
	void (*close)(db *d);
	rg_status (*exec)(db *d, const char *sql, rg_err *e);
	rg_status (*begin)(db *d, rg_err *e);
	rg_status (*commit)(db *d, rg_err *e);
	void (*rollback)(db *d);
	void (*statement_rollback)(db *d, bool on);
	rg_status (*prepare)(db *d, const char *sql, db_stmt **out, rg_err *e);
	void (*finalize)(db_stmt *s);
	void (*reset)(db_stmt *s);
	void (*stream)(db_stmt *s);
	void (*batch)(db_stmt *s);
	rg_status (*latest)(db *d, db **reader, rg_err *e);
	void (*bind_text)(db_stmt *s, int i, const char *text);
	void (*bind_int)(db_stmt *s, int i, int64_t v);
	void (*bind_double)(db_stmt *s, int i, double v);
	void (*bind_null)(db_stmt *s, int i);
	rg_status (*step)(db_stmt *s, bool *row, rg_err *e);
	db_constraint (*constraint_kind)(const db_stmt *s);
	int (*col_count)(db_stmt *s);
	const char *(*col_name)(db_stmt *s, int i);
	db_type (*col_type)(db_stmt *s, int i);
	const char *(*col_text)(db_stmt *s, int i);
	int64_t (*col_int)(db_stmt *s, int i);
	double (*col_double)(db_stmt *s, int i);
	int64_t (*last_rowid)(db *d);
};

/* The engines. */
extern const db_engine db_sqlite_engine;
extern const db_engine db_pg_engine;

/* The SQL migrations, generated from schemas/NNN_*.sql in order (build/migrations.c):
 * a database at schema version N has the first N applied. */
extern const char *const db_migrations[];
extern const int db_migration_count;

/* Whether an existing riskgrade database at schema version (> 0) can be opened by this
 * build: RG_DB naming name when it is older (run init) or newer. */
rg_status db_check_version(const char *name, int version, rg_err *e);

/* The refusal of init to take a database without riskgrade's schema that holds n objects
 * of its own (found names the first five). */
rg_status db_not_ours(const char *name, long n, const char *found, rg_err *e);

/* The busy message: the database name's lock was not released within db_wait(). */
rg_status db_gave_up(const char *name, rg_err *e);

#endif
