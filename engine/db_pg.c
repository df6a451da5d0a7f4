/*
 * db_pg.c: the PostgreSQL engine behind db.h, through libpq.  A database is named by a
 * postgresql:// URI or a conninfo string.  The engine's SQL is written for SQLite; here
 * its parameters ?N (and ?) become $N, and the schema (schemas/pg/, embedded as
 * db_pg_schema[]) gives PostgreSQL the SQLite functions and catalog views the SQL uses.
 * The schema starts whole at PG_BASE_VERSION, then takes the PostgreSQL form of each later
 * migration; its version is recorded in the table schema_version.
 * SQLite keeps a transaction going when one statement in it fails; PostgreSQL aborts the
 * transaction, so where a caller needs SQLite's way (db_set_statement_rollback: an import)
 * a statement that writes inside one runs under a savepoint, and a refused row costs only
 * that row.  Errors are worded as SQLite words them
 * ("UNIQUE constraint failed: points.code"), so callers and messages are the same.
 * For a run's volume: a streamed statement (db_stream) reads through a server-side cursor
 * in batches; a batched INSERT (db_batch) queues its rows, written with COPY before any
 * statement that names its table and at the commit; the audit log's writers take an
 * advisory lock and read its end through a second connection (db_latest).
 * Depends on libpq, db_impl.h, dialect.h, status.h and i18n.h.
 */
#include "db_impl.h"

#include <assert.h>
#include <ctype.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dialect.h"
#include "i18n.h"

/* The PostgreSQL schema, embedded from schemas/pg/ (build/migrations_pg.c): the whole
 * schema at PG_BASE_VERSION with the SQLite compatibility functions; the PostgreSQL form
 * of each later migration, one per schema version from PG_BASE_VERSION + 1 on; and the
 * roles and policies, applied again after any of them. */
extern const char *const db_pg_schema[];
extern const int db_pg_schema_count;
extern const char *const db_pg_migrations[];
extern const int db_pg_migration_count;
extern const char *const db_pg_roles[];
extern const int db_pg_role_count;

/* The schema version schemas/pg/000_base.sql creates: SQLite's migrations 001..008. */
#define PG_BASE_VERSION 6

/* How many rows a streamed statement's cursor gives at a time (db_stream). */
#define STREAM_BATCH 2000

/* How many bytes of batched rows wait, at most, before they are written (db_batch). */
#define BATCH_BYTES (4 << 20)

/* PostgreSQL's type OIDs (pg_type.dat) of the columns read as numbers. */
enum { OID_BOOL = 16, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23, OID_TEXT = 25, OID_OID = 26,
       OID_FLOAT4 = 700, OID_FLOAT8 = 701, OID_NUMERIC = 1700 };

typedef struct pg_stmt pg_stmt;

typedef struct pg {
	struct db base;    /* first: the engine */
	PGconn *conn;      /* the open connection */
	char name[256];    /* the database's name for messages, password hidden */
	const char *target; /* the name as given, to connect again (not owned) */
	struct pg *reader; /* a second connection, reading what is committed (db_latest) */
	long next;         /* number of the next prepared statement */
	bool guard;        /* a savepoint around each write in a transaction (see db.h) */
	bool numbered;     /* a row got a number from an identity here: lastval() is set */
	pg_stmt *pending;  /* the batched statements with rows waiting, first used first */
	size_t pending_bytes; /* how many bytes of rows wait, all statements together */
} pg;

struct pg_stmt {
	struct db_stmt base;  /* first: the engine */
	pg *owner;            /* connection it belongs to */
	char id[24];          /* the prepared statement's name on the server */
	char *sql;            /* the statement with $N parameters; owned */
	bool writes;          /* INSERT, UPDATE, DELETE: under a savepoint in a transaction */
	bool prepared;        /* prepared on the server (types known) */
	int nparams;          /* highest parameter number */
	char **values;        /* bound values as text, NULL for SQL NULL; owned */
	unsigned *types;      /* the type of each bound value, 0: let the server infer */
	PGresult *desc;       /* the columns, from the server's description */
	PGresult *res;        /* the current execution's rows, NULL before the first step */
	int row;              /* the current row of res */
	bool stream;          /* read in batches from a cursor (db_stream) */
	bool cursor_open;     /* the cursor of this execution is open on the server */
	db_constraint kind;   /* the constraint the last failed step violated */
	bool numbers;         /* an INSERT into a table with an identity column */
	char (*texts)[32];    /* the current row's numbers with a fraction, as SQLite writes
			       * a REAL */
	int ntexts;           /* how many columns texts has room for */
	char *copy;           /* batched (db_batch): "COPY table (columns) FROM STDIN" */
	char table[64];       /* the table it writes */
	int *param;           /* the parameter (0-based) of each of the COPY's columns */
	int ncopy;            /* how many columns */
	char *rows;           /* its rows waiting, in COPY's text format */
	size_t len, cap;      /* their length, the room for them */
	pg_stmt *next_pending; /* the next batched statement with rows waiting */
};

#define PG(d) ((pg *)(d))
#define STMT(s) ((pg_stmt *)(s))

static rg_status flush(pg *d, rg_err *e);
static void discard(pg *d);
static bool numbers_rows(pg_stmt *s);

/*
 * The name shown in messages: name itself, but a password in it (a URI's user:secret@ or
 * a conninfo's password=secret) shown as ***, so errors never print it.
 */
static void display_name(const char *name, char *out, size_t size)
{
	const char *pw = strstr(name, "password=");
	const char *scheme = strstr(name, "://");
	const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
	const char *colon = at ? memchr(scheme + 3, ':', (size_t)(at - scheme - 3)) : NULL;

	if (colon != NULL)
		snprintf(out, size, "%.*s***%s", (int)(colon + 1 - name), name, at);
	else if (pw != NULL)
		snprintf(out, size, "%.*s***%s", (int)(pw + 9 - name), name,
			 pw + 9 + strcspn(pw + 9, " &"));
	else
		snprintf(out, size, "%s", name);
}

/* The part of a qualified UNIQUE or NOT NULL message after the table: from the error's
 * detail "Key (a, b)=(...) already exists." the columns, as "t.a, t.b". */
static void key_columns(const PGresult *r, char *out, size_t size)
{
	const char *table = PQresultErrorField(r, PG_DIAG_TABLE_NAME);
	const char *detail = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL);
	const char *p = detail ? strstr(detail, "Key (") : NULL;
	size_t used = 0;

	out[0] = '\0';
	if (table == NULL || p == NULL)
		return;
	p += 5;
	while (*p != '\0' && *p != ')' && used < size) {
		size_t n = strcspn(p, ",)");
		used += (size_t)snprintf(out + used, size - used, "%s%s.%.*s", used ? ", " : "",
					 table, (int)n, p);
		p += n;
		if (*p == ',')
			p += strspn(p, ", ");
	}
}

