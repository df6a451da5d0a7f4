/*
 * cursor.h: one side of a merge join with the points a run reads in code order: a
 * statement whose column 0 is a point's code, its rows in code order, read forward and
 * consumed up to the point at hand.  Rows about points before it are passed over.
 * Depends on db.h, status.h.
 */
#ifndef RG_CURSOR_H
#define RG_CURSOR_H

#include <stdbool.h>

#include "db.h"
#include "status.h"

typedef struct {
	db_stmt *s;  /* the query, bound and ready to step */
	bool ready;  /* s is on a row not yet passed over */
	bool done;   /* s has no rows left */
} cursor;

/*
 * cursor_seek: move c past the rows about points before code, onto the first row about
 * code if there is one; *at tells whether there is.  The row stays ready until the caller
 * passes over it (c->ready = false).  Codes must come in order.  db_step()'s failure.
 */
rg_status cursor_seek(cursor *c, const char *code, bool *at, rg_err *e);

#endif
