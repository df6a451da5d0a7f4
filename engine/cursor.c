/*
 * cursor.c: the forward cursor of a merge join (cursor.h).
 * Depends on db.h, status.h.
 */
#include "cursor.h"

#include <string.h>

rg_status cursor_seek(cursor *c, const char *code, bool *at, rg_err *e)
{
	rg_status st;

	for (;;) {
		if (!c->ready && !c->done) {
			bool row;
			if ((st = db_step(c->s, &row, e)) != RG_OK)
				return st;
			c->ready = row;
			c->done = !row;
		}
		if (c->done) {
			*at = false;
			return RG_OK;
		}
		int cmp = strcmp(db_col_text(c->s, 0), code);
		if (cmp >= 0) {
			*at = cmp == 0;
			return RG_OK;
		}
		c->ready = false;
	}
}