/*
 * The failure of r in SQLite's words where a caller or a test reads them: the kind of
 * constraint into *kind, the message into e (alone, as db_step promises), or the busy
 * message for a lock waited for in vain.
 */
static rg_status failed(pg *d, const PGresult *r, db_constraint *kind, rg_err *e)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *constraint = r ? PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME) : NULL;
	const char *column = r ? PQresultErrorField(r, PG_DIAG_COLUMN_NAME) : NULL;
	const char *table = r ? PQresultErrorField(r, PG_DIAG_TABLE_NAME) : NULL;
	char cols[256], said[512];

	*kind = DB_CONSTRAINT_NONE;
	if (state == NULL)
		return err_set(e, RG_DB, "%s", primary ? primary : PQerrorMessage(d->conn));
	/* SQLite's own words, untranslated, as SQLite gives them. */
	if (strcmp(state, "23505") == 0) {
		*kind = DB_CONSTRAINT_UNIQUE;
		key_columns(r, cols, sizeof cols);
		snprintf(said, sizeof said, "UNIQUE constraint failed: %s", cols);
	} else if (strcmp(state, "23503") == 0) {
		*kind = DB_CONSTRAINT_FOREIGN_KEY;
		snprintf(said, sizeof said, "FOREIGN KEY constraint failed");
	} else if (strcmp(state, "23514") == 0) {
		*kind = DB_CONSTRAINT_CHECK;
		snprintf(said, sizeof said, "CHECK constraint failed: %s",
			 constraint ? constraint : "");
	} else if (strcmp(state, "23502") == 0) {
		*kind = DB_CONSTRAINT_OTHER;
		snprintf(said, sizeof said, "NOT NULL constraint failed: %s.%s",
			 table ? table : "", column ? column : "");
	}
	if (*kind != DB_CONSTRAINT_NONE)
		return err_set(e, RG_DB, "%s", said);
	if ((strcmp(state, "42P01") == 0 || strcmp(state, "42703") == 0) && primary != NULL &&
	    strchr(primary, '"') != NULL) {
		/* relation "x" does not exist, column "x" does not exist */
		const char *name = strchr(primary, '"') + 1;
		snprintf(said, sizeof said, "no such %s: %.*s", state[2] == 'P' ? "table" : "column",
			 (int)strcspn(name, "\""), name);
		return err_set(e, RG_DB, "%s", said);
	}
	if (strcmp(state, "P0001") == 0) {  /* a trigger's RAISE EXCEPTION: SQLite's RAISE() */
		*kind = DB_CONSTRAINT_OTHER;
		return err_set(e, RG_DB, "%s", primary);
	}
	if (strcmp(state, "55P03") == 0)    /* lock_timeout: another client's lock */
		return db_gave_up(d->name, e);
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0)
		return err_set(e, RG_DB, "%s: another client changed the same record at the same "
			       "time (%s); nothing was written: run the command again", d->name,
			       primary);
	return err_set(e, RG_DB, "%s", primary ? primary : PQerrorMessage(d->conn));
}

/* A failure of the connection or of a statement of riskgrade's own, with what was done. */
static rg_status fail(pg *d, const PGresult *r, const char *what, rg_err *e)
{
	db_constraint kind;
	rg_err inner;
	rg_status st = failed(d, r, &kind, &inner);

	if (strstr(inner.msg, d->name) == inner.msg)  /* busy, conflict: already named */
		return err_set(e, st, "%s", inner.msg);
	return err_set(e, st, "%s: %s: %s", d->name, what, inner.msg);
}

/* Run sql, which returns no rows or rows nobody reads; RG_DB with what on failure. */
static rg_status run(pg *d, const char *sql, const char *what, rg_err *e)
{
	PGresult *r = PQexec(d->conn, sql);
	ExecStatusType t = PQresultStatus(r);
	rg_status st = RG_OK;

	if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK && t != PGRES_EMPTY_QUERY)
		st = fail(d, r, what, e);
	PQclear(r);
	return st;
}

/* The server's notices (a NOTICE from a migration's DROP ... IF EXISTS) are not ours. */
static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* Connect to name with libpq, overriding its database with dbname if not NULL. */
static PGconn *dial(const char *name, const char *dbname)
{
	const char *keys[] = { "dbname", "dbname", "fallback_application_name", NULL };
	const char *vals[] = { name, dbname, "riskgrade", NULL };

	if (dbname == NULL) {
		keys[1] = "fallback_application_name";
		vals[1] = "riskgrade";
		keys[2] = NULL;
		vals[2] = NULL;
	}
	return PQconnectdbParams(keys, vals, 1);
}

/* Open a connection to name; create the database first when create is set and it does
 * not exist (as init creates an SQLite file). */
static rg_status connect(const char *name, bool create, pg **out, rg_err *e)
{
	pg *d = calloc(1, sizeof *d);
	char wait[64];

	if (d == NULL)
		return err_set(e, RG_DB, "%s: out of memory", name);
	d->base.engine = &db_pg_engine;
	d->target = name;
	display_name(name, d->name, sizeof d->name);
	d->conn = dial(name, NULL);
	if (PQstatus(d->conn) != CONNECTION_OK && create && d->conn != NULL &&
	    strstr(PQerrorMessage(d->conn), "does not exist") != NULL) {
		/* CREATE DATABASE from the server's maintenance database. */
		PQconninfoOption *opts = PQconninfoParse(name, NULL);
		const char *dbname = NULL;
		for (PQconninfoOption *o = opts; o != NULL && o->keyword != NULL; o++)
			if (strcmp(o->keyword, "dbname") == 0)
				dbname = o->val;
		if (dbname != NULL) {
			PGconn *admin = dial(name, "postgres");
			char *ident = PQstatus(admin) == CONNECTION_OK
				? PQescapeIdentifier(admin, dbname, strlen(dbname)) : NULL;
			char sql[600];
			if (ident != NULL) {
				snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE template0 "
					 "ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'", ident);
				PQclear(PQexec(admin, sql));
				PQfreemem(ident);
				PQfinish(d->conn);
				d->conn = dial(name, NULL);
			}
			PQfinish(admin);
		}
		PQconninfoFree(opts);
	}
	if (d->conn == NULL || PQstatus(d->conn) != CONNECTION_OK) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s", d->conn ? PQerrorMessage(d->conn) : "out of memory");
		msg[strcspn(msg, "\n")] = '\0';
		rg_status st = err_set(e, RG_DB, "%s: cannot connect: %s", d->name, msg);
		PQfinish(d->conn);
		free(d);
		return st;
	}
	PQsetNoticeProcessor(d->conn, quiet, NULL);
	/* Wait for another client's lock as long as --wait says (0: not at all, which
	 * PostgreSQL spells as 1 ms: its 0 means for ever); dates and text as SQLite's. */
	snprintf(wait, sizeof wait, "SET lock_timeout = %ld",
		 (long)(db_wait() * 1000 + 0.5) + (db_wait() == 0));
	if (run(d, wait, _("cannot configure the connection"), e) != RG_OK ||
	    run(d, "SET client_encoding = 'UTF8'; SET DateStyle = 'ISO'; SET client_min_messages"
		" = warning", _("cannot configure the connection"), e) != RG_OK) {
		PQfinish(d->conn);
		free(d);
		return RG_DB;
	}
	*out = d;
	return RG_OK;
}

