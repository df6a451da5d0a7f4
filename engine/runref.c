/*
 * runref.c: parse a run number and resolve --run.  Depends on db.h, status.h.
 */
#include "runref.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>

rg_status runref_number(const char *what, const char *text, long *run, rg_err *e)
{
	char *end;

	errno = 0;
	*run = strtol(text, &end, 10);
	if (errno != 0 || *end != '\0' || end == text || *run <= 0)
		return err_set(e, RG_USAGE, "%s: expected a run number, got \"%s\"", what, text);
	return RG_OK;
}

rg_status runref_resolve(db *d, const char *text, long *run, rg_err *e)
{
	db_stmt *s = NULL;
	bool row = false;
	long id = 0;
	rg_status st;

	if (text != NULL && (st = runref_number("--run", text, &id, e)) != RG_OK)
		return st;
	st = db_prepare(d, "SELECT max(id) FROM runs WHERE ?1 IS NULL OR id = ?1",
			&s, e);
	if (st != RG_OK)
		return st;
	if (text != NULL)
		db_bind_int(s, 1, id);
	else
		db_bind_null(s, 1);
	st = db_step(s, &row, e);
	if (st == RG_OK && (!row || db_col_type(s, 0) == DB_NULL))
		st = text ? err_set(e, RG_INPUT, "--run: no run %ld", id)
			  : err_set(e, RG_INPUT, "no run yet: grade first (riskgrade grade DB)");
	else if (st == RG_OK)
		*run = (long)db_col_int(s, 0);
	db_finalize(s);
	return st;
}
