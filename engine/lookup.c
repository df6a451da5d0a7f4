/*
 * lookup.c: is this code in the register?  Depends on db.h, status.h.
 */
#include "lookup.h"

#include <stdbool.h>
#include <stdio.h>

/* Run sql (one row with the name, or none) for code; copy the name when found. */
static rg_status find(db *d, const char *sql, const char *code, bool *found, char *name,
		      size_t size, rg_err *e)
{
	db_stmt *s = NULL;
	rg_status st = db_prepare(d, sql, &s, e);

	*found = false;
	if (st == RG_OK) {
		db_bind_text(s, 1, code);
		st = db_step(s, found, e);
	}
	if (st == RG_OK && *found && name != NULL)
		snprintf(name, size, "%s", db_col_text(s, 0));
	db_finalize(s);
	return st;
}

rg_status lookup_agency(db *d, const char *option, const char *code, rg_err *e)
{
	bool found;
	rg_status st = find(d, "SELECT name FROM agencies WHERE code = ?1", code, &found, NULL,
			    0, e);

	if (st == RG_OK && !found)
		st = err_set(e, RG_INPUT, "%s: no agency with code \"%s\"", option, code);
	return st;
}

rg_status lookup_person(db *d, const char *option, const char *code, char *name, size_t size,
			rg_err *e)
{
	bool found;
	rg_status st = find(d, "SELECT name FROM persons WHERE code = ?1", code, &found, name,
			    size, e);

	if (st == RG_OK && !found)
		st = err_set(e, RG_INPUT, "%s: no person with code \"%s\" (the persons table lists "
			     "them)", option, code);
	return st;
}