static void pg_close(db *h)
{
	pg *d = PG(h);

	if (d == NULL)
		return;
	if (d->reader != NULL)
		pg_close(&d->reader->base);
	PQfinish(d->conn);
	free(d);
}

/* The advisory lock every writer of the audit log takes (db_latest), by its number. */
#define AUDIT_LOCK_SQL "SELECT pg_advisory_xact_lock(7461390)"

/*
 * db_latest on PostgreSQL: a transaction sees the database as it was when it began, so
 * the log's last entry another client committed since is not in its sight.  The writers
 * of the log take one advisory lock in turn, held to their commit, and read the log's
 * end through a second connection, which sees what is committed: the chain stays one.
 */
static rg_status pg_latest(db *h, db **reader, rg_err *e)
{
	pg *d = PG(h);

	if (d->pending != NULL && flush(d, e) != RG_OK)
		return RG_DB;
	if (PQtransactionStatus(d->conn) == PQTRANS_INTRANS &&
	    run(d, AUDIT_LOCK_SQL, _("cannot append to the audit log"), e) != RG_OK)
		return RG_DB;
	if (d->reader == NULL && connect(d->target, false, &d->reader, e) != RG_OK)
		return RG_DB;
	*reader = &d->reader->base;
	return RG_OK;
}

/* The schema version recorded in the database (0: none, a database without riskgrade's
 * schema). */
static rg_status schema_version(pg *d, int *version, rg_err *e)
{
	PGresult *r = PQexec(d->conn, "SELECT to_regclass('schema_version') IS NOT NULL");
	rg_status st = RG_OK;

	*version = 0;
	if (PQresultStatus(r) == PGRES_TUPLES_OK && strcmp(PQgetvalue(r, 0, 0), "t") == 0) {
		PQclear(r);
		r = PQexec(d->conn, "SELECT max(version) FROM schema_version");
	} else if (PQresultStatus(r) == PGRES_TUPLES_OK) {
		PQclear(r);
		return RG_OK;
	}
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		st = fail(d, r, _("cannot read the schema"), e);
	} else if (PQntuples(r) == 1 && !PQgetisnull(r, 0, 0)) {
		/* An empty table is a database whose init never committed: none. */
		*version = atoi(PQgetvalue(r, 0, 0));
	}
	PQclear(r);
	return st;
}

/* A database without riskgrade's schema must hold no table, view or sequence of its own
 * in the schema riskgrade would use: refuse one that does, naming what it holds. */
static rg_status check_empty(pg *d, rg_err *e)
{
	PGresult *r = PQexec(d->conn, "SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'S' THEN"
			     " 'sequence' ELSE 'table' END, c.relname FROM pg_class c"
			     " WHERE c.relnamespace = current_schema()::regnamespace"
			     " AND c.relkind IN ('r', 'v', 'S', 'p', 'm') ORDER BY c.oid");
	char found[512] = "";
	size_t used = 0;
	long n;
	rg_status st = RG_OK;

	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		st = fail(d, r, _("cannot read the schema"), e);
		goto out;
	}
	n = PQntuples(r);
	for (int i = 0; i < n && i < 5 && used < sizeof found; i++)
		used += (size_t)snprintf(found + used, sizeof found - used, "%s%s \"%s\"",
					 used ? ", " : "", PQgetvalue(r, i, 0), PQgetvalue(r, i, 1));
	if (n > 0)
		st = db_not_ours(d->name, n, found, e);
out:
	PQclear(r);
	return st;
}

/* Run the n parts of the schema at parts[] in the transaction open on d.  A failure is
 * reported with fmt (marked N_): the database's name, the part's number counted from
 * first, and the server's message. */
static rg_status apply(pg *d, const char *const parts[], int n, const char *fmt, int first,
		       rg_err *e)
{
	for (int i = 0; i < n; i++) {
		PGresult *r = PQexec(d->conn, parts[i]);
		if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
			db_constraint kind;
			rg_err inner;
			failed(d, r, &kind, &inner);
			PQclear(r);
			return err_set(e, RG_DB, fmt, d->name, first + i, inner.msg);
		}
		PQclear(r);
	}
	return RG_OK;
}

/* Bring the schema of d, at version (0: an empty database), up to db_migration_count in
 * the transaction open on d: the whole schema at PG_BASE_VERSION first if empty (the
 * table of the schema version first of all, so that roles.sql lets every role read it),
 * then each later migration, then the roles and policies again. */
static rg_status create_schema(pg *d, int version, rg_err *e)
{
	char sql[128];

	if (version == 0) {
		if (run(d, "CREATE TABLE schema_version (version integer NOT NULL)",
			_("cannot record the schema version"), e) != RG_OK ||
		    apply(d, db_pg_schema, db_pg_schema_count,
			  N_("%s: the PostgreSQL schema (part %d) failed: %s"), 1, e) !=
			    RG_OK)
			return RG_DB;
		version = PG_BASE_VERSION;
	}
	if (apply(d, db_pg_migrations + (version - PG_BASE_VERSION),
		  db_migration_count - version,
		  N_("%s: the PostgreSQL form of migration %d failed: %s"), version + 1, e) !=
		    RG_OK ||
	    apply(d, db_pg_roles, db_pg_role_count,
		  N_("%s: the roles and policies (part %d) failed: %s"), 1, e) != RG_OK)
		return RG_DB;
	snprintf(sql, sizeof sql, "DELETE FROM schema_version; INSERT INTO schema_version "
		 "VALUES (%d)", db_migration_count);
	return run(d, sql, _("cannot record the schema version"), e);
}

