/*
 * test_db.c: engine/db.c on real SQLite files: creating and upgrading, refusing what is
 * not a riskgrade database (to open or to init), transactions, constraint reporting, and
 * waiting for another connection's lock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "db.h"
#include "sha.h"

typedef struct {
	char dir[64];
	char path[96];
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);

	assert_non_null(f);
	strcpy(f->dir, "/tmp/rg-test-db-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static long count(db *d, const char *sql)
{
	db_stmt *s = NULL;
	bool row;
	long n;

	assert_int_equal(db_prepare(d, sql, &s, NULL), RG_OK);
	assert_int_equal(db_step(s, &row, NULL), RG_OK);
	assert_true(row);
	n = (long)db_col_int(s, 0);
	db_finalize(s);
	return n;
}

static void test_init_then_open(void **state)
{
	fixture *f = *state;
	int applied = -1;
	db *d = NULL;

	assert_int_equal(db_init(f->path, &applied, NULL), RG_OK);
	assert_int_equal(applied, db_schema_version());
	assert_true(db_schema_version() >= 1);
	assert_int_equal(db_init(f->path, &applied, NULL), RG_OK);
	assert_int_equal(applied, 0);
	assert_int_equal(db_open(f->path, &d, NULL), RG_OK);
	/* The enumerations of DOMAIN.md: five categories, three levels, three tiers, five
	 * rating sources, four factors. */
	assert_int_equal(count(d, "SELECT count(*) FROM enum_category"), 5);
	assert_int_equal(count(d, "SELECT count(*) FROM enum_level"), 3);
	assert_int_equal(count(d, "SELECT count(*) FROM enum_tier"), 3);
	assert_int_equal(count(d, "SELECT count(*) FROM enum_rating_source"), 5);
	assert_int_equal(count(d, "SELECT count(*) FROM enum_factor"), 4);
	assert_int_equal(count(d, "PRAGMA foreign_keys"), 1);
	db_close(d);
}

static void test_open_refuses(void **state)
{
	static const struct {
		const char *prepare; /* SQL run on a plain SQLite file first, or a file text */
		bool sql;
		const char *message;
	} cases[] = {
		{NULL, false, "no such database (create it with: riskgrade init"},
		{"hello, not a database\n", false, "not a riskgrade database"},
		{"CREATE TABLE x (y); PRAGMA user_version = 0;", true, "not a riskgrade database"},
		{"CREATE TABLE x (y); PRAGMA user_version = 999;", true,
		 "schema version 999 is newer than this riskgrade's"},
	};
	fixture *f = *state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		db *d = NULL;
		rg_err e = {{0}};
		unlink(f->path);
		if (cases[i].prepare != NULL && !cases[i].sql) {
			FILE *out = fopen(f->path, "w");
			assert_non_null(out);
			fputs(cases[i].prepare, out);
			assert_int_equal(fclose(out), 0);
		} else if (cases[i].prepare != NULL) {
			int applied;
			/* A current database, then made foreign by the case's SQL. */
			assert_int_equal(db_init(f->path, &applied, NULL), RG_OK);
			assert_int_equal(db_open(f->path, &d, NULL), RG_OK);
			assert_int_equal(db_exec(d, cases[i].prepare, NULL), RG_OK);
			db_close(d);
			d = NULL;
		}
		assert_int_equal(db_open(f->path, &d, &e), RG_DB);
		assert_null(d);
		if (strstr(e.msg, cases[i].message) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, e.msg, cases[i].message);
	}
}

static void test_rollback_and_constraints(void **state)
{
	fixture *f = *state;
	int applied;
	db *d = NULL;
	db_stmt *s = NULL;
	bool row;
	rg_err e = {{0}};

	assert_int_equal(db_init(f->path, &applied, NULL), RG_OK);
	assert_int_equal(db_open(f->path, &d, NULL), RG_OK);
	assert_int_equal(db_begin(d, NULL), RG_OK);
	assert_int_equal(db_exec(d, "INSERT INTO agencies VALUES ('A', '甲', NULL)", NULL), RG_OK);
	assert_int_equal(count(d, "SELECT count(*) FROM agencies"), 1);
	db_rollback(d);
	assert_int_equal(count(d, "SELECT count(*) FROM agencies"), 0);

	/* A named CHECK constraint comes back by name, and is recognised as a constraint. */
	assert_int_equal(db_prepare(d, "INSERT INTO agencies VALUES (?1, ?2, NULL)", &s, NULL),
			 RG_OK);
	db_bind_text(s, 1, "A");
	db_bind_text(s, 2, "");
	assert_int_equal(db_step(s, &row, &e), RG_DB);
	assert_false(row);
	assert_true(db_constraint_failed(s));
	assert_string_equal(e.msg, "CHECK constraint failed: name: a non-empty name");

	/* A foreign key to a missing parent is refused. */
	db_reset(s);
	db_bind_text(s, 1, "B");
	db_bind_text(s, 2, "乙");
	assert_int_equal(db_step(s, &row, NULL), RG_OK);
	assert_int_equal(db_exec(d, "INSERT INTO agencies VALUES ('C', '丙', 'NOPE')", &e), RG_DB);
	assert_non_null(strstr(e.msg, "FOREIGN KEY constraint failed"));
	db_finalize(s);
	assert_int_equal(count(d, "SELECT count(*) FROM agencies"), 1);
	db_close(d);
}

