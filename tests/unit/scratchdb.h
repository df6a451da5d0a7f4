/*
 * scratchdb.h: for unit tests on a database: a fresh riskgrade SQLite file in a
 * temporary folder of its own, opened, and removed with the folder after the test.
 * Depends on db.h and cmocka.
 */
#ifndef RG_TEST_SCRATCHDB_H
#define RG_TEST_SCRATCHDB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"

typedef struct {
	char dir[64];  /* the mkdtemp() folder */
	char path[96]; /* dir/t.db */
	db *d;         /* the open connection */
} scratchdb;

/* scratchdb_new: a new database under /tmp/rg-test-NAME-XXXXXX, initialised and open,
 * with sql run on it (NULL: nothing); any failure fails the test.  Free it with
 * scratchdb_free. */
static inline scratchdb *scratchdb_new(const char *name, const char *sql)
{
	scratchdb *s = calloc(1, sizeof *s);
	int applied;

	assert_non_null(s);
	snprintf(s->dir, sizeof s->dir, "/tmp/rg-test-%s-XXXXXX", name);
	assert_non_null(mkdtemp(s->dir));
	snprintf(s->path, sizeof s->path, "%s/t.db", s->dir);
	assert_int_equal(db_init(s->path, &applied, NULL), RG_OK);
	assert_int_equal(db_open(s->path, &s->d, NULL), RG_OK);
	if (sql != NULL)
		assert_int_equal(db_exec(s->d, sql, NULL), RG_OK);
	return s;
}

/* scratchdb_free: close s's database, remove its file and folder, free s. */
static inline void scratchdb_free(scratchdb *s)
{
	db_close(s->d);
	unlink(s->path);
	rmdir(s->dir);
	free(s);
}

#endif