/* Whether collation sorts UTF-8 text by its bytes (C.UTF-8 by code points: the same). */
static bool bytewise(const char *collation)
{
	static const char *const names[] = { "C", "POSIX", "C.UTF-8", "C.utf8", NULL };

	for (int i = 0; names[i] != NULL; i++)
		if (strcmp(collation, names[i]) == 0)
			return true;
	return false;
}

/* A new register needs a database that keeps UTF-8 and sorts text by its bytes, as an
 * SQLite file does: else lists would come out in another order than SQLite's. */
static rg_status check_collation(pg *d, rg_err *e)
{
	PGresult *r = PQexec(d->conn, "SELECT pg_encoding_to_char(encoding), datcollate FROM"
			     " pg_database WHERE datname = current_database()");
	rg_status st = RG_OK;

	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
		st = fail(d, r, _("cannot read the schema"), e);
	else if (strcmp(PQgetvalue(r, 0, 0), "UTF8") != 0 || !bytewise(PQgetvalue(r, 0, 1)))
		st = err_set(e, RG_DB, "%s: the database keeps %s and sorts text by %s; riskgrade "
			     "needs UTF8 sorted by bytes (C), as an SQLite file: let riskgrade init "
			     "create the database, or create it with: createdb --template=template0 "
			     "--encoding=UTF8 --locale=C NAME", d->name, PQgetvalue(r, 0, 0),
			     PQgetvalue(r, 0, 1));
	PQclear(r);
	return st;
}

static rg_status pg_begin(db *h, rg_err *e);
static rg_status pg_commit(db *h, rg_err *e);
static void pg_rollback(db *h);

static rg_status pg_init(const char *name, int *applied, rg_err *e)
{
	pg *d = NULL;
	int version = 0;
	rg_status st;

	*applied = 0;
	if ((st = connect(name, true, &d, e)) != RG_OK)
		return st;
	if ((st = schema_version(d, &version, e)) != RG_OK)
		goto out;
	if (version > db_migration_count) {
		st = err_set(e, RG_DB, "%s: schema version %d is newer than this riskgrade's (%d)",
			     d->name, version, db_migration_count);
		goto out;
	}
	if (version == db_migration_count)
		goto out;
	/* Each migration after the base comes with its PostgreSQL form. */
	if ((version != 0 && version < PG_BASE_VERSION) ||
	    PG_BASE_VERSION + db_pg_migration_count != db_migration_count) {
		st = err_set(e, RG_DB, "%s: schema version %d: this riskgrade has no PostgreSQL "
			     "form of migrations %d to %d", d->name, version,
			     version > PG_BASE_VERSION ? version + 1 : PG_BASE_VERSION + 1,
			     db_migration_count);
		goto out;
	}
	if ((version == 0 &&
	     ((st = check_empty(d, e)) != RG_OK || (st = check_collation(d, e)) != RG_OK)) ||
	    (st = pg_begin(&d->base, e)) != RG_OK)
		goto out;
	if ((st = create_schema(d, version, e)) != RG_OK) {
		pg_rollback(&d->base);
		goto out;
	}
	if ((st = pg_commit(&d->base, e)) == RG_OK)
		*applied = db_migration_count - version;
out:
	pg_close(&d->base);
	return st;
}

static rg_status pg_open(const char *name, db **out, rg_err *e)
{
	pg *d = NULL;
	int version = 0;
	rg_status st;

	if ((st = connect(name, false, &d, e)) != RG_OK)
		return st;
	st = schema_version(d, &version, e);
	if (st == RG_OK && version == 0)
		st = err_set(e, RG_DB, "%s: not a riskgrade database (create one with: riskgrade "
			     "init %s)", d->name, d->name);
	else if (st == RG_OK)
		st = db_check_version(d->name, version, e);
	if (st != RG_OK) {
		pg_close(&d->base);
		return st;
	}
	*out = &d->base;
	return RG_OK;
}

static void pg_statement_rollback(db *h, bool on)
{
	PG(h)->guard = on;
}

static rg_status pg_exec(db *h, const char *sql, rg_err *e)
{
	int params;
	char *said = dialect_pg(sql, &params);
	rg_status st;

	if (said == NULL)
		return err_set(e, RG_DB, "%s: out of memory", PG(h)->name);
	st = PG(h)->pending != NULL ? flush(PG(h), e) : RG_OK;
	if (st == RG_OK)
		st = run(PG(h), said, _("statement failed"), e);
	free(said);
	return st;
}

/* A run, an import, an approval sees one snapshot of the database from its first
 * statement to its commit; a write that clashes with another client's gives the
 * "changed at the same time" message and rolls back, instead of overwriting it. */
static rg_status pg_begin(db *h, rg_err *e)
{
	return run(PG(h), "BEGIN ISOLATION LEVEL REPEATABLE READ",
		   _("cannot start a transaction"), e);
}

static void pg_rollback(db *h)
{
	pg *d = PG(h);

	discard(d);
	if (PQtransactionStatus(d->conn) != PQTRANS_IDLE)
		PQclear(PQexec(d->conn, "ROLLBACK"));
}

static rg_status pg_commit(db *h, rg_err *e)
{
	pg *d = PG(h);
	PGresult *r;
	rg_status st = RG_OK;

	if (d->pending != NULL && flush(d, e) != RG_OK) {
		pg_rollback(h);
		return RG_DB;
	}
	r = PQexec(d->conn, "COMMIT");
	/* COMMIT of an aborted transaction "succeeds" as a ROLLBACK. */
	if (PQresultStatus(r) != PGRES_COMMAND_OK || strcmp(PQcmdStatus(r), "COMMIT") != 0)
		st = PQresultStatus(r) == PGRES_COMMAND_OK
			? err_set(e, RG_DB, "%s: %s: %s", d->name, _("cannot commit"),
				  "the transaction had failed")
			: fail(d, r, _("cannot commit"), e);
	PQclear(r);
	pg_rollback(h);
	return st;
}

/* Whether sql changes rows (its first word): such a statement runs under a savepoint
 * inside a transaction. */
static bool changes_rows(const char *sql)
{
	sql += strspn(sql, " \t\n");
	if (strncasecmp(sql, "WITH", 4) == 0)  /* WITH ... INSERT: a write after its queries */
		return strstr(sql, "INSERT") || strstr(sql, "UPDATE") || strstr(sql, "DELETE");
	return strncasecmp(sql, "INSERT", 6) == 0 || strncasecmp(sql, "UPDATE", 6) == 0 ||
	       strncasecmp(sql, "DELETE", 6) == 0;
}