/* The SHA-256 of the file at path, to tell whether it changed at all. */
static void file_sha(const char *path, char out[SHA_HEX])
{
	FILE *f = fopen(path, "rb");
	sha_stream *h = sha_open();
	char buf[4096];
	size_t n;

	assert_non_null(f);
	assert_non_null(h);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sha_update(h, buf, n);
	assert_false(ferror(f));
	fclose(f);
	sha_close(h, out);
}

/* init refuses a database without a schema version that holds anything, names what it
 * holds, and leaves the file as it was, byte for byte. */
static void test_init_refuses_foreign(void **state)
{
	fixture *f = *state;
	int applied = -1;
	db *d = NULL;
	rg_err e = {{0}};
	char before[SHA_HEX], after[SHA_HEX], want[256];

	/* A file of another program: riskgrade's tables would be mistaken for its own, so
	 * take a current database and make it foreign by dropping its version. */
	assert_int_equal(db_init(f->path, &applied, NULL), RG_OK);
	assert_int_equal(db_open(f->path, &d, NULL), RG_OK);
	assert_int_equal(db_exec(d, "PRAGMA user_version = 0", NULL), RG_OK);
	db_close(d);
	file_sha(f->path, before);
	assert_int_equal(db_init(f->path, &applied, &e), RG_DB);
	assert_int_equal(applied, 0);
	/* The first object of 001_method.sql is the table enum_level. */
	snprintf(want, sizeof want, "%s: not a riskgrade database: it has no riskgrade schema "
		 "version but holds ", f->path);
	if (strncmp(e.msg, want, strlen(want)) != 0 ||
	    strstr(e.msg, " objects of its own (table \"enum_level\", ") == NULL ||
	    strstr(e.msg, ", ...); init creates a new database or upgrades a riskgrade one, "
		   "and has left this file as it was") == NULL)
		fail_msg("unexpected message: %s", e.msg);
	file_sha(f->path, after);
	assert_string_equal(after, before);
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* While another connection holds the lock, opening and reading wait --wait seconds and
 * then give up with the message that names the file; once it lets go, they work. */
static void test_busy_wait(void **state)
{
	fixture *f = *state;
	int applied;
	db *w = NULL, *r = NULL, *late = NULL;
	db_stmt *s = NULL;
	bool row;
	rg_err e = {{0}};
	char want[256];
	struct timespec t0;
	double took;

	assert_true(db_wait() == DB_WAIT_DEFAULT);
	assert_true(DB_WAIT_DEFAULT == 30.0);
	assert_int_equal(db_init(f->path, &applied, NULL), RG_OK);
	db_set_wait(0.3);
	assert_true(db_wait() == 0.3);
	assert_int_equal(db_open(f->path, &r, NULL), RG_OK); /* before the lock */
	assert_int_equal(db_prepare(r, "SELECT count(*) FROM agencies", &s, NULL), RG_OK);
	assert_int_equal(db_open(f->path, &w, NULL), RG_OK);
	assert_int_equal(db_exec(w, "BEGIN EXCLUSIVE", NULL), RG_OK);

	snprintf(want, sizeof want, "%s: the database is busy (another riskgrade is writing); "
		 "gave up after 0.3 s (--wait)", f->path);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(db_open(f->path, &late, &e), RG_DB);
	took = seconds_since(&t0);
	assert_null(late);
	assert_string_equal(e.msg, want);
	if (took < 0.25 || took > 10)
		fail_msg("db_open gave up after %.3f s, expected 0.3 s", took);
	/* A statement of a connection opened before the lock waits the same. */
	memset(&e, 0, sizeof e);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(db_step(s, &row, &e), RG_DB);
	took = seconds_since(&t0);
	assert_false(row);
	assert_string_equal(e.msg, want);
	if (took < 0.25 || took > 10)
		fail_msg("db_step gave up after %.3f s, expected 0.3 s", took);
	/* --wait 0: at once. */
	db_set_wait(0);
	memset(&e, 0, sizeof e);
	assert_int_equal(db_open(f->path, &late, &e), RG_DB);
	assert_non_null(strstr(e.msg, ": the database is busy (another riskgrade is writing); "
			       "gave up after 0 s (--wait)"));
	/* Once the lock is gone, both work. */
	db_rollback(w);
	assert_int_equal(db_step(s, &row, NULL), RG_OK);
	assert_true(row);
	assert_int_equal(db_col_int(s, 0), 0);
	assert_int_equal(db_open(f->path, &late, NULL), RG_OK);
	db_finalize(s);
	db_close(late);
	db_close(r);
	db_close(w);
	db_set_wait(DB_WAIT_DEFAULT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_init_then_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_refuses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollback_and_constraints, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_refuses_foreign, setup, teardown),
		cmocka_unit_test_setup_teardown(test_busy_wait, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