/* Prepare s on the server with the types in s->types, and learn its columns. */
static rg_status server_prepare(pg_stmt *s, rg_err *e)
{
	pg *d = s->owner;
	bool guarded = PQtransactionStatus(d->conn) == PQTRANS_INTRANS;
	PGresult *r;

	/* A statement that cannot be prepared yet must not end the transaction. */
	if (guarded && run(d, "SAVEPOINT rg_prepare", _("cannot prepare a statement"), e) != RG_OK)
		return RG_DB;
	r = PQprepare(d->conn, s->id, s->sql, s->nparams, s->types);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		rg_status st = fail(d, r, _("cannot prepare a statement"), e);
		PQclear(r);
		if (guarded)
			PQclear(PQexec(d->conn, "ROLLBACK TO SAVEPOINT rg_prepare"));
		return st;
	}
	PQclear(r);
	if (guarded && run(d, "RELEASE SAVEPOINT rg_prepare", _("cannot prepare a statement"), e)
	    != RG_OK)
		return RG_DB;
	PQclear(s->desc);
	s->desc = PQdescribePrepared(d->conn, s->id);
	if (PQresultStatus(s->desc) != PGRES_COMMAND_OK)
		return fail(d, s->desc, _("cannot prepare a statement"), e);
	for (int i = 0; i < s->nparams && i < PQnparams(s->desc); i++)
		s->types[i] = PQparamtype(s->desc, i);  /* as inferred: a cursor's are the same */
	s->prepared = true;
	return RG_OK;
}

/* Whether msg says the server could not tell a parameter's type; its number into *n. */
static bool untyped(const char *msg, int *n)
{
	static const char *const says[] = { "could not determine data type of parameter $",
					    "inconsistent types deduced for parameter $", NULL };

	for (int i = 0; says[i] != NULL; i++) {
		const char *p = strstr(msg, says[i]);
		if (p != NULL) {
			if (n != NULL)
				*n = atoi(p + strlen(says[i]));
			return true;
		}
	}
	return false;
}

/*
 * Prepare s, telling the server the types of the parameters it cannot infer (an optional
 * filter, ?1 IS NULL OR code = ?1): text first, then bigint if text does not fit where
 * the parameter is used.  When neither does, the statement waits for its first step and
 * the types of the values bound then (its columns are unknown until it runs).
 */
static rg_status prepare_typed(pg_stmt *s, rg_err *e)
{
	int n = 0, last = 0;
	bool all = false;
	rg_status st;

	while ((st = server_prepare(s, e)) != RG_OK) {
		bool mistyped = strstr(e->msg, "operator does not exist") != NULL;
		if (untyped(e->msg, &n) && n >= 1 && n <= s->nparams && s->types[n - 1] == 0) {
			s->types[n - 1] = OID_TEXT;
			last = n;
		} else if (mistyped && last > 0 && s->types[last - 1] == OID_TEXT) {
			s->types[last - 1] = OID_INT8;
		} else if (mistyped && last == 0 && !all && s->nparams > 0) {
			/* Inferred as text where a number was meant (CASE ?1 WHEN 0 ...). */
			for (int i = 0; i < s->nparams; i++)
				s->types[i] = OID_INT8;
			all = true;
			last = s->nparams;
		} else {
			break;
		}
	}
	if (st != RG_OK && last > 0) {  /* wait for the values: keep e's message for them */
		memset(s->types, 0, (size_t)s->nparams * sizeof *s->types);
		return err_set(e, RG_DB, "%s", "could not determine data type of parameter $");
	}
	return st;
}

static void close_cursor(pg_stmt *s);

static void pg_finalize(db_stmt *h)
{
	pg_stmt *s = STMT(h);

	if (s == NULL)
		return;
	close_cursor(s);
	if (s->len > 0) {
		/* Rows still waiting go now; a failure spoils the transaction, and its
		 * commit then fails. */
		rg_err ignored;
		flush(s->owner, &ignored);
	}
	if (s->prepared) {
		char sql[48];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", s->id);
		/* In an aborted transaction DEALLOCATE fails too; the connection's end frees it. */
		if (PQtransactionStatus(s->owner->conn) != PQTRANS_INERROR)
			PQclear(PQexec(s->owner->conn, sql));
	}
	for (int i = 0; i < s->nparams; i++)
		free(s->values[i]);
	free(s->values);
	free(s->types);
	free(s->sql);
	free(s->copy);
	free(s->param);
	free(s->rows);
	free(s->texts);
	PQclear(s->desc);
	PQclear(s->res);
	free(s);
}

static rg_status pg_prepare(db *h, const char *sql, db_stmt **out, rg_err *e)
{
	pg *d = PG(h);
	pg_stmt *s = calloc(1, sizeof *s);
	rg_status st;

	if (s == NULL || (s->sql = dialect_pg(sql, &s->nparams)) == NULL) {
		free(s);
		return err_set(e, RG_DB, "%s: out of memory", d->name);
	}
	s->base.engine = &db_pg_engine;
	s->owner = d;
	s->row = -1;
	snprintf(s->id, sizeof s->id, "rg%ld", d->next++);
	s->writes = changes_rows(sql);
	s->values = calloc((size_t)s->nparams + 1, sizeof *s->values);
	s->types = calloc((size_t)s->nparams + 1, sizeof *s->types);
	if (s->values == NULL || s->types == NULL) {
		pg_finalize(&s->base);
		return err_set(e, RG_DB, "%s: out of memory", d->name);
	}
	st = prepare_typed(s, e);
	if (st != RG_OK && !untyped(e->msg, NULL)) {
		pg_finalize(&s->base);
		return st;
	}
	s->numbers = s->writes && numbers_rows(s);
	*out = &s->base;
	return RG_OK;
}

/* Close s's cursor, if open (in an aborted transaction it is gone already). */
static void close_cursor(pg_stmt *s)
{
	char sql[48];

	if (!s->cursor_open)
		return;
	s->cursor_open = false;
	if (PQtransactionStatus(s->owner->conn) != PQTRANS_INTRANS)
		return;
	snprintf(sql, sizeof sql, "CLOSE c%s", s->id);
	PQclear(PQexec(s->owner->conn, sql));
}

static void pg_reset(db_stmt *h)
{
	pg_stmt *s = STMT(h);

	close_cursor(s);
	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
}

static void pg_stream(db_stmt *h)
{
	STMT(h)->stream = true;
}

/* Skip blanks; then whether p starts with word w (in any case), skipping it too. */
static bool take_word(const char **p, const char *w)
{
	*p += strspn(*p, " \t\n");
	if (strncasecmp(*p, w, strlen(w)) != 0)
		return false;
	*p += strlen(w);
	return true;
}

/*
 * db_batch: when s is "INSERT INTO table (columns) VALUES ($i, ...)", one parameter a
 * column, its rows go through COPY: s->copy and the map from COPY column to parameter are
 * set.  Any other statement is left as it is (each step runs at once).
 */
static void pg_batch(db_stmt *h)
{
	pg_stmt *s = STMT(h);
	const char *p = s->sql, *table, *cols;
	size_t ntable, ncols;
	int n = 0, columns = 1, *param;
	char *copy;

	if (!take_word(&p, "INSERT") || !take_word(&p, "INTO"))
		return;
	p += strspn(p, " \t\n");
	table = p;
	ntable = strcspn(p, " \t\n(");
	p += ntable;
	if (ntable == 0 || ntable >= sizeof s->table || !take_word(&p, "("))
		return;
	cols = p;
	ncols = strcspn(p, ")");
	p += ncols;
	if (!take_word(&p, ")") || !take_word(&p, "VALUES") || !take_word(&p, "(") ||
	    (param = calloc((size_t)s->nparams + 1, sizeof *param)) == NULL)
		return;
	while (take_word(&p, "$")) {
		char *end;
		long k = strtol(p, &end, 10);
		if (end == p || k < 1 || k > s->nparams || n >= s->nparams)
			break;
		param[n++] = (int)k - 1;
		p = end;
		if (!take_word(&p, ","))
			break;
	}
	for (size_t i = 0; i < ncols; i++)
		columns += cols[i] == ',';
	/* As many parameters as columns, and nothing after the list. */
	if (!take_word(&p, ")") || p[strspn(p, " \t\n;")] != '\0' || n != columns ||
	    (copy = malloc(ntable + ncols + 32)) == NULL) {
		free(param);
		return;
	}
	snprintf(copy, ntable + ncols + 32, "COPY %.*s (%.*s) FROM STDIN", (int)ntable, table,
		 (int)ncols, cols);
	snprintf(s->table, sizeof s->table, "%.*s", (int)ntable, table);
	s->copy = copy;
	s->param = param;
	s->ncopy = n;
}

/* Append n bytes of text to s's rows waiting. */
static bool append_rows(pg_stmt *s, const char *text, size_t n)
{
	if (s->len + n > s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 4096;
		char *grown;
		while (cap < s->len + n)
			cap *= 2;
		if ((grown = realloc(s->rows, cap)) == NULL)
			return false;
		s->rows = grown;
		s->cap = cap;
	}
	memcpy(s->rows + s->len, text, n);
	s->len += n;
	return true;
}

/* The row bound to s, as a line of COPY's text format, queued on its connection. */
static rg_status queue_row(pg_stmt *s, rg_err *e)
{
	pg *d = s->owner;
	size_t before = s->len;
	bool ok = true;

	for (int c = 0; c < s->ncopy && ok; c++) {
		const char *v = s->values[s->param[c]];
		if (c > 0)
			ok = append_rows(s, "\t", 1);
		if (v == NULL) {
			ok = ok && append_rows(s, "\\N", 2);
			continue;
		}
		while (*v != '\0' && ok) {
			size_t plain = strcspn(v, "\\\t\n\r"); /* copied as they are */
			ok = append_rows(s, v, plain);
			v += plain;
			if (*v == '\0' || !ok)
				break;
			ok = append_rows(s, *v == '\\' ? "\\\\" : *v == '\t' ? "\\t"
					    : *v == '\n' ? "\\n" : "\\r", 2);
			v++;
		}
	}
	if (!ok || !append_rows(s, "\n", 1))
		return err_set(e, RG_DB, "%s: out of memory", d->name);
	if (before == 0) {  /* first row since the last write: last in the queue */
		pg_stmt **tail = &d->pending;
		while (*tail != NULL)
			tail = &(*tail)->next_pending;
		*tail = s;
		s->next_pending = NULL;
	}
	d->pending_bytes += s->len - before;
	return RG_OK;
}

/* Forget every row waiting on d (its transaction is over). */
static void discard(pg *d)
{
	for (pg_stmt *s = d->pending; s != NULL; s = s->next_pending)
		s->len = 0;
	d->pending = NULL;
	d->pending_bytes = 0;
}

/* Write every row waiting on d, statement by statement in the order they were first
 * used, with COPY.  On failure the transaction is spoilt: RG_DB naming the table. */
static rg_status flush(pg *d, rg_err *e)
{
	rg_status st = RG_OK;

	for (pg_stmt *s = d->pending; s != NULL && st == RG_OK; s = s->next_pending) {
		PGresult *r = PQexec(d->conn, s->copy);
		db_constraint kind;
		rg_err inner;
		if (PQresultStatus(r) == PGRES_COPY_IN) {
			PQclear(r);
			if (PQputCopyData(d->conn, s->rows, (int)s->len) != 1 ||
			    PQputCopyEnd(d->conn, NULL) != 1)
				r = NULL;
			else
				r = PQgetResult(d->conn);
		}
		if (r == NULL || PQresultStatus(r) != PGRES_COMMAND_OK) {
			failed(d, r, &kind, &inner);
			st = err_set(e, RG_DB, "%s: writing the rows of %s: %s", d->name, s->table,
				     inner.msg);
		}
		d->numbered = d->numbered || s->numbers;
		PQclear(r);
		while ((r = PQgetResult(d->conn)) != NULL)
			PQclear(r);
	}
	discard(d);
	return st;
}

/* Whether sql may read or write a table rows wait for (its name, even inside another
 * name: run_grades reads grades). */
static bool waits_for(const pg *d, const char *sql)
{
	for (const pg_stmt *s = d->pending; s != NULL; s = s->next_pending)
		if (strstr(sql, s->table) != NULL)
			return true;
	return false;
}

/* The next batch of s's cursor into s->res; RG_DB with the reason on failure. */
static rg_status fetch(pg_stmt *s, rg_err *e)
{
	char sql[64];
	db_constraint kind;

	snprintf(sql, sizeof sql, "FETCH FORWARD %d FROM c%s", STREAM_BATCH, s->id);
	PQclear(s->res);
	s->res = PQexec(s->owner->conn, sql);
	s->row = -1;
	if (PQresultStatus(s->res) == PGRES_TUPLES_OK)
		return RG_OK;
	failed(s->owner, s->res, &kind, e);
	PQclear(s->res);
	s->res = NULL;
	s->cursor_open = false;
	return RG_DB;
}

/* Open a cursor over s's rows (in the transaction open on its connection) and fetch its
 * first batch. */
static rg_status open_cursor(pg_stmt *s, rg_err *e)
{
	pg *d = s->owner;
	size_t n = strlen(s->sql) + 64;
	char *sql = malloc(n);
	PGresult *r;
	db_constraint kind;

	if (sql == NULL)
		return err_set(e, RG_DB, "%s: out of memory", d->name);
	snprintf(sql, n, "DECLARE c%s NO SCROLL CURSOR FOR %s", s->id, s->sql);
	r = PQexecParams(d->conn, sql, s->nparams, s->types, (const char *const *)s->values,
			 NULL, NULL, 0);
	free(sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		failed(d, r, &kind, e);
		PQclear(r);
		return RG_DB;
	}
	PQclear(r);
	s->cursor_open = true;
	return fetch(s, e);
}

/* Bind value (copied; NULL: SQL NULL) as parameter i with type oid (0: inferred). */
static void bind(pg_stmt *s, int i, const char *value, unsigned oid)
{
	assert(i >= 1);
	if (i > s->nparams)
		return;  /* a parameter the statement does not use */
	free(s->values[i - 1]);
	s->values[i - 1] = value ? strdup(value) : NULL;
	if (!s->prepared)
		s->types[i - 1] = oid;
}

static void pg_bind_text(db_stmt *s, int i, const char *text)
{
	bind(STMT(s), i, text, 0);
}

static void pg_bind_int(db_stmt *s, int i, int64_t v)
{
	char text[24];

	snprintf(text, sizeof text, "%" PRId64, v);
	bind(STMT(s), i, text, OID_INT8);
}

/* Add ".0" to text, a number printed with %g, when it has neither a point nor an
 * exponent (nor is nan or inf), as SQLite writes a whole REAL: 3.0. */
static void real_point(char *text)
{
	if (strpbrk(text, ".en") == NULL)
		strcat(text, ".0");
}

/*
 * A double as text the way SQLite keeps a REAL: the fewest digits that read back as the
 * same double, and a decimal point even when whole (3.0), so that a column that keeps
 * text (a declared fact's value) still says it was a REAL.
 */
static void pg_bind_double(db_stmt *s, int i, double v)
{
	char text[40];

	for (int digits = 15; digits <= 17; digits++) {
		snprintf(text, sizeof text, "%.*g", digits, v);
		if (strtod(text, NULL) == v)
			break;
	}
	real_point(text);
	bind(STMT(s), i, text, OID_FLOAT8);
}

static void pg_bind_null(db_stmt *s, int i)
{
	bind(STMT(s), i, NULL, 0);
}

/* Whether r failed because another client's transaction changed the same rows. */
static bool clashed(const PGresult *r)
{
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);

	return state != NULL && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0);
}

/*
 * The clash message of e again, naming the record s was changing: its table and its
 * WHERE clause with the values bound ("warnings WHERE id = 3"), from the statement itself
 * (PostgreSQL's message names neither).
 */
static void name_record(const pg_stmt *s, rg_err *e)
{
	static const char *const verbs[] = { "UPDATE ", "DELETE FROM ", "INSERT INTO ", NULL };
	const char *sql = s->sql + strspn(s->sql, " \t\n"), *where, *table = NULL;
	char record[200];
	size_t used;

	for (int i = 0; verbs[i] != NULL && table == NULL; i++)
		if (strncasecmp(sql, verbs[i], strlen(verbs[i])) == 0)
			table = sql + strlen(verbs[i]);
	if (table == NULL)
		return;
	used = (size_t)snprintf(record, sizeof record, "%.*s", (int)strcspn(table, " ("), table);
	where = strstr(table, " WHERE ");
	for (const char *p = where; p != NULL && *p != '\0' && used + 1 < sizeof record; ) {
		if (*p == '$' && isdigit((unsigned char)p[1])) {
			char *end;
			long k = strtol(p + 1, &end, 10);
			const char *v = k >= 1 && k <= s->nparams ? s->values[k - 1] : NULL;
			used += (size_t)snprintf(record + used, sizeof record - used, "%s",
						 v ? v : "NULL");
			p = end;
		} else {
			record[used++] = *p++;
			record[used] = '\0';
		}
	}
	if (used >= sizeof record)
		used = sizeof record - 1;
	err_set(e, RG_DB, "%s: another client changed the same record at the same time (%s); "
		"nothing was written: run the command again", s->owner->name, record);
}

/* Execute s with its bindings, under a savepoint when it writes inside a transaction. */
static rg_status execute(pg_stmt *s, rg_err *e)
{
	pg *d = s->owner;
	bool guarded = d->guard && s->writes && PQtransactionStatus(d->conn) == PQTRANS_INTRANS;
	ExecStatusType t;

	if (!s->prepared) {
		for (int i = 0; i < s->nparams; i++)
			if (s->types[i] == 0)
				s->types[i] = OID_TEXT;
		if (server_prepare(s, e) != RG_OK)
			return RG_DB;
	}
	if (guarded && run(d, "SAVEPOINT rg_statement", _("statement failed"), e) != RG_OK)
		return RG_DB;
	s->res = PQexecPrepared(d->conn, s->id, s->nparams, (const char *const *)s->values, NULL,
				NULL, 0);
	t = PQresultStatus(s->res);
	if (t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK) {
		s->kind = DB_CONSTRAINT_NONE;
		d->numbered = d->numbered || (s->numbers && atoi(PQcmdTuples(s->res)) > 0);
		if (guarded)
			return run(d, "RELEASE SAVEPOINT rg_statement", _("statement failed"), e);
		return RG_OK;
	}
	failed(d, s->res, &s->kind, e);
	if (clashed(s->res))
		name_record(s, e);
	PQclear(s->res);
	s->res = NULL;
	if (guarded)
		PQclear(PQexec(d->conn, "ROLLBACK TO SAVEPOINT rg_statement"));
	return RG_DB;
}

static rg_status pg_step(db_stmt *h, bool *row, rg_err *e)
{
	pg_stmt *s = STMT(h);

	*row = false;
	if (s->copy != NULL && PQtransactionStatus(s->owner->conn) == PQTRANS_INTRANS) {
		if (queue_row(s, e) != RG_OK)
			return RG_DB;
		return s->owner->pending_bytes < BATCH_BYTES ? RG_OK : flush(s->owner, e);
	}
	if (s->res == NULL) {
		bool cursor = s->stream && !s->writes &&
			      PQtransactionStatus(s->owner->conn) == PQTRANS_INTRANS;
		/* The rows waiting for a table the statement reads or writes go first, when it
		 * starts: a cursor's later batches see nothing written after it opened. */
		if (s->owner->pending != NULL && waits_for(s->owner, s->sql) &&
		    flush(s->owner, e) != RG_OK)
			return RG_DB;
		if ((cursor ? open_cursor(s, e) : execute(s, e)) != RG_OK)
			return RG_DB;
		s->row = -1;
	}
	if (s->cursor_open && s->row + 1 >= PQntuples(s->res)) {
		/* A batch used up: the next, unless this one was the last. */
		if (PQntuples(s->res) < STREAM_BATCH)
			close_cursor(s);
		else if (fetch(s, e) != RG_OK)
			return RG_DB;
	}
	if (s->row + 1 < PQntuples(s->res)) {
		s->row++;
		*row = true;
	} else {
		s->row = PQntuples(s->res);
	}
	return RG_OK;
}

static db_constraint pg_constraint_kind(const db_stmt *h)
{
	return ((const pg_stmt *)h)->kind;
}

/* The result that describes the columns: the rows once executed, else the description. */
static const PGresult *columns(pg_stmt *s)
{
	return s->res ? s->res : s->desc;
}

static int pg_col_count(db_stmt *s)
{
	return columns(STMT(s)) ? PQnfields(columns(STMT(s))) : 0;
}

static const char *pg_col_name(db_stmt *s, int i)
{
	return PQfname(columns(STMT(s)), i);
}

/* Whether the current row has a value in column i. */
static bool has_value(pg_stmt *s, int i)
{
	return s->res != NULL && s->row >= 0 && s->row < PQntuples(s->res) &&
	       !PQgetisnull(s->res, s->row, i);
}

static db_type pg_col_type(db_stmt *h, int i)
{
	pg_stmt *s = STMT(h);

	if (!has_value(s, i))
		return DB_NULL;
	switch (PQftype(s->res, i)) {
	case OID_BOOL: case OID_INT2: case OID_INT4: case OID_INT8: case OID_OID:
		return DB_INT;
	case OID_NUMERIC:  /* sum() of integers is a numeric without a fraction */
		return strchr(PQgetvalue(s->res, s->row, i), '.') ? DB_REAL : DB_INT;
	case OID_FLOAT4: case OID_FLOAT8:
		return DB_REAL;
	}
	return DB_TEXT;
}

static const char *pg_col_text(db_stmt *h, int i)
{
	pg_stmt *s = STMT(h);
	unsigned type;
	const char *v;
	char *said;

	if (!has_value(s, i))
		return NULL;
	v = PQgetvalue(s->res, s->row, i);
	type = PQftype(s->res, i);
	if (type == OID_BOOL)  /* SQLite's truth values are 1 and 0 */
		return strcmp(v, "t") == 0 ? "1" : "0";
	if (type != OID_NUMERIC || strchr(v, '.') == NULL)  /* sum() of integers: an integer */
		return v;
	/* Arithmetic with a fraction (mean / 100.0): a REAL in SQLite, a numeric here, given
	 * as SQLite gives a REAL as text: 15 significant digits, and a decimal point even
	 * when whole (2.0), where PostgreSQL says 2.0000000000000000.  (A double precision
	 * column or CASE keeps PostgreSQL's text, which is SQLite's for what the engine
	 * prints of them: a score, a whole number made INTEGER by the query.) */
	if (i >= s->ntexts) {
		char (*grown)[32] = realloc(s->texts, (size_t)PQnfields(s->res) * sizeof *grown);
		if (grown == NULL)
			return v;
		s->texts = grown;
		s->ntexts = PQnfields(s->res);
	}
	said = s->texts[i];
	snprintf(said, sizeof s->texts[i], "%.15g", strtod(v, NULL));
	real_point(said);
	return said;
}

static int64_t pg_col_int(db_stmt *h, int i)
{
	const char *v = pg_col_text(h, i);

	if (v == NULL)
		return 0;
	return pg_col_type(h, i) == DB_REAL ? (int64_t)strtod(v, NULL) : strtoll(v, NULL, 10);
}

static double pg_col_double(db_stmt *h, int i)
{
	const char *v = pg_col_text(h, i);

	return v ? strtod(v, NULL) : 0.0;
}

/* The number the last row inserted through d got from its table's identity: lastval(),
 * which is set once a row got one (asking before would fail, and spoil a transaction). */
static int64_t pg_last_rowid(db *h)
{
	pg *d = PG(h);
	PGresult *r;
	int64_t id = 0;

	if (!d->numbered)
		return 0;
	r = PQexec(d->conn, "SELECT lastval()");
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
		id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return id;
}

/* Whether s inserts into a table with an identity column (its rows get numbers). */
static bool numbers_rows(pg_stmt *s)
{
	const char *p = s->sql;
	const char *vals[1];
	char table[128];
	size_t n;
	PGresult *r;
	bool numbered;

	if (!take_word(&p, "INSERT") || !take_word(&p, "INTO"))
		return false;
	p += strspn(p, " \t\n");
	n = strcspn(p, " \t\n(");
	if (n == 0 || n >= sizeof table)
		return false;
	snprintf(table, sizeof table, "%.*s", (int)n, p);
	vals[0] = table;
	r = PQexecParams(s->owner->conn, "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE"
			 " attrelid = to_regclass($1) AND attidentity <> '')", 1, NULL, vals, NULL,
			 NULL, 0);
	numbered = PQresultStatus(r) == PGRES_TUPLES_OK && strcmp(PQgetvalue(r, 0, 0), "t") == 0;
	PQclear(r);
	return numbered;
}

const db_engine db_pg_engine = {
	.init = pg_init,
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.statement_rollback = pg_statement_rollback,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.reset = pg_reset,
	.stream = pg_stream,
	.batch = pg_batch,
	.latest = pg_latest,
	.bind_text = pg_bind_text,
	.bind_int = pg_bind_int,
	.bind_double = pg_bind_double,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.constraint_kind = pg_constraint_kind,
	.col_count = pg_col_count,
	.col_name = pg_col_name,
	.col_type = pg_col_type,
	.col_text = pg_col_text,
	.col_int = pg_col_int,
	.col_double = pg_col_double,
	.last_rowid = pg_last_rowid,
};
